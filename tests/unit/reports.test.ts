// Pure parts of the leaders' dashboard: filter schema, Nghị định 30 wording, chart geometry,
// counting helpers and filter-keeping links.
import { describe, expect, it } from 'vitest';
import { parseReportDocument, parseReportFilters } from '../../src/lib/schemas/report';
import { layoutBars, layoutLine, niceScale, shorten } from '../../src/lib/shared/reports/charts';
import { filterParams, reportHref, unitHref } from '../../src/lib/shared/reports/links';
import {
  agencyHeading,
  defaultPlace,
  documentDateLine,
  documentNumberLine,
  formatDocumentDate,
} from '../../src/lib/shared/reports/nd30';
import {
  emptyCounts,
  formatPercent,
  measuredStatuses,
  percent,
  statusesOf,
} from '../../src/lib/shared/reports/statuses';

const parse = (query: string) => parseReportFilters(new URLSearchParams(query));

describe('the dashboard filter schema', () => {
  it('accepts an empty query as "everything in my scope, by course"', () => {
    expect(parse('')).toEqual({
      ok: true,
      filters: {
        unitId: undefined,
        columns: 'course',
        courseId: undefined,
        assignmentId: undefined,
        status: undefined,
        position: undefined,
        from: undefined,
        to: undefined,
        expanded: [],
      },
    });
  });

  it('reads every filter and treats empty form values as absent', () => {
    const result = parse(
      'don-vi=vksnd-huyen-my-xuyen&khoa-hoc=so-hoa-ho-so-vu-an&dot-giao=&trang-thai=qua-han&chuc-vu=Kiểm+sát+viên&tu=2026-01-01&den=2026-06-30&mo=a,b,a',
    );
    expect(result.ok && result.filters).toMatchObject({
      unitId: 'vksnd-huyen-my-xuyen',
      courseId: 'so-hoa-ho-so-vu-an',
      assignmentId: undefined,
      status: 'qua-han',
      position: 'Kiểm sát viên',
      from: '2026-01-01',
      to: '2026-06-30',
      expanded: ['a', 'b'],
    });
  });

  it('switches to assignment columns when an assignment is chosen', () => {
    const result = parse('dot-giao=Ab3_x-9');
    expect(result.ok && result.filters.columns).toBe('assignment');
  });

  it('refuses bad values with Vietnamese messages', () => {
    expect(parse('tu=2026-02-30')).toEqual({
      ok: false,
      errors: ['Ngày bắt đầu kỳ báo cáo không hợp lệ (ngày/tháng/năm)'],
    });
    expect(parse('tu=2026-05-01&den=2026-04-01')).toEqual({
      ok: false,
      errors: ['Ngày bắt đầu kỳ báo cáo phải trước hoặc bằng ngày kết thúc'],
    });
    const bad = parse("don-vi=../etc&trang-thai=xong&chuc-vu=Giám đốc&dot-giao=a'b");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors).toHaveLength(4);
  });

  it('cleans the printed report details and splits recipients into lines', () => {
    const result = parseReportDocument(
      new URLSearchParams({
        so: ' 15 ',
        'noi-nhan': '- VKSND tỉnh (để báo cáo);\r\n\r\n- Lưu: VT.',
        ngay: '2026-11-20',
      }),
    );
    expect(result).toEqual({
      ok: true,
      document: {
        so: '15',
        'ky-hieu': undefined,
        'dia-danh': undefined,
        ngay: '2026-11-20',
        'quyen-han-ky': undefined,
        'chuc-vu-ky': undefined,
        'nguoi-ky': undefined,
        'noi-nhan': ['VKSND tỉnh (để báo cáo)', 'Lưu: VT'],
      },
    });
    expect(parseReportDocument(new URLSearchParams({ ngay: '20/11/2026' })).ok).toBe(false);
  });
});

