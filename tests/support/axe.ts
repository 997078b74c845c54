// Runs axe-core inside a page and reports the violations we treat as failures.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** A serious or critical accessibility violation, reduced to what a failure message needs. */
export interface AxeViolation {
  id: string;
  impact: 'serious' | 'critical';
  help: string;
  helpUrl: string;
  /** CSS selectors of the offending elements (first few) with their HTML. */
  nodes: { target: string; html: string }[];
}

interface AxeResultsLike {
  violations: {
    id: string;
    impact?: string | null;
    help: string;
    helpUrl: string;
    nodes: { target: unknown[]; html: string }[];
  }[];
}

let axeSource: Promise<string> | undefined;

/** axe-core's browser bundle, read once per worker. */
function loadAxeSource(): Promise<string> {
  const require = createRequire(import.meta.url);
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/**
 * Scans the current page with axe-core (WCAG 2.x A/AA rules plus best practices) and
 * returns only serious and critical violations. The script is injected with
 * `addScriptTag`; if a Content-Security-Policy blocks that inline script, it is evaluated
 * through the DevTools protocol instead, which CSP does not govern.
 */
export async function scanAccessibility(page: Page): Promise<AxeViolation[]> {
  const source = await loadAxeSource();
  const hasAxe = () => page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!(await hasAxe())) {
    await page.addScriptTag({ content: source }).catch(() => undefined);
    if (!(await hasAxe())) await page.evaluate(source);
  }
  const results = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } }).axe.run(document, {
      resultTypes: ['violations'],
    }),
  )) as AxeResultsLike;
  return results.violations
    .filter(
      (v): v is typeof v & { impact: 'serious' | 'critical' } => v.impact === 'serious' || v.impact === 'critical',
    )
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.map(String).join(' '), html: n.html.slice(0, 200) })),
    }));
}

/** Human-readable summary of violations for an assertion message. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target}  ${n.html}`).join('\n')}`)
    .join('\n');
}
