/**
 * Forecasts: when can a roadmap's benchmarks and gates be done, when can each decision reach
 * consensus (members' sampled position changes, docs/forecasting.md), and when can each candidate
 * accede — seeded Monte Carlo, in fixed chunks that run in this thread or on worker threads
 * (piscina) with the same result byte for byte. Accession timings are fitted on NATO's
 * enlargement rounds (reference-data/nato-accessions.json).
 */
import { availableParallelism } from 'node:os';
import { AccordError } from '../core/errors.js';
import {
  backtest,
  checkAssumptions,
  chunkSizes,
  fitAccessionModel,
  fitTransitionModel,
  mergeForecastChunks,
  parseAssumption,
  runForecastChunk,
  type AccessionCase,
  type Assumption,
  type BacktestResult,
  type ForecastChunk,
  type ForecastTarget,
  type ScenarioForecastInput,
} from '../core/forecast/index.js';
import { isIsoDate } from '../core/dates.js';
import type { IsoDate } from '../core/types.js';
import { resolveAsOf, type ServiceDeps } from './context.js';
import type { ScenarioService } from './scenarios.js';

export type { ForecastTarget };

export interface ScenarioForecast {
  readonly asOf: IsoDate;
  readonly runs: number;
  readonly seed: string;
  readonly targets: readonly ForecastTarget[];
}

export interface ForecastOptions {
  readonly asOf?: string | undefined;
  readonly runs?: number | undefined;
  readonly seed?: string | undefined;
  /** Extra dates to give P(done by) for. */
  readonly by?: readonly string[] | undefined;
  readonly roadmap?: string | undefined;
  /** What-ifs: `TR:support@2024-01-23` or `TR:support@2024-01-23:ratify-sweden`. */
  readonly assume?: readonly string[] | undefined;
  /** The name of the assume parameter in errors (`--assume` for the CLI). */
  readonly assumeField?: string | undefined;
  /**
   * Worker threads: 0 runs every chunk in this thread; n > 0 uses n workers; undefined uses
   * workers from WORKER_THRESHOLD runs on. The result is the same either way.
   */
  readonly workers?: number | undefined;
  /** Called after each chunk with the runs done so far. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface ForecastService {
  forecast(scenarioId: string, options?: ForecastOptions): Promise<ScenarioForecast>;
  backtest(options?: { runs?: number; seed?: string }): BacktestResult;
}

export const MAX_RUNS = 200_000;
/** From this many runs on, forecasts use worker threads unless told otherwise. */
export const WORKER_THRESHOLD = 20_000;
export const MAX_WORKERS = 16;

function checkRuns(runs: number): number {
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS) {
    throw new AccordError(
      'VALIDATION_FAILED',
      `runs: must be a whole number from 1 to ${MAX_RUNS}`,
      { field: 'runs' },
    );
  }
  return runs;
}

function checkWorkers(workers: number | undefined, runs: number): number {
  if (workers === undefined)
    return runs >= WORKER_THRESHOLD ? Math.max(1, Math.min(4, availableParallelism())) : 0;
  if (!Number.isInteger(workers) || workers < 0 || workers > MAX_WORKERS)
    throw new AccordError(
      'VALIDATION_FAILED',
      `workers: must be a whole number from 0 to ${MAX_WORKERS}`,
      { field: 'workers' },
    );
  return workers;
}

/** The task a worker runs (src/services/forecast-worker.js). */
export interface ForecastTask {
  readonly input: ScenarioForecastInput;
  readonly seed: string;
  readonly index: number;
  readonly runs: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Run the chunks in this thread or on `workers` worker threads; merge order is by index. */
async function runChunks(
  input: ScenarioForecastInput,
  seed: string,
  runs: number,
  workers: number,
  onProgress: ForecastOptions['onProgress'],
): Promise<ForecastChunk[]> {
  const sizes = chunkSizes(runs);
  let done = 0;
  const report = (n: number) => {
    done += n;
    onProgress?.(done, runs);
  };
  if (workers === 0) {
    const out: ForecastChunk[] = [];
    for (const [index, size] of sizes.entries()) {
      out.push(runForecastChunk(input, { seed, index, runs: size }));
      report(size);
      if (onProgress !== undefined) await yieldToEventLoop();
    }
    return out;
  }
  // Loaded on first use: most forecasts run in this thread, and the CLI starts faster without it.
  const { Piscina } = await import('piscina');
  const pool = new Piscina({
    filename: new URL('./forecast-worker.js', import.meta.url).href,
    minThreads: Math.min(workers, sizes.length),
    maxThreads: Math.min(workers, sizes.length),
  });
  try {
    return await Promise.all(
      sizes.map(async (size, index) => {
        const task: ForecastTask = { input, seed, index, runs: size };
        // The worker returns runForecastChunk's value, copied by structured clone.
        const chunk = (await pool.run(task)) as ForecastChunk;
        report(size);
        return chunk;
      }),
    );
  } finally {
    await pool.destroy();
  }
}

export function createForecastService(
  deps: ServiceDeps,
  scenarios: ScenarioService,
  accessionCases: readonly AccessionCase[],
): ForecastService {
  return {
    async forecast(scenarioId, options = {}) {
      const asOf = resolveAsOf(deps, options.asOf);
      const runs = checkRuns(options.runs ?? 2000);
      const workers = checkWorkers(options.workers, runs);
      const seed = options.seed ?? 'accord';
      for (const d of options.by ?? []) {
        if (!isIsoDate(d))
          throw new AccordError(
            'VALIDATION_FAILED',
            `by: '${d}' is not a date written YYYY-MM-DD`,
            { field: 'by' },
          );
      }
      const field = options.assumeField ?? 'assume';
      const assumptions: Assumption[] = (options.assume ?? []).map((a) =>
        parseAssumption(a, field),
      );
      // Position histories feed the transition model: the whole scenario, positions up to the
      // forecast's day (none after it: no hindsight, and less to copy to worker threads).
      const full = await scenarios.load(scenarioId);
      const s = { ...full, positions: full.positions.filter((p) => p.date <= asOf) };
      if (options.roadmap !== undefined && !s.roadmaps.some((r) => r.id === options.roadmap)) {
        throw new AccordError(
          'NOT_FOUND',
          `roadmap '${options.roadmap}' does not exist in scenario '${s.id}'`,
          { field: 'roadmap' },
        );
      }
      checkAssumptions(s, assumptions, field);
      const input: ScenarioForecastInput = {
        scenario: s,
        asOf,
        roadmap: options.roadmap,
        // Fit only on rounds completed before the forecast's day: no hindsight.
        fit: fitAccessionModel(
          accessionCases.filter((c) => c.accession !== null && c.accession < asOf),
        ),
        model: fitTransitionModel(s, accessionCases, asOf),
        assumptions,
      };
      const chunks = await runChunks(input, seed, runs, workers, options.onProgress);
      const targets = mergeForecastChunks(input, chunks, options.by ?? []);
      return { asOf, runs, seed, targets };
    },

    backtest(options = {}) {
      return backtest(accessionCases, {
        rngSeed: options.seed ?? 'accord-backtest',
        runs: checkRuns(options.runs ?? 2000),
      });
    },
  };
}
