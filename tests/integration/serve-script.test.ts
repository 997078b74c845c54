// The production server script (scripts/serve.mjs) around a stand-in for the built Astro
// handler, to check what the real build cannot show on demand: a page that renders slowly
// still streams through the compressor, and a shutdown signal lets it finish.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createBrotliDecompress } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, serveScript } from '../support/server';

/** Pause of the stand-in's slow page between its first part and its end. */
const RENDER_PAUSE_MS = 1500;

/** A stand-in for `<dist>/server/entry.mjs`: exports `handler` like @astrojs/node does. */
const FAKE_ENTRY = `
export const handler = (req, res) => {
  if (req.url === '/slow') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.write('<!DOCTYPE html><main><p>' + 'phần đầu của trang '.repeat(200) + '</p>');
    setTimeout(() => res.end('<p>phần cuối</p></main>'), ${RENDER_PAUSE_MS});
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/plain; charset=utf-8',
    'x-autostart': String(process.env.ASTRO_NODE_AUTOSTART),
  });
  res.end('ok');
};
`;

let dist: string;
let child: ChildProcess | undefined;
let base: string;

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'tap-huan-so-serve-'));
  await mkdir(path.join(dist, 'server'));
  await writeFile(path.join(dist, 'server', 'entry.mjs'), FAKE_ENTRY);
});
afterAll(() => rm(dist, { recursive: true, force: true }));

/** Starts scripts/serve.mjs on the stand-in build and waits until it answers. */
async function startServe(): Promise<{ child: ChildProcess; exit: Promise<number | null>; output: () => string }> {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  let log = '';
  const started = spawn(process.execPath, [serveScript], {
    env: { ...process.env, DIST_DIR: dist, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.stdout?.on('data', (c: Buffer) => (log += c.toString()));
  started.stderr?.on('data', (c: Buffer) => (log += c.toString()));
  const exit = new Promise<number | null>((resolve) => started.once('exit', (code) => resolve(code)));
  child = started;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (log.includes('đang chạy tại')) return { child: started, exit, output: () => log };
    if (started.exitCode !== null) break;
    await sleep(100);
  }
  throw new Error(`serve.mjs did not start:\n${log}`);
}

afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Opens a GET and resolves with the response as soon as its headers arrive. */
function open(pathname: string, headers: Record<string, string> = {}): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(pathname, base), { headers, agent: false }, resolve);
    req.on('error', reject);
    req.end();
  });
}

/** Decodes a brotli response, noting when each decoded piece arrived (ms since `since`). */
function decodeTimed(res: IncomingMessage, since: number): Promise<{ text: string; firstAt: number; endAt: number }> {
  return new Promise((resolve, reject) => {
    const decoder = createBrotliDecompress();
    let text = '';
    let firstAt = -1;
    decoder.on('data', (chunk: Buffer) => {
      if (firstAt < 0) firstAt = Date.now() - since;
      text += chunk.toString('utf8');
    });
    decoder.on('end', () => resolve({ text, firstAt, endAt: Date.now() - since }));
    decoder.on('error', reject);
    res.on('error', reject);
    res.pipe(decoder);
  });
}

describe('scripts/serve.mjs', () => {
  it('imports the build with the adapter’s own server switched off', async () => {
    await startServe();
    const res = await open('/');
    res.resume();
    expect(res.headers['x-autostart']).toBe('disabled');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('streams a slowly rendered page compressed: the first part arrives before the page is done', async () => {
    await startServe();
    const since = Date.now();
    const res = await open('/slow', { 'accept-encoding': 'br' });
    expect(res.headers['content-encoding']).toBe('br');
    const { text, firstAt, endAt } = await decodeTimed(res, since);
    expect(text).toContain('phần đầu của trang');
    expect(text).toMatch(/<p>phần cuối<\/p><\/main>$/);
    expect(endAt).toBeGreaterThanOrEqual(RENDER_PAUSE_MS - 50);
    expect(firstAt).toBeGreaterThanOrEqual(0);
    expect(firstAt).toBeLessThan(RENDER_PAUSE_MS / 2);
  });

  it('on SIGTERM refuses new connections, finishes the request in flight, then exits with 0', async () => {
    const { exit, output } = await startServe();
    const since = Date.now();
    const res = await open('/slow', { 'accept-encoding': 'br' });
    const body = decodeTimed(res, since);
    child?.kill('SIGTERM');

    let refused = false;
    for (let attempt = 0; attempt < 20 && !refused; attempt++) {
      await sleep(25);
      refused = await open('/')
        .then((r) => (r.resume(), false))
        .catch((error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED');
    }
    expect(refused, 'new connections are refused once shutting down').toBe(true);

    const { text } = await body;
    expect(text).toMatch(/<p>phần cuối<\/p><\/main>$/);
    expect(await exit, output()).toBe(0);
    expect(output()).toContain('SIGTERM');
  });
});
