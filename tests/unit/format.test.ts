import { describe, expect, it } from 'vitest';
import {
  compareVietnamese,
  formatDate,
  formatDateWithPrecision,
  formatDuration,
  formatFileSize,
  formatHours,
  formatLegalRef,
  formatNumber,
  formatPeriod,
  joinVietnamese,
} from '../../src/lib/shared/format';

describe('formatDate', () => {
  it('writes calendar days as dd/mm/yyyy', () => {
    expect(formatDate(new Date('2021-11-12'))).toBe('12/11/2021');
    expect(formatDate('2025-07-01')).toBe('01/07/2025');
  });

  it('does not shift a content date by the server time zone', () => {
    // Content dates are UTC midnight; a local-time formatter west of UTC would print 11/11.
    expect(formatDate(new Date(Date.UTC(2021, 10, 12)))).toBe('12/11/2021');
  });

  it('returns an empty string for an invalid date', () => {
    expect(formatDate('không phải ngày')).toBe('');
  });
});

describe('formatDateWithPrecision', () => {
  it('shows only what is known of a date', () => {
    const date = new Date('2024-01-01');
    expect(formatDateWithPrecision(date, 'year')).toBe('năm 2024');
    expect(formatDateWithPrecision(date, 'month')).toBe('tháng 01/2024');
    expect(formatDateWithPrecision(date, 'day')).toBe('01/01/2024');
  });
});

describe('formatPeriod', () => {
  it('joins two days with a dash', () => {
    expect(formatPeriod(new Date('2023-01-01'), new Date('2023-12-31'))).toBe('01/01/2023 – 31/12/2023');
  });
});

describe('formatDuration', () => {
  it('writes minutes and hours in Vietnamese', () => {
    expect(formatDuration(45)).toBe('45 phút');
    expect(formatDuration(60)).toBe('1 giờ');
    expect(formatDuration(90)).toBe('1 giờ 30 phút');
    expect(formatDuration(185)).toBe('3 giờ 5 phút');
  });

  it('treats negative durations as zero', () => {
    expect(formatDuration(-5)).toBe('0 phút');
  });
});

describe('numbers and sizes', () => {
  it('uses a comma as the decimal separator and a dot for thousands', () => {
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatHours(1.5)).toBe('1,5 giờ');
  });

  it('writes file sizes in B, KB or MB', () => {
    expect(formatFileSize(850)).toBe('850 B');
    expect(formatFileSize(4565)).toBe('4 KB');
    expect(formatFileSize(2.4 * 1024 * 1024)).toBe('2,4 MB');
  });
});

describe('formatLegalRef', () => {
  it('cites a document by kind, number, date and issuer', () => {
    expect(
      formatLegalRef({ kind: 'Nghị quyết', number: '33/2021/QH15', date: new Date('2021-11-12'), issuer: 'Quốc hội' }),
    ).toBe('Nghị quyết số 33/2021/QH15 ngày 12/11/2021 của Quốc hội');
  });

  it('leaves out the parts that are not known', () => {
    expect(formatLegalRef({ kind: 'Kế hoạch', number: '1982/KH-VKS' })).toBe('Kế hoạch số 1982/KH-VKS');
  });
});

describe('Vietnamese lists and ordering', () => {
  it('joins labels with commas and "và"', () => {
    expect(joinVietnamese([])).toBe('');
    expect(joinVietnamese(['Hình sự'])).toBe('Hình sự');
    expect(joinVietnamese(['Hình sự', 'Dân sự', 'Hành chính'])).toBe('Hình sự, Dân sự và Hành chính');
  });

  it('sorts đ after d and accented letters after their base, as Vietnamese readers expect', () => {
    const names = ['Đông', 'Dung', 'Ân', 'An', 'Bình'];
    expect([...names].sort(compareVietnamese)).toEqual(['An', 'Ân', 'Bình', 'Dung', 'Đông']);
  });
});
