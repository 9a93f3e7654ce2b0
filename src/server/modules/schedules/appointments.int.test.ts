import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { admit, createPatient, createRoom, enrol } from '../../../../test/factories.js';
import { call, sessionFor, testApp } from '../../../../test/support.js';
import { createClinic, createClosure, createUser, giveStaffProfile, postTemplate, type Clinic } from './schedules.test-support.js';

const t = await testApp();
afterAll(() => t.close());

const NOW = new Date('2026-02-16T12:00:00Z');
beforeEach(() => {
  t.clock.current = NOW;
});

const APPOINTMENTS = '/api/v1/appointments';

async function clinicWithPatient(state = 'IL'): Promise<Clinic & { patientId: string; officeId: string }> {
  const clinic = await createClinic(t);
  const patientId = await createPatient(t.db, clinic.org, { firstName: 'Rowan', lastName: 'Synthetic', state });
  const officeId = await createRoom(t.db, clinic.org, { siteId: clinic.siteId, capacity: 1, name: `Office ${patientId.slice(0, 6)}` });
  return { ...clinic, patientId, officeId };
}

function booking(clinic: Clinic & { patientId: string; officeId: string }, changes: Record<string, unknown> = {}) {
  return {
    kind: 'individual_therapy',
    patientId: clinic.patientId,
    clinicianId: clinic.clinicianId,
    siteId: clinic.siteId,
    roomId: clinic.officeId,
    telehealth: false,
    date: '2026-02-17',
    startTime: '14:00',
    durationMinutes: 50,
    ...changes,
  };
}

async function auditRows(organizationId: string) {
  return t.db
    .selectFrom('audit_events')
    .select(['action', 'patient_id', 'entity_id'])
    .where('organization_id', '=', organizationId)
    .orderBy('chain_seq')
    .execute();
}

