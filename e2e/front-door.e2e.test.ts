import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client.js';
import { browserAvailable, launchBrowser } from './support/browser.js';
import { startServer, tempDataDir, type RunningServer } from './support/server.js';
import { DEMO_PASSWORD, signedInPage } from './support/sign-in.js';

// Issue #4 end to end, across the three parts of the front door, on the demo center: a visitor's
// self-check reports current thoughts of suicide, so the crisis panel comes first and the inquiry
// they send is urgent; admissions finds it on top of the board, logs a call and books the
// assessment; the clinician completes the level-of-care assessment (IOP) and admits the person into
// an IOP program, and the assessment follows them into the chart. Synthetic data only.

const VISITOR = 'Avery Frontdoorflow';
const CLINICIAN_NAME = 'Casey Clinician';
const ZONE = 'America/Los_Angeles';

const SITUATION: [string, string][] = [
  ['Do you have a safe and stable place to live?', 'Yes'],
  ['Is there someone in your life who supports you (family, friends, a partner)?', 'Yes'],
  ['Could you take part for about 3 hours a day, 3 to 5 days a week?', 'Yes'],
  ['How much do your struggles get in the way of work, school, family or taking care of yourself?', 'A lot'],
  ['Do you have work or school commitments you want to keep?', 'Yes'],
  ['Have you had treatment before?', 'Yes, weekly therapy, but it is not enough'],
  ['Would you rather meet in person or online?', 'In person'],
];

