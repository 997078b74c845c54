/**
 * The editor form of a seminar record or a best-practice write-up, as pure functions:
 * posted [name, value] pairs → a "candidate" (the record's fields in the shape of the
 * content files' frontmatter) → validation by the content schemas, with Vietnamese
 * messages keyed by the field names the form uses.
 *
 * Field names are the schema paths joined with dots ("followUps.2.deadline"), so a zod
 * issue's path is the name of the input it belongs to. Blank rows are dropped and the
 * form is always re-rendered from the candidate, so row numbers in errors stay right.
 */
import type { z } from 'astro/zod';
import { PracticeSchema, type Practice } from '../../schemas/practice';
import { SeminarSchema, type Seminar } from '../../schemas/seminar';

/** The two kinds of record that can be written in the browser. */
export type RecordKind = 'seminar' | 'practice';

/** Form data as posted: [name, value] pairs in document order (files excluded). */
export type FormPairs = [string, string][];

/** The record's fields as JSON, frontmatter-shaped; may be incomplete or invalid in a draft. */
export type Candidate = Record<string, unknown>;

/** Field name → first Vietnamese message. "_form" holds messages about the whole record. */
export type FieldErrors = Record<string, string>;

/** Validated fields of either kind. */
export type RecordData = { kind: 'seminar'; data: Seminar } | { kind: 'practice'; data: Practice };

/** Longest texts and lists accepted from the editor (the database is not a file system). */
export const LIMITS = {
  title: 200,
  summary: 1000,
  text: 2000,
  rows: 60,
  choices: 60,
  body: 100_000,
} as const;

/** Groups of repeated rows per kind: a list of columns, or null for a list of sentences. */
export const ROW_GROUPS: Readonly<Record<RecordKind, Readonly<Record<string, readonly string[] | null>>>> = {
  seminar: {
    participants: ['unit', 'name', 'role'],
    basis: ['kind', 'number', 'date', 'issuer', 'title'],
    difficulties: null,
    solutions: null,
    conclusions: null,
    followUps: ['action', 'owner', 'deadline'],
  },
  practice: {
    results: ['value', 'label', 'unit'],
    difficulties: null,
    howToReplicate: null,
  },
};

/** Multi-choice fields (checkboxes) per kind. */
export const CHOICE_FIELDS: Readonly<Record<RecordKind, readonly string[]>> = {
  seminar: ['topics', 'relatedLessons', 'relatedPractices'],
  practice: ['fields', 'topics', 'relatedLessons'],
};

/** Date fields (outside rows), whose values are normalised to yyyy-mm-dd. */
const DATE_FIELDS = new Set(['date', 'period.from', 'period.to']);
/** Columns of rows holding dates or numbers. */
const DATE_COLUMNS = new Set(['date', 'deadline']);
const NUMBER_COLUMNS = new Set(['value']);

/** Vietnamese labels of every field, by name pattern (row numbers as "*"). */
export const FIELD_LABELS: Readonly<Record<RecordKind, Readonly<Record<string, string>>>> = {
  seminar: {
    title: 'Tiêu đề',
    summary: 'Tóm tắt',
    date: 'Ngày tổ chức',
    datePrecision: 'Mức chính xác của ngày',
    hostUnit: 'Đơn vị tổ chức',
    'chair.name': 'Họ tên người chủ trì',
    'chair.position': 'Chức vụ người chủ trì',
    'chair.unit': 'Đơn vị của người chủ trì',
    participants: 'Thành phần tham dự',
    'participants.*': 'Dòng thành phần tham dự',
    'participants.*.unit': 'Đơn vị trong ngành',
    'participants.*.name': 'Cơ quan khác',
    'participants.*.role': 'Thành phần',
    basis: 'Căn cứ tổ chức',
    'basis.*.kind': 'Loại văn bản',
    'basis.*.number': 'Số, ký hiệu',
    'basis.*.date': 'Ngày ban hành',
    'basis.*.issuer': 'Cơ quan, người ban hành',
    'basis.*.title': 'Trích yếu',
    topics: 'Chủ đề',
    difficulties: 'Khó khăn, vướng mắc',
    'difficulties.*': 'Khó khăn, vướng mắc',
    solutions: 'Giải pháp đề xuất',
    'solutions.*': 'Giải pháp',
    conclusions: 'Kết luận của chủ trì',
    'conclusions.*': 'Kết luận',
    followUps: 'Việc cần làm tiếp theo',
    'followUps.*.action': 'Việc cần làm',
    'followUps.*.owner': 'Người, đơn vị thực hiện',
    'followUps.*.deadline': 'Thời hạn',
    relatedLessons: 'Bài học liên quan',
    relatedPractices: 'Cách làm hay liên quan',
    body: 'Nội dung chi tiết',
  },
  practice: {
    title: 'Tiêu đề',
    summary: 'Tóm tắt',
    unit: 'Đơn vị',
    'period.from': 'Từ ngày',
    'period.to': 'Đến ngày',
    fields: 'Lĩnh vực',
    topics: 'Chủ đề',
    results: 'Kết quả',
    'results.*.value': 'Con số',
    'results.*.label': 'Con số đó đếm gì',
    'results.*.unit': 'Đơn vị tính',
    difficulties: 'Khó khăn',
    'difficulties.*': 'Khó khăn',
    howToReplicate: 'Cách áp dụng ở đơn vị khác',
    'howToReplicate.*': 'Bước áp dụng',
    'author.name': 'Họ tên người viết',
    'author.position': 'Chức vụ người viết',
    'author.unit': 'Đơn vị của người viết',
    relatedLessons: 'Bài học liên quan',
    body: 'Nội dung chi tiết',
  },
};

