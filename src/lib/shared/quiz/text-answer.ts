import { foldVietnamese } from '../fold';

export interface TextNormalisationOptions {
  /** Also ignore tone and vowel marks, and treat đ as d. */
  foldDiacritics: boolean;
}

/**
 * Normalises a short-text answer for comparison: NFC, trim, drop sentence punctuation and
 * quotes at either end, collapse internal whitespace, lowercase with Vietnamese rules, put tone marks of "oa/oe/uy" syllables in one place
 * ("hoá" = "hóa"), and when asked fold diacritics ("Điện tử" = "dien tu").
 */
export function normaliseTextAnswer(text: string, options: TextNormalisationOptions): string {
  const basic = text.normalize('NFC').replace(EDGE_PUNCTUATION, '').replace(/\s+/gu, ' ').toLocaleLowerCase('vi');
  if (options.foldDiacritics) return foldVietnamese(basic);
  return basic.split(' ').map(normaliseTonePlacement).join(' ');
}

// Whitespace, and the full stop or quotes a learner may type around an otherwise right answer.
const EDGE_PUNCTUATION = /^[\s.,;:!?…"'“”‘’«»()]+|[\s.,;:!?…"'“”‘’«»()]+$/gu;

const TONE = '[\u0300\u0301\u0303\u0309\u0323]';
// An open syllable ending in oa, oe or uy with the tone mark on either vowel.
const OPEN_GLIDE = new RegExp(`^(.*?)(o|u)(${TONE}?)(a|e|y)(${TONE}?)([^\\p{L}\\p{M}]*)$`, 'u');
const ENDS_WITH_VOWEL_OR_MARK = /[aeiouy\p{M}]$/u;

/**
 * Both "hoá" (new style) and "hóa" (old style) are correct Vietnamese spellings; authors and
 * learners mix them. We move the tone to the first vowel of a final oa/oe/uy (old style).
 * "quý" keeps its tone on y because there u belongs to the consonant "qu".
 */
function normaliseTonePlacement(word: string): string {
  const decomposed = word.normalize('NFD');
  const match = OPEN_GLIDE.exec(decomposed);
  if (!match) return word;
  const [, prefix = '', first = '', tone1 = '', second = '', tone2 = '', tail = ''] = match;
  const pair = first + second;
  if (pair !== 'oa' && pair !== 'oe' && pair !== 'uy') return word;
  if (ENDS_WITH_VOWEL_OR_MARK.test(prefix)) return word;
  if (pair === 'uy' && prefix.endsWith('q')) return word;
  const tone = tone1 || tone2;
  return (prefix + first + tone + second + tail).normalize('NFC');
}
