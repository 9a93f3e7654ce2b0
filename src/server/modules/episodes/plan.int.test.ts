import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access/roles.js';
import { admit, createPatient, createProgram, createTemplate, enrol } from '../../../../test/factories.js';
import { call, createTestOrg, sessionFor, testApp, type TestApp, type TestOrg, type TestSession } from '../../../../test/support.js';

let t: TestApp;

// Tuesday 10 March 2026, noon in Chicago.
beforeAll(async () => {
  t = await testApp();
  t.clock.current = new Date('2026-03-10T18:00:00Z');
});
afterAll(() => t.close());

type Setup = { org: TestOrg; as: (role: Role) => Promise<TestSession>; patientId: string; program: string; episodeId: string };

async function setup(): Promise<Setup> {
  const org = await createTestOrg(t.deps);
  const patientId = await createPatient(t.db, org);
  const program = await createProgram(t.db, org, { name: 'Adult IOP mornings' });
  const episodeId = await admit(t.db, org, { patientId, programId: program, admittedOn: '2026-03-02' });
  return { org, as: (role) => sessionFor(t, org.users[role], org.organizationId), patientId, program, episodeId };
}

function series(s: Setup, input: Partial<Parameters<typeof createTemplate>[2]> = {}) {
  return createTemplate(t.db, s.org, { programId: s.program, roomId: null, startsOn: '2026-01-05', ...input });
}

async function getPlan(s: Setup, role: Role = 'clinician', query = '') {
  const response = await call(t, await s.as(role), 'GET', `/api/v1/episodes/${s.episodeId}/plan${query}`);
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function putPlan(
  s: Setup,
  enrolments: { templateId: string; startsOn?: string; endsOn?: string | null }[],
  version = 1,
  role: Role = 'admissions',
) {
  return call(t, await s.as(role), 'PUT', `/api/v1/episodes/${s.episodeId}/plan`, {
    version,
    enrolments: enrolments.map((row) => ({ startsOn: '2026-03-02', endsOn: null, ...row })),
  });
}

async function enrolmentRows(episodeId: string) {
  return t.db
    .selectFrom('episode_enrolments')
    .select(['template_id', 'starts_on', 'ends_on'])
    .where('episode_id', '=', episodeId)
    .orderBy('template_id')
    .execute();
}

describe('reading the weekly plan', () => {
  it('shows an empty plan as 0 minutes against the program rules, with the series the patient may join, and audits the read', async () => {
    const s = await setup();
    const morning = await series(s, { title: 'CBT skills', daysOfWeek: [1, 2, 4], startTime: '09:00', durationMinutes: 180 });
    const plan = await getPlan(s, 'billing');
    expect(plan).toMatchObject({
      episodeId: s.episodeId,
      patientId: s.patientId,
      episodeStatus: 'open',
      version: 1,
      program: {
        id: s.program,
        levelOfCare: 'IOP',
        population: 'adult',
        timeZone: 'America/Chicago',
        rules: {
          weeklyFloorMinutes: 540,
          weeklyCeilingMinutes: 1140,
          minDaysPerWeek: 3,
          minBillableDaysPerWeek: 3,
          minBillableDayMinutes: 180,
        },
      },
      enrolments: [],
      weekly: { asOf: '2026-03-10', minutes: 0, days: 0, status: 'below_floor' },
    });
    expect(plan.available).toEqual([
      expect.objectContaining({
        templateId: morning,
        title: 'CBT skills',
        daysOfWeek: [1, 2, 4],
        startTime: '09:00',
        durationMinutes: 180,
        programName: 'Adult IOP mornings',
      }),
    ]);
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'patient_id', 'entity_id'])
      .where('organization_id', '=', s.org.organizationId)
      .execute();
    expect(audit).toEqual([{ action: 'episode.plan_viewed', patient_id: s.patientId, entity_id: s.episodeId }]);
  });

  it('counts only the series running on the as-of date', async () => {
    const s = await setup();
    const now = await series(s, { daysOfWeek: [1, 2, 3], durationMinutes: 180 });
    const later = await series(s, { daysOfWeek: [4], durationMinutes: 120 });
    await enrol(t.db, s.org, { episodeId: s.episodeId, templateId: now, startsOn: '2026-03-02' });
    await enrol(t.db, s.org, { episodeId: s.episodeId, templateId: later, startsOn: '2026-03-16' });
    const today = await getPlan(s);
    expect(today.weekly).toMatchObject({ asOf: '2026-03-10', minutes: 540, days: 3, billableDays: 3, status: 'compliant' });
    expect(today.enrolments.map((row: { templateId: string; inEffect: boolean }) => [row.templateId, row.inEffect])).toEqual([
      [now, true],
      [later, false],
    ]);
    const nextWeek = await getPlan(s, 'clinician', '?asOf=2026-03-16');
    expect(nextWeek.weekly).toMatchObject({ asOf: '2026-03-16', minutes: 660, days: 4 });
  });

  it.each<Role>(['admin', 'auditor'])('is refused to %s', async (role) => {
    const s = await setup();
    expect((await call(t, await s.as(role), 'GET', `/api/v1/episodes/${s.episodeId}/plan`)).statusCode).toBe(403);
  });

  it('answers 404 for an unknown episode', async () => {
    const s = await setup();
    expect((await call(t, await s.as('clinician'), 'GET', `/api/v1/episodes/${randomUUID()}/plan`)).statusCode).toBe(404);
  });
});

