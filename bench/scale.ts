/**
 * Scale: the same three read endpoints on a large generated scenario and on the built-in
 * vilnius-2023, in one run, on SQLite and (when DATABASE_URL is set) PostgreSQL. The ratio
 * large/small per endpoint is what we track: how much a scenario's size costs each read.
 *
 * Settings: BENCH_SCALE_POSITIONS (default 200000), BENCH_SCALE_BENCHMARKS (default 1000),
 * plus the common BENCH_SECONDS / BENCH_WORKERS. On PostgreSQL the scenario `bench-scale` is
 * written into the database DATABASE_URL names and deleted afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { BUILTIN_DIR, readScenarioDir } from '../src/cli/workspace.js';
import { createDb, type Db, type DbConfig } from '../src/db/create-db.js';
import { buildApp } from '../src/server/app.js';
import { SYSTEM_ACTOR } from '../src/services/context.js';
import { generateAndStore } from '../src/services/generate.js';
import { createServices } from '../src/services/index.js';
import {
  BenchError,
  bestRun,
  describe,
  formatTable,
  listenOnLoopback,
  measure,
  writeResults,
  type BenchSettings,
  type Benchmark,
  type RunFigures,
} from './harness.js';

const SCALE_ID = 'bench-scale';

function intFromEnv(key: string, fallback: number): number {
  const raw = process.env[key];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new BenchError(`${key} must be a whole number >= 1, got '${raw}'`);
  }
  return value;
}

interface Pair {
  readonly endpoint: string;
  readonly small: string;
  readonly large: string;
}

interface PairResult {
  readonly endpoint: string;
  readonly small: RunFigures;
  readonly large: RunFigures;
  /** Milliseconds of the first request to the large scenario (loads it from the database). */
  readonly firstLargeMs: number;
  readonly ratioRequestsPerSec: number;
}

interface EngineResult {
  readonly engine: string;
  readonly positions: number;
  readonly benchmarks: number;
  readonly generateMs: number;
  readonly insertMs: number;
  readonly pairs: readonly PairResult[];
}

