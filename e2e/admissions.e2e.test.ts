import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client.js';
import { noSeriousViolations } from './support/axe.js';
import { browserAvailable, launchBrowser } from './support/browser.js';
import { startServer, tempDataDir, type RunningServer } from './support/server.js';
import { DEMO_PASSWORD, signedInPage } from './support/sign-in.js';

// Issue #4, the admissions pipeline in Chromium: an urgent inquiry arrives (through the API, as a
// voicemail taken down, so nobody has spoken to the person yet); admissions sees it on top of the
// board, opens it, logs a call (it leaves `new`) and books the level-of-care assessment with a
// clinician. axe checks the board and the detail page. All data is synthetic.

const ADMISSIONS = 'admissions@demo.openiop.org';
const ZONE = 'America/Los_Angeles';
const CALLER = 'Quinn Urgentcall';
const CLINICIAN = 'Casey Clinician';

describe.skipIf(!browserAvailable())('admissions pipeline in Chromium: urgent inquiry, call, assessment booking', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: ApiClient;
  let inquiryId: string;

  beforeAll(async () => {
    server = await startServer({ dataDir: tempDataDir('admissions') });
    browser = await launchBrowser();
    api = ApiClient.forPort(server.port);
    expect((await api.login(ADMISSIONS, DEMO_PASSWORD)).status).toBe(200);
    // The demo's own urgent inquiry is closed first, so the new one is the only urgent card.
    const urgent = await api.get('/api/v1/inquiries?urgent=true&stage=open');
    for (const inquiry of urgent.body.inquiries as { id: string; version: number }[]) {
      const closed = await api.post(`/api/v1/inquiries/${inquiry.id}/stage`, {
        version: inquiry.version,
        to: 'closed',
        reason: 'other',
        reasonText: 'e2e set-up',
      });
      expect(closed.status).toBe(200);
    }
    const created = await api.post('/api/v1/inquiries', {
      forWhom: 'self',
      contactName: CALLER,
      phone: '(503) 555-0188',
      urgent: true,
      urgentReason: 'Voicemail mentions thoughts of self-harm',
      contactMade: false,
    });
    expect(created.status).toBe(201);
    inquiryId = created.body.id;
  });
  afterAll(async () => {
    await browser.close();
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  function signedIn(email: string): Promise<Page> {
    return signedInPage(browser, server.url, email, { timezoneId: ZONE });
  }

  it('shows the urgent inquiry on top; a logged call moves it on and an assessment gets booked', async () => {
    const page = await signedIn(ADMISSIONS);
    await page.getByRole('navigation').getByRole('link', { name: 'Admissions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Admissions' }).waitFor();

    const newColumn = page.getByRole('region', { name: /^New \(\d+\)$/ });
    const firstCard = newColumn.getByRole('article').first();
    await expect.poll(() => firstCard.getAttribute('aria-label')).toBe(CALLER);
    await expect.poll(() => firstCard.textContent()).toContain('Urgent — same-day call-back');
    // The overdue demo inquiry comes right after the urgent one, marked overdue with its wait.
    expect(await newColumn.getByRole('article').nth(1).textContent()).toMatch(/Overdue — waiting \d+ h/);
    await noSeriousViolations(page);

    await firstCard.getByRole('link', { name: CALLER }).click();
    await page.getByRole('heading', { level: 1, name: CALLER }).waitFor();
    await noSeriousViolations(page);

    await page.getByRole('button', { name: 'Log a call' }).click();
    const callDialog = page.getByRole('dialog', { name: 'Log a call' });
    await callDialog.getByLabel('Call outcome').selectOption('reached');
    await callDialog.getByLabel(/Details/).fill('Spoke with them; safe tonight, wants to start soon.');
    await callDialog.getByRole('button', { name: 'Save' }).click();
    await callDialog.waitFor({ state: 'detached' });
    await page.getByText('Stage: New → Contacted').waitFor();
    expect((await api.get(`/api/v1/inquiries/${inquiryId}`)).body.stage).toBe('contacted');

    await page.getByRole('button', { name: 'Book assessment' }).click();
    const bookDialog = page.getByRole('dialog', { name: 'Book the level-of-care assessment' });
    const tomorrow = new Date(Date.now() + 36 * 3_600_000);
    const local = `${tomorrow.toISOString().slice(0, 10)}T10:00`;
    await bookDialog.getByLabel('Date and time').fill(local);
    await bookDialog.getByLabel('Clinician').selectOption({ label: CLINICIAN });
    await bookDialog.getByRole('button', { name: 'Book assessment' }).click();
    await bookDialog.waitFor({ state: 'detached' });
    await page.getByText(`with ${CLINICIAN}`).first().waitFor();
    await noSeriousViolations(page);

    const detail = (await api.get(`/api/v1/inquiries/${inquiryId}`)).body;
    expect(detail).toMatchObject({ stage: 'assessment_scheduled', assessmentClinicianName: CLINICIAN });
    expect(detail.activities.map((a: { kind: string }) => a.kind)).toEqual(
      expect.arrayContaining(['call', 'stage_change', 'assessment_booked']),
    );
  });

  it('admits the demo inquiry whose assessment placed the person at IOP: patient and episode in one step', async () => {
    const page = await signedIn(ADMISSIONS);
    await page.goto('/app/admissions?view=list&q=Drew%20Santos');
    await page.getByRole('table').getByRole('link', { name: 'Drew Santos' }).click();
    await page.getByRole('heading', { level: 1, name: 'Drew Santos' }).waitFor();
    await page.getByRole('button', { name: 'Admit', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Admit' });
    expect(await dialog.getByLabel('Legal first name').inputValue()).toBe('Drew');
    expect(await dialog.getByLabel('Legal last name').inputValue()).toBe('Santos');
    const program = dialog.getByLabel('Program');
    const firstIop = await program.locator('option', { hasText: 'IOP' }).first().getAttribute('value');
    await program.selectOption(firstIop ?? '');
    await dialog.getByLabel('Date of birth').fill('1988-02-14');
    await noSeriousViolations(page);
    await dialog.getByRole('button', { name: 'Admit' }).click();
    await page.waitForURL(/\/app\/patients\//);
    const search = (await api.get('/api/v1/inquiries?q=Drew%20Santos&stage=admitted')).body;
    expect(search.inquiries).toHaveLength(1);
    expect(search.inquiries[0]).toMatchObject({ stage: 'admitted', patientId: expect.any(String), episodeId: expect.any(String) });

    // The conversion report counts the admission; axe checks that page too.
    await page.goto('/app/admissions/report');
    await page.getByRole('heading', { level: 1, name: 'Admissions report' }).waitFor();
    await page
      .getByRole('table', { name: 'Current stage' })
      .getByRole('row', { name: /Admitted 1/ })
      .waitFor();
    await noSeriousViolations(page);
  });
});
