/**
 * Divergence: every assessor's judgement of one benchmark side by side, as of a day, with how far
 * apart they are. Judgements diverge when assessors disagree on met / not met, or when their
 * levels of preparation or of progress lie two or more steps apart on the EU scale.
 */
import type { IsoDate } from '../types.js';
import { entriesUpTo } from './history.js';
import {
  assessorKey,
  assessorLabel,
  eligibleOn,
  verifyBenchmark,
  type EligibleAssessors,
  type Verification,
} from './verification.js';
import {
  PREPARATION_LEVELS,
  PROGRESS_LEVELS,
  type Assessment,
  type Assessor,
  type EvidenceKind,
  type PreparationLevel,
  type ProgressLevel,
  type Roadmap,
} from './types.js';

/** Divergence on a scale is this many steps or more. */
export const DIVERGENT_STEPS = 2;

export interface CitedEvidence {
  readonly id: string;
  /** Undefined when the id is not in the roadmap. */
  readonly title?: string | undefined;
  readonly kind?: EvidenceKind | undefined;
  readonly speaksFor?: IsoDate | undefined;
  readonly expired: boolean;
}

export interface JudgementRow {
  readonly assessor: Assessor;
  /** Whether this assessor's judgement counts under the rule on the day. */
  readonly counts: boolean;
  /** The latest assessment on or before the day; undefined when there is none. */
  readonly latest?: Assessment | undefined;
  readonly evidence: readonly CitedEvidence[];
  /** Every assessment by this assessor up to the day, oldest first. */
  readonly history: readonly Assessment[];
}

export interface ScaleSpread<T extends string> {
  readonly lowest?: T | undefined;
  readonly highest?: T | undefined;
  /** Steps between the lowest and the highest judgement (0 with fewer than two). */
  readonly steps: number;
}

export interface Divergence {
  readonly benchmark: string;
  readonly asOf: IsoDate;
  /** Eligible assessors and anyone else who assessed, by country code, secretariat last. */
  readonly rows: readonly JudgementRow[];
  readonly met: number;
  readonly notMet: number;
  readonly missing: number;
  readonly preparation: ScaleSpread<PreparationLevel>;
  readonly progress: ScaleSpread<ProgressLevel>;
  readonly divergent: boolean;
  readonly verification: Verification;
}

function spread<T extends string>(scale: readonly T[], values: readonly T[]): ScaleSpread<T> {
  const ranks = values.map((v) => scale.indexOf(v)).filter((r) => r >= 0);
  if (ranks.length === 0) return { steps: 0 };
  const lo = Math.min(...ranks);
  const hi = Math.max(...ranks);
  return { lowest: scale[lo], highest: scale[hi], steps: hi - lo };
}

export function divergence(
  roadmap: Roadmap,
  benchmark: string,
  asOf: IsoDate,
  eligible: EligibleAssessors,
): Divergence {
  const verification = verifyBenchmark(roadmap, benchmark, asOf, eligible);
  const evidence = new Map(roadmap.evidence.map((e) => [e.id, e]));
  const counted = new Set(
    [...verification.agree, ...verification.dissent, ...verification.missing].map(assessorKey),
  );
  const assessors = new Map<string, Assessor>();
  for (const a of eligibleOn(eligible, asOf)) assessors.set(assessorKey(a), a);
  for (const a of [...verification.missing, ...verification.agree, ...verification.dissent])
    assessors.set(assessorKey(a), a);
  const mine = roadmap.assessments.filter((a) => a.benchmark === benchmark && a.date <= asOf);
  for (const a of mine) assessors.set(assessorKey(a.assessor), a.assessor);

  const rank = (a: Assessor): string => (a.kind === 'secretariat' ? '~' : assessorLabel(a));
  const rows = [...assessors.values()]
    .sort((x, y) => (rank(x) < rank(y) ? -1 : rank(x) > rank(y) ? 1 : 0))
    .map((assessor): JudgementRow => {
      const key = assessorKey(assessor);
      const history = entriesUpTo(
        mine.filter((a) => assessorKey(a.assessor) === key),
        asOf,
      );
      const latest = history[history.length - 1];
      return {
        assessor,
        counts: counted.has(key),
        ...(latest === undefined ? {} : { latest }),
        evidence: (latest?.evidence ?? []).map((id) => {
          const e = evidence.get(id);
          return e === undefined
            ? { id, expired: false }
            : {
                id,
                title: e.title,
                kind: e.kind,
                speaksFor: e.speaksFor,
                expired: e.expires !== undefined && e.expires <= asOf,
              };
        }),
        history,
      };
    });

  const judged = rows.flatMap((r) => (r.counts && r.latest !== undefined ? [r.latest] : []));
  const met = judged.filter((a) => a.met).length;
  const notMet = judged.length - met;
  const preparation = spread(
    PREPARATION_LEVELS,
    judged.flatMap((a) => (a.preparation === undefined ? [] : [a.preparation])),
  );
  const progress = spread(
    PROGRESS_LEVELS,
    judged.flatMap((a) => (a.progress === undefined ? [] : [a.progress])),
  );
  return {
    benchmark,
    asOf,
    rows,
    met,
    notMet,
    missing: rows.filter((r) => r.counts && r.latest === undefined).length,
    preparation,
    progress,
    divergent:
      (met > 0 && notMet > 0) ||
      preparation.steps >= DIVERGENT_STEPS ||
      progress.steps >= DIVERGENT_STEPS,
    verification,
  };
}

/** The benchmarks whose judgements diverge on the day, in list order. */
export function divergentBenchmarks(
  roadmap: Roadmap,
  asOf: IsoDate,
  eligible: EligibleAssessors,
): Divergence[] {
  return roadmap.benchmarks
    .map((b) => divergence(roadmap, b.id, asOf, eligible))
    .filter((d) => d.divergent);
}
