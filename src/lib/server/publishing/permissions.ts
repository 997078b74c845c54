/**
 * Who may do what with a record written in the browser:
 * - organisers (and leaders, admins) write records and submit them;
 * - reviewers are admins, and leaders whose unit subtree contains the record's unit;
 * - the author edits while the record is a draft or returned; reviewers edit a submitted
 *   record before publishing it and correct a published one (it stays published);
 * - only the author, reviewers and admins see a record that is not published.
 */
import type { Role } from '../../schemas/account';
import { canAccessUnit } from '../authz';
import type { Database } from '../db';
import type { SessionUser } from '../session';

/** Roles that may write records. */
export const AUTHOR_ROLES: readonly Role[] = ['organiser', 'leader', 'admin'];

/** Record statuses. */
export type RecordStatus = 'draft' | 'submitted' | 'published' | 'returned';

/** What the current person may do with one record. */
export interface Capabilities {
  view: boolean;
  /** Change fields, body and attachments. */
  edit: boolean;
  submit: boolean;
  publish: boolean;
  return: boolean;
  unpublish: boolean;
  /** A reviewer of this record (admin or leader of its unit subtree). */
  reviewer: boolean;
  author: boolean;
}

/** True when the user may write records at all. */
export function canWriteRecords(user: Pick<SessionUser, 'roles'>): boolean {
  return AUTHOR_ROLES.some((r) => user.roles.includes(r));
}

/**
 * Whether the user reviews records of a unit: admins every unit, leaders their unit
 * subtree. A record without a unit yet (an early draft) is reviewed by admins only.
 */
export async function isReviewerOf(database: Database, user: SessionUser, unitId: string | null): Promise<boolean> {
  if (user.roles.includes('admin')) return true;
  if (!unitId) return false;
  return canAccessUnit(database, user, unitId);
}

/**
 * The capabilities of a user on a record (pure: the reviewer question is answered first).
 * @param user the signed-in person
 * @param record the record's author and status
 * @param reviewer whether the user reviews the record's unit
 */
export function capabilities(
  user: Pick<SessionUser, 'id' | 'roles'>,
  record: { authorId: string; status: RecordStatus },
  reviewer: boolean,
): Capabilities {
  const author = record.authorId === user.id && canWriteRecords(user);
  const open = record.status === 'draft' || record.status === 'returned';
  return {
    view: author || reviewer,
    edit: (author && open) || (reviewer && (record.status === 'submitted' || record.status === 'published')),
    submit: author && open,
    publish: reviewer && record.status === 'submitted',
    return: reviewer && record.status === 'submitted',
    unpublish: reviewer && record.status === 'published',
    reviewer,
    author,
  };
}
