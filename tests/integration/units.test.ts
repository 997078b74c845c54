import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { units } from '../../db/schema/index';
import type { Unit } from '../../src/lib/schemas/unit';
import {
  createUnit,
  getUnit,
  isUnitWithin,
  readContentUnits,
  resolveUnit,
  setUnitSuccessors,
  syncUnits,
  unitSubtreeIds,
  updateUnit,
} from '../../src/lib/server/units';
import { useTestDatabase } from '../support/db';

const t = useTestDatabase();

const unitForm = { kind: 'khu-vuc' as const, successorIds: [] as string[] };

describe('units synced from the content file', () => {
  it('are all in the database with their hierarchy and merger links', async () => {
    const content = await readContentUnits('src/content/units.yaml');
    const stored = await t.database.db.select().from(units).where(eq(units.source, 'content'));
    expect(stored.map((u) => u.id).sort()).toEqual(content.map((u) => u.id).sort());
    const soc = await getUnit(t.database, 'vksnd-tinh-soc-trang');
    expect(soc?.successors.map((s) => s.id)).toEqual(['vksnd-tp-can-tho']);
    expect(soc?.validTo).toBe('2025-06-30');
  });

  it('follow renames and new parents in the file, and leave database units alone', async () => {
    const content = await readContentUnits('src/content/units.yaml');
    const renamed: Unit[] = content.map((u) =>
      u.id === 'vksnd-huyen-my-tu' ? { ...u, name: 'VKSND huyện Mỹ Tú (tên mới)', parent: 'vksnd-tp-can-tho' } : u,
    );
    const demoBefore = await getUnit(t.database, 'don-vi-minh-hoa-a');
    expect(await syncUnits(t.database, renamed)).toMatchObject({ ok: true });
    const myTu = await getUnit(t.database, 'vksnd-huyen-my-tu');
    expect(myTu).toMatchObject({ name: 'VKSND huyện Mỹ Tú (tên mới)', parentId: 'vksnd-tp-can-tho' });
    expect(await getUnit(t.database, 'don-vi-minh-hoa-a')).toEqual(demoBefore);
    await syncUnits(t.database, content);
  });

  it('refuse a file whose references point nowhere, writing nothing', async () => {
    const content = await readContentUnits('src/content/units.yaml');
    const broken = [
      ...content,
      { id: 'mo-coi', name: 'Mồ côi', kind: 'huyen', parent: 'khong-co', predecessors: [], successors: [] } as Unit,
    ];
    const result = await syncUnits(t.database, broken);
    expect(result).toMatchObject({ ok: false, reason: 'broken-reference' });
    expect(await getUnit(t.database, 'mo-coi')).toBeNull();
  });

  it('refuse to take over the id of a unit created in the admin pages', async () => {
    const content = await readContentUnits('src/content/units.yaml');
    const clash = [
      ...content,
      { id: 'don-vi-minh-hoa-b', name: 'Trùng', kind: 'huyen', predecessors: [], successors: [] } as Unit,
    ];
    expect(await syncUnits(t.database, clash)).toEqual({ ok: false, reason: 'id-clash', ids: ['don-vi-minh-hoa-b'] });
  });

  it('keep successor links an admin set on a content unit across syncs', async () => {
    expect(await setUnitSuccessors(t.database, 'vksnd-huyen-my-xuyen', ['don-vi-minh-hoa-a'])).toMatchObject({
      ok: true,
    });
    await syncUnits(t.database, await readContentUnits('src/content/units.yaml'));
    const myXuyen = await getUnit(t.database, 'vksnd-huyen-my-xuyen');
    expect(myXuyen?.successors).toEqual([
      { id: 'don-vi-minh-hoa-a', name: 'Đơn vị minh họa A (dữ liệu mẫu)', source: 'database' },
    ]);
  });
});

describe('unit scope', () => {
  it('is the unit and every unit below it (recursive query)', async () => {
    expect((await unitSubtreeIds(t.database, 'don-vi-minh-hoa-a')).sort()).toEqual([
      'bo-phan-minh-hoa-a1',
      'don-vi-minh-hoa-a',
    ]);
    const soc = await unitSubtreeIds(t.database, 'vksnd-tinh-soc-trang');
    expect(soc).toContain('vksnd-huyen-my-xuyen');
    expect(soc).not.toContain('vksnd-huyen-van-yen');
    expect(await isUnitWithin(t.database, 'vksnd-toi-cao', 'bo-phan-minh-hoa-a1')).toBe(true);
    expect(await isUnitWithin(t.database, 'don-vi-minh-hoa-a', 'don-vi-minh-hoa-b')).toBe(false);
    expect(await isUnitWithin(t.database, 'bo-phan-minh-hoa-a1', 'don-vi-minh-hoa-a')).toBe(false);
  });

  it('cannot be made circular by choosing a child as parent', async () => {
    await createUnit(t.database, 'vong-cha', { ...unitForm, name: 'Vòng cha' });
    await createUnit(t.database, 'vong-con', { ...unitForm, name: 'Vòng con', parentId: 'vong-cha' });
    expect(await updateUnit(t.database, 'vong-cha', { ...unitForm, name: 'Vòng cha', parentId: 'vong-con' })).toEqual({
      ok: false,
      reason: 'cycle',
    });
  });

  it('content units are not editable in the admin pages', async () => {
    expect(await updateUnit(t.database, 'vksnd-toi-cao', { ...unitForm, name: 'Khác' })).toEqual({
      ok: false,
      reason: 'content-unit',
    });
  });
});

describe('finding a unit from spreadsheet text', () => {
  const list = [
    { id: 'vksnd-huyen-my-xuyen', name: 'VKSND huyện Mỹ Xuyên', shortName: 'Mỹ Xuyên' },
    { id: 'a', name: 'Phòng Hình sự', shortName: null },
    { id: 'b', name: 'Phòng hình sự', shortName: null },
  ];
  it('matches ids, names and short names without case or diacritics', () => {
    expect(resolveUnit(list, 'vksnd huyen my xuyen')).toEqual({ ok: true, id: 'vksnd-huyen-my-xuyen' });
    expect(resolveUnit(list, 'MỸ XUYÊN')).toEqual({ ok: true, id: 'vksnd-huyen-my-xuyen' });
    expect(resolveUnit(list, 'vksnd-huyen-my-xuyen')).toEqual({ ok: true, id: 'vksnd-huyen-my-xuyen' });
  });
  it('reports ambiguous and unknown names', () => {
    expect(resolveUnit(list, 'phong hinh su')).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(resolveUnit(list, 'Vĩnh Châu')).toEqual({ ok: false, reason: 'unknown' });
  });
});
