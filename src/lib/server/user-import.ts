import { and, eq, gt, lt } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { importStash } from '../../../db/schema/index';
import { FullNameSchema, POSITIONS, UsernameSchema, type Role } from '../schemas/account';
import { foldVietnamese } from '../shared/fold';
import type { Database } from './db';
import { generateTemporaryPassword, hashPassword } from './password';
import { resolveUnit, listUnitNames } from './units';
import { existingUsernames, insertUser } from './users';

/** Largest file accepted (bytes) and most data rows. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 3000;
/** How long a previewed file waits for confirmation. */
export const IMPORT_STASH_TTL_MS = 30 * 60 * 1000;

/** One data row as read from the file; `row` is the spreadsheet row number (header = 1). */
export interface ImportRow {
  row: number;
  fullName: string;
  username: string;
  unit: string;
  position: string;
  roles: string;
}

/** A row after checking: what would be created, or its problems. */
export interface ImportRowCheck {
  row: ImportRow;
  problems: string[];
  /** Present when the row has no problem. */
  resolved?: {
    username: string;
    fullName: string;
    unitId: string;
    unitName: string;
    position: string;
    roles: Role[];
  };
}

/** Outcome of {@link parseImportFile}. */
export type ParseImportResult = { ok: true; rows: ImportRow[] } | { ok: false; message: string };

type Field = keyof Omit<ImportRow, 'row'>;

const HEADERS: Record<string, Field> = {
  'ho va ten': 'fullName',
  'ho ten': 'fullName',
  'ten dang nhap': 'username',
  'don vi': 'unit',
  'chuc vu': 'position',
  'vai tro': 'roles',
};
const REQUIRED_HEADERS: { field: Field; label: string }[] = [
  { field: 'fullName', label: 'Họ và tên' },
  { field: 'username', label: 'Tên đăng nhập' },
  { field: 'unit', label: 'Đơn vị' },
  { field: 'position', label: 'Chức vụ' },
];

const ROLE_NAMES: Record<string, Role> = {
  'hoc vien': 'learner',
  learner: 'learner',
  'to chuc': 'organiser',
  'nguoi to chuc': 'organiser',
  organiser: 'organiser',
  organizer: 'organiser',
  'lanh dao': 'leader',
  leader: 'leader',
  'quan tri': 'admin',
  'quan tri vien': 'admin',
  admin: 'admin',
};

const fold = (text: string) => foldVietnamese(text.normalize('NFC')).replace(/\s+/g, ' ').trim();

/** Maps a header row to fields; unknown columns are ignored. */
function mapHeaders(header: string[]): { ok: true; columns: Map<Field, number> } | { ok: false; message: string } {
  const columns = new Map<Field, number>();
  header.forEach((cell, index) => {
    const field = HEADERS[fold(cell).replace(/[^a-z ]/g, '')];
    if (field && !columns.has(field)) columns.set(field, index);
  });
  const missing = REQUIRED_HEADERS.filter((h) => !columns.has(h.field)).map((h) => `"${h.label}"`);
  if (missing.length > 0) {
    return {
      ok: false,
      message: `Dòng tiêu đề thiếu cột ${missing.join(', ')}. Các cột cần có: Họ và tên, Tên đăng nhập, Đơn vị, Chức vụ, Vai trò.`,
    };
  }
  return { ok: true, columns };
}

function toRows(table: { cells: string[]; row: number }[]): ParseImportResult {
  const headerIndex = table.findIndex((r) => r.cells.some((c) => c.trim() !== ''));
  const header = table[headerIndex];
  if (!header) return { ok: false, message: 'Tệp không có dữ liệu.' };
  const mapped = mapHeaders(header.cells);
  if (!mapped.ok) return mapped;
  const rows: ImportRow[] = [];
  for (const line of table.slice(headerIndex + 1)) {
    if (line.cells.every((c) => c.trim() === '')) continue;
    const get = (field: Field) => {
      const index = mapped.columns.get(field);
      return index === undefined ? '' : (line.cells[index] ?? '').normalize('NFC').trim();
    };
    rows.push({
      row: line.row,
      fullName: get('fullName'),
      username: get('username'),
      unit: get('unit'),
      position: get('position'),
      roles: get('roles'),
    });
  }
  if (rows.length === 0) return { ok: false, message: 'Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.' };
  if (rows.length > IMPORT_MAX_ROWS) {
    return { ok: false, message: `Tệp có ${rows.length} dòng; mỗi lần nhập tối đa ${IMPORT_MAX_ROWS} dòng.` };
  }
  return { ok: true, rows };
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Reads a CSV (UTF-8, with or without BOM, comma or semicolon as Excel writes them) or an
 * XLSX workbook (first sheet). Files are recognised by content, not by name.
 */
export async function parseImportFile(fileName: string, bytes: Uint8Array): Promise<ParseImportResult> {
  if (bytes.length === 0) return { ok: false, message: 'Vui lòng chọn một tệp CSV hoặc XLSX.' };
  if (bytes.length > IMPORT_MAX_BYTES) return { ok: false, message: 'Tệp lớn hơn 5 MB.' };
  if (isZip(bytes)) return parseXlsx(bytes);
  if (/\.xlsx?$/i.test(fileName)) {
    return { ok: false, message: 'Tệp Excel không đọc được. Vui lòng lưu lại dưới dạng .xlsx hoặc CSV UTF-8.' };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return {
      ok: false,
      message:
        'Tệp CSV không phải mã UTF-8. Trong Excel, chọn "Lưu dưới dạng" → "CSV UTF-8 (phân tách bằng dấu phẩy)".',
    };
  }
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', ';', '\t'] });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) return { ok: false, message: `Tệp CSV lỗi dấu ngoặc kép ở dòng ${(fatal.row ?? 0) + 1}.` };
  return toRows(parsed.data.map((cells, index) => ({ cells: cells.map(String), row: index + 1 })));
}

async function parseXlsx(bytes: Uint8Array): Promise<ParseImportResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    return { ok: false, message: 'Tệp Excel không đọc được. Vui lòng lưu lại dưới dạng .xlsx hoặc CSV UTF-8.' };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, message: 'Tệp Excel không có trang tính nào.' };
  const table: { cells: string[]; row: number }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text ?? '');
    table.push({ cells, row: rowNumber });
  });
  return toRows(table);
}

