// Crash test: concurrent writes through the API, kill -9 of the app at a random moment (and in about
// a third of the rounds of its PostgreSQL postmaster too), restart, and check that no write that was
// acknowledged with a 2xx is lost and that the audit chain still verifies from its first row.
//   npm run test:crash                              20 rounds
//   OPENIOP_CRASH_ROUNDS=200 npm run test:crash     more; OPENIOP_CRASH_SEED=<n> replays a run
import { performance } from 'node:perf_hooks';
import { afterAll, expect, it } from 'vitest';
import { verifyAuditChains } from '../src/server/audit/audit.verifier.js';
import { loadConfig } from '../src/server/config.js';
import { loadAuditKey } from '../src/server/data-dir.js';
import { connectForTools } from '../src/server/db/connect-for-tools.js';
import { isAlive } from '../src/server/db/embedded-postgres.js';
import { ApiClient } from './support/api-client.js';
import {
  DEMO_ADMIN,
  DEMO_PASSWORD,
  cleanUp,
  newDataDir,
  postmasterPid,
  postmasters,
  sleep,
  startApp,
  waitForExit,
  waitUntilGone,
} from './support/app-process.js';

const ROUNDS = Number(process.env.OPENIOP_CRASH_ROUNDS ?? 20);
const SEED = Number(process.env.OPENIOP_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const WRITERS = 8;

const dataDir = newDataDir('e2e-crash');
afterAll(() => cleanUp(dataDir));

/** mulberry32: a small seeded generator, so a failing run can be replayed with its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Tally = { acknowledged: string[]; cutOff: number; refused: { status: number; body: unknown }[] };

/** One writer: creates users one after another until the server stops answering. */
async function writeUntilKilled(client: ApiClient, siteId: string, prefix: string, tally: Tally): Promise<void> {
  for (let i = 0; ; i += 1) {
    const email = `${prefix}-${i}@crash.example.org`;
    let response;
    try {
      response = await client.post('/api/v1/admin/users', { email, displayName: 'Crash Test', roles: ['clinician'], siteIds: [siteId] });
    } catch {
      tally.cutOff += 1; // no answer: the write may or may not have committed, and either is correct
      return;
    }
    if (response.status >= 200 && response.status < 300) tally.acknowledged.push(email);
    else tally.refused.push({ status: response.status, body: response.body });
  }
}

async function signIn(port: number): Promise<{ client: ApiClient; siteId: string }> {
  const client = ApiClient.forPort(port);
  expect((await client.login(DEMO_ADMIN, DEMO_PASSWORD)).status).toBe(200);
  const sites = await client.get('/api/v1/sites');
  return { client, siteId: sites.body.sites[0].id };
}

async function verifyChainInProcess(): Promise<number> {
  const config = loadConfig({ OPENIOP_DATA_DIR: dataDir });
  const connection = await connectForTools(config, 'crash test', { createCluster: false });
  try {
    const result = await verifyAuditChains(connection.db, loadAuditKey(config, { create: false }), new Map());
    if (!result.ok) throw new Error(`audit chain broken: ${result.first.message}`);
    // The audit row commits with the change it describes: one 'user.created' per created user.
    const users = await connection.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email', 'like', '%@crash.example.org')
      .executeTakeFirstOrThrow();
    const audited = await connection.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'user.created')
      .executeTakeFirstOrThrow();
    expect(Number(audited.n)).toBe(Number(users.n));
    return result.rowsChecked;
  } finally {
    await connection.close();
  }
}

it(
  `keeps every acknowledged write and an intact audit chain through ${ROUNDS} kill -9 rounds`,
  { timeout: 120_000 + ROUNDS * 20_000 },
  async () => {
    const random = seededRandom(SEED);
    const began = performance.now();
    const tally: Tally = { acknowledged: [], cutOff: 0, refused: [] };
    let postgresKills = 0;
    let auditRows = 0;
    let { app } = await startApp(dataDir, { OPENIOP_PASSWORD_COST: '10' });

    for (let round = 1; round <= ROUNDS; round += 1) {
      const { client, siteId } = await signIn(app.port);
      const writers = Array.from({ length: WRITERS }, (_, w) => writeUntilKilled(client, siteId, `r${round}-w${w}`, tally));
      await sleep(50 + Math.floor(random() * 750));

      const postmaster = postmasterPid(dataDir);
      const killPostgres = random() < 1 / 3;
      app.child.kill('SIGKILL');
      if (killPostgres && postmaster) {
        process.kill(postmaster, 'SIGKILL');
        postgresKills += 1;
      }
      await Promise.all(writers);
      await waitForExit(app);
      if (killPostgres && postmaster) await waitUntilGone(postmaster);
      else expect(postmaster && isAlive(postmaster)).toBe(true); // the orphan the next start must deal with

      ({ app } = await startApp(dataDir, { OPENIOP_PASSWORD_COST: '10' }).catch((error: unknown) => {
        throw new Error(`restart failed in round ${round} (seed ${SEED}): ${error instanceof Error ? error.message : String(error)}`);
      }));
      expect(postmasters(dataDir)).toEqual([postmasterPid(dataDir)]);
      const after = await signIn(app.port);
      const users = await after.client.get('/api/v1/admin/users');
      const present = new Set(users.body.users.map((user: { email: string }) => user.email));
      expect(
        tally.acknowledged.filter((email) => !present.has(email)),
        `round ${round}, seed ${SEED}`,
      ).toEqual([]);
      auditRows = await verifyChainInProcess();
    }

    // The app was killed before PostgreSQL, so a live app never saw its database vanish: nothing was refused.
    expect(tally.refused).toEqual([]);
    expect(tally.acknowledged.length).toBeGreaterThan(ROUNDS);
    const seconds = ((performance.now() - began) / 1000).toFixed(1);
    console.log(
      `crash test: ${ROUNDS} rounds (${postgresKills} also killed PostgreSQL), ${tally.acknowledged.length} acknowledged writes all present, ` +
        `${tally.cutOff} cut off unanswered, audit chain intact (${auditRows} rows), ${seconds} s, seed ${SEED}`,
    );
  },
);
