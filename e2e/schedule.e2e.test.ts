import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/server/db/database.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/server/db/embedded-postgres.js';
import { seriousViolations } from './support/axe.js';
import { browserAvailable, launchBrowser } from './support/browser.js';
import { startServer, tempDataDir, type RunningServer } from './support/server.js';
import { signedInPage } from './support/sign-in.js';

// The schedule page in Chromium: a director creates a group series, its sessions show on the week
// calendar, one occurrence is cancelled, a conflicting booking is refused with its reason, and a
// clinician subscribes to (then revokes) their calendar feed. Programs, rooms, staff profiles and
// patients belong to other areas, so they are inserted directly (synthetic data).

describe.skipIf(!browserAvailable())('schedule page in Chromium', () => {
  let postgres: EmbeddedPostgres;
  let server: RunningServer;
  let browser: Browser;
  let db: Db;
  let patientId: string;

  beforeAll(async () => {
    const dir = tempDataDir('schedule');
    postgres = await startEmbeddedPostgres(`${dir}/db`, () => undefined);
    server = await startServer({ dataDir: `${dir}/app`, env: { DATABASE_URL: postgres.connectionString } });
    db = createDb(postgres.connectionString, 2);
    const org = await db.selectFrom('organizations').select('id').where('is_demo', '=', true).executeTakeFirstOrThrow();
    const site = await db.selectFrom('sites').select('id').where('organization_id', '=', org.id).orderBy('name').executeTakeFirstOrThrow();
    await db
      .insertInto('programs')
      .values({
        organization_id: org.id,
        site_id: site.id,
        name: 'Adult IOP mornings',
        level_of_care: 'IOP',
        population: 'adult',
        focus: 'mental_health',
        format: 'in_person',
        weekly_floor_minutes: 540,
        weekly_ceiling_minutes: 1140,
        min_days_per_week: 3,
        min_billable_days_per_week: 3,
        min_billable_day_minutes: 180,
        group_capacity: 12,
      })
      .execute();
    await db.insertInto('rooms').values({ organization_id: org.id, site_id: site.id, name: 'Cedar room', capacity: 12 }).execute();
    const clinician = await db.selectFrom('users').select('id').where('email', '=', 'clinician@demo.openiop.org').executeTakeFirstOrThrow();
    await db
      .insertInto('staff_profiles')
      .values({ organization_id: org.id, user_id: clinician.id, modalities: ['cbt', 'dbt_skills'], licensed_states: ['OR'] })
      // The demo clinic already gives the clinician a profile; this test needs these exact qualifications.
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ modalities: ['cbt', 'dbt_skills'], licensed_states: ['OR'] }))
      .execute();
    const patient = await db
      .insertInto('patients')
      .values({
        organization_id: org.id,
        legal_first_name: 'Jordan',
        legal_last_name: 'Examplepatient',
        date_of_birth: '1988-04-02',
        state_of_residence: 'OR',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    patientId = patient.id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await db.destroy();
    await server.stop();
    await postgres.stop();
  });

  function signedIn(email: string): Promise<Page> {
    return signedInPage(browser, server.url, email);
  }

  async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
    await page.getByRole('combobox', { name: label, exact: true }).click();
    await page.getByRole('option', { name: option }).click();
  }

  it('lets a director create a weekly group that appears on the week calendar, and cancel one occurrence', async () => {
    const page = await signedIn('director@demo.openiop.org');
    await page.getByRole('navigation').getByRole('link', { name: 'Schedule' }).click();
    await page.getByRole('heading', { name: 'Schedule', level: 1 }).waitFor();
    await page.getByTestId('week-grid').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'New group template' }).click();
    const form = page.getByRole('form', { name: 'New group template' });
    await choose(page, 'Program', 'Adult IOP mornings');
    await form.getByLabel('Title').fill('Morning CBT skills');
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) await form.getByRole('checkbox', { name: day }).check();
    await form.getByLabel('Start time').fill('09:00');
    await form.getByLabel('Length (minutes)').fill('180');
    await choose(page, 'Facilitators', 'Casey Clinician');
    await page.keyboard.press('Escape');
    await form.getByRole('radio', { name: 'In a room' }).check();
    // The demo clinic has rooms of its own at this site; pick this test's room by name.
    await choose(page, 'Room', /^Cedar room/);
    expect(await form.getByRole('combobox', { name: 'Room' }).inputValue()).toContain('Cedar room');
    await form.getByLabel('Capacity').fill('10');
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Create template' }).click();
    await page.getByText(/Saved "Morning CBT skills"/).waitFor();

    await page.getByRole('button', { name: 'Next week' }).click();
    const cards = page.getByTestId('week-grid').getByRole('button', { name: /Morning CBT skills/ });
    await expect.poll(() => cards.count()).toBe(5);
    expect(await cards.first().textContent()).toContain('09:00–12:00');
    expect(await cards.first().textContent()).toContain('Cedar room');

    await cards.first().click();
    const dialog = page.getByRole('dialog', { name: 'Morning CBT skills' });
    await dialog.getByRole('tab', { name: 'Cancel' }).click();
    await dialog.getByLabel('Reason').fill('Facilitator at training');
    await dialog.getByRole('button', { name: 'Cancel this session' }).click();
    await page.getByText('Session cancelled').waitFor();
    await page.getByTestId('week-grid').getByText('Cancelled').waitFor();
  });

  it('refuses a booking that double-books the clinician, showing why', async () => {
    const page = await signedIn('front-desk@demo.openiop.org');
    await page.goto('/app/schedule');
    await page.getByRole('button', { name: 'Book appointment' }).click();
    const form = page.getByRole('form', { name: 'Book an appointment' });
    await form.getByLabel('Patient ID').fill(patientId);
    await choose(page, 'Clinician', 'Casey Clinician');
    await form.getByRole('radio', { name: 'Telehealth' }).check();
    // Tuesday of next week, during Casey's 09:00-12:00 group.
    const tuesday = await page.evaluate<string>(
      `(() => { const d = new Date(); d.setDate(d.getDate() + ((8 - d.getDay()) % 7 || 7) + 1); return d.toISOString().slice(0, 10); })()`,
    );
    await form.getByLabel('Date').fill(tuesday);
    await form.getByLabel('Start time').fill('10:00');
    await form.getByRole('button', { name: 'Book appointment' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The clinician is already booked 09:00–12:00');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('gives a clinician a calendar feed link with no patient names, and revokes it', async () => {
    const page = await signedIn('clinician@demo.openiop.org');
    await page.goto('/app/schedule?tab=feed');
    await page.getByRole('button', { name: 'Create a subscription link' }).click();
    const url = await page.getByTestId('feed-url').inputValue();
    expect(url).toMatch(/\/api\/v1\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    const body = await feed.text();
    expect(body).toContain('SUMMARY:Group: Morning CBT skills');
    expect(body).not.toContain('Examplepatient');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Revoke the link' }).click();
    await page.getByText('No link is active.').waitFor();
    expect((await fetch(url)).status).toBe(404);
  });
});