/** Maps "Học viên, Quản trị" (any case, with or without diacritics) to roles. */
export function parseRoles(text: string): { roles: Role[]; unknown: string[] } {
  const parts = text
    .split(/[,;/]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { roles: ['learner'], unknown: [] };
  const roles = new Set<Role>();
  const unknown: string[] = [];
  for (const part of parts) {
    const role = ROLE_NAMES[fold(part)];
    if (role) roles.add(role);
    else unknown.push(part);
  }
  return { roles: [...roles], unknown };
}

/** Finds a position in the list, ignoring case and diacritics. */
export function parsePosition(text: string): string | null {
  const wanted = fold(text);
  return POSITIONS.find((p) => fold(p) === wanted) ?? null;
}

/**
 * Checks every row and lists all problems by row: missing fields, malformed or duplicate
 * usernames (within the file and against existing accounts), unknown or ambiguous units,
 * unknown positions and roles. Writes nothing.
 */
export async function checkImportRows(database: Database, rows: ImportRow[]): Promise<ImportRowCheck[]> {
  const unitList = await listUnitNames(database);
  const unitNames = new Map(unitList.map((u) => [u.id, u.name]));
  const normalised = rows.map((r) => UsernameSchema.safeParse(r.username));
  const taken = await existingUsernames(
    database,
    normalised.flatMap((n) => (n.success ? [n.data] : [])),
  );
  const firstRowOf = new Map<string, number>();
  return rows.map((row, index) => {
    const problems: string[] = [];
    const fullName = FullNameSchema.safeParse(row.fullName);
    if (!row.fullName) problems.push('Thiếu "Họ và tên".');
    else if (!fullName.success) problems.push(`Họ và tên: ${fullName.error.issues[0]?.message ?? 'không hợp lệ'}.`);

    const username = normalised[index];
    if (!row.username) problems.push('Thiếu "Tên đăng nhập".');
    else if (!username?.success)
      problems.push(`Tên đăng nhập "${row.username}": ${username?.error.issues[0]?.message ?? 'không hợp lệ'}.`);
    else {
      const first = firstRowOf.get(username.data);
      if (first !== undefined) problems.push(`Tên đăng nhập "${username.data}" trùng với dòng ${first}.`);
      else firstRowOf.set(username.data, row.row);
      if (taken.has(username.data)) problems.push(`Tên đăng nhập "${username.data}" đã có tài khoản.`);
    }

    let unitId: string | undefined;
    if (!row.unit) problems.push('Thiếu "Đơn vị".');
    else {
      const unit = resolveUnit(unitList, row.unit);
      if (unit.ok) unitId = unit.id;
      else if (unit.reason === 'ambiguous') {
        problems.push(
          `Đơn vị "${row.unit}" trùng tên với nhiều đơn vị (${unit.candidates?.join(', ')}); hãy ghi mã đơn vị.`,
        );
      } else problems.push(`Không tìm thấy đơn vị "${row.unit}".`);
    }

    const position = row.position ? parsePosition(row.position) : null;
    if (!row.position) problems.push('Thiếu "Chức vụ".');
    else if (!position) problems.push(`Chức vụ "${row.position}" không có trong danh sách (${POSITIONS.join(', ')}).`);

    const roles = parseRoles(row.roles);
    if (roles.unknown.length > 0) {
      problems.push(
        `Vai trò không hợp lệ: ${roles.unknown.map((r) => `"${r}"`).join(', ')} (dùng Học viên, Tổ chức, Lãnh đạo, Quản trị).`,
      );
    }

    if (problems.length > 0 || !fullName.success || !username?.success || !unitId || !position)
      return { row, problems };
    return {
      row,
      problems,
      resolved: {
        username: username.data,
        fullName: fullName.data,
        unitId,
        unitName: unitNames.get(unitId) ?? unitId,
        position,
        roles: roles.roles,
      },
    };
  });
}

/** Keeps parsed rows between preview and confirmation, bound to the admin's session. */
export async function stashImport(
  database: Database,
  sessionId: string,
  fileName: string,
  rows: ImportRow[],
  now = new Date(),
): Promise<string> {
  const id = crypto.randomUUID();
  await database.write(async (tx) => {
    await tx.delete(importStash).where(lt(importStash.expiresAt, now));
    await tx.insert(importStash).values({
      id,
      sessionId,
      fileName: fileName.slice(0, 200),
      payload: JSON.stringify(rows),
      createdAt: now,
      expiresAt: new Date(now.getTime() + IMPORT_STASH_TTL_MS),
    });
  });
  return id;
}

/** The stashed rows, only for the session that uploaded them and before expiry. */
export async function loadStash(
  database: Database,
  id: string,
  sessionId: string,
  now = new Date(),
): Promise<{ fileName: string; rows: ImportRow[] } | null> {
  const [row] = await database.db
    .select()
    .from(importStash)
    .where(and(eq(importStash.id, id), eq(importStash.sessionId, sessionId), gt(importStash.expiresAt, now)));
  if (!row) return null;
  return { fileName: row.fileName, rows: JSON.parse(row.payload) as ImportRow[] };
}

/** Forgets a stashed file (the admin cancelled). */
export async function discardStash(database: Database, id: string, sessionId: string): Promise<void> {
  await database.write((tx) =>
    tx.delete(importStash).where(and(eq(importStash.id, id), eq(importStash.sessionId, sessionId))),
  );
}

/** An account created by the import, with its one-time temporary password. */
export interface ImportedAccount {
  row: number;
  username: string;
  fullName: string;
  unitName: string;
  temporaryPassword: string;
}

/** Outcome of {@link confirmImport}. */
export type ConfirmImportResult =
  | { ok: true; created: ImportedAccount[] }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'invalid'; checks: ImportRowCheck[] };

