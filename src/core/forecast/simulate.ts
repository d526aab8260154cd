/**
 * Monte Carlo over the roadmap: each run samples every benchmark's remaining duration (in list
 * order, so a run's draws do not depend on the graph) and propagates finish dates through the
 * finish-to-start graph in topological order, with the schedule's rules (docs/roadmap.md): done
 * work is fact, the rest starts no earlier than `asOf`, milestones and gates are points reached
 * when their predecessors finish.
 *
 * Per node the output gives P10/P50/P90 finish dates, the sorted samples (day numbers) for
 * `pBy`, and how often it sat on the critical chain to the plan's finish; per node also the
 * benchmarks that most often drove it (sat on the chain into it).
 */
import { AccordError, formatProblem } from '../errors.js';
import { fromDayNumber, toDayNumber } from '../dates.js';
import type { IsoDate } from '../types.js';
import { roadmapGraph, topologicalOrder, type Edge } from '../roadmap/graph.js';
import { scheduleProblems } from '../roadmap/schedule.js';
import type { NodeKind, Roadmap } from '../roadmap/types.js';
import { remainingWork, sampleDurationFactor, type RemainingWork } from './durations.js';
import { quantileSorted, shareAtMost, type Rng } from './rng.js';

export interface SimulateOptions {
  /** Day 0 of the plan. */
  readonly start: IsoDate;
  /** The day the forecast is made: done work is fact, the rest starts no earlier. */
  readonly asOf?: IsoDate | undefined;
  /** Number of runs (≥ 1). */
  readonly runs: number;
  readonly rng: Rng;
}

/** A benchmark and the share of runs (0–1) it sat on a critical chain. */
export interface Driver {
  readonly id: string;
  readonly share: number;
}

export interface TargetForecast {
  readonly id: string;
  readonly kind: NodeKind;
  readonly p10: IsoDate;
  readonly p50: IsoDate;
  readonly p90: IsoDate;
  /** Finish per run as a day number (days since 1970-01-01), ascending. */
  readonly samplesDays: readonly number[];
  /** Share of runs the node sat on the critical chain to the plan's finish. */
  readonly criticalShare: number;
  /**
   * For a milestone or gate: the unfinished benchmarks on the chain into it, by share of runs,
   * most often first. Empty for a benchmark (its own chain is not counted: see simulateRoadmap).
   */
  readonly drivers: readonly Driver[];
}

export interface RoadmapForecast {
  readonly start: IsoDate;
  readonly asOf: IsoDate;
  readonly runs: number;
  /** The plan's finish (latest node) per run, as P10/P50/P90. */
  readonly finish: { readonly p10: IsoDate; readonly p50: IsoDate; readonly p90: IsoDate };
  /** Benchmarks on the critical chain to the plan's finish, by share of runs. */
  readonly drivers: readonly Driver[];
  /** Every benchmark, milestone and gate, in topological order. */
  readonly targets: readonly TargetForecast[];
}

/** The probability a target is finished by `date` (its samples ≤ the date's day number). */
export function pBy(target: Pick<TargetForecast, 'samplesDays'>, date: IsoDate): number {
  return shareAtMost(target.samplesDays, toDayNumber(date));
}

function percentiles(sorted: readonly number[]): { p10: IsoDate; p50: IsoDate; p90: IsoDate } {
  return {
    p10: fromDayNumber(quantileSorted(sorted, 0.1)),
    p50: fromDayNumber(quantileSorted(sorted, 0.5)),
    p90: fromDayNumber(quantileSorted(sorted, 0.9)),
  };
}

