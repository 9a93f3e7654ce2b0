import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isAlive } from './db/embedded-postgres.js';

export class AlreadyRunningError extends Error {}

type LockInfo = { pid: number; startedAt: string; port: number };

/**
 * One app per data directory. The lock file names the owner; a lock whose process is gone
 * (kill -9) is stale and is taken over.
 */
export function acquireAppLock(dataDir: string, port: number): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'openiop.lock');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), port } satisfies LockInfo));
      fs.closeSync(fd);
      return () => {
        const owner = readLock(file);
        if (owner?.pid === process.pid) fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readLock(file);
      if (owner && owner.pid !== process.pid && isAlive(owner.pid) && isNodeProcess(owner.pid)) {
        throw new AlreadyRunningError(
          `OpenIOP is already running on data directory ${dataDir} (process ${owner.pid}, started ${owner.startedAt}, port ${owner.port}). ` +
            `Stop it first (kill ${owner.pid}), or set OPENIOP_DATA_DIR to another directory.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}`);
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
