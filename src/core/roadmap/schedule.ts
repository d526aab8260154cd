/**
 * The critical path method over the roadmap graph.
 *
 * Offsets are whole days from the plan's `start` (day 0); an item that starts on day s and takes
 * d days finishes on day s + d, and a finish-to-start dependency with lag L lets its successor
 * start on day finish + L. Benchmarks are work; milestones and gates are points (no work) reached
 * when their predecessors finish (day 0 when they have none; such a point counts as done from the
 * day after the start).
 *
 * As of a day (`asOf`, default `start`):
 * - a benchmark met or verified by then is finished on the day it became so (a fact: its
 *   predecessors no longer constrain it, and it constrains nobody's latest dates);
 * - work not done yet starts no earlier than `asOf`; an in-progress benchmark has
 *   ceil(duration × (1 − progress)) days left (progress 0.5 when not recorded); a regressed or
 *   not-started one has its whole duration left.
 *
 * Latest dates come from the plan's finish (the latest early finish): slack = late − early is
 * never negative, and the critical items are the unfinished ones with no slack.
 */
import { addDays, daysBetween } from '../dates.js';
import { AccordError, formatProblem, type Problem } from '../errors.js';
import type { IsoDate } from '../types.js';
import { roadmapGraph, topologicalOrder, type Edge } from './graph.js';
import { finishedOn, statusEntryAsOf } from './history.js';
import type { BenchmarkStatus, NodeKind, Roadmap } from './types.js';

export interface ScheduleOptions {
  /** Day 0 of the plan. */
  readonly start: IsoDate;
  /** The day the plan is computed on: done work is fact, the rest starts no earlier. */
  readonly asOf?: IsoDate | undefined;
}

export interface ScheduledDates {
  readonly earlyStart: IsoDate;
  readonly earlyFinish: IsoDate;
  readonly lateStart: IsoDate;
  readonly lateFinish: IsoDate;
}

export interface ScheduledItem {
  readonly id: string;
  readonly kind: NodeKind;
  /** The estimate (0 for milestones and gates). */
  readonly durationDays: number;
  /** The work left as of the day the schedule is for. */
  readonly remainingDays: number;
  /** For benchmarks: the recorded status as of the day. */
  readonly status?: BenchmarkStatus | undefined;
  /** Finished by `asOf` (a met/verified benchmark; a point whose predecessors all are). */
  readonly done: boolean;
  /** Offsets in days from `start`. For done work the early start is finish − duration. */
  readonly earlyStart: number;
  readonly earlyFinish: number;
  readonly lateStart: number;
  readonly lateFinish: number;
  /** lateFinish − earlyFinish; ≥ 0; 0 for done items. */
  readonly slack: number;
  /** Unfinished with no slack. */
  readonly critical: boolean;
  readonly dates: ScheduledDates;
}

export interface Schedule {
  readonly start: IsoDate;
  readonly asOf: IsoDate;
  /** The plan's finish: the latest early finish (0 for an empty plan). */
  readonly finish: number;
  readonly finishDate: IsoDate;
  /** Every benchmark, milestone and gate, in topological order. */
  readonly items: readonly ScheduledItem[];
  /**
   * One chain of critical items, first to last, ending at the unfinished item that finishes the
   * plan (the last such in topological order); each follows the previous by a dependency with no
   * slack. Empty when everything is done.
   */
  readonly criticalPath: readonly string[];
}