/** Fields chosen from a list (their "missing" message says "chọn", not "nhập"). */
const CHOSEN = /^(hostUnit|unit|datePrecision|chair\.unit|author\.unit|participants\.\*\.unit)$/;

/** The name pattern of a field: row numbers replaced by "*". */
export function fieldPattern(name: string): string {
  return name.replace(/\.\d+(?=\.|$)/g, '.*');
}

/**
 * The Vietnamese label of a field, with its row number when it is in a row
 * ("Việc cần làm (dòng 3)").
 */
export function fieldLabel(kind: RecordKind, name: string): string {
  const label = FIELD_LABELS[kind][fieldPattern(name)] ?? FIELD_LABELS[kind][name.split('.')[0] ?? ''] ?? name;
  const row = /\.(\d+)(?=\.|$)/.exec(name);
  return row ? `${label} (dòng ${Number(row[1]) + 1})` : label;
}

/**
 * Keeps the text fields of a FormData as pairs, in order; files are left out.
 * @param form posted form data
 */
export function pairsFromFormData(form: FormData): FormPairs {
  const pairs: FormPairs = [];
  for (const [name, value] of form.entries()) if (typeof value === 'string') pairs.push([name, value]);
  return pairs;
}

/**
 * Trims, normalises to NFC and drops control characters a form never needs, including the
 * bidirectional overrides that can make text read differently from what it is.
 */
export function cleanText(value: string, multiline = false): string {
  const normalised = value
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u202A-\u202E\u2066-\u2069]/g, '');
  const stripped = normalised.replace(multiline ? CONTROL_EXCEPT_LINES : CONTROL, multiline ? '' : ' ');
  return stripped.trim();
}

/* eslint-disable no-control-regex -- these patterns exist to remove control characters. */
const CONTROL = /[\u0000-\u001F\u007F]/g;
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
/* eslint-enable no-control-regex */

/**
 * A date as typed or picked, as yyyy-mm-dd when it can be read (date pickers send
 * yyyy-mm-dd; people type dd/mm/yyyy); otherwise the text as typed, which the schema refuses.
 */
export function normaliseDate(value: string): string {
  const text = value.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const parts = iso ? [iso[1], iso[2], iso[3]] : vn ? [vn[3], vn[2], vn[1]] : null;
  if (!parts) return text;
  const [y, m, d] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return text;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A number as Vietnamese people write it ("1.234", "2,5", "19"), or the text as typed
 * when it is not a number (the schema then asks for one).
 */
export function normaliseNumber(value: string): number | string {
  const text = value.replace(/\s/g, '');
  if (text === '') return text;
  const thousands = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(text);
  const plain = thousands ? text.replace(/\./g, '').replace(',', '.') : text.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(plain)) return value.trim();
  return Number(plain);
}

function collect(pairs: FormPairs): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [name, value] of pairs) map.set(name, [...(map.get(name) ?? []), value]);
  return map;
}

