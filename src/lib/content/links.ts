/**
 * Addresses and names of content, without `astro:content`: on-demand pages import this, so the
 * server bundle does not carry every lesson (docs/decisions/092-server-pages-without-astro-content.md).
 */
import type { UnitMap } from './units';
import { unitNameAt } from './units';

/** URL of a course page. */
export const courseUrl = (courseId: string): string => `/khoa-hoc/${courseId}/`;
/** URL of a lesson page. */
export const lessonUrl = (courseId: string, lessonId: string): string => `/khoa-hoc/${courseId}/${lessonId}/`;
/** URL of a seminar record. */
export const seminarUrl = (id: string): string => `/toa-dam/${id}/`;
/** URL of a best-practice write-up. */
export const practiceUrl = (id: string): string => `/cach-lam-hay/${id}/`;
/** URL of a unit page. */
export const unitUrl = (id: string): string => `/don-vi/${id}/`;

/**
 * The name of a unit as stored (records keep the name the unit had when they were written).
 * @param units units by id
 * @param unitId unit id
 */
export function unitName(units: UnitMap, unitId: string): string {
  return units.get(unitId)?.name ?? unitId;
}

/**
 * The name of a unit on a given day, following successors after a merger.
 * @param units units by id
 * @param unitId unit id
 * @param at the day (defaults to today)
 */
export function currentUnitName(units: UnitMap, unitId: string, at: Date = new Date()): string {
  return unitNameAt(units, unitId, at) ?? unitId;
}
