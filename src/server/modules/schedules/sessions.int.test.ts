import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { admit, createPatient, createRoom, createSession, enrol } from '../../../../test/factories.js';
import { auditActions, call, sessionFor, testApp } from '../../../../test/support.js';
import {
  createClinic,
  createClosure,
  createUser,
  giveStaffProfile,
  postTemplate,
  sessionsOf,
  type Clinic,
} from './schedules.test-support.js';

const t = await testApp();
afterAll(() => t.close());

// Monday 2026-02-16, 06:00 in Chicago.
const NOW = new Date('2026-02-16T12:00:00Z');
beforeEach(() => {
  t.clock.current = NOW;
});

async function occurrence(templateId: string, date: string) {
  const row = (await sessionsOf(t.db, templateId)).find((candidate) => candidate.occurrence_date === date);
  if (!row) throw new Error(`no occurrence on ${date}`);
  return row;
}

function patch(clinic: Clinic, sessionId: string, body: Record<string, unknown>) {
  return call(t, clinic.frontDesk, 'PATCH', `/api/v1/sessions/${sessionId}`, body);
}

describe('POST /api/v1/schedules/generate', () => {
  it('materializes a range for the whole organization, idempotently', async () => {
    const clinic = await createClinic(t);
    const template = await postTemplate(t, clinic);
    const generated = await call(t, clinic.director, 'POST', '/api/v1/schedules/generate', { from: '2026-04-01', to: '2026-04-30' });
    expect(generated.statusCode).toBe(200);
    // Mondays and Wednesdays of April after the 8-week window (which ends 2026-04-12): 13, 15, 20, 22, 27, 29.
    expect(generated.json()).toMatchObject({ templates: 1, created: 6, updated: 0, removed: 0 });
    const again = await call(t, clinic.director, 'POST', '/api/v1/schedules/generate', { from: '2026-04-01', to: '2026-04-30' });
    expect(again.json()).toMatchObject({ created: 0, updated: 0 });
    expect(await sessionsOf(t.db, template.id)).toHaveLength(22);
    expect(await auditActions(t.db, clinic.org.organizationId)).toContain('schedule.generated');
  });

  it('cancels occurrences on closed days (site or organization-wide) and brings them back when the closure goes', async () => {
    const clinic = await createClinic(t);
    const template = await postTemplate(t, clinic);
    await createClosure(t.db, clinic.org, { date: '2026-02-18', reason: 'Snow day' });
    await createClosure(t.db, clinic.org, { date: '2026-02-23', reason: 'Organization holiday', siteId: null });
    await createClosure(t.db, clinic.org, { date: '2026-02-25', reason: 'Other site only', siteId: clinic.org.siteIds[1] ?? null });
    const generated = await call(t, clinic.director, 'POST', '/api/v1/schedules/generate', {
      from: '2026-02-16',
      to: '2026-02-28',
      siteId: clinic.siteId,
    });
    expect(generated.json()).toMatchObject({ updated: 2, cancelledByClosure: 2 });
    expect(await occurrence(template.id, '2026-02-18')).toMatchObject({
      status: 'cancelled',
      cancelled_by: 'closure',
      cancel_reason: 'Snow day',
    });
    expect(await occurrence(template.id, '2026-02-23')).toMatchObject({
      status: 'cancelled',
      cancelled_by: 'closure',
      cancel_reason: 'Organization holiday',
    });
    expect(await occurrence(template.id, '2026-02-25')).toMatchObject({ status: 'scheduled' });

    await t.db
      .deleteFrom('closures')
      .where('organization_id', '=', clinic.org.organizationId)
      .where('closed_on', '=', '2026-02-18')
      .execute();
    await call(t, clinic.director, 'POST', '/api/v1/schedules/generate', { from: '2026-02-16', to: '2026-02-28' });
    expect(await occurrence(template.id, '2026-02-18')).toMatchObject({ status: 'scheduled', cancelled_by: null, cancel_reason: null });
  });

  it('cancels new occurrences that fall on a closure when the template is created', async () => {
    const clinic = await createClinic(t);
    await createClosure(t.db, clinic.org, { date: '2026-02-16', reason: "Presidents' Day" });
    const template = await postTemplate(t, clinic);
    expect(await occurrence(template.id, '2026-02-16')).toMatchObject({
      status: 'cancelled',
      cancelled_by: 'closure',
      cancel_reason: "Presidents' Day",
    });
  });

  it('refuses a range that ends before it starts or covers more than 366 days', async () => {
    const clinic = await createClinic(t);
    const backwards = await call(t, clinic.director, 'POST', '/api/v1/schedules/generate', { from: '2026-03-01', to: '2026-02-01' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details[0].path).toBe('to');
    const long = await call(t, clinic.director, 'POST', '/api/v1/schedules/generate', { from: '2026-01-01', to: '2027-01-02' });
    expect(long.statusCode).toBe(400);
    const notADate = await call(t, clinic.director, 'POST', '/api/v1/schedules/generate', { from: '2026-02-30', to: '2026-03-02' });
    expect(notADate.statusCode).toBe(400);
    expect(notADate.json().error.details[0].path).toBe('from');
  });

  it('refuses a site of another organization', async () => {
    const clinic = await createClinic(t);
    const other = await createClinic(t);
    const response = await call(t, clinic.director, 'POST', '/api/v1/schedules/generate', {
      from: '2026-02-16',
      to: '2026-02-20',
      siteId: other.siteId,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('siteId');
  });
});

describe('changing one occurrence', () => {
  it('moves an occurrence; the move survives regeneration and template changes', async () => {
    const clinic = await createClinic(t);
    const template = await postTemplate(t, clinic);
    const target = await occurrence(template.id, '2026-02-25');
    const moved = await patch(clinic, target.id, { action: 'move', version: 1, date: '2026-02-26', startTime: '10:00', endTime: '12:00' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      moved: true,
      localDate: '2026-02-26',
      localStartTime: '10:00',
      localEndTime: '12:00',
      durationMinutes: 120,
      occurrenceDate: '2026-02-25',
      version: 2,
    });

    await call(t, clinic.director, 'POST', '/api/v1/schedules/generate', { from: '2026-02-16', to: '2026-03-31' });
    await call(t, clinic.director, 'PATCH', `/api/v1/schedules/templates/${template.id}`, {
      version: 1,
      startTime: '09:30',
      durationMinutes: 150,
    });
    const after = await occurrence(template.id, '2026-02-25');
    expect(after).toMatchObject({ id: target.id, moved: true, local_date: '2026-02-26' });
    expect(after.starts_at.toISOString()).toBe('2026-02-26T16:00:00.000Z');
    expect(after.ends_at.toISOString()).toBe('2026-02-26T18:00:00.000Z');
    expect((await sessionsOf(t.db, template.id)).filter((row) => row.local_date === '2026-02-25')).toEqual([]);
    expect(await auditActions(t.db, clinic.org.organizationId)).toContain('session.moved');
  });

  it('refuses a session that would end before it starts, or a length of 0', async () => {
    const clinic = await createClinic(t);
    const template = await postTemplate(t, clinic);
    const target = await occurrence(template.id, '2026-02-25');
    const backwards = await patch(clinic, target.id, {
      action: 'move',
      version: 1,
      date: '2026-02-25',
      startTime: '10:00',
      endTime: '09:00',
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details[0]).toMatchObject({ path: 'endTime', message: expect.stringContaining('end before it starts') });
    const zero = await patch(clinic, target.id, { action: 'move', version: 1, date: '2026-02-25', startTime: '10:00', durationMinutes: 0 });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.details[0].path).toBe('durationMinutes');
    const neither = await patch(clinic, target.id, { action: 'move', version: 1, date: '2026-02-25', startTime: '10:00' });
    expect(neither.statusCode).toBe(400);
    expect((await occurrence(template.id, '2026-02-25')).version).toBe(1);
  });

  it('refuses a move into a room another group uses (409), onto a closed day (422), and with a stale version (412)', async () => {
    const clinic = await createClinic(t);
    const morning = await postTemplate(t, clinic, { title: 'Morning CBT' });
    const other = await createUser(t.db, clinic.org, 'clinician', 'Afternoon facilitator');
    await giveStaffProfile(t.db, clinic.org, other, { modalities: ['cbt'] });
    const afternoon = await postTemplate(t, clinic, { title: 'Afternoon CBT', startTime: '13:00', facilitatorIds: [other] });
    const target = await occurrence(afternoon.id, '2026-02-18');
    void morning;
    const clash = await patch(clinic, target.id, {
      action: 'move',
      version: 1,
      date: '2026-02-18',
      startTime: '10:00',
      durationMinutes: 60,
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.details).toEqual([
      expect.objectContaining({ kind: 'room_over_capacity', message: expect.stringContaining('09:00–12:00') }),
    ]);

    await createClosure(t.db, clinic.org, { date: '2026-02-19', reason: 'Boiler repair' });
    const closed = await patch(clinic, target.id, {
      action: 'move',
      version: 1,
      date: '2026-02-19',
      startTime: '13:00',
      durationMinutes: 60,
    });
    expect(closed.statusCode).toBe(422);
    expect(closed.json().error.message).toContain('Boiler repair');

    const stale = await patch(clinic, target.id, {
      action: 'move',
      version: 7,
      date: '2026-02-20',
      startTime: '13:00',
      durationMinutes: 60,
    });
    expect(stale.statusCode).toBe(412);
  });

  it('refuses a move that double-books a facilitator (groups they lead count) or an expected patient', async () => {
    const clinic = await createClinic(t);
    const room2 = await createRoom(t.db, clinic.org, { siteId: clinic.siteId });
    await postTemplate(t, clinic, { title: 'Morning CBT' });
    const afternoon = await postTemplate(t, clinic, { title: 'Afternoon DBT', modality: 'dbt_skills', startTime: '13:00', roomId: room2 });
    const target = await occurrence(afternoon.id, '2026-02-18');
    const facilitatorClash = await patch(clinic, target.id, {
      action: 'move',
      version: 1,
      date: '2026-02-18',
      startTime: '11:00',
      durationMinutes: 60,
    });
    expect(facilitatorClash.statusCode).toBe(409);
    expect(facilitatorClash.json().error.details[0]).toMatchObject({
      kind: 'clinician_double_booked',
      message: expect.stringContaining('Test clinician'),
    });

    // An enrolled patient with an individual appointment at 15:00.
    const patientId = await createPatient(t.db, clinic.org);
    const episodeId = await admit(t.db, clinic.org, { patientId, programId: clinic.programId, admittedOn: '2026-02-01' });
    await enrol(t.db, clinic.org, { episodeId, templateId: afternoon.id, startsOn: '2026-02-01' });
    const therapist = await createUser(t.db, clinic.org, 'clinician', 'Therapist');
    await createSession(t.db, clinic.org, {
      kind: 'individual_therapy',
      patientId,
      startsAt: '2026-02-18T21:00:00Z',
      minutes: 60,
      localDate: '2026-02-18',
      clinicianIds: [therapist],
    });
    const patientClash = await patch(clinic, target.id, {
      action: 'move',
      version: 1,
      date: '2026-02-18',
      startTime: '14:30',
      durationMinutes: 60,
    });
    expect(patientClash.statusCode).toBe(409);
    expect(patientClash.json().error.details).toEqual([
      expect.objectContaining({ kind: 'patient_double_booked', message: '1 expected patient is booked elsewhere at that time' }),
    ]);
    expect(patientClash.json().error.message).not.toContain('Testpatient');
  });

  it('cancels one occurrence with a reason, keeps it through regeneration, and restores it', async () => {
    const clinic = await createClinic(t);
    const template = await postTemplate(t, clinic);
    const target = await occurrence(template.id, '2026-03-02');
    const cancelled = await patch(clinic, target.id, { action: 'cancel', version: 1, reason: 'Facilitator at a conference' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelledBy: 'staff', cancelReason: 'Facilitator at a conference' });
    const noReason = await patch(clinic, target.id, { action: 'cancel', version: 2, reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    await call(t, clinic.director, 'PATCH', `/api/v1/schedules/templates/${template.id}`, { version: 1, startTime: '10:00' });
    expect(await occurrence(template.id, '2026-03-02')).toMatchObject({
      status: 'cancelled',
      cancel_reason: 'Facilitator at a conference',
    });
    const restored = await patch(clinic, target.id, { action: 'restore', version: 2 });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ status: 'scheduled', cancelReason: null });
  });

  it('refuses cancelling or moving a session with attendance', async () => {
    const clinic = await createClinic(t);
    const template = await postTemplate(t, clinic);
    const target = await occurrence(template.id, '2026-02-18');
    const patientId = await createPatient(t.db, clinic.org);
    await t.db
      .insertInto('attendance')
      .values({
        organization_id: clinic.org.organizationId,
        session_id: target.id,
        patient_id: patientId,
        status: 'present',
        minutes: 180,
        mode: 'in_person',
        recorded_by: clinic.clinicianId,
        recorded_at: NOW,
      })
      .execute();
    expect((await patch(clinic, target.id, { action: 'cancel', version: 1, reason: 'Too late' })).statusCode).toBe(422);
    expect(
      (await patch(clinic, target.id, { action: 'move', version: 1, date: '2026-02-19', startTime: '09:00', durationMinutes: 60 }))
        .statusCode,
    ).toBe(422);
  });

  it('gives one occurrence a qualified substitute facilitator without touching the series', async () => {
    const clinic = await createClinic(t);
    const template = await postTemplate(t, clinic);
    const target = await occurrence(template.id, '2026-02-23');
    const unqualifiedId = await createUser(t.db, clinic.org, 'clinician', 'Not trained in CBT');
    await giveStaffProfile(t.db, clinic.org, unqualifiedId, { modalities: ['family'] });
    const unqualified = await patch(clinic, target.id, { action: 'substitute', version: 1, facilitatorId: unqualifiedId });
    expect(unqualified.statusCode).toBe(400);
    expect(unqualified.json().error.details[0]).toMatchObject({ path: 'facilitatorId', message: expect.stringContaining('not qualified') });

    const substituteId = await createUser(t.db, clinic.org, 'clinician', 'Substitute');
    await giveStaffProfile(t.db, clinic.org, substituteId, { modalities: ['cbt'] });
    const substituted = await patch(clinic, target.id, { action: 'substitute', version: 1, facilitatorId: substituteId });
    expect(substituted.statusCode).toBe(200);
    expect(substituted.json()).toMatchObject({
      substituteFacilitatorId: substituteId,
      facilitators: [{ id: substituteId, displayName: 'Substitute' }],
    });

    await call(t, clinic.director, 'PATCH', `/api/v1/schedules/templates/${template.id}`, { version: 1, title: 'Renamed series' });
    expect(await occurrence(template.id, '2026-02-23')).toMatchObject({ clinician_ids: [substituteId], title: 'CBT skills group' });
    expect(await occurrence(template.id, '2026-03-02')).toMatchObject({ clinician_ids: [clinic.clinicianId], title: 'Renamed series' });

    // Taking the substitute away hands the occurrence back to the series.
    const back = await patch(clinic, target.id, { action: 'substitute', version: 2, facilitatorId: null });
    expect(back.json()).toMatchObject({ substituteFacilitatorId: null, facilitators: [{ id: clinic.clinicianId }] });
    await call(t, clinic.director, 'POST', '/api/v1/schedules/generate', { from: '2026-02-16', to: '2026-03-01' });
    expect(await occurrence(template.id, '2026-02-23')).toMatchObject({ title: 'Renamed series' });
  });

  it('refuses a substitute who is busy at that time', async () => {
    const clinic = await createClinic(t);
    const template = await postTemplate(t, clinic);
    const busy = await createUser(t.db, clinic.org, 'clinician', 'Busy colleague');
    await giveStaffProfile(t.db, clinic.org, busy, { modalities: ['cbt'] });
    const patientId = await createPatient(t.db, clinic.org);
    await createSession(t.db, clinic.org, {
      kind: 'individual_therapy',
      patientId,
      startsAt: '2026-02-23T16:00:00Z',
      minutes: 50,
      localDate: '2026-02-23',
      clinicianIds: [busy],
    });
    const target = await occurrence(template.id, '2026-02-23');
    const response = await patch(clinic, target.id, { action: 'substitute', version: 1, facilitatorId: busy });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.details[0].kind).toBe('clinician_double_booked');
  });

  it('reads one session (group: no patient data), and 404s an unknown one', async () => {
    const clinic = await createClinic(t);
    const template = await postTemplate(t, clinic);
    const target = await occurrence(template.id, '2026-02-23');
    const response = await call(t, clinic.clinician, 'GET', `/api/v1/sessions/${target.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: target.id,
      kind: 'group',
      title: 'CBT skills group',
      localStartTime: '09:00',
      timeZone: 'America/Chicago',
      expected: 0,
    });
    expect((await call(t, clinic.clinician, 'GET', '/api/v1/sessions/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('lets a clinician move a session but not an auditor read one', async () => {
    const clinic = await createClinic(t);
    const template = await postTemplate(t, clinic);
    const target = await occurrence(template.id, '2026-03-04');
    const moved = await call(t, clinic.clinician, 'PATCH', `/api/v1/sessions/${target.id}`, {
      action: 'move',
      version: 1,
      date: '2026-03-05',
      startTime: '09:00',
      durationMinutes: 180,
    });
    expect(moved.statusCode).toBe(200);
    const auditor = await sessionFor(t, clinic.org.users.auditor, clinic.org.organizationId);
    expect((await call(t, auditor, 'GET', `/api/v1/sessions/${target.id}`)).statusCode).toBe(403);
  });
});

describe('daylight saving time, end to end', () => {
  it('keeps a 09:00 Chicago group at 09:00 local across the March change (15:00Z, then 14:00Z)', async () => {
    const clinic = await createClinic(t);
    const template = await postTemplate(t, clinic, { daysOfWeek: [1, 2, 3, 4, 5], startsOn: '2026-03-02' });
    const before = await call(t, clinic.frontDesk, 'GET', `/api/v1/calendar?view=site&id=${clinic.siteId}&week=2026-W10`);
    const after = await call(t, clinic.frontDesk, 'GET', `/api/v1/calendar?view=site&id=${clinic.siteId}&week=2026-W11`);
    expect(before.statusCode).toBe(200);
    const times = (response: typeof before) =>
      response
        .json()
        .sessions.map((session: { localDate: string; localStartTime: string; startsAt: string }) => [
          session.localDate,
          session.localStartTime,
          session.startsAt,
        ]);
    expect(times(before)).toEqual([
      ['2026-03-02', '09:00', '2026-03-02T15:00:00.000Z'],
      ['2026-03-03', '09:00', '2026-03-03T15:00:00.000Z'],
      ['2026-03-04', '09:00', '2026-03-04T15:00:00.000Z'],
      ['2026-03-05', '09:00', '2026-03-05T15:00:00.000Z'],
      ['2026-03-06', '09:00', '2026-03-06T15:00:00.000Z'],
    ]);
    // Clocks go forward on Sunday 2026-03-08 in Chicago.
    expect(times(after)).toEqual([
      ['2026-03-09', '09:00', '2026-03-09T14:00:00.000Z'],
      ['2026-03-10', '09:00', '2026-03-10T14:00:00.000Z'],
      ['2026-03-11', '09:00', '2026-03-11T14:00:00.000Z'],
      ['2026-03-12', '09:00', '2026-03-12T14:00:00.000Z'],
      ['2026-03-13', '09:00', '2026-03-13T14:00:00.000Z'],
    ]);
    expect(
      after
        .json()
        .sessions.every(
          (session: { localEndTime: string; templateId: string }) => session.localEndTime === '12:00' && session.templateId === template.id,
        ),
    ).toBe(true);

    // A move across the change is read in the site's zone too.
    const friday = await occurrence(template.id, '2026-03-06');
    const moved = await patch(clinic, friday.id, {
      action: 'move',
      version: 1,
      date: '2026-03-09',
      startTime: '13:00',
      durationMinutes: 60,
    });
    expect(moved.json()).toMatchObject({ localDate: '2026-03-09', localStartTime: '13:00', startsAt: '2026-03-09T18:00:00.000Z' });
  });
});