/** Problems that make a schedule impossible (a subset of validateRoadmap, without cycles). */
export function scheduleProblems(roadmap: Roadmap): Problem[] {
  const problems: Problem[] = [];
  const nodes = new Set<string>();
  const ids = [
    ...roadmap.benchmarks.map((b, i) => ({ id: b.id, path: `roadmap.benchmarks.${i}.id` })),
    ...roadmap.milestones.map((m, i) => ({ id: m.id, path: `roadmap.milestones.${i}.id` })),
    ...roadmap.gates.map((g, i) => ({ id: g.id, path: `roadmap.gates.${i}.id` })),
  ];
  for (const { id, path } of ids) {
    if (nodes.has(id)) problems.push({ path, message: `duplicate id '${id}'` });
    nodes.add(id);
  }
  const benchmarks = new Set(roadmap.benchmarks.map((b) => b.id));
  roadmap.benchmarks.forEach((b, i) => {
    if (!Number.isInteger(b.durationDays) || b.durationDays < 0)
      problems.push({
        path: `roadmap.benchmarks.${i}.durationDays`,
        message: `must be a whole number of days ≥ 0, not ${b.durationDays}`,
      });
  });
  roadmap.dependencies.forEach((d, i) => {
    const ends: readonly ('from' | 'to')[] = ['from', 'to'];
    for (const end of ends) {
      if (!nodes.has(d[end]))
        problems.push({
          path: `roadmap.dependencies.${i}.${end}`,
          message: `no benchmark, milestone or gate '${d[end]}'`,
        });
    }
    if (!Number.isInteger(d.lagDays) || d.lagDays < 0)
      problems.push({
        path: `roadmap.dependencies.${i}.lagDays`,
        message: `must be a whole number of days ≥ 0, not ${d.lagDays}`,
      });
  });
  roadmap.gates.forEach((g, i) => {
    g.requires.forEach((b, j) => {
      if (!benchmarks.has(b))
        problems.push({
          path: `roadmap.gates.${i}.requires.${j}`,
          message: `no benchmark with id '${b}'`,
        });
    });
  });
  return problems;
}

interface Forward {
  kind: NodeKind;
  duration: number;
  remaining: number;
  status: BenchmarkStatus | undefined;
  done: boolean;
  es: number;
  ef: number;
}

/**
 * Earliest and latest start and finish of every item, slack and the critical path.
 * Throws VALIDATION_FAILED for unknown ids, bad durations or lags, and for a cycle (naming it).
 */
