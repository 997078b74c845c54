import type { ReportDocument } from '../../schemas/report';
import { ASSIGNMENT_KIND_LABELS } from '../../shared/learning/assignment-status';
import { formatDay, vietnamDay } from '../../shared/learning/days';
import {
  agencyHeading,
  defaultPlace,
  documentDateLine,
  documentNumberLine,
  NATIONAL_MOTTO,
  NATIONAL_NAME,
} from '../../shared/reports/nd30';
import {
  addCounts,
  completedCount,
  emptyCounts,
  formatPercent,
  type StatusCounts,
} from '../../shared/reports/statuses';
import type { PersonStatusRow, ReportData } from './report';

/** A table of the printed report. */
export interface PrintedTable {
  caption: string;
  headers: string[];
  /** Relative column widths (the PDF sizes columns from them; the page uses them as percentages). */
  widths: number[];
  /** Right-aligned (numeric) columns. */
  numeric: boolean[];
  rows: string[][];
  /** Index of a last "Tổng cộng" row, shown bold. */
  totalRow: boolean;
}

/** A section: a heading, paragraphs, then tables and notes. */
export interface PrintedSection {
  heading: string;
  paragraphs: string[];
  table?: PrintedTable;
  note?: string;
}

/**
 * The printed report "Báo cáo kết quả tập huấn" as data, laid out per Nghị định 30/2020/NĐ-CP:
 * the HTML page and the PDF both render this, so they say exactly the same thing.
 */
export interface PrintedReport {
  /** Governing agency (the issuing unit's parent), first header line at top left; null at the top. */
  parentHeading: string | null;
  /** Issuing unit, bold, underlined by a short rule. */
  unitHeading: string;
  nationalName: string;
  motto: string;
  numberLine: string;
  dateLine: string;
  title: string;
  subtitle: string;
  period: string;
  sections: PrintedSection[];
  recipients: string[];
  signer: { authority: string | null; position: string; name: string };
  /** For the PDF's metadata. */
  fileTitle: string;
}

/** Most overdue people listed in the printed report; the rest are in the Excel list. */
export const PRINTED_OVERDUE_LIMIT = 30;

const n = (value: number) => new Intl.NumberFormat('vi-VN').format(value);

function countsRow(label: string, c: StatusCounts, index: number | null): string[] {
  return [
    index === null ? '' : String(index),
    label,
    n(c.total),
    n(completedCount(c)),
    formatPercent(completedCount(c), c.total),
    n(c['completed-late']),
    n(c['in-progress']),
    n(c['not-started']),
    n(c.overdue),
  ];
}

const COUNT_HEADERS = ['Số lượt', 'Đã hoàn thành', 'Tỷ lệ', 'Trong đó muộn', 'Đang học', 'Chưa bắt đầu', 'Quá hạn'];

/**
 * Builds the printed report from the dashboard's data, its most overdue people and the details
 * the leader typed (number, place, date, signer, recipients).
 * @param viewer who prints it: default signer
 * @param totalOverdue how many overdue lines there are in all (the list holds the first ones)
 */