/**
 * Reads the editor's pairs into a candidate: texts cleaned, empty optional fields left out,
 * blank rows dropped (rows renumbered), dates as yyyy-mm-dd, numbers parsed, choices kept
 * in the order offered. Nothing typed is discarded: values that do not parse stay as text.
 * @param kind seminar or practice
 * @param pairs the posted pairs (other names are ignored)
 */
export function candidateFromPairs(kind: RecordKind, pairs: FormPairs): Candidate {
  const values = collect(pairs);
  const one = (name: string, multiline = false): string | undefined => {
    const raw = values.get(name)?.[0];
    if (raw === undefined) return undefined;
    const text = cleanText(raw, multiline);
    if (text === '') return undefined;
    return DATE_FIELDS.has(name) ? normaliseDate(text) : text;
  };
  const choices = (name: string): string[] => [
    ...new Set((values.get(name) ?? []).map((v) => v.trim()).filter(Boolean)),
  ];
  const rows = (group: string): unknown[] => {
    const columns = ROW_GROUPS[kind][group];
    const indexes = new Set<number>();
    const prefix = `${group}.`;
    for (const name of values.keys()) {
      if (!name.startsWith(prefix)) continue;
      const index = Number(name.slice(prefix.length).split('.')[0]);
      if (Number.isInteger(index) && index >= 0 && index < 500) indexes.add(index);
    }
    const out: unknown[] = [];
    for (const index of [...indexes].sort((a, b) => a - b)) {
      if (columns === null) {
        const text = one(`${group}.${index}`, true);
        if (text !== undefined) out.push(text);
        continue;
      }
      const row: Record<string, unknown> = {};
      for (const column of columns) {
        const text = one(`${group}.${index}.${column}`, column !== 'unit' && column !== 'date');
        if (text === undefined) continue;
        row[column] = DATE_COLUMNS.has(column)
          ? normaliseDate(text)
          : NUMBER_COLUMNS.has(column)
            ? normaliseNumber(text)
            : text;
      }
      if (Object.keys(row).length > 0) out.push(row);
    }
    return out;
  };
  const person = (prefix: string): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const key of ['name', 'position', 'unit']) {
      const text = one(`${prefix}.${key}`);
      if (text !== undefined) out[key] = text;
    }
    return out;
  };
  const defined = (entries: [string, unknown][]): Candidate =>
    Object.fromEntries(entries.filter(([, v]) => v !== undefined));

  if (kind === 'seminar') {
    const precision = one('datePrecision') ?? 'day';
    let date = one('date');
    // A date known only to the month or year is stored as its first day (as in the content files).
    if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
      if (precision === 'month') date = `${date.slice(0, 7)}-01`;
      if (precision === 'year') date = `${date.slice(0, 4)}-01-01`;
    }
    return defined([
      ['title', one('title')],
      ['summary', one('summary', true)],
      ['date', date],
      ['datePrecision', precision],
      ['hostUnit', one('hostUnit')],
      ['chair', person('chair')],
      ['participants', rows('participants')],
      ['basis', rows('basis')],
      ['topics', choices('topics')],
      ['difficulties', rows('difficulties')],
      ['solutions', rows('solutions')],
      ['conclusions', rows('conclusions')],
      ['followUps', rows('followUps')],
      ['relatedLessons', choices('relatedLessons')],
      ['relatedPractices', choices('relatedPractices')],
    ]);
  }
  const from = one('period.from');
  const to = one('period.to');
  return defined([
    ['title', one('title')],
    ['summary', one('summary', true)],
    ['unit', one('unit')],
    [
      'period',
      defined([
        ['from', from],
        ['to', to],
      ]),
    ],
    ['fields', choices('fields')],
    ['topics', choices('topics')],
    ['results', rows('results')],
    ['difficulties', rows('difficulties')],
    ['howToReplicate', rows('howToReplicate')],
    ['author', person('author')],
    ['relatedLessons', choices('relatedLessons')],
  ]);
}

/** The body (Markdown) from the pairs: line endings normalised, NFC, trailing space trimmed. */
export function bodyFromPairs(pairs: FormPairs): string {
  const raw = pairs.find(([name]) => name === 'body')?.[1] ?? '';
  return raw.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\s+$/, '');
}

/**
 * The value of a field in a candidate, as the form shows it: text for single fields,
 * "" when absent. Works for row columns ("followUps.0.owner") and sentences ("conclusions.1").
 */
