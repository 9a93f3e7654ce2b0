import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access/roles.js';
import { admit, createPatient, createProgram, createTemplate, enrol } from '../../../../test/factories.js';
import {
  call,
  createTestOrg,
  freshDatabase,
  sessionFor,
  testApp,
  type TestApp,
  type TestOrg,
  type TestSession,
} from '../../../../test/support.js';

let t: TestApp;

// Tuesday 10 March 2026, noon in Chicago (the test organization's first site).
const NOW = new Date('2026-03-10T18:00:00Z');

beforeAll(async () => {
  t = await testApp();
  t.clock.current = NOW;
});
afterAll(() => t.close());

type Setup = { org: TestOrg; as: (role: Role) => Promise<TestSession>; patientId: string; iop: string; op: string; php: string };

async function setup(): Promise<Setup> {
  const org = await createTestOrg(t.deps);
  return {
    org,
    as: (role) => sessionFor(t, org.users[role], org.organizationId),
    patientId: await createPatient(t.db, org, { dateOfBirth: '1990-05-17' }),
    iop: await createProgram(t.db, org, { name: 'Adult IOP mornings', level_of_care: 'IOP' }),
    op: await createProgram(t.db, org, {
      name: 'Adult OP',
      level_of_care: 'OP',
      weekly_floor_minutes: 0,
      weekly_ceiling_minutes: 539,
      min_days_per_week: 0,
      min_billable_days_per_week: 0,
      min_billable_day_minutes: 0,
    }),
    php: await createProgram(t.db, org, {
      name: 'Adult PHP',
      level_of_care: 'PHP',
      weekly_floor_minutes: 1200,
      weekly_ceiling_minutes: null,
      min_days_per_week: 0,
      min_billable_days_per_week: 0,
      min_billable_day_minutes: 0,
    }),
  };
}

async function admitVia(s: Setup, body: Record<string, unknown> = {}) {
  const response = await call(t, await s.as('admissions'), 'POST', `/api/v1/patients/${s.patientId}/episodes`, {
    programId: s.iop,
    admittedOn: '2026-02-02',
    expectedWeeks: 8,
    ...body,
  });
  expect(response.statusCode).toBe(201);
  return response.json();
}

async function episodesOf(organizationId: string) {
  return t.db.selectFrom('episodes').selectAll().where('organization_id', '=', organizationId).orderBy('created_at').execute();
}

async function eventsOf(episodeId: string) {
  const rows = await t.db
    .selectFrom('episode_events')
    .select(['kind', 'effective_on', 'from_program_id', 'to_program_id', 'from_level', 'to_level', 'reason'])
    .where('episode_id', '=', episodeId)
    .orderBy('recorded_at')
    .execute();
  return rows;
}

async function auditRows(organizationId: string) {
  return t.db
    .selectFrom('audit_events')
    .select(['action', 'patient_id', 'entity_id', 'details'])
    .where('organization_id', '=', organizationId)
    .orderBy('chain_seq')
    .execute();
}

async function snapshot(organizationId: string) {
  return {
    episodes: await episodesOf(organizationId),
    events: await t.db.selectFrom('episode_events').selectAll().where('organization_id', '=', organizationId).orderBy('id').execute(),
    enrolments: await t.db
      .selectFrom('episode_enrolments')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .orderBy('template_id')
      .orderBy('starts_on')
      .execute(),
  };
}

