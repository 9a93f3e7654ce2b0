import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access/roles.js';
import { admit, createPatient, createProgram } from '../../../../test/factories.js';
import { call, createTestOrg, sessionFor, testApp, type TestApp, type TestOrg } from '../../../../test/support.js';
import { censusByProgram, censusBySite, recentMovements } from './census.service.js';

let t: TestApp;
const NOW = new Date('2026-03-10T18:00:00Z');

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

type World = { org: TestOrg; morning: string; op: string; evening: string; patients: string[]; firstEpisode: string };

/**
 * North site: Adult IOP mornings and Adult OP; South site: Adult IOP evenings.
 * Patient 0: IOP mornings from 5 Jan, stepped down to OP on 2 Mar.
 * Patient 1: IOP mornings from 2 Feb, still open.
 * Patient 2: IOP evenings from 9 Feb, discharged 6 Mar.
 * Patient 3: IOP mornings, admission booked for 16 Mar.
 */
async function world(): Promise<World> {
  t.clock.current = NOW;
  const org = await createTestOrg(t.deps);
  const morning = await createProgram(t.db, org, { name: 'Adult IOP mornings' });
  const op = await createProgram(t.db, org, {
    name: 'Adult OP',
    level_of_care: 'OP',
    weekly_floor_minutes: 0,
    weekly_ceiling_minutes: 539,
    min_days_per_week: 0,
    min_billable_days_per_week: 0,
    min_billable_day_minutes: 0,
  });
  const evening = await createProgram(t.db, org, { name: 'Adult IOP evenings', siteId: org.siteIds[1] });
  const patients = [];
  for (let i = 0; i < 4; i += 1) patients.push(await createPatient(t.db, org, { lastName: `Censusperson-${i}` }));
  const [p0, p1, p2, p3] = patients as [string, string, string, string];
  const director = await sessionFor(t, org.users.director, org.organizationId);
  const firstEpisode = await admit(t.db, org, { patientId: p0, programId: morning, admittedOn: '2026-01-05' });
  const moved = await call(t, director, 'POST', `/api/v1/episodes/${firstEpisode}/transfer`, {
    kind: 'step_down',
    toProgramId: op,
    effectiveOn: '2026-03-02',
    reason: 'Improved',
  });
  expect(moved.statusCode).toBe(200);
  await admit(t.db, org, { patientId: p1, programId: morning, admittedOn: '2026-02-02' });
  const evenings = await admit(t.db, org, { patientId: p2, programId: evening, admittedOn: '2026-02-09' });
  const discharged = await call(t, director, 'POST', `/api/v1/episodes/${evenings}/discharge`, {
    dischargedOn: '2026-03-06',
    disposition: 'left_against_advice',
    aftercareNote: 'Crisis line and clinic phone number given',
  });
  expect(discharged.statusCode).toBe(200);
  await admit(t.db, org, { patientId: p3, programId: morning, admittedOn: '2026-03-16' });
  return { org, morning, op, evening, patients, firstEpisode };
}

function counts(body: { programs: { programName: string; openEpisodes: number }[] }) {
  return Object.fromEntries(body.programs.map((program) => [program.programName, program.openEpisodes]));
}

describe('census per program', () => {
  it.each([
    ['2026-03-01', { 'Adult IOP mornings': 2, 'Adult OP': 0, 'Adult IOP evenings': 1 }],
    // Transfer day: counted once, in the program moved to (midnight census).
    ['2026-03-02', { 'Adult IOP mornings': 1, 'Adult OP': 1, 'Adult IOP evenings': 1 }],
    ['2026-03-06', { 'Adult IOP mornings': 1, 'Adult OP': 1, 'Adult IOP evenings': 0 }],
    ['2026-03-16', { 'Adult IOP mornings': 2, 'Adult OP': 1, 'Adult IOP evenings': 0 }],
  ])('counts episodes in care on %s', async (on, expected) => {
    const w = await world();
    const response = await call(t, await sessionFor(t, w.org.users.front_desk, w.org.organizationId), 'GET', `/api/v1/census?on=${on}`);
    expect(response.statusCode).toBe(200);
    expect(counts(response.json())).toEqual(expected);
  });

  it('adds programs up per site and in total', async () => {
    const w = await world();
    const body = (
      await call(t, await sessionFor(t, w.org.users.admin, w.org.organizationId), 'GET', '/api/v1/census?on=2026-03-03')
    ).json();
    expect(body.totalOpenEpisodes).toBe(3);
    expect(
      body.sites.map((site: { siteId: string; programs: number; openEpisodes: number }) => [site.siteId, site.programs, site.openEpisodes]),
    ).toEqual([
      [w.org.siteIds[0], 2, 2],
      [w.org.siteIds[1], 1, 1],
    ]);
  });

  it("counts today at each site's own date", async () => {
    const w = await world();
    await admit(t.db, w.org, { patientId: w.patients[2] ?? '', programId: w.evening, admittedOn: '2026-03-16' });
    // 05:30 UTC on 16 March: already 00:30 in Chicago (north), still 23:30 on the 15th in Denver (south).
    t.clock.current = new Date('2026-03-16T05:30:00Z');
    const body = (await call(t, await sessionFor(t, w.org.users.director, w.org.organizationId), 'GET', '/api/v1/census')).json();
    expect(body.on).toBeNull();
    expect(
      body.programs.map((p: { programName: string; onDate: string; openEpisodes: number }) => [p.programName, p.onDate, p.openEpisodes]),
    ).toEqual([
      ['Adult IOP mornings', '2026-03-16', 2],
      ['Adult OP', '2026-03-16', 1],
      ['Adult IOP evenings', '2026-03-15', 0],
    ]);
  });

  it('is refused to the auditor', async () => {
    const w = await world();
    expect((await call(t, await sessionFor(t, w.org.users.auditor, w.org.organizationId), 'GET', '/api/v1/census')).statusCode).toBe(403);
  });
});

