/**
 * Cross-reference checks over all content: ids that point to other entries must exist,
 * and courses and lessons must agree on membership and order. Zod schemas check each
 * file alone; these checks need the whole set, so they run once per build.
 */

/** One content entry as the checks see it: its id, its source file and its frontmatter. */
export type EntryRef<T> = { id: string; file: string; data: T };

type UnitData = { parent?: string; predecessors?: string[]; successors?: string[] };
type CourseData = { lessons?: string[] };
type LessonData = { course?: string; order?: number; prerequisites?: string[] };
type PersonData = { unit?: string };
type SeminarData = {
  hostUnit?: string;
  chair?: PersonData;
  participants?: { unit?: string }[];
  relatedLessons?: string[];
  relatedPractices?: string[];
};
type PracticeData = { unit?: string; author?: PersonData; relatedLessons?: string[] };
type QuizData = { for?: { kind?: string; id?: string } };

/** Everything the checks need. Frontmatter is loosely typed: schema errors are reported elsewhere. */
export type ContentSnapshot = {
  units: EntryRef<UnitData>[];
  courses: EntryRef<CourseData>[];
  lessons: EntryRef<LessonData>[];
  seminars: EntryRef<SeminarData>[];
  practices: EntryRef<PracticeData>[];
  quizzes: EntryRef<QuizData>[];
};

/** A broken reference: `message` is the full line to print, naming the file and the field. */
export type BrokenReference = { file: string; field: string; message: string };

const KIND_NAMES = {
  unit: 'đơn vị',
  course: 'khóa học',
  lesson: 'bài học',
  practice: 'cách làm hay',
} as const;
type Kind = keyof typeof KIND_NAMES;

/**
 * Finds every broken reference in the content.
 * @param content ids, files and frontmatter of all entries
 * @returns one error per broken reference, in file order; empty when all is well
 */
export function findBrokenReferences(content: ContentSnapshot): BrokenReference[] {
  const errors: BrokenReference[] = [];
  const ids: Record<Kind, Set<string>> = {
    unit: new Set(content.units.map((e) => e.id)),
    course: new Set(content.courses.map((e) => e.id)),
    lesson: new Set(content.lessons.map((e) => e.id)),
    practice: new Set(content.practices.map((e) => e.id)),
  };

  const report = (file: string, field: string, text: string): void => {
    errors.push({ file, field, message: `${file}: trường "${field}" ${text}` });
  };
  const expect = (file: string, field: string, kind: Kind, id: string | undefined): void => {
    if (id === undefined || ids[kind].has(id)) return;
    report(file, field, `trỏ tới ${KIND_NAMES[kind]} "${id}" không tồn tại`);
  };
  const expectAll = (file: string, field: string, kind: Kind, list: readonly string[] | undefined): void => {
    (list ?? []).forEach((id, i) => expect(file, `${field}[${i}]`, kind, id));
  };

  checkDuplicates(content, report);

  for (const { file, data } of content.units) {
    expect(file, 'parent', 'unit', data.parent);
    expectAll(file, 'predecessors', 'unit', data.predecessors);
    expectAll(file, 'successors', 'unit', data.successors);
  }

  // Where each lesson is listed, to check that lessons and courses agree.
  const listedIn = new Map<string, { course: string; position: number }[]>();
  for (const { id, file, data } of content.courses) {
    expectAll(file, 'lessons', 'lesson', data.lessons);
    (data.lessons ?? []).forEach((lessonId, i) => {
      listedIn.set(lessonId, [...(listedIn.get(lessonId) ?? []), { course: id, position: i + 1 }]);
    });
  }

  for (const { id, file, data } of content.lessons) {
    expect(file, 'course', 'course', data.course);
    expectAll(file, 'prerequisites', 'lesson', data.prerequisites);
    (data.prerequisites ?? []).forEach((p, i) => {
      if (p === id) report(file, `prerequisites[${i}]`, 'không được trỏ tới chính bài học này');
    });
    if (data.course === undefined || !ids.course.has(data.course)) continue;
    const listings = listedIn.get(id) ?? [];
    const own = listings.find((l) => l.course === data.course);
    if (!own) {
      report(file, 'course', `là "${data.course}" nhưng bài học không có trong danh sách "lessons" của khóa học đó`);
    } else if (data.order !== undefined && data.order !== own.position) {
      report(
        file,
        'order',
        `là ${data.order} nhưng bài học đứng thứ ${own.position} trong danh sách "lessons" của khóa học "${data.course}"`,
      );
    }
    for (const other of listings.filter((l) => l.course !== data.course)) {
      report(file, 'course', `là "${data.course}" nhưng khóa học "${other.course}" cũng liệt kê bài học này`);
    }
  }

  for (const { file, data } of content.seminars) {
    expect(file, 'hostUnit', 'unit', data.hostUnit);
    expect(file, 'chair.unit', 'unit', data.chair?.unit);
    (data.participants ?? []).forEach((p, i) => expect(file, `participants[${i}].unit`, 'unit', p.unit));
    expectAll(file, 'relatedLessons', 'lesson', data.relatedLessons);
    expectAll(file, 'relatedPractices', 'practice', data.relatedPractices);
  }

  for (const { file, data } of content.practices) {
    expect(file, 'unit', 'unit', data.unit);
    expect(file, 'author.unit', 'unit', data.author?.unit);
    expectAll(file, 'relatedLessons', 'lesson', data.relatedLessons);
  }

  for (const { file, data } of content.quizzes) {
    const target = data.for;
    if (!target?.id) continue;
    if (target.kind === 'lesson') expect(file, 'for.id', 'lesson', target.id);
    if (target.kind === 'course') expect(file, 'for.id', 'course', target.id);
  }

  return errors;
}

function checkDuplicates(content: ContentSnapshot, report: (file: string, field: string, text: string) => void): void {
  const groups: [string, EntryRef<unknown>[]][] = [
    ['đơn vị', content.units],
    ['khóa học', content.courses],
    ['bài học', content.lessons],
    ['tọa đàm', content.seminars],
    ['cách làm hay', content.practices],
  ];
  for (const [name, entries] of groups) {
    const firstFile = new Map<string, string>();
    for (const { id, file } of entries) {
      const first = firstFile.get(id);
      if (first === undefined) firstFile.set(id, file);
      else report(file, 'id', `trùng mã ${name} "${id}" đã dùng ở ${first}`);
    }
  }
}
