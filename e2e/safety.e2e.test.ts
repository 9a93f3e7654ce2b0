import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noSeriousViolations } from './support/axe.js';
import { browserAvailable, launchBrowser } from './support/browser.js';
import { startServer, tempDataDir, type RunningServer } from './support/server.js';
import { signedInPage } from './support/sign-in.js';

// Issue #5 in the browser: the clinician works the demo's unacknowledged acute alert from the
// Alerts page, then saves version 2 of the demo patient's safety plan from the chart. Synthetic data.

const CLINICIAN = 'clinician@demo.openiop.org';

describe.skipIf(!browserAvailable())('safety alerts and plans in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ dataDir: tempDataDir('safety') });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  function signedIn(email: string): Promise<Page> {
    return signedInPage(browser, server.url, email, { timezoneId: 'America/Los_Angeles' });
  }

  it('the clinician acknowledges the open acute alert and saves version 2 of the safety plan', async () => {
    const page = await signedIn(CLINICIAN);
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /^Alerts/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Safety alerts' }).waitFor();
    const queue = page.getByRole('table', { name: 'Open alerts, most urgent first' });
    const row = queue.getByRole('row').filter({ hasText: 'thinking about not waking up' });
    await row.waitFor();
    expect(await row.getByText('Acute', { exact: true }).count()).toBe(1);
    const patientLink = row.getByRole('link');
    const patientName = (await patientLink.textContent()) ?? '';
    const chartPath = (await patientLink.getAttribute('href')) ?? '';
    expect(chartPath).toMatch(/\/patients\/[0-9a-f-]{36}$/);
    await noSeriousViolations(page);

    await row.getByRole('button', { name: `Acknowledge alert for ${patientName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Acknowledge alert for ${patientName}` });
    await dialog.getByRole('checkbox', { name: 'Safety assessment done' }).check();
    await dialog.getByRole('checkbox', { name: 'Safety plan reviewed' }).check();
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Met in person; plan reviewed together (demo).');
    await noSeriousViolations(page);
    await dialog.getByRole('button', { name: 'Acknowledge' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('No open alerts.').waitFor();

    await page.getByText('Acknowledged', { exact: true }).click();
    const done = page.getByRole('table', { name: 'Acknowledged alerts, latest first' }).getByRole('row').filter({ hasText: patientName });
    await done.waitFor();
    expect(await done.textContent()).toContain('Safety assessment done, Safety plan reviewed');

    // The chart's safety section: the plan the demo seeded is version 1.
    await page.goto(`/app${chartPath.replace(/^\/app/, '')}`);
    const section = page.getByRole('region', { name: 'Safety' });
    await section.getByText('No open safety alerts.').waitFor();
    const plan = section.getByRole('article', { name: 'Safety plan' });
    await plan.getByText(/^Version 1,/).waitFor();
    await noSeriousViolations(page);

    const pdfHref = (await plan.getByRole('link', { name: 'Print PDF' }).getAttribute('href')) ?? '';
    const pdf = await page.request.get(pdfHref);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await plan.getByRole('button', { name: 'Edit (new version)' }).click();
    const editor = page.getByRole('dialog', { name: 'Edit safety plan (saves version 2)' });
    const coping = editor.getByLabel('Step 2: Internal coping strategies');
    await coping.fill(`${await coping.inputValue()}\nListen to the playlist from group`);
    await noSeriousViolations(page);
    await editor.getByRole('button', { name: 'Save version 2' }).click();
    await editor.waitFor({ state: 'detached' });
    await plan.getByText(/^Version 2,/).waitFor();
    await plan.getByText('Listen to the playlist from group').waitFor();

    await plan.getByRole('button', { name: 'Version 1' }).click();
    const old = plan.getByRole('region', { name: 'Safety plan version 1' });
    await old.getByText('Walk around the block with headphones').waitFor();
    expect(await old.getByText('Listen to the playlist from group').count()).toBe(0);
  });
});
