import { eq } from 'drizzle-orm';
import { units, users } from '../../../../db/schema/index';
import type { CatalogCourse } from '../../shared/learning/catalog';
import type { CourseProgress } from '../../shared/learning/course-progress';
import { canAccessUnit } from '../authz';
import type { Database } from '../db';
import { listLearnerAssignments, type LearnerAssignment } from '../learning/assignments';
import { loadCatalog } from '../learning/catalog';
import { listCertificates, type Certificate } from '../learning/certificates';
import { listLearnerCourses } from '../learning/progress';
import { attemptHistory, type AttemptHistoryEntry } from '../quizzes';
import type { SessionUser } from '../session';
import type { ReportOptions } from './report';

/** One person's training record as a leader sees it. */
export interface PersonRecord {
  person: {
    id: string;
    fullName: string;
    username: string;
    position: string;
    unitId: string;
    unitName: string;
    active: boolean;
  };
  /** Open assignments that reach the person, with their status (progress tracking's rule). */
  assigned: LearnerAssignment[];
  /** Courses started or assigned, with each lesson's state. */
  courses: { course: CatalogCourse; progress: CourseProgress; assignment: LearnerAssignment | null }[];
  /** Every quiz attempt, newest first (scores only: never answers or keys). */
  attempts: AttemptHistoryEntry[];
  certificates: Certificate[];
}

/** Outcome of {@link loadPersonRecord}. */
export type PersonRecordResult = { ok: true; record: PersonRecord } | { ok: false; status: 403 | 404 };

/**
 * A person's lessons, assignments, quiz attempts and certificates for the leader dashboard's
 * drill-down, built from the progress and quiz modules' own functions. Scope is checked first
 * with canAccessUnit: a leader gets 403 for anyone outside their unit subtree, and also for an
 * unknown id (existence is not confirmed); an admin gets 404 for an unknown id.
 */
export async function loadPersonRecord(
  database: Database,
  viewer: SessionUser,
  userId: string,
  options: ReportOptions = {},
): Promise<PersonRecordResult> {
  const [person] = await database.db
    .select({
      id: users.id,
      fullName: users.fullName,
      username: users.username,
      position: users.position,
      unitId: users.unitId,
      unitName: units.name,
      active: users.active,
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, userId));
  const isAdmin = viewer.roles.includes('admin');
  if (!person) return { ok: false, status: isAdmin ? 404 : 403 };
  if (!(await canAccessUnit(database, viewer, person.unitId))) return { ok: false, status: 403 };

  const catalog = options.catalog ?? (await loadCatalog());
  const opts = { catalog, now: options.now };
  const assigned = await listLearnerAssignments(database, userId, opts);
  const started = await listLearnerCourses(database, userId, opts);
  const byCourse = new Map(assigned.map((a) => [a.courseId, a]));
  const courses: PersonRecord['courses'] = started.map((c) => ({
    ...c,
    assignment: byCourse.get(c.course.id) ?? null,
  }));
  for (const a of assigned) {
    if (a.course && a.progress && !courses.some((c) => c.course.id === a.courseId))
      courses.push({ course: a.course, progress: a.progress, assignment: a });
  }
  return {
    ok: true,
    record: {
      person,
      assigned,
      courses,
      attempts: await attemptHistory(database, userId),
      certificates: await listCertificates(database, userId),
    },
  };
}
