import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: number; where: string[] };

/** Runs axe-core in the page (through the DevTools protocol, so the page's CSP still holds). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  // A string expression: this file compiles without the DOM library.
  const violations = await page.evaluate<AxeViolation[]>(
    `axe.run(document).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, where: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '')) })))`,
  );
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** No serious or critical axe violations, checked once the page's animations (dialogs opening) have finished. */
export async function noSeriousViolations(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate<boolean>(`document.getAnimations().every((a) => a.playState !== 'running')`)).toBe(true);
  expect(await seriousViolations(page)).toEqual([]);
}
