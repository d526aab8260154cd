/**
 * Two approaches to one candidate's roadmap, side by side: a sequenced plan with fixed target
 * dates and an incremental, conditions-based plan without them. Both are scheduled from the same
 * start and read as of the same day. Gates and milestones are matched by id, then gates still
 * unmatched by the decision they stand for.
 */
import { daysBetween } from '../dates.js';
import type { IsoDate } from '../types.js';
import { gateStatus } from './gates.js';
import { targetAsOf } from './history.js';
import { roadmapProgress } from './progress.js';
import { scheduleRoadmap } from './schedule.js';
import { roadmapTimeline, type TimelineEntry, type TimelineState } from './timeline.js';
import type { Approach, Gate, Variant } from './types.js';
import type { EligibleAssessors } from './verification.js';

export interface CompareOptions {
  readonly start: IsoDate;
  readonly asOf: IsoDate;
  readonly eligible: EligibleAssessors;
  readonly marginDays?: number | undefined;
  readonly changeDates?: readonly IsoDate[] | undefined;
}

/** Something the alliance commits to under a variant. */
export interface Commitment {
  readonly kind: 'gate' | 'milestone' | 'statement';
  readonly id?: string | undefined;
  readonly text: string;
  /** A date the alliance binds itself to; none for a conditions-only commitment. */
  readonly date?: IsoDate | undefined;
  /** For a gate: the benchmarks that must be verified. */
  readonly requires?: readonly string[] | undefined;
}

export interface VariantSummary {
  readonly id: string;
  readonly title: string;
  readonly approach: Approach;
  readonly finish: IsoDate;
  readonly progress: number;
  readonly benchmarks: number;
  readonly milestones: number;
  readonly gates: number;
  /** Gates and milestones with a target date. */
  readonly dated: number;
  readonly criticalPath: readonly string[];
  readonly commitments: readonly Commitment[];
}

export interface Side {
  readonly id: string;
  readonly title: string;
  readonly target?: IsoDate | undefined;
  readonly projected: IsoDate;
  readonly state: TimelineState;
  readonly done: boolean;
  /** Gates only: ready on the day, and the benchmarks required. */
  readonly ready?: boolean | undefined;
  readonly requires?: readonly string[] | undefined;
}

export interface ItemComparison {
  readonly kind: 'gate' | 'milestone';
  readonly a?: Side | undefined;
  readonly b?: Side | undefined;
  /** b's projected date minus a's, in days, when both have the item. */
  readonly projectedDifferenceDays?: number | undefined;
  /** Gates in both: required by one and not the other. */
  readonly requiresOnlyInA?: readonly string[] | undefined;
  readonly requiresOnlyInB?: readonly string[] | undefined;
}

export interface VariantComparison {
  readonly start: IsoDate;
  readonly asOf: IsoDate;
  readonly a: VariantSummary;
  readonly b: VariantSummary;
  readonly gates: readonly ItemComparison[];
  readonly milestones: readonly ItemComparison[];
  readonly benchmarksOnlyInA: readonly string[];
  readonly benchmarksOnlyInB: readonly string[];
  /** b's finish minus a's, in days. */
  readonly finishDifferenceDays: number;
}

/** What a variant commits the alliance to: each gate and dated milestone, then its statements. */
export function variantCommitments(variant: Variant, asOf: IsoDate): Commitment[] {
  const timeline = new Map<string, IsoDate | undefined>([
    ...variant.roadmap.gates.map((g): [string, IsoDate | undefined] => [
      g.id,
      targetAsOf(g.targets, asOf),
    ]),
    ...variant.roadmap.milestones.map((m): [string, IsoDate | undefined] => [
      m.id,
      targetAsOf(m.targets, asOf),
    ]),
  ]);
  const out: Commitment[] = [];
  for (const g of variant.roadmap.gates) {
    const date = timeline.get(g.id);
    const when = date === undefined ? 'with no date' : `by ${date}`;
    out.push({
      kind: 'gate',
      id: g.id,
      text: `take the decision "${g.title}" ${when}, once ${g.requires.join(', ')} ${
        g.requires.length === 1 ? 'is' : 'are'
      } verified`,
      ...(date === undefined ? {} : { date }),
      requires: g.requires,
    });
  }
  for (const m of variant.roadmap.milestones) {
    const date = timeline.get(m.id);
    if (date !== undefined)
      out.push({ kind: 'milestone', id: m.id, text: `reach "${m.title}" by ${date}`, date });
  }
  for (const text of variant.commitments) out.push({ kind: 'statement', text });
  return out;
}

interface Analysed {
  readonly summary: VariantSummary;
  readonly timeline: readonly TimelineEntry[];
}

