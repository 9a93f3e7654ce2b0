// Runs the real server (`node --import tsx src/server/main.ts`) as a child process on its own data
// directory and port, the way an operator runs it, and inspects the PostgreSQL it supervises.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { readServerInfo } from '../../src/server/data-dir.js';
import { embeddedConnectionString, isAlive, postgresProcessesIn } from '../../src/server/db/embedded-postgres.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DEMO_PASSWORD = 'demo-password-1';
export const DEMO_ADMIN = 'admin@demo.openiop.org';

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type AppProcess = {
  child: ChildProcess;
  pid: number;
  port: number;
  dataDir: string;
  /** stdout and stderr so far. */
  output: () => string;
  exited: Promise<Exit>;
};

const started = new Set<ChildProcess>();

/** A fresh, empty data directory under .test-data/. */
export function newDataDir(name: string): string {
  const dir = path.join(ROOT, '.test-data', `${name}-${randomBytes(4).toString('hex')}`);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  return dir;
}

export function freePort(): Promise<number> {
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

/** The environment of an operator's shell: the embedded database (no DATABASE_URL), fast password hashing. */
function appEnv(dataDir: string, port: number, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    OPENIOP_DATA_DIR: dataDir,
    OPENIOP_PASSWORD_COST: '10',
    LOG_LEVEL: 'warn',
    ...extra,
  };
  delete env.DATABASE_URL;
  delete env.OPENIOP_AUDIT_KEY;
  return env;
}

/** Starts the server without waiting; see waitUntilHealthy. */
export function spawnApp(dataDir: string, port: number, env: Record<string, string> = {}): AppProcess {
  // Own process group, like a terminal's foreground job: Ctrl-C is a SIGINT to the whole group.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: appEnv(dataDir, port, env),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  if (child.pid === undefined) throw new Error('could not spawn the server');
  return { child, pid: child.pid, port, dataDir, output: () => output, exited };
}

/** Polls GET /api/health until 200; fails if the process exits first or the timeout passes. */
export async function waitUntilHealthy(app: AppProcess, timeoutMs = 60_000): Promise<void> {
  let exit: Exit | undefined;
  void app.exited.then((value) => (exit = value));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exit) throw new Error(`server exited (${JSON.stringify(exit)}) before it was healthy:\n${app.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${app.port}/api/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${app.output()}`);
}

/** Spawns the server and waits for health; returns it with the wall time from spawn to the first 200. */
export async function startApp(dataDir: string, env: Record<string, string> = {}): Promise<{ app: AppProcess; ms: number }> {
  for (let attempt = 1; ; attempt += 1) {
    const begin = performance.now();
    const app = spawnApp(dataDir, await freePort(), env);
    try {
      await waitUntilHealthy(app);
      return { app, ms: Math.round(performance.now() - begin) };
    } catch (error) {
      // A free port can be taken by another process between freePort() and the app's listen.
      if (attempt < 3 && PORT_TAKEN.test(app.output())) continue;
      throw error;
    }
  }
}

/** What main.ts prints when its port is taken. */
export const PORT_TAKEN = /Port \d+ is in use/;

export async function waitForExit(app: AppProcess, timeoutMs = 30_000): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`server did not exit within ${timeoutMs} ms:\n${app.output()}`)), timeoutMs);
  });
  try {
    return await Promise.race([app.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Ctrl-C in the terminal: SIGINT to the app's process group. */
export function pressCtrlC(app: AppProcess): void {
  process.kill(-app.pid, 'SIGINT');
}

/** The pid PostgreSQL recorded in data/pg/postmaster.pid, if the file exists. */
export function postmasterPid(dataDir: string): number | undefined {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!fs.existsSync(file)) return undefined;
  const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Every PostgreSQL process (postmaster or backend) working in this data directory. */
export function postgresProcesses(dataDir: string): number[] {
  const pgDir = path.join(dataDir, 'pg');
  return fs.existsSync(pgDir) ? postgresProcessesIn(pgDir) : [];
}

/** Postmasters on this data directory: its PostgreSQL processes whose parent is not one of them. */
export function postmasters(dataDir: string): number[] {
  const pids = postgresProcesses(dataDir);
  return pids.filter((pid) => !pids.includes(parentPid(pid)));
}

function parentPid(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

export async function waitUntilGone(pid: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(20);
  return !isAlive(pid);
}

/** A superuser connection to the running app's embedded server (data/postgres.json + data/pg-password). */
export async function superuser(app: AppProcess): Promise<pg.Client> {
  const info = readServerInfo(app.dataDir, app.pid);
  if (!info) throw new Error(`no data/postgres.json of process ${app.pid} in ${app.dataDir}: is the app running?`);
  const client = new pg.Client({ connectionString: embeddedConnectionString(app.dataDir, info.port) });
  await client.connect();
  return client;
}

/** Runs a script from scripts/ as `npm run` would, on the given data directory. */
export async function runScript(script: string, dataDir: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: appEnv(dataDir, 0, {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (value) => resolve(value)));
  return { code, output };
}

/** Kills every server this file started and any PostgreSQL left on the directory, then deletes it. */
export async function cleanUp(dataDir: string): Promise<void> {
  for (const child of started) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    started.delete(child);
  }
  for (const pid of postgresProcesses(dataDir)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await waitUntilGone(pid);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
