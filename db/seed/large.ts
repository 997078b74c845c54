/**
 * A province-sized demo data set for the leaders' dashboard and its benchmark (issue 6):
 * 40 units under one fictional province "tỉnh Minh Họa (dữ liệu mẫu)", 3,000 people with
 * positions, 8 courses (the 5 of the content plus 3 sample course ids, which the learning tables
 * allow because they hold course ids as plain text), lesson progress, completions with their
 * certificates, final-quiz passes and quiz attempts, and assignments with deadlines, some past.
 * Deterministic for a given seed; written in a few large write transactions.
 */
import { eq, inArray, like, or, sql } from 'drizzle-orm';
import type { Database, Tx } from '../client';
import {
  assignments,
  assignmentTargets,
  certificates,
  courseCompletions,
  courseQuizPasses,
  lessonProgress,
  quizAttempts,
  quizzes,
  quizVersions,
  units,
  userRoles,
  users,
} from '../schema/index';
import { QuizSchema, type Quiz } from '../../src/lib/schemas/quiz';
import type { QuizLayout } from '../../src/lib/schemas/quiz-layout';
import { foldVietnamese } from '../../src/lib/shared/fold';
import type { CatalogCourse, CourseCatalog } from '../../src/lib/shared/learning/catalog';
import { composeAttempt } from '../../src/lib/server/quiz/compose-attempt';

/** Root of the seeded province; every seeded unit id starts with {@link LARGE_PREFIX}. */
export const LARGE_ROOT_ID = 'minh-hoa-tinh';
export const LARGE_PREFIX = 'minh-hoa-';
/** Every seeded username starts with this (plus the two leader accounts below). */
export const LARGE_USER_PREFIX = 'mh.';
/** Accounts that can log in (password given to {@link seedLarge}). */
export const LARGE_LOGINS = {
  provinceLeader: 'lanhdao.minhhoa',
  regionLeader: 'lanhdao.khuvuc1',
} as const;

/** Sample courses that exist only in the data (not in src/content), titled on their certificates. */
export const SAMPLE_COURSES: readonly CatalogCourse[] = [
  ['khoa-mau-chu-ky-so', 'Chữ ký số và văn bản điện tử (khóa học mẫu)'],
  ['khoa-mau-an-toan-thong-tin', 'An toàn thông tin khi làm việc trên máy tính (khóa học mẫu)'],
  ['khoa-mau-khai-thac-du-lieu', 'Khai thác cơ sở dữ liệu án trên máy tính (khóa học mẫu)'],
].map(([id, title]) => ({
  id: id!,
  title: title!,
  estimatedHours: 3,
  draft: false,
  finalQuizId: null,
  lessons: [1, 2, 3, 4].map((k) => ({ id: `${id}-bai-${k}`, title: `Bài ${k}`, required: true })),
}));

/** Options of {@link seedLarge}. */
export interface LargeSeedOptions {
  /** The catalog of the content (real course and lesson ids). */
  catalog: CourseCatalog;
  /** argon2 hash given to the two leader accounts. */
  loginPasswordHash: string;
  /** Seed of the pseudo-random generator (default 2026). */
  seed?: number;
  /** "Today" of the data set (default now). */
  now?: Date;
  /** Number of people (default 3,000). */
  people?: number;
}

/** What {@link seedLarge} wrote. */
export interface LargeSeedSummary {
  units: number;
  people: number;
  courses: number;
  lessonRows: number;
  completions: number;
  quizAttempts: number;
  assignments: number;
  seconds: number;
}

