import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateOf } from '../src/domain/scheduling/local-time.js';
import { createDb, type Db } from '../src/server/db/database.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/server/db/embedded-postgres.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { admit, createPatient, createProgram, createRoom, createSession, createTemplate, enrol } from '../test/factories.js';
import { seriousViolations } from './support/axe.js';
import { browserAvailable, launchBrowser } from './support/browser.js';
import { startServer, tempDataDir, type RunningServer } from './support/server.js';
import { signedInPage } from './support/sign-in.js';

// The facilitator's flow on the demo organization: the dashboard lists today's group, the roster
// is checked in as a group (mark all present, one late), the dashboard counts and the patient's
// weekly hours follow, the day is closed and a correction asks for a reason. The group and its
// patients are inserted directly (other areas own their screens); all data is synthetic.

describe.skipIf(!browserAvailable())('attendance and dashboard in Chromium', () => {
  let postgres: EmbeddedPostgres;
  let db: Db;
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDataDir('attendance');
    postgres = await startEmbeddedPostgres(path.join(dataDir, 'db'), () => undefined);
    db = createDb(postgres.connectionString, 2);
    await migrateToLatest(db);
    server = await startServer({ dataDir: path.join(dataDir, 'app'), env: { DATABASE_URL: postgres.connectionString, OPENIOP_DEMO: '1' } });
    await seedGroup(db);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await server.stop();
    await db.destroy();
    await postgres.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function signedIn(email: string): Promise<Page> {
    return signedInPage(browser, server.url, email);
  }

  it('checks a group in from the dashboard, closes the day and corrects with a reason', async () => {
    const page = await signedIn('director@demo.openiop.org');
    const today = page.getByRole('region', { name: /Sessions today at Harborview Portland/ });
    await today.getByText('0 of 3 expected').waitFor();
    await page.getByRole('heading', { name: 'Patients at risk this week' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await today.getByRole('link', { name: /Attendance for CBT skills group/ }).click();
    await page.getByRole('heading', { name: 'Attendance: CBT skills group' }).waitFor();
    await page.getByRole('button', { name: 'Mark all present' }).click();
    await page.getByText('3 unsaved changes').waitFor();
    await page.getByLabel('Status for Bea Roster-B').selectOption('late');
    const minutes = page.getByLabel('Minutes attended by Bea Roster-B');
    await minutes.fill('150');
    expect(await seriousViolations(page)).toEqual([]);
    if (process.env.E2E_SCREENSHOTS)
      await page.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, 'attendance.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await page.getByText(/^Saved at/).waitFor();
    const roster = page.getByRole('table', { name: /Patients expected at this session/ });
    expect(await roster.getByText('Saved', { exact: true }).count()).toBe(3);
    expect(await page.getByLabel('Minutes attended by Bea Roster-B').inputValue()).toBe('150');

    await page.getByRole('button', { name: 'Close day' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Close day' }).click();
    await page.getByText('Day closed', { exact: true }).waitFor();
    await page.getByLabel('Status for Cal Roster-C').selectOption('left_early');
    await page.getByLabel('Minutes attended by Cal Roster-C').fill('90');
    await page.getByRole('button', { name: 'Save correction' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reason for the correction' });
    await dialog.getByRole('button', { name: 'Save correction' }).click();
    await dialog.getByText('Give a reason for the correction').waitFor();
    await dialog.getByRole('textbox', { name: /^Reason/ }).fill('Left at 10:30 for a medical appointment');
    await dialog.getByRole('button', { name: 'Save correction' }).click();
    await page.getByText(/^Saved at/).waitFor();
    await expect.poll(() => page.getByLabel('Minutes attended by Cal Roster-C').inputValue()).toBe('90');

    await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
    await today.getByText('3 of 3 expected').waitFor();
    // Nothing else is scheduled this week, so 3 h cannot reach the 9 h floor: Ann is at risk.
    await page.getByRole('button', { name: 'Weekly hours of Ann Roster-A' }).click();
    const drawer = page.getByRole('dialog', { name: 'Weekly hours: Ann Roster-A' });
    await drawer.getByText('attended on 1 day, 1 billable').waitFor();
    await drawer.getByText('3 h', { exact: true }).first().waitFor();
    if (process.env.E2E_SCREENSHOTS)
      await page.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, 'dashboard-drawer.png'), fullPage: true });
  });

  it('shows front desk the roster to check in but no correction after the day is closed', async () => {
    const page = await signedIn('front-desk@demo.openiop.org');
    const sessionId = await db
      .selectFrom('sessions_of_care')
      .select('id')
      .where('title', '=', 'CBT skills group')
      .executeTakeFirstOrThrow();
    await page.goto(`/app/sessions/${sessionId.id}/attendance`);
    await page.getByRole('heading', { name: 'Attendance: CBT skills group' }).waitFor();
    expect(await page.getByRole('button', { name: 'Mark all present' }).count()).toBe(0);
    expect(await page.getByLabel('Status for Ann Roster-A').isDisabled()).toBe(true);
  });
});

/** Today's group at the Portland demo site, started 30 minutes ago, with three enrolled patients. */
async function seedGroup(db: Db): Promise<void> {
  const org = await db.selectFrom('organizations').select('id').where('is_demo', '=', true).executeTakeFirstOrThrow();
  const site = await db
    .selectFrom('sites')
    .select(['id', 'time_zone'])
    .where('organization_id', '=', org.id)
    .where('name', 'like', 'Harborview Portland%')
    .executeTakeFirstOrThrow();
  const ref = { organizationId: org.id, siteIds: [site.id] };
  const now = Date.now();
  const today = localDateOf(now, site.time_zone);
  const programId = await createProgram(db, ref, { name: 'Adult IOP mornings (demo)' });
  const roomId = await createRoom(db, ref);
  const templateId = await createTemplate(db, ref, {
    programId,
    roomId,
    daysOfWeek: [1, 2, 3, 4, 5, 6, 7],
    durationMinutes: 180,
    startsOn: today,
    title: 'CBT skills group',
  });
  for (const [first, last] of [
    ['Ann', 'Roster-A'],
    ['Bea', 'Roster-B'],
    ['Cal', 'Roster-C'],
  ] as const) {
    const patientId = await createPatient(db, ref, { firstName: first, lastName: last });
    const episodeId = await admit(db, ref, { patientId, programId, admittedOn: today });
    await enrol(db, ref, { episodeId, templateId, startsOn: today });
  }
  const sessionId = await createSession(db, ref, {
    programId,
    templateId,
    occurrenceDate: today,
    startsAt: new Date(now - 30 * 60_000).toISOString(),
    minutes: 180,
    localDate: today,
    roomId,
  });
  await db.updateTable('sessions_of_care').set({ title: 'CBT skills group' }).where('id', '=', sessionId).execute();
}
