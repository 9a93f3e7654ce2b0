// Weekly intensity report and check-in under load, on the 50-site tier (bench/intensity-data.ts).
// In one run: generate the data, start the real server as a child process (so the load generator
// does not share its event loop), then measure
// - GET /api/v1/intensity/weekly org-wide and for one site, against a hand-written SQL aggregate
//   (the baseline, same week, same database, run alternately); goal: ratio <= 1.2 and < 500 ms;
// - PUT /api/v1/sessions/:id/attendance/:patientId with 50 concurrent clients (autocannon), each
//   request a new check-in with its own Idempotency-Key; goal: p99 < 50 ms.
// Not part of `npm test`. Run: `npm run bench` (or `npx tsx bench/run.ts intensity`). To profile the server:
// BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' npm run bench -- intensity.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { pino } from 'pino';
import { addDays, isoWeekOf, localDateOf } from '../src/domain/scheduling/local-time.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createDb, type Db } from '../src/server/db/database.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/server/db/embedded-postgres.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { findOrganization } from '../src/server/modules/auth/auth.repository.js';
import { startSession } from '../src/server/modules/auth/auth.service.js';
import { preferIndexedPlans } from '../src/server/modules/intensity/intensity.repository.js';
import { findUser } from '../src/server/modules/users/users.repository.js';
import { FIFTY_SITE_TIER, generateTier, tierCounts, type Tier, type TierShape } from './intensity-data.js';

export type Timing = { medianMs: number; p95Ms: number };
export type ReportComparison = { scope: string; rows: number; endpoint: Timing; baseline: Timing; ratio: number };

export type IntensityBenchResult = {
  data: Record<string, number> & { generateSeconds: number };
  week: string;
  reports: ReportComparison[];
  checkIn: {
    connections: number;
    seconds: number;
    requests: number;
    throughputPerSecond: number;
    p50Ms: number;
    p99Ms: number;
    non2xx: number;
    errors: number;
    rowsCreated: number;
  };
  /** The floor under the same load: GET /api/v1/auth/session (cookie lookup, one query, no transaction). */
  sessionFloor: { throughputPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number };
};

export type IntensityBenchOptions = {
  shape?: TierShape;
  runs?: number;
  connections?: number;
  durationSeconds?: number;
  log?: (line: string) => void;
};

const AUDIT_KEY = randomBytes(32).toString('hex');

