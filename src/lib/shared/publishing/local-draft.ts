/**
 * The copy of an editor's unsaved content kept in the browser (localStorage) by the editor
 * island, so that an expired session, a closed tab or a lost connection loses nothing.
 * Pure helpers shared by the island and its tests.
 */

/** Form fields as posted: [name, value] pairs. */
export type DraftPairs = [string, string][];

/** What is stored under the draft key. */
export interface LocalDraft {
  /** When it was written (ms since epoch). */
  savedAt: number;
  pairs: DraftPairs;
}

/** Fields never kept: the action, the version, restore plumbing and files. */
const SKIPPED = new Set(['intent', 'restorePairs', 'version', 'upload']);

/** The localStorage key of an editor for a person ("new:seminar" or a record id). */
export function draftStorageKey(userId: string, draftKey: string): string {
  return `taphuan:ban-nhap:${userId}:${draftKey}`;
}

/** The text fields of a form, as pairs (files and plumbing left out). */
export function formPairs(entries: Iterable<[string, FormDataEntryValue]>): DraftPairs {
  const pairs: DraftPairs = [];
  for (const [name, value] of entries) {
    if (typeof value === 'string' && !SKIPPED.has(name) && !name.startsWith('_rows.')) pairs.push([name, value]);
  }
  return pairs;
}

/** True when two sets of pairs hold the same non-empty values (blank rows do not count). */
export function samePairs(a: DraftPairs, b: DraftPairs): boolean {
  const key = (pairs: DraftPairs) =>
    JSON.stringify(
      pairs
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => `${k}=${v.trim()}`)
        .sort(),
    );
  return key(a) === key(b);
}

/** Reads a stored draft, or null when absent or not in the expected shape. */
export function parseLocalDraft(text: string | null): LocalDraft | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object') return null;
    const { savedAt, pairs } = value as { savedAt?: unknown; pairs?: unknown };
    if (typeof savedAt !== 'number' || !Array.isArray(pairs)) return null;
    const ok = pairs.every(
      (p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string',
    );
    return ok ? { savedAt, pairs: pairs as DraftPairs } : null;
  } catch {
    return null;
  }
}

/** "14:05 ngày 03/11/2026", in the browser's local time. */
export function formatLocalTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())} ngày ${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`;
}
