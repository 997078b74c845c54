import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dFoldTerms, foldVietnamese } from '../../src/lib/shared/fold';

/** The first, regex-only implementation: slow on long pages but obviously right. */
function reference(text: string): string {
  const seen = new Set<string>();
  for (const match of text.normalize('NFC').matchAll(/[\p{L}\p{M}\p{N}]*[đĐ][\p{L}\p{M}\p{N}]*/gu)) {
    seen.add(foldVietnamese(match[0]));
  }
  return [...seen].join(' ');
}

const pieces = fc.constantFrom(
  'đ',
  'Đ',
  'd',
  'điện',
  'Đường',
  'truyền',
  'đồng',
  'bộ',
  ' ',
  ', ',
  '.',
  '\n',
  '1',
  '2đ',
  'x̣',
  'e\u0301',
  '𝐀',
  '😀',
  '\uD800',
  '\uDC00',
  'ß',
  'đĐđ',
  '-',
  '_',
  '\u00A0',
  'ǅ',
);

describe('dFoldTerms', () => {
  it('returns the same words in the same order as the regex implementation for any text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ unit: 'grapheme' })), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(dFoldTerms(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('folds every đ-word of a sentence once, in first-seen order', () => {
    expect(dFoldTerms('Điện tử, đường truyền và điện tử; Đà Nẵng')).toBe('dien duong da');
  });
});