export async function runIntensityBench(options: IntensityBenchOptions = {}): Promise<IntensityBenchResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const database = await benchDatabase();
  const db = createDb(database.url, 8);
  let server: ChildProcess | undefined;
  try {
    await migrateToLatest(db);
    const now = new Date();
    log(`intensity bench: generating the 50-site tier ...`);
    const started = performance.now();
    const tier = await generateTier(db, options.shape ?? FIFTY_SITE_TIER, now);
    await sql`VACUUM ANALYZE`.execute(db);
    const counts = await tierCounts(db, tier.organizationId);
    const generateSeconds = round((performance.now() - started) / 1000, 1);
    log(
      `  ${Object.entries(counts)
        .map(([name, value]) => `${name} ${value.toLocaleString('en-US')}`)
        .join(', ')} in ${generateSeconds} s`,
    );

    const cookies = await sessionCookies(db, database.url, tier);
    const port = await freePort();
    server = await startServer(database.url, port);
    const base = `http://127.0.0.1:${port}`;

    // The last complete week in the sites' zones: every session in it has attendance.
    const week = isoWeekOf(addDays(isoWeekOf(localDateOf(now.getTime(), 'America/New_York')).monday, -7));
    const runs = options.runs ?? 15;
    const reports: ReportComparison[] = [];
    for (const scope of [
      { name: 'organization (50 sites)', siteId: undefined },
      { name: 'one site', siteId: tier.siteIds[0] },
    ]) {
      const comparison = await compareReport(db, base, cookies.director, tier, week.key, week.monday, scope.siteId, runs);
      reports.push({ scope: scope.name, ...comparison });
      log(
        `  weekly report, ${scope.name}: ${comparison.rows} patients; endpoint median ${comparison.endpoint.medianMs} ms (p95 ${comparison.endpoint.p95Ms}), ` +
          `SQL baseline median ${comparison.baseline.medianMs} ms (p95 ${comparison.baseline.p95Ms}); ratio ${comparison.ratio}×`,
      );
    }

    const checkIn = await checkInLoad(db, base, cookies.facilitators, tier, now, options.connections ?? 50, options.durationSeconds ?? 10);
    log(
      `  check-in, ${checkIn.connections} concurrent clients for ${checkIn.seconds} s: ${checkIn.requests} requests, ${checkIn.throughputPerSecond} req/s, ` +
        `p50 ${checkIn.p50Ms} ms, p99 ${checkIn.p99Ms} ms, non-2xx ${checkIn.non2xx}, errors ${checkIn.errors}, rows created ${checkIn.rowsCreated}`,
    );
    const sessionFloor = await floorLoad(base, cookies.facilitators, options.connections ?? 50, options.durationSeconds ?? 10);
    log(
      `  floor, GET /api/v1/auth/session under the same load: ${sessionFloor.throughputPerSecond} req/s, p50 ${sessionFloor.p50Ms} ms, ` +
        `p99 ${sessionFloor.p99Ms} ms, non-2xx ${sessionFloor.non2xx}; check-in p99 is ${round(checkIn.p99Ms / Math.max(1, sessionFloor.p99Ms), 1)}× the floor's`,
    );
    const orgWide = reports[0];
    if (orgWide) {
      log(
        `  goals: report ratio <= 1.2 (${orgWide.ratio <= 1.2 ? 'met' : 'NOT met'}), org-wide < 500 ms (${orgWide.endpoint.medianMs < 500 ? 'met' : 'NOT met'}), check-in p99 < 50 ms (${checkIn.p99Ms < 50 ? 'met' : 'NOT met'})`,
      );
    }
    return { data: { ...counts, generateSeconds }, week: week.key, reports, checkIn, sessionFloor };
  } finally {
    if (server) await stopServer(server);
    await db.destroy();
    await database.drop();
  }
}

