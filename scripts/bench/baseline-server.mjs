// The bare baseline of the server benchmark: a minimal `node:http` handler that does the
// same database work as each measured route, calling libSQL directly (no Astro, no Drizzle,
// no compression or security headers). `npm run bench` starts it beside the real server on a
// copy of the same database and reports app ÷ baseline.
//
// Per request, like the app: cookie → session row by id → SHA-256 of the secret compared in
// constant time → idle and absolute expiry → active user with unit name and roles; the
// `last_active_at` refresh at most once a minute; Origin check on POST. Then per route:
//   GET  /tai-khoan/           the page's reads (the person's sessions, their reminders), a small HTML page
//   POST /tien-do/hoan-thanh   the mark-done transaction (progress upsert + course completion check), 303
//   POST /api/quiz/save        own open attempt, question in its layout, answer upsert
//   POST /api/quiz/submit      own open attempt, answers read, attempt closed WHERE submitted_at IS NULL
//   GET  /lanh-dao/            leader role, the dashboard's reads (scope, matrix, overdue list, timeline)
// The reads of the two pages are captured from the app's own query functions by the benchmark, so
// the SQL is the same. Statements are prepared once and kept, as db/local-client.ts does.
// Writes run in BEGIN IMMEDIATE transactions serialised per process, as db/client.ts does.
//
// Env: DATABASE_URL (file:…), PORT, HOST (default 127.0.0.1), SITE_URL (allowed Origin),
// COOKIE_NAME (default taphuan_session), CATALOG (JSON file: { lessonCourse: {lesson: course},
// courseLessons: {course: [lesson…]}, accountReads: [{sql, args}], dashboardReads: [{sql, args}] }).
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import Sqlite from 'libsql';

const IDLE_MS = Number(process.env.SESSION_IDLE_TIMEOUT ?? 8 * 3600) * 1000;
const MAX_AGE_MS = Number(process.env.SESSION_MAX_AGE ?? 7 * 24 * 3600) * 1000;
const REFRESH_MS = 60_000;
const COOKIE = process.env.COOKIE_NAME ?? 'taphuan_session';
const SITE_ORIGIN = process.env.SITE_URL ? new URL(process.env.SITE_URL).origin : null;
/**
 * @type {{ lessonCourse: Record<string, string>, courseLessons: Record<string, string[]>,
 *   accountReads: { sql: string, args: unknown[] }[], dashboardReads: { sql: string, args: unknown[] }[] }}
 */
const catalog = process.env.CATALOG
  ? JSON.parse(readFileSync(process.env.CATALOG, 'utf8'))
  : { lessonCourse: {}, courseLessons: {}, accountReads: [], dashboardReads: [] };
/** Stands for the signed-in person's id in captured arguments. */
const USER_MARK = '$user';

const db = new Sqlite(fileOf(process.env.DATABASE_URL ?? 'file:baseline.db'), { timeout: 5000 });
db.exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON');

/** @param {string} url */
function fileOf(url) {
  return url.replace(/^file:(\/\/)?/, '');
}

/** Prepared statements, kept: the fastest way to call libSQL, so the ratio never flatters the app. */
const statements = new Map();
/**
 * @param {{ sql: string, args?: unknown[] }} stmt
 * @returns {Promise<{ rows: Record<string, unknown>[], rowsAffected: number }>}
 */
async function execute({ sql, args = [] }) {
  let st = statements.get(sql);
  if (!st) {
    st = db.prepare(sql);
    statements.set(sql, st);
  }
  if (st.reader) return { rows: st.all(args), rowsAffected: 0 };
  return { rows: [], rowsAffected: st.run(args).changes };
}
const client = { execute };

let writeTail = Promise.resolve();
/**
 * Runs `fn` in a write transaction (BEGIN IMMEDIATE), one at a time in this process.
 * @template T
 * @param {(tx: { execute: typeof execute }) => Promise<T>} fn
 * @returns {Promise<T>}
 */
function write(fn) {
  const run = writeTail.then(async () => {
    await execute({ sql: 'BEGIN IMMEDIATE' });
    try {
      const result = await fn(client);
      await execute({ sql: 'COMMIT' });
      return result;
    } finally {
      if (db.inTransaction) db.exec('ROLLBACK');
    }
  });
  writeTail = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

/** @param {http.IncomingMessage} req @returns {string | null} */
function cookieToken(req) {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === COOKIE) return part.slice(eq + 1).trim();
  }
  return null;
}