class ImportConflict extends Error {}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index] as T);
    }
  });
  await Promise.all(workers);
  return out;
}

/**
 * Imports a previewed file all-or-nothing: the rows are checked again (accounts may have
 * appeared since the preview), temporary passwords are hashed before the transaction, and
 * every account is inserted in one write transaction that is rolled back if any row fails.
 */
export async function confirmImport(
  database: Database,
  stashId: string,
  sessionId: string,
): Promise<ConfirmImportResult> {
  const stash = await loadStash(database, stashId, sessionId);
  if (!stash) return { ok: false, reason: 'not-found' };
  const checks = await checkImportRows(database, stash.rows);
  if (checks.some((c) => c.problems.length > 0)) return { ok: false, reason: 'invalid', checks };

  const prepared = await mapLimit(checks, 4, async (check) => {
    const temporaryPassword = generateTemporaryPassword();
    return { check, temporaryPassword, passwordHash: await hashPassword(temporaryPassword) };
  });
  try {
    const created = await database.write(async (tx) => {
      const now = new Date();
      const accounts: ImportedAccount[] = [];
      for (const { check, temporaryPassword, passwordHash } of prepared) {
        const r = check.resolved;
        if (!r) throw new ImportConflict(`row ${check.row.row}`);
        const result = await insertUser(tx, { ...r, passwordHash, mustChangePassword: true }, now);
        if (!result.ok) throw new ImportConflict(`row ${check.row.row}: ${result.reason}`);
        accounts.push({
          row: check.row.row,
          username: r.username,
          fullName: r.fullName,
          unitName: r.unitName,
          temporaryPassword,
        });
      }
      await tx.delete(importStash).where(eq(importStash.id, stashId));
      return accounts;
    });
    return { ok: true, created };
  } catch (error) {
    if (!(error instanceof ImportConflict)) throw error;
    // Someone created a clashing account meanwhile: nothing was written; show the new problems.
    return { ok: false, reason: 'invalid', checks: await checkImportRows(database, stash.rows) };
  }
}

/** Keeps spreadsheet programs from running a cell as a formula. */
function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** CSV (UTF-8 with BOM, so Excel shows Vietnamese correctly) of the temporary passwords. */
export function temporaryPasswordsCsv(accounts: ImportedAccount[]): string {
  const rows = [
    ['Dòng', 'Họ và tên', 'Tên đăng nhập', 'Đơn vị', 'Mật khẩu tạm thời'],
    ...accounts.map((a) => [String(a.row), a.fullName, a.username, a.unitName, a.temporaryPassword].map(neutralise)),
  ];
  return `\uFEFF${Papa.unparse(rows)}`;
}