/** mulberry32: small, fast, good enough for demo data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Trương',
  'Đinh',
  'Lâm',
  'Mai',
];
const MIDDLE = [
  'Văn',
  'Thị',
  'Hữu',
  'Minh',
  'Ngọc',
  'Thanh',
  'Quốc',
  'Đức',
  'Thu',
  'Hoài',
  'Kim',
  'Công',
  'Xuân',
  'Bảo',
  'Gia',
  'Thùy',
];
const GIVEN = [
  'An',
  'Anh',
  'Bình',
  'Châu',
  'Chi',
  'Cường',
  'Dũng',
  'Duy',
  'Đạt',
  'Đông',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hiền',
  'Hiếu',
  'Hòa',
  'Hùng',
  'Hương',
  'Khánh',
  'Khoa',
  'Lan',
  'Linh',
  'Loan',
  'Long',
  'Mai',
  'Minh',
  'Nam',
  'Nga',
  'Ngân',
  'Nhung',
  'Oanh',
  'Phong',
  'Phúc',
  'Phương',
  'Quang',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Thắng',
  'Thủy',
  'Tiến',
  'Trang',
  'Trung',
  'Tuấn',
  'Tùng',
  'Uyên',
  'Vân',
  'Việt',
  'Vy',
  'Yến',
  'Ánh',
  'Ân',
  'Đức',
  'Ý',
];

const PROVINCE_DIVISIONS = [
  'Văn phòng',
  'Phòng Tổ chức cán bộ',
  'Phòng Thanh tra - Kiểm tra',
  'Phòng Thực hành quyền công tố, kiểm sát điều tra án hình sự',
  'Phòng Thực hành quyền công tố, kiểm sát xét xử án hình sự',
  'Phòng Kiểm sát giải quyết các vụ án hành chính, kinh doanh, thương mại, lao động',
  'Phòng Kiểm sát giải quyết các vụ, việc dân sự, hôn nhân và gia đình',
  'Phòng Kiểm sát thi hành án dân sự',
  'Phòng Kiểm sát tạm giữ, tạm giam và thi hành án hình sự',
];
const REGION_DIVISIONS = ['Bộ phận Văn phòng', 'Bộ phận Hình sự', 'Bộ phận Dân sự - Hành chính', 'Bộ phận Thi hành án'];
const REGIONS = 6;

interface SeedUnit {
  id: string;
  name: string;
  kind: 'tinh' | 'khu-vuc' | 'phong';
  parentId: string | null;
  /** Share of the people (weights) and a training "culture" that shifts completion rates. */
  weight: number;
  diligence: number;
}

function seedUnits(parentOfRoot: string | null, random: () => number): SeedUnit[] {
  const out: SeedUnit[] = [
    {
      id: LARGE_ROOT_ID,
      name: 'VKSND tỉnh Minh Họa (dữ liệu mẫu)',
      kind: 'tinh',
      parentId: parentOfRoot,
      weight: 12,
      diligence: 0.9,
    },
  ];
  PROVINCE_DIVISIONS.forEach((name, i) =>
    out.push({
      id: `${LARGE_PREFIX}p${i + 1}`,
      name: `${name} (tỉnh Minh Họa, mẫu)`,
      kind: 'phong',
      parentId: LARGE_ROOT_ID,
      weight: 30 + Math.round(random() * 20),
      diligence: 0.6 + random() * 0.5,
    }),
  );
  for (let r = 1; r <= REGIONS; r++) {
    const regionId = `${LARGE_PREFIX}kv${r}`;
    out.push({
      id: regionId,
      name: `VKSND khu vực ${r} - tỉnh Minh Họa (mẫu)`,
      kind: 'khu-vuc',
      parentId: LARGE_ROOT_ID,
      weight: 8,
      diligence: 0.7 + random() * 0.3,
    });
    const culture = 0.45 + random() * 0.6;
    REGION_DIVISIONS.forEach((name, d) =>
      out.push({
        id: `${regionId}-bp${d + 1}`,
        name: `${name} - Khu vực ${r} (mẫu)`,
        kind: 'phong',
        parentId: regionId,
        weight: 80 + Math.round(random() * 50),
        diligence: culture * (0.8 + random() * 0.4),
      }),
    );
  }
  return out;
}

function positionFor(unit: SeedUnit, indexInUnit: number, random: () => number): string {
  if (unit.kind === 'tinh' || unit.kind === 'khu-vuc') {
    if (indexInUnit === 0) return 'Viện trưởng';
    if (indexInUnit <= 2) return 'Phó Viện trưởng';
    return random() < 0.5 ? 'Chuyên viên' : 'Kiểm sát viên';
  }
  if (indexInUnit === 0) return unit.name.startsWith('Phòng') ? 'Trưởng phòng' : 'Kiểm sát viên';
  if (indexInUnit === 1 && unit.name.startsWith('Phòng')) return 'Phó Trưởng phòng';
  const x = random();
  if (x < 0.45) return 'Kiểm sát viên';
  if (x < 0.65) return 'Kiểm tra viên';
  if (x < 0.8) return 'Chuyên viên';
  if (x < 0.9) return 'Cán bộ';
  if (x < 0.96) return 'Công chức';
  return 'Nhân viên';
}

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t + 7 * 3_600_000).toISOString().slice(0, 10);

