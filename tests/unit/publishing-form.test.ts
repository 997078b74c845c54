import { describe, expect, it } from 'vitest';
import {
  candidateFromPairs,
  changedFields,
  fieldLabel,
  normaliseDate,
  normaliseNumber,
  validateRecord,
  type FormPairs,
  type ReferenceSets,
} from '../../src/lib/server/publishing/editor-form';
import { slugify } from '../../src/lib/server/publishing/records';
import { SeminarSchema } from '../../src/lib/schemas/seminar';

const refs: ReferenceSets = {
  unitIds: new Set(['vksnd-huyen-my-xuyen', 'vksnd-tinh-soc-trang']),
  lessonIds: new Set(['chuan-bi-so-hoa-ho-so']),
  practiceIds: new Set(['van-yen-ung-dung-cntt-2023']),
};

const seminarPairs: FormPairs = [
  ['title', '  Tọa đàm về số hóa hồ sơ  '],
  ['summary', 'Các đơn vị trao đổi kinh nghiệm số hóa hồ sơ vụ án.'],
  ['date', '12/03/2026'],
  ['datePrecision', 'day'],
  ['hostUnit', 'vksnd-huyen-my-xuyen'],
  ['chair.name', 'Nguyễn Văn Phước'],
  ['chair.position', 'Viện trưởng'],
  ['chair.unit', ''],
  ['participants.0.unit', ''],
  ['participants.0.name', ''],
  ['participants.0.role', ''],
  ['participants.1.unit', 'vksnd-tinh-soc-trang'],
  ['participants.1.name', ''],
  ['participants.1.role', 'Phòng nghiệp vụ'],
  ['topics', 'so-hoa-ho-so'],
  ['difficulties.0', ''],
  ['difficulties.1', 'Thiết bị quét chưa đồng bộ.'],
  ['followUps.0.action', 'Lập hướng dẫn đặt tên tệp'],
  ['followUps.0.owner', 'Bộ phận hình sự'],
  ['followUps.0.deadline', ''],
  ['relatedLessons', 'chuan-bi-so-hoa-ho-so'],
  ['body', 'ignored here'],
];

describe('reading the editor form', () => {
  it('turns the posted pairs into frontmatter-shaped fields, dropping blank rows and empty optional fields', () => {
    expect(candidateFromPairs('seminar', seminarPairs)).toEqual({
      title: 'Tọa đàm về số hóa hồ sơ',
      summary: 'Các đơn vị trao đổi kinh nghiệm số hóa hồ sơ vụ án.',
      date: '2026-03-12',
      datePrecision: 'day',
      hostUnit: 'vksnd-huyen-my-xuyen',
      chair: { name: 'Nguyễn Văn Phước', position: 'Viện trưởng' },
      participants: [{ unit: 'vksnd-tinh-soc-trang', role: 'Phòng nghiệp vụ' }],
      basis: [],
      topics: ['so-hoa-ho-so'],
      difficulties: ['Thiết bị quét chưa đồng bộ.'],
      solutions: [],
      conclusions: [],
      followUps: [{ action: 'Lập hướng dẫn đặt tên tệp', owner: 'Bộ phận hình sự' }],
      relatedLessons: ['chuan-bi-so-hoa-ho-so'],
      relatedPractices: [],
    });
  });

  it('produces fields the content schema accepts as they are', () => {
    const candidate = candidateFromPairs('seminar', seminarPairs);
    expect(SeminarSchema.safeParse(candidate).success).toBe(true);
    expect(validateRecord('seminar', candidate, '', refs)).toMatchObject({ ok: true });
  });

  it('stores a date known to the month or year as its first day', () => {
    const month = candidateFromPairs('seminar', [
      ['date', '2024-07-19'],
      ['datePrecision', 'month'],
    ]);
    const year = candidateFromPairs('seminar', [
      ['date', '19/07/2024'],
      ['datePrecision', 'year'],
    ]);
    expect([month.date, year.date]).toEqual(['2024-07-01', '2024-01-01']);
  });

  it('reads dates from pickers and as typed in Vietnam, and keeps impossible ones as typed', () => {
    expect(normaliseDate('2026-3-5')).toBe('2026-03-05');
    expect(normaliseDate('5/3/2026')).toBe('2026-03-05');
    expect(normaliseDate('31/02/2026')).toBe('31/02/2026');
    expect(normaliseDate('hôm qua')).toBe('hôm qua');
  });

  it('reads numbers written the Vietnamese way and keeps text that is not a number', () => {
    expect(normaliseNumber('19')).toBe(19);
    expect(normaliseNumber('2,5')).toBe(2.5);
    expect(normaliseNumber('1.234')).toBe(1234);
    expect(normaliseNumber('1.234,5')).toBe(1234.5);
    expect(normaliseNumber('mười chín')).toBe('mười chín');
  });

  it('strips control characters and bidirectional overrides, and normalises to NFC', () => {
    const decomposed = 'To\u0323a\u0000\u0111a\u0300m\u202e cu\u0309a';
    const candidate = candidateFromPairs('practice', [['title', decomposed]]);
    expect(candidate.title).toBe('Tọa đàm của');
  });
});

