/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

/**
 * Three projects sharing Astro's Vite config (so unit tests can import `astro:content`
 * helpers and render components with the container API):
 * - unit: pure functions and schemas;
 * - integration: server modules against real temporary libSQL files;
 * - e2e: the built server (dist/ or $TEST_DIST) in Chromium. Each e2e file starts its own
 *   server and browser, so on a 2-core machine we run at most two of them at once.
 */
export default getViteConfig({
  test: {
    // Vitest's default on 2 cores is a single worker; browser and server tests spend much of
    // their time waiting, so two files at once cut the suite's time by about a third.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Load and fault tests (soak, crash, hostile input, full disk) against the built
          // server; each file takes about a minute, so one at a time.
          name: 'fault',
          include: ['tests/fault/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 90_000,
          maxWorkers: 2,
        },
      },
    ],
  },
});
