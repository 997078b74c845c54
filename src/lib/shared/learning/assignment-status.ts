import { daysUntil, deadlineEnd } from './days';

/** One person's status on one assignment. */
export type AssignmentStatus = 'not-started' | 'in-progress' | 'completed-on-time' | 'completed-late' | 'overdue';

/** Required or only recommended. */
export type AssignmentKind = 'required' | 'recommended';

/** How far ahead a deadline triggers a reminder. */
export const REMINDER_DAYS = 7;

/**
 * A person's status on an assignment at `now`. A course completed before the deadline's end
 * (including before the assignment was made) is on time; after it, late. Not completed after
 * the deadline is overdue whatever was started.
 * @param facts the deadline day and the person's progress on the course
 * @param now the current instant (injectable clock)
 */
export function assignmentStatus(
  facts: { dueDate: string; completedAt: Date | null; started: boolean },
  now: Date,
): AssignmentStatus {
  const end = deadlineEnd(facts.dueDate);
  if (facts.completedAt) return facts.completedAt < end ? 'completed-on-time' : 'completed-late';
  if (now >= end) return 'overdue';
  return facts.started ? 'in-progress' : 'not-started';
}

/** True for both completed statuses. */
export function isCompletedStatus(status: AssignmentStatus): boolean {
  return status === 'completed-on-time' || status === 'completed-late';
}

/** A reminder to show: the deadline has passed, or falls within {@link REMINDER_DAYS}. */
export type Reminder = { kind: 'overdue'; daysLate: number } | { kind: 'due-soon'; daysLeft: number };

/**
 * The reminder for an assignment, computed (never stored): none once the course is completed.
 * @param dueDate yyyy-mm-dd
 * @param status the person's status
 * @param now the current instant
 */
export function reminderFor(dueDate: string, status: AssignmentStatus, now: Date): Reminder | null {
  if (isCompletedStatus(status)) return null;
  const days = daysUntil(dueDate, now);
  if (status === 'overdue') return { kind: 'overdue', daysLate: Math.max(1, -days) };
  return days <= REMINDER_DAYS ? { kind: 'due-soon', daysLeft: Math.max(0, days) } : null;
}

/** Vietnamese names of statuses. */
export const ASSIGNMENT_STATUS_LABELS: Readonly<Record<AssignmentStatus, string>> = {
  'not-started': 'Chưa bắt đầu',
  'in-progress': 'Đang học',
  'completed-on-time': 'Hoàn thành đúng hạn',
  'completed-late': 'Hoàn thành muộn',
  overdue: 'Quá hạn',
};

/** Vietnamese names of assignment kinds. */
export const ASSIGNMENT_KIND_LABELS: Readonly<Record<AssignmentKind, string>> = {
  required: 'Bắt buộc',
  recommended: 'Khuyến khích',
};

/**
 * The reminder as a sentence: "Quá hạn 3 ngày", "Hết hạn hôm nay", "Còn 5 ngày".
 * @param reminder the reminder
 */
export function reminderText(reminder: Reminder): string {
  if (reminder.kind === 'overdue') return `Quá hạn ${reminder.daysLate} ngày`;
  if (reminder.daysLeft === 0) return 'Hết hạn hôm nay';
  if (reminder.daysLeft === 1) return 'Hết hạn ngày mai';
  return `Còn ${reminder.daysLeft} ngày`;
}
