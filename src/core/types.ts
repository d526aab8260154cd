/**
 * The domain of Accord: plain, immutable values. No I/O lives here (see docs/ARCHITECTURE.md).
 *
 * Dates are ISO calendar dates `YYYY-MM-DD`. They compare correctly as strings, so the core
 * never needs a Date object to answer "as of" questions.
 */
import type { Approach, Roadmap } from './roadmap/types.js';

export type IsoDate = string;
/** ISO 3166-1 alpha-2 country code, upper case (`UA`, `GB`, `TR`). */
export type Iso2 = string;

export const STANCES = [
  'support',
  'support_with_conditions',
  'incremental',
  'undeclared',
  'oppose',
  'block',
] as const;
export type Stance = (typeof STANCES)[number];

/** Admiralty (NATO AJP-2.1) reliability of a source: A completely reliable … F cannot be judged. */
export const RELIABILITIES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof RELIABILITIES)[number];

/** Admiralty credibility of one item: 1 confirmed … 6 cannot be judged. */
export const CREDIBILITIES = [1, 2, 3, 4, 5, 6] as const;
export type Credibility = (typeof CREDIBILITIES)[number];

/** How a fact is known: an official text, press or briefing, or a modelling assumption. */
export const BASES = ['documented', 'reported', 'illustrative'] as const;
export type Basis = (typeof BASES)[number];

export const DECISION_RULES = ['unanimity', 'silence', 'qualified-majority'] as const;
export type DecisionRule = (typeof DECISION_RULES)[number];