export function scheduleRoadmap(roadmap: Roadmap, options: ScheduleOptions): Schedule {
  const problems = scheduleProblems(roadmap);
  const first = problems[0];
  if (first !== undefined) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new AccordError('VALIDATION_FAILED', `${formatProblem(first)}${more}`, { problems });
  }
  const { start } = options;
  const asOf = options.asOf ?? start;
  const graph = roadmapGraph(roadmap);
  const order = topologicalOrder(
    graph.nodes.map((n) => n.id),
    graph.edges,
  );
  const kinds = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const benchmarks = new Map(roadmap.benchmarks.map((b) => [b.id, b]));
  const incoming = new Map<string, Edge[]>();
  const outgoing = new Map<string, Edge[]>();
  for (const e of graph.edges) {
    const into = incoming.get(e.to);
    if (into === undefined) incoming.set(e.to, [e]);
    else into.push(e);
    const out = outgoing.get(e.from);
    if (out === undefined) outgoing.set(e.from, [e]);
    else out.push(e);
  }
  const release = Math.max(0, daysBetween(start, asOf));

  // Forward pass.
  const fwd = new Map<string, Forward>();
  const asOfDay = daysBetween(start, asOf);
  const ready = (id: string): { at: number | undefined; allDone: boolean } => {
    let at: number | undefined;
    let allDone = true;
    for (const e of incoming.get(id) ?? []) {
      const p = fwd.get(e.from);
      if (p === undefined) continue;
      at = Math.max(at ?? -Infinity, p.ef + e.lagDays);
      allDone &&= p.done;
    }
    return { at, allDone };
  };
  for (const id of order) {
    const kind = kinds.get(id) ?? 'milestone';
    const benchmark = benchmarks.get(id);
    if (kind !== 'benchmark' || benchmark === undefined) {
      // A point is reached when its predecessors are all done; one with none is reached on
      // day 0, and counts as done from the day after (nothing is behind us on the start day).
      const { at, allDone } = ready(id);
      const t = at ?? 0;
      const done = allDone && (at === undefined ? t < asOfDay : t <= asOfDay);
      fwd.set(id, { kind, duration: 0, remaining: 0, status: undefined, done, es: t, ef: t });
      continue;
    }
    const duration = benchmark.durationDays;
    const entry = statusEntryAsOf(benchmark, asOf);
    const status = entry?.status ?? 'not-started';
    const finished = finishedOn(benchmark, asOf);
    if (finished !== undefined) {
      const ef = daysBetween(start, finished);
      fwd.set(id, { kind, duration, remaining: 0, status, done: true, es: ef - duration, ef });
      continue;
    }
    const remaining =
      status === 'in-progress'
        ? // The epsilon keeps 10 × (1 − 0.3) at 7 days, not 8, despite floating point.
          Math.max(
            0,
            Math.ceil(duration * (1 - Math.min(1, Math.max(0, entry?.progress ?? 0.5))) - 1e-9),
          )
        : duration;
    const es = Math.max(release, ready(id).at ?? release);
    fwd.set(id, { kind, duration, remaining, status, done: false, es, ef: es + remaining });
  }

  let finish = 0;
  let any = false;
  for (const f of fwd.values()) {
    finish = any ? Math.max(finish, f.ef) : f.ef;
    any = true;
  }

  // Backward pass over unfinished items; finished ones constrain nobody.
  const late = new Map<string, { ls: number; lf: number }>();
  for (let k = order.length - 1; k >= 0; k--) {
    const id = order[k] ?? '';
    const f = fwd.get(id);
    if (f === undefined) continue;
    if (f.done) {
      late.set(id, { ls: f.es, lf: f.ef });
      continue;
    }
    let lf = finish;
    for (const e of outgoing.get(id) ?? []) {
      const s = fwd.get(e.to);
      const sl = late.get(e.to);
      if (s === undefined || sl === undefined || s.done) continue;
      lf = Math.min(lf, sl.ls - e.lagDays);
    }
    late.set(id, { ls: lf - f.remaining, lf });
  }

  const items: ScheduledItem[] = order.map((id) => {
    const f = fwd.get(id);
    const l = late.get(id);
    if (f === undefined || l === undefined) throw new Error(`unscheduled node ${id}`);
    const slack = f.done ? 0 : l.lf - f.ef;
    return {
      id,
      kind: f.kind,
      durationDays: f.duration,
      remainingDays: f.remaining,
      ...(f.kind === 'benchmark' ? { status: f.status } : {}),
      done: f.done,
      earlyStart: f.es,
      earlyFinish: f.ef,
      lateStart: l.ls,
      lateFinish: l.lf,
      slack,
      critical: !f.done && slack === 0,
      dates: {
        earlyStart: addDays(start, f.es),
        earlyFinish: addDays(start, f.ef),
        lateStart: addDays(start, l.ls),
        lateFinish: addDays(start, l.lf),
      },
    };
  });

  return {
    start,
    asOf,
    finish,
    finishDate: addDays(start, finish),
    items,
    criticalPath: criticalPath(items, incoming, finish),
  };
}

function criticalPath(
  items: readonly ScheduledItem[],
  incoming: ReadonlyMap<string, readonly Edge[]>,
  finish: number,
): string[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  let last: ScheduledItem | undefined;
  for (const item of items) if (item.critical && item.earlyFinish === finish) last = item;
  const path: string[] = [];
  const seen = new Set<string>();
  for (let n = last; n !== undefined && !seen.has(n.id);) {
    path.push(n.id);
    seen.add(n.id);
    const here = n;
    const tight = (incoming.get(here.id) ?? [])
      .map((e) => ({ e, p: byId.get(e.from) }))
      .find(({ e, p }) => p?.critical === true && p.earlyFinish + e.lagDays === here.earlyStart);
    n = tight?.p;
  }
  return path.reverse();
}

/** The scheduled item with this id. */
export function scheduledItem(schedule: Schedule, id: string): ScheduledItem | undefined {
  return schedule.items.find((i) => i.id === id);
}