/** GET once, fail loudly unless 200; returns the milliseconds taken. */
async function check(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  const text = await response.text();
  if (response.status !== 200) {
    throw new BenchError(`GET ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return performance.now() - started;
}

async function ensureVilnius(services: ReturnType<typeof createServices>): Promise<void> {
  if ((await services.scenarios.list()).some((s) => s.id === 'vilnius-2023')) return;
  const file = readScenarioDir(BUILTIN_DIR).find((f) => f.name.endsWith('vilnius-2023.yaml'));
  if (file === undefined) throw new BenchError('scenarios/vilnius-2023.yaml is missing');
  await services.scenarios.importText(SYSTEM_ACTOR, file.text, file.name);
}

async function runEngine(
  label: string,
  config: DbConfig,
  settings: BenchSettings,
  size: { positions: number; benchmarks: number },
): Promise<EngineResult> {
  let db: Db | undefined;
  let app: FastifyInstance | undefined;
  try {
    db = await createDb(config);
    const services = createServices({
      db: db.kysely,
      clock: () => new Date(),
      changeToken: db.changeToken,
    });
    await ensureVilnius(services);
    console.log(
      `  [${label}] generating ${size.positions} positions, ${size.benchmarks} benchmarks…`,
    );
    const generated = await generateAndStore(
      { db: db.kysely, clock: () => new Date() },
      SYSTEM_ACTOR,
      {
        id: SCALE_ID,
        members: 100,
        candidates: 20,
        benchmarks: size.benchmarks,
        positions: size.positions,
        seed: 'bench',
        replace: true,
      },
      undefined,
      (id) => {
        services.scenarios.invalidate(id);
      },
    );
    console.log(
      `  [${label}] generated in ${generated.generateMs} ms, inserted in ${generated.insertMs} ms`,
    );
    const detail = await services.scenarios.get(SCALE_ID);
    const decision = detail.decisionList[0]?.id ?? '';
    const member = (await services.scenarios.members(SCALE_ID, '2025-06-30')).members[0]?.iso2;
    app = await buildApp({ services });
    const base = await listenOnLoopback(app, `Accord (${label})`);
    const scenario = (id: string) => `${base}/api/v1/scenarios/${id}`;
    const pairs: Pair[] = [
      {
        endpoint: 'status as of a date',
        small: `${scenario('vilnius-2023')}/status?asOf=2023-07-12`,
        large: `${scenario(SCALE_ID)}/status?asOf=2025-06-30`,
      },
      {
        endpoint: 'roadmap show',
        small: `${scenario('vilnius-2023')}/roadmaps/ua-sequenced`,
        large: `${scenario(SCALE_ID)}/roadmaps/generated-plan`,
      },
      {
        endpoint: "a member's position history",
        small: `${scenario('vilnius-2023')}/decisions/invite-ukraine-vilnius/members/PL/history`,
        large: `${scenario(SCALE_ID)}/decisions/${decision}/members/${member ?? 'AD'}/history`,
      },
    ];
    const results: PairResult[] = [];
    for (const pair of pairs) {
      await check(pair.small);
      const firstLargeMs = await check(pair.large);
      const small: RunFigures[] = [];
      const large: RunFigures[] = [];
      for (let round = 1; round <= settings.rounds; round++) {
        console.log(`  [${label}] ${pair.endpoint}: round ${round}/${settings.rounds}`);
        small.push(await measure(`${pair.endpoint} (vilnius-2023)`, pair.small, settings));
        large.push(await measure(`${pair.endpoint} (${SCALE_ID})`, pair.large, settings));
      }
      const s = bestRun(small);
      const l = bestRun(large);
      results.push({
        endpoint: pair.endpoint,
        small: s,
        large: l,
        firstLargeMs: Math.round(firstLargeMs),
        ratioRequestsPerSec: l.requestsPerSec / s.requestsPerSec,
      });
    }
    await services.scenarios.delete(SYSTEM_ACTOR, SCALE_ID);
    return {
      engine: label,
      positions: size.positions,
      benchmarks: size.benchmarks,
      generateMs: generated.generateMs,
      insertMs: generated.insertMs,
      pairs: results,
    };
  } catch (error) {
    if (error instanceof BenchError) throw error;
    throw new BenchError(`${label}: ${describe(error)}`, { cause: error });
  } finally {
    await app?.close();
    await db?.close();
  }
}

const ms = (value: number): string => (value === 0 ? '<1' : value.toFixed(0));

export function formatEngine(r: EngineResult): string {
  const table = formatTable(
    [
      'endpoint',
      'vilnius req/s',
      'p50',
      'p99',
      'large req/s',
      'p50',
      'p99',
      'first (ms)',
      'ratio req/s',
    ],
    r.pairs.map((p) => [
      p.endpoint,
      Math.round(p.small.requestsPerSec).toString(),
      ms(p.small.latencyP50Ms),
      ms(p.small.latencyP99Ms),
      Math.round(p.large.requestsPerSec).toString(),
      ms(p.large.latencyP50Ms),
      ms(p.large.latencyP99Ms),
      String(p.firstLargeMs),
      p.ratioRequestsPerSec.toFixed(2),
    ]),
  );
  return (
    `${r.engine}: ${r.positions} positions, ${r.benchmarks} benchmarks ` +
    `(generated ${r.generateMs} ms, inserted ${r.insertMs} ms)\n${table}\n` +
    '(latencies in ms, resolution 1 ms; "first" is the cold first request to the large ' +
    'scenario; ratio = large / vilnius-2023)'
  );
}

export const scaleBenchmark: Benchmark = {
  name: 'scale',
  description: 'status, roadmap and position history on a generated large scenario vs vilnius-2023',
  async run(settings) {
    const size = {
      positions: intFromEnv('BENCH_SCALE_POSITIONS', 200_000),
      benchmarks: intFromEnv('BENCH_SCALE_BENCHMARKS', 1000),
    };
    const dir = await mkdtemp(join(tmpdir(), 'accord-bench-scale-'));
    const results: EngineResult[] = [];
    try {
      results.push(
        await runEngine('SQLite', { sqliteFile: join(dir, 'accord.sqlite') }, settings, size),
      );
      const url = process.env.DATABASE_URL;
      if (url !== undefined && url !== '') {
        results.push(
          await runEngine(
            'PostgreSQL',
            { sqliteFile: ':memory:', databaseUrl: url },
            settings,
            size,
          ),
        );
      } else console.log('  (DATABASE_URL unset: PostgreSQL skipped)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    for (const r of results) console.log(`\n${formatEngine(r)}`);
    const file = await writeResults('scale', {
      benchmark: 'scale',
      timestamp: new Date().toISOString(),
      node: process.version,
      settings,
      results,
    });
    console.log(`\nresults written to ${file}`);
  },
};
