/**
 * The candidate's roadmap: tracks of benchmarks, milestones, finish-to-start dependencies, gates,
 * evidence and assessments, and the rule by which assessments verify a benchmark. Plain,
 * immutable values; every rule over them is a pure function in this folder (docs/roadmap.md).
 *
 * Dates are ISO calendar dates `YYYY-MM-DD` compared as strings; durations and lags are whole
 * days. Histories (statuses, targets) may be listed in any order: the entry with the latest date
 * on or before a day holds that day, and of two entries on one day the later-listed one wins.
 */
import type { Basis, Citation, IsoDate, Iso2 } from '../types.js';

export const BENCHMARK_STATUSES = [
  'not-started',
  'in-progress',
  'met',
  'verified',
  'regressed',
] as const;
export type BenchmarkStatus = (typeof BENCHMARK_STATUSES)[number];

/** The EU's scale for a candidate's level of preparation, worst to best. */
export const PREPARATION_LEVELS = [
  'early-stage',
  'some-level-of-preparation',
  'moderately-prepared',
  'good-level-of-preparation',
  'well-advanced',
] as const;
export type PreparationLevel = (typeof PREPARATION_LEVELS)[number];

/** The EU's scale for progress over the period assessed, worst to best. */
export const PROGRESS_LEVELS = [
  'backsliding',
  'no-progress',
  'limited-progress',
  'some-progress',
  'good-progress',
  'significant-progress',
] as const;
export type ProgressLevel = (typeof PROGRESS_LEVELS)[number];

/** The wording the EU's reports use, for display. */
export const PREPARATION_LABELS: Readonly<Record<PreparationLevel, string>> = {
  'early-stage': 'early stage',
  'some-level-of-preparation': 'some level of preparation',
  'moderately-prepared': 'moderately prepared',
  'good-level-of-preparation': 'good level of preparation',
  'well-advanced': 'well advanced',
};

export const PROGRESS_LABELS: Readonly<Record<ProgressLevel, string>> = {
  backsliding: 'backsliding',
  'no-progress': 'no progress',
  'limited-progress': 'limited progress',
  'some-progress': 'some progress',
  'good-progress': 'good progress',
  'significant-progress': 'significant progress',
};