export function candidateValue(candidate: Candidate, name: string): string {
  let current: unknown = candidate;
  for (const part of name.split('.')) {
    if (current === null || typeof current !== 'object') return '';
    current = (current as Record<string, unknown>)[part];
  }
  if (current === undefined || current === null) return '';
  if (typeof current === 'number') return String(current).replace('.', ',');
  return typeof current === 'string' ? current : '';
}

/** The chosen values of a multi-choice field. */
export function candidateChoices(candidate: Candidate, name: string): string[] {
  const value = candidate[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Number of rows a group holds in a candidate. */
export function candidateRowCount(candidate: Candidate, group: string): number {
  const value = candidate[group];
  return Array.isArray(value) ? value.length : 0;
}

/** The candidate's title for lists (drafts may have none yet). */
export function candidateTitle(kind: RecordKind, candidate: Candidate): string {
  const title = typeof candidate.title === 'string' ? candidate.title.trim() : '';
  return title || (kind === 'seminar' ? 'Tọa đàm chưa đặt tên' : 'Cách làm hay chưa đặt tên');
}

/** The unit that decides who reviews the record (host unit of a seminar, unit of a practice). */
export function candidateUnit(kind: RecordKind, candidate: Candidate): string | null {
  const value = kind === 'seminar' ? candidate.hostUnit : candidate.unit;
  return typeof value === 'string' && value ? value : null;
}

/** What exists to point at: units, lessons and practices (content and published). */
export interface ReferenceSets {
  unitIds: ReadonlySet<string>;
  lessonIds: ReadonlySet<string>;
  practiceIds: ReadonlySet<string>;
}

/** Outcome of {@link validateRecord}. */
export type RecordValidation = { ok: true; record: RecordData } | { ok: false; errors: FieldErrors };

type Issue = z.core.$ZodIssue;

/**
 * The Vietnamese message of a schema issue, from its code and field (the content schemas'
 * own messages are written for YAML authors, not for people filling a form).
 */
export function issueMessage(kind: RecordKind, issue: Issue, name: string): string {
  const pattern = fieldPattern(name);
  const label = (FIELD_LABELS[kind][pattern] ?? 'trường này').toLowerCase();
  const chosen = CHOSEN.test(pattern);
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.expected === 'number') return 'Vui lòng nhập một con số, ví dụ 19 hoặc 2,5.';
      if (issue.expected === 'date') return 'Ngày không hợp lệ: vui lòng chọn hoặc gõ ngày theo dạng dd/mm/yyyy.';
      if (!('input' in issue) || issue.input === undefined)
        return chosen ? `Vui lòng chọn ${label}.` : `Vui lòng nhập ${label}.`;
      return 'Giá trị không hợp lệ.';
    }
    case 'too_small':
      if (issue.origin === 'array') {
        if (pattern === 'topics') return 'Vui lòng chọn ít nhất một chủ đề.';
        if (pattern === 'fields') return 'Vui lòng chọn ít nhất một lĩnh vực.';
        return `Vui lòng thêm ít nhất ${String(issue.minimum)} mục.`;
      }
      return `Cần ít nhất ${String(issue.minimum)} ký tự.`;
    case 'too_big':
      return issue.origin === 'array'
        ? `Tối đa ${String(issue.maximum)} mục.`
        : `Tối đa ${String(issue.maximum)} ký tự.`;
    case 'invalid_value':
    case 'invalid_format':
      return chosen ? 'Vui lòng chọn trong danh sách.' : 'Giá trị không hợp lệ.';
    case 'custom':
      if (pattern === 'participants.*')
        return 'Mỗi dòng chọn một đơn vị trong ngành hoặc ghi tên một cơ quan khác, không cả hai.';
      return 'Giá trị không hợp lệ.';
    default:
      return 'Giá trị không hợp lệ.';
  }
}

function addError(errors: FieldErrors, name: string, message: string): void {
  errors[name] ??= message;
}

