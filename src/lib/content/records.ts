import { RecordFilterSchema, type RecordFilter } from '../schemas/record-filter';
import type { Topic } from '../schemas/common';
import { unitSubtree, type UnitMap } from './units';

/**
 * A seminar or practice as shown in lists. Records published from the database later
 * are turned into the same shape and merged into the same lists.
 */
export type RecordSummary = {
  kind: 'seminar' | 'practice';
  id: string;
  url: string;
  title: string;
  summary: string;
  /** Unit the record comes from (host unit of a seminar, unit of a practice). */
  unitId: string;
  /** The unit's name as stored: records keep the name the unit had then. */
  unitName: string;
  topics: Topic[];
  /** Calendar years the record covers (one for a seminar, a period may span several). */
  years: number[];
  /** Human date: "12/11/2021", "năm 2024", or a period. */
  dateLabel: string;
  /** For ordering, newest first. */
  sortDate: Date;
};

/** Query parameter names, in Vietnamese as they appear in URLs. */
export const FILTER_PARAMS = { unit: 'don-vi', topic: 'chu-de', year: 'nam' } as const;

/** Result of reading filters from a query string: the valid ones and the names of those ignored. */
export type ParsedFilter = { filter: RecordFilter; invalid: string[] };

/**
 * Reads list filters from URL query parameters; each invalid one is dropped and named.
 * @param params the request's query parameters
 */
export function parseRecordFilter(params: URLSearchParams): ParsedFilter {
  const filter: RecordFilter = {};
  const invalid: string[] = [];
  for (const key of ['unit', 'topic', 'year'] as const) {
    const raw = params.get(FILTER_PARAMS[key])?.trim();
    if (!raw) continue;
    const parsed = RecordFilterSchema.shape[key].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) Object.assign(filter, { [key]: parsed.data });
    else invalid.push(FILTER_PARAMS[key]);
  }
  return { filter, invalid };
}

/**
 * Keeps the records matching every given filter. The unit filter includes units below the
 * chosen one, so choosing a province lists its districts' records too.
 * @param records records to filter
 * @param filter the filters (absent ones match all)
 * @param units units by id
 */
export function filterRecords(
  records: readonly RecordSummary[],
  filter: RecordFilter,
  units: UnitMap,
): RecordSummary[] {
  const unitIds = filter.unit ? new Set(unitSubtree(units, filter.unit)) : null;
  return records.filter(
    (r) =>
      (!unitIds || unitIds.has(r.unitId)) &&
      (!filter.topic || r.topics.includes(filter.topic)) &&
      (!filter.year || r.years.includes(filter.year)),
  );
}

/**
 * Years covered by a period, inclusive.
 * @param from first day
 * @param to last day
 */
export function yearsBetween(from: Date, to: Date): number[] {
  const years: number[] = [];
  for (let y = from.getUTCFullYear(); y <= to.getUTCFullYear(); y++) years.push(y);
  return years;
}

/** Options offered by the filter form, built from the records present. */
export type FilterOptions = { units: { id: string; name: string; depth: number }[]; years: number[] };

/**
 * Builds the filter form's options: units that have records, with their ancestors so a
 * whole province can be chosen; years that have records, newest first.
 * @param records all records of the list
 * @param units units by id
 * @param selected the unit currently chosen, if any
 */
export function filterOptions(records: readonly RecordSummary[], units: UnitMap, selected?: string): FilterOptions {
  const wanted = new Set<string>();
  // A unit chosen by URL stays selectable even when it has no records.
  let chosen = selected && units.has(selected) ? selected : undefined;
  while (chosen && !wanted.has(chosen)) {
    wanted.add(chosen);
    chosen = units.get(chosen)?.parent;
  }
  for (const r of records) {
    let id: string | undefined = r.unitId;
    while (id && !wanted.has(id)) {
      wanted.add(id);
      id = units.get(id)?.parent;
    }
  }
  const ordered: { id: string; name: string; depth: number }[] = [];
  const visit = (id: string, depth: number): void => {
    const unit = units.get(id);
    if (!unit) return;
    ordered.push({ id, name: unit.name, depth });
    const children = [...units.values()]
      .filter((u) => u.parent === id && wanted.has(u.id))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    for (const c of children) visit(c.id, depth + 1);
  };
  const roots = [...wanted].filter((id) => {
    const parent = units.get(id)?.parent;
    return !parent || !wanted.has(parent);
  });
  for (const root of roots) visit(root, 0);
  // Records naming units missing from the data still get an option.
  for (const id of wanted) if (!units.has(id)) ordered.push({ id, name: id, depth: 0 });
  const years = [...new Set(records.flatMap((r) => r.years))].sort((a, b) => b - a);
  return { units: ordered, years };
}
