/**
 * Credible timelines: for each milestone and gate (and, on request, each benchmark) the target
 * date in force, the projected date, a state, and every move of the target.
 *
 * Projected date: the schedule's early finish (see schedule.ts). A gate is decided on verified
 * benchmarks, not on finished ones: once ready, its date is the day it became ready; until then
 * it is projected no earlier than the day of the answer, even when the work is all done.
 *
 * State, in this order:
 * - `no-target`: no target date is set (an incremental plan);
 * - `slipped`: the projected (or actual) date is after the target, or the target in force is
 *   later than the first one ever set;
 * - `at-risk`: not done, on the critical path (no slack), and projected no more than
 *   `marginDays` (default 30) before the target;
 * - `on-track`: otherwise.
 */
import { daysBetween } from '../dates.js';
import type { IsoDate } from '../types.js';
import { gateStatus } from './gates.js';
import { finishedOn, originalTarget, targetAsOf, targetMoves, type TargetMove } from './history.js';
import type { Schedule } from './schedule.js';
import type { NodeKind, Roadmap, TargetEntry } from './types.js';
import type { EligibleAssessors } from './verification.js';

export const TIMELINE_STATES = ['on-track', 'at-risk', 'slipped', 'no-target'] as const;
export type TimelineState = (typeof TIMELINE_STATES)[number];

export const DEFAULT_MARGIN_DAYS = 30;

export interface TimelineOptions {
  /** Who counts for gate verification. */
  readonly eligible: EligibleAssessors;
  /** At risk when projected within this many days of the target (default 30). */
  readonly marginDays?: number | undefined;
  /** Days the eligible set changes (see verifiedSince). */
  readonly changeDates?: readonly IsoDate[] | undefined;
  /** Also list benchmarks (default: milestones and gates only). */
  readonly includeBenchmarks?: boolean | undefined;
}

export interface TimelineEntry {
  readonly id: string;
  readonly kind: NodeKind;
  readonly title: string;
  /** The target in force on the day, and the first one ever set. */
  readonly target?: IsoDate | undefined;
  readonly originalTarget?: IsoDate | undefined;
  /** The actual date when done, else the projection. */
  readonly projected: IsoDate;
  readonly done: boolean;
  /** Days from projected to target (negative: projected after the target). */
  readonly marginDays?: number | undefined;
  readonly slack: number;
  readonly critical: boolean;
  readonly state: TimelineState;
  /** Sentences saying why the state is what it is. */
  readonly reasons: readonly string[];
  /** Every move of the target up to the day, oldest first. */
  readonly moves: readonly TargetMove[];
  /** How many moves pushed the target later, and the net days it moved. */
  readonly slipCount: number;
  readonly slippedDays: number;
}

interface Projection {
  readonly projected: IsoDate;
  readonly done: boolean;
}

export function timelineEntry(
  input: {
    readonly id: string;
    readonly kind: NodeKind;
    readonly title: string;
    readonly targets: readonly TargetEntry[];
    readonly projection: Projection;
    readonly slack: number;
    readonly critical: boolean;
  },
  asOf: IsoDate,
  marginDays: number = DEFAULT_MARGIN_DAYS,
): TimelineEntry {
  const target = targetAsOf(input.targets, asOf);
  const original = originalTarget(input.targets, asOf);
  const moves = targetMoves(input.targets, asOf);
  const { projected, done } = input.projection;
  const base = {
    id: input.id,
    kind: input.kind,
    title: input.title,
    projected,
    done,
    slack: input.slack,
    critical: input.critical,
    moves,
    slipCount: moves.filter((m) => m.days > 0).length,
    slippedDays: target !== undefined && original !== undefined ? daysBetween(original, target) : 0,
  };
  if (target === undefined)
    return { ...base, state: 'no-target', reasons: ['no target date is set'] };
  const margin = daysBetween(projected, target);
  const reasons: string[] = [];
  if (margin < 0)
    reasons.push(
      `${done ? 'reached' : 'projected'} ${projected}, ${-margin} days after the target ${target}`,
    );
  if (original !== undefined && target > original)
    reasons.push(`target moved from ${original} to ${target}`);
  let state: TimelineState;
  if (reasons.length > 0) state = 'slipped';
  else if (!done && input.critical && margin <= marginDays) {
    state = 'at-risk';
    reasons.push(
      `on the critical path, projected ${projected} with ${margin} days to the target ${target}`,
    );
  } else {
    state = 'on-track';
    reasons.push(
      done
        ? `reached ${projected}, by the target ${target}`
        : `projected ${projected}, ${margin} days before the target ${target}${
            input.critical ? '' : ` (slack ${input.slack} days)`
          }`,
    );
  }
  return {
    ...base,
    ...(original === undefined ? {} : { originalTarget: original }),
    target,
    marginDays: margin,
    state,
    reasons,
  };
}

/**
 * Milestones, then gates (then benchmarks, on request), in list order, as of the schedule's day.
 * The schedule must be of this roadmap.
 */
export function roadmapTimeline(
  roadmap: Roadmap,
  schedule: Schedule,
  options: TimelineOptions,
): TimelineEntry[] {
  const asOf = schedule.asOf;
  const margin = options.marginDays ?? DEFAULT_MARGIN_DAYS;
  const items = new Map(schedule.items.map((i) => [i.id, i]));
  const planned = (id: string): { slack: number; critical: boolean; projection: Projection } => {
    const item = items.get(id);
    return {
      slack: item?.slack ?? 0,
      critical: item?.critical ?? false,
      projection: { projected: item?.dates.earlyFinish ?? asOf, done: item?.done ?? false },
    };
  };
  const entries: TimelineEntry[] = [];
  for (const m of roadmap.milestones) {
    entries.push(
      timelineEntry(
        { id: m.id, kind: 'milestone', title: m.title, targets: m.targets, ...planned(m.id) },
        asOf,
        margin,
      ),
    );
  }
  for (const g of roadmap.gates) {
    const p = planned(g.id);
    const status = gateStatus(roadmap, g, asOf, options.eligible, options.changeDates ?? []);
    const projection: Projection = status.ready
      ? { projected: status.readySince ?? asOf, done: true }
      : {
          projected: p.projection.projected < asOf ? asOf : p.projection.projected,
          done: false,
        };
    entries.push(
      timelineEntry(
        {
          id: g.id,
          kind: 'gate',
          title: g.title,
          targets: g.targets,
          slack: p.slack,
          critical: p.critical && !status.ready,
          projection,
        },
        asOf,
        margin,
      ),
    );
  }
  if (options.includeBenchmarks === true) {
    for (const b of roadmap.benchmarks) {
      const p = planned(b.id);
      const finished = finishedOn(b, asOf);
      entries.push(
        timelineEntry(
          {
            id: b.id,
            kind: 'benchmark',
            title: b.title,
            targets: b.targets,
            ...p,
            projection: finished === undefined ? p.projection : { projected: finished, done: true },
          },
          asOf,
          margin,
        ),
      );
    }
  }
  return entries;
}
