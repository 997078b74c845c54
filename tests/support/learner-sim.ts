// Simulated learners for the soak and crash tests: each one logs in through the login form,
// then loops over lesson pages, the visit beacon, "mark as done", its account page and whole
// quiz attempts (start, save every answer, submit) until told to stop. Every write the server
// acknowledged (2xx/3xx) is recorded, so the test can check afterwards that each one is in the
// database.
import { createClient } from '@libsql/client';
import { answerFor } from './workload';
import type { PublicQuestion } from '../../src/lib/shared/quiz/types';

/** A write the server acknowledged. */
export type Ack =
  | { kind: 'visit' | 'done'; userId: string; lessonId: string }
  | { kind: 'start' | 'submit'; userId: string; attemptId: string }
  | { kind: 'save'; userId: string; attemptId: string; questionId: string };

/** What happened during a simulation. */
export interface SimulationReport {
  requests: number;
  statuses: Record<string, number>;
  /** 5xx answers with the request that got them (first 20). */
  serverErrors: { method: string; path: string; status: number; body: string }[];
  /** Requests that got no answer (connection refused or reset: expected only around a crash). */
  networkErrors: number;
  acks: Ack[];
  /** Bodies of any answer that leaked internals (first 20). */
  leaks: string[];
}

/** A learner account the simulation may use. */
export interface SimLearner {
  userId: string;
  username: string;
  password: string;
}

/** What the learners can do. */
export interface SimulationPlan {
  baseUrl: () => string;
  learners: readonly SimLearner[];
  /** Lessons with their page URL. */
  lessons: readonly { id: string; href: string }[];
  quizIds: readonly string[];
  /** Keep going while this returns true. */
  running: () => boolean;
}

