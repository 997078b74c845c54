import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkContentReferences, contentReferences } from '../../src/integrations/content-references';
import { findBrokenReferences, type ContentSnapshot } from '../../src/lib/content/references';
import { frontmatterOf, readContentSnapshot } from '../../src/lib/content/read-snapshot';

/** A small consistent content set; each test breaks one thing. */
function validSnapshot(): ContentSnapshot {
  return {
    units: [
      { id: 'tinh', file: 'units.yaml (đơn vị "tinh")', data: {} },
      { id: 'huyen', file: 'units.yaml (đơn vị "huyen")', data: { parent: 'tinh', successors: [] } },
    ],
    courses: [{ id: 'khoa', file: 'src/content/courses/khoa.mdx', data: { lessons: ['bai-1', 'bai-2'] } }],
    lessons: [
      { id: 'bai-1', file: 'src/content/lessons/bai-1.mdx', data: { course: 'khoa', order: 1, prerequisites: [] } },
      {
        id: 'bai-2',
        file: 'src/content/lessons/bai-2.mdx',
        data: { course: 'khoa', order: 2, prerequisites: ['bai-1'] },
      },
    ],
    seminars: [
      {
        id: 'toa-dam',
        file: 'src/content/seminars/toa-dam.mdx',
        data: {
          hostUnit: 'huyen',
          chair: { unit: 'huyen' },
          participants: [{ unit: 'tinh' }, {}],
          relatedLessons: ['bai-1'],
          relatedPractices: ['cach-lam'],
        },
      },
    ],
    practices: [
      {
        id: 'cach-lam',
        file: 'src/content/practices/cach-lam.mdx',
        data: { unit: 'huyen', author: { unit: 'huyen' }, relatedLessons: ['bai-2'] },
      },
    ],
    quizzes: [
      { id: 'bai-1', file: 'src/content/quizzes/bai-1.yaml', data: { for: { kind: 'lesson', id: 'bai-1' } } },
      { id: 'khoa', file: 'src/content/quizzes/khoa.yaml', data: { for: { kind: 'course', id: 'khoa' } } },
    ],
  };
}

const messages = (snapshot: ContentSnapshot): string[] => findBrokenReferences(snapshot).map((e) => e.message);

