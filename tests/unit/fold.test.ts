import { describe, expect, it } from 'vitest';
import { dFoldTerms, foldVietnamese, searchQueries } from '../../src/lib/shared/fold';

describe('foldVietnamese', () => {
  it('removes tone and vowel marks and lowercases', () => {
    expect(foldVietnamese('Số hóa hồ sơ')).toBe('so hoa ho so');
    expect(foldVietnamese('Công bố, trình chiếu chứng cứ')).toBe('cong bo, trinh chieu chung cu');
  });

  it('turns đ and Đ into d, which Unicode decomposition alone does not do', () => {
    expect('đ'.normalize('NFD')).toBe('đ');
    expect(foldVietnamese('Điện tử')).toBe('dien tu');
    expect(foldVietnamese('ĐƯỜNG TRUYỀN')).toBe('duong truyen');
  });

  it('gives the same result for composed and decomposed input', () => {
    const composed = 'Viện kiểm sát';
    expect(foldVietnamese(composed.normalize('NFD'))).toBe(foldVietnamese(composed));
  });

  it('leaves plain ASCII text unchanged apart from case', () => {
    expect(foldVietnamese('OCR 300 dpi')).toBe('ocr 300 dpi');
  });
});

describe('dFoldTerms', () => {
  it('lists the folded form of each word that contains đ, once each', () => {
    expect(dFoldTerms('Đường truyền ổn định, thiết bị điện tử và đường dây')).toBe('duong dinh dien');
  });

  it('is empty when the text has no đ', () => {
    expect(dFoldTerms('Số hóa hồ sơ vụ án')).toBe('');
  });

  it('finds đ in decomposed text', () => {
    expect(dFoldTerms('điện'.normalize('NFD'))).toBe('dien');
  });
});

describe('searchQueries', () => {
  it('normalises spaces and Unicode form of the query', () => {
    expect(searchQueries('  số   hóa '.normalize('NFD')).primary).toBe('số hóa');
  });

  it('proposes the đ spelling of word-initial d so "dien tu" also matches "điện tử" in the text', () => {
    expect(searchQueries('dien tu').dVariant).toBe('đien tu');
    expect(searchQueries('Duong truyen').dVariant).toBe('Đuong truyen');
    expect(searchQueries('video').dVariant).toBeNull();
  });

  it('does not propose a đ variant when the user already typed đ', () => {
    expect(searchQueries('điện dung').dVariant).toBeNull();
  });

  it('proposes a fully folded fallback only when folding changes the query', () => {
    expect(searchQueries('Điện tử').fallback).toBe('dien tu');
    expect(searchQueries('so hoa').fallback).toBeNull();
  });
});
