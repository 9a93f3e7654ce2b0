import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AFTER_GROUP, GROUP_DAY, at, groupWithPatients } from '../../../../test/attendance-fixtures.js';
import { admit, createPatient, createProgram, createSession, enrol } from '../../../../test/factories.js';
import { auditActions, call, createTestOrg, sessionFor, testApp, type TestApp, type TestOrg } from '../../../../test/support.js';

let t: TestApp;

beforeAll(async () => {
  t = await testApp();
  t.clock.current = AFTER_GROUP;
});
afterAll(() => t.close());

async function setup(options: Parameters<typeof groupWithPatients>[2] = {}) {
  const org = await createTestOrg(t.deps);
  const group = await groupWithPatients(t.db, org, options);
  const clinician = await sessionFor(t, org.users.clinician, org.organizationId);
  return { org, group, clinician };
}

async function attendanceRows(sessionId: string) {
  return t.db.selectFrom('attendance').selectAll().where('session_id', '=', sessionId).orderBy('patient_id').execute();
}

async function auditFor(org: TestOrg, action: string) {
  return t.db
    .selectFrom('audit_events')
    .selectAll()
    .where('organization_id', '=', org.organizationId)
    .where('action', '=', action)
    .orderBy('chain_seq')
    .execute();
}

describe('GET /sessions/:sessionId/roster', () => {
  it('lists every enrolled patient without attendance yet, with the session length and state', async () => {
    const { group, clinician } = await setup();
    const response = await call(t, clinician, 'GET', `/api/v1/sessions/${group.sessionId}/roster`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.session).toMatchObject({
      id: group.sessionId,
      lengthMinutes: 180,
      status: 'scheduled',
      dayClosed: false,
      dayClosedAt: null,
      localDate: GROUP_DAY,
      timeZone: 'America/Chicago',
      defaultMode: 'in_person',
    });
    expect(body.rows.map((row: { patientId: string }) => row.patientId).sort()).toEqual([...group.patientIds].sort());
    expect(body.rows[0]).toMatchObject({ name: 'Pat0 Group-A', expected: true, walkIn: false, attendance: null });
    expect(body.counts).toEqual({ expected: 3, recorded: 0, attended: 0, walkIns: 0 });
  });

  it('writes one audit event per patient shown, naming the patient and the session', async () => {
    const { org, group, clinician } = await setup();
    await call(t, clinician, 'GET', `/api/v1/sessions/${group.sessionId}/roster`);
    const events = await auditFor(org, 'attendance.roster_viewed');
    expect(events.map((event) => event.patient_id).sort()).toEqual([...group.patientIds].sort());
    for (const event of events)
      expect(event).toMatchObject({ user_id: org.users.clinician.id, entity_type: 'session', entity_id: group.sessionId });
  });

  it('leaves out enrolments and episodes that do not cover the session date', async () => {
    const { org, group, clinician } = await setup({ patients: 1 });
    const later = await createPatient(t.db, org, { lastName: 'Admitted-Later' });
    const laterEpisode = await admit(t.db, org, { patientId: later, programId: group.programId, admittedOn: '2026-11-05' });
    await enrol(t.db, org, { episodeId: laterEpisode, templateId: group.templateId, startsOn: '2026-11-05' });
    const ended = await createPatient(t.db, org, { lastName: 'Enrolment-Ended' });
    const endedEpisode = await admit(t.db, org, { patientId: ended, programId: group.programId, admittedOn: '2026-11-02' });
    await enrol(t.db, org, { episodeId: endedEpisode, templateId: group.templateId, startsOn: '2026-11-02', endsOn: '2026-11-03' });
    const discharged = await createPatient(t.db, org, { lastName: 'Discharged' });
    const dischargedEpisode = await admit(t.db, org, { patientId: discharged, programId: group.programId, admittedOn: '2026-10-01' });
    await enrol(t.db, org, { episodeId: dischargedEpisode, templateId: group.templateId, startsOn: '2026-10-01' });
    await t.db
      .updateTable('episodes')
      .set({ status: 'closed', discharged_on: '2026-11-03', disposition: 'completed' })
      .where('id', '=', dischargedEpisode)
      .execute();

    const response = await call(t, clinician, 'GET', `/api/v1/sessions/${group.sessionId}/roster`);
    expect(response.json().rows.map((row: { patientId: string }) => row.patientId)).toEqual(group.patientIds);
  });

  it('keeps a patient discharged later on the roster of a past session', async () => {
    const { group, clinician } = await setup({ patients: 1 });
    await t.db
      .updateTable('episodes')
      .set({ status: 'closed', discharged_on: '2026-11-20', disposition: 'completed' })
      .where('id', '=', at(group.episodeIds, 0))
      .execute();
    const response = await call(t, clinician, 'GET', `/api/v1/sessions/${group.sessionId}/roster`);
    expect(response.json().rows).toHaveLength(1);
  });

  it('shows the patient of an individual appointment', async () => {
    const org = await createTestOrg(t.deps);
    const patientId = await createPatient(t.db, org, { firstName: 'Solo', lastName: 'Visit' });
    const sessionId = await createSession(t.db, org, {
      kind: 'individual_therapy',
      patientId,
      startsAt: '2026-11-04T16:00:00Z',
      minutes: 50,
      localDate: GROUP_DAY,
    });
    const response = await call(
      t,
      await sessionFor(t, org.users.front_desk, org.organizationId),
      'GET',
      `/api/v1/sessions/${sessionId}/roster`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.json().rows).toEqual([expect.objectContaining({ patientId, name: 'Solo Visit', expected: true, attendance: null })]);
    expect(response.json().session).toMatchObject({ lengthMinutes: 50, defaultMode: 'telehealth' });
  });

  it('answers 404 for an unknown session and for another organization’s session', async () => {
    const { clinician } = await setup({ patients: 1 });
    const other = await setup({ patients: 1 });
    expect((await call(t, clinician, 'GET', `/api/v1/sessions/${randomUUID()}/roster`)).statusCode).toBe(404);
    const response = await call(t, clinician, 'GET', `/api/v1/sessions/${other.group.sessionId}/roster`);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });

  it.each([
    ['admissions', 403],
    ['auditor', 403],
    ['admin', 403],
    ['billing', 200],
    ['front_desk', 200],
  ] as const)('answers %s with %i', async (role, status) => {
    const { org, group } = await setup({ patients: 1 });
    const response = await call(
      t,
      await sessionFor(t, org.users[role], org.organizationId),
      'GET',
      `/api/v1/sessions/${group.sessionId}/roster`,
    );
    expect(response.statusCode).toBe(status);
  });
});

