// `npm run bench`: every benchmark, each printing its numbers and a ratio against a baseline
// measured in the same run. Never part of `npm test`. `npm run bench -- intensity` runs one.
import { benchStartTime, formatStartTime } from './start-time.js';
import { runIntensityBench } from './intensity.bench.js';

const BENCHES: Record<string, () => Promise<unknown>> = {
  'start-time': async () => process.stdout.write(`${formatStartTime(await benchStartTime(Number(process.env.BENCH_RUNS ?? 3)))}\n`),
  intensity: () => runIntensityBench(),
};

const only = process.argv.slice(2);
for (const [name, run] of Object.entries(BENCHES)) {
  if (only.length > 0 && !only.includes(name)) continue;
  await run();
}
