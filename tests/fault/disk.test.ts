import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../support/app-process';
import type { AckCheck } from '../support/learner-sim';
import { LEAK_PATTERN, type Ack } from '../support/learner-sim';
import type { FaultSite } from '../support/fault-site';
import { projectRoot } from '../support/server';

/**
 * A full disk and a read-only database: the database lives on a small tmpfs mounted for the
 * test (root only: tests here run as root; elsewhere the test is skipped and says why).
 * - Full disk: a filler file takes the free space while the server runs; writes must be
 *   refused with a Vietnamese 503 (never a 500 or a stack trace), and work again once space
 *   is freed.
 * - Read-only: the file system is remounted read-only (Linux refuses that while a process
 *   holds the file open for writing, so the server is stopped first and started on the
 *   read-only file, as after a restore with wrong permissions); pages that need the database
 *   answer a Vietnamese 503, static pages still work.
 * Afterwards every write acknowledged at any point is in the file, which passes the
 * integrity check.
 */

function tryMount(dir: string, sizeMb: number): string | null {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return `mounting a tmpfs needs root (${String((error as Error).message).split('\n')[0]})`;
  }
}

/** Database work in a child process: see tests/support/fault-site-cli.ts. */
function siteCli(...args: string[]): string {
  const cli = path.join(projectRoot, 'tests', 'support', 'fault-site-cli.ts');
  return execFileSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: projectRoot, encoding: 'utf8' });
}

const mountDir = mkdtempSync(path.join(tmpdir(), 'tap-huan-so-disk-'));
const cannotMount = tryMount(mountDir, 24);

let site: FaultSite;
let server: AppProcess | null = null;
const acks: Ack[] = [];

beforeAll(async () => {
  if (cannotMount) return;
  site = JSON.parse(siteCli('prepare', mountDir, '2')) as FaultSite;
});

afterAll(async () => {
  await server?.stop();
  if (!cannotMount) {
    execFileSync('mount', ['-o', 'remount,rw', mountDir], { stdio: 'pipe' });
    execFileSync('umount', [mountDir], { stdio: 'pipe' });
  }
  rmdirSync(mountDir);
});

async function login(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/dang-nhap/`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 303 || !cookie) throw new Error(`Login answered ${response.status}`);
  return cookie;
}

async function markDone(url: string, cookie: string, lesson: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${url}/tien-do/hoan-thanh`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: url, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ lesson }).toString(),
  });
  return { status: response.status, body: await response.text() };
}

/** Fills the file system until it is full; returns the filler's path. */
function fillDisk(dir: string): string {
  const filler = path.join(dir, 'filler.bin');
  const fd = openSync(filler, 'w');
  const block = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    // The last few bytes may still fit in smaller writes.
    try {
      for (;;) writeSync(fd, Buffer.alloc(512, 1));
    } catch {
      // Full.
    }
  } finally {
    closeSync(fd);
  }
  return filler;
}

const STORAGE_MESSAGE = /chưa được lưu/;

describe.skipIf(cannotMount !== null)(`storage failures${cannotMount ? ` (skipped: ${cannotMount})` : ''}`, () => {
  it('refuses writes with a Vietnamese 503 on a full disk, loses nothing, and recovers when space is freed', async () => {
    server = await startAppProcess({ databaseUrl: site.databaseUrl });
    const learner = site.learners[0]!;
    const cookie = await login(server.url, learner.username, learner.password);
    const lessons = site.lessons.map((l) => l.id);

    for (const lesson of lessons.slice(0, 3)) {
      const answer = await markDone(server.url, cookie, lesson);
      expect(answer.status).toBe(303);
      acks.push({ kind: 'done', userId: learner.userId, lessonId: lesson });
    }

    const filler = fillDisk(mountDir);
    // The write-ahead log may still have room for a few pages: write until the disk says no.
    let refused: { status: number; body: string } | null = null;
    for (const lesson of lessons.slice(3)) {
      const answer = await markDone(server.url, cookie, lesson);
      if (answer.status === 303) {
        acks.push({ kind: 'done', userId: learner.userId, lessonId: lesson });
        continue;
      }
      refused = answer;
      break;
    }
    expect(refused, 'no write was refused on a full disk').not.toBeNull();
    expect(refused!.status).toBe(503);
    expect(refused!.body).toMatch(STORAGE_MESSAGE);
    expect(refused!.body).not.toMatch(LEAK_PATTERN);

    // A JSON client gets the same message as JSON.
    const start = await fetch(`${server.url}/api/quiz/start`, {
      method: 'POST',
      headers: { origin: server.url, cookie, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ quizId: site.quizIds[0] }),
    });
    expect([201, 200, 503]).toContain(start.status);
    if (start.status === 503) {
      const body = (await start.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(STORAGE_MESSAGE);
    } else {
      acks.push({
        kind: 'start',
        userId: learner.userId,
        attemptId: ((await start.json()) as { attemptId: string }).attemptId,
      });
    }

    // Static pages do not need the database.
    expect((await fetch(`${server.url}/khoa-hoc/`)).status).toBe(200);

    rmSync(filler);
    const again = await markDone(server.url, cookie, lessons.at(-1)!);
    expect(again.status).toBe(303);
    acks.push({ kind: 'done', userId: learner.userId, lessonId: lessons.at(-1)! });
  });

  it('answers a Vietnamese 503 on a read-only database and serves again once it is writable', async () => {
    await server!.stop();
    execFileSync('mount', ['-o', 'remount,ro', mountDir], { stdio: 'pipe' });
    server = await startAppProcess({ databaseUrl: site.databaseUrl });
    const learner = site.learners[1]!;

    const login = await fetch(`${server.url}/dang-nhap/`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: learner.username, password: learner.password }).toString(),
    });
    const body = await login.text();
    expect(login.status).toBe(503);
    expect(body).toMatch(STORAGE_MESSAGE);
    expect(body).not.toMatch(LEAK_PATTERN);
    expect((await fetch(`${server.url}/khoa-hoc/`)).status).toBe(200);

    await server.stop();
    execFileSync('mount', ['-o', 'remount,rw', mountDir], { stdio: 'pipe' });
    server = await startAppProcess({ databaseUrl: site.databaseUrl });
    const cookie = await (async () => {
      const response = await fetch(`${server!.url}/dang-nhap/`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: server!.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: learner.username, password: learner.password }).toString(),
      });
      expect(response.status).toBe(303);
      return response.headers.get('set-cookie')!.split(';')[0]!;
    })();
    const lesson = site.lessons[0]!.id;
    expect((await markDone(server.url, cookie, lesson)).status).toBe(303);
    acks.push({ kind: 'done', userId: learner.userId, lessonId: lesson });
    await server.stop();
    server = null;

    const acksFile = path.join(tmpdir(), `tap-huan-so-acks-${process.pid}.json`);
    writeFileSync(acksFile, JSON.stringify(acks));
    const check = JSON.parse(siteCli('verify', site.databaseUrl, acksFile)) as AckCheck & { integrity: string };
    rmSync(acksFile);
    expect(check.checked).toBeGreaterThanOrEqual(5);
    expect(check.missing).toEqual([]);
    expect(check.integrity).toBe('ok');
  });
});
