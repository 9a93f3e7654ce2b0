import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access/roles.js';
import { findEnabledInstrument } from '../../../domain/instruments/library.js';
import { admit, createPatient, createProgram } from '../../../../test/factories.js';
import { auditActions, call, createTestOrg, sessionFor, testApp, type TestOrg, type TestSession } from '../../../../test/support.js';
import { answersForTotal } from '../demo/demo-measures.js';
import { score, storeResponse } from '../measures/measure-scoring.js';
import type { OutcomesReport } from './outcomes.service.js';
import type { PatientTrendsDto } from './trends.service.js';

// Trends and population outcomes (issue #5, docs/domain/outcomes.md). The expected outcome numbers
// are worked out by hand below, from responses stored through the measures module's scorer.

const t = await testApp();
t.clock.current = new Date('2026-11-20T16:00:00Z');
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
  other = await createTestOrg(t.deps);
});
afterAll(() => t.close());

const signIn = (role: Role = 'director', own: TestOrg = org): Promise<TestSession> => sessionFor(t, own.users[role], own.organizationId);

/** Stores a staff-entered response with answers adding up to `total` (or an incomplete form for null). */
async function respond(patientId: string, episodeId: string, at: string, total: number | null, code = 'phq-9'): Promise<void> {
  const instrument = findEnabledInstrument(code);
  if (!instrument) throw new Error(`no instrument ${code}`);
  const answers: Record<string, number | null> = answersForTotal(instrument, total ?? 3, ['9']);
  if (total === null) answers['2'] = null;
  await t.db.transaction().execute((trx) =>
    storeResponse(t.deps, trx, {
      organizationId: org.organizationId,
      patientId,
      episodeId,
      instrument,
      answers,
      score: score(instrument, answers),
      source: 'staff_entry',
      enteredBy: org.users.clinician.id,
      linkId: null,
      administeredAt: new Date(at),
      now: new Date(at),
      requestId: null,
      clientIp: null,
    }),
  );
}

async function patientIn(programId: string, admittedOn: string, series: [string, number | null][]) {
  const patientId = await createPatient(t.db, org);
  const episodeId = await admit(t.db, org, { patientId, programId, admittedOn });
  for (const [at, total] of series) await respond(patientId, episodeId, at, total);
  return { patientId, episodeId };
}