describe('PUT /sessions/:sessionId/attendance', () => {
  it('checks in a whole group at once, defaulting minutes by status', async () => {
    const { org, group, clinician } = await setup();
    const [a, b, c] = group.patientIds;
    const response = await call(t, clinician, 'PUT', `/api/v1/sessions/${group.sessionId}/attendance`, {
      attendance: [
        { patientId: a, status: 'present', mode: 'in_person' },
        { patientId: b, status: 'late', minutes: 150, mode: 'in_person' },
        { patientId: c, status: 'absent_excused', mode: 'in_person' },
      ],
    });
    expect(response.statusCode).toBe(200);
    const results = response.json().results;
    expect(results.map((r: { patientId: string }) => r.patientId)).toEqual([a, b, c]);
    expect(results.map((r: { outcome: string }) => r.outcome)).toEqual(['created', 'created', 'created']);
    expect(results.map((r: { attendance: { minutes: number } }) => r.attendance.minutes)).toEqual([180, 150, 0]);
    expect(results[0].attendance).toMatchObject({
      status: 'present',
      version: 1,
      walkIn: false,
      episodeId: at(group.episodeIds, 0),
      recordedBy: org.users.clinician.id,
    });

    expect(await attendanceRows(group.sessionId)).toHaveLength(3);
    const events = await auditFor(org, 'attendance.recorded');
    expect(events.map((event) => event.patient_id).sort()).toEqual([...group.patientIds].sort());
    expect(events[0]).toMatchObject({ entity_type: 'attendance', details: expect.objectContaining({ sessionId: group.sessionId }) });

    const roster = (await call(t, clinician, 'GET', `/api/v1/sessions/${group.sessionId}/roster`)).json();
    expect(roster.counts).toEqual({ expected: 3, recorded: 3, attended: 2, walkIns: 0 });
  });

  it.each([
    ['above the session length', { status: 'late', minutes: 181 }, 'cannot exceed the session length of 180 min'],
    ['negative', { status: 'left_early', minutes: -5 }, 'cannot be negative'],
    ['above 0 for an absence', { status: 'absent_unexcused', minutes: 30 }, 'must be 0 for an absence or a session the program cancelled'],
    ['below the length for present', { status: 'present', minutes: 90 }, expect.stringContaining('record late or left early')],
    ['not whole', { status: 'late', minutes: 12.5 }, 'must be a whole number'],
  ])('refuses minutes %s with a 400 naming attendance[i].minutes and saves nothing', async (_label, item, message) => {
    const { org, group, clinician } = await setup();
    const response = await call(t, clinician, 'PUT', `/api/v1/sessions/${group.sessionId}/attendance`, {
      attendance: [
        { patientId: group.patientIds[0], status: 'present', mode: 'in_person' },
        { patientId: group.patientIds[1], mode: 'in_person', ...item },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(response.json().error.details).toEqual([{ path: 'attendance[1].minutes', message }]);
    expect(await attendanceRows(group.sessionId)).toEqual([]);
    expect(await auditActions(t.db, org.organizationId)).toEqual([]);
  });

  it('refuses check-in for a cancelled session with a 422', async () => {
    const { group, clinician } = await setup({ status: 'cancelled' });
    const response = await call(t, clinician, 'PUT', `/api/v1/sessions/${group.sessionId}/attendance`, {
      attendance: [{ patientId: group.patientIds[0], status: 'present', mode: 'in_person' }],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('RULE_VIOLATION');
    expect(response.json().error.message).toContain('cancelled');
    expect(await attendanceRows(group.sessionId)).toEqual([]);
  });

  it('records a walk-in who has an open episode in the session’s program', async () => {
    const { org, group, clinician } = await setup({ patients: 1 });
    const walkIn = await createPatient(t.db, org, { firstName: 'Walk', lastName: 'In' });
    const episodeId = await admit(t.db, org, { patientId: walkIn, programId: group.programId, admittedOn: '2026-11-01' });
    const response = await call(t, clinician, 'PUT', `/api/v1/sessions/${group.sessionId}/attendance`, {
      attendance: [{ patientId: walkIn, status: 'present' }],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().results[0].attendance).toMatchObject({ walkIn: true, episodeId, mode: 'in_person', minutes: 180 });
    const roster = (await call(t, clinician, 'GET', `/api/v1/sessions/${group.sessionId}/roster`)).json();
    expect(roster.rows.find((row: { patientId: string }) => row.patientId === walkIn)).toMatchObject({
      name: 'Walk In',
      expected: false,
      walkIn: true,
      attendance: { status: 'present' },
    });
    expect(roster.counts).toMatchObject({ expected: 1, walkIns: 1 });
  });

  it('refuses a patient who is neither enrolled nor in the program with a 422 naming the row', async () => {
    const { org, group, clinician } = await setup({ patients: 1 });
    const stranger = await createPatient(t.db, org);
    const otherProgram = await createProgram(t.db, org);
    await admit(t.db, org, { patientId: stranger, programId: otherProgram });
    const response = await call(t, clinician, 'PUT', `/api/v1/sessions/${group.sessionId}/attendance`, {
      attendance: [
        { patientId: group.patientIds[0], status: 'present' },
        { patientId: stranger, status: 'present' },
      ],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0].path).toBe('attendance[1].patientId');
    expect(await attendanceRows(group.sessionId)).toEqual([]);
  });

  it('answers 404 for a patient of another organization and saves nothing', async () => {
    const { group, clinician } = await setup({ patients: 1 });
    const other = await setup({ patients: 1 });
    const response = await call(t, clinician, 'PUT', `/api/v1/sessions/${group.sessionId}/attendance`, {
      attendance: [
        { patientId: group.patientIds[0], status: 'present' },
        { patientId: other.group.patientIds[0], status: 'present' },
      ],
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.details[0].path).toBe('attendance[1].patientId');
    expect(await attendanceRows(group.sessionId)).toEqual([]);
  });

  it('answers 404 for another organization’s session and writes nothing there', async () => {
    const { clinician } = await setup({ patients: 1 });
    const other = await setup({ patients: 1 });
    const response = await call(t, clinician, 'PUT', `/api/v1/sessions/${other.group.sessionId}/attendance`, {
      attendance: [{ patientId: other.group.patientIds[0], status: 'present' }],
    });
    expect(response.statusCode).toBe(404);
    expect(await attendanceRows(other.group.sessionId)).toEqual([]);
  });

  it('refuses the same patient twice in one request', async () => {
    const { group, clinician } = await setup({ patients: 1 });
    const patientId = group.patientIds[0];
    const response = await call(t, clinician, 'PUT', `/api/v1/sessions/${group.sessionId}/attendance`, {
      attendance: [
        { patientId, status: 'present' },
        { patientId, status: 'late', minutes: 10 },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('attendance[1].patientId');
  });

  it('names unknown fields and bad statuses in a 400', async () => {
    const { group, clinician } = await setup({ patients: 1 });
    const unknown = await call(t, clinician, 'PUT', `/api/v1/sessions/${group.sessionId}/attendance`, {
      attendance: [{ patientId: group.patientIds[0], status: 'present', note: 'x' }],
    });
    expect(unknown.statusCode).toBe(400);
    const status = await call(t, clinician, 'PUT', `/api/v1/sessions/${group.sessionId}/attendance`, {
      attendance: [{ patientId: group.patientIds[0], status: 'here' }],
    });
    expect(status.statusCode).toBe(400);
    expect(status.json().error.details[0].path).toBe('attendance.0.status');
  });

  it.each(['admissions', 'billing', 'auditor', 'admin'] as const)('refuses %s with a 403', async (role) => {
    const { org, group } = await setup({ patients: 1 });
    const response = await call(
      t,
      await sessionFor(t, org.users[role], org.organizationId),
      'PUT',
      `/api/v1/sessions/${group.sessionId}/attendance`,
      {
        attendance: [{ patientId: group.patientIds[0], status: 'present' }],
      },
    );
    expect(response.statusCode).toBe(403);
    expect(await attendanceRows(group.sessionId)).toEqual([]);
  });

  it('lets front desk check in', async () => {
    const { org, group } = await setup({ patients: 1 });
    const response = await call(
      t,
      await sessionFor(t, org.users.front_desk, org.organizationId),
      'PUT',
      `/api/v1/sessions/${group.sessionId}/attendance`,
      {
        attendance: [{ patientId: group.patientIds[0], status: 'present' }],
      },
    );
    expect(response.statusCode).toBe(200);
  });
});

describe('changing recorded attendance', () => {
  async function recorded() {
    const context = await setup({ patients: 1 });
    const patientId = at(context.group.patientIds, 0);
    const first = await call(t, context.clinician, 'PUT', `/api/v1/sessions/${context.group.sessionId}/attendance`, {
      attendance: [{ patientId, status: 'present' }],
    });
    expect(first.statusCode).toBe(200);
    return { ...context, patientId };
  }

  it('leaves the row alone when the same values come again (a retry) and audits nothing new', async () => {
    const { org, group, clinician, patientId } = await recorded();
    const again = await call(t, clinician, 'PUT', `/api/v1/sessions/${group.sessionId}/attendance`, {
      attendance: [{ patientId, status: 'present' }],
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().results[0]).toMatchObject({ outcome: 'unchanged', attendance: { version: 1 } });
    expect((await auditFor(org, 'attendance.recorded')).length + (await auditFor(org, 'attendance.updated')).length).toBe(1);
  });

  it('updates with the version the client saw and bumps it', async () => {
    const { org, group, clinician, patientId } = await recorded();
    const response = await call(t, clinician, 'PUT', `/api/v1/sessions/${group.sessionId}/attendance`, {
      attendance: [{ patientId, status: 'left_early', minutes: 120, version: 1 }],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().results[0]).toMatchObject({
      outcome: 'updated',
      corrected: false,
      attendance: { status: 'left_early', minutes: 120, version: 2 },
    });
    expect(await auditFor(org, 'attendance.updated')).toEqual([expect.objectContaining({ patient_id: patientId })]);
  });

  it('answers 412 for a stale version and keeps the row', async () => {
    const { group, clinician, patientId } = await recorded();
    await call(t, clinician, 'PUT', `/api/v1/sessions/${group.sessionId}/attendance`, {
      attendance: [{ patientId, status: 'late', minutes: 170, version: 1 }],
    });
    const stale = await call(t, clinician, 'PUT', `/api/v1/sessions/${group.sessionId}/attendance`, {
      attendance: [{ patientId, status: 'left_early', minutes: 60, version: 1 }],
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error).toMatchObject({
      code: 'STALE_VERSION',
      details: [{ path: 'attendance[0].version', message: 'current version is 2' }],
    });
    expect(await attendanceRows(group.sessionId)).toEqual([expect.objectContaining({ status: 'late', minutes: 170, version: 2 })]);
  });

  it('answers 409 when other values come without a version (someone else recorded first)', async () => {
    const { group, clinician, patientId } = await recorded();
    const response = await call(t, clinician, 'PUT', `/api/v1/sessions/${group.sessionId}/attendance`, {
      attendance: [{ patientId, status: 'absent_unexcused' }],
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('CONFLICT');
    expect(await attendanceRows(group.sessionId)).toEqual([expect.objectContaining({ status: 'present', version: 1 })]);
  });
});

describe('PUT /sessions/:sessionId/attendance/:patientId', () => {
  it('checks in one patient and answers with the row', async () => {
    const { org, group, clinician } = await setup({ patients: 2 });
    const patientId = at(group.patientIds, 1);
    const response = await call(t, clinician, 'PUT', `/api/v1/sessions/${group.sessionId}/attendance/${patientId}`, {
      status: 'late',
      minutes: 165,
      mode: 'telehealth',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      patientId,
      outcome: 'created',
      attendance: { status: 'late', minutes: 165, mode: 'telehealth', version: 1 },
    });
    expect(await auditFor(org, 'attendance.recorded')).toEqual([expect.objectContaining({ patient_id: patientId })]);
  });

  it('names the plain field in a 400', async () => {
    const { group, clinician } = await setup({ patients: 1 });
    const response = await call(t, clinician, 'PUT', `/api/v1/sessions/${group.sessionId}/attendance/${group.patientIds[0]}`, {
      status: 'late',
      minutes: 999,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([{ path: 'minutes', message: 'cannot exceed the session length of 180 min' }]);
  });

  it('answers 404 for an unknown patient', async () => {
    const { group, clinician } = await setup({ patients: 1 });
    const response = await call(t, clinician, 'PUT', `/api/v1/sessions/${group.sessionId}/attendance/${randomUUID()}`, {
      status: 'present',
    });
    expect(response.statusCode).toBe(404);
  });
});
