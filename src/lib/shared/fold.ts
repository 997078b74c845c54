/**
 * Vietnamese text folding for search.
 *
 * Pagefind folds tone and vowel marks by itself, but `đ` has no Unicode decomposition,
 * so "dien tu" would never match "điện tử". Pages therefore carry the d-spelled form of
 * their đ-words in a hidden Pagefind metadata field, built with {@link dFoldTerms}.
 */

const COMBINING_MARKS = /\p{M}+/gu;
const D_LETTER = /[đĐ]/g;
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

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
  // Runs on the whole text of every indexed page at build time. A single Unicode-property
  // regex over the text (the obvious way) cost about 1 ms per lesson; finding each đ and
  // growing the word around it touches only đ-words and is about 7 times faster.
  const source = text.normalize('NFC');
  const words = new Set<string>();
  const folded = new Set<string>();
  const finder = new RegExp(D_LETTER.source, 'g');
  for (let match = finder.exec(source); match !== null; match = finder.exec(source)) {
    let start = match.index;
    for (let width = wordCharBefore(source, start); width > 0; width = wordCharBefore(source, start)) start -= width;
    let end = match.index + 1;
    for (let width = wordCharAt(source, end); width > 0; width = wordCharAt(source, end)) end += width;
    finder.lastIndex = end;
    const word = source.slice(start, end);
    if (words.has(word)) continue;
    words.add(word);
    folded.add(foldVietnamese(word));
  }
  return [...folded].join(' ');
}

/** Length (1 or 2 code units) of the letter, mark or digit starting at `index`, or 0. */
function wordCharAt(text: string, index: number): number {
  if (index >= text.length) return 0;
  const char = String.fromCodePoint(text.codePointAt(index)!);
  return WORD_CHAR.test(char) ? char.length : 0;
}

/** Length (1 or 2 code units) of the letter, mark or digit ending just before `index`, or 0. */
function wordCharBefore(text: string, index: number): number {
  if (index <= 0) return 0;
  const low = text.charCodeAt(index - 1);
  const width = low >= 0xdc00 && low <= 0xdfff && index >= 2 ? 2 : 1;
  const char = text.slice(index - width, index);
  return WORD_CHAR.test(char) ? width : 0;
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
