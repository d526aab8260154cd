/**
 * Weighted progress as of a day. Each benchmark is credited by its recorded status: met or
 * verified 1, in-progress its `progress` (0.5 when not recorded), not-started and regressed 0.
 * A track's progress is Σ weight × credit / Σ weight over its benchmarks; the roadmap's is the same
 * over all benchmarks (so a heavy track counts for more). When the weights sum to 0 every
 * benchmark counts equally; with no benchmarks at all progress is 0.
 */
import type { IsoDate } from '../types.js';
import { completionOf, statusEntryAsOf } from './history.js';
import type { Benchmark, BenchmarkStatus, Roadmap } from './types.js';

export interface ProgressFigures {
  /** 0–1. */
  readonly progress: number;
  readonly benchmarks: number;
  readonly weight: number;
  readonly byStatus: Readonly<Record<BenchmarkStatus, number>>;
}

export interface TrackProgress extends ProgressFigures {
  readonly track: string;
  readonly title: string;
}

export interface RoadmapProgress extends ProgressFigures {
  readonly asOf: IsoDate;
  readonly tracks: readonly TrackProgress[];
}

/** The credit one benchmark earns on a day (0–1). */
export function benchmarkCompletion(benchmark: Benchmark, asOf: IsoDate): number {
  return completionOf(statusEntryAsOf(benchmark, asOf));
}

export function rollup(benchmarks: readonly Benchmark[], asOf: IsoDate): ProgressFigures {
  const byStatus: Record<BenchmarkStatus, number> = {
    'not-started': 0,
    'in-progress': 0,
    met: 0,
    verified: 0,
    regressed: 0,
  };
  let weight = 0;
  let done = 0;
  let plain = 0;
  for (const b of benchmarks) {
    const entry = statusEntryAsOf(b, asOf);
    const credit = completionOf(entry);
    const w = Number.isFinite(b.weight) && b.weight > 0 ? b.weight : 0;
    weight += w;
    done += w * credit;
    plain += credit;
    byStatus[entry?.status ?? 'not-started'] += 1;
  }
  const n = benchmarks.length;
  const raw = weight > 0 ? done / weight : n > 0 ? plain / n : 0;
  return { progress: Math.min(1, Math.max(0, raw)), benchmarks: n, weight, byStatus };
}

/** Progress per track (in track order) and for the whole roadmap, as of a day. */
export function roadmapProgress(roadmap: Roadmap, asOf: IsoDate): RoadmapProgress {
  const tracks = roadmap.tracks.map((t) => ({
    track: t.id,
    title: t.title,
    ...rollup(
      roadmap.benchmarks.filter((b) => b.track === t.id),
      asOf,
    ),
  }));
  return { asOf, ...rollup(roadmap.benchmarks, asOf), tracks };
}
