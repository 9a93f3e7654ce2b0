import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PORT_TAKEN, freePort } from './app-process.js';

export type RunningServer = {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  /** SIGINT and wait for exit; returns the exit code. */
  stop: () => Promise<number | null>;
};

export function tempDataDir(label: string): string {
  const dir = path.resolve('.test-data', `${label}-${randomUUID().slice(0, 8)}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Starts the real app (`src/server/main.ts`) as its own process and waits for it to serve. */
export async function startServer(options: {
  dataDir: string;
  env?: Record<string, string>;
  port?: number;
  attempt?: number;
}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      OPENIOP_DATA_DIR: options.dataDir,
      OPENIOP_PASSWORD_COST: '10',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      // A free port can be taken by another process between freePort() and the app's listen: try another.
      if (options.port === undefined && PORT_TAKEN.test(output) && (options.attempt ?? 1) < 3) {
        return startServer({ ...options, attempt: (options.attempt ?? 1) + 1 });
      }
      throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    }
    if (Date.now() > deadline) throw new Error(`server did not start in time:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    port,
    dataDir: options.dataDir,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}