describe('changing the weekly plan', () => {
  it('replaces the series, returns planned minutes next to the floor and ceiling, moves the version on and audits the change', async () => {
    const s = await setup();
    const cbt = await series(s, { title: 'CBT skills', daysOfWeek: [1, 3], startTime: '09:00', durationMinutes: 180 });
    const dbt = await series(s, { title: 'DBT skills', daysOfWeek: [5], startTime: '09:00', durationMinutes: 180 });
    const response = await putPlan(s, [{ templateId: cbt }, { templateId: dbt, endsOn: '2026-05-29' }]);
    expect(response.statusCode).toBe(200);
    const plan = response.json();
    expect(plan.version).toBe(2);
    expect(plan.weekly).toMatchObject({
      minutes: 540,
      days: 3,
      billableDays: 3,
      status: 'compliant',
      reasons: ["9 h planned on 3 days a week; the plan can meet the program's weekly rules"],
    });
    expect(await enrolmentRows(s.episodeId)).toEqual(
      [
        { template_id: cbt, starts_on: '2026-03-02', ends_on: null },
        { template_id: dbt, starts_on: '2026-03-02', ends_on: '2026-05-29' },
      ].sort((a, b) => a.template_id.localeCompare(b.template_id)),
    );
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'patient_id', 'details'])
      .where('organization_id', '=', s.org.organizationId)
      .where('action', '=', 'episode.plan_changed')
      .execute();
    expect(audit).toEqual([
      { action: 'episode.plan_changed', patient_id: s.patientId, details: { added: [cbt, dbt], removed: [], rows: 2 } },
    ]);

    const smaller = await putPlan(s, [{ templateId: cbt }], 2, 'director');
    expect(smaller.json().weekly).toMatchObject({
      minutes: 360,
      status: 'below_floor',
      reasons: [
        '6 h planned a week; the floor is 9 h',
        '2 days a week planned; the minimum is 3 days',
        '2 days with at least 3 h planned; the minimum is 3 days',
      ],
    });
  });

  it('flags a plan above the ceiling without refusing it', async () => {
    const s = await setup();
    const long = await series(s, { daysOfWeek: [1, 2, 3, 4, 5], durationMinutes: 240 });
    const response = await putPlan(s, [{ templateId: long }]);
    expect(response.statusCode).toBe(200);
    expect(response.json().weekly).toMatchObject({
      minutes: 1200,
      status: 'above_ceiling',
      reasons: ['20 h planned a week; the ceiling is 19 h'],
    });
  });

  it('accepts a series of another program at the same site for the same population', async () => {
    const s = await setup();
    const sibling = await createProgram(t.db, s.org, { name: 'Dual diagnosis IOP', focus: 'dual_diagnosis' });
    const family = await createTemplate(t.db, s.org, {
      programId: sibling,
      roomId: null,
      daysOfWeek: [6],
      startTime: '10:00',
      durationMinutes: 90,
    });
    const response = await putPlan(s, [{ templateId: family }]);
    expect(response.statusCode).toBe(200);
    expect(response.json().enrolments[0]).toMatchObject({ templateId: family, programName: 'Dual diagnosis IOP' });
  });

  it('answers a stale version with 412 and keeps the plan', async () => {
    const s = await setup();
    const cbt = await series(s);
    expect((await putPlan(s, [{ templateId: cbt }])).statusCode).toBe(200);
    const stale = await putPlan(s, []);
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error).toMatchObject({ code: 'STALE_VERSION', details: { yourVersion: 1, currentVersion: 2 } });
    expect(await enrolmentRows(s.episodeId)).toHaveLength(1);
  });

  it.each([
    [
      'a series at another site',
      async (s: Setup) =>
        createTemplate(t.db, s.org, { programId: await createProgram(t.db, s.org, { siteId: s.org.siteIds[1] }), roomId: null }),
      422,
      'enrolments.1.templateId',
    ],
    [
      'a series for adolescents',
      async (s: Setup) =>
        createTemplate(t.db, s.org, { programId: await createProgram(t.db, s.org, { population: 'adolescent' }), roomId: null }),
      422,
      'enrolments.1.templateId',
    ],
    [
      'an inactive series',
      async (s: Setup) => {
        const id = await series(s, { daysOfWeek: [5] });
        await t.db.updateTable('group_templates').set({ active: false }).where('id', '=', id).execute();
        return id;
      },
      422,
      'enrolments.1.templateId',
    ],
    [
      'a series of another organization',
      async () => {
        const other = await createTestOrg(t.deps);
        return createTemplate(t.db, other, { programId: await createProgram(t.db, other), roomId: null, daysOfWeek: [5] });
      },
      400,
      'enrolments.1.templateId',
    ],
    [
      'a series meeting at the same time as another',
      async (s: Setup) => series(s, { title: 'Process group', daysOfWeek: [3], startTime: '11:00', durationMinutes: 60 }),
      422,
      'enrolments.1.templateId',
    ],
  ])('refuses %s, naming the row, and keeps the plan as it was', async (_label, make, status, path) => {
    const s = await setup();
    const first = await series(s, { title: 'CBT skills', daysOfWeek: [1, 3], startTime: '09:00', durationMinutes: 180 });
    await enrol(t.db, s.org, { episodeId: s.episodeId, templateId: first, startsOn: '2026-03-02' });
    const other = await make(s);
    const response = await putPlan(s, [{ templateId: first }, { templateId: other }]);
    expect(response.statusCode).toBe(status);
    expect(response.json().error.details[0].path).toBe(path);
    expect(await enrolmentRows(s.episodeId)).toEqual([{ template_id: first, starts_on: '2026-03-02', ends_on: null }]);
    expect((await t.db.selectFrom('episodes').select('version').where('id', '=', s.episodeId).executeTakeFirstOrThrow()).version).toBe(1);
  });

  it('explains a time clash in words', async () => {
    const s = await setup();
    const cbt = await series(s, { title: 'CBT skills', daysOfWeek: [1, 3], startTime: '09:00', durationMinutes: 180 });
    const process = await series(s, { title: 'Process group', daysOfWeek: [3], startTime: '11:00', durationMinutes: 60 });
    const response = await putPlan(s, [{ templateId: cbt }, { templateId: process }]);
    expect(response.json().error.details[0].message).toBe(
      'Process group and CBT skills meet at the same time on Wednesday 2026-03-04 (11:00–12:00 and 09:00–12:00)',
    );
  });

  it('accepts two series at the same time when their dates never meet, and back-to-back sessions', async () => {
    const s = await setup();
    const spring = await series(s, { title: 'Spring CBT', daysOfWeek: [1], startTime: '09:00', durationMinutes: 180 });
    const summer = await series(s, { title: 'Summer CBT', daysOfWeek: [1], startTime: '09:00', durationMinutes: 180 });
    const after = await series(s, { title: 'Lunch process', daysOfWeek: [1], startTime: '12:00', durationMinutes: 60 });
    const response = await putPlan(s, [
      { templateId: spring, endsOn: '2026-05-31' },
      { templateId: summer, startsOn: '2026-06-01' },
      { templateId: after },
    ]);
    expect(response.statusCode).toBe(200);
  });

  it.each([
    ['a start before the admission', { startsOn: '2026-03-01' }, 'enrolments.0.startsOn'],
    ['an end before the start', { endsOn: '2026-03-01' }, 'enrolments.0.endsOn'],
  ])('refuses %s with a 400 naming the row', async (_label, row, path) => {
    const s = await setup();
    const cbt = await series(s);
    const response = await putPlan(s, [{ templateId: cbt, ...row }]);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe(path);
  });

  it('refuses the same series twice over overlapping dates', async () => {
    const s = await setup();
    const cbt = await series(s);
    const response = await putPlan(s, [{ templateId: cbt }, { templateId: cbt, startsOn: '2026-04-06' }]);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('enrolments.1.startsOn');
  });

  it('answers 409 for a closed episode', async () => {
    const s = await setup();
    await t.db
      .updateTable('episodes')
      .set({ status: 'closed', discharged_on: '2026-03-06', disposition: 'completed', aftercare_note: 'x' })
      .where('id', '=', s.episodeId)
      .execute();
    const response = await putPlan(s, [], 1);
    expect(response.statusCode).toBe(409);
  });

  it.each<Role>(['front_desk', 'psychiatrist', 'billing', 'admin', 'auditor'])('is refused to %s', async (role) => {
    const s = await setup();
    expect((await putPlan(s, [], 1, role)).statusCode).toBe(403);
  });
});
