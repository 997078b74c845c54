import { ASSIGNMENT_KIND_LABELS } from '../../shared/learning/assignment-status';
import { formatDay, vietnamDay } from '../../shared/learning/days';
import { completedCount, percent, STATUS_LABELS, STATUS_ORDER } from '../../shared/reports/statuses';
import type { PersonStatusRow, ReportData } from './report';

/** How a column's cells are typed in a spreadsheet. */
export type CellType = 'text' | 'int' | 'percent' | 'date';

/** A column of an exported table. */
export interface TableColumn {
  header: string;
  type: CellType;
  /** Width in characters (XLSX). */
  width: number;
}

/** A cell: text, a count, a percentage (0–100), a day (yyyy-mm-dd) or empty. */
export type TableCell = string | number | null;

/** A table ready for CSV or XLSX, plus the indent of each row's first cell (unit depth). */
export interface ExportTable {
  /** Sheet name (≤ 31 characters, no []:*?/\). */
  sheet: string;
  columns: TableColumn[];
  rows: TableCell[][];
  /** Indent level of the first cell per row (XLSX alignment), when the table is a tree. */
  indents?: number[];
}

/** What the report is about, for the "Thông tin" sheet and file names. */
export function describeReport(data: ReportData): [string, string][] {
  const f = data.filters;
  const column = f.assignmentId ? data.columns[0] : undefined;
  const lines: [string, string][] = [
    ['Báo cáo', 'Kết quả tập huấn kỹ năng số'],
    ['Đơn vị', data.scope.root ? `${data.scope.root.name} (gồm các đơn vị trực thuộc)` : 'Tất cả đơn vị'],
    ['Số liệu tính đến hết ngày', formatDay(data.periodTo)],
  ];
  if (data.periodFrom) lines.push(['Kỳ báo cáo', `${formatDay(data.periodFrom)} – ${formatDay(data.periodTo)}`]);
  lines.push(['Chia cột theo', f.columns === 'assignment' ? 'Đợt giao khóa học' : 'Khóa học']);
  if (f.courseId) lines.push(['Khóa học', data.courses.find((c) => c.id === f.courseId)?.title ?? f.courseId]);
  if (column) lines.push(['Đợt giao', `${column.title}, hạn ${formatDay(column.dueDate ?? '')}`]);
  if (f.position) lines.push(['Chức vụ', f.position]);
  if (f.status) lines.push(['Trạng thái (danh sách cán bộ)', STATUS_FILTER_TEXT[f.status] ?? f.status]);
  lines.push(['Số cán bộ trong phạm vi', String(data.people)]);
  lines.push(['Ngày lập', formatDay(vietnamDay(new Date()))]);
  return lines;
}

const STATUS_FILTER_TEXT: Record<string, string> = {
  'hoan-thanh': 'Đã hoàn thành',
  'dung-han': STATUS_LABELS['completed-on-time'],
  muon: STATUS_LABELS['completed-late'],
  'dang-hoc': STATUS_LABELS['in-progress'],
  'chua-bat-dau': STATUS_LABELS['not-started'],
  'qua-han': STATUS_LABELS.overdue,
};

const columnLabel = (data: ReportData, key: string) => {
  const c = data.columns.find((x) => x.key === key);
  return c ? c.title : key;
};

/**
 * The matrix as a long table: one row per unit and column (counts include the units below),
 * then one "Tổng cộng" row per column. Suits Excel filters and pivot tables.
 */
export function matrixTable(data: ReportData): ExportTable {
  const byAssignment = data.filters.columns === 'assignment';
  const columns: TableColumn[] = [
    { header: 'Đơn vị', type: 'text', width: 44 },
    { header: 'Mã đơn vị', type: 'text', width: 24 },
    { header: 'Cấp trong báo cáo', type: 'int', width: 10 },
    { header: 'Khóa học', type: 'text', width: 44 },
    ...(byAssignment
      ? [
          { header: 'Loại', type: 'text' as const, width: 14 },
          { header: 'Hạn hoàn thành', type: 'date' as const, width: 14 },
        ]
      : []),
    { header: 'Số người', type: 'int', width: 10 },
    ...STATUS_ORDER.map((s) => ({ header: STATUS_LABELS[s], type: 'int' as const, width: 12 })),
    { header: 'Tỷ lệ hoàn thành (%)', type: 'percent', width: 12 },
  ];
  const rows: TableCell[][] = [];
  const indents: number[] = [];
  const line = (
    unit: string,
    unitId: string,
    depth: number | null,
    index: number,
    counts: ReportData['totals'][number],
  ) => {
    const col = data.columns[index]!;
    rows.push([
      unit,
      unitId,
      depth,
      col.title,
      ...(byAssignment ? [col.kind ? ASSIGNMENT_KIND_LABELS[col.kind] : '', col.dueDate] : []),
      counts.total,
      ...STATUS_ORDER.map((s) => counts[s]),
      percent(completedCount(counts), counts.total),
    ]);
    indents.push(depth ?? 0);
  };
  for (const row of data.rows) {
    data.columns.forEach((_, i) => line(row.unit.name, row.unit.id, row.unit.depth + 1, i, row.total[i]!));
  }
  data.columns.forEach((_, i) => line('Tổng cộng', '', null, i, data.totals[i]!));
  return { sheet: 'Tổng hợp', columns, rows, indents };
}

/** The people list: one row per person and column, with status, dates and days overdue. */
export function peopleTable(data: ReportData, people: readonly PersonStatusRow[]): ExportTable {
  const byAssignment = data.filters.columns === 'assignment';
  const kinds = new Map(data.columns.map((c) => [c.key, c.kind]));
  const columns: TableColumn[] = [
    { header: 'STT', type: 'int', width: 7 },
    { header: 'Họ và tên', type: 'text', width: 28 },
    { header: 'Tên đăng nhập', type: 'text', width: 20 },
    { header: 'Chức vụ', type: 'text', width: 18 },
    { header: 'Đơn vị', type: 'text', width: 40 },
    { header: 'Khóa học', type: 'text', width: 44 },
    ...(byAssignment ? [{ header: 'Loại', type: 'text' as const, width: 14 }] : []),
    { header: 'Hạn hoàn thành', type: 'date', width: 14 },
    { header: 'Trạng thái', type: 'text', width: 20 },
    { header: 'Ngày hoàn thành', type: 'date', width: 14 },
    { header: 'Số ngày quá hạn', type: 'int', width: 10 },
  ];
  const rows = people.map((p, i): TableCell[] => {
    const kind = kinds.get(p.columnKey);
    return [
      i + 1,
      p.fullName,
      p.username,
      p.position,
      p.unitName,
      columnLabel(data, p.columnKey),
      ...(byAssignment ? [kind ? ASSIGNMENT_KIND_LABELS[kind] : ''] : []),
      p.dueDate,
      STATUS_LABELS[p.status],
      p.completedAt ? vietnamDay(p.completedAt) : null,
      p.status === 'overdue' ? p.daysOverdue : null,
    ];
  });
  return { sheet: 'Danh sách cán bộ', columns, rows };
}