/** @param {string} token */
async function sessionUser(token) {
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1] || token.length > 200) return null;
  const [id, secret] = parts;
  const row = (await client.execute({ sql: 'SELECT * FROM sessions WHERE id = ?', args: [id] })).rows[0];
  if (!row) return null;
  const hash = createHash('sha256').update(secret).digest();
  const stored = Buffer.from(/** @type {ArrayBuffer} */ (row.secret_hash));
  if (stored.length !== hash.length || !timingSafeEqual(stored, hash)) return null;
  const now = Date.now();
  const createdAt = Number(row.created_at);
  const lastActive = Number(row.last_active_at);
  if (now >= createdAt + MAX_AGE_MS || now - lastActive >= IDLE_MS) return null;
  const user = (
    await client.execute({
      sql: 'SELECT u.id, u.username, u.full_name, u.unit_id, u.position, u.must_change_password, n.name AS unit_name FROM users u JOIN units n ON n.id = u.unit_id WHERE u.id = ? AND u.active = 1',
      args: [row.user_id],
    })
  ).rows[0];
  if (!user) return null;
  const roles = (
    await client.execute({ sql: 'SELECT role FROM user_roles WHERE user_id = ?', args: [user.id] })
  ).rows.map((r) => String(r.role));
  if (now - lastActive >= REFRESH_MS) {
    await write((tx) => tx.execute({ sql: 'UPDATE sessions SET last_active_at = ? WHERE id = ?', args: [now, id] }));
  }
  return { id: String(user.id), fullName: String(user.full_name), unitId: String(user.unit_id), roles };
}