/** Length and count limits of the editor, checked on the candidate before the schema. */
function limitErrors(kind: RecordKind, candidate: Candidate, body: string): FieldErrors {
  const errors: FieldErrors = {};
  const check = (name: string, value: unknown, max: number): void => {
    if (typeof value === 'string' && value.length > max) addError(errors, name, `Tối đa ${max} ký tự.`);
  };
  check('title', candidate.title, LIMITS.title);
  check('summary', candidate.summary, LIMITS.summary);
  if (body.length > LIMITS.body) addError(errors, 'body', `Nội dung dài quá ${LIMITS.body} ký tự: hãy rút gọn.`);
  for (const [key, value] of Object.entries(candidate)) {
    if (key === 'title' || key === 'summary') continue;
    if (typeof value === 'string') check(key, value, LIMITS.text);
    if (Array.isArray(value)) {
      const max = ROW_GROUPS[kind][key] !== undefined ? LIMITS.rows : LIMITS.choices;
      if (value.length > max) addError(errors, key, `Tối đa ${max} dòng.`);
      value.forEach((item, i) => {
        if (typeof item === 'string') check(`${key}.${i}`, item, LIMITS.text);
        else if (item && typeof item === 'object')
          for (const [column, v] of Object.entries(item)) check(`${key}.${i}.${column}`, v, LIMITS.text);
      });
    } else if (value && typeof value === 'object') {
      for (const [sub, v] of Object.entries(value)) check(`${key}.${sub}`, v, LIMITS.text);
    }
  }
  return errors;
}

/** References that the schema cannot check: units, lessons and practices must exist. */
function referenceErrors(record: RecordData, refs: ReferenceSets): FieldErrors {
  const errors: FieldErrors = {};
  const unit = (name: string, id: string | undefined): void => {
    if (id && !refs.unitIds.has(id)) addError(errors, name, 'Đơn vị này không có trong danh sách đơn vị.');
  };
  const lessons = (ids: string[]): void => {
    if (ids.some((id) => !refs.lessonIds.has(id)))
      addError(errors, 'relatedLessons', 'Có bài học không còn trong danh sách: hãy chọn lại.');
  };
  if (record.kind === 'seminar') {
    const d = record.data;
    unit('hostUnit', d.hostUnit);
    unit('chair.unit', d.chair.unit);
    d.participants.forEach((p, i) => unit(`participants.${i}.unit`, p.unit));
    lessons(d.relatedLessons);
    if (d.relatedPractices.some((id) => !refs.practiceIds.has(id)))
      addError(errors, 'relatedPractices', 'Có cách làm hay không còn trong danh sách: hãy chọn lại.');
  } else {
    const d = record.data;
    unit('unit', d.unit);
    unit('author.unit', d.author.unit);
    lessons(d.relatedLessons);
    if (d.period.to < d.period.from) addError(errors, 'period.to', 'Ngày kết thúc phải từ ngày bắt đầu trở về sau.');
  }
  return errors;
}

/**
 * Validates a candidate and body with the content schema of its kind (the same
 * SeminarSchema / PracticeSchema as the content files), then the editor's limits and the
 * references. Errors are keyed by field name, in Vietnamese.
 * @param kind seminar or practice
 * @param candidate the fields
 * @param body the Markdown body
 * @param refs ids that references may use
 */
export function validateRecord(
  kind: RecordKind,
  candidate: Candidate,
  body: string,
  refs: ReferenceSets,
): RecordValidation {
  const errors = limitErrors(kind, candidate, body);
  const schema = kind === 'seminar' ? SeminarSchema : PracticeSchema;
  const parsed = schema.safeParse(candidate, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = issue.path.map(String).join('.') || '_form';
      addError(errors, name, issueMessage(kind, issue, name));
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const record = { kind, data: parsed.data } as RecordData;
  const refErrors = referenceErrors(record, refs);
  if (Object.keys(refErrors).length > 0) return { ok: false, errors: refErrors };
  return { ok: true, record };
}

/**
 * Parses stored fields of a published record with its content schema (they were valid
 * when published; the schema also turns date strings into dates).
 */
export function parseRecordData(kind: RecordKind, candidate: Candidate): RecordData | null {
  if (kind === 'seminar') {
    const parsed = SeminarSchema.safeParse(candidate);
    return parsed.success ? { kind, data: parsed.data } : null;
  }
  const parsed = PracticeSchema.safeParse(candidate);
  return parsed.success ? { kind, data: parsed.data } : null;
}

/** Top-level fields whose values differ between two candidates (for revisions). */
export function changedFields(before: Candidate, after: Candidate): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** Id of the HTML element of a field ("followUps.2.deadline" → "f-followUps-2-deadline"). */
export function fieldId(name: string): string {
  return `f-${name.replace(/\./g, '-')}`;
}
