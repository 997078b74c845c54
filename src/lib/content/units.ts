import type { Unit } from '../schemas/unit';

/** Units indexed by id, the shape the helpers below work on. */
export type UnitMap = ReadonlyMap<string, Unit>;

/**
 * Indexes units by id.
 * @param units the units data
 */
export function toUnitMap(units: readonly Unit[]): UnitMap {
  return new Map(units.map((u) => [u.id, u]));
}

/**
 * Whether a unit existed under its name on a given day (validity bounds are inclusive).
 * @param unit the unit
 * @param at the day
 */
export function isUnitValidAt(unit: Unit, at: Date): boolean {
  if (unit.validFrom && at < unit.validFrom) return false;
  if (unit.validTo && at > endOfDay(unit.validTo)) return false;
  return true;
}

/**
 * The name to use for a unit on a given day: its own name while it was valid; after it
 * ended, the name of its (first valid) successor when an administrator has set one.
 * Records do not use this: they keep the name the unit had when they were written.
 * @param units units by id
 * @param unitId the unit id
 * @param at the day
 * @returns the name, or `undefined` when the id is unknown
 */
export function unitNameAt(units: UnitMap, unitId: string, at: Date): string | undefined {
  const seen = new Set<string>();
  let current = units.get(unitId);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    if (isUnitValidAt(current, at) || current.successors.length === 0) return current.name;
    const next = current.successors.map((id) => units.get(id)).find((u) => u && isUnitValidAt(u, at));
    if (!next) return current.name;
    current = next;
  }
  return current?.name;
}

/**
 * Ids of a unit and all units below it (children, grandchildren, …), in breadth-first order.
 * @param units units by id
 * @param rootId the top unit of the subtree
 */
export function unitSubtree(units: UnitMap, rootId: string): string[] {
  if (!units.has(rootId)) return [];
  const children = new Map<string, string[]>();
  for (const u of units.values()) {
    if (!u.parent) continue;
    children.set(u.parent, [...(children.get(u.parent) ?? []), u.id]);
  }
  const result: string[] = [];
  const queue = [rootId];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    result.push(id);
    queue.push(...(children.get(id) ?? []));
  }
  return result;
}

/**
 * The chain of parents above a unit, nearest first.
 * @param units units by id
 * @param unitId the unit
 */
export function unitAncestors(units: UnitMap, unitId: string): Unit[] {
  const result: Unit[] = [];
  const seen = new Set<string>([unitId]);
  let parentId = units.get(unitId)?.parent;
  while (parentId && !seen.has(parentId)) {
    const parent = units.get(parentId);
    if (!parent) break;
    result.push(parent);
    seen.add(parentId);
    parentId = parent.parent;
  }
  return result;
}

function endOfDay(date: Date): Date {
  return new Date(date.getTime() + 24 * 60 * 60 * 1000 - 1);
}
