import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noSeriousViolations } from './support/axe.js';
import { browserAvailable, launchBrowser } from './support/browser.js';
import { startServer, tempDataDir, type RunningServer } from './support/server.js';
import { signedInPage } from './support/sign-in.js';

// Issue #5 in the browser: a clinician sends a PHQ-9 link for a demo patient; the patient answers it
// without signing in, with item 9 above 0, and sees the crisis panel first; the clinician finds the
// new alert on the Alerts page, acknowledges it, and sees the response on the chart. Synthetic data.

const CLINICIAN = 'clinician@demo.openiop.org';

describe.skipIf(!browserAvailable())('measure links in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ dataDir: tempDataDir('measures') });
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

  it('a patient answers a PHQ-9 link with item 9 above 0, sees the crisis panel first, and the clinician works the alert', async () => {
    const clinician = await signedIn(CLINICIAN);
    // A demo patient in care: the one with the demo's open alert.
    await clinician.goto('/app/alerts');
    const demoRow = clinician
      .getByRole('table', { name: 'Open alerts, most urgent first' })
      .getByRole('row')
      .filter({ hasText: 'thinking about not waking up' });
    const chartPath = (await demoRow.getByRole('link').getAttribute('href')) ?? '';
    const patientName = (await demoRow.getByRole('link').textContent()) ?? '';
    expect(chartPath).toMatch(/\/patients\/[0-9a-f-]{36}$/);
    await clinician.goto(`/app${chartPath.replace(/^\/app/, '')}`);

    const section = clinician.getByRole('region', { name: 'Measures' });
    await section.getByRole('table', { name: 'Measure responses' }).waitFor();
    const before = await section.getByRole('table', { name: 'Measure responses' }).getByRole('row').count();
    const trendPoints = () =>
      clinician.getByRole('region', { name: 'Trends' }).getByTestId('trend-chart-phq-9').getByTestId('trend-point').count();
    await clinician.waitForLoadState('networkidle');
    const pointsBefore = await trendPoints();
    await noSeriousViolations(clinician);

    await section.getByRole('button', { name: 'Send link' }).click();
    const dialog = clinician.getByRole('dialog', { name: 'Send a questionnaire link' });
    await dialog.getByLabel('Instrument').selectOption('phq-9');
    // The demo records Spanish for this patient (decision 0033): the language is preset to it, and
    // staff may still choose another for this link.
    await dialog.getByText('Recorded for this patient: Español').waitFor();
    expect(await dialog.getByRole('radio', { name: /^Spanish/ }).isChecked()).toBe(true);
    await dialog.getByRole('radio', { name: 'English' }).check();
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const urlField = dialog.getByTestId('measure-link-url');
    await urlField.waitFor();
    const url = await urlField.inputValue();
    expect(url).toMatch(/\/m\/[A-Za-z0-9_-]{43}$/);
    await noSeriousViolations(clinician);
    await dialog.getByRole('button', { name: 'Close' }).first().click();

    // The patient: a new browser, no session.
    const patientContext = await browser.newContext({ timezoneId: 'America/Los_Angeles' });
    const patient = await patientContext.newPage();
    await patient.goto(url);
    await patient.getByRole('heading', { level: 1 }).waitFor();
    expect(await patient.content()).not.toContain(patientName);
    expect(await patient.locator('script').count()).toBe(0);
    await noSeriousViolations(patient);
    for (let item = 1; item <= 8; item += 1) await patient.locator(`input[name="item_${item}"][value="0"]`).check();
    await patient.locator('input[name="item_9"][value="1"]').check();
    await patient.getByRole('button', { name: 'Send my answers' }).click();
    await patient.getByRole('heading', { level: 1, name: 'Please reach out for support now' }).waitFor();
    const firstLinks = await patient.locator('main a').evaluateAll((links) => links.slice(0, 2).map((a) => a.getAttribute('href')));
    expect(firstLinks).toEqual(['tel:988', 'tel:911']);
    expect(await patient.locator('main').textContent()).not.toMatch(/moderate|severe|total/i);
    await noSeriousViolations(patient);
    await patientContext.close();

    // The clinician: the new alert is in the queue; acknowledge it.
    await clinician.goto('/app/alerts');
    const row = clinician
      .getByRole('table', { name: 'Open alerts, most urgent first' })
      .getByRole('row')
      .filter({ hasText: 'PHQ-9 item 9' });
    await row.waitFor();
    await row.getByRole('button', { name: `Acknowledge alert for ${patientName}` }).click();
    const ack = clinician.getByRole('dialog', { name: `Acknowledge alert for ${patientName}` });
    await ack.getByRole('checkbox', { name: 'Safety assessment done' }).check();
    await ack.getByRole('button', { name: 'Acknowledge' }).click();
    await ack.waitFor({ state: 'detached' });
    await expect.poll(() => row.count()).toBe(0);

    // The chart lists the new response from the patient link.
    await clinician.goto(`/app${chartPath.replace(/^\/app/, '')}`);
    const table = clinician.getByRole('region', { name: 'Measures' }).getByRole('table', { name: 'Measure responses' });
    await table.getByRole('row').filter({ hasText: 'Patient link' }).waitFor();
    expect(await table.getByRole('row').count()).toBe(before + 1);
    expect(await table.getByRole('row').nth(1).textContent()).toContain('Patient link');
    // ... and the PHQ-9 trend chart has the new point.
    await expect.poll(trendPoints).toBe(pointsBefore + 1);
  });
});
