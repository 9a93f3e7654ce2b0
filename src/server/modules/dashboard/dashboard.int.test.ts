import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEDNESDAY_EVENING, iopWeek } from '../../../../test/intensity-fixtures.js';
import { admit, createPatient, createProgram, createSession } from '../../../../test/factories.js';
import { call, createTestOrg, sessionFor, testApp, type TestApp } from '../../../../test/support.js';

let t: TestApp;

beforeAll(async () => {
  t = await testApp();
  t.clock.current = WEDNESDAY_EVENING; // Wednesday 4 November 2026, 20:00 in Chicago
});
afterAll(() => t.close());

async function setup() {
  const org = await createTestOrg(t.deps);
  const fixture = await iopWeek(t.db, org);
  const director = await sessionFor(t, org.users.director, org.organizationId);
  return { org, fixture, director };
}

describe('GET /dashboard', () => {
  it("shows each site's sessions on its own today with expected, recorded and checked-in counts", async () => {
    const { org, fixture, director } = await setup();
    // 23:30 Wednesday in Denver is already Thursday in UTC; it is still today there.
    await createSession(t.db, org, { siteId: org.siteIds[1], startsAt: '2026-11-05T06:30:00Z', minutes: 60, localDate: '2026-11-04' });
    const response = await call(t, director, 'GET', '/api/v1/dashboard');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const north = body.sites.find((site: { siteId: string }) => site.siteId === org.siteIds[0]);
    const south = body.sites.find((site: { siteId: string }) => site.siteId === org.siteIds[1]);
    expect(north).toMatchObject({ today: '2026-11-04', timeZone: 'America/Chicago' });
    expect(north.sessions).toEqual([
      expect.objectContaining({
        sessionId: fixture.sessionIds[2],
        programName: 'Adult IOP mornings',
        status: 'scheduled',
        expectedCount: 4,
        recordedCount: 3,
        checkedInCount: 2,
        dayClosed: false,
      }),
    ]);
    expect(south).toMatchObject({ today: '2026-11-04', sessions: [expect.objectContaining({ expectedCount: 0, recordedCount: 0 })] });
  });

  it('counts open episodes per program', async () => {
    const { org, fixture, director } = await setup();
    const empty = await createProgram(t.db, org, { name: 'Adolescent after-school IOP', population: 'adolescent', siteId: org.siteIds[1] });
    const body = (await call(t, director, 'GET', '/api/v1/dashboard')).json();
    expect(body.census).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ programId: fixture.programId, openEpisodes: 4, levelOfCare: 'IOP', population: 'adult' }),
        expect.objectContaining({ programId: empty, openEpisodes: 0, population: 'adolescent' }),
      ]),
    );
  });

  it('lists patients at risk this week with the reason, worst first', async () => {
    const { fixture, director } = await setup();
    const body = (await call(t, director, 'GET', '/api/v1/dashboard')).json();
    expect(body.atRisk.total).toBe(3);
    expect(body.atRisk.patients.map((p: { patientId: string; status: string }) => [p.patientId, p.status])).toEqual([
      [fixture.patients.missing, 'cannot_meet'],
      [fixture.patients.partial, 'cannot_meet'],
      [fixture.patients.edge, 'at_risk'],
    ]);
    expect(body.atRisk.patients[1]).toMatchObject({
      name: 'partial Weekly',
      week: '2026-W45',
      attendedMinutes: 300,
      remainingMinutes: 180,
      floorMinutes: 540,
      reasons: expect.arrayContaining(['5 h attended and 3 h still scheduled: at most 8 h, 1 h short of the floor of 9 h']),
    });
  });

  it('lists a patient scheduled above the ceiling even when on track', async () => {
    const { fixture, director } = await setup();
    await t.db.updateTable('programs').set({ weekly_ceiling_minutes: 600 }).where('id', '=', fixture.programId).execute();
    const body = (await call(t, director, 'GET', '/api/v1/dashboard')).json();
    expect(body.atRisk.patients.find((p: { patientId: string }) => p.patientId === fixture.patients.steady)).toMatchObject({
      status: 'on_track',
      overCeiling: true,
    });
  });

  it('lists admissions and discharges of the last 7 days', async () => {
    const { org, fixture, director } = await setup();
    const recent = await createPatient(t.db, org, { firstName: 'Recent', lastName: 'Arrival' });
    const recentEpisode = await admit(t.db, org, { patientId: recent, programId: fixture.programId, admittedOn: '2026-11-02' });
    const left = await createPatient(t.db, org, { firstName: 'Left', lastName: 'Early' });
    const leftEpisode = await admit(t.db, org, { patientId: left, programId: fixture.programId, admittedOn: '2026-09-01' });
    await t.db
      .updateTable('episodes')
      .set({ status: 'closed', discharged_on: '2026-11-03', disposition: 'stepped_down' })
      .where('id', '=', leftEpisode)
      .execute();
    const old = await createPatient(t.db, org);
    const oldEpisode = await admit(t.db, org, { patientId: old, programId: fixture.programId, admittedOn: '2026-09-01' });
    await t.db
      .updateTable('episodes')
      .set({ status: 'closed', discharged_on: '2026-10-28', disposition: 'completed' })
      .where('id', '=', oldEpisode)
      .execute();

    const body = (await call(t, director, 'GET', '/api/v1/dashboard')).json();
    expect(body.admissions).toEqual([
      expect.objectContaining({ episodeId: recentEpisode, name: 'Recent Arrival', date: '2026-11-02', transfer: false }),
    ]);
    expect(body.discharges).toEqual([expect.objectContaining({ episodeId: leftEpisode, date: '2026-11-03', disposition: 'stepped_down' })]);
  });

  it('audits the read as one event listing the patients it names', async () => {
    const { org, fixture, director } = await setup();
    await call(t, director, 'GET', '/api/v1/dashboard');
    const events = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', org.organizationId)
      .where('action', '=', 'dashboard.viewed')
      .execute();
    expect(events).toHaveLength(1);
    expect(((events[0]?.details as { patientIds: string[] }).patientIds ?? []).sort()).toEqual(
      [fixture.patients.edge, fixture.patients.missing, fixture.patients.partial].sort(),
    );
  });

  it('shows nothing of another organization', async () => {
    const { director } = await setup();
    const other = await createTestOrg(t.deps);
    const theirs = await iopWeek(t.db, other);
    const text = (await call(t, director, 'GET', '/api/v1/dashboard')).body;
    expect(text).not.toContain(theirs.programId);
    for (const id of Object.values(theirs.patients)) expect(text).not.toContain(id);
    for (const id of other.siteIds) expect(text).not.toContain(id);
  });

  it.each([
    ['front_desk', 403],
    ['admissions', 403],
    ['auditor', 403],
    ['billing', 200],
    ['clinician', 200],
    ['psychiatrist', 200],
    ['admin', 200],
  ] as const)('answers %s with %i', async (role, status) => {
    const org = await createTestOrg(t.deps);
    expect((await call(t, await sessionFor(t, org.users[role], org.organizationId), 'GET', '/api/v1/dashboard')).statusCode).toBe(status);
  });
});