export const DECISION_KINDS = [
  'invitation',
  'ratification',
  'timeline',
  'package',
  'other',
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const CONDITION_KINDS = ['benchmark', 'political', 'member-demand'] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

export const EVENT_KINDS = [
  'summit',
  'visit',
  'meeting',
  'call',
  'statement',
  'signing',
  'ratification',
  'vote',
  'application',
  'other',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const RATIFICATION_KINDS = ['parliament', 'deposit', 'notification'] as const;
export type RatificationKind = (typeof RATIFICATION_KINDS)[number];

/** The stages NATO-like alliances use; an alliance may configure its own list. */
export const DEFAULT_STAGES = [
  'aspirant',
  'partner',
  'action-plan',
  'invited',
  'protocol-signed',
  'ratifying',
  'member',
] as const;

export interface Source {
  readonly id: string;
  readonly title: string;
  readonly publisher?: string | undefined;
  readonly url?: string | undefined;
  /** Publication date, when known. An undated source (such as the founding briefing) has none. */
  readonly published?: IsoDate | undefined;
  readonly reliability: Reliability;
  readonly note?: string | undefined;
}

/** A fact's pointer to a source, with the credibility of this particular item. */
export interface Citation {
  readonly source: string;
  readonly credibility: Credibility;
  readonly quote?: string | undefined;
}

/** Every fact carries its sources and its basis. */
export interface Sourced {
  readonly sources: readonly Citation[];
  readonly basis: Basis;
}

export interface Alliance {
  readonly id: string;
  readonly name: string;
  readonly rule: DecisionRule;
  readonly stages: readonly string[];
}

export interface Member extends Sourced {
  readonly iso2: Iso2;
  readonly name: string;
  readonly joined: IsoDate;
  readonly left?: IsoDate | undefined;
}

export interface Group extends Sourced {
  readonly id: string;
  readonly name: string;
  readonly members: readonly Iso2[];
  readonly note?: string | undefined;
}

export interface StageEntry extends Sourced {
  readonly stage: string;
  readonly date: IsoDate;
  readonly note?: string | undefined;
}

export interface Ratification extends Sourced {
  readonly member: Iso2;
  readonly date: IsoDate;
  readonly kind: RatificationKind;
  readonly note?: string | undefined;
}

export interface Candidate extends Sourced {
  readonly iso2: Iso2;
  readonly name: string;
  readonly stages: readonly StageEntry[];
  readonly protocolSigned?: IsoDate | undefined;
  readonly ratifications: readonly Ratification[];
  /** The date the candidate deposited its instrument and became a member. */
  readonly accession?: IsoDate | undefined;
}

export interface DecisionOutcome extends Sourced {
  readonly result: 'adopted' | 'not-adopted';
  readonly date: IsoDate;
  readonly note?: string | undefined;
}

export interface Decision {
  readonly id: string;
  readonly title: string;
  readonly kind: DecisionKind;
  readonly candidate?: Iso2 | undefined;
  readonly forum?: string | undefined;
  /** The date the decision is due to be taken (a summit, a deadline). */
  readonly due?: IsoDate | undefined;
  readonly rule: DecisionRule;
  /** For `silence`: the procedure passes unless a member objects by this date. */
  readonly silenceDeadline?: IsoDate | undefined;
  /** For `qualified-majority`: the share of members (0–1] whose support is needed. */
  readonly threshold?: number | undefined;
  readonly description?: string | undefined;
  readonly outcome?: DecisionOutcome | undefined;
  readonly sources: readonly Citation[];
}

export interface ConditionStatus extends Sourced {
  readonly date: IsoDate;
  readonly met: boolean;
  readonly note?: string | undefined;
}

export interface Condition {
  readonly id: string;
  readonly title: string;
  readonly kind: ConditionKind;
  /** The member that demands it, for a member's own demand (Türkiye's 2022 memorandum). */
  readonly holder?: Iso2 | undefined;
  readonly description?: string | undefined;
  /** Status changes over time; before the first entry a condition is unmet. */
  readonly statuses: readonly ConditionStatus[];
  readonly sources: readonly Citation[];
}

export interface Position extends Sourced {
  readonly id: string;
  readonly member: Iso2;
  readonly decision: string;
  readonly stance: Stance;
  readonly date: IsoDate;
  /** Conditions that must be met before this member agrees (or lifts its block). */
  readonly conditions: readonly string[];
  readonly reasons: readonly string[];
  readonly note?: string | undefined;
}

export interface Participant {
  readonly name: string;
  readonly iso2?: Iso2 | undefined;
  readonly role?: string | undefined;
}

export interface Commitment {
  readonly by: readonly Iso2[];
  readonly to?: readonly Iso2[] | undefined;
  readonly text: string;
  readonly due?: IsoDate | undefined;
}

export interface Statement {
  readonly title: string;
  readonly parties: readonly Iso2[];
  readonly summary?: string | undefined;
  readonly commitments: readonly Commitment[];
}

export interface EventFact extends Sourced {
  readonly id: string;
  readonly kind: EventKind;
  readonly title: string;
  readonly start: IsoDate;
  readonly end?: IsoDate | undefined;
  readonly place?: string | undefined;
  readonly participants: readonly Participant[];
  readonly statements: readonly Statement[];
  readonly note?: string | undefined;
}

/**
 * One candidate's roadmap as one approach to it (a sequenced plan with dates, or an incremental
 * one without), scheduled from `start`. The rules over it live in src/core/roadmap/.
 */
export interface RoadmapVariant extends Roadmap {
  readonly approach: Approach;
  readonly description?: string | undefined;
  /** The day the plan starts: the schedule counts days from here. */
  readonly start: IsoDate;
  /** What the alliance commits to under this approach, beyond its gates. */
  readonly commitments: readonly string[];
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly description?: string | undefined;
  readonly alliance: Alliance;
  /** Dates worth stopping at (summits, accessions); the dashboard's date control uses them. */
  readonly keyDates: readonly { readonly date: IsoDate; readonly label: string }[];
  readonly sources: readonly Source[];
  readonly members: readonly Member[];
  readonly groups: readonly Group[];
  readonly candidates: readonly Candidate[];
  readonly decisions: readonly Decision[];
  readonly conditions: readonly Condition[];
  readonly positions: readonly Position[];
  readonly events: readonly EventFact[];
  readonly roadmaps: readonly RoadmapVariant[];
}
