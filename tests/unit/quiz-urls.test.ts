import { describe, expect, it } from 'vitest';
import { attemptReviewUrl, quizPageUrl, quizStatisticsUrl } from '../../src/lib/shared/quiz/urls';
import { containsWords, decode, keyFieldsIn, normalise } from '../support/leak-scan';

describe('quiz URLs', () => {
  it('put a lesson quiz under its lesson and a final quiz under its course', () => {
    expect(
      quizPageUrl({ targetKind: 'lesson', targetId: 'chuan-bi-so-hoa-ho-so', courseId: 'so-hoa-ho-so-vu-an' }),
    ).toBe('/khoa-hoc/so-hoa-ho-so-vu-an/chuan-bi-so-hoa-ho-so/kiem-tra/');
    expect(quizPageUrl({ targetKind: 'course', targetId: 'so-hoa-ho-so-vu-an', courseId: 'so-hoa-ho-so-vu-an' })).toBe(
      '/khoa-hoc/so-hoa-ho-so-vu-an/kiem-tra-cuoi-khoa/',
    );
    expect(attemptReviewUrl('abc123')).toBe('/tai-khoan/lich-su-kiem-tra/abc123/');
    expect(quizStatisticsUrl('x')).toBe('/quan-tri/thong-ke-cau-hoi/x/');
  });
});

describe('the leak scanner', () => {
  it('finds a key text behind HTML entities and JavaScript escapes', () => {
    const html = 'data-props="{&quot;note&quot;:&quot;Ph\\u1ea3i \\u0111\\u1ecdc h\\u1ebft h\\u1ed3 s\\u01a1&quot;}"';
    expect(containsWords(normalise(decode(html)), normalise('Phải đọc hết hồ sơ'))).toBe(true);
  });

  it('matches whole words only and spots key members of JSON', () => {
    expect(containsWords(normalise('Bảng danh mục'), 'danh mục')).toBe(true);
    expect(containsWords(normalise('tablet'), 'bl')).toBe(false);
    expect(keyFieldsIn('{"answers":{},"text":"a"}')).toEqual([]);
    expect(keyFieldsIn('{"correct": true, "explanation":"x"}')).toEqual(['correct', 'explanation']);
  });
});
