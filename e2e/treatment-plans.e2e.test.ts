import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noSeriousViolations } from './support/axe.js';
import { browserAvailable, launchBrowser } from './support/browser.js';
import { startServer, tempDataDir, type RunningServer } from './support/server.js';
import { signedInPage } from './support/sign-in.js';

// Issue #6 in the browser: the clinician finds the demo patient without a treatment plan on the
// dashboard, writes the plan in the editor (autosaved), signs it; the patient signs on the device;
// a revision is signed by the patient through the signing link, in Spanish after switching languages;
// version 1 stays readable; a progress note cites the plan's objective, an addendum corrects it, and
// the plan review shows the objective addressed by that note. Synthetic data.

const CLINICIAN = 'clinician@demo.openiop.org';

describe.skipIf(!browserAvailable())('treatment plans in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ dataDir: tempDataDir('treatment-plans') });
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

  async function waitSaved(page: Page) {
    await expect.poll(() => page.getByTestId('autosave-status').textContent(), { timeout: 10_000 }).toMatch(/^Saved at/);
  }

  it('writes, signs and revises a plan; the patient signs on the device and through the link', async () => {
    const page = await signedIn(CLINICIAN);
    const card = page.getByRole('region', { name: 'Plan reviews' });
    const missing = card.getByRole('row').filter({ hasText: 'No signed plan' }).filter({ hasNotText: 'draft in progress' }).first();
    await missing.waitFor();
    await card.getByRole('row').filter({ hasText: 'Review overdue' }).first().waitFor();
    await noSeriousViolations(page);
    await missing.getByRole('link').click();

    const section = page.getByRole('region', { name: 'Treatment plans' });
    await section.getByRole('button', { name: 'Start treatment plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Treatment plan, version 1' }).waitFor();
    await page.getByTestId('plan-status').getByText('Draft').waitFor();

    // The live intensity check against the program's rules.
    await page.getByLabel('Planned days per week').fill('2');
    await page.getByLabel('Planned minutes per week').fill('300');
    await page.getByTestId('intensity-check').getByText('Outside the program’s rules').waitFor();
    await page.getByLabel('Planned days per week').fill('3');
    await page.getByLabel('Planned minutes per week').fill('540');
    await page.getByTestId('intensity-check').getByText('Within the program’s rules.').waitFor();

    // Signing the empty draft is refused, naming what is missing; nothing is signed.
    await waitSaved(page);
    await page.getByRole('button', { name: 'Sign plan as clinician' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'The plan cannot be signed yet' });
    await refusal.getByText('Problems: add at least one problem').waitFor();
    await page.getByTestId('plan-status').getByText('Draft').waitFor();

    await page.getByRole('button', { name: 'Add problem' }).click();
    await page.getByLabel('Problem 1 statement').fill('Low mood most days and missing work (demo)');
    await page.getByLabel('Diagnosis codes (ICD-10-CM) for problem 1').fill('f33.1');
    await page.getByLabel('Goal 1.1', { exact: true }).fill('Steadier mood and routine');
    await page.getByLabel('Objective 1.1.1 (measurable)').fill('PHQ-9 below 10 on two measurements in a row');
    await page.getByLabel('Target date for objective 1.1.1').fill('2099-03-31');
    await page.getByLabel('Modality for intervention 1.1.1').fill('CBT');
    await page.getByLabel('Frequency for intervention 1.1.1').fill('3 groups a week');
    await page.getByLabel('Responsible for intervention 1.1.1').selectOption({ label: 'Casey Clinician' });
    await waitSaved(page);
    await noSeriousViolations(page);

    await page.getByRole('button', { name: 'Sign plan as clinician' }).click();
    await page.getByTestId('plan-status').getByText('Awaiting patient signature').waitFor();
    await page.getByText('F33.1', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Patient signs on this device' }).click();
    const dialog = page.getByRole('dialog', { name: 'Patient signature: treatment plan version 1' });
    await dialog.getByLabel('Patient’s full name').fill('Demo Patient Signature');
    await dialog.getByRole('checkbox', { name: 'I have read this treatment plan and I agree with it' }).check();
    await noSeriousViolations(page);
    await dialog.getByRole('button', { name: 'Sign as patient' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('plan-status').getByText('Signed').waitFor();
    await page.getByText(/Signed by the patient as “Demo Patient Signature”/).waitFor();
    await noSeriousViolations(page);

    // The chart shows it signed; a revision starts version 2 from a copy.
    await page.getByRole('link', { name: 'Back to the chart' }).click();
    await section.getByTestId('plan-section-status').getByText('Version 1: Signed').waitFor();
    const chartUrl = page.url();
    await section.getByRole('button', { name: 'Revise plan' }).click();
    const revise = page.getByRole('dialog', { name: 'Revise the treatment plan' });
    await revise.getByLabel('Reason for the revision').fill('Working part time again (demo)');
    await revise.getByRole('button', { name: 'Start revision' }).click();
    await page.getByRole('heading', { level: 1, name: 'Treatment plan, version 2' }).waitFor();
    await expect.poll(() => page.getByLabel('Problem 1 statement').inputValue()).toBe('Low mood most days and missing work (demo)');
    // The same draft saved in another window meanwhile: the next autosave here meets a newer
    // version (412) and the user chooses which to keep.
    const other = await page.context().newPage();
    await other.goto(page.url());
    await other.getByLabel('Strengths and preferences, in the patient’s words').fill('Edited in another window (demo)');
    await waitSaved(other);
    await other.close();
    await page.getByLabel('Problem 1 statement').fill('Low mood on some days; back at work part time (demo)');
    const conflict = page.getByRole('dialog', { name: 'This plan was saved elsewhere' });
    await conflict
      .getByRole('region', { name: /^The saved version/ })
      .getByText(/Edited in another window/)
      .waitFor();
    await conflict
      .getByRole('region', { name: 'Your version' })
      .getByText(/back at work part time/)
      .waitFor();
    await noSeriousViolations(page);
    await conflict.getByRole('button', { name: 'Keep my version' }).click();
    await conflict.waitFor({ state: 'detached' });
    await waitSaved(page);
    await page.getByRole('button', { name: 'Sign plan as clinician' }).click();
    await page.getByTestId('plan-status').getByText('Awaiting patient signature').waitFor();

    await page.getByRole('button', { name: 'Send a signing link' }).click();
    const share = page.getByRole('dialog', { name: 'Send the plan to the patient to sign' });
    await share.getByRole('button', { name: 'Create signing link' }).click();
    const link = await share.getByTestId('sign-link-url').inputValue();
    expect(link).toMatch(/\/sign-plan\/[A-Za-z0-9_-]{43}$/);
    await share.getByRole('button', { name: 'Done' }).click();

    // The patient, without a session, reads version 2 in Spanish, sends the form without a name and
    // gets the error in Spanish, looks at the English page, switches back and signs in Spanish.
    const patientContext = await browser.newContext();
    const patient = await patientContext.newPage();
    await patient.goto(`${link}?lang=es`);
    await patient.getByRole('heading', { level: 1, name: /su plan de tratamiento$/i }).waitFor();
    await patient.getByText('back at work part time', { exact: false }).waitFor();
    expect(await patient.locator('html').getAttribute('lang')).toBe('es');
    expect(await patient.locator('script').count()).toBe(0);
    await noSeriousViolations(patient);
    await patient.getByLabel('Leí este plan de tratamiento y estoy de acuerdo con él').check();
    await patient.getByRole('button', { name: 'Firmar mi plan' }).click();
    await patient.getByText('Escriba su nombre completo para firmar.').waitFor();
    await noSeriousViolations(patient);
    await patient.getByRole('link', { name: 'View this page in English' }).click();
    await patient.getByRole('heading', { level: 1, name: /your treatment plan$/i }).waitFor();
    await patient.getByRole('button', { name: 'Sign my plan' }).waitFor();
    expect(patient.url()).toBe(`${link}?lang=en`);
    await noSeriousViolations(patient);
    await patient.getByRole('link', { name: 'Ver esta página en español' }).click();
    await patient.getByLabel('Su nombre completo').fill('Demo Patient Signature');
    await patient.getByLabel('Leí este plan de tratamiento y estoy de acuerdo con él').check();
    await patient.getByRole('button', { name: 'Firmar mi plan' }).click();
    await patient.getByRole('heading', { name: 'Gracias: su plan está firmado' }).waitFor();
    await noSeriousViolations(patient);
    await patientContext.close();

    await page.goto(chartUrl);
    await section.getByTestId('plan-section-status').getByText('Version 2: Signed').waitFor();
    await section.getByRole('link', { name: 'Version 1' }).click();
    await page.getByRole('heading', { level: 1, name: 'Treatment plan, version 1' }).waitFor();
    await page.getByText(/Low mood most days and missing work/).waitFor();
    expect(await page.getByText(/back at work part time/).count()).toBe(0);

    // The plan in use: a progress note cites its objective and is signed, an addendum corrects it,
    // and the plan's review shows the objective addressed by that note.
    const objective = 'PHQ-9 below 10 on two measurements in a row';
    await page.goto(chartUrl);
    await page.getByRole('region', { name: 'Notes' }).getByRole('button', { name: 'New note' }).click();
    await page.getByRole('dialog', { name: 'New note' }).getByRole('button', { name: 'Start note' }).click();
    await page.getByRole('heading', { level: 1, name: 'Individual progress note (DAP)' }).waitFor();
    await page.getByLabel('Data (what was observed and said)').fill('Logged mood daily; two low days this week (demo).');
    await page.getByLabel('Assessment (clinical impression, progress)').fill('Mood steadier than at admission.');
    await page.getByLabel('Plan (next steps, homework, next session)').fill('Repeat the PHQ-9 next week.');
    await page.getByRole('checkbox', { name: objective }).check();
    await page.getByText(/^Saved at /).waitFor();
    await page.getByRole('button', { name: 'Sign note' }).click();
    const original = page.getByRole('article', { name: 'Original note' });
    await original.getByText(/^Signed by Casey Clinician/).waitFor();
    await original.getByText(objective).waitFor();
    const addendumForm = page.getByRole('form', { name: 'Add addendum' });
    await addendumForm.getByLabel('Addendum').fill('Correction: three low days, not two (demo).');
    await addendumForm.getByRole('button', { name: 'Add addendum' }).click();
    await page
      .getByRole('article', { name: 'Correction by Casey Clinician' })
      .getByText('Correction: three low days, not two (demo).')
      .waitFor();
    await original.getByText('Logged mood daily; two low days this week (demo).').waitFor();

    await page.goto(chartUrl);
    await section.getByRole('link', { name: 'Version 2' }).click();
    await page.getByRole('heading', { level: 1, name: 'Treatment plan, version 2' }).waitFor();
    const addressed = page.getByRole('row').filter({ hasText: objective });
    await addressed.getByText(/Individual progress note \(DAP\), Casey Clinician/).waitFor();
    await noSeriousViolations(page);
  });
});
