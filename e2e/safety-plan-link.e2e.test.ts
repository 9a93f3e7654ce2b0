import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noSeriousViolations } from './support/axe.js';
import { browserAvailable, launchBrowser } from './support/browser.js';
import { startServer, tempDataDir, type RunningServer } from './support/server.js';
import { signedInPage } from './support/sign-in.js';

// Issue #5, "shown to the patient": a clinician shares the demo patient's safety plan from the chart;
// the patient opens the link without signing in and sees the crisis panel first, then the plan; the
// clinician revokes the link and the patient's page is gone (410). Synthetic data (decision 0024).

const CLINICIAN = 'clinician@demo.openiop.org';

describe.skipIf(!browserAvailable())('safety plan links in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ dataDir: tempDataDir('plan-link') });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('shares the plan, the patient reads it crisis panel first, and a revoked link is gone', async () => {
    const page = await signedInPage(browser, server.url, CLINICIAN, { timezoneId: 'America/Los_Angeles' });

    // The demo patient with a safety plan: the one with the demo's open alert.
    await page.goto('/app/alerts');
    const row = page
      .getByRole('table', { name: 'Open alerts, most urgent first' })
      .getByRole('row')
      .filter({ hasText: 'thinking about not waking up' });
    const chartPath = (await row.getByRole('link').getAttribute('href')) ?? '';
    const patientName = (await row.getByRole('link').textContent()) ?? '';
    await page.goto(`/app${chartPath.replace(/^\/app/, '')}`);
    const plan = page.getByRole('region', { name: 'Safety' }).getByRole('article', { name: 'Safety plan' });
    await plan.getByText(/^Version 1,/).waitFor();
    // The demo records Spanish for this patient (decision 0033): the chart says so.
    await page.getByText('Patient pages in Español').waitFor();

    await plan.getByRole('button', { name: 'Share with the patient' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share the safety plan with the patient' });
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const urlField = dialog.getByTestId('plan-link-url');
    await urlField.waitFor();
    const url = await urlField.inputValue();
    expect(url).toMatch(/\/plan\/[A-Za-z0-9_-]{43}$/);
    await noSeriousViolations(page);
    await dialog.getByRole('button', { name: 'Done' }).click();
    const links = plan.getByRole('table', { name: 'Links shared with the patient' });
    await links.getByText('Active', { exact: true }).waitFor();

    // The patient: a new browser, no session.
    const patientContext = await browser.newContext({ timezoneId: 'America/Los_Angeles' });
    const patient = await patientContext.newPage();
    const response = await patient.goto(url);
    expect(response?.status()).toBe(200);
    await patient.getByRole('heading', { level: 1 }).waitFor();
    expect(await patient.locator('script').count()).toBe(0);
    const lastName = patientName.trim().split(/\s+/).at(-1) ?? '';
    expect(await patient.locator('body').textContent()).not.toContain(lastName);
    const first = await patient.locator('main > *').first().getAttribute('class');
    expect(first).toBe('crisis-panel');
    expect(await patient.locator('main .plan-part').count()).toBe(6);
    // The link as staff copied it opens in the patient's recorded language; the switcher wins.
    expect(await patient.locator('html').getAttribute('lang')).toBe('es');
    await patient.getByRole('heading', { name: /Señales de alerta/ }).waitFor();
    await noSeriousViolations(patient);
    await patient.goto(`${url}?lang=en`);
    expect(await patient.locator('html').getAttribute('lang')).toBe('en');
    await patient.getByRole('heading', { name: /Warning signs/ }).waitFor();
    await noSeriousViolations(patient);

    // Revoke from the chart: the patient's page is gone.
    await links.getByRole('button', { name: /^Revoke the link created/ }).click();
    await links.getByText('Revoked', { exact: true }).waitFor();
    expect((await patient.goto(url))?.status()).toBe(410);
    await noSeriousViolations(patient);
    await patientContext.close();
    await page.context().close();
  });
});
