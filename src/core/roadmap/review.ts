/**
 * A review for a monitoring cycle: what changed between the previous review (`from`) and this one
 * (`to`). Changes dated after `from` and on or before `to` belong to the period.
 */
import type { IsoDate } from '../types.js';
import { gateStatus } from './gates.js';
import { entriesUpTo, targetMoves, type TargetMove } from './history.js';
import { roadmapProgress } from './progress.js';
import type { Assessor, BenchmarkStatus, NodeKind, Roadmap, TargetEntry } from './types.js';
import { verifyBenchmark, type EligibleAssessors } from './verification.js';

export interface ReviewOptions {
  /** The previous review's day. */
  readonly from: IsoDate;
  /** This review's day. */
  readonly to: IsoDate;
  readonly eligible: EligibleAssessors;
  readonly changeDates?: readonly IsoDate[] | undefined;
}

export interface ProgressChange {
  readonly from: number;
  readonly to: number;
  readonly change: number;
}

export interface StatusChange {
  readonly benchmark: string;
  readonly date: IsoDate;
  readonly from: BenchmarkStatus;
  readonly to: BenchmarkStatus;
  readonly note?: string | undefined;
}

export interface Slip {
  readonly id: string;
  readonly kind: NodeKind;
  readonly title: string;
  readonly move: TargetMove;
}

export interface OpenDissent {
  readonly benchmark: string;
  readonly verified: boolean;
  readonly agree: readonly Assessor[];
  readonly dissent: readonly Assessor[];
}

export interface Review {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly progress: ProgressChange & {
    readonly tracks: readonly (ProgressChange & {
      readonly track: string;
      readonly title: string;
    })[];
  };
  /** Status changes dated in the period, oldest first. */
  readonly statusChanges: readonly StatusChange[];
  /** Not verified on `from`, verified on `to`. */
  readonly newlyVerified: readonly string[];
  /** Verified on `from`, not on `to`. */
  readonly noLongerVerified: readonly string[];
  /** Benchmarks recorded as regressed in the period. */
  readonly regressed: readonly { readonly benchmark: string; readonly date: IsoDate }[];
  /** Target moves dated in the period (later or earlier), for benchmarks, milestones and gates. */
  readonly slips: readonly Slip[];
  /** Gates that became ready, or stopped being ready, in the period. */
  readonly gates: readonly {
    readonly gate: string;
    readonly from: boolean;
    readonly to: boolean;
  }[];
  /** On `to`, benchmarks whose counted judgements disagree (some met, some not met). */
  readonly openDissent: readonly OpenDissent[];
  /** Assessments dated in the period, and evidence submitted in it (or, undated, speaking for it). */
  readonly assessments: readonly string[];
  readonly evidence: readonly string[];
}

const inPeriod = (date: IsoDate, from: IsoDate, to: IsoDate): boolean => date > from && date <= to;

function change(from: number, to: number): ProgressChange {
  return { from, to, change: to - from };
}

export function reviewRoadmap(roadmap: Roadmap, options: ReviewOptions): Review {
  const { from, to, eligible } = options;
  const before = roadmapProgress(roadmap, from);
  const after = roadmapProgress(roadmap, to);

  const statusChanges: StatusChange[] = [];
  const regressed: { benchmark: string; date: IsoDate }[] = [];
  for (const b of roadmap.benchmarks) {
    let previous: BenchmarkStatus = 'not-started';
    for (const s of entriesUpTo(b.statuses, to)) {
      if (inPeriod(s.date, from, to) && s.status !== previous) {
        statusChanges.push({
          benchmark: b.id,
          date: s.date,
          from: previous,
          to: s.status,
          ...(s.note === undefined ? {} : { note: s.note }),
        });
        if (s.status === 'regressed') regressed.push({ benchmark: b.id, date: s.date });
      }
      previous = s.status;
    }
  }
  statusChanges.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));

  const newlyVerified: string[] = [];
  const noLongerVerified: string[] = [];
  const openDissent: OpenDissent[] = [];
  for (const b of roadmap.benchmarks) {
    const was = verifyBenchmark(roadmap, b.id, from, eligible);
    const is = verifyBenchmark(roadmap, b.id, to, eligible);
    if (!was.verified && is.verified) newlyVerified.push(b.id);
    if (was.verified && !is.verified) noLongerVerified.push(b.id);
    if (is.agree.length > 0 && is.dissent.length > 0)
      openDissent.push({
        benchmark: b.id,
        verified: is.verified,
        agree: is.agree,
        dissent: is.dissent,
      });
  }

  const slips: Slip[] = [];
  const moved = (id: string, kind: NodeKind, title: string, targets: readonly TargetEntry[]) => {
    for (const move of targetMoves(targets, to))
      if (inPeriod(move.date, from, to)) slips.push({ id, kind, title, move });
  };
  for (const b of roadmap.benchmarks) moved(b.id, 'benchmark', b.title, b.targets);
  for (const m of roadmap.milestones) moved(m.id, 'milestone', m.title, m.targets);
  for (const g of roadmap.gates) moved(g.id, 'gate', g.title, g.targets);
  slips.sort((x, y) => (x.move.date < y.move.date ? -1 : x.move.date > y.move.date ? 1 : 0));

  const gates = roadmap.gates
    .map((g) => ({
      gate: g.id,
      from: gateStatus(roadmap, g, from, eligible).ready,
      to: gateStatus(roadmap, g, to, eligible).ready,
    }))
    .filter((g) => g.from !== g.to);

  return {
    from,
    to,
    progress: {
      ...change(before.progress, after.progress),
      tracks: after.tracks.map((t, i) => ({
        track: t.track,
        title: t.title,
        ...change(before.tracks[i]?.progress ?? 0, t.progress),
      })),
    },
    statusChanges,
    newlyVerified,
    noLongerVerified,
    regressed,
    slips,
    gates,
    openDissent,
    assessments: roadmap.assessments.filter((a) => inPeriod(a.date, from, to)).map((a) => a.id),
    evidence: roadmap.evidence
      .filter((e) => inPeriod(e.submitted ?? e.speaksFor, from, to))
      .map((e) => e.id),
  };
}
