import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createProgram, createRoom } from '../../../../test/factories.js';
import { auditActions, call, sessionFor, testApp } from '../../../../test/support.js';
import {
  createClinic,
  createSiteWithZone,
  createUser,
  giveStaffProfile,
  postTemplate,
  sessionsOf,
  templateBody,
} from './schedules.test-support.js';

const t = await testApp();
afterAll(() => t.close());

// Monday 2026-02-16, 06:00 in Chicago (the clinic's zone).
const NOW = new Date('2026-02-16T12:00:00Z');
beforeEach(() => {
  t.clock.current = NOW;
});

const TEMPLATES = '/api/v1/schedules/templates';

describe('creating a group template', () => {
  it('saves the series and materializes its next 8 weeks of occurrences', async () => {
    const clinic = await createClinic(t);
    const response = await call(t, clinic.director, 'POST', TEMPLATES, templateBody(clinic));
    expect(response.statusCode).toBe(201);
    const { template, generation } = response.json();
    expect(template).toMatchObject({
      title: 'CBT skills group',
      modality: 'cbt',
      daysOfWeek: [1, 3],
      startTime: '09:00',
      timeZone: 'America/Chicago',
      siteId: clinic.siteId,
      version: 1,
    });
    expect(template.facilitators).toEqual([{ id: clinic.clinicianId, displayName: 'Test clinician' }]);
    // Mondays and Wednesdays from 2026-02-16 to 2026-04-12: 8 of each.
    expect(generation).toMatchObject({ created: 16, updated: 0, removed: 0 });
    const rows = await sessionsOf(t.db, template.id);
    expect(rows).toHaveLength(16);
    expect(rows[0]).toMatchObject({
      kind: 'group',
      occurrence_date: '2026-02-16',
      local_date: '2026-02-16',
      title: 'CBT skills group',
      room_id: clinic.roomId,
      clinician_ids: [clinic.clinicianId],
      status: 'scheduled',
      capacity: 10,
    });
    expect(rows[0]?.starts_at.toISOString()).toBe('2026-02-16T15:00:00.000Z');
    expect(rows.at(-1)?.occurrence_date).toBe('2026-04-08');
    expect(await auditActions(t.db, clinic.org.organizationId)).toContain('group_template.created');
  });

  it('lists templates by program and by site, and reads one', async () => {
    const clinic = await createClinic(t);
    const first = await postTemplate(t, clinic);
    const otherProgram = await createProgram(t.db, clinic.org, { siteId: clinic.siteId });
    const second = await postTemplate(t, clinic, {
      programId: otherProgram,
      roomId: null,
      telehealth: true,
      title: 'Virtual DBT',
      modality: 'dbt_skills',
    });

    const byProgram = await call(t, clinic.frontDesk, 'GET', `${TEMPLATES}?programId=${clinic.programId}`);
    expect(byProgram.statusCode).toBe(200);
    expect(byProgram.json().templates.map((template: { id: string }) => template.id)).toEqual([first.id]);
    const bySite = await call(t, clinic.frontDesk, 'GET', `${TEMPLATES}?siteId=${clinic.siteId}`);
    expect(
      bySite
        .json()
        .templates.map((template: { id: string }) => template.id)
        .sort(),
    ).toEqual([first.id, second.id].sort());
    const one = await call(t, clinic.clinician, 'GET', `${TEMPLATES}/${second.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: second.id, roomId: null, telehealth: true, modality: 'dbt_skills' });
  });

  it('answers 404 for a template that does not exist', async () => {
    const clinic = await createClinic(t);
    const response = await call(t, clinic.director, 'GET', `${TEMPLATES}/00000000-0000-4000-8000-000000000000`);
    expect(response.statusCode).toBe(404);
  });
});

describe('refusing a template', () => {
  async function refused(changes: Record<string, unknown>, status: number, path?: string) {
    const clinic = await createClinic(t);
    const response = await call(t, clinic.director, 'POST', TEMPLATES, templateBody(clinic, changes));
    expect(response.statusCode).toBe(status);
    if (path !== undefined) expect(response.json().error.details[0].path).toBe(path);
    const saved = await t.db.selectFrom('group_templates').select('id').where('organization_id', '=', clinic.org.organizationId).execute();
    expect(saved).toEqual([]);
    expect(
      await t.db.selectFrom('sessions_of_care').select('id').where('organization_id', '=', clinic.org.organizationId).execute(),
    ).toEqual([]);
    return response;
  }

  it('refuses a capacity of 0', async () => {
    await refused({ capacity: 0 }, 400, 'capacity');
  });

  it('refuses a duration of 0 or less, and more than 12 h', async () => {
    await refused({ durationMinutes: 0 }, 400, 'durationMinutes');
    await refused({ durationMinutes: -30 }, 400, 'durationMinutes');
    await refused({ durationMinutes: 721 }, 400, 'durationMinutes');
  });

  it('refuses a start time that is not HH:MM, no days, a day twice, and an end before the start', async () => {
    await refused({ startTime: '9am' }, 400, 'startTime');
    await refused({ startTime: '24:00' }, 400, 'startTime');
    await refused({ daysOfWeek: [] }, 400, 'daysOfWeek');
    await refused({ daysOfWeek: [1, 1] }, 400, 'daysOfWeek[1]');
    await refused({ daysOfWeek: [8] }, 400, 'daysOfWeek[0]');
    await refused({ endsOn: '2026-02-01' }, 400, 'endsOn');
  });

  it('refuses an unknown modality', async () => {
    const response = await refused({ modality: 'hypnosis' }, 400);
    expect(response.json().error.message).toContain('modality');
  });

  it('refuses neither room nor telehealth', async () => {
    await refused({ roomId: null, telehealth: false }, 400, 'roomId');
  });

  it('refuses a capacity above the room', async () => {
    const response = await refused({ capacity: 13 }, 400, 'capacity');
    expect(response.json().error.message).toContain('12 places');
  });

  it('refuses a room at another site than the program', async () => {
    const clinic = await createClinic(t);
    const elsewhere = await createRoom(t.db, clinic.org, { siteId: clinic.org.siteIds[1] ?? '' });
    const response = await call(t, clinic.director, 'POST', TEMPLATES, templateBody(clinic, { roomId: elsewhere }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0]).toMatchObject({ path: 'roomId', message: expect.stringContaining('another site') });
  });

  it('refuses a room that is no longer in use', async () => {
    const clinic = await createClinic(t);
    await t.db.updateTable('rooms').set({ active: false }).where('id', '=', clinic.roomId).execute();
    const response = await call(t, clinic.director, 'POST', TEMPLATES, templateBody(clinic));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('roomId');
  });

  it('refuses a facilitator whose staff profile does not list the modality, or who has no profile', async () => {
    const clinic = await createClinic(t);
    const unqualified = await call(t, clinic.director, 'POST', TEMPLATES, templateBody(clinic, { modality: 'emdr_trauma' }));
    expect(unqualified.statusCode).toBe(400);
    expect(unqualified.json().error.details[0]).toMatchObject({
      path: 'facilitatorIds[0]',
      message: expect.stringContaining('not qualified to lead EMDR'),
    });
    const noProfile = await call(
      t,
      clinic.director,
      'POST',
      TEMPLATES,
      templateBody(clinic, { facilitatorIds: [clinic.clinicianId, clinic.org.users.psychiatrist.id] }),
    );
    expect(noProfile.statusCode).toBe(400);
    expect(noProfile.json().error.details[0]).toMatchObject({
      path: 'facilitatorIds[1]',
      message: expect.stringContaining('no staff profile'),
    });
  });

  it('refuses a facilitator of another organization', async () => {
    const clinic = await createClinic(t);
    const other = await createClinic(t);
    const response = await call(t, clinic.director, 'POST', TEMPLATES, templateBody(clinic, { facilitatorIds: [other.clinicianId] }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0]).toMatchObject({ path: 'facilitatorIds[0]', message: 'is not a user of this organization' });
  });

  it("refuses a program whose site has an unknown time zone (422 naming the site's zone)", async () => {
    const clinic = await createClinic(t);
    const mars = await createSiteWithZone(t.db, clinic.org, 'Mars/Olympus_Mons');
    const program = await createProgram(t.db, clinic.org, { siteId: mars });
    const response = await call(
      t,
      clinic.director,
      'POST',
      TEMPLATES,
      templateBody(clinic, { programId: program, roomId: null, telehealth: true }),
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0].path).toBe('site.timeZone');
    expect(response.json().error.message).toContain('Mars/Olympus_Mons');
  });

  it('refuses a second group in the same room at an overlapping time (409 naming the other template)', async () => {
    const clinic = await createClinic(t);
    const first = await postTemplate(t, clinic, { title: 'Morning CBT' });
    const response = await call(
      t,
      clinic.director,
      'POST',
      TEMPLATES,
      templateBody(clinic, { title: 'Late DBT', modality: 'dbt_skills', daysOfWeek: [3, 5], startTime: '11:30', durationMinutes: 60 }),
    );
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('SCHEDULE_CONFLICT');
    expect(response.json().error.message).toContain('"Morning CBT"');
    expect(response.json().error.details[0]).toMatchObject({ templateId: first.id, title: 'Morning CBT' });
    expect(
      await t.db.selectFrom('group_templates').select('id').where('organization_id', '=', clinic.org.organizationId).execute(),
    ).toHaveLength(1);
  });

  it('allows groups in the same room back to back, and at the same time in another room', async () => {
    const clinic = await createClinic(t);
    await postTemplate(t, clinic);
    const afterwards = await call(t, clinic.director, 'POST', TEMPLATES, templateBody(clinic, { startTime: '12:00' }));
    expect(afterwards.statusCode).toBe(201);
    const room2 = await createRoom(t.db, clinic.org, { siteId: clinic.siteId });
    const otherFacilitator = await createUser(t.db, clinic.org, 'clinician', 'Second facilitator');
    await giveStaffProfile(t.db, clinic.org, otherFacilitator, { modalities: ['cbt'] });
    const elsewhere = await call(
      t,
      clinic.director,
      'POST',
      TEMPLATES,
      templateBody(clinic, { roomId: room2, facilitatorIds: [otherFacilitator] }),
    );
    expect(elsewhere.statusCode).toBe(201);
  });

  it('is refused to roles that do not configure schedules', async () => {
    const clinic = await createClinic(t);
    const response = await call(t, clinic.clinician, 'POST', TEMPLATES, templateBody(clinic));
    expect(response.statusCode).toBe(403);
  });
});

describe('updating and ending a template', () => {
  it('refuses a stale version with 412 and changes nothing', async () => {
    const clinic = await createClinic(t);
    const created = await postTemplate(t, clinic);
    const first = await call(t, clinic.director, 'PATCH', `${TEMPLATES}/${created.id}`, { version: 1, title: 'CBT skills (renamed)' });
    expect(first.statusCode).toBe(200);
    expect(first.json().template.version).toBe(2);
    const stale = await call(t, clinic.director, 'PATCH', `${TEMPLATES}/${created.id}`, { version: 1, title: 'Lost update' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    const missing = await call(t, clinic.director, 'PATCH', `${TEMPLATES}/${created.id}`, { title: 'No version' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].path).toBe('version');
    const row = await t.db
      .selectFrom('group_templates')
      .select(['title', 'version'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ title: 'CBT skills (renamed)', version: 2 });
  });

  it('takes the version from If-Match too', async () => {
    const clinic = await createClinic(t);
    const created = await postTemplate(t, clinic);
    const ok = await call(t, clinic.director, 'PATCH', `${TEMPLATES}/${created.id}`, { capacity: 8 }, { 'if-match': '"1"' });
    expect(ok.statusCode).toBe(200);
    const stale = await call(t, clinic.director, 'PATCH', `${TEMPLATES}/${created.id}`, { capacity: 9 }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
  });

  it('regenerates future occurrences but leaves started, attended and individually changed ones alone', async () => {
    const clinic = await createClinic(t);
    const created = await postTemplate(t, clinic);
    const before = await sessionsOf(t.db, created.id);
    const [started, attended, moved, plain] = [before[0], before[1], before[2], before[3]];
    if (!started || !attended || !moved || !plain) throw new Error('expected occurrences');
    // Attendance on Wednesday 02-18, a staff move of Monday 02-23 to 14:00.
    const patient = await t.db
      .insertInto('patients')
      .values({
        organization_id: clinic.org.organizationId,
        legal_first_name: 'Attending',
        legal_last_name: 'Patient',
        date_of_birth: '1990-01-01',
        state_of_residence: 'IL',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('attendance')
      .values({
        organization_id: clinic.org.organizationId,
        session_id: attended.id,
        patient_id: patient.id,
        status: 'present',
        minutes: 180,
        mode: 'in_person',
        recorded_by: clinic.clinicianId,
        recorded_at: NOW,
      })
      .execute();
    const move = await call(t, clinic.frontDesk, 'PATCH', `/api/v1/sessions/${moved.id}`, {
      action: 'move',
      version: 1,
      date: '2026-02-23',
      startTime: '14:00',
      durationMinutes: 90,
    });
    expect(move.statusCode).toBe(200);

    // Monday 02-16 09:00 has started by 10:00 Chicago time.
    t.clock.current = new Date('2026-02-16T16:00:00Z');
    const director = await sessionFor(t, clinic.org.users.director, clinic.org.organizationId);
    const update = await call(t, director, 'PATCH', `${TEMPLATES}/${created.id}`, {
      version: 1,
      startTime: '08:30',
      title: 'CBT (earlier)',
    });
    expect(update.statusCode).toBe(200);
    expect(update.json().generation).toMatchObject({ updated: 13, created: 0, removed: 0 });

    const after = new Map((await sessionsOf(t.db, created.id)).map((row) => [row.id, row]));
    expect(after.get(started.id)).toMatchObject({ title: 'CBT skills group', version: 1 });
    expect(after.get(started.id)?.starts_at.toISOString()).toBe('2026-02-16T15:00:00.000Z');
    expect(after.get(attended.id)?.starts_at.toISOString()).toBe('2026-02-18T15:00:00.000Z');
    expect(after.get(moved.id)).toMatchObject({ moved: true, title: 'CBT skills group' });
    expect(after.get(moved.id)?.starts_at.toISOString()).toBe('2026-02-23T20:00:00.000Z');
    expect(after.get(plain.id)).toMatchObject({ title: 'CBT (earlier)', moved: false });
    expect(after.get(plain.id)?.starts_at.toISOString()).toBe('2026-02-25T14:30:00.000Z');
  });

  it('moves occurrences to new weekdays: removes the old dates and creates the new ones', async () => {
    const clinic = await createClinic(t);
    const created = await postTemplate(t, clinic, { daysOfWeek: [1] });
    const update = await call(t, clinic.director, 'PATCH', `${TEMPLATES}/${created.id}`, { version: 1, daysOfWeek: [2] });
    expect(update.statusCode).toBe(200);
    // Monday 02-16 09:00 is still in the future at 06:00, so all 8 Mondays go.
    expect(update.json().generation).toMatchObject({ removed: 8, created: 8 });
    const dates = (await sessionsOf(t.db, created.id)).map((row) => row.occurrence_date);
    expect(dates[0]).toBe('2026-02-17');
    expect(dates).toHaveLength(8);
  });

  it('refuses an update that makes the group overlap another in its room', async () => {
    const clinic = await createClinic(t);
    await postTemplate(t, clinic, { title: 'Morning CBT' });
    const afternoon = await postTemplate(t, clinic, { title: 'Afternoon CBT', startTime: '13:00' });
    const response = await call(t, clinic.director, 'PATCH', `${TEMPLATES}/${afternoon.id}`, { version: 1, startTime: '11:00' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toContain('Morning CBT');
  });

  it('ends a series: occurrences after the end date go, earlier ones stay', async () => {
    const clinic = await createClinic(t);
    const created = await postTemplate(t, clinic);
    const ended = await call(t, clinic.director, 'POST', `${TEMPLATES}/${created.id}/end`, { endsOn: '2026-02-28', version: 1 });
    expect(ended.statusCode).toBe(200);
    expect(ended.json().template).toMatchObject({ endsOn: '2026-02-28', version: 2 });
    expect(ended.json().generation.removed).toBe(12);
    expect((await sessionsOf(t.db, created.id)).map((row) => row.occurrence_date)).toEqual([
      '2026-02-16',
      '2026-02-18',
      '2026-02-23',
      '2026-02-25',
    ]);
    const before = await call(t, clinic.director, 'POST', `${TEMPLATES}/${created.id}/end`, { endsOn: '2026-01-01', version: 2 });
    expect(before.statusCode).toBe(400);
    expect(before.json().error.details[0].path).toBe('endsOn');
    expect(await auditActions(t.db, clinic.org.organizationId)).toContain('group_template.ended');
  });

  it('lists ended templates only on request', async () => {
    const clinic = await createClinic(t);
    const created = await postTemplate(t, clinic, { startsOn: '2026-01-05' });
    await call(t, clinic.director, 'POST', `${TEMPLATES}/${created.id}/end`, { endsOn: '2026-02-01', version: 1 });
    const current = await call(t, clinic.director, 'GET', `${TEMPLATES}?siteId=${clinic.siteId}`);
    expect(current.json().templates).toEqual([]);
    const all = await call(t, clinic.director, 'GET', `${TEMPLATES}?siteId=${clinic.siteId}&includeEnded=true`);
    expect(all.json().templates).toHaveLength(1);
  });
});

describe('GET /api/v1/schedules/options', () => {
  it("lists the organization's sites, programs, rooms and schedulable staff with their modalities", async () => {
    const clinic = await createClinic(t);
    const other = await createClinic(t);
    const response = await call(t, clinic.frontDesk, 'GET', '/api/v1/schedules/options');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.sites.map((site: { id: string }) => site.id).sort()).toEqual([...clinic.org.siteIds].sort());
    expect(body.programs).toEqual([expect.objectContaining({ id: clinic.programId, siteId: clinic.siteId })]);
    expect(body.rooms).toEqual([expect.objectContaining({ id: clinic.roomId, capacity: 12, active: true })]);
    expect(body.staff).toContainEqual({
      id: clinic.clinicianId,
      displayName: 'Test clinician',
      roles: ['clinician'],
      modalities: ['cbt', 'dbt_skills'],
      licensedStates: ['IL'],
    });
    expect(body.staff.map((staff: { id: string }) => staff.id)).not.toContain(clinic.org.users.billing.id);
    expect(response.body).not.toContain(other.programId);
    expect(response.body).not.toContain(other.clinicianId);
  });
});
