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
  /** Unfinished benchmarks on the chain into this node, by share of runs, most often first. */
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

interface Node {
  readonly id: string;
  readonly kind: NodeKind;
  readonly work: RemainingWork | undefined;
  /** Index into the roadmap's benchmarks (sampling order), or -1. */
  readonly benchmark: number;
  readonly incoming: readonly { readonly from: number; readonly lagDays: number }[];
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
 * Simulate the roadmap `runs` times. Throws VALIDATION_FAILED for what makes a schedule
 * impossible (unknown ids, bad durations or lags, a cycle) and for runs < 1.
 */
export function simulateRoadmap(roadmap: Roadmap, options: SimulateOptions): RoadmapForecast {
  const problems = scheduleProblems(roadmap);
  const first = problems[0];
  if (first !== undefined) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new AccordError('VALIDATION_FAILED', `${formatProblem(first)}${more}`, { problems });
  }
  const { start, rng } = options;
  const runs = options.runs;
  if (!Number.isInteger(runs) || runs < 1)
    throw new AccordError('VALIDATION_FAILED', `runs must be a whole number ≥ 1, not ${runs}`);
  const asOf = options.asOf ?? start;
  const startDay = toDayNumber(start);
  const release = Math.max(startDay, toDayNumber(asOf));

  const graph = roadmapGraph(roadmap);
  const order = topologicalOrder(
    graph.nodes.map((n) => n.id),
    graph.edges,
  );
  const position = new Map(order.map((id, i) => [id, i]));
  const kinds = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const benchmarkIndex = new Map(roadmap.benchmarks.map((b, i) => [b.id, i]));
  const incomingEdges = new Map<string, Edge[]>();
  for (const e of graph.edges) {
    const list = incomingEdges.get(e.to);
    if (list === undefined) incomingEdges.set(e.to, [e]);
    else list.push(e);
  }
  const nodes: Node[] = order.map((id) => {
    const b = benchmarkIndex.get(id) ?? -1;
    const benchmark = roadmap.benchmarks[b];
    const kind = kinds.get(id) ?? 'milestone';
    return {
      id,
      kind,
      work:
        kind === 'benchmark' && benchmark !== undefined
          ? remainingWork(benchmark, asOf)
          : undefined,
      benchmark: kind === 'benchmark' ? b : -1,
      incoming: (incomingEdges.get(id) ?? []).flatMap((e) => {
        const from = position.get(e.from);
        return from === undefined ? [] : [{ from, lagDays: e.lagDays }];
      }),
    };
  });

  const n = nodes.length;
  const samples: number[][] = nodes.map(() => []);
  const onFinishChain: number[] = new Array<number>(n).fill(0);
  const chainCounts: Map<string, number>[] = nodes.map(() => new Map<string, number>());
  const finishSamples: number[] = [];
  const factors: number[] = new Array<number>(roadmap.benchmarks.length).fill(1);
  const finish: number[] = new Array<number>(n).fill(0);
  // The predecessor that set a node's start, or -1 (release, no predecessors, or done).
  const tight: number[] = new Array<number>(n).fill(-1);

  for (let run = 0; run < runs; run++) {
    for (let b = 0; b < factors.length; b++) factors[b] = sampleDurationFactor(rng);
    for (let i = 0; i < n; i++) {
      const node = nodes[i];
      if (node === undefined) continue;
      let ready: number | undefined;
      let from = -1;
      for (const e of node.incoming) {
        const at = (finish[e.from] ?? 0) + e.lagDays;
        if (ready === undefined || at > ready) {
          ready = at;
          from = e.from;
        }
      }
      const work = node.work;
      if (work === undefined) {
        finish[i] = ready ?? startDay;
        tight[i] = from;
      } else if (work.done) {
        finish[i] = toDayNumber(work.finished);
        tight[i] = -1;
      } else {
        const startsAt = Math.max(release, ready ?? release);
        tight[i] = ready !== undefined && ready >= release ? from : -1;
        const days = Math.max(0, Math.round(work.remainingDays * (factors[node.benchmark] ?? 1)));
        finish[i] = startsAt + days;
      }
      samples[i]?.push(finish[i] ?? 0);
    }
    // The plan's finish: the latest node (the last such in topological order).
    let last = -1;
    for (let i = 0; i < n; i++)
      if (last === -1 || (finish[i] ?? 0) >= (finish[last] ?? 0)) last = i;
    if (last >= 0) finishSamples.push(finish[last] ?? 0);
    for (let k = last; k >= 0; k = tight[k] ?? -1) onFinishChain[k] = (onFinishChain[k] ?? 0) + 1;
    for (let i = 0; i < n; i++) {
      const counts = chainCounts[i];
      if (counts === undefined) continue;
      for (let k = i; k >= 0; k = tight[k] ?? -1) {
        const node = nodes[k];
        if (node?.work !== undefined && !node.work.done)
          counts.set(node.id, (counts.get(node.id) ?? 0) + 1);
      }
    }
  }

  const targets: TargetForecast[] = nodes.map((node, i) => {
    const sorted = (samples[i] ?? []).slice().sort((a, b) => a - b);
    return {
      id: node.id,
      kind: node.kind,
      ...percentiles(sorted),
      samplesDays: sorted,
      criticalShare: (onFinishChain[i] ?? 0) / runs,
      drivers: drivers(chainCounts[i] ?? new Map<string, number>(), runs),
    };
  });
  const planDrivers = new Map<string, number>();
  nodes.forEach((node, i) => {
    const count = onFinishChain[i] ?? 0;
    if (node.work !== undefined && !node.work.done && count > 0) planDrivers.set(node.id, count);
  });
  const sortedFinish = finishSamples.slice().sort((a, b) => a - b);
  const emptyFinish = { p10: start, p50: start, p90: start };
  return {
    start,
    asOf,
    runs,
    finish: sortedFinish.length === 0 ? emptyFinish : percentiles(sortedFinish),
    drivers: drivers(planDrivers, runs),
    targets,
  };
}
