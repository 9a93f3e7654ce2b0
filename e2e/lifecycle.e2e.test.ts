// The server as an operator runs it: first and warm starts, Ctrl-C, a second instance, kill -9 of
// the app and of its PostgreSQL, production first start, failed starts, and the audit verifier.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive } from '../src/server/db/embedded-postgres.js';
import { ApiClient } from './support/api-client.js';
import {
  DEMO_ADMIN,
  DEMO_PASSWORD,
  cleanUp,
  freePort,
  newDataDir,
  postgresProcesses,
  postmasterPid,
  postmasters,
  pressCtrlC,
  runScript,
  sleep,
  spawnApp,
  startApp,
  superuser,
  waitForExit,
  waitUntilGone,
  type AppProcess,
} from './support/app-process.js';

let dataDir = '';
afterEach(() => cleanUp(dataDir));

async function signInAsAdmin(app: AppProcess): Promise<ApiClient> {
  const client = ApiClient.forPort(app.port);
  const login = await client.login(DEMO_ADMIN, DEMO_PASSWORD);
  expect(login.status).toBe(200);
  return client;
}

async function createUser(client: ApiClient, email: string): Promise<void> {
  const sites = await client.get('/api/v1/sites');
  const response = await client.post('/api/v1/admin/users', {
    email,
    displayName: 'Lifecycle Test',
    roles: ['clinician'],
    siteIds: [sites.body.sites[0].id],
  });
  expect(response.status).toBe(201);
}

async function userEmails(client: ApiClient): Promise<string[]> {
  const response = await client.get('/api/v1/admin/users');
  expect(response.status).toBe(200);
  return response.body.users.map((user: { email: string }) => user.email);
}

/** Nothing of the app is left: no PostgreSQL on the directory, no lock, no published port. */
function expectNothingLeft(): void {
  expect(postgresProcesses(dataDir)).toEqual([]);
  expect(fs.existsSync(path.join(dataDir, 'openiop.lock'))).toBe(false);
  expect(fs.existsSync(path.join(dataDir, 'postgres.json'))).toBe(false);
}

