import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEDNESDAY_EVENING, WEEK, insertAttendance, iopWeek } from '../../../../test/intensity-fixtures.js';
import { admit, createPatient, createProgram, createSession } from '../../../../test/factories.js';
import { call, createTestOrg, sessionFor, testApp, type TestApp } from '../../../../test/support.js';

let t: TestApp;

beforeAll(async () => {
  t = await testApp();
  t.clock.current = WEDNESDAY_EVENING;
});
afterAll(() => t.close());

async function setup() {
  const org = await createTestOrg(t.deps);
  const fixture = await iopWeek(t.db, org);
  const director = await sessionFor(t, org.users.director, org.organizationId);
  return { org, fixture, director };
}

type Row = {
  patientId: string;
  status: string;
  minutes: number;
  daysAttended: number;
  billableDays: number;
  days: unknown[];
  reasons: string[];
};

describe('GET /intensity/weekly', () => {
  it('reports minutes, days, billable days, services per day and status for each patient', async () => {
    const { fixture, director } = await setup();
    const response = await call(t, director, 'GET', `/api/v1/intensity/weekly?week=${WEEK}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.week).toEqual({ key: '2026-W45', monday: '2026-11-02', sunday: '2026-11-08' });
    const byId = new Map<string, Row>(body.rows.map((row: Row) => [row.patientId, row]));
    expect(byId.get(fixture.patients.steady)).toMatchObject({
      minutes: 540,
      daysAttended: 3,
      billableDays: 3,
      status: 'compliant',
      reasons: ["9 h attended on 3 days; the program's weekly rules are met"],
      days: [
        { date: '2026-11-02', minutes: 180, services: 1, billable: true },
        { date: '2026-11-03', minutes: 180, services: 1, billable: true },
        { date: '2026-11-04', minutes: 180, services: 1, billable: true },
      ],
      programId: fixture.programId,
      findings: [],
    });
    expect(body.programs).toEqual([
      {
        programId: fixture.programId,
        programName: 'Adult IOP mornings',
        siteId: expect.any(String),
        levelOfCare: 'IOP',
        timeZone: 'America/Chicago',
        rules: {
          weeklyFloorMinutes: 540,
          weeklyCeilingMinutes: 1140,
          minDaysPerWeek: 3,
          minBillableDaysPerWeek: 3,
          minBillableDayMinutes: 180,
        },
      },
    ]);
    // An absence lists its day with 0 minutes and 0 services; late minutes count.
    expect(byId.get(fixture.patients.partial)).toMatchObject({
      minutes: 300,
      daysAttended: 2,
      billableDays: 1,
      status: 'below_floor',
      days: [
        { date: '2026-11-02', minutes: 180, services: 1, billable: true },
        { date: '2026-11-03', minutes: 0, services: 0, billable: false },
        { date: '2026-11-04', minutes: 120, services: 1, billable: false },
      ],
    });
    expect(byId.get(fixture.patients.partial)).toMatchObject({ findings: ['below_weekly_floor', 'too_few_days', 'too_few_billable_days'] });
    expect(byId.get(fixture.patients.partial)?.reasons).toEqual([
      '5 h attended; the floor is 9 h',
      '2 days attended; the minimum is 3 days',
      '1 day with at least 3 h attended; the minimum is 3 days',
    ]);
    expect(byId.get(fixture.patients.missing)).toMatchObject({ minutes: 0, daysAttended: 0, days: [], status: 'below_floor' });
    expect(body.summary).toEqual({ patients: 4, compliant: 1, belowFloor: 3, aboveCeiling: 0 });
  });

  it('flags a week above the ceiling', async () => {
    const { fixture, director } = await setup();
    await t.db
      .updateTable('programs')
      .set({ weekly_ceiling_minutes: 539, weekly_floor_minutes: 0, min_billable_days_per_week: 0 })
      .where('id', '=', fixture.programId)
      .execute();
    const body = (await call(t, director, 'GET', `/api/v1/intensity/weekly?week=${WEEK}&programId=${fixture.programId}`)).json();
    expect(body.rows.find((row: Row) => row.patientId === fixture.patients.steady)).toMatchObject({
      status: 'above_ceiling',
      reasons: ['9 h attended; the ceiling is 8 h 59 min'],
    });
  });

  it('filters by site and by program, and answers 404 for a site or program of another organization', async () => {
    const { org, fixture, director } = await setup();
    const southProgram = await createProgram(t.db, org, { siteId: org.siteIds[1] });
    const southPatient = await createPatient(t.db, org);
    await admit(t.db, org, { patientId: southPatient, programId: southProgram, admittedOn: '2026-10-01' });

    const north = (await call(t, director, 'GET', `/api/v1/intensity/weekly?week=${WEEK}&siteId=${org.siteIds[0]}`)).json();
    expect(north.rows).toHaveLength(4);
    const south = (await call(t, director, 'GET', `/api/v1/intensity/weekly?week=${WEEK}&siteId=${org.siteIds[1]}`)).json();
    expect(south.rows.map((row: Row) => row.patientId)).toEqual([southPatient]);
    const program = (await call(t, director, 'GET', `/api/v1/intensity/weekly?week=${WEEK}&programId=${fixture.programId}`)).json();
    expect(program.rows).toHaveLength(4);

    const other = await createTestOrg(t.deps);
    expect((await call(t, director, 'GET', `/api/v1/intensity/weekly?week=${WEEK}&siteId=${other.siteIds[0]}`)).statusCode).toBe(404);
    expect((await call(t, director, 'GET', `/api/v1/intensity/weekly?week=${WEEK}&programId=${randomUUID()}`)).statusCode).toBe(404);
  });

  it('leaves out patients whose episodes do not cover the week, and never shows another organization’s patients', async () => {
    const { org, director } = await setup();
    const programId = await createProgram(t.db, org);
    const later = await createPatient(t.db, org);
    await admit(t.db, org, { patientId: later, programId, admittedOn: '2026-11-09' });
    const other = await createTestOrg(t.deps);
    await iopWeek(t.db, other);
    const body = (await call(t, director, 'GET', `/api/v1/intensity/weekly?week=${WEEK}`)).json();
    expect(body.rows).toHaveLength(4);
    expect(body.rows.map((row: Row) => row.patientId)).not.toContain(later);
  });

  it('audits the report as one event listing the patients', async () => {
    const { org, fixture, director } = await setup();
    await call(t, director, 'GET', `/api/v1/intensity/weekly?week=${WEEK}`);
    const events = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', org.organizationId)
      .where('action', '=', 'intensity.weekly_report_viewed')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      user_id: org.users.director.id,
      patient_id: null,
      details: { week: WEEK, patients: 4, siteId: null, programId: null },
    });
    expect(((events[0]?.details as { patientIds: string[] }).patientIds ?? []).sort()).toEqual(Object.values(fixture.patients).sort());
  });

  it.each([
    ['a week that does not exist', 'week=2026-W54'],
    ['W53 of a 52-week year', 'week=2025-W53'],
    ['a date instead of a week', 'week=2026-11-02'],
    ['no week', ''],
    ['an unknown parameter', `week=${WEEK}&sort=name`],
  ])('refuses %s with a 400', async (_label, query) => {
    const { director } = await setup();
    const response = await call(t, director, 'GET', `/api/v1/intensity/weekly?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });

  it.each([
    ['front_desk', 403],
    ['admissions', 403],
    ['auditor', 403],
    ['billing', 200],
    ['admin', 200],
    ['clinician', 200],
    ['psychiatrist', 200],
  ] as const)('answers %s with %i', async (role, status) => {
    const org = await createTestOrg(t.deps);
    const response = await call(
      t,
      await sessionFor(t, org.users[role], org.organizationId),
      'GET',
      `/api/v1/intensity/weekly?week=${WEEK}`,
    );
    expect(response.statusCode).toBe(status);
  });
});

describe('GET /patients/:patientId/intensity', () => {
  it('is on track for a patient who met the week already', async () => {
    const { fixture, director } = await setup();
    const response = await call(t, director, 'GET', `/api/v1/patients/${fixture.patients.steady}/intensity`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      week: { key: WEEK },
      isCurrentWeek: true,
      asOf: WEDNESDAY_EVENING.toISOString(),
      episode: { programId: fixture.programId, timeZone: 'America/Chicago', episodeStatus: 'open' },
      intensity: { minutes: 540, status: 'compliant' },
      forecast: { status: 'on_track', remainingSessions: 1, remainingMinutes: 180, overCeiling: false },
    });
  });

  it('cannot meet the floor when even every remaining session falls short', async () => {
    const { fixture, director } = await setup();
    const body = (await call(t, director, 'GET', `/api/v1/patients/${fixture.patients.partial}/intensity?week=${WEEK}`)).json();
    expect(body.forecast).toMatchObject({ status: 'cannot_meet', minutes: { attended: 300, projected: 480, required: 540 } });
    expect(body.forecast.reasons[0]).toBe('5 h attended and 3 h still scheduled: at most 8 h, 1 h short of the floor of 9 h');
  });

  it('is at risk when the floor needs every remaining session, counting an individual session and skipping a cancelled group', async () => {
    const { fixture, director } = await setup();
    const body = (await call(t, director, 'GET', `/api/v1/patients/${fixture.patients.edge}/intensity`)).json();
    expect(body.forecast).toMatchObject({
      status: 'at_risk',
      remainingSessions: 2,
      remainingMinutes: 240,
      minutes: { status: 'at_risk', attended: 360, projected: 600, afterOneMiss: 420 },
      days: { status: 'on_track', projected: 4 },
      billableDays: { status: 'at_risk', attended: 2, projected: 3 },
    });
  });

  it('stops counting a session as remaining once it has attendance', async () => {
    const { org, fixture, director } = await setup();
    await insertAttendance(t.db, org, fixture.sessionIds[3] ?? '', fixture.patients.edge, 'absent_excused', 0);
    const body = (await call(t, director, 'GET', `/api/v1/patients/${fixture.patients.edge}/intensity`)).json();
    expect(body.forecast).toMatchObject({ status: 'cannot_meet', remainingSessions: 1, remainingMinutes: 60 });
  });

  it('flags a schedule above the ceiling without changing the status', async () => {
    const { fixture, director } = await setup();
    await t.db.updateTable('programs').set({ weekly_ceiling_minutes: 600 }).where('id', '=', fixture.programId).execute();
    const body = (await call(t, director, 'GET', `/api/v1/patients/${fixture.patients.steady}/intensity`)).json();
    expect(body.forecast).toMatchObject({ status: 'on_track', overCeiling: true });
    expect(body.forecast.reasons).toContain('9 h attended and 3 h still scheduled would make 12 h; the weekly ceiling is 10 h');
  });

  it('judges a past week as final and a future week as all still ahead', async () => {
    const { fixture, director } = await setup();
    const past = (await call(t, director, 'GET', `/api/v1/patients/${fixture.patients.steady}/intensity?week=2026-W44`)).json();
    expect(past).toMatchObject({
      isCurrentWeek: false,
      asOf: '2026-11-02T05:59:59.999Z',
      intensity: { minutes: 0 },
      forecast: { remainingSessions: 0, status: 'cannot_meet' },
    });
    const future = (await call(t, director, 'GET', `/api/v1/patients/${fixture.patients.steady}/intensity?week=2026-W46`)).json();
    expect(future).toMatchObject({ isCurrentWeek: false, asOf: '2026-11-09T06:00:00.000Z', forecast: { remainingSessions: 0 } });
  });

  it('answers a patient without an episode with nulls', async () => {
    const org = await createTestOrg(t.deps);
    const patientId = await createPatient(t.db, org);
    await createSession(t.db, org, {
      kind: 'individual_therapy',
      patientId,
      startsAt: '2026-11-06T20:00:00Z',
      localDate: '2026-11-06',
      minutes: 50,
    });
    const body = (
      await call(t, await sessionFor(t, org.users.clinician, org.organizationId), 'GET', `/api/v1/patients/${patientId}/intensity`)
    ).json();
    expect(body).toMatchObject({ episode: null, rules: null, intensity: null, forecast: null, week: { key: '2026-W45' } });
  });

  it('audits the read with the patient id', async () => {
    const { org, fixture, director } = await setup();
    await call(t, director, 'GET', `/api/v1/patients/${fixture.patients.steady}/intensity`);
    const events = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', org.organizationId)
      .where('action', '=', 'intensity.patient_viewed')
      .execute();
    expect(events).toEqual([
      expect.objectContaining({ patient_id: fixture.patients.steady, entity_id: fixture.patients.steady, details: { week: WEEK } }),
    ]);
  });

  it('answers 404 for an unknown patient and for another organization’s patient', async () => {
    const { director } = await setup();
    const other = await setup();
    expect((await call(t, director, 'GET', `/api/v1/patients/${randomUUID()}/intensity`)).statusCode).toBe(404);
    expect((await call(t, director, 'GET', `/api/v1/patients/${other.fixture.patients.steady}/intensity`)).statusCode).toBe(404);
  });

  it('refuses front desk with a 403 and a bad week with a 400', async () => {
    const { org, fixture, director } = await setup();
    const frontDesk = await sessionFor(t, org.users.front_desk, org.organizationId);
    expect((await call(t, frontDesk, 'GET', `/api/v1/patients/${fixture.patients.steady}/intensity`)).statusCode).toBe(403);
    expect((await call(t, director, 'GET', `/api/v1/patients/${fixture.patients.steady}/intensity?week=45`)).statusCode).toBe(400);
  });
});