describe('admitting a patient', () => {
  it('opens an episode at the level of care of the program, with an admitted event, audited with the patient id', async () => {
    const s = await setup();
    const episode = await admitVia(s);
    expect(episode).toMatchObject({
      patientId: s.patientId,
      programId: s.iop,
      programName: 'Adult IOP mornings',
      siteId: s.org.siteIds[0],
      levelOfCare: 'IOP',
      part2: false,
      status: 'open',
      admittedOn: '2026-02-02',
      expectedWeeks: 8,
      expectedEndOn: '2026-03-29',
      dischargedOn: null,
      disposition: null,
      previousEpisodeId: null,
      nextEpisodeId: null,
      version: 1,
    });
    expect(episode.events).toEqual([
      expect.objectContaining({
        kind: 'admitted',
        effectiveOn: '2026-02-02',
        toProgramId: s.iop,
        toProgramName: 'Adult IOP mornings',
        toLevel: 'IOP',
        recordedBy: s.org.users.admissions.id,
        recordedByName: 'Test admissions',
      }),
    ]);
    expect(await auditRows(s.org.organizationId)).toEqual([
      { action: 'episode.admitted', patient_id: s.patientId, entity_id: episode.id, details: { programId: s.iop, levelOfCare: 'IOP' } },
    ]);
  });

  it('refuses a second open episode in the same program with 409 and keeps one', async () => {
    const s = await setup();
    const first = await admitVia(s);
    const again = await call(t, await s.as('director'), 'POST', `/api/v1/patients/${s.patientId}/episodes`, {
      programId: s.iop,
      admittedOn: '2026-03-02',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'CONFLICT', details: { episodeId: first.id } });
    expect(await episodesOf(s.org.organizationId)).toHaveLength(1);
  });

  it('lets two simultaneous admissions to one program make one episode', async () => {
    const s = await setup();
    const session = await s.as('admissions');
    const body = { programId: s.iop, admittedOn: '2026-03-02' };
    const results = await Promise.all([1, 2, 3].map(() => call(t, session, 'POST', `/api/v1/patients/${s.patientId}/episodes`, body)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(await episodesOf(s.org.organizationId)).toHaveLength(1);
  });

  it('admits the same patient to a second program, and again to a program after discharge', async () => {
    const s = await setup();
    const first = await admitVia(s);
    await admitVia(s, { programId: s.op });
    const discharged = await call(t, await s.as('director'), 'POST', `/api/v1/episodes/${first.id}/discharge`, {
      dischargedOn: '2026-03-06',
      disposition: 'completed',
      aftercareNote: 'Weekly outpatient therapy',
    });
    expect(discharged.statusCode).toBe(200);
    await admitVia(s, { admittedOn: '2026-03-09' });
    expect(await episodesOf(s.org.organizationId)).toHaveLength(3);
  });

  it("answers 404 for another organization's program and saves nothing", async () => {
    const s = await setup();
    const other = await createTestOrg(t.deps);
    const theirs = await createProgram(t.db, other);
    const response = await call(t, await s.as('admissions'), 'POST', `/api/v1/patients/${s.patientId}/episodes`, {
      programId: theirs,
      admittedOn: '2026-03-02',
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
    expect(await episodesOf(s.org.organizationId)).toEqual([]);
    expect(await auditRows(s.org.organizationId)).toEqual([]);
  });

  it.each([
    ['before the date of birth', { admittedOn: '1990-05-16' }, 400, 'admittedOn'],
    ['more than a year ahead', { admittedOn: '2027-03-12' }, 400, 'admittedOn'],
    ['with 0 expected weeks', { expectedWeeks: 0 }, 400, 'expectedWeeks'],
    ['with no date', { admittedOn: undefined }, 400, 'admittedOn'],
  ])('refuses an admission %s, naming the field', async (_label, body, status, path) => {
    const s = await setup();
    const response = await call(t, await s.as('admissions'), 'POST', `/api/v1/patients/${s.patientId}/episodes`, {
      programId: s.iop,
      admittedOn: '2026-03-02',
      ...body,
    });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.details[0].path).toBe(path);
    expect(await episodesOf(s.org.organizationId)).toEqual([]);
  });

  it('refuses an inactive program with 422 naming programId', async () => {
    const s = await setup();
    await t.db.updateTable('programs').set({ active: false }).where('id', '=', s.iop).execute();
    const response = await call(t, await s.as('admissions'), 'POST', `/api/v1/patients/${s.patientId}/episodes`, {
      programId: s.iop,
      admittedOn: '2026-03-02',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0].path).toBe('programId');
  });

  it("answers 404 for another organization's patient", async () => {
    const s = await setup();
    const other = await createTestOrg(t.deps);
    const theirs = await createPatient(t.db, other);
    const response = await call(t, await s.as('admissions'), 'POST', `/api/v1/patients/${theirs}/episodes`, {
      programId: s.iop,
      admittedOn: '2026-03-02',
    });
    expect(response.statusCode).toBe(404);
    expect(await episodesOf(other.organizationId)).toEqual([]);
  });

  it.each<Role>(['clinician', 'psychiatrist', 'front_desk', 'billing', 'admin', 'auditor'])('is refused to %s', async (role) => {
    const s = await setup();
    const response = await call(t, await s.as(role), 'POST', `/api/v1/patients/${s.patientId}/episodes`, {
      programId: s.iop,
      admittedOn: '2026-03-02',
    });
    expect(response.statusCode).toBe(403);
    expect(await episodesOf(s.org.organizationId)).toEqual([]);
  });
});

describe("listing a patient's episodes", () => {
  it('shows every episode, newest first, with its history, and audits the read with the patient id', async () => {
    const s = await setup();
    const first = await admitVia(s, { admittedOn: '2026-01-05' });
    await call(t, await s.as('clinician'), 'POST', `/api/v1/episodes/${first.id}/transfer`, {
      kind: 'step_down',
      toProgramId: s.op,
      effectiveOn: '2026-02-16',
      reason: 'Met goals',
    });
    const response = await call(t, await s.as('front_desk'), 'GET', `/api/v1/patients/${s.patientId}/episodes`);
    expect(response.statusCode).toBe(200);
    const listed = response.json().episodes;
    expect(listed.map((e: { programName: string; status: string }) => [e.programName, e.status])).toEqual([
      ['Adult OP', 'open'],
      ['Adult IOP mornings', 'closed'],
    ]);
    expect(listed[0].previousEpisodeId).toBe(first.id);
    expect(listed[1].nextEpisodeId).toBe(listed[0].id);
    expect(listed[1].events.map((e: { kind: string }) => e.kind)).toEqual(['admitted', 'stepped_down']);
    expect((await auditRows(s.org.organizationId)).at(-1)).toEqual({
      action: 'episode.listed',
      patient_id: s.patientId,
      entity_id: s.patientId,
      details: { episodes: 2 },
    });
  });

  it.each<Role>(['admin', 'auditor'])('is refused to %s', async (role) => {
    const s = await setup();
    expect((await call(t, await s.as(role), 'GET', `/api/v1/patients/${s.patientId}/episodes`)).statusCode).toBe(403);
  });

  it("answers 404 for another organization's patient", async () => {
    const s = await setup();
    const other = await createTestOrg(t.deps);
    expect(
      (await call(t, await s.as('clinician'), 'GET', `/api/v1/patients/${await createPatient(t.db, other)}/episodes`)).statusCode,
    ).toBe(404);
  });
});

describe('transferring, stepping up or down', () => {
  it('closes the episode, opens one in the target program linked to it, records both sides and ends the weekly plan, in one go', async () => {
    const s = await setup();
    const episode = await admitVia(s, { admittedOn: '2026-01-05' });
    const morning = await createTemplate(t.db, s.org, { programId: s.iop, roomId: null, startsOn: '2026-01-05' });
    const later = await createTemplate(t.db, s.org, {
      programId: s.iop,
      roomId: null,
      startsOn: '2026-01-05',
      daysOfWeek: [5],
      startTime: '13:00',
    });
    await enrol(t.db, s.org, { episodeId: episode.id, templateId: morning, startsOn: '2026-01-05' });
    await enrol(t.db, s.org, { episodeId: episode.id, templateId: later, startsOn: '2026-03-13' });

    const response = await call(t, await s.as('psychiatrist'), 'POST', `/api/v1/episodes/${episode.id}/transfer`, {
      kind: 'step_down',
      toProgramId: s.op,
      effectiveOn: '2026-03-09',
      reason: 'Symptoms improved; keeps weekly therapy',
      expectedWeeks: 12,
    });
    expect(response.statusCode).toBe(200);
    const { closed, opened } = response.json();
    expect(closed).toMatchObject({
      id: episode.id,
      status: 'closed',
      dischargedOn: '2026-03-09',
      disposition: 'stepped_down',
      aftercareNote: null,
      nextEpisodeId: opened.id,
      version: 2,
    });
    expect(opened).toMatchObject({
      programId: s.op,
      levelOfCare: 'OP',
      status: 'open',
      admittedOn: '2026-03-09',
      expectedWeeks: 12,
      previousEpisodeId: episode.id,
    });
    const movement = {
      effective_on: '2026-03-09',
      from_program_id: s.iop,
      to_program_id: s.op,
      from_level: 'IOP',
      to_level: 'OP',
      reason: 'Symptoms improved; keeps weekly therapy',
    };
    expect(await eventsOf(episode.id)).toEqual([expect.objectContaining({ kind: 'admitted' }), { kind: 'stepped_down', ...movement }]);
    expect(await eventsOf(opened.id)).toEqual([{ kind: 'transferred_in', ...movement }]);
    // The running series stops on the transfer date; the one that had not started yet is gone.
    const plan = await t.db
      .selectFrom('episode_enrolments')
      .select(['template_id', 'starts_on', 'ends_on'])
      .where('episode_id', '=', episode.id)
      .execute();
    expect(plan).toEqual([{ template_id: morning, starts_on: '2026-01-05', ends_on: '2026-03-09' }]);
    expect((await auditRows(s.org.organizationId)).at(-1)).toEqual({
      action: 'episode.transferred',
      patient_id: s.patientId,
      entity_id: episode.id,
      details: { kind: 'step_down', toProgramId: s.op, toLevel: 'OP', toEpisodeId: opened.id, enrolmentsEnded: 1, enrolmentsRemoved: 1 },
    });
  });

  it('steps up to PHP and transfers at the same level', async () => {
    const s = await setup();
    const episode = await admitVia(s);
    const evening = await createProgram(t.db, s.org, { name: 'Adult IOP evenings', siteId: s.org.siteIds[1] });
    const moved = await call(t, await s.as('director'), 'POST', `/api/v1/episodes/${episode.id}/transfer`, {
      kind: 'transfer',
      toProgramId: evening,
      effectiveOn: '2026-02-16',
      reason: 'Started a day job',
    });
    expect(moved.json().closed.disposition).toBe('transferred');
    expect(await eventsOf(episode.id)).toEqual([
      expect.objectContaining({ kind: 'admitted' }),
      expect.objectContaining({ kind: 'transferred_out', to_program_id: evening }),
    ]);
    const up = await call(t, await s.as('clinician'), 'POST', `/api/v1/episodes/${moved.json().opened.id}/transfer`, {
      kind: 'step_up',
      toProgramId: s.php,
      effectiveOn: '2026-03-02',
      reason: 'Needs more structure',
    });
    expect(up.statusCode).toBe(200);
    expect(up.json().closed.disposition).toBe('stepped_up');
    expect(up.json().opened).toMatchObject({ levelOfCare: 'PHP', status: 'open' });
  });

  it('steps up to inpatient care as a discharge with a referral note and no new episode', async () => {
    const s = await setup();
    const episode = await admitVia(s);
    const response = await call(t, await s.as('psychiatrist'), 'POST', `/api/v1/episodes/${episode.id}/transfer`, {
      kind: 'step_up',
      toInpatient: true,
      effectiveOn: '2026-03-10',
      reason: 'Acute risk; needs 24-hour care',
      referralNote: 'Referred to the county inpatient unit; warm handoff by phone',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().opened).toBeNull();
    expect(response.json().closed).toMatchObject({
      status: 'closed',
      disposition: 'stepped_up',
      dischargedOn: '2026-03-10',
      aftercareNote: 'Referred to the county inpatient unit; warm handoff by phone',
    });
    expect((await eventsOf(episode.id)).at(-1)).toEqual({
      kind: 'stepped_up',
      effective_on: '2026-03-10',
      from_program_id: s.iop,
      to_program_id: null,
      from_level: 'IOP',
      to_level: 'inpatient',
      reason: 'Acute risk; needs 24-hour care',
    });
    expect(await episodesOf(s.org.organizationId)).toHaveLength(1);
  });

  it.each([
    [
      'a kind that does not match the levels (IOP to PHP as a transfer)',
      (s: Setup) => ({ kind: 'transfer', toProgramId: s.php }),
      422,
      'kind',
    ],
    ['a step down to inpatient care', () => ({ kind: 'step_down', toInpatient: true, referralNote: 'Unit A' }), 422, 'kind'],
    ['inpatient care without a referral note', () => ({ kind: 'step_up', toInpatient: true }), 400, 'referralNote'],
    ['no target at all', () => ({ kind: 'step_up' }), 400, 'toProgramId'],
    ['the program the patient is already in', (s: Setup) => ({ kind: 'transfer', toProgramId: s.iop }), 422, 'toProgramId'],
    [
      'a date before the admission',
      (s: Setup) => ({ kind: 'step_down', toProgramId: s.op, effectiveOn: '2026-02-01' }),
      400,
      'effectiveOn',
    ],
    [
      'a date after today at the site',
      (s: Setup) => ({ kind: 'step_down', toProgramId: s.op, effectiveOn: '2026-03-11' }),
      400,
      'effectiveOn',
    ],
    ['no reason', (s: Setup) => ({ kind: 'step_down', toProgramId: s.op, reason: ' ' }), 400, 'reason'],
  ])('refuses %s, naming the field, and leaves the episode open and untouched', async (_label, body, status, path) => {
    const s = await setup();
    const episode = await admitVia(s);
    const before = await snapshot(s.org.organizationId);
    const response = await call(t, await s.as('director'), 'POST', `/api/v1/episodes/${episode.id}/transfer`, {
      effectiveOn: '2026-03-02',
      reason: 'Clinical review',
      ...body(s),
    });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.details[0].path).toBe(path);
    expect(await snapshot(s.org.organizationId)).toEqual(before);
  });

  it("answers 404 for another organization's program and leaves the original episode open", async () => {
    const s = await setup();
    const episode = await admitVia(s);
    const other = await createTestOrg(t.deps);
    const theirs = await createProgram(t.db, other, { level_of_care: 'OP' });
    const before = await snapshot(s.org.organizationId);
    const response = await call(t, await s.as('director'), 'POST', `/api/v1/episodes/${episode.id}/transfer`, {
      kind: 'step_down',
      toProgramId: theirs,
      effectiveOn: '2026-03-02',
      reason: 'Moved',
    });
    expect(response.statusCode).toBe(404);
    expect(await snapshot(s.org.organizationId)).toEqual(before);
    expect(await episodesOf(other.organizationId)).toEqual([]);
  });

  it('refuses an inactive target program with 422 and leaves the original episode open', async () => {
    const s = await setup();
    const episode = await admitVia(s);
    await t.db.updateTable('programs').set({ active: false }).where('id', '=', s.op).execute();
    const before = await snapshot(s.org.organizationId);
    const response = await call(t, await s.as('director'), 'POST', `/api/v1/episodes/${episode.id}/transfer`, {
      kind: 'step_down',
      toProgramId: s.op,
      effectiveOn: '2026-03-02',
      reason: 'Improved',
    });
    expect(response.statusCode).toBe(422);
    expect(await snapshot(s.org.organizationId)).toEqual(before);
  });

  it('answers 409 when the patient already has an open episode in the target program', async () => {
    const s = await setup();
    const episode = await admitVia(s);
    await admitVia(s, { programId: s.op });
    const before = await snapshot(s.org.organizationId);
    const response = await call(t, await s.as('director'), 'POST', `/api/v1/episodes/${episode.id}/transfer`, {
      kind: 'step_down',
      toProgramId: s.op,
      effectiveOn: '2026-03-02',
      reason: 'Improved',
    });
    expect(response.statusCode).toBe(409);
    expect(await snapshot(s.org.organizationId)).toEqual(before);
  });

  it('answers 409 for an episode already closed', async () => {
    const s = await setup();
    const episode = await admitVia(s);
    await call(t, await s.as('director'), 'POST', `/api/v1/episodes/${episode.id}/discharge`, {
      dischargedOn: '2026-03-06',
      disposition: 'completed',
      aftercareNote: 'Alumni group',
    });
    const response = await call(t, await s.as('director'), 'POST', `/api/v1/episodes/${episode.id}/transfer`, {
      kind: 'step_down',
      toProgramId: s.op,
      effectiveOn: '2026-03-09',
      reason: 'Improved',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('CONFLICT');
  });

  it.each<Role>(['front_desk', 'billing', 'admin', 'auditor'])('is refused to %s', async (role) => {
    const s = await setup();
    const episode = await admitVia(s);
    const response = await call(t, await s.as(role), 'POST', `/api/v1/episodes/${episode.id}/transfer`, {
      kind: 'step_down',
      toProgramId: s.op,
      effectiveOn: '2026-03-02',
      reason: 'Improved',
    });
    expect(response.statusCode).toBe(403);
  });

  it('saves nothing when a write late in the transfer fails (the audit event)', async () => {
    const fresh = await freshDatabase();
    const own = await testApp({ databaseUrl: fresh.url });
    own.clock.current = NOW;
    try {
      const org = await createTestOrg(own.deps);
      const patientId = await createPatient(own.db, org);
      const iop = await createProgram(own.db, org);
      const op = await createProgram(own.db, org, {
        level_of_care: 'OP',
        weekly_floor_minutes: 0,
        weekly_ceiling_minutes: 539,
        min_days_per_week: 0,
        min_billable_days_per_week: 0,
        min_billable_day_minutes: 0,
      });
      const episodeId = await admit(own.db, org, { patientId, programId: iop, admittedOn: '2026-01-05' });
      await enrol(own.db, org, {
        episodeId,
        templateId: await createTemplate(own.db, org, { programId: iop, roomId: null }),
        startsOn: '2026-01-05',
      });
      await sql`
        CREATE FUNCTION fail_transfer_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.action = 'episode.transferred' THEN RAISE EXCEPTION 'audit store unavailable'; END IF;
          RETURN NEW;
        END;
        $$;
        CREATE TRIGGER fail_transfer_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION fail_transfer_audit();
      `.execute(own.db);
      const before = {
        episodes: await own.db.selectFrom('episodes').selectAll().execute(),
        events: await own.db.selectFrom('episode_events').selectAll().execute(),
        enrolments: await own.db.selectFrom('episode_enrolments').selectAll().execute(),
      };
      const session = await sessionFor(own, org.users.director, org.organizationId);
      const response = await call(own, session, 'POST', `/api/v1/episodes/${episodeId}/transfer`, {
        kind: 'step_down',
        toProgramId: op,
        effectiveOn: '2026-03-02',
        reason: 'Improved',
      });
      expect(response.statusCode).toBe(500);
      expect({
        episodes: await own.db.selectFrom('episodes').selectAll().execute(),
        events: await own.db.selectFrom('episode_events').selectAll().execute(),
        enrolments: await own.db.selectFrom('episode_enrolments').selectAll().execute(),
      }).toEqual(before);
    } finally {
      await own.close();
      await fresh.drop();
    }
  });
});

describe('discharging', () => {
  it('closes the episode with disposition and aftercare note, ends the weekly plan at that date and audits it', async () => {
    const s = await setup();
    const episode = await admitVia(s);
    const templateId = await createTemplate(t.db, s.org, { programId: s.iop, roomId: null });
    await enrol(t.db, s.org, { episodeId: episode.id, templateId, startsOn: '2026-02-02' });
    const response = await call(t, await s.as('clinician'), 'POST', `/api/v1/episodes/${episode.id}/discharge`, {
      dischargedOn: '2026-03-06',
      disposition: 'completed',
      aftercareNote: 'Weekly outpatient therapy; alumni group on Thursdays',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'closed',
      dischargedOn: '2026-03-06',
      disposition: 'completed',
      aftercareNote: 'Weekly outpatient therapy; alumni group on Thursdays',
      version: 2,
    });
    expect(response.json().events.at(-1)).toMatchObject({
      kind: 'discharged',
      effectiveOn: '2026-03-06',
      fromProgramId: s.iop,
      fromLevel: 'IOP',
    });
    expect(await t.db.selectFrom('episode_enrolments').select('ends_on').where('episode_id', '=', episode.id).execute()).toEqual([
      { ends_on: '2026-03-06' },
    ]);
    expect((await auditRows(s.org.organizationId)).at(-1)).toEqual({
      action: 'episode.discharged',
      patient_id: s.patientId,
      entity_id: episode.id,
      details: { disposition: 'completed', enrolmentsEnded: 1, enrolmentsRemoved: 0 },
    });
  });

  it.each(['completed', 'stepped_down', 'stepped_up', 'left_against_advice', 'administrative', 'transferred'])(
    'records the disposition %s',
    async (disposition) => {
      const s = await setup();
      const episode = await admitVia(s);
      const response = await call(t, await s.as('admissions'), 'POST', `/api/v1/episodes/${episode.id}/discharge`, {
        dischargedOn: '2026-03-10',
        disposition,
        aftercareNote: 'Follow-up call in one week',
      });
      expect(response.statusCode).toBe(200);
      expect(response.json().disposition).toBe(disposition);
    },
  );

  it.each([
    ['before the admission', { dischargedOn: '2026-02-01' }, 'dischargedOn', 'must not be before the admission on 2026-02-02'],
    ['after today at the site', { dischargedOn: '2026-03-11' }, 'dischargedOn', undefined],
    ['without an aftercare note', { aftercareNote: '' }, 'aftercareNote', 'is required'],
    ['with an unknown disposition', { disposition: 'vanished' }, 'disposition', undefined],
  ])('refuses a discharge %s, naming the field, and leaves the episode open', async (_label, body, path, message) => {
    const s = await setup();
    const episode = await admitVia(s);
    const before = await snapshot(s.org.organizationId);
    const response = await call(t, await s.as('director'), 'POST', `/api/v1/episodes/${episode.id}/discharge`, {
      dischargedOn: '2026-03-06',
      disposition: 'completed',
      aftercareNote: 'Alumni group',
      ...body,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe(path);
    if (message !== undefined) expect(response.json().error.details[0].message).toBe(message);
    expect(await snapshot(s.org.organizationId)).toEqual(before);
  });

  it('closes an admission booked ahead on its own admission date (the patient never started)', async () => {
    const s = await setup();
    const episode = await admitVia(s, { admittedOn: '2026-03-16' });
    const response = await call(t, await s.as('admissions'), 'POST', `/api/v1/episodes/${episode.id}/discharge`, {
      dischargedOn: '2026-03-16',
      disposition: 'administrative',
      aftercareNote: 'Declined the program before starting',
    });
    expect(response.statusCode).toBe(200);
  });

  it('answers a second discharge with 409 and keeps the first one', async () => {
    const s = await setup();
    const episode = await admitVia(s);
    const session = await s.as('director');
    expect(
      (
        await call(t, session, 'POST', `/api/v1/episodes/${episode.id}/discharge`, {
          dischargedOn: '2026-03-06',
          disposition: 'completed',
          aftercareNote: 'First',
        })
      ).statusCode,
    ).toBe(200);
    const again = await call(t, session, 'POST', `/api/v1/episodes/${episode.id}/discharge`, {
      dischargedOn: '2026-03-09',
      disposition: 'administrative',
      aftercareNote: 'Second',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
    const row = await t.db
      .selectFrom('episodes')
      .select(['discharged_on', 'disposition', 'aftercare_note'])
      .where('id', '=', episode.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ discharged_on: '2026-03-06', disposition: 'completed', aftercare_note: 'First' });
  });

  it('lets one of two simultaneous discharges through', async () => {
    const s = await setup();
    const episode = await admitVia(s);
    const session = await s.as('director');
    const body = { dischargedOn: '2026-03-06', disposition: 'completed', aftercareNote: 'Alumni group' };
    const results = await Promise.all([
      call(t, session, 'POST', `/api/v1/episodes/${episode.id}/discharge`, body),
      call(t, session, 'POST', `/api/v1/episodes/${episode.id}/discharge`, body),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(
      await t.db.selectFrom('episode_events').select('id').where('episode_id', '=', episode.id).where('kind', '=', 'discharged').execute(),
    ).toHaveLength(1);
  });

  it("answers 404 for another organization's episode and an unknown one", async () => {
    const s = await setup();
    const other = await createTestOrg(t.deps);
    const theirs = await admit(t.db, other, { patientId: await createPatient(t.db, other), programId: await createProgram(t.db, other) });
    for (const id of [theirs, randomUUID()]) {
      const response = await call(t, await s.as('director'), 'POST', `/api/v1/episodes/${id}/discharge`, {
        dischargedOn: '2026-03-06',
        disposition: 'completed',
        aftercareNote: 'x',
      });
      expect(response.statusCode).toBe(404);
    }
    expect((await episodesOf(other.organizationId))[0]?.status).toBe('open');
  });

  it.each<Role>(['front_desk', 'billing', 'admin', 'auditor'])('is refused to %s', async (role) => {
    const s = await setup();
    const episode = await admitVia(s);
    expect(
      (
        await call(t, await s.as(role), 'POST', `/api/v1/episodes/${episode.id}/discharge`, {
          dischargedOn: '2026-03-06',
          disposition: 'completed',
          aftercareNote: 'x',
        })
      ).statusCode,
    ).toBe(403);
  });
});