describe('server lifecycle on the embedded PostgreSQL', () => {
  it('starts on an empty data directory, serves /api/health and lets the demo admin sign in', async () => {
    dataDir = newDataDir('e2e-first-start');
    const { app, ms } = await startApp(dataDir);
    console.log(`first start (empty data directory) to /api/health 200: ${ms} ms`);

    const health = await fetch(`http://127.0.0.1:${app.port}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok', auditChain: 'ok' });
    const client = await signInAsAdmin(app);
    expect(await userEmails(client)).toContain(DEMO_ADMIN);
    expect(postmasters(dataDir)).toEqual([postmasterPid(dataDir)]);
  });

  it('stops the app and its PostgreSQL on Ctrl-C with exit code 0, and starts warm on the same data', async () => {
    dataDir = newDataDir('e2e-ctrl-c');
    const first = await startApp(dataDir);
    const postmaster = postmasterPid(dataDir);
    expect(postmaster && isAlive(postmaster)).toBe(true);

    pressCtrlC(first.app);
    expect(await waitForExit(first.app)).toEqual({ code: 0, signal: null });
    expect(postmaster && (await waitUntilGone(postmaster, 1000))).toBe(true);
    expectNothingLeft();

    const warm = await startApp(dataDir);
    console.log(`first start: ${first.ms} ms; warm start (second start, same data) to /api/health 200: ${warm.ms} ms`);
    await signInAsAdmin(warm.app);
  });

  it('stops as cleanly when its terminal is closed (SIGHUP)', async () => {
    dataDir = newDataDir('e2e-sighup');
    const { app } = await startApp(dataDir);
    process.kill(-app.pid, 'SIGHUP');
    expect(await waitForExit(app)).toEqual({ code: 0, signal: null });
    expectNothingLeft();
  });

  it('refuses a second start on a data directory in use, naming the running process', async () => {
    dataDir = newDataDir('e2e-second');
    const { app } = await startApp(dataDir);
    const postmaster = postmasterPid(dataDir);

    const second = spawnApp(dataDir, await freePort());
    const exit = await waitForExit(second);
    expect(exit.code).not.toBe(0);
    expect(second.output()).toContain(`process ${app.pid}`);

    // The first instance is untouched.
    expect(postmasters(dataDir)).toEqual([postmaster]);
    expect((await fetch(`http://127.0.0.1:${app.port}/api/health`)).status).toBe(200);
  });

  it('after kill -9 of the app alone, the next start stops the orphaned PostgreSQL and keeps the data', async () => {
    dataDir = newDataDir('e2e-kill-app');
    const first = await startApp(dataDir);
    await createUser(await signInAsAdmin(first.app), 'before-kill@example.org');
    const orphan = postmasterPid(dataDir);

    first.app.child.kill('SIGKILL');
    await waitForExit(first.app);
    // The precondition that makes this test mean something: PostgreSQL outlived the app.
    expect(orphan && isAlive(orphan)).toBe(true);
    // An operator looking around in data/pg is not an orphaned PostgreSQL.
    const operatorShell = spawn('sleep', ['60'], { cwd: path.join(dataDir, 'pg'), stdio: 'ignore' });

    const second = await startApp(dataDir);
    expect(orphan && isAlive(orphan)).toBe(false);
    expect(operatorShell.exitCode === null && operatorShell.signalCode === null).toBe(true);
    operatorShell.kill();
    const postmaster = postmasterPid(dataDir);
    expect(postmaster).not.toBe(orphan);
    expect(postmasters(dataDir)).toEqual([postmaster]);
    expect(await userEmails(await signInAsAdmin(second.app))).toContain('before-kill@example.org');
  });

  it('after kill -9 of both the app and its PostgreSQL postmaster, the next start recovers the data', async () => {
    dataDir = newDataDir('e2e-kill-both');
    const first = await startApp(dataDir);
    await createUser(await signInAsAdmin(first.app), 'before-crash@example.org');
    const postmaster = postmasterPid(dataDir);
    if (!postmaster) throw new Error('no postmaster.pid');

    first.app.child.kill('SIGKILL');
    process.kill(postmaster, 'SIGKILL');
    await waitForExit(first.app);
    await waitUntilGone(postmaster);

    const second = await startApp(dataDir);
    expect(postmasters(dataDir)).toEqual([postmasterPid(dataDir)]);
    expect(await userEmails(await signInAsAdmin(second.app))).toContain('before-crash@example.org');
    const health = await fetch(`http://127.0.0.1:${second.app.port}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', auditChain: 'ok' });
  });

  it('with OPENIOP_DEMO=0 on an empty data directory prints a setup link and creates no accounts', async () => {
    dataDir = newDataDir('e2e-production');
    const { app } = await startApp(dataDir, { OPENIOP_DEMO: '0' });

    const token = /\/setup\/([A-Za-z0-9_-]+)/.exec(app.output())?.[1];
    expect(token).toBeDefined();
    const setup = await fetch(`http://127.0.0.1:${app.port}/api/v1/setup/${token}`);
    expect(setup.status).toBe(200);

    const client = ApiClient.forPort(app.port);
    expect((await client.login(DEMO_ADMIN, DEMO_PASSWORD)).status).toBe(401);
    expect((await client.get('/api/v1/auth/config')).body).toMatchObject({ demo: false });
    const su = await superuser(app);
    try {
      expect((await su.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(0);
    } finally {
      await su.end();
    }
  });

  it('audit:verify passes on the data of a stopped app and names the row that was altered or deleted', async () => {
    dataDir = newDataDir('e2e-audit');
    const first = await startApp(dataDir);
    await createUser(await signInAsAdmin(first.app), 'audited@example.org');
    pressCtrlC(first.app);
    await waitForExit(first.app);

    // The app is stopped: the verifier takes the lock, starts the embedded server, verifies, stops.
    const offline = await runScript('scripts/audit-verify.ts', dataDir);
    expect(offline.output).toMatch(/audit chain OK: \d+ rows in 1 chains/);
    expect(offline.code).toBe(0);
    expectNothingLeft();

    const { app } = await startApp(dataDir);
    const su = await superuser(app);
    try {
      const rows = await su.query<{ id: number; action: string }>('SELECT id::int AS id, action FROM audit_events ORDER BY id');
      expect(rows.rows.length).toBeGreaterThanOrEqual(3);
      // A row in the middle: a chain cannot show the loss of its newest rows (see docs/operations.md).
      const [, target, after] = rows.rows;
      if (!target || !after) throw new Error('expected audit rows');
      // Append-only: the trigger refuses changes unless an attacker with superuser rights disables it.
      await expect(su.query("UPDATE audit_events SET action = 'tampered' WHERE id = $1", [target.id])).rejects.toThrow();
      await su.query('SET session_replication_role = replica');

      await su.query("UPDATE audit_events SET action = 'tampered' WHERE id = $1", [target.id]);
      const afterUpdate = await runScript('scripts/audit-verify.ts', dataDir);
      expect(afterUpdate.code).toBe(1);
      expect(afterUpdate.output).toContain(`row ${target.id} `);
      expect(afterUpdate.output).toContain('was altered');

      await su.query('UPDATE audit_events SET action = $2 WHERE id = $1', [target.id, target.action]);
      expect((await runScript('scripts/audit-verify.ts', dataDir)).code).toBe(0);

      await su.query('DELETE FROM audit_events WHERE id = $1', [target.id]);
      const afterDelete = await runScript('scripts/audit-verify.ts', dataDir);
      expect(afterDelete.code).toBe(1);
      expect(afterDelete.output).toContain(`row ${after.id} `);
      expect(afterDelete.output).toContain('deleted or rows were reordered');
    } finally {
      await su.end();
    }
    // Verifying against the running app does not disturb it.
    expect((await fetch(`http://127.0.0.1:${app.port}/api/health`)).status).toBe(200);
  });

  it('db:migrate creates and migrates the embedded database of a new data directory, then finds nothing to do', async () => {
    dataDir = newDataDir('e2e-migrate');
    const first = await runScript('scripts/migrate.ts', dataDir);
    expect(first.output).toContain('applied 0001-foundation');
    expect(first.code).toBe(0);
    expectNothingLeft();
    const second = await runScript('scripts/migrate.ts', dataDir);
    expect(second.output).toContain('already up to date');
    const { app } = await startApp(dataDir);
    await signInAsAdmin(app);
  });

  it('audit:verify on a data directory without a database says so and creates nothing', async () => {
    dataDir = newDataDir('e2e-audit-empty');
    const result = await runScript('scripts/audit-verify.ts', dataDir);
    expect(result.code).toBe(2);
    expect(result.output).toContain('No audit key');
    expect(fs.existsSync(path.join(dataDir, 'pg'))).toBe(false);
  });
});

describe('failed and interrupted starts release PostgreSQL and the lock', () => {
  it('exits with "Port N is in use" when the port is taken', async () => {
    dataDir = newDataDir('e2e-port-in-use');
    const port = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const app = spawnApp(dataDir, port);
      expect((await waitForExit(app)).code).toBe(1);
      expect(app.output()).toContain(`Port ${port} is in use; set PORT`);
      expect(fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
      expectNothingLeft();
    } finally {
      blocker.close();
    }
  });

  it('exits with a clear message when a migration fails (a database from a newer version)', async () => {
    dataDir = newDataDir('e2e-migration');
    const first = await startApp(dataDir);
    const su = await superuser(first.app);
    await su.query("INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-a-newer-openiop', now()::text)");
    await su.end();
    pressCtrlC(first.app);
    await waitForExit(first.app);

    const app = spawnApp(dataDir, await freePort());
    expect((await waitForExit(app)).code).toBe(1);
    expect(app.output()).toContain('Database migration failed');
    expectNothingLeft();
  });

  it('stops cleanly when Ctrl-C comes during start-up', async () => {
    dataDir = newDataDir('e2e-ctrl-c-start');
    const app = spawnApp(dataDir, await freePort());
    // The embedded server is up (the port is published) but the app is still migrating and seeding.
    while (!fs.existsSync(path.join(dataDir, 'postgres.json')) && app.child.exitCode === null) await sleep(5);
    pressCtrlC(app);
    expect(await waitForExit(app)).toEqual({ code: 0, signal: null });
    expectNothingLeft();
  });
});
