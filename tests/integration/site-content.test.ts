import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSiteContent } from '../../src/lib/server/site-content';
import { projectRoot } from '../support/server';

const root = { rootDir: projectRoot, contentDir: 'src/content' };
const idsIn = (folder: string) =>
  readdirSync(path.join(projectRoot, 'src/content', folder))
    .filter((f) => /\.mdx?$/.test(f))
    .map((f) => f.replace(/\.mdx?$/, ''))
    .sort();

describe('the content on-demand pages read from disk', () => {
  it('has every course, lesson, seminar and practice of the content folder, parsed by their schemas', async () => {
    const content = await loadSiteContent(root);
    expect(content.courses.map((c) => c.id).sort()).toEqual(idsIn('courses'));
    expect(content.lessons.map((l) => l.id).sort()).toEqual(idsIn('lessons'));
    expect(content.seminars.map((s) => s.id).sort()).toEqual(idsIn('seminars'));
    expect(content.practices.map((p) => p.id).sort()).toEqual(idsIn('practices'));
    // Parsed, not raw frontmatter: dates are Dates, as astro:content gives them.
    expect(content.seminars[0]?.data.date).toBeInstanceOf(Date);
    expect(content.practices[0]?.data.period.to).toBeInstanceOf(Date);
  });

  it('offers the editors every lesson of a course, in course order, and knows the units', async () => {
    const content = await loadSiteContent(root);
    const inCourses = content.courses.flatMap((c) => c.data.lessons);
    expect(content.catalog.lessons.map((l) => l.id).sort()).toEqual([...inCourses].sort());
    expect(content.catalog.seminarIds.sort()).toEqual(idsIn('seminars'));
    const host = content.seminars[0]!.data.hostUnit;
    expect(content.unitMap.get(host)?.name).toBeTruthy();
  });

  it('reads the folder once per process', async () => {
    expect(await loadSiteContent(root)).toBe(await loadSiteContent(root));
  });
});
