import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/lib/chromium.mjs';

describe('finding Chromium for browser tests', () => {
  let dir: string;
  const saved = process.env.CHROMIUM_PATH;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'chromium-lookup-'));
  });

  afterEach(async () => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
    await rm(dir, { recursive: true, force: true });
  });

  it('uses CHROMIUM_PATH when it names an executable file', async () => {
    const fake = path.join(dir, 'chromium');
    await writeFile(fake, '#!/bin/sh\n');
    await chmod(fake, 0o755);
    process.env.CHROMIUM_PATH = fake;
    expect(findChromium()).toEqual({ ok: true, path: fake });
  });

  it('refuses a CHROMIUM_PATH that is not executable, in Vietnamese, instead of falling back', async () => {
    const notExecutable = path.join(dir, 'chromium.txt');
    await writeFile(notExecutable, '');
    process.env.CHROMIUM_PATH = notExecutable;
    const result = findChromium();
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain('không phải là tệp chạy được');
  });
});
