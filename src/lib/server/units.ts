import { readFile } from 'node:fs/promises';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { parse } from 'yaml';
import { unitLinks, units } from '../../../db/schema/index';
import { z } from 'astro/zod';
import { UnitSchema, type Unit, type UnitKind } from '../schemas/unit';
import { foldVietnamese } from '../shared/fold';
import type { Database, Tx } from './db';

/** What the admin pages give to create or edit a unit (UnitForm's output fits). */
export interface UnitInput {
  name: string;
  shortName?: string;
  kind: UnitKind;
  parentId?: string;
  validFrom?: string;
  validTo?: string;
  note?: string;
  successorIds: string[];
}

/** A unit as stored. */
export interface UnitRecord {
  id: string;
  name: string;
  shortName: string | null;
  kind: string;
  parentId: string | null;
  validFrom: string | null;
  validTo: string | null;
  note: string | null;
  source: 'content' | 'database';
}

/** A unit with its links, for the admin pages. */
export interface UnitDetail extends UnitRecord {
  predecessors: { id: string; name: string; source: 'content' | 'database' }[];
  successors: { id: string; name: string; source: 'content' | 'database' }[];
}

const isoDay = (d: Date | undefined) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * Reads and validates the units content file (src/content/units.yaml, or
 * `$CONTENT_DIR/units.yaml`) with the same schema as the content collection.
 */
export async function readContentUnits(path = defaultUnitsFile()): Promise<Unit[]> {
  const data: unknown = parse(await readFile(path, 'utf8'));
  return z.array(UnitSchema).parse(data);
}

/** Path of the units content file. */
export function defaultUnitsFile(): string {
  return `${process.env.CONTENT_DIR ?? 'src/content'}/units.yaml`;
}

/** Outcome of {@link syncUnits}. */
export type SyncUnitsResult =
  | { ok: true; upserted: number; links: number }
  | { ok: false; reason: 'id-clash'; ids: string[] }
  | { ok: false; reason: 'broken-reference'; problems: string[] };

/**
 * Makes the database agree with the content file: content units are upserted (renames,
 * new parents, validity), content links rebuilt; units and links created in the admin pages
 * are left alone. One write transaction: a half-synced hierarchy is never visible.
 */
export async function syncUnits(database: Database, contentUnits: Unit[]): Promise<SyncUnitsResult> {
  const ids = new Set(contentUnits.map((u) => u.id));
  const problems: string[] = [];
  for (const unit of contentUnits) {
    for (const [field, refs] of [
      ['parent', unit.parent ? [unit.parent] : []],
      ['predecessors', unit.predecessors],
      ['successors', unit.successors],
    ] as const) {
      for (const ref of refs)
        if (!ids.has(ref)) problems.push(`đơn vị "${unit.id}": trường "${field}" trỏ tới "${ref}" không tồn tại`);
    }
  }
  if (problems.length > 0) return { ok: false, reason: 'broken-reference', problems };

  return database.write(async (tx) => {
    const clashes = await tx
      .select({ id: units.id })
      .from(units)
      .where(and(inArray(units.id, [...ids]), eq(units.source, 'database')));
    if (clashes.length > 0) return { ok: false, reason: 'id-clash', ids: clashes.map((c) => c.id) } as const;
    const now = new Date();
    for (const unit of contentUnits) {
      const values = {
        name: unit.name,
        shortName: unit.shortName ?? null,
        kind: unit.kind,
        parentId: unit.parent ?? null,
        validFrom: isoDay(unit.validFrom),
        validTo: isoDay(unit.validTo),
        note: unit.note ?? null,
        nameFolded: foldVietnamese(unit.name),
        updatedAt: now,
      };
      await tx
        .insert(units)
        .values({ id: unit.id, source: 'content', createdAt: now, ...values })
        .onConflictDoUpdate({ target: units.id, set: values });
    }
    await tx.delete(unitLinks).where(eq(unitLinks.source, 'content'));
    const links = new Map<string, { predecessorId: string; successorId: string }>();
    for (const unit of contentUnits) {
      for (const s of unit.successors) links.set(`${unit.id}>${s}`, { predecessorId: unit.id, successorId: s });
      for (const p of unit.predecessors) links.set(`${p}>${unit.id}`, { predecessorId: p, successorId: unit.id });
    }
    if (links.size > 0) {
      await tx
        .insert(unitLinks)
        .values([...links.values()].map((l) => ({ ...l, source: 'content' as const })))
        // An admin may have set the same link before the content file did: the file wins.
        .onConflictDoUpdate({ target: [unitLinks.predecessorId, unitLinks.successorId], set: { source: 'content' } });
    }
    return { ok: true, upserted: contentUnits.length, links: links.size } as const;
  });
}

/**
 * Ids of a unit and every unit below it (a leader's scope), by a recursive CTE. Cycles in
 * bad data cannot loop forever: UNION drops rows already seen.
 */
