import { describe, expect, it } from 'vitest';
import { isUnitValidAt, toUnitMap, unitAncestors, unitNameAt, unitSubtree } from '../../src/lib/content/units';
import { UnitSchema, type Unit } from '../../src/lib/schemas/unit';

const unit = (data: Record<string, unknown>): Unit => UnitSchema.parse(data);

const units = toUnitMap([
  unit({ id: 'toi-cao', name: 'VKSND tối cao', kind: 'toi-cao' }),
  unit({
    id: 'yen-bai',
    name: 'VKSND tỉnh Yên Bái',
    kind: 'tinh',
    parent: 'toi-cao',
    validTo: '2025-06-30',
    successors: ['lao-cai'],
  }),
  unit({
    id: 'lao-cai',
    name: 'VKSND tỉnh Lào Cai',
    kind: 'tinh',
    parent: 'toi-cao',
    validFrom: '2025-07-01',
    predecessors: ['yen-bai'],
  }),
  unit({ id: 'van-yen', name: 'VKSND huyện Văn Yên', kind: 'huyen', parent: 'yen-bai', validTo: '2025-06-30' }),
]);

describe('unit validity', () => {
  it('counts the last day of validity as valid, and the next day as not', () => {
    const yenBai = units.get('yen-bai')!;
    expect(isUnitValidAt(yenBai, new Date('2025-06-30T15:00:00Z'))).toBe(true);
    expect(isUnitValidAt(yenBai, new Date('2025-07-01T00:00:00Z'))).toBe(false);
  });

  it('treats a unit as not yet valid before its first day', () => {
    expect(isUnitValidAt(units.get('lao-cai')!, new Date('2025-06-30'))).toBe(false);
  });
});

describe('unitNameAt', () => {
  it('keeps the old name for days when the old unit existed', () => {
    expect(unitNameAt(units, 'yen-bai', new Date('2024-05-01'))).toBe('VKSND tỉnh Yên Bái');
  });

  it('follows the successor after a merger', () => {
    expect(unitNameAt(units, 'yen-bai', new Date('2025-08-01'))).toBe('VKSND tỉnh Lào Cai');
  });

  it('keeps the old name when no successor has been set yet', () => {
    expect(unitNameAt(units, 'van-yen', new Date('2025-08-01'))).toBe('VKSND huyện Văn Yên');
  });

  it('returns undefined for an unknown unit', () => {
    expect(unitNameAt(units, 'khong-co', new Date())).toBeUndefined();
  });
});

describe('unit hierarchy', () => {
  it('lists a unit and everything below it', () => {
    expect(unitSubtree(units, 'toi-cao')).toEqual(['toi-cao', 'yen-bai', 'lao-cai', 'van-yen']);
    expect(unitSubtree(units, 'yen-bai')).toEqual(['yen-bai', 'van-yen']);
    expect(unitSubtree(units, 'khong-co')).toEqual([]);
  });

  it('lists the parents above a unit, nearest first', () => {
    expect(unitAncestors(units, 'van-yen').map((u) => u.id)).toEqual(['yen-bai', 'toi-cao']);
  });

  it('does not loop forever on a cycle in the data', () => {
    const cyclic = toUnitMap([
      unit({ id: 'a', name: 'A', kind: 'khac', parent: 'b' }),
      unit({ id: 'b', name: 'B', kind: 'khac', parent: 'a' }),
    ]);
    expect(unitAncestors(cyclic, 'a').map((u) => u.id)).toEqual(['b']);
    expect(unitSubtree(cyclic, 'a')).toEqual(['a', 'b']);
  });
});
