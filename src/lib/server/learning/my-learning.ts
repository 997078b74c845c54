import type { CatalogCourse } from '../../shared/learning/catalog';
import type { CourseProgress } from '../../shared/learning/course-progress';
import type { Database } from '../db';
import { listLearnerAssignments, type LearnerAssignment } from './assignments';
import { loadCatalog } from './catalog';
import { listCertificates, type Certificate } from './certificates';
import { listLearnerCourses, type LearningOptions } from './progress';

/** Everything "Học tập của tôi" shows, except the quiz history (owned by the quiz module). */
export interface MyLearning {
  /** Open assignments: not completed first by deadline, completed ones last. */
  assigned: LearnerAssignment[];
  /** Courses started and not completed that no open assignment covers. */
  inProgress: { course: CatalogCourse; progress: CourseProgress }[];
  /** Completed courses with their certificate, newest first. */
  completed: { courseId: string; courseTitle: string; completedAt: Date; certificate: Certificate | null }[];
}

/**
 * The learner's page data in one call. Completed courses come from the certificates (which
 * hold the title as issued), so a course removed from the content still shows.
 */
export async function getMyLearning(
  database: Database,
  userId: string,
  options: LearningOptions = {},
): Promise<MyLearning> {
  const catalog = options.catalog ?? (await loadCatalog());
  const opts = { ...options, catalog };
  const assigned = await listLearnerAssignments(database, userId, opts);
  const done = (a: LearnerAssignment) => a.status === 'completed-on-time' || a.status === 'completed-late';
  assigned.sort((a, b) => Number(done(a)) - Number(done(b)));
  const assignedCourses = new Set(assigned.map((a) => a.courseId));
  const courses = await listLearnerCourses(database, userId, opts);
  const certificates = await listCertificates(database, userId);
  const byCourse = new Map(certificates.map((c) => [c.courseId, c]));
  const completed: MyLearning['completed'] = courses
    .filter((c) => c.progress.completedAt)
    .map((c) => ({
      courseId: c.course.id,
      courseTitle: c.course.title,
      completedAt: c.progress.completedAt as Date,
      certificate: byCourse.get(c.course.id) ?? null,
    }));
  for (const certificate of certificates) {
    if (!completed.some((c) => c.courseId === certificate.courseId)) {
      completed.push({
        courseId: certificate.courseId,
        courseTitle: certificate.courseTitle,
        completedAt: certificate.completedAt,
        certificate,
      });
    }
  }
  completed.sort((a, b) => b.completedAt.getTime() - a.completedAt.getTime());
  return {
    assigned,
    inProgress: courses.filter((c) => !c.progress.completedAt && !assignedCourses.has(c.course.id)),
    completed,
  };
}
