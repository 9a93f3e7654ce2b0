import fs from 'node:fs';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerInfo } from '../src/server/data-dir.js';
import { embeddedConnectionString } from '../src/server/db/embedded-postgres.js';
import { noSeriousViolations } from './support/axe.js';
import { browserAvailable, launchBrowser } from './support/browser.js';
import { startServer, tempDataDir, type RunningServer } from './support/server.js';
import { signedInPage } from './support/sign-in.js';

// Issue #5, trends and outcomes in the browser on the demo data: a director opens the Outcomes page
// for a demo program and sees its counts; a clinician opens a demo patient's chart and sees a point
// per PHQ-9 response on the trend chart, then enters a paper form and sees the new point. Axe on
// both pages. All data is synthetic.

describe.skipIf(!browserAvailable())('trends and outcomes in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let db: pg.Client;

  beforeAll(async () => {
    server = await startServer({ dataDir: tempDataDir('trends') });
    browser = await launchBrowser();
    const info = readServerInfo(server.dataDir, server.child.pid ?? 0);
    if (!info) throw new Error('the server wrote no postgres.json');
    db = new pg.Client({ connectionString: embeddedConnectionString(server.dataDir, info.port) });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await browser.close();
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  function signedIn(email: string): Promise<Page> {
    return signedInPage(browser, server.url, email, { timezoneId: 'America/Los_Angeles' });
  }

  it('a director opens Outcomes, picks a demo program and sees its counts', async () => {
    // The demo program with the most episodes that have a PHQ-9 baseline (all demo series are recent).
    const { rows } = await db.query<{ id: string; name: string; n: string }>(
      `SELECT p.id, p.name, count(DISTINCT r.episode_id) AS n FROM programs p
       JOIN episodes e ON e.program_id = p.id
       JOIN measure_responses r ON r.episode_id = e.id AND r.instrument_code = 'phq-9' AND r.complete
       WHERE e.discharged_on IS NULL OR e.discharged_on >= current_date - 80
       GROUP BY p.id, p.name ORDER BY n DESC, p.name LIMIT 1`,
    );
    const program = rows[0];
    if (!program) throw new Error('the demo has no PHQ-9 responses');
    const page = await signedIn('director@demo.openiop.org');
    await page.getByRole('navigation').getByRole('link', { name: 'Outcomes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Outcomes' }).waitFor();
    await page.getByLabel('Program').selectOption(program.id);
    await page.getByLabel('Instrument').selectOption('phq-9');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.getByTestId('with-baseline').textContent()).toBe(program.n);
    const table = page.getByRole('table', { name: 'Outcomes' });
    await expect.poll(() => table.getByRole('row').count()).toBe(9);
    await page.getByRole('img', { name: 'Outcome rates' }).waitFor();
    expect(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toContain(`programId=${program.id}`);
    await noSeriousViolations(page);
  });

  it('a clinician sees a point per PHQ-9 response on a demo patient’s trend chart', async () => {
    const { rows } = await db.query<{ patient_id: string; n: string }>(
      `SELECT patient_id, count(*) AS n FROM measure_responses WHERE instrument_code = 'phq-9' AND complete
       GROUP BY patient_id ORDER BY count(*) DESC, patient_id LIMIT 1`,
    );
    const patient = rows[0];
    if (!patient) throw new Error('the demo has no PHQ-9 responses');
    const page = await signedIn('clinician@demo.openiop.org');
    await page.goto(`/app/patients/${patient.patient_id}`);
    const section = page.getByRole('region', { name: 'Trends' });
    const chart = section.getByTestId('trend-chart-phq-9');
    await chart.waitFor();
    expect(await chart.getByTestId('trend-point').count()).toBe(Number(patient.n));
    expect(await chart.getByTestId('baseline-line').count()).toBeGreaterThanOrEqual(1);
    expect(await section.getByRole('img', { name: /PHQ-9 over time/ }).count()).toBe(1);
    // The values are there for screen readers as a table.
    expect(await section.getByRole('table', { name: 'PHQ-9 responses' }).getByRole('row').count()).toBe(Number(patient.n) + 1);
    await noSeriousViolations(page);

    // A paper form entered on the chart appears on the chart at once (PHQ-9 is the first instrument).
    await page.getByRole('button', { name: 'Enter paper form' }).click();
    const dialog = page.getByRole('dialog', { name: 'Enter a paper form' });
    // Yesterday, so noon in the browser's zone is never in the future.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await dialog.getByLabel('Date completed on paper').fill(yesterday);
    const groups = dialog.getByRole('radiogroup');
    await expect.poll(() => groups.count()).toBe(9);
    for (let index = 0; index < 9; index += 1) await groups.nth(index).getByRole('radio', { name: 'Not at all (0)' }).check();
    await dialog.getByRole('button', { name: 'Save paper form' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => chart.getByTestId('trend-point').count()).toBe(Number(patient.n) + 1);
  });
});
