import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateOf } from '../src/domain/scheduling/local-time.js';
import { createDb, type Db } from '../src/server/db/database.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/server/db/embedded-postgres.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { admit, createPatient, createProgram, createRoom, createSession, createTemplate, enrol } from '../test/factories.js';
import { signedPlan } from '../test/group-note-fixtures.js';
import { noSeriousViolations } from './support/axe.js';
import { browserAvailable, launchBrowser } from './support/browser.js';
import { startServer, tempDataDir, type RunningServer } from './support/server.js';
import { signedInPage } from './support/sign-in.js';

// The facilitator's flow on the demo organization: check a group in, open its group note from the
// roster, write the shared summary and each attendee's own section, sign, and each attendee's chart
// receives its own signed note. A copied section is refused at the attendee it concerns first. A
// trainee's signed group note waits for their supervisor, who co-signs it from "My notes".
// The group and its patients are inserted directly; all data is synthetic.

const PATIENTS = [
  ['Ann', 'Groupnote-A'],
  ['Bea', 'Groupnote-B'],
  ['Cal', 'Groupnote-C'],
] as const;

describe.skipIf(!browserAvailable())('group notes in Chromium', () => {
  let postgres: EmbeddedPostgres;
  let db: Db;
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let seeded: Seeded;
  let second: Seeded;
  let trainees: Seeded;

  beforeAll(async () => {
    dataDir = tempDataDir('group-notes');
    postgres = await startEmbeddedPostgres(path.join(dataDir, 'db'), () => undefined);
    db = createDb(postgres.connectionString, 2);
    await migrateToLatest(db);
    server = await startServer({ dataDir: path.join(dataDir, 'app'), env: { DATABASE_URL: postgres.connectionString, OPENIOP_DEMO: '1' } });
    seeded = await seedGroup(db, { title: 'Sleep skills group', tag: 'Groupnote' });
    second = await seedGroup(db, { title: 'Mindfulness group', tag: 'Mindful' });
    // The demo's trainee (therapist4), whose co-signing supervisor is the demo clinician.
    trainees = await seedGroup(db, { title: 'Coping skills group', tag: 'Trainee', facilitator: 'therapist4@demo.openiop.org' });
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

  it('checks a group in, writes and signs its note, and each attendee gets their own note', async () => {
    const page = await signedIn('clinician@demo.openiop.org');
    await page.goto(`/app/sessions/${seeded.sessionId}/attendance`);
    await page.getByRole('heading', { name: 'Attendance: Sleep skills group' }).waitFor();
    await page.getByRole('button', { name: 'Mark all present' }).click();
    await page.getByLabel('Status for Cal Groupnote-C').selectOption('left_early');
    await page.getByLabel('Minutes attended by Cal Groupnote-C').fill('95');
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await page.getByText(/^Saved at/).waitFor();

    await page.getByRole('main').getByRole('link', { name: 'Group note', exact: true }).click();
    await page.getByRole('heading', { name: 'Group note: Sleep skills group' }).waitFor();
    const cal = page.getByRole('region', { name: 'Cal Groupnote-C' });
    await cal.getByText('Left early · 95 min').waitFor();
    await page.getByLabel(/^Topic/).fill('Winding down before bed');
    await page.getByLabel(/^Modality/).fill('CBT-I');
    await page.getByLabel(/^Interventions/).fill('Sleep diary review; stimulus control psychoeducation');
    await page.getByRole('textbox', { name: 'Group summary' }).fill('Members compared their sleep diaries and planned a wind-down hour.');
    for (const [index, [first, last]] of PATIENTS.entries()) {
      const name = `${first} ${last}`;
      await page.getByLabel(`Participation (${name})`).fill(`${first} described night ${index + 1} of the diary in detail`);
      await page.getByLabel(`Response to interventions (${name})`).fill(`${first} chose wind-down step ${index + 1} to try`);
      await page.getByLabel(`Progress on plan objectives (${name})`).fill(`${first} logged ${index + 4} nights this week`);
    }
    // A copied response (only case and spacing differ) is refused at the attendees it concerns.
    await page.getByLabel('Response to interventions (Bea Groupnote-B)').fill('  ANN chose wind-down step 1 to try ');
    await page
      .getByRole('region', { name: 'Ann Groupnote-A' })
      .getByLabel(/Use the sleep diary every night/)
      .check();
    await page.getByText(/^Saved at/).waitFor();
    await noSeriousViolations(page);
    if (process.env.E2E_SCREENSHOTS)
      await page.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, 'group-note.png'), fullPage: true });

    await page.getByRole('button', { name: 'Sign group note' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign and write 3 notes' }).click();
    await page.getByText('individualized text must differ between attendees', { exact: false }).first().waitFor();
    const bea = page.getByRole('region', { name: 'Bea Groupnote-B' });
    await bea.getByText(/same text as another attendee’s response/).waitFor();
    await noSeriousViolations(page);
    expect(await db.selectFrom('clinical_notes').select('id').where('session_id', '=', seeded.sessionId).execute()).toEqual([]);

    await page.getByLabel('Response to interventions (Bea Groupnote-B)').fill('Bea picked reading instead of her phone');
    await page.getByRole('button', { name: 'Sign group note' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign and write 3 notes' }).click();
    await page.getByText(/3 notes written to the charts/).waitFor();
    await page.getByText(/Signed by .* — 3 notes written to the charts/).waitFor();
    expect(await page.getByLabel(/^Topic/).count()).toBe(0);
    await noSeriousViolations(page);

    // Each attendee's chart holds their own signed note (the chart's Notes list reads these rows).
    const notes = await db
      .selectFrom('clinical_notes')
      .select(['patient_id', 'status', 'note_type', 'duration_minutes', 'content', 'addressed_objective_ids'])
      .where('session_id', '=', seeded.sessionId)
      .execute();
    expect(notes).toHaveLength(3);
    const byPatient = new Map(notes.map((note) => [note.patient_id, note]));
    for (const [index, [first]] of PATIENTS.entries()) {
      const note = byPatient.get(seeded.patientIds[index] ?? '');
      expect(note).toMatchObject({ status: 'signed', note_type: 'group' });
      expect(note?.content).toMatchObject({
        topic: 'Winding down before bed',
        participation: `${first} described night ${index + 1} of the diary in detail`,
        progress: `${first} logged ${index + 4} nights this week`,
      });
    }
    expect(byPatient.get(seeded.patientIds[1] ?? '')?.content).toMatchObject({ response: 'Bea picked reading instead of her phone' });
    expect(byPatient.get(seeded.patientIds[2] ?? '')).toMatchObject({ duration_minutes: 95 });
    expect(byPatient.get(seeded.patientIds[2] ?? '')?.content).toMatchObject({ attendanceStatus: 'left_early', minutes: '95' });
    expect(byPatient.get(seeded.patientIds[0] ?? '')?.addressed_objective_ids).toEqual([seeded.objectiveId]);

    // And each chart shows it: the chart's Notes list links the patient's own group note, with their own text only.
    for (const [index, [first]] of PATIENTS.entries()) {
      await page.goto(`/app/patients/${seeded.patientIds[index] ?? ''}`);
      const notesSection = page.getByRole('region', { name: 'Notes' });
      await notesSection.getByRole('link', { name: 'Group note' }).click();
      await page.getByText(`${first} described night ${index + 1} of the diary in detail`).waitFor();
      for (const [other, [otherFirst]] of PATIENTS.entries()) {
        if (other !== index) expect(await page.getByText(`${otherFirst} described night ${other + 1}`).count()).toBe(0);
      }
    }

    await page.getByRole('navigation').getByRole('link', { name: 'Group notes' }).click();
    await page.getByRole('heading', { name: 'Group notes to write' }).waitFor();
    expect(await page.getByRole('link', { name: /Sleep skills group/ }).count()).toBe(0);
  });

  async function allPresent(group: Seeded): Promise<void> {
    for (const patientId of group.patientIds) {
      await db
        .insertInto('attendance')
        .values({
          organization_id: group.organizationId,
          session_id: group.sessionId,
          patient_id: patientId,
          episode_id: null,
          status: 'present',
          minutes: 120,
          mode: 'in_person',
          recorded_by: group.clinicianId,
          recorded_at: new Date(),
        })
        .execute();
    }
  }

  it('shows both versions when someone else saved the draft meanwhile, and keeps mine on request', async () => {
    await allPresent(second);
    const page = await signedIn('clinician@demo.openiop.org');
    await page.goto(`/app/sessions/${second.sessionId}/group-note`);
    await page.getByRole('heading', { name: 'Group note: Mindfulness group' }).waitFor();
    await page.getByLabel(/^Topic/).fill('Body scan basics');
    await page.getByText(/^Saved at/).waitFor();
    // Someone else saves a newer version of the draft meanwhile.
    await sql`UPDATE group_notes SET summary = jsonb_set(summary, '{topic}', '"Breathing space (their version)"'), version = version + 1
      WHERE session_id = ${second.sessionId}`.execute(db);
    await page.getByLabel(/^Modality/).fill('Mindfulness-based');
    const dialog = page.getByRole('dialog', { name: 'Someone else saved this group note' });
    await dialog.getByText('Breathing space (their version)').waitFor();
    await dialog.getByText('Body scan basics').waitFor();
    await dialog.getByText('Saved version 2').first().waitFor();
    await noSeriousViolations(page);
    await dialog.getByRole('button', { name: 'Keep my version' }).click();
    await expect
      .poll(async () => {
        const row = await db
          .selectFrom('group_notes')
          .select(['summary', 'version'])
          .where('session_id', '=', second.sessionId)
          .executeTakeFirst();
        return row;
      })
      .toMatchObject({ version: 3, summary: { topic: 'Body scan basics', modality: 'Mindfulness-based' } });
  });

  it('a trainee’s signed group note waits for the supervisor, who co-signs it and all its attendee notes from My notes', async () => {
    await allPresent(trainees);
    const trainee = await signedIn('therapist4@demo.openiop.org');
    await trainee.goto(`/app/sessions/${trainees.sessionId}/group-note`);
    await trainee.getByRole('heading', { name: 'Group note: Coping skills group' }).waitFor();
    await trainee.getByLabel(/^Topic/).fill('Urge surfing');
    await trainee.getByLabel(/^Modality/).fill('Relapse prevention');
    await trainee.getByLabel(/^Interventions/).fill('Guided urge-surfing practice; coping card');
    await trainee.getByRole('textbox', { name: 'Group summary' }).fill('Members practised riding out a craving without acting on it.');
    for (const [index, [first, last]] of PATIENTS.entries()) {
      const name = `${first} ${last.replace('Groupnote', 'Trainee')}`;
      await trainee.getByLabel(`Participation (${name})`).fill(`${first} rated urge ${index + 3} of 10 at the start`);
      await trainee.getByLabel(`Response to interventions (${name})`).fill(`${first} stayed with the urge for ${index + 2} minutes`);
      await trainee.getByLabel(`Progress on plan objectives (${name})`).fill(`${first} wrote coping card number ${index + 1}`);
    }
    await trainee.getByText(/^Saved at/).waitFor();
    await trainee.getByRole('button', { name: 'Sign group note' }).click();
    await trainee.getByRole('dialog').getByRole('button', { name: 'Sign and write 3 notes' }).click();
    const waiting = trainee.getByRole('status').filter({ hasText: /Awaiting co-signature by/ });
    await waiting.waitFor();
    // The trainee is not the supervisor: no Co-sign button, and the note is no longer editable.
    expect(await trainee.getByRole('button', { name: 'Co-sign' }).count()).toBe(0);
    expect(await trainee.getByLabel(/^Topic/).count()).toBe(0);
    await noSeriousViolations(trainee);
    // The trainee's own list shows it waiting.
    await trainee.getByRole('navigation').getByRole('link', { name: 'My notes' }).click();
    await trainee
      .getByRole('region', { name: 'My group notes awaiting co-signature' })
      .getByRole('link', { name: 'Coping skills group' })
      .waitFor();
    const groupNote = () =>
      db
        .selectFrom('group_notes')
        .select(['id', 'status', 'cosigned_by'])
        .where('session_id', '=', trainees.sessionId)
        .executeTakeFirstOrThrow();
    const attendeeNotes = () =>
      db.selectFrom('clinical_notes').select(['status', 'cosigned_by']).where('session_id', '=', trainees.sessionId).execute();
    expect(await groupNote()).toMatchObject({ status: 'awaiting_cosign', cosigned_by: null });
    expect((await attendeeNotes()).map((note) => note.status)).toEqual(['awaiting_cosign', 'awaiting_cosign', 'awaiting_cosign']);

    const supervisor = await signedIn('clinician@demo.openiop.org');
    await supervisor.getByRole('navigation').getByRole('link', { name: 'My notes' }).click();
    const list = supervisor.getByRole('region', { name: 'Group notes to co-sign' });
    await list.getByRole('link', { name: 'Coping skills group' }).waitFor();
    await noSeriousViolations(supervisor);
    await list.getByRole('link', { name: 'Coping skills group' }).click();
    await supervisor.getByRole('heading', { name: 'Group note: Coping skills group' }).waitFor();
    await supervisor.getByText(/Awaiting co-signature by/).waitFor();
    await noSeriousViolations(supervisor);
    await supervisor.getByRole('button', { name: 'Co-sign' }).click();
    await supervisor.getByText(/co-signed by .* — 3 notes written to the charts/).waitFor();
    expect(await supervisor.getByRole('button', { name: 'Co-sign' }).count()).toBe(0);
    const clinicianId = (
      await db.selectFrom('users').select('id').where('email', '=', 'clinician@demo.openiop.org').executeTakeFirstOrThrow()
    ).id;
    expect(await groupNote()).toMatchObject({ status: 'signed', cosigned_by: clinicianId });
    expect(await attendeeNotes()).toEqual(Array(3).fill({ status: 'signed', cosigned_by: clinicianId }));
    await supervisor.getByRole('navigation').getByRole('link', { name: 'My notes' }).click();
    await supervisor.getByRole('heading', { name: 'Awaiting my co-signature', exact: true }).waitFor();
    // The list refetches (the co-signature invalidated it): the co-signed group leaves it.
    await expect.poll(() => supervisor.getByRole('link', { name: 'Coping skills group' }).count()).toBe(0);
  });

  it('a director gives a waiting group note another co-signer (decision 0034), who then co-signs it with its attendee notes', async () => {
    // The demo's own trainee group note, waiting for the demo clinician.
    const waiting = await db
      .selectFrom('group_notes')
      .select(['id', 'session_id'])
      .where('status', '=', 'awaiting_cosign')
      .where('session_id', '!=', trainees.sessionId)
      .executeTakeFirstOrThrow();
    const director = await signedIn('director@demo.openiop.org');
    await director.goto(`/app/sessions/${waiting.session_id}/group-note`);
    await director.getByText('Awaiting co-signature by Casey Clinician', { exact: true }).waitFor();
    await director.getByRole('button', { name: 'Change co-signer' }).click();
    const dialog = director.getByRole('dialog', { name: 'Change co-signer' });
    // Both fields are required; the errors name them.
    await dialog.getByRole('button', { name: 'Change co-signer' }).click();
    await dialog.getByText('Choose the new co-signer').waitFor();
    await dialog.getByText('Say why the co-signer changes').waitFor();
    await dialog.getByLabel(/^New co-signer/).click();
    expect(await director.getByRole('option', { name: 'Casey Clinician' }).count()).toBe(0);
    await director.getByRole('option', { name: 'Parker Psychiatrist' }).click();
    await dialog.getByLabel(/^Reason/).fill('Supervisor on leave this week (e2e)');
    await noSeriousViolations(director);
    await dialog.getByRole('button', { name: 'Change co-signer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await director.getByText('Awaiting co-signature by Parker Psychiatrist', { exact: true }).waitFor();

    const psychiatristId = (
      await db.selectFrom('users').select('id').where('email', '=', 'psychiatrist@demo.openiop.org').executeTakeFirstOrThrow()
    ).id;
    const notes = await db.selectFrom('clinical_notes').select(['status', 'cosigner_id']).where('group_note_id', '=', waiting.id).execute();
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((note) => note.status === 'awaiting_cosign' && note.cosigner_id === psychiatristId)).toBe(true);

    const psychiatrist = await signedIn('psychiatrist@demo.openiop.org');
    await psychiatrist.getByRole('navigation').getByRole('link', { name: 'My notes' }).click();
    const list = psychiatrist.getByRole('region', { name: 'Group notes to co-sign' });
    await list.locator(`a[href$="/sessions/${waiting.session_id}/group-note"]`).click();
    await psychiatrist.getByRole('button', { name: 'Co-sign' }).click();
    await psychiatrist.getByText(/co-signed by Parker Psychiatrist/).waitFor();
    const cosigned = await db
      .selectFrom('clinical_notes')
      .select(['status', 'cosigned_by'])
      .where('group_note_id', '=', waiting.id)
      .execute();
    expect(cosigned.every((note) => note.status === 'signed' && note.cosigned_by === psychiatristId)).toBe(true);
  });
});

type Seeded = { organizationId: string; clinicianId: string; sessionId: string; patientIds: string[]; objectiveId: string };

/** A group at the Portland demo site that started two hours ago, facilitated by the demo clinician (or `facilitator`), with three enrolled patients. */
async function seedGroup(db: Db, options: { title: string; tag: string; facilitator?: string }): Promise<Seeded> {
  const org = await db.selectFrom('organizations').select('id').where('is_demo', '=', true).executeTakeFirstOrThrow();
  const site = await db
    .selectFrom('sites')
    .select(['id', 'time_zone'])
    .where('organization_id', '=', org.id)
    .where('name', 'like', 'Harborview Portland%')
    .executeTakeFirstOrThrow();
  const clinician = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', options.facilitator ?? 'clinician@demo.openiop.org')
    .executeTakeFirstOrThrow();
  const ref = { organizationId: org.id, siteIds: [site.id] };
  const startsAt = Date.now() - 2 * 3600_000;
  const today = localDateOf(startsAt, site.time_zone);
  const programId = await createProgram(db, ref, { name: `Adult IOP ${options.title} (demo)` });
  const roomId = await createRoom(db, ref);
  const templateId = await createTemplate(db, ref, {
    programId,
    roomId,
    daysOfWeek: [1, 2, 3, 4, 5, 6, 7],
    durationMinutes: 120,
    startsOn: today,
    title: options.title,
  });
  const patientIds: string[] = [];
  const episodeIds: string[] = [];
  for (const [first, last] of PATIENTS) {
    const patientId = await createPatient(db, ref, { firstName: first, lastName: last.replace('Groupnote', options.tag) });
    const episodeId = await admit(db, ref, { patientId, programId, admittedOn: today });
    await enrol(db, ref, { episodeId, templateId, startsOn: today });
    patientIds.push(patientId);
    episodeIds.push(episodeId);
  }
  const [objectiveId] = await signedPlan(
    db,
    { organizationId: org.id, users: { clinician: { id: clinician.id } } },
    {
      patientId: patientIds[0] ?? '',
      episodeId: episodeIds[0] ?? '',
      objectives: ['Use the sleep diary every night for 2 weeks'],
    },
  );
  const sessionId = await createSession(db, ref, {
    programId,
    templateId,
    occurrenceDate: today,
    startsAt: new Date(startsAt).toISOString(),
    minutes: 120,
    localDate: today,
    roomId,
    clinicianIds: [clinician.id],
  });
  await db.updateTable('sessions_of_care').set({ title: options.title }).where('id', '=', sessionId).execute();
  return { organizationId: org.id, clinicianId: clinician.id, sessionId, patientIds, objectiveId: objectiveId ?? '' };
}