describe.skipIf(!browserAvailable())('the front door end to end: self-check, inquiry, board, assessment, admission', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: ApiClient;

  beforeAll(async () => {
    server = await startServer({ dataDir: tempDataDir('front-door') });
    browser = await launchBrowser();
    api = ApiClient.forPort(server.port);
    expect((await api.login('admissions@demo.openiop.org', DEMO_PASSWORD)).status).toBe(200);
    // The demo's own urgent inquiry is closed, so the visitor's is the only urgent card.
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
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  async function page(): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, timezoneId: ZONE });
    return context.newPage();
  }

  function signedIn(email: string): Promise<Page> {
    return signedInPage(browser, server.url, email, { timezoneId: ZONE });
  }

  async function answer(visitor: Page, question: string, choice: string): Promise<void> {
    await visitor.getByRole('group', { name: question }).getByLabel(choice, { exact: true }).check();
  }

  it('turns a visitor in crisis into an urgent inquiry, an IOP assessment and an admission', async () => {
    // The visitor: self-check with current thoughts of suicide, crisis panel first, inquiry sent.
    const visitor = await page();
    await visitor.goto('/self-check');
    await answer(visitor, 'Are you having thoughts of ending your life?', 'Yes, right now or today');
    await answer(visitor, 'Are you having thoughts of harming someone else?', 'No');
    await answer(visitor, 'Have you tried to end your life in the past few weeks?', 'No');
    await answer(visitor, /could you need medical care for withdrawal/.source, 'No');
    for (const [question, choice] of SITUATION) await answer(visitor, question, choice);
    await visitor.getByRole('button', { name: 'See my result' }).click();
    await visitor.getByRole('heading', { level: 1, name: 'Please get help now' }).waitFor();
    const firstLinks = await visitor.locator('main a').evaluateAll((links) => links.slice(0, 2).map((link) => link.getAttribute('href')));
    expect(firstLinks).toEqual(['tel:988', 'tel:911']);
    await visitor.getByLabel('Yes, send my self-check answers with my message to the admissions team.').check();
    await visitor.getByRole('button', { name: 'Continue to the contact form' }).click();
    await visitor.getByLabel('For me').check();
    await visitor.getByLabel(/^Your name/).fill(VISITOR);
    await visitor.getByLabel('Best phone number').fill('(503) 555-0166');
    await visitor.getByLabel(/I agree that the admissions team may contact me/).check();
    await visitor.getByRole('button', { name: 'Send' }).click();
    await visitor.getByRole('heading', { level: 1, name: /If you are thinking about ending your life/ }).waitFor();

    // Admissions: the urgent inquiry is the first card of the board; the self-check reads in words.
    const admissions = await signedIn('admissions@demo.openiop.org');
    await admissions.getByRole('navigation').getByRole('link', { name: 'Admissions' }).click();
    const firstCard = admissions
      .getByRole('region', { name: /^New \(\d+\)$/ })
      .getByRole('article')
      .first();
    await expect.poll(() => firstCard.getAttribute('aria-label')).toBe(VISITOR);
    expect(await firstCard.textContent()).toContain('Urgent — same-day call-back');
    await firstCard.getByRole('link', { name: VISITOR }).click();
    await admissions.getByRole('heading', { level: 1, name: VISITOR }).waitFor();
    const inquiryId = /\/app\/admissions\/([0-9a-f-]{36})$/.exec(admissions.url())?.[1] ?? '';
    expect(inquiryId).not.toBe('');
    await admissions.getByText('You said you are having thoughts of ending your life right now.').waitFor();
    await admissions.getByText(/Result shown to them: Get help now/).waitFor();

    await admissions.getByRole('button', { name: 'Log a call' }).click();
    const callDialog = admissions.getByRole('dialog', { name: 'Log a call' });
    await callDialog.getByLabel('Call outcome').selectOption('reached');
    await callDialog.getByLabel(/Details/).fill('Reached them; safe with family tonight, 988 reviewed (synthetic).');
    await callDialog.getByRole('button', { name: 'Save' }).click();
    await callDialog.waitFor({ state: 'detached' });
    await admissions.getByText('Stage: New → Contacted').waitFor();

    await admissions.getByRole('button', { name: 'Book assessment' }).click();
    const bookDialog = admissions.getByRole('dialog', { name: 'Book the level-of-care assessment' });
    const tomorrow = new Date(Date.now() + 36 * 3_600_000);
    await bookDialog.getByLabel('Date and time').fill(`${tomorrow.toISOString().slice(0, 10)}T10:00`);
    await bookDialog.getByLabel('Clinician').selectOption({ label: CLINICIAN_NAME });
    await bookDialog.getByRole('button', { name: 'Book assessment' }).click();
    await bookDialog.waitFor({ state: 'detached' });
    // No assessment yet: admission is not offered.
    expect(await admissions.getByRole('button', { name: 'Admit', exact: true }).isDisabled()).toBe(true);

    // The clinician: the level-of-care assessment of the inquiry recommends IOP, confirmed.
    const clinician = await signedIn('clinician@demo.openiop.org');
    await clinician.goto(`/app/admissions/${inquiryId}/assessment`);
    const ratings: [string, number][] = [
      ['Risk of harm', 2],
      ['Functional status', 2],
      ['Co-occurring conditions and withdrawal', 1],
      ['Recovery environment', 1],
      ['Treatment history', 2],
      ['Engagement', 1],
    ];
    for (const [dimension, rating] of ratings) {
      await clinician
        .getByRole('radiogroup', { name: dimension })
        .getByRole('radio', { name: new RegExp(`^${rating} · `) })
        .check();
    }
    await expect.poll(() => clinician.getByTestId('recommendation').textContent()).toContain('Recommended: Intensive outpatient (IOP)');
    await clinician.getByRole('button', { name: 'Save assessment' }).click();
    await clinician.getByText('Chosen: Intensive outpatient (IOP)').waitFor();

    // The clinician who assessed admits the person into an IOP program, then sees the new chart.
    await clinician.getByRole('link', { name: 'Back to the inquiry' }).first().click();
    await clinician.getByRole('heading', { level: 1, name: VISITOR }).waitFor();
    await clinician.getByRole('button', { name: 'Admit', exact: true }).click();
    const dialog = clinician.getByRole('dialog', { name: 'Admit' });
    const program = dialog.getByLabel('Program');
    const iop = await program.locator('option', { hasText: 'IOP' }).first().getAttribute('value');
    await program.selectOption(iop ?? '');
    await dialog.getByLabel('Legal last name').fill('Frontdoorflow');
    await dialog.getByLabel('Date of birth').fill('1991-06-03');
    await dialog.getByLabel('State of residence').fill('OR');
    // The form was sent from the English site: the patient's pages are proposed in English (decision 0033).
    expect(await dialog.getByLabel('Preferred language for patient pages').inputValue()).toBe('en');
    await dialog.getByRole('button', { name: 'Admit' }).click();
    await clinician.waitForURL(/\/app\/patients\/[0-9a-f-]{36}$/);
    const patientId = /\/app\/patients\/([0-9a-f-]{36})$/.exec(clinician.url())?.[1] ?? '';

    const inquiry = (await api.get(`/api/v1/inquiries/${inquiryId}`)).body;
    expect(inquiry).toMatchObject({ stage: 'admitted', patientId, urgent: true });
    expect((await api.get(`/api/v1/patients/${patientId}`)).body).toMatchObject({ preferredLanguage: 'en' });
    const history = await api.get(`/api/v1/patients/${patientId}/loc-assessments`);
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({ assessments: [{ finalLevel: 'IOP' }] });
    await clinician
      .getByRole('region', { name: 'Level-of-care assessments' })
      .getByText(/Intensive outpatient \(IOP\)/)
      .first()
      .waitFor();
  });
});
