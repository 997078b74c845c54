import { units } from '../../../../db/schema/index';
import type { Database } from '../db';
import type { SessionUser } from '../session';
import { unitSubtreeIds } from '../units';

/** A unit of the report tree. */
export interface ReportUnit {
  id: string;
  name: string;
  shortName: string | null;
  parentId: string | null;
  /** 0 for the report's root units. */
  depth: number;
  /** Ids of the units directly below, in Vietnamese name order. */
  childIds: string[];
}

/** What a report covers: a unit subtree (or every unit for an admin without a unit filter). */
export interface ReportScope {
  /** The root unit, or null for "every unit" (admins only). */
  root: ReportUnit | null;
  /** The root's parent (printed above it in the report header), when there is one. */
  parent: { id: string; name: string } | null;
  /** Every unit of the report, parents before children, siblings in Vietnamese name order. */
  units: ReportUnit[];
  /** Ids of {@link units}. */
  unitIds: string[];
  /** The top level of the tree (the root, or the units without a parent). */
  topIds: string[];
  /** The viewer's own scope root for links back ("every unit" for an admin). */
  viewerRootId: string | null;
}

/** Outcome of {@link resolveReportScope}. */
export type ScopeResult = { ok: true; scope: ReportScope } | { ok: false; status: 403 | 404 };

/** Who may use the dashboard: admins everywhere, leaders within their unit subtree. */
function viewerRoot(user: Pick<SessionUser, 'roles' | 'unitId'>): { ok: true; root: string | null } | { ok: false } {
  if (user.roles.includes('admin')) return { ok: true, root: null };
  if (user.roles.includes('leader')) return { ok: true, root: user.unitId };
  return { ok: false };
}

/**
 * The units a report covers, checked against the viewer's scope on the server: a leader may
 * ask for their own unit or any unit below it and gets 403 for anything else (a sibling, the
 * parent, an unknown id: existence is not confirmed); an admin may ask for any existing unit.
 * @param requestedUnitId the `don-vi` filter, when given
 */
export async function resolveReportScope(
  database: Database,
  user: Pick<SessionUser, 'roles' | 'unitId'>,
  requestedUnitId: string | undefined,
): Promise<ScopeResult> {
  const viewer = viewerRoot(user);
  if (!viewer.ok) return { ok: false, status: 403 };
  if (viewer.root && requestedUnitId && requestedUnitId !== viewer.root) {
    const allowed = new Set(await unitSubtreeIds(database, viewer.root));
    if (!allowed.has(requestedUnitId)) return { ok: false, status: 403 };
  }
  const rootId = requestedUnitId ?? viewer.root;
  // Units are few (hundreds at most in a province-sized setup): one read, tree built here.
  const all = await database.db
    .select({ id: units.id, name: units.name, shortName: units.shortName, parentId: units.parentId })
    .from(units);
  const byId = new Map(all.map((u) => [u.id, u]));
  if (rootId && !byId.has(rootId)) return { ok: false, status: viewer.root ? 403 : 404 };

  const collator = new Intl.Collator('vi');
  const children = new Map<string | null, typeof all>();
  for (const unit of all) {
    // A unit whose parent is missing is treated as a top-level unit rather than hidden.
    const key = unit.parentId && byId.has(unit.parentId) ? unit.parentId : null;
    children.set(key, [...(children.get(key) ?? []), unit]);
  }
  for (const list of children.values()) list.sort((a, b) => collator.compare(a.name, b.name));

  const out: ReportUnit[] = [];
  const seen = new Set<string>();
  const walk = (unit: (typeof all)[number], depth: number) => {
    if (seen.has(unit.id)) return;
    seen.add(unit.id);
    const kids = (children.get(unit.id) ?? []).filter((k) => !seen.has(k.id) && k.id !== unit.id);
    out.push({ ...unit, depth, childIds: kids.map((k) => k.id) });
    for (const kid of kids) walk(kid, depth + 1);
  };
  const tops = rootId ? [byId.get(rootId)!] : (children.get(null) ?? []);
  for (const top of tops) walk(top, 0);

  const root = rootId ? (out[0] ?? null) : null;
  const parentRow = root?.parentId ? byId.get(root.parentId) : undefined;
  return {
    ok: true,
    scope: {
      root,
      parent: parentRow ? { id: parentRow.id, name: parentRow.name } : null,
      units: out,
      unitIds: out.map((u) => u.id),
      topIds: tops.map((t) => t.id),
      viewerRootId: viewer.root,
    },
  };
}
