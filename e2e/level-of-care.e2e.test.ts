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

// Issue #4, the clinician's level-of-care assessment in the browser: a repeat assessment of a demo
// patient (rate, watch the recommendation change, choose another level with a reason, save, see it
// in the chart's history), and a pre-admission assessment of an inquiry made with SQL, before any
// admissions page exists. All data is synthetic.

const CLINICIAN = 'clinician@demo.openiop.org';

describe.skipIf(!browserAvailable())('level-of-care assessment in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let db: pg.Client;

  beforeAll(async () => {
    server = await startServer({ dataDir: tempDataDir('level-of-care') });
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

  async function rate(page: Page, dimension: string, rating: number): Promise<void> {
    await page
      .getByRole('radiogroup', { name: dimension })
      .getByRole('radio', { name: new RegExp(`^${rating} · `) })
      .check();
  }

  const recommendation = (page: Page) => page.getByTestId('recommendation');

  it('a clinician reassesses a demo patient, overrides with a reason, and sees it in the chart history', async () => {
    const { rows } = await db.query<{ patient_id: string; name: string }>(
      `SELECT a.patient_id, p.legal_first_name AS name FROM loc_assessments a JOIN patients p ON p.id = a.patient_id
       WHERE a.final_level = a.recommended_level ORDER BY a.assessed_at LIMIT 1`,
    );
    const patientId = rows[0]?.patient_id ?? '';
    const page = await signedIn(CLINICIAN);
    await page.goto(`/app/patients/${patientId}`);
    const section = page.getByRole('region', { name: 'Level-of-care assessments' });
    await expect.poll(() => section.getByRole('row').count()).toBe(2);

    // The chart's other sections (measures, trends, safety) load on their own and move this one down:
    // click once they have all arrived, so the click lands on the link and not where it used to be.
    await page.waitForLoadState('networkidle');
    await section.getByRole('link', { name: 'New assessment' }).click();
    await page.getByRole('heading', { level: 1, name: /^Level-of-care assessment: / }).waitFor();
    await expect.poll(() => recommendation(page).textContent()).toContain('0 of 6 rated');
    await noSeriousViolations(page);

    await rate(page, 'Risk of harm', 2);
    await page.getByLabel('Note on risk of harm').fill('Recurring thoughts, no intent (synthetic)');
    await rate(page, 'Functional status', 1);
    await rate(page, 'Co-occurring conditions and withdrawal', 0);
    await rate(page, 'Treatment history', 1);
    await rate(page, 'Engagement', 0);
    await expect.poll(() => recommendation(page).textContent()).toContain('5 of 6 rated');
    await rate(page, 'Recovery environment', 2);
    await expect.poll(() => recommendation(page).textContent()).toContain('Recommended: Intensive outpatient (IOP)');
    // Keyboard: the arrow key moves the rating within the group, and the recommendation follows.
    await page.getByRole('radiogroup', { name: 'Recovery environment' }).getByRole('radio', { name: /^2 · / }).press('ArrowDown');
    await expect.poll(() => recommendation(page).textContent()).toContain('Recommended: Partial hospitalization (PHP)');
    expect(await recommendation(page).textContent()).toContain('Risk of harm rated 2 (Moderate risk)');
    await noSeriousViolations(page);

    await page.getByRole('radio', { name: 'Choose another level' }).check();
    await page.getByLabel('Chosen level').selectOption('IOP');
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await page.getByText('Give the reason for choosing another level.').waitFor();
    await page.getByLabel('Reason for choosing another level').fill('Partner home every evening; daily phone check-in agreed (synthetic)');
    await noSeriousViolations(page);
    await page.getByRole('button', { name: 'Save assessment' }).click();

    const result = page.getByRole('article').filter({ hasText: 'Chosen:' });
    await result.waitFor();
    expect(await result.textContent()).toContain('Recommended: Partial hospitalization (PHP)');
    expect(await result.textContent()).toContain('Chosen: Intensive outpatient (IOP)');
    expect(await result.textContent()).toContain('Recurring thoughts, no intent (synthetic)');

    await page.getByRole('link', { name: 'Back to the patient chart' }).first().click();
    await expect.poll(() => section.getByRole('row').count()).toBe(3);
    await page.waitForLoadState('networkidle');
    await section
      .getByRole('button', { name: /^Show ratings of / })
      .first()
      .click();
    await section.getByRole('table', { name: /^Ratings/ }).waitFor();
    await noSeriousViolations(page);
    const newest = section.getByRole('row').nth(1);
    expect(await newest.textContent()).toContain('Partial hospitalization (PHP) → Intensive outpatient (IOP)');
    expect(await newest.textContent()).toContain('Partner home every evening');
    expect(await newest.textContent()).toContain('Casey Clinician');

    const stored = await db.query(
      `SELECT recommended_level, final_level, episode_id FROM loc_assessments WHERE patient_id = $1 ORDER BY assessed_at DESC`,
      [patientId],
    );
    expect(stored.rows[0]).toMatchObject({ recommended_level: 'PHP', final_level: 'IOP' });
    expect(stored.rows[0].episode_id).not.toBeNull();
  });

  it('a clinician assesses an inquiry at /app/admissions/:inquiryId/assessment', async () => {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO inquiries (organization_id, source, for_whom, contact_name, email, consent_to_contact, privacy_notice_version)
       SELECT id, 'staff', 'self', 'Synthetic Caller', 'caller@example.org', true, 'e2e-1' FROM organizations WHERE is_demo LIMIT 1
       RETURNING id`,
    );
    const inquiryId = rows[0]?.id ?? '';
    const page = await signedIn(CLINICIAN);
    await page.goto(`/app/admissions/${inquiryId}/assessment`);
    await page.getByRole('heading', { level: 1, name: 'Level-of-care assessment: Synthetic Caller' }).waitFor();
    for (const dimension of [
      'Risk of harm',
      'Functional status',
      'Co-occurring conditions and withdrawal',
      'Recovery environment',
      'Treatment history',
      'Engagement',
    ])
      await rate(page, dimension, 1);
    await expect.poll(() => recommendation(page).textContent()).toContain('Recommended: Outpatient (OP)');
    expect(await recommendation(page).textContent()).toContain('Every dimension is rated 1 or lower');
    await noSeriousViolations(page);
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await page.getByText('Chosen: Outpatient (OP)').waitFor();

    const stored = await db.query(`SELECT final_level, patient_id FROM loc_assessments WHERE inquiry_id = $1`, [inquiryId]);
    expect(stored.rows).toEqual([{ final_level: 'OP', patient_id: null }]);
  });
});