export async function unitSubtreeIds(database: Database | Tx, unitId: string): Promise<string[]> {
  const db = 'db' in database ? database.db : database;
  const rows = await db.all<{ id: string }>(sql`
    WITH RECURSIVE subtree(id) AS (
      SELECT id FROM units WHERE id = ${unitId}
      UNION
      SELECT u.id FROM units u JOIN subtree s ON u.parent_id = s.id
    )
    SELECT id FROM subtree`);
  return rows.map((r) => r.id);
}

/** True when `unitId` is `scopeUnitId` or below it. */
export async function isUnitWithin(database: Database, scopeUnitId: string, unitId: string): Promise<boolean> {
  const rows = await database.db.all<{ hit: number }>(sql`
    WITH RECURSIVE ancestors(id, parent_id) AS (
      SELECT id, parent_id FROM units WHERE id = ${unitId}
      UNION
      SELECT u.id, u.parent_id FROM units u JOIN ancestors a ON u.id = a.parent_id
    )
    SELECT 1 AS hit FROM ancestors WHERE id = ${scopeUnitId} LIMIT 1`);
  return rows.length > 0;
}

const unitColumns = {
  id: units.id,
  name: units.name,
  shortName: units.shortName,
  kind: units.kind,
  parentId: units.parentId,
  validFrom: units.validFrom,
  validTo: units.validTo,
  note: units.note,
  source: units.source,
};