async function insertChunked<T>(tx: Tx, table: Parameters<Tx['insert']>[0], rows: T[], size = 400): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    // Chunks keep each statement well under SQLite's bound-parameter limit.
    await tx.insert(table).values(rows.slice(i, i + size) as never);
  }
}

/**
 * Removes what an earlier run seeded (units with the {@link LARGE_PREFIX} prefix and their
 * people, with everything that hangs off them) inside a write transaction.
 */
export async function removeLargeSeed(tx: Tx): Promise<void> {
  const people = tx
    .select({ id: users.id })
    .from(users)
    .where(or(like(users.username, `${LARGE_USER_PREFIX}%`), inArray(users.username, Object.values(LARGE_LOGINS))));
  await tx.delete(assignments).where(inArray(assignments.createdBy, people));
  await tx.delete(quizAttempts).where(inArray(quizAttempts.userId, people));
  await tx.delete(users).where(inArray(users.id, people));
  await tx.delete(units).where(or(eq(units.id, LARGE_ROOT_ID), like(units.id, `${LARGE_PREFIX}%`)));
}

/**
 * Writes the province-sized data set, replacing an earlier one. Units and people first, then
 * the learning data, each in one write transaction.
 */
export async function seedLarge(database: Database, options: LargeSeedOptions): Promise<LargeSeedSummary> {
  const started = performance.now();
  const random = rng(options.seed ?? 2026);
  const now = (options.now ?? new Date()).getTime();
  const total = options.people ?? 3000;

  const [topUnit] = await database.db.select({ id: units.id }).from(units).where(eq(units.id, 'vksnd-toi-cao'));
  const seedUnitList = seedUnits(topUnit ? topUnit.id : null, random);
  const weightSum = seedUnitList.reduce((s, u) => s + u.weight, 0);

  // People per unit: proportional to the weights, the rounding remainder to the largest units.
  const counts = seedUnitList.map((u) => Math.floor((u.weight / weightSum) * (total - 2)));
  let left = total - 2 - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % counts.length, left--) counts[i]!++;

  type Person = { id: string; username: string; fullName: string; unitId: string; position: string; diligence: number };
  const people: Person[] = [];
  const used = new Set<string>();
  const newName = () => {
    for (;;) {
      const family = FAMILY[Math.floor(random() * FAMILY.length)]!;
      const middle = MIDDLE[Math.floor(random() * MIDDLE.length)]!;
      const given = GIVEN[Math.floor(random() * GIVEN.length)]!;
      const extra = random() < 0.3 ? ` ${MIDDLE[Math.floor(random() * MIDDLE.length)]!}` : '';
      const name = `${family} ${middle}${extra} ${given}`;
      if (!used.has(name) || random() < 0.05) {
        used.add(name);
        return name;
      }
    }
  };
  seedUnitList.forEach((unit, u) => {
    for (let k = 0; k < counts[u]!; k++) {
      const n = people.length + 1;
      people.push({
        id: `u_mh${String(n).padStart(5, '0')}`,
        username: `${LARGE_USER_PREFIX}${String(n).padStart(4, '0')}`,
        fullName: newName(),
        unitId: unit.id,
        position: positionFor(unit, k, random),
        diligence: Math.min(1.4, Math.max(0.1, unit.diligence * (0.6 + random() * 0.8))),
      });
    }
  });
  const provinceLeader: Person = {
    id: 'u_mhlanhdaotinh',
    username: LARGE_LOGINS.provinceLeader,
    fullName: 'Trần Minh Họa',
    unitId: LARGE_ROOT_ID,
    position: 'Viện trưởng',
    diligence: 1.2,
  };
  const regionLeader: Person = {
    id: 'u_mhlanhdaokv1',
    username: LARGE_LOGINS.regionLeader,
    fullName: 'Lê Thị Khu Vực',
    unitId: `${LARGE_PREFIX}kv1`,
    position: 'Viện trưởng',
    diligence: 1.1,
  };
  people.push(provinceLeader, regionLeader);

  const createdAt = new Date(now - 420 * DAY);
  await database.write(async (tx) => {
    await removeLargeSeed(tx);
    await insertChunked(
      tx,
      units,
      seedUnitList.map((u) => ({
        id: u.id,
        name: u.name,
        kind: u.kind,
        parentId: u.parentId,
        note: 'Dữ liệu mẫu cỡ một tỉnh (npm run seed:large); có thể xóa khi triển khai thật.',
        source: 'database' as const,
        nameFolded: foldVietnamese(u.name),
        createdAt,
        updatedAt: createdAt,
      })),
    );
    await insertChunked(
      tx,
      users,
      people.map((p) => {
        const login = p === provinceLeader || p === regionLeader;
        return {
          id: p.id,
          username: p.username,
          fullName: p.fullName,
          searchText: foldVietnamese(`${p.fullName} ${p.username}`),
          unitId: p.unitId,
          position: p.position,
          // Only the two leaders can sign in; the others have no usable password.
          passwordHash: login ? options.loginPasswordHash : '!seeded-without-password',
          active: true,
          mustChangePassword: false,
          createdAt,
          updatedAt: createdAt,
          passwordChangedAt: createdAt,
        };
      }),
    );
    await insertChunked(
      tx,
      userRoles,
      people.flatMap((p) =>
        p === provinceLeader || p === regionLeader
          ? [
              { userId: p.id, role: 'leader' as const },
              { userId: p.id, role: 'learner' as const },
            ]
          : [{ userId: p.id, role: 'learner' as const }],
      ),
    );
  });

  // Courses: the content's published courses (their real lesson ids) and the sample ones.
  const real = [...options.catalog.courses.values()].filter((c) => !c.draft);
  const courses: CatalogCourse[] = [...real, ...SAMPLE_COURSES].slice(0, 8);
  const quizRows = await database.db
    .select({ id: quizzes.id, hash: quizzes.currentVersionHash, definition: quizVersions.definitionJson })
    .from(quizzes)
    .innerJoin(
      quizVersions,
      sql`${quizVersions.quizId} = ${quizzes.id} AND ${quizVersions.versionHash} = ${quizzes.currentVersionHash}`,
    )
    .where(sql`${quizzes.retiredAt} IS NULL`);
  const quizById = new Map<string, { hash: string; layouts: QuizLayout[] }>();
  for (const q of quizRows) {
    const parsed = QuizSchema.safeParse(q.definition);
    if (!parsed.success) continue;
    const quiz: Quiz = parsed.data;
    // A few layouts per quiz, reused: enough variety for demo review pages, fast to seed.
    const layouts = Array.from({ length: 4 }, () => composeAttempt(quiz, random));
    quizById.set(q.id, { hash: q.hash, layouts });
  }

  // Assignments: province-wide and regional, required and recommended, deadlines past and future.
  type Plan = {
    id: string;
    course: CatalogCourse;
    kind: 'required' | 'recommended';
    due: number;
    created: number;
    by: Person;
    owner: string;
    targets: (typeof assignmentTargets.$inferInsert)[];
  };
  const plans: Plan[] = [];
  const plan = (
    i: number,
    courseIndex: number,
    kind: Plan['kind'],
    dueDaysFromNow: number,
    by: Person,
    targets: Omit<typeof assignmentTargets.$inferInsert, 'assignmentId'>[],
  ) => {
    const id = `mh-giao-${String(i).padStart(2, '0')}`;
    const course = courses[courseIndex % courses.length]!;
    const due = now + dueDaysFromNow * DAY;
    plans.push({
      id,
      course,
      kind,
      due,
      created: due - (60 + Math.round(random() * 60)) * DAY,
      by,
      owner: by.unitId,
      targets: targets.map((t) => ({ ...t, assignmentId: id })),
    });
  };
  plan(1, 0, 'required', -120, provinceLeader, [{ kind: 'unit', unitId: LARGE_ROOT_ID, includeSubunits: true }]);
  plan(2, 1, 'required', -30, provinceLeader, [{ kind: 'position', position: 'Kiểm sát viên', unitId: LARGE_ROOT_ID }]);
  plan(3, 2, 'required', 20, provinceLeader, [{ kind: 'unit', unitId: LARGE_ROOT_ID, includeSubunits: true }]);
  plan(4, 3, 'recommended', 45, provinceLeader, [
    { kind: 'position', position: 'Kiểm tra viên', unitId: LARGE_ROOT_ID },
  ]);
  plan(5, 4, 'required', -10, regionLeader, [{ kind: 'unit', unitId: `${LARGE_PREFIX}kv1`, includeSubunits: true }]);
  plan(6, 5, 'recommended', 60, provinceLeader, [
    { kind: 'unit', unitId: `${LARGE_PREFIX}p4`, includeSubunits: false },
    { kind: 'unit', unitId: `${LARGE_PREFIX}p5`, includeSubunits: false },
  ]);
  plan(7, 6, 'required', -60, provinceLeader, [
    { kind: 'unit', unitId: `${LARGE_PREFIX}kv2`, includeSubunits: true },
    { kind: 'unit', unitId: `${LARGE_PREFIX}kv3`, includeSubunits: true },
  ]);
  plan(8, 7, 'recommended', 5, provinceLeader, [{ kind: 'position', position: 'Chuyên viên', unitId: null }]);
  plan(9, 4, 'required', 90, provinceLeader, [
    { kind: 'position', position: 'Phó Viện trưởng', unitId: LARGE_ROOT_ID },
    { kind: 'user', userId: people[5]!.id },
  ]);
  const planByCourse = new Map<string, Plan[]>();
  for (const p of plans) planByCourse.set(p.course.id, [...(planByCourse.get(p.course.id) ?? []), p]);

  const lessonRows: (typeof lessonProgress.$inferInsert)[] = [];
  const completionRows: (typeof courseCompletions.$inferInsert)[] = [];
  const certificateRows: (typeof certificates.$inferInsert)[] = [];
  const passRows: (typeof courseQuizPasses.$inferInsert)[] = [];
  const attemptRows: (typeof quizAttempts.$inferInsert)[] = [];
  const unitName = new Map(seedUnitList.map((u) => [u.id, u.name]));
  const attemptNumbers = new Map<string, number>();
  const newCode = () => {
    // Valid verification codes (the alphabet of learning/certificates.ts), deterministic here.
    const alphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
    const symbols = Array.from({ length: 12 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;
  };
  const addAttempt = (userId: string, quizId: string, at: number, passed: boolean) => {
    const quiz = quizById.get(quizId);
    if (!quiz) return;
    const key = `${userId} ${quizId}`;
    const number = (attemptNumbers.get(key) ?? 0) + 1;
    attemptNumbers.set(key, number);
    const score = passed ? 70 + Math.round(random() * 30) : Math.round(random() * 60);
    attemptRows.push({
      id: `mh${Math.floor(random() * 2 ** 48).toString(36)}${attemptRows.length.toString(36)}`
        .padEnd(24, '0')
        .slice(0, 24),
      userId,
      quizId,
      versionHash: quiz.hash,
      attemptNumber: number,
      layoutJson: quiz.layouts[Math.floor(random() * quiz.layouts.length)]!,
      startedAt: new Date(at - 12 * 60_000),
      submittedAt: new Date(at),
      score,
      earned: score / 10,
      total: 10,
      passed,
      // Per-question grades are left out of seeded attempts (statistics read them as empty).
      gradeJson: null,
    });
  };
  const lessonQuizOf = (lessonId: string) => options.catalog.lessonQuizzes.get(lessonId);

  for (const person of people) {
    for (const course of courses) {
      const assigned = (planByCourse.get(course.id) ?? []).find((p) =>
        p.targets.some(
          (t) =>
            (t.kind === 'user' && t.userId === person.id) ||
            (t.kind === 'position' && t.position === person.position) ||
            t.kind === 'unit',
        ),
      );
      const pull = assigned ? (assigned.kind === 'required' ? 0.35 : 0.15) : 0;
      const pComplete = Math.min(0.92, 0.18 * person.diligence + pull * person.diligence);
      const pStart = Math.min(0.97, pComplete + 0.2 + 0.15 * person.diligence);
      const x = random();
      if (x >= pStart) continue;
      const complete = x < pComplete;
      const required = course.lessons.filter((l) => l.required);
      // Completions spread over the last 13 months; assigned ones cluster around the deadline.
      const end =
        assigned && random() < 0.8
          ? Math.min(now - DAY, assigned.due + (random() - 0.75) * 40 * DAY)
          : now - Math.floor(random() * 395) * DAY - Math.floor(random() * DAY);
      const span = (3 + random() * 25) * DAY;
      const begin = end - span;
      const lessonsDone = complete ? required.length : Math.floor(random() * required.length);
      let latest = begin;
      course.lessons.forEach((lesson, i) => {
        const touched =
          i < lessonsDone || (i === lessonsDone && !complete) || (complete && !lesson.required && random() < 0.5);
        if (!touched) return;
        const startedAt = begin + (i / Math.max(1, course.lessons.length)) * span;
        const doneHere = lesson.required ? i < lessonsDone : complete && random() < 0.5;
        const completedAt = doneHere ? Math.min(end, startedAt + random() * DAY) : null;
        const quizId = lessonQuizOf(lesson.id);
        const byQuiz = completedAt !== null && quizId !== undefined && random() < 0.35;
        if (byQuiz && quizId) {
          if (random() < 0.25) addAttempt(person.id, quizId, completedAt! - 3_600_000, false);
          addAttempt(person.id, quizId, completedAt!, true);
        }
        if (completedAt) latest = Math.max(latest, completedAt);
        lessonRows.push({
          userId: person.id,
          lessonId: lesson.id,
          courseId: course.id,
          startedAt: new Date(startedAt),
          lastVisitedAt: new Date(Math.min(now, (completedAt ?? startedAt) + random() * 3 * DAY)),
          completedAt: completedAt === null ? null : new Date(completedAt),
          completedBy: completedAt === null ? null : byQuiz ? 'quiz' : 'manual',
        });
      });
      if (!complete) {
        if (course.finalQuizId && random() < 0.2) addAttempt(person.id, course.finalQuizId, begin + span / 2, false);
        continue;
      }
      let completedAt = Math.max(latest, end);
      if (course.finalQuizId) {
        if (random() < 0.3) addAttempt(person.id, course.finalQuizId, completedAt - 2 * 3_600_000, false);
        addAttempt(person.id, course.finalQuizId, completedAt, true);
        passRows.push({ userId: person.id, courseId: course.id, passedAt: new Date(completedAt) });
      }
      completedAt = Math.min(completedAt, now - 60_000);
      completionRows.push({
        userId: person.id,
        courseId: course.id,
        completedAt: new Date(completedAt),
        recordedAt: new Date(completedAt),
      });
      certificateRows.push({
        code: newCode(),
        userId: person.id,
        courseId: course.id,
        fullName: person.fullName,
        position: person.position,
        unitName: unitName.get(person.unitId) ?? '',
        courseTitle: course.title,
        hours: course.estimatedHours,
        completedAt: new Date(completedAt),
        issuedAt: new Date(completedAt),
      });
    }
  }

  await database.write(async (tx) => {
    await insertChunked(
      tx,
      assignments,
      plans.map((p) => ({
        id: p.id,
        courseId: p.course.id,
        kind: p.kind,
        dueDate: isoDay(p.due),
        note: 'Đợt giao mẫu (dữ liệu mẫu).',
        createdBy: p.by.id,
        ownerUnitId: p.owner,
        createdAt: new Date(p.created),
      })),
    );
    await insertChunked(
      tx,
      assignmentTargets,
      plans.flatMap((p) => p.targets),
    );
    await insertChunked(tx, lessonProgress, lessonRows);
    await insertChunked(tx, courseQuizPasses, passRows);
    await insertChunked(tx, courseCompletions, completionRows);
    await insertChunked(tx, certificates, certificateRows);
    await insertChunked(tx, quizAttempts, attemptRows, 200);
  });

  return {
    units: seedUnitList.length,
    people: people.length,
    courses: courses.length,
    lessonRows: lessonRows.length,
    completions: completionRows.length,
    quizAttempts: attemptRows.length,
    assignments: plans.length,
    seconds: (performance.now() - started) / 1000,
  };
}