export function buildPrintedReport(
  data: ReportData,
  overdue: readonly PersonStatusRow[],
  totalOverdue: number,
  document: ReportDocument,
  viewer: { fullName: string; position: string },
  today = new Date(),
): PrintedReport {
  const root = data.scope.root;
  const unitName = root?.name ?? 'Viện kiểm sát nhân dân tối cao';
  const place = document['dia-danh'] ?? (root ? defaultPlace(root) : 'Hà Nội');
  const day = document.ngay ?? vietnamDay(today);
  const grand = data.grand;
  const done = completedCount(grand);
  const byAssignment = data.filters.columns === 'assignment';
  const position = data.filters.position ? ` giữ chức vụ ${data.filters.position}` : '';
  const asOfText = formatDay(data.periodTo);
  const period = data.periodFrom
    ? `(Kỳ báo cáo từ ngày ${formatDay(data.periodFrom)} đến ngày ${asOfText})`
    : `(Số liệu tính đến hết ngày ${asOfText})`;

  const general: string[] = [
    `Tính đến hết ngày ${asOfText}, ${root ? `${root.name} và các đơn vị trực thuộc` : 'các đơn vị trong toàn ngành'} có ${n(data.people)} cán bộ${position} thuộc phạm vi báo cáo. ` +
      `Số liệu được tổng hợp từ hệ thống Tập huấn số theo ${byAssignment ? `${n(data.columns.length)} đợt giao khóa học` : `${n(data.columns.length)} khóa học`}, ` +
      `tổng cộng ${n(grand.total)} lượt cán bộ - ${byAssignment ? 'đợt giao' : 'khóa học'}.`,
    `Kết quả: ${n(done)} lượt đã hoàn thành (${formatPercent(done, grand.total)}), trong đó ${n(grand['completed-on-time'])} lượt đúng hạn và ${n(grand['completed-late'])} lượt hoàn thành sau hạn; ` +
      `${n(grand['in-progress'])} lượt đang học; ${n(grand['not-started'])} lượt chưa bắt đầu; ${n(grand.overdue)} lượt đã quá hạn mà chưa hoàn thành.`,
  ];

  // Units one level below the root (each with its own sub-units), plus the root's own staff.
  const tops = data.rows.filter((r) => data.scope.topIds.includes(r.unit.id));
  const unitRows: string[][] = [];
  let index = 0;
  if (root) {
    const rootRow = data.rows.find((r) => r.unit.id === root.id)!;
    const own = rootRow.own.reduce((sum, c) => addCounts(sum, c), emptyCounts());
    if (own.total > 0) unitRows.push(countsRow(`${root.name} (cán bộ trực tiếp)`, own, ++index));
    for (const childId of root.childIds) {
      const child = data.rows.find((r) => r.unit.id === childId);
      if (child) unitRows.push(countsRow(`${child.unit.name} (gồm đơn vị trực thuộc)`, child.totalAll, ++index));
    }
  } else {
    for (const top of tops) unitRows.push(countsRow(top.unit.name, top.totalAll, ++index));
  }
  unitRows.push(countsRow('Tổng cộng', grand, null));

  const columnRows = data.columns.map((c, i) =>
    countsRow(
      byAssignment
        ? `${c.title} (${c.kind ? ASSIGNMENT_KIND_LABELS[c.kind].toLocaleLowerCase('vi') : ''}, hạn ${formatDay(c.dueDate ?? '')})`
        : c.title,
      data.totals[i]!,
      i + 1,
    ),
  );
  columnRows.push(countsRow('Tổng cộng', grand, null));

  const titleOf = new Map(data.columns.map((c) => [c.key, c.title]));
  const overdueRows = overdue.map((p, i) => [
    String(i + 1),
    p.fullName,
    p.position,
    p.unitName,
    titleOf.get(p.columnKey) ?? p.courseId,
    p.dueDate ? formatDay(p.dueDate) : '',
    n(p.daysOverdue),
  ]);

  const sections: PrintedSection[] = [
    { heading: 'I. TÌNH HÌNH CHUNG', paragraphs: general },
    {
      heading: 'II. KẾT QUẢ THEO ĐƠN VỊ',
      paragraphs: [],
      table: {
        caption: 'Bảng 1. Kết quả tập huấn theo đơn vị',
        headers: ['STT', 'Đơn vị', ...COUNT_HEADERS],
        widths: [6, 30, 9, 10, 9, 9, 9, 9, 9],
        numeric: [true, false, true, true, true, true, true, true, true],
        rows: unitRows,
        totalRow: true,
      },
    },
    {
      heading: byAssignment ? 'III. KẾT QUẢ THEO ĐỢT GIAO KHÓA HỌC' : 'III. KẾT QUẢ THEO KHÓA HỌC',
      paragraphs: [],
      table: {
        caption: byAssignment ? 'Bảng 2. Kết quả theo đợt giao khóa học' : 'Bảng 2. Kết quả theo khóa học',
        headers: ['STT', byAssignment ? 'Đợt giao' : 'Khóa học', ...COUNT_HEADERS],
        widths: [6, 30, 9, 10, 9, 9, 9, 9, 9],
        numeric: [true, false, true, true, true, true, true, true, true],
        rows: columnRows,
        totalRow: true,
      },
    },
    overdueRows.length > 0
      ? {
          heading: 'IV. CÁN BỘ QUÁ HẠN CHƯA HOÀN THÀNH',
          paragraphs: [],
          table: {
            caption: `Bảng 3. Danh sách cán bộ quá hạn (${overdueRows.length < totalOverdue ? `${n(overdueRows.length)} trường hợp quá hạn lâu nhất trên tổng số ${n(totalOverdue)}` : `${n(totalOverdue)} trường hợp`})`,
            headers: ['STT', 'Họ và tên', 'Chức vụ', 'Đơn vị', 'Khóa học', 'Hạn', 'Số ngày quá hạn'],
            widths: [6, 17, 11, 21, 23, 12, 10],
            numeric: [true, false, false, false, false, false, true],
            rows: overdueRows,
            totalRow: false,
          },
          note:
            overdueRows.length < totalOverdue
              ? 'Danh sách đầy đủ được kết xuất kèm theo báo cáo này (tệp Excel "Danh sách cán bộ", trạng thái Quá hạn).'
              : undefined,
        }
      : {
          heading: 'IV. CÁN BỘ QUÁ HẠN CHƯA HOÀN THÀNH',
          paragraphs: ['Trong phạm vi báo cáo không có cán bộ nào quá hạn mà chưa hoàn thành khóa học được giao.'],
        },
    {
      heading: 'V. ĐỀ XUẤT',
      paragraphs: [
        'Đề nghị lãnh đạo các đơn vị, bộ phận đôn đốc cán bộ quá hạn hoặc chưa bắt đầu sắp xếp thời gian hoàn thành các khóa học được giao; ' +
          'tiếp tục kết hợp tự học trên hệ thống với đào tạo tại chỗ và trao đổi kinh nghiệm giữa các đơn vị.',
      ],
    },
  ];

  const parentHeading = data.scope.parent ? agencyHeading(data.scope.parent.name) : null;
  return {
    parentHeading,
    unitHeading: agencyHeading(unitName),
    nationalName: NATIONAL_NAME,
    motto: NATIONAL_MOTTO,
    numberLine: documentNumberLine(document.so, document['ky-hieu']),
    dateLine: documentDateLine(place, day),
    title: 'BÁO CÁO',
    subtitle: 'Kết quả tập huấn kỹ năng số',
    period,
    sections,
    recipients: document['noi-nhan'] ?? [
      ...(data.scope.parent ? [`${data.scope.parent.name} (để báo cáo)`] : []),
      'Lãnh đạo đơn vị',
      'Lưu: VT',
    ],
    signer: {
      authority: document['quyen-han-ky']?.toLocaleUpperCase('vi') ?? null,
      position: (document['chuc-vu-ky'] ?? viewer.position).toLocaleUpperCase('vi'),
      name: document['nguoi-ky'] ?? viewer.fullName,
    },
    fileTitle: `Báo cáo kết quả tập huấn – ${unitName}`,
  };
}