describe('Nghị định 30 wording', () => {
  it('writes agency names out in capitals', () => {
    expect(agencyHeading('VKSND huyện Mỹ Xuyên')).toBe('VIỆN KIỂM SÁT NHÂN DÂN HUYỆN MỸ XUYÊN');
    expect(agencyHeading('Đơn vị minh họa A (dữ liệu mẫu)')).toBe('ĐƠN VỊ MINH HỌA A');
  });

  it('puts a zero before days under 10 and months 1 and 2 only', () => {
    expect(formatDocumentDate('2026-02-05')).toBe('ngày 05 tháng 02 năm 2026');
    expect(formatDocumentDate('2026-03-09')).toBe('ngày 09 tháng 3 năm 2026');
    expect(formatDocumentDate('2026-11-20')).toBe('ngày 20 tháng 11 năm 2026');
    expect(documentDateLine('Mỹ Xuyên', '2026-01-15')).toBe('Mỹ Xuyên, ngày 15 tháng 01 năm 2026');
  });

  it('leaves room for a handwritten number and derives a place from the unit', () => {
    expect(documentNumberLine('15', undefined)).toBe('Số: 15/BC-VKS');
    expect(documentNumberLine(undefined, 'VKS-P1')).toBe(`Số: ${'\u00a0'.repeat(6)}/BC-VKS-P1`);
    expect(defaultPlace({ name: 'VKSND huyện Mỹ Xuyên', shortName: 'Mỹ Xuyên' })).toBe('Mỹ Xuyên');
    expect(defaultPlace({ name: 'VKSND khu vực 3 (mẫu)', shortName: null })).toBe('3');
    expect(defaultPlace({ name: 'VKSND thành phố Cần Thơ', shortName: null })).toBe('Cần Thơ');
  });
});

describe('chart geometry', () => {
  it('scales bars to the 0–100% axis and shortens long labels at a word', () => {
    const { bars, scale, x0 } = layoutBars([
      { label: 'A', value: 50, valueText: '50%' },
      { label: 'B', value: 140, valueText: '140%' },
    ]);
    expect(bars[0]!.width).toBeCloseTo(scale / 2);
    expect(bars[1]!.width).toBeCloseTo(scale);
    expect(bars[1]!.y).toBeGreaterThan(bars[0]!.y);
    expect(x0).toBeGreaterThan(0);
    expect(shorten('Phòng Kiểm sát giải quyết các vụ án hành chính', 20)).toBe('Phòng Kiểm sát…');
  });

  it('draws a line with a nice y axis and thinned x labels', () => {
    expect(niceScale(0)).toEqual({ top: 4, step: 1 });
    expect(niceScale(2400)).toEqual({ top: 3000, step: 1000 });
    expect(niceScale(7)).toEqual({ top: 8, step: 2 });
    const points = Array.from({ length: 45 }, (_, i) => ({ label: `${i + 1}`, value: i % 5 }));
    const line = layoutLine(points);
    expect(line.path.startsWith('M ')).toBe(true);
    expect(line.placed).toHaveLength(45);
    expect(line.xLabels.length).toBeLessThan(15);
    expect(Math.max(...line.placed.map((p) => p.y))).toBeCloseTo(line.baseline);
  });
});

describe('counting and links', () => {
  it('computes percentages with one decimal and nothing for an empty group', () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(0, 0)).toBe(0);
    expect(formatPercent(2, 3)).toBe('66,7%');
    expect(formatPercent(0, 0)).toBe('—');
    expect(emptyCounts().total).toBe(0);
    expect(measuredStatuses(undefined)).toEqual(['completed-on-time', 'completed-late']);
    expect(statusesOf('qua-han')).toEqual(['overdue']);
    expect(statusesOf(undefined)).toHaveLength(5);
  });

  it('keeps the filters in links and drops the unit on a unit page', () => {
    const filters = {
      unitId: 'a',
      columns: 'assignment' as const,
      courseId: 'k',
      status: 'qua-han' as const,
      expanded: ['x', 'y'],
    };
    expect(filterParams(filters).toString()).toBe('don-vi=a&theo=dot-giao&khoa-hoc=k&trang-thai=qua-han&mo=x%2Cy');
    expect(reportHref('/lanh-dao/', filters, { expanded: [] })).toBe(
      '/lanh-dao/?don-vi=a&theo=dot-giao&khoa-hoc=k&trang-thai=qua-han',
    );
    expect(unitHref('b', filters)).toBe('/lanh-dao/don-vi/b/?theo=dot-giao&khoa-hoc=k&trang-thai=qua-han');
  });
});
