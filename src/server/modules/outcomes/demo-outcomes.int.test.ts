import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, sessionFor, testAppOnFreshDatabase, type TestApp } from '../../../../test/support.js';
import { seedDemo } from '../demo/demo.service.js';
import type { OutcomesReport } from './outcomes.service.js';

// The outcome report on the demo data must equal a computation made another way (issue #5): plain
// SQL picks each episode's baseline and follow-up, and a few lines of arithmetic here give the
// numbers, with the Jacobson-Truax line worked out from the instrument's published SD and alpha.

let t: TestApp;
let organizationId = '';

beforeAll(async () => {
  t = await testAppOnFreshDatabase(new Date('2026-11-10T16:00:00Z'));
  await seedDemo(t.deps);
  const org = await t.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
  organizationId = org.id;
});
afterAll(() => t.close());

const FROM = '2026-09-01';
const TO = '2026-11-10';
/** 1.96 * SD * sqrt(2) * sqrt(1 - alpha): PHQ-9 5.7 and 0.89, GAD-7 5.0 and 0.92 (instrument data, unverified). */
const RELIABLE = { 'phq-9': 1.96 * 5.7 * Math.sqrt(2) * Math.sqrt(0.11), 'gad-7': 1.96 * 5.0 * Math.sqrt(2) * Math.sqrt(0.08) };

type Pair = { baseline: number; follow_up: number | null };

async function pairs(programId: string, instrument: string): Promise<Pair[]> {
  const result = await sql<Pair>`
    WITH eps AS (
      SELECT e.id, s.time_zone FROM episodes e
      JOIN programs p ON p.id = e.program_id JOIN sites s ON s.id = p.site_id
      WHERE e.program_id = ${programId} AND e.admitted_on <= ${TO}::date
        AND (e.discharged_on IS NULL OR e.discharged_on >= ${FROM}::date)
    ),
    complete AS (
      SELECT r.*, eps.time_zone, (r.administered_at AT TIME ZONE eps.time_zone)::date AS local_date
      FROM measure_responses r JOIN eps ON eps.id = r.episode_id
      WHERE r.instrument_code = ${instrument} AND r.complete
    ),
    baseline AS (
      SELECT DISTINCT ON (episode_id) episode_id, id, total, administered_at, local_date
      FROM complete ORDER BY episode_id, administered_at, id
    )
    SELECT b.total AS baseline,
      (SELECT c.total FROM complete c
        WHERE c.episode_id = b.episode_id AND c.administered_at > b.administered_at
          AND c.local_date BETWEEN ${FROM}::date AND ${TO}::date
        ORDER BY c.administered_at DESC, c.id DESC LIMIT 1) AS follow_up
    FROM baseline b WHERE b.local_date <= ${TO}::date
  `.execute(t.db);
  return result.rows;
}

const percent = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

it('gives the same numbers as an independent computation for every demo program, PHQ-9 and GAD-7', async () => {
  const director = await t.db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select('u.id')
    .where('r.role', '=', 'director')
    .executeTakeFirstOrThrow();
  const session = await sessionFor(t, director, organizationId);
  const programs = await t.db.selectFrom('programs').select('id').where('organization_id', '=', organizationId).execute();
  let followedUp = 0;
  for (const program of programs) {
    const episodes = await sql<{ n: string }>`
      SELECT count(*) AS n FROM episodes WHERE program_id = ${program.id} AND admitted_on <= ${TO}::date
        AND (discharged_on IS NULL OR discharged_on >= ${FROM}::date)`.execute(t.db);
    for (const instrument of ['phq-9', 'gad-7'] as const) {
      const rows = await pairs(program.id, instrument);
      const followed = rows.flatMap((row) => (row.follow_up === null ? [] : [{ baseline: row.baseline, followUp: row.follow_up }]));
      const n = followed.length;
      followedUp += n;
      const count = (test: (p: { baseline: number; followUp: number }) => boolean) => followed.filter(test).length;
      const sum = followed.reduce((total, p) => total + (p.followUp - p.baseline), 0);
      const response = count((p) => p.baseline > 0 && p.followUp * 2 <= p.baseline);
      const remission = count((p) => p.followUp < 5);
      const improved = count((p) => p.baseline - p.followUp > RELIABLE[instrument]);
      const deteriorated = count((p) => p.followUp - p.baseline > RELIABLE[instrument]);

      const url = `/api/v1/outcomes?programId=${program.id}&from=${FROM}&to=${TO}&instrument=${instrument}`;
      const reply = await call(t, session, 'GET', url);
      expect(reply.statusCode).toBe(200);
      expect(reply.json<OutcomesReport>()).toMatchObject({
        episodes: Number(episodes.rows[0]?.n),
        withBaseline: rows.length,
        withFollowUp: n,
        followUp: { numerator: n, denominator: rows.length, percent: percent(n, rows.length) },
        meanChange: { sum, count: n, mean: n === 0 ? null : Math.round((sum / n) * 100) / 100 },
        response: { numerator: response, denominator: n, percent: percent(response, n) },
        remission: { numerator: remission, denominator: n, percent: percent(remission, n) },
        reliableImprovement: { numerator: improved, denominator: n, percent: percent(improved, n) },
        reliableDeterioration: { numerator: deteriorated, denominator: n, percent: percent(deteriorated, n) },
      });
    }
  }
  // The demo must give the report something to count.
  expect(followedUp).toBeGreaterThan(0);
});