/** @param {http.IncomingMessage} req @returns {Promise<string>} */
function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > 100_000) req.destroy(new Error('too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

/** @param {http.ServerResponse} res @param {number} status @param {unknown} body */
function json(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** @param {http.ServerResponse} res @param {number} status @param {string} text */
function plain(res, status, text) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const versionCache = new Map();
/** @param {{ execute: typeof execute }} tx @param {string} quizId @param {string} hash */
async function version(tx, quizId, hash) {
  const key = `${quizId}@${hash}`;
  if (!versionCache.has(key)) {
    const row = (
      await tx.execute({
        sql: 'SELECT definition_json FROM quiz_versions WHERE quiz_id = ? AND version_hash = ?',
        args: [quizId, hash],
      })
    ).rows[0];
    versionCache.set(key, row ? JSON.parse(String(row.definition_json)) : null);
  }
  return versionCache.get(key);
}

/** @param {{ id: string }} user @param {string} lessonId */
async function markDone(user, lessonId) {
  const courseId = catalog.lessonCourse[lessonId];
  if (!courseId) return null;
  const now = Date.now();
  await write(async (tx) => {
    await tx.execute({
      sql: 'SELECT completed_at FROM lesson_progress WHERE user_id = ? AND lesson_id = ?',
      args: [user.id, lessonId],
    });
    await tx.execute({
      sql: `INSERT INTO lesson_progress (user_id, lesson_id, course_id, started_at, last_visited_at, completed_at, completed_by)
            VALUES (?, ?, ?, ?, ?, ?, 'manual')
            ON CONFLICT (user_id, lesson_id) DO UPDATE SET course_id = excluded.course_id,
              completed_at = coalesce(lesson_progress.completed_at, excluded.completed_at),
              completed_by = coalesce(lesson_progress.completed_by, excluded.completed_by)`,
      args: [user.id, lessonId, courseId, now, now, now],
    });
    const recorded = await tx.execute({
      sql: 'SELECT completed_at FROM course_completions WHERE user_id = ? AND course_id = ?',
      args: [user.id, courseId],
    });
    if (recorded.rows.length > 0) return;
    const lessons = catalog.courseLessons[courseId] ?? [];
    await tx.execute({
      sql: `SELECT lesson_id, completed_at FROM lesson_progress WHERE user_id = ? AND lesson_id IN (${lessons.map(() => '?').join(',') || "''"}) AND completed_at IS NOT NULL`,
      args: [user.id, ...lessons],
    });
    await tx.execute({
      sql: 'SELECT passed_at FROM course_quiz_passes WHERE user_id = ? AND course_id = ?',
      args: [user.id, courseId],
    });
  });
  return courseId;
}

/** @param {{ id: string }} user @param {{ attemptId: string, questionId: string, answer: unknown }} body */
async function saveAnswer(user, body) {
  return write(async (tx) => {
    const row = (
      await tx.execute({
        sql: 'SELECT * FROM quiz_attempts WHERE id = ? AND user_id = ?',
        args: [body.attemptId, user.id],
      })
    ).rows[0];
    if (!row) return 404;
    if (row.submitted_at !== null) return 409;
    await version(tx, String(row.quiz_id), String(row.version_hash));
    const layout = JSON.parse(String(row.layout_json));
    if (!layout.questions.some((/** @type {{ questionId: string }} */ q) => q.questionId === body.questionId))
      return 404;
    await tx.execute({
      sql: `INSERT INTO quiz_answers (attempt_id, question_id, answer_json, saved_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (attempt_id, question_id) DO UPDATE SET answer_json = excluded.answer_json, saved_at = excluded.saved_at`,
      args: [body.attemptId, body.questionId, JSON.stringify(body.answer), Date.now()],
    });
    return 200;
  });
}

/** @param {{ id: string }} user @param {string} attemptId */
async function submit(user, attemptId) {
  return write(async (tx) => {
    const row = (
      await tx.execute({ sql: 'SELECT * FROM quiz_attempts WHERE id = ? AND user_id = ?', args: [attemptId, user.id] })
    ).rows[0];
    if (!row) return 404;
    const quiz = (await tx.execute({ sql: 'SELECT * FROM quizzes WHERE id = ?', args: [row.quiz_id] })).rows[0];
    if (!quiz) return 404;
    if (row.submitted_at !== null) return 409;
    await version(tx, String(row.quiz_id), String(row.version_hash));
    const answers = (await tx.execute({ sql: 'SELECT * FROM quiz_answers WHERE attempt_id = ?', args: [attemptId] }))
      .rows;
    const layout = JSON.parse(String(row.layout_json));
    const total = layout.questions.length;
    const earned = answers.length;
    const closed = await tx.execute({
      sql: 'UPDATE quiz_attempts SET submitted_at = ?, score = ?, earned = ?, total = ?, passed = ?, grade_json = ? WHERE id = ? AND submitted_at IS NULL',
      args: [Date.now(), (100 * earned) / total, earned, total, 0, '[]', attemptId],
    });
    if (closed.rowsAffected !== 1) return 409;
    await tx.execute({
      sql: 'SELECT * FROM quiz_attempts WHERE user_id = ? AND quiz_id = ? ORDER BY attempt_number',
      args: [user.id, row.quiz_id],
    });
    return 200;
  });
}

/**
 * The reads the app's page makes, captured by the benchmark from the app's own query functions
 * (scripts/bench/server-routes.ts `captureReads`): the same SQL and arguments, the signed-in
 * person's id put in where the capture had its own.
 * @param {{ sql: string, args: unknown[] }[]} reads
 * @param {string} userId
 */
async function sameReads(reads, userId) {
  let rows = 0;
  for (const read of reads) {
    const args = read.args.map((a) => (a === USER_MARK ? userId : a));
    rows += (await execute({ sql: read.sql, args })).rows.length;
  }
  return rows;
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://baseline.invalid');
    if (req.method === 'POST') {
      const origin = req.headers.origin;
      if (!origin || (origin !== `http://${req.headers.host}` && origin !== SITE_ORIGIN))
        return plain(res, 403, 'Nguồn không hợp lệ.');
    }
    const token = cookieToken(req);
    const user = token ? await sessionUser(token) : null;
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /tai-khoan/': {
        if (!user) return plain(res, 401, 'Cần đăng nhập.');
        const rows = await sameReads(catalog.accountReads, user.id);
        const html = `<!doctype html><html lang="vi"><title>Tài khoản</title><main><h1>${user.fullName.replace(/[<&]/g, '')}</h1><p>${rows}</p></main></html>`;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store' });
        return res.end(html);
      }
      case 'POST /tien-do/hoan-thanh': {
        const form = new URLSearchParams(await readBody(req));
        const lesson = form.get('lesson') ?? '';
        if (!user) return plain(res, 401, 'Cần đăng nhập.');
        const courseId = await markDone(user, lesson);
        if (!courseId) return plain(res, 404, 'Không tìm thấy bài học này.');
        res.writeHead(303, { location: `/khoa-hoc/${courseId}/${lesson}/#tien-do` });
        return res.end();
      }
      case 'POST /api/quiz/save': {
        if (!user) return json(res, 401, { error: 'Cần đăng nhập.' });
        const body = JSON.parse(await readBody(req));
        const status = await saveAnswer(user, body);
        return json(res, status, status === 200 ? { saved: true } : { error: 'Không lưu được.' });
      }
      case 'POST /api/quiz/submit': {
        if (!user) return json(res, 401, { error: 'Cần đăng nhập.' });
        const body = JSON.parse(await readBody(req));
        const status = await submit(user, String(body.attemptId));
        return json(res, status, status === 200 ? { submitted: true } : { error: 'Không nộp được.' });
      }
      case 'GET /lanh-dao/': {
        if (!user) return plain(res, 401, 'Cần đăng nhập.');
        if (!user.roles.includes('leader') && !user.roles.includes('admin')) return plain(res, 403, 'Không có quyền.');
        const rows = await sameReads(catalog.dashboardReads, user.id);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(`<!doctype html><html lang="vi"><main>${rows} dòng</main></html>`);
      }
      default:
        return plain(res, 404, 'Không có trang này.');
    }
  } catch (error) {
    console.error(error);
    if (!res.headersSent) plain(res, 500, 'Lỗi máy chủ.');
    else res.destroy();
  }
});

server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address();
  console.log(`baseline listening on ${typeof address === 'object' && address ? address.port : '?'}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