describe('population outcomes, checked against a hand computation', () => {
  // The program's site is America/Chicago (createTestOrg's first site); the period is October 2026.
  const period = 'from=2026-10-01&to=2026-10-31&instrument=phq-9';
  let programId = '';
  let p1 = { patientId: '', episodeId: '' };

  beforeAll(async () => {
    programId = await createProgram(t.db, org);
    // P1: baseline 20 before the period, last follow-up 4: change -16; response (80% drop), remission (4 < 5),
    // reliable improvement (16 > 1.96 * 2.674 = 5.24).
    p1 = await patientIn(programId, '2026-09-28', [
      ['2026-09-28T15:00:00Z', 20],
      ['2026-10-12T15:00:00Z', 12],
      ['2026-10-26T15:00:00Z', 4],
    ]);
    // P2: 14 -> 7: change -7; response at exactly 50%, no remission (7), reliable improvement (7 > 5.24).
    await patientIn(programId, '2026-10-05', [
      ['2026-10-05T15:00:00Z', 14],
      ['2026-10-19T15:00:00Z', 7],
    ]);
    // P3: 10 -> 15: change +5; not reliable (5 < 5.24).
    await patientIn(programId, '2026-10-05', [
      ['2026-10-05T15:00:00Z', 10],
      ['2026-10-19T15:00:00Z', 15],
    ]);
    // P4: 9 -> 16: change +7; reliable deterioration.
    await patientIn(programId, '2026-10-05', [
      ['2026-10-05T15:00:00Z', 9],
      ['2026-10-20T15:00:00Z', 16],
    ]);
    // P5: a baseline of 12 and then only an incomplete form: no follow-up.
    await patientIn(programId, '2026-10-20', [
      ['2026-10-20T15:00:00Z', 12],
      ['2026-10-27T15:00:00Z', null],
    ]);
    // P6: 12, then 9 at 2026-11-01T03:00Z = Oct 31, 22:00 in Chicago (inside the period) and 2 at
    // 06:00Z = Nov 1, 01:00 CDT, the night DST ends (outside): follow-up 9, change -3, nothing else.
    await patientIn(programId, '2026-10-05', [
      ['2026-10-05T15:00:00Z', 12],
      ['2026-11-01T03:00:00Z', 9],
      ['2026-11-01T06:00:00Z', 2],
    ]);
    // P7: only GAD-7: an episode in the period without a PHQ-9 baseline.
    const p7 = await patientIn(programId, '2026-10-05', []);
    await respond(p7.patientId, p7.episodeId, '2026-10-05T15:00:00Z', 10, 'gad-7');
    // P8: discharged before the period: not counted at all.
    const p8 = await patientIn(programId, '2026-08-03', [
      ['2026-08-03T15:00:00Z', 22],
      ['2026-09-14T15:00:00Z', 3],
    ]);
    await t.db
      .updateTable('episodes')
      .set({ status: 'closed', discharged_on: '2026-09-20', disposition: 'completed' })
      .where('id', '=', p8.episodeId)
      .execute();
    // P9: another program of the same organization: not counted.
    await patientIn(await createProgram(t.db, org), '2026-10-05', [
      ['2026-10-05T15:00:00Z', 24],
      ['2026-10-19T15:00:00Z', 0],
    ]);
  });

  it('returns exactly the hand-computed counts and rates', async () => {
    const response = await call(t, await signIn('director'), 'GET', `/api/v1/outcomes?programId=${programId}&${period}`);
    expect(response.statusCode).toBe(200);
    const report = response.json<OutcomesReport>();
    expect(report).toMatchObject({
      from: '2026-10-01',
      to: '2026-10-31',
      timeZone: 'America/Chicago',
      instrument: { code: 'phq-9', name: 'PHQ-9' },
      // P1-P7 overlap October; P8 was discharged in September; P9 is in another program.
      episodes: 7,
      // P1-P6 (P7 has no PHQ-9).
      withBaseline: 6,
      // P1, P2, P3, P4, P6 (P5's second form is incomplete): 5 / 6 = 83.33% -> 83.3.
      withFollowUp: 5,
      followUp: { numerator: 5, denominator: 6, percent: 83.3 },
      // (-16 - 7 + 5 + 7 - 3) / 5 = -14 / 5 = -2.8
      meanChange: { sum: -14, count: 5, mean: -2.8 },
      // P1, P2: 2 / 5 = 40%.
      response: { numerator: 2, denominator: 5, percent: 40 },
      // P1: 1 / 5 = 20%.
      remission: { numerator: 1, denominator: 5, percent: 20 },
      // P1, P2: 2 / 5; P4: 1 / 5.
      reliableImprovement: { numerator: 2, denominator: 5, percent: 40 },
      reliableDeterioration: { numerator: 1, denominator: 5, percent: 20 },
      reliabilityVerified: false,
    });
    expect(report.reliabilitySources).toHaveLength(2);
  });

  it('exports the same numbers as CSV, audited as an export', async () => {
    const response = await call(t, await signIn('director'), 'GET', `/api/v1/outcomes.csv?programId=${programId}&${period}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="outcomes-phq-9-2026-10-01-to-2026-10-31.csv"');
    const lines = response.body.trim().split('\n');
    expect(lines[0]).toBe('program_id,instrument,from,to,measure,numerator,denominator,value,reliability_verified');
    const cells = (measure: string) =>
      lines
        .find((line) => line.split(',')[4] === measure)
        ?.split(',')
        .slice(5, 8);
    expect(cells('episodes_in_period')).toEqual(['', '', '7']);
    expect(cells('with_follow_up_percent')).toEqual(['5', '6', '83.3']);
    expect(cells('mean_change')).toEqual(['-14', '5', '-2.8']);
    expect(cells('response_percent')).toEqual(['2', '5', '40']);
    expect(cells('remission_percent')).toEqual(['1', '5', '20']);
    expect(cells('reliable_deterioration_percent')).toEqual(['1', '5', '20']);
    expect(response.body).not.toContain('Testpatient');
    const actions = await auditActions(t.db, org.organizationId);
    expect(actions).toContain('outcomes.report_viewed');
    expect(actions).toContain('outcomes.report_exported');
  });

  it('counts GAD-7 on its own and refuses instruments that are not outcome measures', async () => {
    const session = await signIn('clinician');
    const gad = await call(t, session, 'GET', `/api/v1/outcomes?programId=${programId}&from=2026-10-01&to=2026-10-31&instrument=GAD-7`);
    expect(gad.statusCode).toBe(200);
    expect(gad.json<OutcomesReport>()).toMatchObject({ episodes: 7, withBaseline: 1, withFollowUp: 0, meanChange: { mean: null } });
    for (const instrument of ['asq', 'audit-c', 'nope']) {
      const refused = await call(t, session, 'GET', `/api/v1/outcomes?programId=${programId}&instrument=${instrument}`);
      expect(refused.statusCode).toBe(400);
    }
  });

  it('refuses bad dates, unknown and other organizations’ programs, and roles without access', async () => {
    const director = await signIn('director');
    const url = (query: string) => `/api/v1/outcomes?${query}`;
    expect((await call(t, director, 'GET', url(`programId=${programId}&from=2026-13-01`))).statusCode).toBe(400);
    expect((await call(t, director, 'GET', url(`programId=${programId}&from=2026-10-31&to=2026-10-01`))).statusCode).toBe(400);
    expect((await call(t, director, 'GET', url(`programId=${programId}&from=2020-01-01&to=2026-01-01`))).statusCode).toBe(400);
    expect((await call(t, director, 'GET', url('programId=not-a-uuid'))).statusCode).toBe(400);
    expect((await call(t, director, 'GET', url(`programId=${programId}&extra=1`))).statusCode).toBe(400);
    expect((await call(t, director, 'GET', url('programId=00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
    expect((await call(t, await signIn('director', other), 'GET', url(`programId=${programId}`))).statusCode).toBe(404);
    expect((await call(t, await signIn('director', other), 'GET', `/api/v1/outcomes.csv?programId=${programId}`)).statusCode).toBe(404);
    for (const role of ['admin', 'auditor', 'billing', 'front_desk', 'admissions'] as const) {
      expect((await call(t, await signIn(role), 'GET', url(`programId=${programId}`))).statusCode).toBe(403);
      expect((await call(t, await signIn(role), 'GET', `/api/v1/outcomes.csv?programId=${programId}`)).statusCode).toBe(403);
    }
    expect((await call(t, null, 'GET', url(`programId=${programId}`))).statusCode).toBe(401);
  });

  it('defaults to the last 90 days at the site', async () => {
    const response = await call(t, await signIn('psychiatrist'), 'GET', `/api/v1/outcomes?programId=${programId}`);
    expect(response.statusCode).toBe(200);
    // The clock is 2026-11-20T16:00Z = 10:00 in Chicago; 89 days before Nov 20 is Aug 23.
    expect(response.json<OutcomesReport>()).toMatchObject({ from: '2026-08-23', to: '2026-11-20', instrument: { code: 'phq-9' } });
  });

  describe('a patient’s trends', () => {
    it('gives each response as a point with baseline, markers, bands and the level-of-care changes, audited', async () => {
      await t.db
        .insertInto('episode_events')
        .values({
          organization_id: org.organizationId,
          episode_id: p1.episodeId,
          kind: 'stepped_down',
          effective_on: '2026-10-19',
          from_level: 'IOP',
          to_level: 'OP',
        })
        .execute();
      await t.db
        .insertInto('loc_assessments')
        .values({
          organization_id: org.organizationId,
          patient_id: p1.patientId,
          episode_id: p1.episodeId,
          pack_id: 'openiop_default',
          pack_version: 1,
          ratings: '[]',
          recommended_level: 'OP',
          recommendation_reasons: '[]',
          final_level: 'OP',
          assessed_by: org.users.clinician.id,
          // 02:00Z on Oct 16 is still Oct 15 in Chicago.
          assessed_at: new Date('2026-10-16T02:00:00Z'),
        })
        .execute();
      await respond(p1.patientId, p1.episodeId, '2026-10-05T15:00:00Z', null);
      const response = await call(t, await signIn('clinician'), 'GET', `/api/v1/patients/${p1.patientId}/trends`);
      expect(response.statusCode).toBe(200);
      const trends = response.json<PatientTrendsDto>();
      expect(trends.instruments.map((i) => i.code)).toEqual(['phq-9']);
      const phq = trends.instruments[0];
      expect(phq?.range).toEqual({ min: 0, max: 27 });
      expect(phq?.bands.map((b) => b.name)).toEqual(['minimal', 'mild', 'moderate', 'moderately severe', 'severe']);
      expect(phq?.reliability?.verified).toBe(false);
      expect(phq?.baselines).toEqual([{ episodeId: p1.episodeId, administeredAt: '2026-09-28T15:00:00.000Z', total: 20 }]);
      expect(phq?.points.map((p) => [p.total, p.band, p.change, p.response, p.remission, p.reliable])).toEqual([
        [20, 'severe', 0, false, false, 'none'],
        // 20 -> 12: 40% drop, 8 > 5.24 points.
        [12, 'moderate', -8, false, false, 'improvement'],
        [4, 'minimal', -16, true, true, 'improvement'],
      ]);
      expect(phq?.incomplete.map((r) => r.administeredAt)).toEqual(['2026-10-05T15:00:00.000Z']);
      expect(trends.levelOfCare).toEqual([
        { kind: 'admitted', date: '2026-09-28', fromLevel: null, toLevel: 'IOP' },
        { kind: 'assessment', date: '2026-10-15', fromLevel: null, toLevel: 'OP' },
        { kind: 'stepped_down', date: '2026-10-19', fromLevel: 'IOP', toLevel: 'OP' },
      ]);
      const audit = await t.db
        .selectFrom('audit_events')
        .select(['action', 'patient_id'])
        .where('organization_id', '=', org.organizationId)
        .where('action', '=', 'patient_trends.viewed')
        .execute();
      expect(audit).toEqual([{ action: 'patient_trends.viewed', patient_id: p1.patientId }]);
    });

    it('is refused to other roles and hidden from other organizations', async () => {
      const url = `/api/v1/patients/${p1.patientId}/trends`;
      for (const role of ['admin', 'admissions', 'front_desk', 'billing', 'auditor'] as const)
        expect((await call(t, await signIn(role), 'GET', url)).statusCode).toBe(403);
      expect((await call(t, await signIn('clinician', other), 'GET', url)).statusCode).toBe(404);
      expect((await call(t, await signIn('psychiatrist'), 'GET', url)).statusCode).toBe(200);
      expect((await call(t, await signIn('director'), 'GET', '/api/v1/patients/not-a-uuid/trends')).statusCode).toBe(400);
    });

    it('is empty for a patient without responses', async () => {
      const patientId = await createPatient(t.db, org);
      const response = await call(t, await signIn('clinician'), 'GET', `/api/v1/patients/${patientId}/trends`);
      expect(response.json<PatientTrendsDto>()).toEqual({ patientId, instruments: [], levelOfCare: [] });
    });
  });
});
