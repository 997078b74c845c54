import { describe, expect, it } from 'vitest';
import {
  filterOptions,
  filterRecords,
  parseRecordFilter,
  yearsBetween,
  type RecordSummary,
} from '../../src/lib/content/records';
import { toUnitMap } from '../../src/lib/content/units';
import { UnitSchema } from '../../src/lib/schemas/unit';

const units = toUnitMap(
  [
    { id: 'toi-cao', name: 'VKSND tối cao', kind: 'toi-cao' },
    { id: 'soc-trang', name: 'VKSND tỉnh Sóc Trăng', kind: 'tinh', parent: 'toi-cao' },
    { id: 'my-xuyen', name: 'VKSND huyện Mỹ Xuyên', kind: 'huyen', parent: 'soc-trang' },
    { id: 'yen-bai', name: 'VKSND tỉnh Yên Bái', kind: 'tinh', parent: 'toi-cao' },
    { id: 'van-yen', name: 'VKSND huyện Văn Yên', kind: 'huyen', parent: 'yen-bai' },
  ].map((u) => UnitSchema.parse(u)),
);

const record = (id: string, unitId: string, topics: RecordSummary['topics'], years: number[]): RecordSummary => ({
  kind: 'practice',
  id,
  url: `/cach-lam-hay/${id}/`,
  title: id,
  summary: '',
  unitId,
  unitName: units.get(unitId)?.name ?? unitId,
  topics,
  years,
  dateLabel: '',
  sortDate: new Date(`${years[0]}-01-01`),
});

const records = [
  record('van-yen-2023', 'van-yen', ['so-hoa-ho-so', 'xet-xu-truc-tuyen'], [2023]),
  record('my-xuyen-2024', 'my-xuyen', ['trinh-chieu-chung-cu'], [2024]),
];

describe('parseRecordFilter', () => {
  it('reads the Vietnamese query parameters', () => {
    const parsed = parseRecordFilter(new URLSearchParams('don-vi=van-yen&chu-de=so-hoa-ho-so&nam=2023'));
    expect(parsed).toEqual({ filter: { unit: 'van-yen', topic: 'so-hoa-ho-so', year: 2023 }, invalid: [] });
  });

  it('treats empty parameters as "all"', () => {
    expect(parseRecordFilter(new URLSearchParams('don-vi=&chu-de=&nam='))).toEqual({ filter: {}, invalid: [] });
  });

  it('drops and names each invalid parameter but keeps the valid ones', () => {
    const parsed = parseRecordFilter(new URLSearchParams('don-vi=<script>&chu-de=khong-co&nam=2023'));
    expect(parsed).toEqual({ filter: { year: 2023 }, invalid: ['don-vi', 'chu-de'] });
    expect(parseRecordFilter(new URLSearchParams('nam=hai-nghin')).invalid).toEqual(['nam']);
  });
});

describe('filterRecords', () => {
  it('keeps everything without filters', () => {
    expect(filterRecords(records, {}, units)).toHaveLength(2);
  });

  it('filters by unit, including the units below the chosen one', () => {
    expect(filterRecords(records, { unit: 'van-yen' }, units).map((r) => r.id)).toEqual(['van-yen-2023']);
    expect(filterRecords(records, { unit: 'soc-trang' }, units).map((r) => r.id)).toEqual(['my-xuyen-2024']);
    expect(filterRecords(records, { unit: 'toi-cao' }, units)).toHaveLength(2);
  });

  it('filters by topic and year together', () => {
    expect(filterRecords(records, { topic: 'so-hoa-ho-so', year: 2023 }, units).map((r) => r.id)).toEqual([
      'van-yen-2023',
    ]);
    expect(filterRecords(records, { topic: 'so-hoa-ho-so', year: 2024 }, units)).toEqual([]);
  });
});

describe('filterOptions', () => {
  it('offers the units that have records with their parents, as a tree', () => {
    const { units: options, years } = filterOptions(records, units);
    expect(options.map((o) => `${o.depth}:${o.id}`)).toEqual([
      '0:toi-cao',
      '1:soc-trang',
      '2:my-xuyen',
      '1:yen-bai',
      '2:van-yen',
    ]);
    expect(years).toEqual([2024, 2023]);
  });

  it('keeps a unit chosen in the URL selectable even without records', () => {
    const only = filterOptions([records[0]!], units, 'my-xuyen');
    expect(only.units.map((o) => o.id)).toContain('my-xuyen');
  });
});

describe('yearsBetween', () => {
  it('lists every calendar year a period touches', () => {
    expect(yearsBetween(new Date('2023-10-01'), new Date('2025-03-31'))).toEqual([2023, 2024, 2025]);
  });
});