export const EVIDENCE_KINDS = ['document', 'link', 'text'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const APPROACHES = ['sequenced', 'incremental'] as const;
export type Approach = (typeof APPROACHES)[number];

/** One change of a benchmark's status. */
export interface StatusEntry {
  readonly date: IsoDate;
  readonly status: BenchmarkStatus;
  /** For `in-progress`: the share done, 0–1 (progress and schedule assume 0.5 when absent). */
  readonly progress?: number | undefined;
  readonly note?: string | undefined;
  readonly sources?: readonly Citation[] | undefined;
}

/** A target date as set on a day: the list of them is the item's slip history. */
export interface TargetEntry {
  /** The day the target was set (or moved). */
  readonly date: IsoDate;
  /** The target date itself. */
  readonly target: IsoDate;
  readonly note?: string | undefined;
  readonly sources?: readonly Citation[] | undefined;
}

export interface Track {
  readonly id: string;
  readonly title: string;
  readonly description?: string | undefined;
}

/** A measurable criterion the candidate must meet. */
export interface Benchmark {
  readonly id: string;
  /** The id of the track it belongs to. */
  readonly track: string;
  readonly title: string;
  readonly description?: string | undefined;
  /** Who is responsible for it (a ministry, an agency, the candidate's integration office). */
  readonly owner: string;
  /** Its weight in the progress rollup (≥ 0). */
  readonly weight: number;
  /** The estimated work in whole days (≥ 0). */
  readonly durationDays: number;
  /** Target dates over time; none in a plan without dates. */
  readonly targets: readonly TargetEntry[];
  /** Status changes over time; before the first entry a benchmark is `not-started`. */
  readonly statuses: readonly StatusEntry[];
  readonly sources: readonly Citation[];
  readonly basis: Basis;
}

/** A point in the plan (no work of its own), reached when its predecessors finish. */
export interface Milestone {
  readonly id: string;
  readonly title: string;
  readonly track?: string | undefined;
  readonly description?: string | undefined;
  readonly targets: readonly TargetEntry[];
  readonly sources: readonly Citation[];
  readonly basis: Basis;
}

/** Finish-to-start: `to` may start `lagDays` days after `from` finishes. */
export interface Dependency {
  readonly from: string;
  readonly to: string;
  /** Whole days ≥ 0. */
  readonly lagDays: number;
  readonly note?: string | undefined;
}

/** A decision that needs a set of benchmarks verified (the invitation gate). */
export interface Gate {
  readonly id: string;
  readonly title: string;
  /** The scenario decision it stands for, when there is one. */
  readonly decision?: string | undefined;
  /** Benchmark ids that must all be verified. */
  readonly requires: readonly string[];
  readonly targets: readonly TargetEntry[];
  readonly sources: readonly Citation[];
  readonly basis: Basis;
}

/** Something that shows progress: a document, a link or a text, and the day it speaks for. */
export interface Evidence {
  readonly id: string;
  readonly kind: EvidenceKind;
  readonly title: string;
  readonly url?: string | undefined;
  readonly text?: string | undefined;
  /** The date the evidence speaks for (the state of affairs it shows). */
  readonly speaksFor: IsoDate;
  /** Who submitted it: a country code, `secretariat`, an office's name. */
  readonly submittedBy: string;
  readonly submitted?: IsoDate | undefined;
  /** From this day on the evidence no longer speaks for the present. */
  readonly expires?: IsoDate | undefined;
  /** The benchmarks it concerns, when known. */
  readonly benchmarks?: readonly string[] | undefined;
}

export type Assessor =
  { readonly kind: 'member'; readonly iso2: Iso2 } | { readonly kind: 'secretariat' };

/** One assessor's judgement of one benchmark on a date. */
export interface Assessment {
  readonly id: string;
  readonly benchmark: string;
  readonly assessor: Assessor;
  readonly date: IsoDate;
  readonly preparation?: PreparationLevel | undefined;
  readonly progress?: ProgressLevel | undefined;
  readonly met: boolean;
  readonly rationale: string;
  /** Ids of the evidence it cites. */
  readonly evidence: readonly string[];
}

export type VerificationRule =
  | { readonly kind: 'all-assessors-agree' }
  | { readonly kind: 'secretariat-and-no-objection' }
  | { readonly kind: 'quorum'; readonly n: number };

/** A scenario condition (in a member's position) that stands for roadmap benchmarks. */
export interface ConditionLink {
  /** The condition id a position lists. */
  readonly condition: string;
  /** The condition counts as met once all of these are verified. */
  readonly benchmarks: readonly string[];
}

export interface Roadmap {
  readonly id: string;
  readonly title: string;
  readonly candidate: Iso2;
  readonly rule: VerificationRule;
  readonly tracks: readonly Track[];
  readonly benchmarks: readonly Benchmark[];
  readonly milestones: readonly Milestone[];
  readonly dependencies: readonly Dependency[];
  readonly gates: readonly Gate[];
  readonly evidence: readonly Evidence[];
  readonly assessments: readonly Assessment[];
  readonly conditionLinks: readonly ConditionLink[];
}

/** One of two approaches to the same candidate's roadmap. */
export interface Variant {
  readonly id: string;
  readonly title: string;
  /** `sequenced`: fixed target dates on gates and milestones; `incremental`: none. */
  readonly approach: Approach;
  readonly description?: string | undefined;
  readonly roadmap: Roadmap;
  /** What the alliance commits to under this approach, in words, beyond the gates. */
  readonly commitments: readonly string[];
}

/** The kinds of node the schedule plans. */
export type NodeKind = 'benchmark' | 'milestone' | 'gate';