describe('findBrokenReferences', () => {
  it('finds nothing wrong in consistent content', () => {
    expect(findBrokenReferences(validSnapshot())).toEqual([]);
  });

  it('names the file and the field when a lesson points to a course that does not exist', () => {
    const s = validSnapshot();
    s.lessons.push({ id: 'x', file: 'src/content/lessons/x.mdx', data: { course: 'abc', order: 1 } });
    expect(messages(s)).toEqual(['src/content/lessons/x.mdx: trường "course" trỏ tới khóa học "abc" không tồn tại']);
  });

  it('reports a course listing a lesson that does not exist, with its position', () => {
    const s = validSnapshot();
    s.courses[0]!.data.lessons = ['bai-1', 'bai-2', 'bai-ma'];
    expect(messages(s)).toEqual([
      'src/content/courses/khoa.mdx: trường "lessons[2]" trỏ tới bài học "bai-ma" không tồn tại',
    ]);
  });

  it('reports a lesson whose order disagrees with its place in the course', () => {
    const s = validSnapshot();
    s.lessons[1]!.data.order = 3;
    expect(messages(s)).toEqual([
      'src/content/lessons/bai-2.mdx: trường "order" là 3 nhưng bài học đứng thứ 2 trong danh sách "lessons" của khóa học "khoa"',
    ]);
  });

  it('reports a lesson that names a course which does not list it', () => {
    const s = validSnapshot();
    s.courses[0]!.data.lessons = ['bai-1'];
    expect(messages(s)).toEqual([
      'src/content/lessons/bai-2.mdx: trường "course" là "khoa" nhưng bài học không có trong danh sách "lessons" của khóa học đó',
    ]);
  });

  it('reports a lesson listed by a course other than its own', () => {
    const s = validSnapshot();
    s.courses.push({ id: 'khoa-2', file: 'src/content/courses/khoa-2.mdx', data: { lessons: ['bai-1'] } });
    expect(messages(s)).toEqual([
      'src/content/lessons/bai-1.mdx: trường "course" là "khoa" nhưng khóa học "khoa-2" cũng liệt kê bài học này',
    ]);
  });

  it('reports unknown and self-referencing prerequisites', () => {
    const s = validSnapshot();
    s.lessons[1]!.data.prerequisites = ['bai-ma', 'bai-2'];
    expect(messages(s)).toEqual([
      'src/content/lessons/bai-2.mdx: trường "prerequisites[0]" trỏ tới bài học "bai-ma" không tồn tại',
      'src/content/lessons/bai-2.mdx: trường "prerequisites[1]" không được trỏ tới chính bài học này',
    ]);
  });

  it('checks every unit, lesson and practice a seminar names', () => {
    const s = validSnapshot();
    s.seminars[0]!.data = {
      hostUnit: 'khong-co',
      chair: { unit: 'khong-co-2' },
      participants: [{ unit: 'tinh' }, { unit: 'khong-co-3' }],
      relatedLessons: ['bai-ma'],
      relatedPractices: ['cach-ma'],
    };
    expect(messages(s)).toEqual([
      'src/content/seminars/toa-dam.mdx: trường "hostUnit" trỏ tới đơn vị "khong-co" không tồn tại',
      'src/content/seminars/toa-dam.mdx: trường "chair.unit" trỏ tới đơn vị "khong-co-2" không tồn tại',
      'src/content/seminars/toa-dam.mdx: trường "participants[1].unit" trỏ tới đơn vị "khong-co-3" không tồn tại',
      'src/content/seminars/toa-dam.mdx: trường "relatedLessons[0]" trỏ tới bài học "bai-ma" không tồn tại',
      'src/content/seminars/toa-dam.mdx: trường "relatedPractices[0]" trỏ tới cách làm hay "cach-ma" không tồn tại',
    ]);
  });

  it('checks the unit, author unit and related lessons of a practice', () => {
    const s = validSnapshot();
    s.practices[0]!.data = { unit: 'u1', author: { unit: 'u2' }, relatedLessons: ['bai-ma'] };
    expect(messages(s)).toEqual([
      'src/content/practices/cach-lam.mdx: trường "unit" trỏ tới đơn vị "u1" không tồn tại',
      'src/content/practices/cach-lam.mdx: trường "author.unit" trỏ tới đơn vị "u2" không tồn tại',
      'src/content/practices/cach-lam.mdx: trường "relatedLessons[0]" trỏ tới bài học "bai-ma" không tồn tại',
    ]);
  });

  it('checks the parent, predecessors and successors of units', () => {
    const s = validSnapshot();
    s.units[1]!.data = { parent: 'p', predecessors: ['a'], successors: ['b'] };
    expect(messages(s)).toEqual([
      'units.yaml (đơn vị "huyen"): trường "parent" trỏ tới đơn vị "p" không tồn tại',
      'units.yaml (đơn vị "huyen"): trường "predecessors[0]" trỏ tới đơn vị "a" không tồn tại',
      'units.yaml (đơn vị "huyen"): trường "successors[0]" trỏ tới đơn vị "b" không tồn tại',
    ]);
  });

  it('checks what each quiz is for, against lessons or courses by kind', () => {
    const s = validSnapshot();
    s.quizzes[0]!.data = { for: { kind: 'lesson', id: 'khoa' } };
    s.quizzes[1]!.data = { for: { kind: 'course', id: 'bai-1' } };
    expect(messages(s)).toEqual([
      'src/content/quizzes/bai-1.yaml: trường "for.id" trỏ tới bài học "khoa" không tồn tại',
      'src/content/quizzes/khoa.yaml: trường "for.id" trỏ tới khóa học "bai-1" không tồn tại',
    ]);
  });

  it('reports two entries sharing an id', () => {
    const s = validSnapshot();
    s.units.push({ id: 'tinh', file: 'units.yaml (đơn vị "tinh")', data: {} });
    expect(messages(s)).toEqual([
      'units.yaml (đơn vị "tinh"): trường "id" trùng mã đơn vị "tinh" đã dùng ở units.yaml (đơn vị "tinh")',
    ]);
  });
});