describe('validating a record', () => {
  it('answers in Vietnamese, keyed by the name of the field each message belongs to', () => {
    const candidate = candidateFromPairs('seminar', [
      ['title', 'Ngắn'],
      ['date', '31/02/2026'],
      ['participants.0.unit', 'vksnd-tinh-soc-trang'],
      ['participants.0.name', 'Công an huyện'],
      ['participants.0.role', 'Đại diện'],
      ['followUps.0.action', 'Một việc cần làm'],
      ['followUps.0.deadline', '2026-13-40'],
    ]);
    const result = validateRecord('seminar', candidate, '', refs);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      title: 'Cần ít nhất 5 ký tự.',
      summary: 'Vui lòng nhập tóm tắt.',
      date: 'Ngày không hợp lệ: vui lòng chọn hoặc gõ ngày theo dạng dd/mm/yyyy.',
      hostUnit: 'Vui lòng chọn đơn vị tổ chức.',
      'chair.name': 'Vui lòng nhập họ tên người chủ trì.',
      'participants.0': 'Mỗi dòng chọn một đơn vị trong ngành hoặc ghi tên một cơ quan khác, không cả hai.',
      topics: 'Vui lòng chọn ít nhất một chủ đề.',
      'followUps.0.owner': 'Vui lòng nhập người, đơn vị thực hiện.',
      'followUps.0.deadline': 'Ngày không hợp lệ: vui lòng chọn hoặc gõ ngày theo dạng dd/mm/yyyy.',
    });
  });

  it('refuses units, lessons and practices that do not exist', () => {
    const candidate = candidateFromPairs('seminar', [
      ...seminarPairs.filter(([k]) => k !== 'relatedLessons'),
      ['relatedLessons', 'bai-hoc-khong-co'],
      ['relatedPractices', 'khong-co'],
      ['participants.2.unit', 'don-vi-khong-co'],
      ['participants.2.role', 'Khách mời'],
    ]);
    const result = validateRecord('seminar', candidate, '', refs);
    expect(result).toEqual({
      ok: false,
      errors: {
        'participants.1.unit': 'Đơn vị này không có trong danh sách đơn vị.',
        relatedLessons: 'Có bài học không còn trong danh sách: hãy chọn lại.',
        relatedPractices: 'Có cách làm hay không còn trong danh sách: hãy chọn lại.',
      },
    });
  });

  it('asks for a number where a result figure is not one, and checks the period order', () => {
    const candidate = candidateFromPairs('practice', [
      ['title', 'Cách làm hay ở Văn Yên'],
      ['summary', 'Ứng dụng công nghệ thông tin trong mọi khâu công tác kiểm sát.'],
      ['unit', 'vksnd-huyen-my-xuyen'],
      ['period.from', '2023-12-31'],
      ['period.to', '2023-01-01'],
      ['fields', 'hinh-su'],
      ['topics', 'so-do-tu-duy'],
      ['results.0.value', 'mười chín'],
      ['results.0.label', 'vụ án'],
      ['author.name', 'Người viết'],
    ]);
    const invalidNumber = validateRecord('practice', candidate, '', refs);
    expect(invalidNumber).toEqual({
      ok: false,
      errors: { 'results.0.value': 'Vui lòng nhập một con số, ví dụ 19 hoặc 2,5.' },
    });
    const fixed = { ...candidate, results: [{ value: 19, label: 'vụ án' }] };
    expect(validateRecord('practice', fixed, '', refs)).toEqual({
      ok: false,
      errors: { 'period.to': 'Ngày kết thúc phải từ ngày bắt đầu trở về sau.' },
    });
  });

  it('limits lengths the content schemas leave open', () => {
    const candidate = candidateFromPairs('seminar', [...seminarPairs, ['title', 'x'.repeat(300)]]);
    const result = validateRecord('seminar', { ...candidate, title: 'x'.repeat(300) }, 'y'.repeat(100_001), refs);
    expect(result).toMatchObject({
      ok: false,
      errors: { title: 'Tối đa 200 ký tự.', body: expect.stringContaining('Nội dung dài quá') },
    });
  });

  it('names fields with their row for the error summary', () => {
    expect(fieldLabel('seminar', 'followUps.2.deadline')).toBe('Thời hạn (dòng 3)');
    expect(fieldLabel('practice', 'period.from')).toBe('Từ ngày');
  });
});

describe('revisions and public ids', () => {
  it('lists the top-level fields a change touched', () => {
    expect(
      changedFields(
        { title: 'a', topics: ['x'], chair: { name: 'A' } },
        { title: 'a', topics: ['y'], chair: { name: 'B' }, basis: [] },
      ),
    ).toEqual(['topics', 'chair', 'basis']);
  });

  it('makes public ids from Vietnamese titles', () => {
    expect(slugify('Tọa đàm: Số hóa hồ sơ & đường truyền (2026)')).toBe('toa-dam-so-hoa-ho-so-duong-truyen-2026');
    expect(slugify('!!!')).toBe('ban-ghi');
    expect(slugify('từ '.repeat(60)).length).toBeLessThanOrEqual(80);
  });
});