/** All units, parents before children, siblings in Vietnamese name order, with their depth. */
export async function listUnitTree(database: Database): Promise<(UnitRecord & { depth: number })[]> {
  const all = await database.db.select(unitColumns).from(units);
  const collator = new Intl.Collator('vi');
  const children = new Map<string | null, UnitRecord[]>();
  const ids = new Set(all.map((u) => u.id));
  for (const unit of all) {
    // Orphans (parent missing) are listed at the top level rather than hidden.
    const key = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    children.set(key, [...(children.get(key) ?? []), unit]);
  }
  const out: (UnitRecord & { depth: number })[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const unit of (children.get(parent) ?? []).sort((a, b) => collator.compare(a.name, b.name))) {
      if (seen.has(unit.id)) continue;
      seen.add(unit.id);
      out.push({ ...unit, depth });
      walk(unit.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** One unit with its predecessor and successor links. */
export async function getUnit(database: Database, id: string): Promise<UnitDetail | null> {
  const [unit] = await database.db.select(unitColumns).from(units).where(eq(units.id, id));
  if (!unit) return null;
  const links = await database.db
    .select({ predecessorId: unitLinks.predecessorId, successorId: unitLinks.successorId, source: unitLinks.source })
    .from(unitLinks)
    .where(or(eq(unitLinks.predecessorId, id), eq(unitLinks.successorId, id)));
  const otherIds = links.map((l) => (l.predecessorId === id ? l.successorId : l.predecessorId));
  const names = new Map(
    otherIds.length
      ? (
          await database.db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, otherIds))
        ).map((u) => [u.id, u.name] as const)
      : [],
  );
  return {
    ...unit,
    predecessors: links
      .filter((l) => l.successorId === id)
      .map((l) => ({ id: l.predecessorId, name: names.get(l.predecessorId) ?? l.predecessorId, source: l.source })),
    successors: links
      .filter((l) => l.predecessorId === id)
      .map((l) => ({ id: l.successorId, name: names.get(l.successorId) ?? l.successorId, source: l.source })),
  };
}

/** Outcome of unit changes in the admin pages. */
export type UnitChangeResult =
  | { ok: true; id: string }
  | { ok: false; reason: 'id-taken' | 'not-found' | 'content-unit' | 'unknown-parent' | 'cycle' | 'unknown-successor' };

async function checkParentAndSuccessors(
  tx: Tx,
  id: string,
  parentId: string | undefined,
  successorIds: string[],
): Promise<UnitChangeResult | null> {
  if (parentId) {
    if (parentId === id) return { ok: false, reason: 'cycle' };
    const [parent] = await tx.select({ id: units.id }).from(units).where(eq(units.id, parentId));
    if (!parent) return { ok: false, reason: 'unknown-parent' };
    // The new parent must not sit below this unit.
    if ((await unitSubtreeIds(tx, id)).includes(parentId)) return { ok: false, reason: 'cycle' };
  }
  const wanted = [...new Set(successorIds)].filter(Boolean);
  if (wanted.includes(id)) return { ok: false, reason: 'cycle' };
  if (wanted.length > 0) {
    const found = await tx.select({ id: units.id }).from(units).where(inArray(units.id, wanted));
    if (found.length !== wanted.length) return { ok: false, reason: 'unknown-successor' };
  }
  return null;
}

async function replaceAdminSuccessors(tx: Tx, id: string, successorIds: string[]): Promise<void> {
  await tx.delete(unitLinks).where(and(eq(unitLinks.predecessorId, id), eq(unitLinks.source, 'database')));
  const existing = new Set(
    (await tx.select({ s: unitLinks.successorId }).from(unitLinks).where(eq(unitLinks.predecessorId, id))).map(
      (r) => r.s,
    ),
  );
  const fresh = [...new Set(successorIds)].filter((s) => s && !existing.has(s));
  if (fresh.length > 0) {
    await tx
      .insert(unitLinks)
      .values(fresh.map((s) => ({ predecessorId: id, successorId: s, source: 'database' as const })));
  }
}

/** Creates a database-only unit (the sync never overwrites it). */
export async function createUnit(database: Database, id: string, input: UnitInput): Promise<UnitChangeResult> {
  return database.write(async (tx) => {
    const [taken] = await tx.select({ id: units.id }).from(units).where(eq(units.id, id));
    if (taken) return { ok: false, reason: 'id-taken' } as const;
    if (input.parentId) {
      const [parent] = await tx.select({ id: units.id }).from(units).where(eq(units.id, input.parentId));
      if (!parent) return { ok: false, reason: 'unknown-parent' } as const;
    }
    const wanted = [...new Set(input.successorIds)].filter(Boolean);
    if (wanted.length > 0) {
      const found = await tx.select({ id: units.id }).from(units).where(inArray(units.id, wanted));
      if (found.length !== wanted.length) return { ok: false, reason: 'unknown-successor' } as const;
    }
    const now = new Date();
    await tx.insert(units).values({
      id,
      name: input.name,
      shortName: input.shortName ?? null,
      kind: input.kind,
      parentId: input.parentId ?? null,
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
      note: input.note ?? null,
      source: 'database',
      nameFolded: foldVietnamese(input.name),
      createdAt: now,
      updatedAt: now,
    });
    await replaceAdminSuccessors(tx, id, wanted);
    return { ok: true, id } as const;
  });
}

/** Edits a database-only unit; content units are edited in the content file. */
export async function updateUnit(database: Database, id: string, input: UnitInput): Promise<UnitChangeResult> {
  return database.write(async (tx) => {
    const [unit] = await tx.select({ source: units.source }).from(units).where(eq(units.id, id));
    if (!unit) return { ok: false, reason: 'not-found' } as const;
    if (unit.source === 'content') return { ok: false, reason: 'content-unit' } as const;
    const problem = await checkParentAndSuccessors(tx, id, input.parentId, input.successorIds);
    if (problem) return problem;
    await tx
      .update(units)
      .set({
        name: input.name,
        shortName: input.shortName ?? null,
        kind: input.kind,
        parentId: input.parentId ?? null,
        validFrom: input.validFrom ?? null,
        validTo: input.validTo ?? null,
        note: input.note ?? null,
        nameFolded: foldVietnamese(input.name),
        updatedAt: new Date(),
      })
      .where(eq(units.id, id));
    await replaceAdminSuccessors(tx, id, input.successorIds);
    return { ok: true, id } as const;
  });
}

/**
 * Sets the successor links an admin adds to any unit, content units included (which former
 * district became which regional unit is for an administrator to say, not the code).
 */
export async function setUnitSuccessors(
  database: Database,
  id: string,
  successorIds: string[],
): Promise<UnitChangeResult> {
  return database.write(async (tx) => {
    const [unit] = await tx.select({ id: units.id }).from(units).where(eq(units.id, id));
    if (!unit) return { ok: false, reason: 'not-found' } as const;
    const problem = await checkParentAndSuccessors(tx, id, undefined, successorIds);
    if (problem) return problem;
    await replaceAdminSuccessors(tx, id, successorIds);
    return { ok: true, id } as const;
  });
}

/** Outcome of {@link resolveUnit}. */
export type ResolveUnitResult =
  { ok: true; id: string } | { ok: false; reason: 'unknown' | 'ambiguous'; candidates?: string[] };

/**
 * Finds a unit from what a person typed in a spreadsheet: its id, its name or its short
 * name, ignoring case and diacritics.
 */
export function resolveUnit(all: Pick<UnitRecord, 'id' | 'name' | 'shortName'>[], text: string): ResolveUnitResult {
  const wanted = foldVietnamese(text.normalize('NFC')).replace(/\s+/g, ' ').trim();
  if (!wanted) return { ok: false, reason: 'unknown' };
  const byId = all.find((u) => u.id === wanted);
  if (byId) return { ok: true, id: byId.id };
  const matches = all.filter(
    (u) => foldVietnamese(u.name) === wanted || (u.shortName && foldVietnamese(u.shortName) === wanted),
  );
  if (matches.length === 1 && matches[0]) return { ok: true, id: matches[0].id };
  if (matches.length > 1) return { ok: false, reason: 'ambiguous', candidates: matches.map((m) => m.id) };
  return { ok: false, reason: 'unknown' };
}

/** Every unit's id, name and short name (for selects and the import). */
export async function listUnitNames(database: Database): Promise<Pick<UnitRecord, 'id' | 'name' | 'shortName'>[]> {
  return database.db.select({ id: units.id, name: units.name, shortName: units.shortName }).from(units);
}
