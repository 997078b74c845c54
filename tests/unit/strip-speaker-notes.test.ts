import { describe, expect, it } from 'vitest';
import { dFoldTerms } from '../../src/lib/shared/fold';
import { stripSpeakerNotes } from '../../src/lib/shared/presentation/strip-speaker-notes';

describe('stripping speaker notes from MDX source', () => {
  it('drops every notes block, with its attributes and line breaks, and keeps the rest', () => {
    const source = [
      '## Chuẩn bị',
      'Kiểm tra đường truyền.',
      '<SpeakerNotes>',
      'Nhắc đại biểu về điểm cầu.',
      '</SpeakerNotes>',
      'Đọc kỹ hồ sơ.',
      '<SpeakerNotes title="phụ">Đề nghị đồng chí Đạt</SpeakerNotes>',
    ].join('\n');
    const stripped = stripSpeakerNotes(source);
    expect(stripped).toContain('Kiểm tra đường truyền.');
    expect(stripped).toContain('Đọc kỹ hồ sơ.');
    expect(stripped).not.toContain('đại biểu');
    expect(stripped).not.toContain('Đạt');
  });

  it('keeps words found only in the notes out of the d-folded search terms', () => {
    const source = 'Đường truyền ổn định.\n<SpeakerNotes>Đồng hồ bấm giờ</SpeakerNotes>';
    const terms = dFoldTerms(stripSpeakerNotes(source));
    expect(terms).toContain('duong');
    expect(terms).not.toContain('dong');
  });
});
