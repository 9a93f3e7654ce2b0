import { randomUUID } from 'node:crypto';
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

// Issue #6 in the browser: a clinician opens a demo patient whose episode has a signed treatment
// plan (added here with a fixed objective id), writes a DAP note citing the objective, sees it
// saved, reloads and finds the draft, signs, then corrects it with an addendum shown under the
// original. A stale autosave shows both versions. The director sets a co-signing supervisor and
// reads the late-notes report; the supervisor co-signs a trainee's demo note; the demo SUD
// counseling note is withheld from the chart. Axe on every page. All data is synthetic.

const OBJECTIVE_ID = '6f1c2a7e-0000-4000-8000-00000000e2e1';
const OBJECTIVE = 'Use paced breathing at the first sign of panic, 4 of 5 days (e2e)';

describe.skipIf(!browserAvailable())('clinical notes in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let db: pg.Client;
  let patientId = '';

  beforeAll(async () => {
    server = await startServer({ dataDir: tempDataDir('notes') });
    browser = await launchBrowser();
    const info = readServerInfo(server.dataDir, server.child.pid ?? 0);
    if (!info) throw new Error('the server wrote no postgres.json');
    db = new pg.Client({ connectionString: embeddedConnectionString(server.dataDir, info.port) });
    await db.connect();
    // The last demo patient in care (the demo's own notes sit on the first ones), with a new signed plan version.
    const { rows } = await db.query<{ id: string; patient_id: string; organization_id: string; next: number; clinician: string }>(
      `SELECT e.id, e.patient_id, e.organization_id,
              coalesce((SELECT max(plan_version) FROM treatment_plans t WHERE t.episode_id = e.id), 0) + 1 AS next,
              (SELECT id FROM users u WHERE u.email = 'clinician@demo.openiop.org') AS clinician
         FROM episodes e WHERE e.status = 'open' ORDER BY e.created_at DESC, e.id DESC LIMIT 1`,
    );
    const episode = rows[0];
    if (!episode) throw new Error('the demo has no patient in care');
    patientId = episode.patient_id;
    const content = {
      patientStrengthsAndPreferences: 'Wants to return to work (e2e)',
      problems: [
        {
          id: randomUUID(),
          statement: 'Panic attacks at work',
          diagnosisCodes: ['F41.0'],
          goals: [
            {
              id: randomUUID(),
              statement: 'Manage panic without leaving work',
              objectives: [{ id: OBJECTIVE_ID, statement: OBJECTIVE, targetDate: '2027-01-15', status: 'open' }],
              interventions: [],
            },
          ],
        },
      ],
    };
    await db.query(
      `INSERT INTO treatment_plans (organization_id, patient_id, episode_id, plan_version, content, created_by, created_at, updated_at,
                                    clinician_signed_by, clinician_signed_at)
       VALUES ($1, $2, $3, $4, $5, $6, now(), now(), $6, now())`,
      [episode.organization_id, episode.patient_id, episode.id, episode.next, JSON.stringify(content), episode.clinician],
    );
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

  it('writes a DAP note citing an objective, keeps the draft across a reload, signs it and adds a correction', async () => {
    const page = await signedIn('clinician@demo.openiop.org');
    await page.goto(`/app/patients/${patientId}`);
    const section = page.getByRole('region', { name: 'Notes' });
    await section.getByRole('button', { name: 'New note' }).click();
    const dialog = page.getByRole('dialog', { name: 'New note' });
    await expect.poll(() => dialog.getByLabel('Note type').inputValue()).toBe('Individual progress note (DAP)');
    await noSeriousViolations(page);
    await dialog.getByRole('button', { name: 'Start note' }).click();

    await page.getByRole('heading', { level: 1, name: 'Individual progress note (DAP)' }).waitFor();
    expect(page.url()).toMatch(/\/app\/notes\/[0-9a-f-]{36}$/);
    await page.getByLabel('Data (what was observed and said)').fill('Two panic episodes at work; used paced breathing once (e2e).');
    await page.getByLabel('Assessment (clinical impression, progress)').fill('Early progress on the breathing objective.');
    await page.getByLabel('Plan (next steps, homework, next session)').fill('Practise daily; review the log next session.');
    await page.getByRole('checkbox', { name: OBJECTIVE }).check();
    await page.getByText(/^Saved at /).waitFor();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^Saved at /);
    await noSeriousViolations(page);

    await page.reload();
    await expect
      .poll(() => page.getByLabel('Data (what was observed and said)').inputValue())
      .toBe('Two panic episodes at work; used paced breathing once (e2e).');
    expect(await page.getByRole('checkbox', { name: OBJECTIVE }).isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Sign note' }).click();
    const original = page.getByRole('article', { name: 'Original note' });
    await original.getByText(/^Signed by Casey Clinician/).waitFor();
    await original.getByText(OBJECTIVE).waitFor();
    expect(await page.getByLabel('Data (what was observed and said)').count()).toBe(0);

    const form = page.getByRole('form', { name: 'Add addendum' });
    await expect.poll(() => form.getByLabel('Kind').inputValue()).toBe('Correction');
    await form.getByLabel('Addendum').fill('Correction: the episodes were on Tuesday, not Monday (e2e).');
    await form.getByRole('button', { name: 'Add addendum' }).click();
    const addendum = page.getByRole('article', { name: 'Correction by Casey Clinician' });
    await addendum.getByText('Correction: the episodes were on Tuesday, not Monday (e2e).').waitFor();
    // The addendum is shown under the original, which is unchanged.
    const [originalBox, addendumBox] = [await original.boundingBox(), await addendum.boundingBox()];
    expect((addendumBox?.y ?? 0) > (originalBox?.y ?? 0)).toBe(true);
    await original.getByText('Two panic episodes at work; used paced breathing once (e2e).').waitFor();
    await noSeriousViolations(page);

    await page.goto(`/app/patients/${patientId}`);
    const row = page.getByRole('region', { name: 'Notes' }).getByRole('row').filter({ hasText: 'Individual progress note (DAP)' }).first();
    await row.getByText('Signed', { exact: true }).waitFor();
  });

  it('shows both versions when another window saved the draft first, and keeps the one chosen', async () => {
    const first = await signedIn('clinician@demo.openiop.org');
    await first.goto(`/app/patients/${patientId}`);
    await first.getByRole('region', { name: 'Notes' }).getByRole('button', { name: 'New note' }).click();
    await first.getByRole('dialog', { name: 'New note' }).getByRole('button', { name: 'Start note' }).click();
    await first.getByRole('heading', { level: 1, name: 'Individual progress note (DAP)' }).waitFor();
    const notePath = new URL(first.url()).pathname;

    const second = await first.context().newPage();
    await second.goto(notePath);
    const data = 'Data (what was observed and said)';
    await second.getByLabel(data).waitFor();

    await first.getByLabel(data).fill('Written in the first window (e2e).');
    await first.getByText(/^Saved at /).waitFor();
    await second.getByLabel(data).fill('Written in the second window (e2e).');

    const dialog = second.getByRole('dialog', { name: 'This note was saved elsewhere' });
    await dialog.waitFor();
    await dialog.getByRole('region', { name: 'Your version (not saved)' }).getByText('Written in the second window (e2e).').waitFor();
    await dialog
      .getByRole('region', { name: /^Saved version/ })
      .getByText('Written in the first window (e2e).')
      .waitFor();
    await noSeriousViolations(second);
    await dialog.getByRole('button', { name: 'Keep my version' }).click();
    await dialog.waitFor({ state: 'detached' });
    await second.getByText(/^Saved at /).waitFor();

    await first.reload();
    await expect.poll(() => first.getByLabel(data).inputValue()).toBe('Written in the second window (e2e).');
  });

  it('the director sets a co-signing supervisor and sees late notes; the supervisor co-signs the trainee’s note; the SUD note is withheld', async () => {
    const director = await signedIn('director@demo.openiop.org');
    // The staff profile names a trainee's co-signing supervisor and who reads SUD counseling notes.
    await director.getByRole('navigation').getByRole('link', { name: 'Staff' }).click();
    await director.getByRole('button', { name: 'Edit the profile of Emerson Vale' }).click();
    const trainee = director.getByRole('form', { name: 'Staff profile: Emerson Vale' });
    await expect.poll(() => trainee.getByLabel('Co-signing supervisor', { exact: true }).inputValue()).toBe('Casey Clinician');
    await trainee.getByRole('button', { name: 'Cancel' }).click();
    await director.getByRole('button', { name: 'Edit the profile of Riley Brook' }).click();
    const profile = director.getByRole('form', { name: 'Staff profile: Riley Brook' });
    await profile.getByLabel('Co-signing supervisor', { exact: true }).click();
    await director.getByRole('option', { name: 'Dana Director' }).click();
    await profile.getByRole('checkbox', { name: /May read SUD counseling notes/ }).check();
    await noSeriousViolations(director);
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await profile.waitFor({ state: 'detached' });
    const { rows: saved } = await db.query<{ supervisor: string; access: boolean }>(
      `SELECT s.display_name AS supervisor, p.counseling_notes_access AS access FROM staff_profiles p
         JOIN users u ON u.id = p.user_id JOIN users s ON s.id = p.cosign_supervisor_id WHERE u.email = 'therapist2@demo.openiop.org'`,
    );
    expect(saved).toEqual([{ supervisor: 'Dana Director', access: true }]);

    await director.getByRole('navigation').getByRole('link', { name: 'Late notes' }).click();
    await director.getByRole('heading', { level: 1, name: 'Late notes' }).waitFor();
    const late = director.getByRole('table', { name: 'Late notes per clinician' }).getByRole('row').filter({ hasText: 'Casey Clinician' });
    await late.waitFor();
    await noSeriousViolations(director);

    const page = await signedIn('clinician@demo.openiop.org');
    await page.getByRole('navigation').getByRole('link', { name: 'My notes' }).click();
    await page.getByRole('heading', { level: 1, name: 'My notes' }).waitFor();
    const waiting = page.getByRole('region', { name: 'Awaiting my co-signature' });
    await waiting.getByRole('row').filter({ hasText: 'Emerson Vale' }).waitFor();
    await noSeriousViolations(page);
    await waiting.getByRole('link', { name: 'Individual progress note (DAP)' }).click();
    await page.getByText('Awaiting co-signature', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Co-sign' }).click();
    await page.getByText(/co-signed by Casey Clinician/).waitFor();
    await page.getByText('Signed', { exact: true }).waitFor();

    const { rows } = await db.query<{ patient_id: string }>(
      `SELECT patient_id FROM clinical_notes WHERE note_type = 'sud_counseling' LIMIT 1`,
    );
    await page.goto(`/app/patients/${rows[0]?.patient_id ?? ''}`);
    await page
      .getByRole('region', { name: 'Notes' })
      .getByText(/1 SUD counseling note is not shown/)
      .waitFor();
  });
});
