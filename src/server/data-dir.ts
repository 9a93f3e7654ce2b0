import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';
import { isAlive } from './db/embedded-postgres.js';

// Everything the app keeps in its data directory besides the cluster itself (data/pg):
//   openiop.lock      which process owns the directory (the app, or a tool such as audit:verify)
//   postgres.json     { port, pid } of the running app's embedded server, for tools; gone after a clean stop
//   pg-password       the embedded server's superuser password
//   audit-hmac.key    audit chain key (unless OPENIOP_AUDIT_KEY is set); secret-seal.key

type LockInfo = { pid: number; startedAt: string; port: number; holder?: string };

export class AlreadyRunningError extends Error {
  constructor(
    message: string,
    readonly owner: LockInfo,
  ) {
    super(message);
  }
}

/**
 * One owner per data directory. The lock file names the owner; a lock whose process is gone
 * (kill -9) is stale and is taken over. `holder` names a tool that takes the lock instead of the app.
 */
export function acquireAppLock(dataDir: string, port: number, holder = 'OpenIOP'): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'openiop.lock');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), port, holder } satisfies LockInfo));
      fs.closeSync(fd);
      return () => {
        const owner = readLock(file);
        if (owner?.pid === process.pid) fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readLock(file);
      if (owner && owner.pid !== process.pid && isAlive(owner.pid) && isNodeProcess(owner.pid)) {
        throw new AlreadyRunningError(alreadyRunningMessage(dataDir, owner), owner);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}`);
}

function alreadyRunningMessage(dataDir: string, owner: LockInfo): string {
  const stop = `Stop it first (kill ${owner.pid}), or set OPENIOP_DATA_DIR to another directory.`;
  if (owner.holder && owner.holder !== 'OpenIOP') {
    return `Data directory ${dataDir} is in use by ${owner.holder} (process ${owner.pid}, started ${owner.startedAt}). Wait for it to finish. ${stop}`;
  }
  return `OpenIOP is already running on data directory ${dataDir} (process ${owner.pid}, started ${owner.startedAt}, port ${owner.port}). ${stop}`;
}

function readLock(file: string): LockInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

// A recycled pid belonging to some other program must not block a start.
function isNodeProcess(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true;
  }
}

/** A secret kept outside the database, in the data directory, created on first start. */
export function loadOrCreateSecret(dataDir: string, name: string): Buffer {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, name);
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  const secret = randomBytes(32);
  fs.writeFileSync(file, secret.toString('hex'), { mode: 0o600, flag: 'wx' });
  return secret;
}

/**
 * The audit chain's HMAC key: OPENIOP_AUDIT_KEY, else data/audit-hmac.key. The app creates the file
 * on first start; a verifier must not (a new key would make every existing row look altered).
 */
export function loadAuditKey(config: Pick<Config, 'auditKey' | 'dataDir'>, options: { create: boolean }): Buffer {
  if (config.auditKey) return Buffer.from(config.auditKey, 'utf8');
  const file = path.join(config.dataDir, 'audit-hmac.key');
  if (!options.create && !fs.existsSync(file)) throw new Error(`No audit key: set OPENIOP_AUDIT_KEY or provide ${file}`);
  return loadOrCreateSecret(config.dataDir, 'audit-hmac.key');
}

/** `pid` is the app's, so a file left by a killed app is never taken for the running app's. */
export type ServerInfo = { port: number; pid: number };

/** Tells tools where the running app's embedded PostgreSQL listens (its port changes every start). */
export function publishServerInfo(dataDir: string, port: number): () => void {
  const file = path.join(dataDir, 'postgres.json');
  const temporary = `${file}.${process.pid}`;
  fs.writeFileSync(temporary, JSON.stringify({ port, pid: process.pid } satisfies ServerInfo), { mode: 0o600 });
  fs.renameSync(temporary, file);
  return () => fs.rmSync(file, { force: true });
}

/** The published server info of the app with this pid (the lock's owner), if it has published it. */
export function readServerInfo(dataDir: string, appPid: number): ServerInfo | undefined {
  try {
    const info = JSON.parse(fs.readFileSync(path.join(dataDir, 'postgres.json'), 'utf8')) as Partial<ServerInfo>;
    return typeof info.port === 'number' && info.pid === appPid ? { port: info.port, pid: appPid } : undefined;
  } catch {
    return undefined;
  }
}
