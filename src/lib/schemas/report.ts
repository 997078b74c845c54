import { z } from 'astro/zod';
import { isIsoDay } from '../shared/learning/days';
import { PositionSchema } from './account';
import { IdSchema } from './common';

/** Status choices of the dashboard filter (`?trang-thai=`), as they appear in URLs. */
export const STATUS_FILTER_SLUGS = ['hoan-thanh', 'dung-han', 'muon', 'dang-hoc', 'chua-bat-dau', 'qua-han'] as const;
export type StatusFilterSlug = (typeof STATUS_FILTER_SLUGS)[number];

/** What the matrix columns are: courses, or assignments (each with its own deadline). */
export const COLUMN_MODES = ['khoa-hoc', 'dot-giao'] as const;

/** Empty strings (a form's "all" option) count as absent. */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const day = (message: string) =>
  z
    .string()
    .transform((v) => v.trim())
    .refine(isIsoDay, message);

/**
 * Query parameters shared by the dashboard, its drill-downs, the exports and the printed report
 * (GET, Vietnamese names as in the URL). Every value is validated; unknown parameters are ignored.
 */
export const ReportFiltersSchema = z
  .object({
    /** Root unit of the report (default: the viewer's own unit; for an admin, every unit). */
    'don-vi': optional(IdSchema.max(120, 'Mã đơn vị không hợp lệ')),
    /** Columns: one per course (default) or one per assignment. */
    theo: optional(z.enum(COLUMN_MODES, { error: 'Cách chia cột không hợp lệ' })),
    'khoa-hoc': optional(IdSchema.max(120, 'Mã khóa học không hợp lệ')),
    'dot-giao': optional(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Mã đợt giao không hợp lệ')),
    'trang-thai': optional(z.enum(STATUS_FILTER_SLUGS, { error: 'Trạng thái không hợp lệ' })),
    'chuc-vu': optional(PositionSchema),
    tu: optional(day('Ngày bắt đầu kỳ báo cáo không hợp lệ (ngày/tháng/năm)')),
    den: optional(day('Ngày kết thúc kỳ báo cáo không hợp lệ (ngày/tháng/năm)')),
    /** Units whose sub-units are shown expanded in the matrix (comma-separated ids). */
    mo: optional(
      z
        .string()
        .max(4000, 'Danh sách đơn vị mở rộng quá dài')
        .transform((v) => [
          ...new Set(
            v
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          ),
        ])
        .pipe(z.array(IdSchema.max(120)).max(200, 'Mở rộng tối đa 200 đơn vị')),
    ),
  })
  .refine((v) => !v.tu || !v.den || v.tu <= v.den, {
    message: 'Ngày bắt đầu kỳ báo cáo phải trước hoặc bằng ngày kết thúc',
    path: ['den'],
  })
  .transform((v) => ({
    unitId: v['don-vi'],
    columns: v['dot-giao']
      ? ('assignment' as const)
      : v.theo === 'dot-giao'
        ? ('assignment' as const)
        : ('course' as const),
    courseId: v['khoa-hoc'],
    assignmentId: v['dot-giao'],
    status: v['trang-thai'],
    position: v['chuc-vu'],
    from: v.tu,
    to: v.den,
    expanded: v.mo ?? [],
  }));
export type ReportFilters = z.output<typeof ReportFiltersSchema>;

/** The filter keys above, in URL order (for building links that keep the filters). */
export const REPORT_FILTER_KEYS = [
  'don-vi',
  'theo',
  'khoa-hoc',
  'dot-giao',
  'trang-thai',
  'chuc-vu',
  'tu',
  'den',
] as const;

/**
 * Parses URL query parameters into filters: the first value of each known key.
 * @returns the filters, or the Vietnamese messages of what is wrong
 */
export function parseReportFilters(
  params: URLSearchParams,
): { ok: true; filters: ReportFilters } | { ok: false; errors: string[] } {
  const raw: Record<string, string> = {};
  for (const key of [...REPORT_FILTER_KEYS, 'mo']) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  const parsed = ReportFiltersSchema.safeParse(raw);
  if (parsed.success) return { ok: true, filters: parsed.data };
  return { ok: false, errors: [...new Set(parsed.error.issues.map((i) => i.message))] };
}

const text = (max: number, message: string) =>
  optional(
    z
      .string()
      .transform((v) =>
        v
          .normalize('NFC')
          .replace(/[^\S\n]+/g, ' ')
          .trim(),
      )
      .pipe(z.string().max(max, message)),
  );

/**
 * The printed report's administrative details (Nghị định 30/2020/NĐ-CP), typed by the leader in
 * the dashboard's report form; all optional, with blanks left for handwriting when absent.
 */
export const ReportDocumentSchema = z.object({
  /** Document number, e.g. "15"; printed as "Số: 15/BC-…". */
  so: text(20, 'Số văn bản tối đa 20 ký tự'),
  /** Symbol after "BC-", e.g. "VKS"; default "VKS". */
  'ky-hieu': text(30, 'Ký hiệu văn bản tối đa 30 ký tự'),
  /** Place name of the date line. */
  'dia-danh': text(60, 'Địa danh tối đa 60 ký tự'),
  /** Date of the report (default: today). */
  ngay: optional(day('Ngày báo cáo không hợp lệ')),
  /** Signing authority line, e.g. "KT. VIỆN TRƯỞNG" (optional). */
  'quyen-han-ky': text(60, 'Quyền hạn ký tối đa 60 ký tự'),
  /** Signer's position, e.g. "Viện trưởng". */
  'chuc-vu-ky': text(60, 'Chức vụ người ký tối đa 60 ký tự'),
  /** Signer's full name. */
  'nguoi-ky': text(120, 'Họ tên người ký tối đa 120 ký tự'),
  /** Recipients, one per line. */
  'noi-nhan': optional(
    z
      .string()
      .transform((v) =>
        v
          .normalize('NFC')
          .split(/\r?\n/)
          .map((l) =>
            l
              .replace(/^[\s\-–•]+/, '')
              .replace(/[;.]\s*$/, '')
              .trim(),
          )
          .filter(Boolean),
      )
      .pipe(z.array(z.string().max(200, 'Mỗi nơi nhận tối đa 200 ký tự')).max(15, 'Tối đa 15 nơi nhận')),
  ),
});
export type ReportDocument = z.output<typeof ReportDocumentSchema>;

/** Keys of {@link ReportDocumentSchema}, for forms and links. */
export const REPORT_DOCUMENT_KEYS = [
  'so',
  'ky-hieu',
  'dia-danh',
  'ngay',
  'quyen-han-ky',
  'chuc-vu-ky',
  'nguoi-ky',
  'noi-nhan',
] as const;

/** Parses the report details from URL query parameters. */
export function parseReportDocument(
  params: URLSearchParams,
): { ok: true; document: ReportDocument } | { ok: false; errors: string[] } {
  const raw: Record<string, string> = {};
  for (const key of REPORT_DOCUMENT_KEYS) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  const parsed = ReportDocumentSchema.safeParse(raw);
  if (parsed.success) return { ok: true, document: parsed.data };
  return { ok: false, errors: [...new Set(parsed.error.issues.map((i) => i.message))] };
}

/** Extra parameters of a unit's drill-down page: include sub-units' people, page number. */
export const UnitPeopleQuerySchema = z.object({
  'cap-duoi': optional(z.enum(['1'], { error: 'Tham số đơn vị trực thuộc không hợp lệ' })),
  trang: optional(
    z.coerce
      .number({ error: 'Số trang không hợp lệ' })
      .int('Số trang không hợp lệ')
      .min(1, 'Số trang không hợp lệ')
      .max(10_000, 'Số trang không hợp lệ'),
  ),
});
export type UnitPeopleQuery = z.output<typeof UnitPeopleQuerySchema>;
