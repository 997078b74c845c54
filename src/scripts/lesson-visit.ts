/**
 * Tells the server that a lesson was opened (lesson progress "started", last visit). A POST,
 * because nothing changes state on GET; the server keeps nothing for anonymous readers and
 * answers 204 either way. Failures are ignored: the visit is a convenience, not a record the
 * learner relies on.
 */
export const VISIT_URL = '/tien-do/bat-dau';

/** Sends the visit of the lesson named by `[data-lesson-visit]`, if the page has one. */
export function recordVisit(root: ParentNode): void {
  const lessonId = root.querySelector<HTMLElement>('[data-lesson-visit]')?.dataset.lessonVisit;
  if (!lessonId) return;
  const body = new URLSearchParams({ lesson: lessonId });
  fetch(VISIT_URL, { method: 'POST', body, credentials: 'same-origin', keepalive: true }).catch(() => {});
}
