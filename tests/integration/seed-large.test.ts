// The province-sized seed (npm run seed:large), run small: shape of the data, re-runnable, and
// readable by the dashboard for the seeded leader.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LARGE_ROOT_ID, SAMPLE_COURSES, seedLarge } from '../../db/seed/large';
import { parseReportFilters } from '../../src/lib/schemas/report';
import { loadCatalog } from '../../src/lib/server/learning/catalog';
import { loadReport } from '../../src/lib/server/reports/index';
import { createTestDatabase, type TestDatabase } from '../support/db';

let t: TestDatabase;
const count = async (query: string) => (await t.database.db.all<{ n: number }>(sql.raw(query)))[0]?.n ?? -1;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.cleanup());

describe('the province-sized seed', () => {
  it('writes 40 units under one province, people, 8 courses and their learning data, and can run again', async () => {
    const options = {
      catalog: await loadCatalog(),
      loginPasswordHash: 'not-a-real-hash',
      people: 300,
      now: new Date('2026-11-01T03:00:00Z'),
    };
    const first = await seedLarge(t.database, options);
    const second = await seedLarge(t.database, options);
    expect(second).toMatchObject({ units: 40, people: 300, courses: 8 });
    expect({ ...second, seconds: 0 }).toEqual({ ...first, seconds: 0 });
    expect(await count(`SELECT count(*) AS n FROM units WHERE id = '${LARGE_ROOT_ID}' OR id LIKE 'minh-hoa-%'`)).toBe(
      40,
    );
    expect(await count(`SELECT count(*) AS n FROM users WHERE username LIKE 'mh.%'`)).toBe(298);
    expect(await count('SELECT count(DISTINCT course_id) AS n FROM course_completions')).toBe(8);
    expect(await count('SELECT count(*) AS n FROM certificates')).toBe(second.completions);
    expect(await count('SELECT count(*) AS n FROM quiz_attempts')).toBe(second.quizAttempts);
    expect(second.lessonRows).toBeGreaterThan(300);
  });

  it('gives the seeded province leader a full matrix including the sample courses', async () => {
    const filters = parseReportFilters(new URLSearchParams(''));
    if (!filters.ok) throw new Error('filters');
    const result = await loadReport(t.database, { roles: ['leader'], unitId: LARGE_ROOT_ID }, filters.filters);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.people).toBe(300);
    expect(result.data.columns).toHaveLength(8);
    expect(result.data.courses.map((c) => c.title)).toEqual(expect.arrayContaining(SAMPLE_COURSES.map((c) => c.title)));
    expect(result.data.grand.total).toBe(2400);
    expect(result.data.grand.overdue).toBeGreaterThan(0);
    expect(result.data.grand['completed-on-time']).toBeGreaterThan(0);
  });
});
