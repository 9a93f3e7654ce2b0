// Start-up time of the real server (`node --import tsx src/server/main.ts`) to the first
// /api/health 200: first start on an empty data directory and warm start on the same data.
// The baseline, measured in the same run, is what no app can avoid: spawning Node plus starting
// PostgreSQL alone (initdb + start for a first start, start for a warm start). The ratio is the
// number to compare across machines.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/server/config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/server/db/embedded-postgres.js';
import { cleanUp, newDataDir, pressCtrlC, startApp, waitForExit } from '../e2e/support/app-process.js';

export type StartTimeResult = {
  runs: number;
  medianMs: { nodeSpawn: number; postgresFirst: number; postgresWarm: number; appFirst: number; appWarm: number };
  ratio: { first: number; warm: number };
};

async function timed(action: () => Promise<unknown>): Promise<number> {
  const begin = performance.now();
  await action();
  return performance.now() - begin;
}

function nodeSpawn(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', () => resolve());
  });
}

async function postgresAlone(): Promise<{ first: number; warm: number }> {
  const dataDir = newDataDir('bench-postgres');
  const quiet = () => undefined;
  try {
    let server: EmbeddedPostgres | undefined;
    const first = await timed(async () => (server = await startEmbeddedPostgres(dataDir, quiet)));
    await server?.stop();
    const warm = await timed(async () => (server = await startEmbeddedPostgres(dataDir, quiet)));
    await server?.stop();
    return { first, warm };
  } finally {
    await cleanUp(dataDir);
  }
}

async function appStarts(): Promise<{ first: number; warm: number }> {
  const dataDir = newDataDir('bench-app');
  // The tests' fast password hashing would flatter the first start, which hashes the demo password.
  const env = { OPENIOP_PASSWORD_COST: String(loadConfig({}).passwordCost) };
  try {
    const first = await startApp(dataDir, env);
    pressCtrlC(first.app);
    await waitForExit(first.app);
    const warm = await startApp(dataDir, env);
    pressCtrlC(warm.app);
    await waitForExit(warm.app);
    return { first: first.ms, warm: warm.ms };
  } finally {
    await cleanUp(dataDir);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export async function benchStartTime(runs = 3): Promise<StartTimeResult> {
  const samples = {
    nodeSpawn: [] as number[],
    postgresFirst: [] as number[],
    postgresWarm: [] as number[],
    appFirst: [] as number[],
    appWarm: [] as number[],
  };
  // Interleaved, so a machine that slows down during the run slows baseline and app alike.
  for (let run = 0; run < runs; run += 1) {
    samples.nodeSpawn.push(await timed(nodeSpawn));
    const postgres = await postgresAlone();
    samples.postgresFirst.push(postgres.first);
    samples.postgresWarm.push(postgres.warm);
    const app = await appStarts();
    samples.appFirst.push(app.first);
    samples.appWarm.push(app.warm);
  }
  const m = {
    nodeSpawn: median(samples.nodeSpawn),
    postgresFirst: median(samples.postgresFirst),
    postgresWarm: median(samples.postgresWarm),
    appFirst: median(samples.appFirst),
    appWarm: median(samples.appWarm),
  };
  return {
    runs,
    medianMs: m,
    ratio: { first: m.appFirst / (m.nodeSpawn + m.postgresFirst), warm: m.appWarm / (m.nodeSpawn + m.postgresWarm) },
  };
}

export function formatStartTime(result: StartTimeResult): string {
  const { medianMs: m, ratio } = result;
  const ms = (value: number) => `${Math.round(value)} ms`;
  return [
    `start time to /api/health 200 (median of ${result.runs})`,
    `  first start (empty data dir): ${ms(m.appFirst)} = ${ratio.first.toFixed(2)} x baseline (node spawn ${ms(m.nodeSpawn)} + PostgreSQL initdb and start ${ms(m.postgresFirst)})`,
    `  warm start (same data dir):   ${ms(m.appWarm)} = ${ratio.warm.toFixed(2)} x baseline (node spawn ${ms(m.nodeSpawn)} + PostgreSQL start ${ms(m.postgresWarm)})`,
  ].join('\n');
}
