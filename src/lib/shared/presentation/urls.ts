/** What can be presented as slides. */
export type PresentationKind = 'lesson' | 'seminar' | 'practice';

const SEGMENT: Record<PresentationKind, string> = {
  lesson: 'bai-hoc',
  seminar: 'toa-dam',
  practice: 'cach-lam-hay',
};

/**
 * URL of the presentation of a lesson, seminar record or practice write-up.
 * @param kind what is presented
 * @param id its content id
 */
export function presentationUrl(kind: PresentationKind, id: string): string {
  return `/trinh-chieu/${SEGMENT[kind]}/${id}/`;
}

/** Every presentation lives under this path (the service worker's scope). */
export const PRESENTATION_SCOPE = '/trinh-chieu/';
