// `npm run content:export` against a real database: a record written and published through
// the workflow functions is exported as MDX whose frontmatter the content schema reads back
// to the same fields, with its attachment copied next to it.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { mdxToJs } from 'satteri';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frontmatterOf } from '../../src/lib/content/read-snapshot';
import { SeminarSchema } from '../../src/lib/schemas/seminar';
import { inspectUpload, storeUpload } from '../../src/lib/server/publishing/attachment-files';
import { candidateFromPairs, type ReferenceSets } from '../../src/lib/server/publishing/editor-form';
import { addAttachment, editRecord, getRecord, type PublishingContext } from '../../src/lib/server/publishing/records';
import type { SessionUser } from '../../src/lib/server/session';
import { findSessionUser } from '../../src/lib/server/users';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { projectRoot } from '../support/server';
import { pngBytes, seminarForm } from './helpers/publishing';

const run = promisify(execFile);
let db: TestDatabase;
let dir: string;
let organiser: SessionUser;
let leader: SessionUser;
let recordId: string;
const UNIT = 'bo-phan-minh-hoa-a1';

const context: PublishingContext = {
  refs: {
    unitIds: new Set(['bo-phan-minh-hoa-a1', 'don-vi-minh-hoa-a']),
    lessonIds: new Set(['chuan-bi-so-hoa-ho-so']),
    practiceIds: new Set(),
  } satisfies ReferenceSets,
  reservedSlugs: { seminar: new Set(['toa-dam-ve-luu-tru-ho-so-so-tai-don-vi']), practice: new Set() },
};

function pairsOf(form: Record<string, string | string[]>): [string, string][] {
  return Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, x]));
}

async function user(username: string): Promise<SessionUser> {
  const rows = await db.raw().execute({ sql: 'SELECT id FROM users WHERE username = ?', args: [username] });
  const found = await findSessionUser(db.database, String(rows.rows[0]?.id));
  if (!found) throw new Error(username);
  return found;
}

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), 'publishing-export-'));
  organiser = await user('tochuc.mau');
  leader = await user('lanhdao.mau');
  const form = seminarForm(UNIT, { body: 'Chi phí {dự kiến} < 5 triệu; xem <https://quochoi.vn>.\n\n```\na < b\n```' });
  const candidate = candidateFromPairs('seminar', pairsOf(form));
  const body = String(form.body);
  const created = await editRecord(
    db.database,
    organiser,
    { kind: 'seminar', recordId: null, version: null, candidate, body, alts: {}, intent: 'submit' },
    context,
  );
  if (!created.ok) throw new Error(JSON.stringify(created));
  recordId = created.id;
  const bytes = await pngBytes(640, 480);
  const inspected = await inspectUpload('hoi-truong.png', bytes);
  if (!inspected.ok) throw new Error(inspected.message);
  const uploads = path.join(dir, 'uploads');
  const stored = await storeUpload(uploads, inspected.file, bytes);
  // Authors cannot add files to a submitted record; the reviewer can.
  expect(
    (await addAttachment(db.database, organiser, recordId, inspected.file, stored, 'hoi-truong.png', 'Hội trường')).ok,
  ).toBe(false);
  expect(
    (await addAttachment(db.database, leader, recordId, inspected.file, stored, 'hoi-truong.png', 'Hội trường')).ok,
  ).toBe(true);
  const version = (await getRecord(db.database, recordId))!.version;
  const published = await editRecord(
    db.database,
    leader,
    { kind: 'seminar', recordId, version, candidate, body, alts: {}, intent: 'publish' },
    context,
  );
  expect(published).toMatchObject({ ok: true, status: 'published', searchChanged: true });
});

afterAll(async () => {
  await db?.cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('exporting published records', () => {
  it('round-trips a record: the content schema reads the frontmatter back to the same fields', async () => {
    const out = path.join(dir, 'out');
    const tsx = path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const { stdout } = await run(process.execPath, [tsx, 'scripts/content-export.ts', '--out', out], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: db.url, DATA_DIR: dir },
    });
    expect(stdout).toContain('Đã xuất 1 bản ghi');
    const record = (await getRecord(db.database, recordId))!;
    // The public id avoided the content record's id.
    expect(record.slug).toBe('toa-dam-ve-luu-tru-ho-so-so-tai-don-vi-2');
    const mdx = await readFile(path.join(out, 'seminars', `${record.slug}.mdx`), 'utf8');
    expect(SeminarSchema.parse(frontmatterOf(mdx))).toEqual(SeminarSchema.parse(record.data));
    const body = mdx.replace(/^---[\s\S]*?\n---\n/, '');
    expect(() => mdxToJs(body)).not.toThrow();
    expect(body).toContain('Chi phí \\{dự kiến\\} \\< 5 triệu; xem https://quochoi.vn.');
    expect(body).toContain('## Hình ảnh và tài liệu');
    const files = await readdir(path.join(out, 'public', 'tap-tin', record.slug!));
    expect(files.sort()).toEqual([
      expect.stringMatching(/^[0-9a-f]{64}-page\.webp$/),
      expect.stringMatching(/^[0-9a-f]{64}\.png$/),
    ]);
  });
});
