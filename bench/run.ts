// `npm run bench`: every benchmark, each printing its numbers and a ratio against a baseline
// measured in the same run. Never part of `npm test`.
import { benchStartTime, formatStartTime } from './start-time.js';

const runs = Number(process.env.BENCH_RUNS ?? 3);
process.stdout.write(`${formatStartTime(await benchStartTime(runs))}\n`);
