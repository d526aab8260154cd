/**
 * Shared pieces for the benchmarks in bench/: settings from the environment, starting a Fastify
 * instance on loopback, driving it with autocannon, and printing / saving the figures.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';

/** Repository root (bench/ sits directly under it). */
export const ROOT_DIR = fileURLToPath(new URL('../', import.meta.url));
/** Git-ignored folder for the JSON results. */
export const RESULTS_DIR = join(ROOT_DIR, '.bench');

export interface BenchSettings {
  /** Seconds per measured run (BENCH_SECONDS, default 5). */
  readonly seconds: number;
  /** Seconds of the warm-up run before each measured run. */
  readonly warmupSeconds: number;
  readonly connections: number;
  /** Measured runs per target; targets alternate and the best run of each is reported. */
  readonly rounds: number;
  /**
   * autocannon worker threads (BENCH_WORKERS, default 0): 0 runs autocannon on the main thread
   * next to the servers; n > 0 moves the load generator to n worker threads.
   */
  readonly workers: number;
}

/** A benchmark that could not run (a server did not start, a check failed): exit non-zero. */
export class BenchError extends Error {
  override readonly name = 'BenchError';
}

function numberFromEnv(env: NodeJS.ProcessEnv, key: string, fallback: number, min: number): number {
  const raw = env[key];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    throw new BenchError(`${key} must be a number >= ${min}, got '${raw}'`);
  }
  return value;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  return {
    seconds: numberFromEnv(env, 'BENCH_SECONDS', 5, 1),
    warmupSeconds: 1,
    connections: 10,
    rounds: 2,
    workers: Math.floor(numberFromEnv(env, 'BENCH_WORKERS', 0, 0)),
  };
}

/** Listen on 127.0.0.1 (loopback only) on a free port; returns the base URL. */
export async function listenOnLoopback(app: FastifyInstance, label: string): Promise<string> {
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
  } catch (error) {
    throw new BenchError(`${label} server failed to start: ${describe(error)}`, { cause: error });
  }
  const address = app.server.address();
  if (address === null || typeof address === 'string') {
    throw new BenchError(`${label} server failed to start: no TCP address (${String(address)})`);
  }
  return `http://127.0.0.1:${address.port}`;
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Figures of one measured autocannon run. */
export interface RunFigures {
  readonly requestsPerSec: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly latencyAvgMs: number;
  readonly requests: number;
  readonly durationSec: number;
}

function runAutocannon(
  url: string,
  seconds: number,
  settings: BenchSettings,
): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: settings.connections,
    duration: seconds,
    ...(settings.workers > 0 ? { workers: settings.workers } : {}),
  });
}

/** A 1 s warm-up run (discarded), then the measured run. Fails on any error or non-2xx. */
export async function measure(
  label: string,
  url: string,
  settings: BenchSettings,
): Promise<RunFigures> {
  await runAutocannon(url, settings.warmupSeconds, settings);
  const result = await runAutocannon(url, settings.seconds, settings);
  if (result.errors > 0 || result.non2xx > 0) {
    throw new BenchError(
      `${label}: ${result.errors} connection errors and ${result.non2xx} non-2xx responses from ${url}`,
    );
  }
  return {
    requestsPerSec: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyAvgMs: result.latency.average,
    requests: result.requests.total,
    durationSec: result.duration,
  };
}

/** The better of several runs: the one with the most requests per second. */
export function bestRun(runs: readonly RunFigures[]): RunFigures {
  let best: RunFigures | undefined;
  for (const run of runs) {
    if (best === undefined || run.requestsPerSec > best.requestsPerSec) best = run;
  }
  if (best === undefined) throw new BenchError('no runs were measured');
  return best;
}

/** Plain fixed-width table: first column left-aligned, the rest right-aligned. */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const all = [header, ...rows];
  const widths = header.map((_, col) => Math.max(...all.map((row) => (row[col] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, col) => {
        const width = widths[col] ?? cell.length;
        return col === 0 ? cell.padEnd(width) : cell.padStart(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export async function writeResults(name: string, data: unknown): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  await writeFile(file, `${JSON.stringify(data, null, 2)}\n`, 'utf8');
  return file;
}

/** A benchmark that bench/run.ts can run. */
export interface Benchmark {
  readonly name: string;
  readonly description: string;
  run(settings: BenchSettings): Promise<void>;
}