describe('frontmatterOf', () => {
  it('reads the YAML block at the top of an MDX file', () => {
    expect(frontmatterOf('---\ntitle: Bài một\norder: 2\n---\n\n# Nội dung')).toEqual({ title: 'Bài một', order: 2 });
  });

  it('returns an empty object for a file without frontmatter', () => {
    expect(frontmatterOf('# Chỉ có nội dung')).toEqual({});
  });
});

describe('reading a content folder from disk', () => {
  let root: string;

  const write = async (rel: string, text: string): Promise<void> => {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  };

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'content-refs-'));
    await write('src/content/units.yaml', '- id: vksnd-a\n  name: VKSND A\n  kind: huyen\n');
    await write('src/content/courses/khoa.mdx', '---\ntitle: Khóa học\nlessons: [bai-1]\n---\nGiới thiệu\n');
    await write('src/content/lessons/bai-1.mdx', '---\ntitle: Bài 1\ncourse: khoa\norder: 1\n---\nNội dung\n');
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('accepts a consistent folder', async () => {
    expect(await checkContentReferences(root)).toEqual([]);
    const { snapshot } = await readContentSnapshot(root);
    expect(snapshot.lessons.map((l) => l.id)).toEqual(['bai-1']);
    expect(snapshot.units[0]?.file).toBe('src/content/units.yaml (đơn vị "vksnd-a")');
  });

  it('reports a broken lesson file by its path and field', async () => {
    await write('src/content/lessons/x.mdx', '---\ntitle: Bài lạc\ncourse: abc\norder: 1\n---\n');
    expect(await checkContentReferences(root)).toEqual([
      'src/content/lessons/x.mdx: trường "course" trỏ tới khóa học "abc" không tồn tại',
    ]);
  });

  it('reports a seminar naming an unknown unit', async () => {
    await write('src/content/seminars/s.mdx', '---\ntitle: Tọa đàm\nhostUnit: vksnd-khong-co\n---\n');
    expect(await checkContentReferences(root)).toEqual([
      'src/content/seminars/s.mdx: trường "hostUnit" trỏ tới đơn vị "vksnd-khong-co" không tồn tại',
    ]);
  });

  it('reports an invalid quiz file field by field', async () => {
    await write('src/content/quizzes/q.yaml', 'title: Câu hỏi\nfor: { kind: lesson, id: bai-1 }\nquestions: []\n');
    const problems = await checkContentReferences(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^src\/content\/quizzes\/q\.yaml: trường "questions" không hợp lệ/);
  });

  it('reports an unreadable frontmatter instead of crashing', async () => {
    await write('src/content/lessons/hong.mdx', '---\ntitle: [chưa đóng\n---\n');
    const problems = await checkContentReferences(root);
    expect(problems[0]).toMatch(/^src\/content\/lessons\/hong\.mdx: không đọc được phần đầu/);
  });

  it('makes the build fail with every message when a reference is broken', async () => {
    await write('src/content/lessons/x.mdx', '---\ntitle: Bài lạc\ncourse: abc\norder: 1\n---\n');
    const integration = contentReferences();
    const hooks = integration.hooks as Record<string, (options: unknown) => Promise<void> | void>;
    await hooks['astro:config:done']?.({ config: { root: new URL(`file://${root}/`) } });
    const logger = { info: () => undefined, warn: () => undefined };
    await expect(hooks['astro:build:start']?.({ logger })).rejects.toThrow(
      'src/content/lessons/x.mdx: trường "course" trỏ tới khóa học "abc" không tồn tại',
    );
  });

  it('lets the build go on when all references hold', async () => {
    const integration = contentReferences();
    const hooks = integration.hooks as Record<string, (options: unknown) => Promise<void> | void>;
    await hooks['astro:config:done']?.({ config: { root: new URL(`file://${root}/`) } });
    const infos: string[] = [];
    await hooks['astro:build:start']?.({ logger: { info: (m: string) => infos.push(m), warn: () => undefined } });
    expect(infos).toEqual(['Tham chiếu nội dung hợp lệ.']);
  });
});