function analyse(variant: Variant, options: CompareOptions): Analysed {
  const { roadmap } = variant;
  const schedule = scheduleRoadmap(roadmap, { start: options.start, asOf: options.asOf });
  const timeline = roadmapTimeline(roadmap, schedule, {
    eligible: options.eligible,
    marginDays: options.marginDays,
    changeDates: options.changeDates,
  });
  return {
    summary: {
      id: variant.id,
      title: variant.title,
      approach: variant.approach,
      finish: schedule.finishDate,
      progress: roadmapProgress(roadmap, options.asOf).progress,
      benchmarks: roadmap.benchmarks.length,
      milestones: roadmap.milestones.length,
      gates: roadmap.gates.length,
      dated: timeline.filter((t) => t.target !== undefined).length,
      criticalPath: schedule.criticalPath,
      commitments: variantCommitments(variant, options.asOf),
    },
    timeline,
  };
}

function side(entry: TimelineEntry, extra: Partial<Side> = {}): Side {
  return {
    id: entry.id,
    title: entry.title,
    ...(entry.target === undefined ? {} : { target: entry.target }),
    projected: entry.projected,
    state: entry.state,
    done: entry.done,
    ...extra,
  };
}

/** Pairs of items: by id first, then (for gates) by decision, then the unmatched of each side. */
function pair<T extends { readonly id: string; readonly decision?: string | undefined }>(
  a: readonly T[],
  b: readonly T[],
): [T | undefined, T | undefined][] {
  const pairs: [T | undefined, T | undefined][] = [];
  const usedB = new Set<T>();
  const unmatchedA: T[] = [];
  for (const x of a) {
    const y = b.find((c) => c.id === x.id);
    if (y === undefined) unmatchedA.push(x);
    else {
      usedB.add(y);
      pairs.push([x, y]);
    }
  }
  for (const x of unmatchedA) {
    const y = b.find((c) => !usedB.has(c) && x.decision !== undefined && c.decision === x.decision);
    if (y !== undefined) usedB.add(y);
    pairs.push([x, y]);
  }
  for (const y of b) if (!usedB.has(y)) pairs.push([undefined, y]);
  return pairs;
}

/**
 * Two variants side by side (throws VALIDATION_FAILED when either roadmap cannot be scheduled).
 * Check them first with validateVariantPair.
 */
export function compareVariants(
  a: Variant,
  b: Variant,
  options: CompareOptions,
): VariantComparison {
  const left = analyse(a, options);
  const right = analyse(b, options);
  const entryOf = (analysed: Analysed, id: string): TimelineEntry | undefined =>
    analysed.timeline.find((t) => t.id === id);
  const diff = (x: Side | undefined, y: Side | undefined): number | undefined =>
    x === undefined || y === undefined ? undefined : daysBetween(x.projected, y.projected);

  const gates = pair(a.roadmap.gates, b.roadmap.gates).map(([ga, gb]): ItemComparison => {
    const sideOf = (g: Gate | undefined, v: Variant, analysed: Analysed): Side | undefined => {
      if (g === undefined) return undefined;
      const entry = entryOf(analysed, g.id);
      if (entry === undefined) return undefined;
      const ready = gateStatus(
        v.roadmap,
        g,
        options.asOf,
        options.eligible,
        options.changeDates,
      ).ready;
      return side(entry, { ready, requires: g.requires });
    };
    const sa = sideOf(ga, a, left);
    const sb = sideOf(gb, b, right);
    const both = ga !== undefined && gb !== undefined;
    return {
      kind: 'gate',
      ...(sa === undefined ? {} : { a: sa }),
      ...(sb === undefined ? {} : { b: sb }),
      ...(both
        ? {
            projectedDifferenceDays: diff(sa, sb),
            requiresOnlyInA: ga.requires.filter((r) => !gb.requires.includes(r)),
            requiresOnlyInB: gb.requires.filter((r) => !ga.requires.includes(r)),
          }
        : {}),
    };
  });

  const milestones = pair(a.roadmap.milestones, b.roadmap.milestones).map(
    ([ma, mb]): ItemComparison => {
      const ea = ma === undefined ? undefined : entryOf(left, ma.id);
      const eb = mb === undefined ? undefined : entryOf(right, mb.id);
      const sa = ea === undefined ? undefined : side(ea);
      const sb = eb === undefined ? undefined : side(eb);
      const d = diff(sa, sb);
      return {
        kind: 'milestone',
        ...(sa === undefined ? {} : { a: sa }),
        ...(sb === undefined ? {} : { b: sb }),
        ...(d === undefined ? {} : { projectedDifferenceDays: d }),
      };
    },
  );

  const idsA = new Set(a.roadmap.benchmarks.map((x) => x.id));
  const idsB = new Set(b.roadmap.benchmarks.map((x) => x.id));
  return {
    start: options.start,
    asOf: options.asOf,
    a: left.summary,
    b: right.summary,
    gates,
    milestones,
    benchmarksOnlyInA: [...idsA].filter((id) => !idsB.has(id)),
    benchmarksOnlyInB: [...idsB].filter((id) => !idsA.has(id)),
    finishDifferenceDays: daysBetween(left.summary.finish, right.summary.finish),
  };
}