function drivers(counts: ReadonlyMap<string, number>, runs: number): Driver[] {
  return [...counts.entries()]
    .map(([id, n]) => ({ id, share: n / runs }))
    .sort((a, b) => b.share - a.share || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * A roadmap prepared once for many runs: the topological order, every node's incoming edges and
 * what is left of each benchmark as of the forecast day, flattened into typed arrays so the run
 * loop touches no maps or objects.
 */
export interface CompiledRoadmap {
  readonly start: IsoDate;
  readonly asOf: IsoDate;
  readonly startDay: number;
  /** The first day unfinished work may start: max(start, asOf). */
  readonly release: number;
  /** Node ids and kinds in topological order. */
  readonly ids: readonly string[];
  readonly kinds: readonly NodeKind[];
  /** Number of benchmarks: the factors a run draws, in the roadmap's list order. */
  readonly benchmarkCount: number;
  /** Per node: 0 point (milestone or gate), 1 done benchmark, 2 unfinished benchmark. */
  readonly work: Uint8Array;
  /** Per node: the done day (work 1) or the remaining days (work 2). */
  readonly days: Float64Array;
  /** Per node: the index of its factor (work 2), else -1. */
  readonly factor: Int32Array;
  /** Incoming edges in CSR form: node i's edges are inFrom/inLag[inStart[i] .. inStart[i+1]). */
  readonly inStart: Int32Array;
  readonly inFrom: Int32Array;
  readonly inLag: Float64Array;
  /** Node index by id. */
  readonly index: ReadonlyMap<string, number>;
}

/**
 * Check and prepare a roadmap for simulation. Throws VALIDATION_FAILED for what makes a schedule
 * impossible (unknown ids, bad durations or lags, a cycle).
 */
export function compileRoadmap(
  roadmap: Roadmap,
  options: { readonly start: IsoDate; readonly asOf?: IsoDate | undefined },
): CompiledRoadmap {
  const problems = scheduleProblems(roadmap);
  const first = problems[0];
  if (first !== undefined) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new AccordError('VALIDATION_FAILED', `${formatProblem(first)}${more}`, { problems });
  }
  const start = options.start;
  const asOf = options.asOf ?? start;
  const startDay = toDayNumber(start);
  const release = Math.max(startDay, toDayNumber(asOf));
  const graph = roadmapGraph(roadmap);
  const order = topologicalOrder(
    graph.nodes.map((n) => n.id),
    graph.edges,
  );
  const index = new Map(order.map((id, i) => [id, i]));
  const kindOf = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const benchmarkIndex = new Map(roadmap.benchmarks.map((b, i) => [b.id, i]));
  const incoming = new Map<string, Edge[]>();
  for (const e of graph.edges) {
    const list = incoming.get(e.to);
    if (list === undefined) incoming.set(e.to, [e]);
    else list.push(e);
  }
  const n = order.length;
  const work = new Uint8Array(n);
  const days = new Float64Array(n);
  const factor = new Int32Array(n).fill(-1);
  const inStart = new Int32Array(n + 1);
  const from: number[] = [];
  const lag: number[] = [];
  const kinds: NodeKind[] = [];
  order.forEach((id, i) => {
    const kind = kindOf.get(id) ?? 'milestone';
    kinds.push(kind);
    const b = benchmarkIndex.get(id);
    const benchmark = b === undefined ? undefined : roadmap.benchmarks[b];
    if (kind === 'benchmark' && b !== undefined && benchmark !== undefined) {
      const left: RemainingWork = remainingWork(benchmark, asOf);
      if (left.done) {
        work[i] = 1;
        days[i] = toDayNumber(left.finished);
      } else {
        work[i] = 2;
        days[i] = left.remainingDays;
        factor[i] = b;
      }
    }
    inStart[i] = from.length;
    for (const e of incoming.get(id) ?? []) {
      const f = index.get(e.from);
      if (f === undefined) continue;
      from.push(f);
      lag.push(e.lagDays);
    }
  });
  inStart[n] = from.length;
  return {
    start,
    asOf,
    startDay,
    release,
    ids: order,
    kinds,
    benchmarkCount: roadmap.benchmarks.length,
    work,
    days,
    factor,
    inStart,
    inFrom: Int32Array.from(from),
    inLag: Float64Array.from(lag),
    index,
  };
}

/** Draw one run's duration factors, one per benchmark in list order (graph-independent). */
export function drawFactors(plan: CompiledRoadmap, rng: Rng, factors: Float64Array): void {
  for (let b = 0; b < plan.benchmarkCount; b++) factors[b] = sampleDurationFactor(rng);
}

/**
 * Propagate one run's factors through the graph: `finish[i]` is node i's finish day and
 * `tight[i]` the predecessor that set its start (-1 for release, none or done).
 */
export function propagate(
  plan: CompiledRoadmap,
  factors: Float64Array,
  finish: Float64Array,
  tight: Int32Array,
): void {
  const { work, days, factor, inStart, inFrom, inLag, release, startDay } = plan;
  const n = work.length;
  for (let i = 0; i < n; i++) {
    let ready = -Infinity;
    let from = -1;
    const end = inStart[i + 1] ?? 0;
    for (let e = inStart[i] ?? 0; e < end; e++) {
      const f = inFrom[e] ?? 0;
      const at = (finish[f] ?? 0) + (inLag[e] ?? 0);
      if (at > ready) {
        ready = at;
        from = f;
      }
    }
    const w = work[i];
    if (w === 0) {
      finish[i] = from === -1 ? startDay : ready;
      tight[i] = from;
    } else if (w === 1) {
      finish[i] = days[i] ?? 0;
      tight[i] = -1;
    } else {
      const startsAt = from === -1 ? release : Math.max(release, ready);
      tight[i] = from !== -1 && ready >= release ? from : -1;
      const f = factors[factor[i] ?? 0] ?? 1;
      const d = Math.round((days[i] ?? 0) * f);
      finish[i] = startsAt + (d > 0 ? d : 0);
    }
  }
}

/** The raw results of many runs, before any summary (what forecast chunks keep). */
export interface RoadmapRuns {
  readonly runs: number;
  /** Run-major: run r's finish days (indexed as `plan.ids`) are samples[r·n .. (r+1)·n). */
  readonly samples: Float64Array;
  /** The points (milestones and gates) whose drivers are counted, as node indices. */
  readonly points: Int32Array;
  /** chainCounts[p·n + k]: runs in which unfinished benchmark k sat on the chain into point p. */
  readonly chainCounts: Int32Array;
  /** Per node: runs in which it sat on the critical chain to the plan's finish. */
  readonly onFinishChain: Int32Array;
  /** The plan's finish (latest node) per run. */
  readonly finishSamples: Float64Array;
}

/**
 * Run a compiled roadmap `runs` times. `onRun`, when given, sees each run's finish days
 * (indexed as `plan.ids`) before the next run overwrites them.
 *
 * Drivers are counted for the points (milestones and gates) only: walking every node's chain in
 * every run would cost the sum of the chains' lengths (tens of thousands of steps a run on a
 * deep 200-benchmark roadmap), more than drawing the durations.
 */
export function runRoadmap(
  plan: CompiledRoadmap,
  rng: Rng,
  runs: number,
  onRun?: (finish: Float64Array, run: number) => void,
  /** Whether to track the plan's finish and its critical chain (forecast chunks do not). */
  criticality = true,
): RoadmapRuns {
  if (!Number.isInteger(runs) || runs < 1)
    throw new AccordError('VALIDATION_FAILED', `runs must be a whole number ≥ 1, not ${runs}`);
  const n = plan.ids.length;
  const { work } = plan;
  const samples = new Float64Array(n * runs);
  const onFinishChain = new Int32Array(n);
  const pointList: number[] = [];
  for (let i = 0; i < n; i++) if (work[i] === 0) pointList.push(i);
  const points = Int32Array.from(pointList);
  const chainCounts = new Int32Array(points.length * n);
  const finishSamples = new Float64Array(runs);
  const factors = new Float64Array(plan.benchmarkCount);
  const finish = new Float64Array(n);
  const tight = new Int32Array(n).fill(-1);

  for (let run = 0; run < runs; run++) {
    drawFactors(plan, rng, factors);
    propagate(plan, factors, finish, tight);
    samples.set(finish, run * n);
    if (criticality) trackFinish(finish, tight, run, onFinishChain, finishSamples);
    for (let row = 0; row < points.length; row++) {
      const base = row * n;
      for (let k = tight[points[row] ?? 0] ?? -1; k >= 0; k = tight[k] ?? -1) {
        if (work[k] === 2) chainCounts[base + k] = (chainCounts[base + k] ?? 0) + 1;
      }
    }
    onRun?.(finish, run);
  }
  return { runs, samples, points, chainCounts, onFinishChain, finishSamples };
}

/** Record the plan's finish (the latest node, the last such in topological order) and its chain. */
function trackFinish(
  finish: Float64Array,
  tight: Int32Array,
  run: number,
  onFinishChain: Int32Array,
  finishSamples: Float64Array,
): void {
  let last = -1;
  let lastDay = -Infinity;
  for (let i = 0; i < finish.length; i++) {
    const f = finish[i] ?? 0;
    if (f >= lastDay) {
      last = i;
      lastDay = f;
    }
  }
  if (last >= 0) finishSamples[run] = lastDay;
  for (let k = last; k >= 0; k = tight[k] ?? -1) onFinishChain[k] = (onFinishChain[k] ?? 0) + 1;
}

/** Node i's finish days over the runs, in run order (into `into` when given). */
export function nodeSamples(
  raw: RoadmapRuns,
  n: number,
  i: number,
  into: Float64Array = new Float64Array(raw.runs),
): Float64Array {
  for (let run = 0; run < raw.runs; run++) into[run] = raw.samples[run * n + i] ?? 0;
  return into;
}

/** Point p's driver counts (by node id), from the raw runs. */
export function pointDriverCounts(
  raw: RoadmapRuns,
  ids: readonly string[],
  row: number,
): Map<string, number> {
  const n = ids.length;
  const m = new Map<string, number>();
  for (let k = 0; k < n; k++) {
    const c = raw.chainCounts[row * n + k] ?? 0;
    if (c > 0) m.set(ids[k] ?? '', c);
  }
  return m;
}

/**
 * Simulate the roadmap `runs` times. Throws VALIDATION_FAILED for what makes a schedule
 * impossible (unknown ids, bad durations or lags, a cycle) and for runs < 1.
 */
export function simulateRoadmap(
  roadmap: Roadmap,
  options: SimulateOptions & { readonly compiled?: CompiledRoadmap | undefined },
): RoadmapForecast {
  const plan = options.compiled ?? compileRoadmap(roadmap, options);
  const { rng, start, runs } = options;
  const raw = runRoadmap(plan, rng, runs);
  const n = plan.ids.length;
  const pointRow = new Int32Array(n).fill(-1);
  raw.points.forEach((i, row) => (pointRow[i] = row));
  const targets: TargetForecast[] = plan.ids.map((id, i) => {
    const sorted = Array.from(nodeSamples(raw, n, i).sort());
    const row = pointRow[i] ?? -1;
    return {
      id,
      kind: plan.kinds[i] ?? 'milestone',
      ...percentiles(sorted),
      samplesDays: sorted,
      criticalShare: (raw.onFinishChain[i] ?? 0) / runs,
      drivers: row < 0 ? [] : drivers(pointDriverCounts(raw, plan.ids, row), runs),
    };
  });
  const planDrivers = new Map<string, number>();
  plan.ids.forEach((id, i) => {
    const count = raw.onFinishChain[i] ?? 0;
    if (plan.work[i] === 2 && count > 0) planDrivers.set(id, count);
  });
  const sortedFinish = n === 0 ? [] : Array.from(raw.finishSamples.sort());
  const emptyFinish = { p10: start, p50: start, p90: start };
  return {
    start,
    asOf: plan.asOf,
    runs,
    finish: sortedFinish.length === 0 ? emptyFinish : percentiles(sortedFinish),
    drivers: drivers(planDrivers, runs),
    targets,
  };
}