describe('booking an individual appointment', () => {
  it('books it in the site zone, links the open episode, and audits with the patient id', async () => {
    const clinic = await clinicWithPatient();
    const episodeId = await admit(t.db, clinic.org, { patientId: clinic.patientId, programId: clinic.programId, admittedOn: '2026-02-01' });
    const response = await call(t, clinic.frontDesk, 'POST', APPOINTMENTS, booking(clinic));
    expect(response.statusCode).toBe(201);
    const appointment = response.json();
    expect(appointment).toMatchObject({
      kind: 'individual_therapy',
      title: 'Individual therapy',
      localDate: '2026-02-17',
      localStartTime: '14:00',
      localEndTime: '14:50',
      startsAt: '2026-02-17T20:00:00.000Z',
      facilitators: [{ id: clinic.clinicianId }],
      room: { id: clinic.officeId },
      patient: { id: clinic.patientId, displayName: expect.stringContaining('Synthetic') },
      episodeId,
      programId: clinic.programId,
      expected: 1,
      status: 'scheduled',
    });
    expect(await auditRows(clinic.org.organizationId)).toContainEqual({
      action: 'appointment.booked',
      patient_id: clinic.patientId,
      entity_id: appointment.id,
    });
  });

  it('refuses the patient double-booked, by another appointment or by a group they are enrolled in', async () => {
    const clinic = await clinicWithPatient();
    expect((await call(t, clinic.frontDesk, 'POST', APPOINTMENTS, booking(clinic))).statusCode).toBe(201);
    const psychiatrist = clinic.org.users.psychiatrist.id;
    const second = await call(
      t,
      clinic.frontDesk,
      'POST',
      APPOINTMENTS,
      booking(clinic, {
        kind: 'medication_management',
        clinicianId: psychiatrist,
        roomId: null,
        telehealth: true,
        startTime: '14:30',
        durationMinutes: 30,
      }),
    );
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('SCHEDULE_CONFLICT');
    expect(second.json().error.details).toContainEqual({
      kind: 'patient_double_booked',
      message: 'The patient already has an appointment 14:00–14:50',
      sessionId: expect.any(String),
    });
    expect(second.body).not.toContain(clinic.patientId);
    expect(second.json().error.message).not.toContain('Synthetic');

    const template = await postTemplate(t, clinic);
    const episodeId = await admit(t.db, clinic.org, { patientId: clinic.patientId, programId: clinic.programId, admittedOn: '2026-02-01' });
    await enrol(t.db, clinic.org, { episodeId, templateId: template.id, startsOn: '2026-02-01' });
    const duringGroup = await call(
      t,
      clinic.frontDesk,
      'POST',
      APPOINTMENTS,
      booking(clinic, { clinicianId: psychiatrist, date: '2026-02-18', startTime: '11:00' }),
    );
    expect(duringGroup.statusCode).toBe(409);
    expect(duringGroup.json().error.details.map((conflict: { kind: string }) => conflict.kind)).toEqual(['patient_double_booked']);
  });

  it('refuses the clinician double-booked, including by a group they facilitate', async () => {
    const clinic = await clinicWithPatient();
    await postTemplate(t, clinic);
    const response = await call(t, clinic.frontDesk, 'POST', APPOINTMENTS, booking(clinic, { date: '2026-02-18', startTime: '11:30' }));
    expect(response.statusCode).toBe(409);
    expect(response.json().error.details).toEqual([
      { kind: 'clinician_double_booked', message: 'The clinician is already booked 09:00–12:00', sessionId: expect.any(String) },
    ]);
    const other = await createPatient(t.db, clinic.org, { state: 'IL' });
    expect((await call(t, clinic.frontDesk, 'POST', APPOINTMENTS, booking(clinic, { date: '2026-02-19' }))).statusCode).toBe(201);
    const clash = await call(
      t,
      clinic.frontDesk,
      'POST',
      APPOINTMENTS,
      booking(clinic, { patientId: other, roomId: null, telehealth: true, date: '2026-02-19', startTime: '14:45' }),
    );
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.details[0].kind).toBe('clinician_double_booked');
  });

  it('refuses a room over capacity, and a room a group holds', async () => {
    const clinic = await clinicWithPatient();
    expect((await call(t, clinic.frontDesk, 'POST', APPOINTMENTS, booking(clinic))).statusCode).toBe(201);
    const otherPatient = await createPatient(t.db, clinic.org, { state: 'IL' });
    const otherClinician = await createUser(t.db, clinic.org, 'clinician', 'Second therapist');
    const full = await call(
      t,
      clinic.frontDesk,
      'POST',
      APPOINTMENTS,
      booking(clinic, { patientId: otherPatient, clinicianId: otherClinician, startTime: '14:30' }),
    );
    expect(full.statusCode).toBe(409);
    expect(full.json().error.details).toEqual([
      expect.objectContaining({ kind: 'room_over_capacity', message: 'The room is full: 1 of 1 places are taken at that time' }),
    ]);

    await postTemplate(t, clinic);
    const groupRoom = await call(
      t,
      clinic.frontDesk,
      'POST',
      APPOINTMENTS,
      booking(clinic, {
        patientId: otherPatient,
        clinicianId: otherClinician,
        roomId: clinic.roomId,
        date: '2026-02-18',
        startTime: '10:00',
      }),
    );
    expect(groupRoom.statusCode).toBe(409);
    expect(groupRoom.json().error.details[0]).toMatchObject({ kind: 'room_over_capacity', capacity: 12 });
  });

  it("refuses telehealth by a clinician not licensed in the patient's state", async () => {
    const clinic = await clinicWithPatient('WI');
    const response = await call(t, clinic.frontDesk, 'POST', APPOINTMENTS, booking(clinic, { roomId: null, telehealth: true }));
    expect(response.statusCode).toBe(409);
    expect(response.json().error.details).toEqual([
      {
        kind: 'clinician_not_licensed',
        state: 'WI',
        message: 'The clinician is not licensed in WI, where the patient is for this telehealth visit',
      },
    ]);
    await giveStaffProfile(t.db, clinic.org, clinic.clinicianId, { modalities: ['cbt'], licensedStates: ['IL', 'WI'] });
    expect((await call(t, clinic.frontDesk, 'POST', APPOINTMENTS, booking(clinic, { roomId: null, telehealth: true }))).statusCode).toBe(
      201,
    );
  });

  it('refuses bad input naming the field, and saves nothing', async () => {
    const clinic = await clinicWithPatient();
    const other = await createClinic(t);
    const elsewhere = await createRoom(t.db, clinic.org, { siteId: clinic.org.siteIds[1] ?? '' });
    const cases: [Record<string, unknown>, string][] = [
      [{ endTime: '13:00', durationMinutes: undefined }, 'endTime'],
      [{ durationMinutes: 0 }, 'durationMinutes'],
      [{ durationMinutes: -10 }, 'durationMinutes'],
      [{ startTime: '25:00' }, 'startTime'],
      [{ date: '2026-02-30' }, 'date'],
      [{ roomId: elsewhere }, 'roomId'],
      [{ roomId: null, telehealth: false }, 'roomId'],
      [{ telehealth: true }, 'telehealth'],
      [{ patientId: other.clinicianId }, 'patientId'],
      [{ clinicianId: other.clinicianId }, 'clinicianId'],
      [{ clinicianId: clinic.org.users.billing.id }, 'clinicianId'],
      [{ siteId: other.siteId }, 'siteId'],
    ];
    for (const [changes, path] of cases) {
      const response = await call(t, clinic.frontDesk, 'POST', APPOINTMENTS, JSON.parse(JSON.stringify(booking(clinic, changes))));
      expect(response.statusCode, JSON.stringify(changes)).toBe(400);
      expect(response.json().error.details[0].path, JSON.stringify(changes)).toBe(path);
    }
    expect(
      await t.db.selectFrom('sessions_of_care').select('id').where('organization_id', '=', clinic.org.organizationId).execute(),
    ).toEqual([]);
  });

  it('gives one booking and one refusal when two devices book the same clinician at once', async () => {
    const clinic = await clinicWithPatient();
    const otherPatient = await createPatient(t.db, clinic.org, { state: 'IL' });
    const [first, second] = await Promise.all([
      call(t, clinic.frontDesk, 'POST', APPOINTMENTS, booking(clinic, { roomId: null, telehealth: true })),
      call(t, clinic.clinician, 'POST', APPOINTMENTS, booking(clinic, { patientId: otherPatient, roomId: null, telehealth: true })),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([201, 409]);
    expect(
      await t.db.selectFrom('sessions_of_care').select('id').where('organization_id', '=', clinic.org.organizationId).execute(),
    ).toHaveLength(1);
  });

  it('refuses a day the site is closed', async () => {
    const clinic = await clinicWithPatient();
    await createClosure(t.db, clinic.org, { date: '2026-02-17', reason: 'Power outage' });
    const response = await call(t, clinic.frontDesk, 'POST', APPOINTMENTS, booking(clinic));
    expect(response.statusCode).toBe(422);
  });

  it('is refused to billing (who may read, not book)', async () => {
    const clinic = await clinicWithPatient();
    const billing = await sessionFor(t, clinic.org.users.billing, clinic.org.organizationId);
    expect((await call(t, billing, 'POST', APPOINTMENTS, booking(clinic))).statusCode).toBe(403);
  });
});

describe('reading and cancelling an appointment', () => {
  it('reads it with the patient, audited; cancels with a reason and a version', async () => {
    const clinic = await clinicWithPatient();
    const booked = (await call(t, clinic.frontDesk, 'POST', APPOINTMENTS, booking(clinic))).json();
    const read = await call(t, clinic.clinician, 'GET', `${APPOINTMENTS}/${booked.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().patient.id).toBe(clinic.patientId);
    expect(await auditRows(clinic.org.organizationId)).toContainEqual({
      action: 'appointment.viewed',
      patient_id: clinic.patientId,
      entity_id: booked.id,
    });

    const stale = await call(t, clinic.frontDesk, 'POST', `${APPOINTMENTS}/${booked.id}/cancel`, { reason: 'Patient unwell', version: 9 });
    expect(stale.statusCode).toBe(412);
    const noReason = await call(t, clinic.frontDesk, 'POST', `${APPOINTMENTS}/${booked.id}/cancel`, { reason: '', version: 1 });
    expect(noReason.statusCode).toBe(400);
    const cancelled = await call(t, clinic.frontDesk, 'POST', `${APPOINTMENTS}/${booked.id}/cancel`, {
      reason: 'Patient unwell',
      version: 1,
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelledBy: 'staff', cancelReason: 'Patient unwell', version: 2 });
    expect(await auditRows(clinic.org.organizationId)).toContainEqual({
      action: 'appointment.cancelled',
      patient_id: clinic.patientId,
      entity_id: booked.id,
    });
    const again = await call(t, clinic.frontDesk, 'POST', `${APPOINTMENTS}/${booked.id}/cancel`, { reason: 'Twice', version: 2 });
    expect(again.statusCode).toBe(422);

    // The freed slot can be booked again.
    expect((await call(t, clinic.frontDesk, 'POST', APPOINTMENTS, booking(clinic))).statusCode).toBe(201);
  });

  it('404s a group session id on the appointment routes', async () => {
    const clinic = await clinicWithPatient();
    const template = await postTemplate(t, clinic);
    const group = await t.db.selectFrom('sessions_of_care').select('id').where('template_id', '=', template.id).executeTakeFirstOrThrow();
    expect((await call(t, clinic.clinician, 'GET', `${APPOINTMENTS}/${group.id}`)).statusCode).toBe(404);
  });

  it('moves an appointment through the session route, re-checking conflicts and auditing with the patient', async () => {
    const clinic = await clinicWithPatient();
    await postTemplate(t, clinic);
    const booked = (await call(t, clinic.frontDesk, 'POST', APPOINTMENTS, booking(clinic))).json();
    const clash = await call(t, clinic.frontDesk, 'PATCH', `/api/v1/sessions/${booked.id}`, {
      action: 'move',
      version: 1,
      date: '2026-02-18',
      startTime: '10:00',
      durationMinutes: 50,
    });
    expect(clash.statusCode).toBe(409);
    const moved = await call(t, clinic.frontDesk, 'PATCH', `/api/v1/sessions/${booked.id}`, {
      action: 'move',
      version: 1,
      date: '2026-02-18',
      startTime: '13:00',
      durationMinutes: 50,
    });
    expect(moved.statusCode).toBe(200);
    expect(await auditRows(clinic.org.organizationId)).toContainEqual({
      action: 'appointment.moved',
      patient_id: clinic.patientId,
      entity_id: booked.id,
    });
    const substitute = await call(t, clinic.frontDesk, 'PATCH', `/api/v1/sessions/${booked.id}`, {
      action: 'substitute',
      version: 2,
      facilitatorId: clinic.org.users.psychiatrist.id,
    });
    expect(substitute.statusCode).toBe(422);
  });
});