/** Text that must never appear in a response: stack frames, source paths, SQL, driver errors. */
export const LEAK_PATTERN =
  /(\bat [\w$.<>]+ \(|\.(ts|mjs|js):\d+:\d+|node_modules|SQLITE_|SqliteError|LibsqlError|DrizzleQueryError|\bSELECT\b[\s\S]{0,200}\bFROM\b|\bINSERT INTO\b|\bUPDATE\s+\w+\s+SET\b|Failed query)/;

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

/** Runs `plan.learners.length` learners concurrently until `plan.running()` turns false. */
export async function simulateLearners(plan: SimulationPlan): Promise<SimulationReport> {
  const report: SimulationReport = {
    requests: 0,
    statuses: {},
    serverErrors: [],
    networkErrors: 0,
    acks: [],
    leaks: [],
  };

  async function send(
    method: 'GET' | 'POST',
    path: string,
    options: { cookie?: string; form?: Record<string, string>; json?: unknown } = {},
  ): Promise<{ status: number; body: string; headers: Headers } | null> {
    const base = plan.baseUrl();
    const headers: Record<string, string> = {};
    if (options.cookie) headers.cookie = options.cookie;
    let body: string | undefined;
    if (method === 'POST') headers.origin = base;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      headers.accept = 'application/json';
      body = JSON.stringify(options.json);
    }
    report.requests += 1;
    try {
      const response = await fetch(`${base}${path}`, {
        method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      report.statuses[response.status] = (report.statuses[response.status] ?? 0) + 1;
      if (response.status >= 500 && report.serverErrors.length < 20) {
        report.serverErrors.push({ method, path, status: response.status, body: text.slice(0, 300) });
      }
      if (LEAK_PATTERN.test(text) && report.leaks.length < 20)
        report.leaks.push(`${method} ${path}: ${text.slice(0, 300)}`);
      return { status: response.status, body: text, headers: response.headers };
    } catch {
      report.networkErrors += 1;
      return null;
    }
  }

  async function login(learner: SimLearner): Promise<string | null> {
    while (plan.running()) {
      const answer = await send('POST', '/dang-nhap/', {
        form: { username: learner.username, password: learner.password, next: '/tai-khoan/' },
      });
      const cookie = answer?.headers.get('set-cookie')?.split(';')[0];
      if (answer?.status === 303 && cookie) return cookie;
      await new Promise((r) => setTimeout(r, 200));
    }
    return null;
  }

  async function quiz(learner: SimLearner, cookie: string): Promise<void> {
    const quizId = pick(plan.quizIds);
    const started = await send('POST', '/api/quiz/start', { cookie, json: { quizId } });
    if (!started || (started.status !== 200 && started.status !== 201)) return;
    const view = JSON.parse(started.body) as { attemptId: string; questions: PublicQuestion[] };
    report.acks.push({ kind: 'start', userId: learner.userId, attemptId: view.attemptId });
    for (const question of view.questions) {
      if (!plan.running()) return;
      const saved = await send('POST', '/api/quiz/save', {
        cookie,
        json: { attemptId: view.attemptId, questionId: question.id, answer: answerFor(question) },
      });
      if (saved && saved.status === 200) {
        report.acks.push({ kind: 'save', userId: learner.userId, attemptId: view.attemptId, questionId: question.id });
      }
    }
    const submitted = await send('POST', '/api/quiz/submit', { cookie, json: { attemptId: view.attemptId } });
    if (submitted?.status === 200)
      report.acks.push({ kind: 'submit', userId: learner.userId, attemptId: view.attemptId });
  }

  async function learn(learner: SimLearner): Promise<void> {
    let cookie = await login(learner);
    let round = 0;
    while (cookie && plan.running()) {
      round += 1;
      const lesson = pick(plan.lessons);
      await send('GET', lesson.href, { cookie });
      const visit = await send('POST', '/tien-do/bat-dau', { cookie, form: { lesson: lesson.id } });
      if (visit?.status === 204) report.acks.push({ kind: 'visit', userId: learner.userId, lessonId: lesson.id });
      const done = await send('POST', '/tien-do/hoan-thanh', { cookie, form: { lesson: lesson.id } });
      if (done?.status === 303 && done.headers.get('location')?.startsWith('/khoa-hoc/')) {
        report.acks.push({ kind: 'done', userId: learner.userId, lessonId: lesson.id });
      }
      if (round % 3 === 0) {
        const account = await send('GET', '/tai-khoan/', { cookie });
        // A session lost with a crash would show as a redirect to the login page: log in again.
        if (account?.status === 303) cookie = await login(learner);
      }
      if (round % 2 === 0 && cookie) await quiz(learner, cookie);
    }
  }

  await Promise.all(plan.learners.map(learn));
  return report;
}

/** Outcome of {@link verifyAcks}. */
export interface AckCheck {
  checked: number;
  byKind: Record<string, number>;
  missing: Ack[];
}

/** Looks up every acknowledged write in the database file. */
export async function verifyAcks(databaseUrl: string, acks: readonly Ack[]): Promise<AckCheck> {
  const client = createClient({ url: databaseUrl });
  const missing: Ack[] = [];
  const byKind: Record<string, number> = {};
  try {
    for (const ack of acks) {
      byKind[ack.kind] = (byKind[ack.kind] ?? 0) + 1;
      let found: boolean;
      switch (ack.kind) {
        case 'visit':
        case 'done': {
          const rows = await client.execute({
            sql: 'SELECT completed_at FROM lesson_progress WHERE user_id = ? AND lesson_id = ?',
            args: [ack.userId, ack.lessonId],
          });
          found = rows.rows.length === 1 && (ack.kind === 'visit' || rows.rows[0]!.completed_at !== null);
          break;
        }
        case 'start':
        case 'submit': {
          const rows = await client.execute({
            sql: 'SELECT submitted_at FROM quiz_attempts WHERE id = ? AND user_id = ?',
            args: [ack.attemptId, ack.userId],
          });
          found = rows.rows.length === 1 && (ack.kind === 'start' || rows.rows[0]!.submitted_at !== null);
          break;
        }
        case 'save': {
          const rows = await client.execute({
            sql: 'SELECT 1 FROM quiz_answers WHERE attempt_id = ? AND question_id = ?',
            args: [ack.attemptId, ack.questionId],
          });
          found = rows.rows.length === 1;
          break;
        }
      }
      if (!found) missing.push(ack);
    }
  } finally {
    client.close();
  }
  return { checked: acks.length, byKind, missing };
}

/** `PRAGMA integrity_check` of a database file: "ok" when sound. */
export async function integrityCheck(databaseUrl: string): Promise<string> {
  const client = createClient({ url: databaseUrl });
  try {
    const result = await client.execute('PRAGMA integrity_check');
    return result.rows.map((r) => String(r[0])).join('\n');
  } finally {
    client.close();
  }
}
