/**
 * A benchmark's remaining duration: what is left as of a day (the schedule's rule) and a sample of
 * it under uncertainty.
 *
 * Uncertainty is PERT on [0.7×, 2×] of the remaining estimate with the mode at 1×: the estimate is
 * the most likely value, finishing early is bounded (30 % faster at best), and the long right tail
 * (up to twice as long) reflects that reform work overruns more often and further than it
 * underruns. The PERT mean is (0.7 + 4·1 + 2)/6 ≈ 1.12× the estimate.
 */
import type { IsoDate } from '../types.js';
import { finishedOn, statusEntryAsOf } from '../roadmap/history.js';
import type { Benchmark, BenchmarkStatus } from '../roadmap/types.js';
import { pert, type Rng } from './rng.js';

/** The spread around the estimate, as factors of it. */
export const DURATION_SPREAD = { min: 0.7, mode: 1, max: 2 } as const;

export type RemainingWork =
  | { readonly done: true; readonly status: BenchmarkStatus; readonly finished: IsoDate }
  | { readonly done: false; readonly status: BenchmarkStatus; readonly remainingDays: number };

/**
 * What is left of a benchmark as of a day: met/verified is done (on the day its current run of
 * done statuses began); in-progress leaves ceil(duration × (1 − progress)) days (progress 0.5 when
 * not recorded); not-started and regressed leave the whole duration.
 */
export function remainingWork(benchmark: Benchmark, asOf: IsoDate): RemainingWork {
  const entry = statusEntryAsOf(benchmark, asOf);
  const status = entry?.status ?? 'not-started';
  const finished = finishedOn(benchmark, asOf);
  if (finished !== undefined) return { done: true, status, finished };
  const duration = benchmark.durationDays;
  if (status !== 'in-progress') return { done: false, status, remainingDays: duration };
  const progress = Math.min(1, Math.max(0, entry?.progress ?? 0.5));
  // The epsilon keeps 10 × (1 − 0.3) at 7 days, as in the schedule.
  const remainingDays = Math.max(0, Math.ceil(duration * (1 - progress) - 1e-9));
  return { done: false, status, remainingDays };
}

/** A PERT factor on [0.7, 2] with mode 1 (always consumes draws, so streams stay aligned). */
export function sampleDurationFactor(rng: Rng): number {
  return pert(rng, DURATION_SPREAD.min, DURATION_SPREAD.mode, DURATION_SPREAD.max);
}

/** A whole-day sample of `remainingDays` × a PERT factor (0 stays 0). */
export function sampleRemainingDays(rng: Rng, remainingDays: number): number {
  const factor = sampleDurationFactor(rng);
  return Math.max(0, Math.round(remainingDays * factor));
}