describe('movements', () => {
  it('lists admissions, moves and discharges in the range, newest first, with counts, auditing each patient listed', async () => {
    const w = await world();
    const [p0, p1, p2] = w.patients;
    const response = await call(
      t,
      await sessionFor(t, w.org.users.clinician, w.org.organizationId),
      'GET',
      '/api/v1/census/movements?from=2026-02-02&to=2026-03-10',
    );
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(
      body.movements.map((m: { movement: string; effectiveOn: string; programName: string; patientId: string }) => [
        m.movement,
        m.effectiveOn,
        m.programName,
        m.patientId,
      ]),
    ).toEqual([
      ['discharge', '2026-03-06', 'Adult IOP evenings', p2],
      ['transfer_in', '2026-03-02', 'Adult OP', p0],
      ['transfer_out', '2026-03-02', 'Adult IOP mornings', p0],
      ['admission', '2026-02-09', 'Adult IOP evenings', p2],
      ['admission', '2026-02-02', 'Adult IOP mornings', p1],
    ]);
    expect(body.counts).toEqual({ admissions: 2, discharges: 1, transfers: 1 });
    expect(body.movements[0]).toMatchObject({ disposition: 'left_against_advice', legalLastName: 'Censusperson-2' });
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['patient_id', 'details'])
      .where('organization_id', '=', w.org.organizationId)
      .where('action', '=', 'patient.listed')
      .execute();
    expect(audit.map((row) => row.patient_id).sort()).toEqual([p0, p1, p2].sort());
    expect(audit[0]?.details).toEqual({ via: 'census_movements' });
  });

  it('counts a step up to inpatient care as a discharge', async () => {
    const w = await world();
    const director = await sessionFor(t, w.org.users.director, w.org.organizationId);
    const episodes = (await call(t, director, 'GET', `/api/v1/patients/${w.patients[1] ?? ''}/episodes`)).json().episodes;
    await call(t, director, 'POST', `/api/v1/episodes/${episodes[0].id}/transfer`, {
      kind: 'step_up',
      toInpatient: true,
      effectiveOn: '2026-03-09',
      reason: 'Acute risk',
      referralNote: 'County inpatient unit',
    });
    const body = (await call(t, director, 'GET', '/api/v1/census/movements?from=2026-03-09&to=2026-03-09')).json();
    expect(body.movements).toEqual([
      expect.objectContaining({ movement: 'discharge', kind: 'stepped_up', toLevel: 'inpatient', disposition: 'stepped_up' }),
    ]);
    expect(body.counts).toEqual({ admissions: 0, discharges: 1, transfers: 0 });
  });

  it('covers the last 14 days when no range is given', async () => {
    const w = await world();
    const body = (await call(t, await sessionFor(t, w.org.users.director, w.org.organizationId), 'GET', '/api/v1/census/movements')).json();
    expect([body.from, body.to]).toEqual(['2026-02-25', '2026-03-10']);
    expect(body.movements).toHaveLength(3);
  });

  it.each([
    ['an end before the start', '?from=2026-03-10&to=2026-03-09'],
    ['more than 366 days', '?from=2025-01-01&to=2026-01-02'],
    ['a date that is no date', '?from=2026-02-30'],
  ])('refuses %s with a 400', async (_label, query) => {
    const w = await world();
    const response = await call(
      t,
      await sessionFor(t, w.org.users.director, w.org.organizationId),
      'GET',
      `/api/v1/census/movements${query}`,
    );
    expect(response.statusCode).toBe(400);
  });

  it.each<Role>(['admin', 'auditor'])('is refused to %s (it names patients)', async (role) => {
    const w = await world();
    expect(
      (await call(t, await sessionFor(t, w.org.users[role], w.org.organizationId), 'GET', '/api/v1/census/movements')).statusCode,
    ).toBe(403);
  });
});

describe('functions for the director dashboard', () => {
  it('give the same numbers inside a caller transaction', async () => {
    const w = await world();
    await t.db.transaction().execute(async (trx) => {
      const programs = await censusByProgram(trx, w.org.organizationId, '2026-03-03');
      expect(censusBySite(programs).map((site) => site.openEpisodes)).toEqual([2, 1]);
      const movements = await recentMovements(trx, w.org.organizationId, '2026-03-01', '2026-03-10');
      expect(movements.map((m) => m.movement)).toEqual(['discharge', 'transfer_in', 'transfer_out']);
    });
  });
});
