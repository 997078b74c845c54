/**
 * Vietnamese text folding for search.
 *
 * Pagefind folds tone and vowel marks by itself, but `đ` has no Unicode decomposition,
 * so "dien tu" would never match "điện tử". Pages therefore carry the d-spelled form of
 * their đ-words in a hidden Pagefind metadata field, built with {@link dFoldTerms}.
 */

const COMBINING_MARKS = /\p{M}+/gu;
const D_WORD = /[\p{L}\p{M}\p{N}]*[đĐ][\p{L}\p{M}\p{N}]*/gu;

/**
 * Removes Vietnamese diacritics and lowercases: "Điện Tử" → "dien tu".
 * @param text any text
 * @returns lowercase text without tone marks, vowel marks or đ
 */
export function foldVietnamese(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

/**
 * Collects the folded forms of every word containing đ/Đ, deduplicated, in first-seen order.
 * Only those words need help: Pagefind already matches all other words without diacritics.
 * @param text the page's searchable text (title, summary, body source, …)
 * @returns space-separated folded words, e.g. "dien duong"; empty when there is no đ
 */
export function dFoldTerms(text: string): string {
  const seen = new Set<string>();
  for (const match of text.normalize('NFC').matchAll(D_WORD)) {
    seen.add(foldVietnamese(match[0]));
  }
  return [...seen].join(' ');
}

/** Queries to run for what the user typed. */
export type SearchQueries = {
  /** The query as typed, normalised. */
  primary: string;
  /**
   * The query with word-initial d spelled đ (in Vietnamese đ only starts a syllable), run
   * alongside the primary query so pages match on their real text and excerpts highlight
   * the đ-words; `null` when the query has no such d or already has a đ.
   */
  dVariant: string | null;
  /** The fully folded query, run only when the others find nothing; `null` when no different. */
  fallback: string | null;
};

/**
 * Normalises a search query (NFC, trimmed, single spaces) and derives the extra queries
 * that make "dien tu" rank pages about "điện tử" first.
 * @param query raw user input
 */
export function searchQueries(query: string): SearchQueries {
  const primary = query.normalize('NFC').replace(/\s+/g, ' ').trim();
  const hasD = /(^|[^\p{L}\p{M}])[dD]/u.test(primary);
  const dVariant =
    hasD && !/[đĐ]/.test(primary)
      ? primary.replace(
          /(^|[^\p{L}\p{M}])([dD])/gu,
          (_m, before: string, d: string) => before + (d === 'd' ? 'đ' : 'Đ'),
        )
      : null;
  const folded = foldVietnamese(primary);
  return { primary, dVariant, fallback: folded && folded !== primary.toLowerCase() ? folded : null };
}
