import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../test/pdf-text.js';
import { noSeriousViolations } from './support/axe.js';
import { browserAvailable, launchBrowser } from './support/browser.js';
import { startServer, tempDataDir, type RunningServer } from './support/server.js';
import { signedInPage } from './support/sign-in.js';

// Issue #6 (42 CFR Part 2) in the browser: a clinician tries to send the chart of a patient in the
// demo's Part 2 program to an outside provider without a consent and is refused, naming the rule;
// records an active consent (activation first lists what is missing); sends again and the PDF
// downloads carrying the 2.32 notice; the disclosure log lists it; an API share's token fetches the
// records (logged) until the share is revoked. Synthetic data only.

const CLINICIAN = 'clinician@demo.openiop.org';
const RECIPIENT = 'Riverside Recovery Clinic (demo)';
const NOTICE = 'This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2).';

describe.skipIf(!browserAvailable())('Part 2 disclosures in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ dataDir: tempDataDir('disclosures') });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  function signedIn(email: string): Promise<Page> {
    return signedInPage(browser, server.url, email, { timezoneId: 'America/Los_Angeles', acceptDownloads: true });
  }

  /** A patient in care in the demo's Part 2 program who has no consent yet. */
  async function part2PatientWithoutConsent(page: Page): Promise<string> {
    const programs = (await (await page.request.get('/api/v1/programs')).json()) as {
      programs: { id: string; name: string; isPart2?: boolean }[];
    };
    const program = programs.programs.find((candidate) => candidate.name === 'Dual Diagnosis IOP');
    if (!program) throw new Error('the demo has no Dual Diagnosis IOP');
    const list = (await (await page.request.get(`/api/v1/patients?programId=${program.id}&openEpisode=true&limit=100`)).json()) as {
      patients: { id: string }[];
    };
    for (const patient of list.patients) {
      const consents = (await (await page.request.get(`/api/v1/patients/${patient.id}/consents`)).json()) as { consents: unknown[] };
      if (consents.consents.length === 0) return patient.id;
    }
    throw new Error('every Part 2 demo patient already has a consent');
  }

  it('refuses an export without consent, then allows it with one, carrying the notice, and logs it', async () => {
    const page = await signedIn(CLINICIAN);
    const patientId = await part2PatientWithoutConsent(page);
    await page.goto(`/app/patients/${patientId}`);
    const section = page.getByRole('region', { name: 'Consents and disclosures' });
    await section.getByText('No consents recorded.').waitFor();
    await section.getByText('No records of this patient have been disclosed.').waitFor();
    await noSeriousViolations(page);

    // 1. Without a consent: refused, naming the rule; nothing is logged.
    await section.getByRole('button', { name: 'Send records to an outside party' }).click();
    const send = page.getByRole('dialog', { name: /^Send records of .+ to an outside party$/ });
    await send.getByRole('textbox', { name: 'Recipient' }).fill(RECIPIENT);
    await send.getByRole('textbox', { name: 'Purpose' }).fill('Continuing care after discharge (demo)');
    await noSeriousViolations(page);
    await send.getByRole('button', { name: 'Send records (download PDF)' }).click();
    const refusal = send.getByRole('alert').filter({ hasText: 'Disclosure refused' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('42 CFR 2.31');
    expect(await refusal.textContent()).toContain('PART2_CONSENT_REQUIRED');
    // An API share is decided at once: refused the same way, and no share is made.
    await send.getByRole('radio', { name: /^API share/ }).check();
    const [refused] = await Promise.all([
      page.waitForResponse((response) => response.url().endsWith('/record-shares') && response.request().method() === 'POST'),
      send.getByRole('button', { name: 'Create the API share' }).click(),
    ]);
    expect(refused.status()).toBe(422);
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('PART2_CONSENT_REQUIRED');
    expect(await (await page.request.get(`/api/v1/patients/${patientId}/record-shares`)).json()).toEqual({ shares: [] });
    await send.getByRole('button', { name: 'Cancel' }).click();
    await send.waitFor({ state: 'detached' });
    await section.getByText('No records of this patient have been disclosed.').waitFor();
    // Closing a dialog gives focus back to the button that opened it (components/dialog.tsx).
    const focused = () => page.evaluate<string>('document.activeElement?.textContent ?? ""');
    await expect.poll(focused).toBe('Send records to an outside party');

    // 2. Record the consent: activation first lists what is missing, then succeeds.
    await section.getByRole('button', { name: 'Record a consent' }).click();
    const form = page.getByRole('dialog', { name: 'Record a consent to disclose (42 CFR 2.31)' });
    await form.getByLabel('How much and what kind of information').fill('Treatment plan and progress notes since admission (demo)');
    await form.getByRole('checkbox', { name: 'Treatment plans' }).check();
    await form.getByRole('checkbox', { name: 'Clinical notes (not SUD counseling notes)' }).check();
    await form.getByLabel('Recipients (one per line, as written on the consent)').fill(RECIPIENT);
    await form.getByLabel('Purpose of the disclosure').fill('Continuing care after discharge (demo)');
    await form.getByRole('checkbox', { name: "The consent states the patient's right to revoke it in writing" }).check();
    await form.getByLabel('Expires on').fill('2099-12-31');
    await form.getByRole('button', { name: 'Save and activate' }).click();
    const missing = form.getByRole('status').filter({ hasText: 'Needed before the consent can be activated' });
    await missing.waitFor();
    expect(await missing.textContent()).toContain('patientSignedName');
    expect(await missing.textContent()).toContain('signedOn');
    await noSeriousViolations(page);
    // The draft is kept; closed and reopened later, it is completed and activated.
    await form.getByRole('button', { name: 'Close', exact: true }).last().click();
    await form.waitFor({ state: 'detached' });
    await section.getByRole('button', { name: `Edit consent draft to ${RECIPIENT}` }).click();
    const edit = page.getByRole('dialog', { name: 'Edit consent draft (42 CFR 2.31)' });
    expect(await edit.getByLabel('Purpose of the disclosure').inputValue()).toBe('Continuing care after discharge (demo)');
    const signedOn = new Date(Date.now() - 2 * 24 * 3600_000).toISOString().slice(0, 10);
    await edit.getByLabel('Signed by (name as signed)').fill('Signed by the patient (demo)');
    await edit.getByLabel('Date signed').fill(signedOn);
    await edit.getByRole('button', { name: 'Save and activate' }).click();
    await edit.waitFor({ state: 'detached' });
    const consents = section.getByRole('table', { name: 'Consents to disclose (42 CFR 2.31)' });
    await consents.getByRole('row').filter({ hasText: RECIPIENT }).getByText('Active', { exact: true }).waitFor();

    // 3. Send again with the consent: the PDF downloads and carries the 2.32 notice; the log lists it.
    await section.getByRole('button', { name: 'Send records to an outside party' }).click();
    await send.getByRole('textbox', { name: 'Recipient' }).fill(RECIPIENT);
    await send.getByRole('textbox', { name: 'Purpose' }).fill('Continuing care after discharge (demo)');
    const choice = send.getByRole('combobox', { name: 'Consent' });
    const option = choice.locator('option').filter({ hasText: `To ${RECIPIENT}` });
    await choice.selectOption({ value: (await option.getAttribute('value')) ?? '' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      send.getByRole('button', { name: 'Send records (download PDF)' }).click(),
    ]);
    const file = await download.path();
    const pdf = fs.readFileSync(file);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain(NOTICE);
    expect(text).toContain('42 CFR part 2 prohibits unauthorized use or disclosure of these records.');
    expect(text).toContain(`Disclosed to: ${RECIPIENT}`);
    await send.waitFor({ state: 'detached' });

    const log = section.getByRole('table', { name: 'Disclosures, latest first' });
    const row = log.getByRole('row').filter({ hasText: RECIPIENT });
    await row.waitFor();
    expect(await row.textContent()).toContain('Notice sent');
    expect(await row.textContent()).toContain('PDF file');
    await noSeriousViolations(page);

    // The same request as a JSON data file: the notice comes first, and the log says how it went.
    await section.getByRole('button', { name: 'Send records to an outside party' }).click();
    await send.getByRole('textbox', { name: 'Recipient' }).fill(RECIPIENT);
    await send.getByRole('textbox', { name: 'Purpose' }).fill('Continuing care after discharge (demo)');
    await choice.selectOption({ value: (await option.getAttribute('value')) ?? '' });
    await send.getByRole('radio', { name: /^Data file \(JSON\)/ }).check();
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      send.getByRole('button', { name: 'Send records (download data file)' }).click(),
    ]);
    expect(exported.suggestedFilename()).toMatch(/^disclosure-.+\.json$/);
    const data = JSON.parse(fs.readFileSync(await exported.path(), 'utf8')) as { notice: { text: string } };
    expect(data.notice.text.startsWith(NOTICE)).toBe(true);
    await log.getByRole('row').filter({ hasText: 'Data file (JSON)' }).waitFor();

    // 4. An API share for the recipient's system: the token is shown once; each fetch is logged;
    //    revoked in the chart, the token stops working.
    await section.getByRole('button', { name: 'Send records to an outside party' }).click();
    await send.getByRole('textbox', { name: 'Recipient' }).fill(RECIPIENT);
    await send.getByRole('textbox', { name: 'Purpose' }).fill('Continuing care after discharge (demo)');
    await choice.selectOption({ value: (await option.getAttribute('value')) ?? '' });
    await send.getByRole('radio', { name: /^API share/ }).check();
    await send.getByRole('textbox', { name: 'The share works for (days)' }).fill('3');
    await noSeriousViolations(page);
    await send.getByRole('button', { name: 'Create the API share' }).click();
    await send.getByText('API share created').waitFor();
    // The form is gone: focus moves to the message that says what to do with the token.
    await expect.poll(() => page.locator(':focus').textContent()).toContain('API share created');
    const token = await send.getByTestId('share-token').inputValue();
    const address = await send.getByRole('textbox', { name: 'Address' }).inputValue();
    expect(address).toBe(`${server.url}/api/v1/shared-records`);
    await noSeriousViolations(page);
    await send.getByRole('button', { name: 'Done' }).click();
    await expect.poll(focused).toBe('Send records to an outside party');
    const shares = section.getByRole('table', { name: 'Shares an outside system fetches with a token, latest first' });
    await shares.getByRole('row').filter({ hasText: RECIPIENT }).getByText('Active', { exact: true }).waitFor();

    const fetched = await fetch(address, { headers: { authorization: `Bearer ${token}` } });
    expect(fetched.status).toBe(200);
    const shared = (await fetched.json()) as { notice: { text: string }; disclosure: { recipient: string } };
    expect(shared.notice.text.startsWith(NOTICE)).toBe(true);
    expect(shared.disclosure.recipient).toBe(RECIPIENT);
    await page.reload();
    await log.getByRole('row').filter({ hasText: 'API share' }).waitFor();
    const shareRow = shares.getByRole('row').filter({ hasText: RECIPIENT });
    expect(await shareRow.getByRole('cell').nth(5).textContent()).toMatch(/^1last /);
    await shareRow.getByRole('button', { name: `Revoke the API share to ${RECIPIENT}` }).click();
    await shareRow.getByText('Revoked', { exact: true }).waitFor();
    expect((await fetch(address, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
  });
});