/** DATABASE_URL: a throwaway database on that server; otherwise an embedded PostgreSQL in .test-data/. */
async function benchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const name = `openiop_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const admin = createDb(external, 1);
    await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
    const url = new URL(external);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      drop: async () => {
        await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
        await admin.destroy();
      },
    };
  }
  const dir = path.resolve('.test-data/bench-intensity');
  fs.rmSync(dir, { recursive: true, force: true });
  const embedded: EmbeddedPostgres = await startEmbeddedPostgres(dir, () => undefined);
  return {
    url: embedded.connectionString,
    drop: async () => {
      await embedded.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signed-in sessions made directly (no password hashing): one per facilitator, one for the director. */
async function sessionCookies(db: Db, url: string, tier: Tier): Promise<{ director: string; facilitators: string[] }> {
  const config = loadConfig({ DATABASE_URL: url, OPENIOP_DEMO: '0', LOG_LEVEL: 'silent', OPENIOP_DATA_DIR: '.test-data/unused' });
  const { app, deps } = await buildApp({
    config,
    db,
    logger: pino({ level: 'silent' }),
    auditKey: Buffer.from(AUDIT_KEY, 'utf8'),
    sealKey: randomBytes(32),
  });
  try {
    const org = await findOrganization(db, tier.organizationId);
    const ctx = { requestId: 'bench', ip: '127.0.0.1', now: new Date() };
    const cookieOf = async (userId: string) => {
      const user = await findUser(db, tier.organizationId, userId);
      if (!user) throw new Error('bench user missing');
      const signedIn = await startSession(db, deps, ctx, user, org, 'active');
      return `openiop_session=${signedIn.token}; csrf=${signedIn.session.csrfToken}`;
    };
    const facilitators: string[] = [];
    for (const userId of tier.userIds) facilitators.push(await cookieOf(userId));
    return { director: await cookieOf(tier.directorId), facilitators };
  } finally {
    await app.close();
  }
}

function headersOf(cookie: string): Record<string, string> {
  const [session, csrf] = cookie.split('; ');
  return { cookie: session ?? '', 'x-csrf-token': (csrf ?? '').replace('csrf=', '') };
}

async function compareReport(
  db: Db,
  base: string,
  director: string,
  tier: Tier,
  weekKey: string,
  monday: string,
  siteId: string | undefined,
  runs: number,
) {
  const url = `${base}/api/v1/intensity/weekly?week=${weekKey}${siteId ? `&siteId=${siteId}` : ''}`;
  let rows = 0;
  const endpoint = async () => {
    const response = await fetch(url, { headers: headersOf(director) });
    if (response.status !== 200) throw new Error(`weekly report answered ${response.status}: ${await response.text()}`);
    rows = ((await response.json()) as { rows: unknown[] }).rows.length;
  };
  const baseline = async () => {
    await baselineReport(db, tier.organizationId, monday, siteId);
  };
  for (let warm = 0; warm < 3; warm += 1) {
    await endpoint();
    await baseline();
  }
  const endpointMs: number[] = [];
  const baselineMs: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    endpointMs.push(await timed(endpoint));
    baselineMs.push(await timed(baseline));
  }
  const endpointTiming = timing(endpointMs);
  const baselineTiming = timing(baselineMs);
  return { rows, endpoint: endpointTiming, baseline: baselineTiming, ratio: round(endpointTiming.medianMs / baselineTiming.medianMs, 2) };
}

/**
 * The baseline: the same weekly compliance written by hand as one SQL statement, the way a careful
 * DBA would (start from the week's sessions, then their attendance), returning one compact row per
 * patient (minutes, days, billable days, status) with no names, day lists or reasons. It runs with
 * the same planner settings as the endpoint's transaction, so the ratio measures what the
 * application adds: the day lists, the domain assessment, audit, HTTP and JSON.
 */
export async function baselineReport(db: Db, organizationId: string, monday: string, siteId: string | undefined): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await preferIndexedPlans(trx);
    const result = await sql<{ patient_id: string }>`
      WITH ep AS (
        SELECT DISTINCT ON (e.patient_id) e.patient_id, st.time_zone, p.weekly_floor_minutes AS floor, p.weekly_ceiling_minutes AS ceiling,
          p.min_days_per_week AS min_days, p.min_billable_days_per_week AS min_billable, p.min_billable_day_minutes AS day_minutes,
          (${monday}::date::timestamp AT TIME ZONE st.time_zone) AS week_from, ((${monday}::date + 7)::timestamp AT TIME ZONE st.time_zone) AS week_to
        FROM episodes e JOIN programs p ON p.id = e.program_id JOIN sites st ON st.id = p.site_id
        WHERE e.organization_id = ${organizationId} AND e.admitted_on <= ${monday}::date + 6
          AND (e.discharged_on IS NULL OR e.discharged_on >= ${monday}::date)
          ${siteId ? sql`AND p.site_id = ${siteId}` : sql``}
        ORDER BY e.patient_id, (e.status = 'open') DESC, e.admitted_on DESC
      ),
      d AS (
        SELECT ep.patient_id, (s.starts_at AT TIME ZONE ep.time_zone)::date AS day,
          sum(CASE WHEN a.status IN ('present', 'late', 'left_early') THEN a.minutes ELSE 0 END) AS minutes
        FROM sessions_of_care s JOIN attendance a ON a.session_id = s.id JOIN ep ON ep.patient_id = a.patient_id
        WHERE s.organization_id = ${organizationId}
          AND s.starts_at >= ${monday}::date - 1 AND s.starts_at < ${monday}::date + 8
          AND s.starts_at >= ep.week_from AND s.starts_at < ep.week_to
        GROUP BY 1, 2
      ),
      w AS (
        SELECT ep.patient_id, ep.floor, ep.ceiling, ep.min_days, ep.min_billable,
          coalesce(sum(d.minutes), 0) AS minutes,
          count(*) FILTER (WHERE d.minutes > 0) AS days,
          count(*) FILTER (WHERE d.minutes > 0 AND d.minutes >= ep.day_minutes) AS billable
        FROM ep LEFT JOIN d ON d.patient_id = ep.patient_id
        GROUP BY ep.patient_id, ep.floor, ep.ceiling, ep.min_days, ep.min_billable
      )
      SELECT patient_id, minutes, days, billable,
        CASE WHEN minutes < floor OR days < min_days OR billable < min_billable THEN 'below_floor'
             WHEN ceiling IS NOT NULL AND minutes > ceiling THEN 'above_ceiling' ELSE 'compliant' END AS status
      FROM w
    `.execute(trx);
    return result.rows.length;
  });
}

async function checkInLoad(db: Db, base: string, cookies: string[], tier: Tier, now: Date, connections: number, seconds: number) {
  // New check-ins only: enrolled patients of sessions that have not started yet, in random order.
  const targets = await sql<{ session_id: string; patient_id: string }>`
    SELECT s.id AS session_id, e.patient_id
    FROM sessions_of_care s JOIN episode_enrolments en ON en.template_id = s.template_id JOIN episodes e ON e.id = en.episode_id
    WHERE s.organization_id = ${tier.organizationId} AND s.starts_at > ${now}
    ORDER BY md5(s.id::text || e.patient_id::text)
    LIMIT 200000
  `.execute(db);
  const pairs = targets.rows;
  let next = 0;
  const before = await countAttendance(db, tier.organizationId);
  const headerSets = cookies.map(headersOf);
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'PUT',
        setupRequest: (request) => {
          const pair = pairs[next % pairs.length];
          const headers = headerSets[next % headerSets.length];
          next += 1;
          if (!pair || !headers) return request;
          return {
            ...request,
            path: `/api/v1/sessions/${pair.session_id}/attendance/${pair.patient_id}`,
            headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
            body: JSON.stringify({ status: 'present' }),
          };
        },
      },
    ],
  });
  const after = await countAttendance(db, tier.organizationId);
  return {
    connections,
    seconds,
    requests: result.requests.total,
    throughputPerSecond: round(result.requests.average, 0),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    rowsCreated: after - before,
  };
}

/**
 * What the server, PostgreSQL and the load generator sharing this machine allow at all: the
 * cheapest signed-in request (the session lookup every request starts with) under the same load.
 */
async function floorLoad(base: string, cookies: string[], connections: number, seconds: number) {
  let next = 0;
  const headerSets = cookies.map(headersOf);
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const headers = headerSets[next % headerSets.length];
          next += 1;
          return { ...request, path: '/api/v1/auth/session', headers: headers ?? {} };
        },
      },
    ],
  });
  return {
    throughputPerSecond: round(result.requests.average, 0),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
  };
}

async function countAttendance(db: Db, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('attendance')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('organization_id', '=', organizationId)
    .executeTakeFirstOrThrow();
  return row.n;
}

async function startServer(databaseUrl: string, port: number): Promise<ChildProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openiop-bench-'));
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', 'src/server/main.ts'],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        OPENIOP_DATA_DIR: dataDir,
        OPENIOP_DEMO: '0',
        OPENIOP_AUDIT_KEY: AUDIT_KEY,
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('OpenIOP is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)}:\n${output}`));
    });
  });
  child.once('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  return child;
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timeout);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const begin = performance.now();
  await action();
  return performance.now() - begin;
}

function timing(values: number[]): Timing {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { medianMs: round(at(0.5), 1), p95Ms: round(at(0.95), 1) };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
