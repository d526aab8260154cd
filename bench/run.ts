/**
 * `npm run bench`: runs every benchmark in bench/ one after the other (currently one).
 * `npm run bench -- status-endpoint` runs only the named ones. Settings: see bench/README.md.
 */
import { BenchError, describe, settingsFromEnv } from './harness.js';
import type { Benchmark } from './harness.js';
import { dashboardBenchmark } from './dashboard.js';
import { extractBenchmark } from './extract.js';
import { forecastBenchmark } from './forecast.js';
import { scaleBenchmark } from './scale.js';
import { statusEndpointBenchmark } from './status-endpoint.js';

/** Every benchmark; add new ones here. */
const benchmarks: readonly Benchmark[] = [
  statusEndpointBenchmark,
  scaleBenchmark,
  forecastBenchmark,
  extractBenchmark,
  dashboardBenchmark,
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !benchmarks.some((b) => b.name === name));
const selected =
  wanted.length === 0 ? benchmarks : benchmarks.filter((b) => wanted.includes(b.name));

try {
  if (unknown.length > 0) {
    throw new BenchError(
      `unknown benchmark(s): ${unknown.join(', ')}; available: ${benchmarks.map((b) => b.name).join(', ')}`,
    );
  }
  const settings = settingsFromEnv();
  console.log(
    `bench: ${settings.seconds} s per run after a ${settings.warmupSeconds} s warm-up, ` +
      `${settings.connections} connections, ${settings.rounds} alternating rounds, ` +
      `${settings.workers === 0 ? 'load generator on the main thread' : `${settings.workers} autocannon worker(s)`}; ` +
      `node ${process.version}`,
  );
  for (const benchmark of selected) {
    console.log(`\n== ${benchmark.name}: ${benchmark.description}`);
    await benchmark.run(settings);
  }
} catch (error) {
  console.error(`\nbench failed: ${describe(error)}`);
  if (!(error instanceof BenchError) && error instanceof Error && error.stack !== undefined) {
    console.error(error.stack);
  }
  process.exitCode = 1;
}
