/**
 * Facts proposed by the briefing extractor. Every fact points into the original text:
 * `text.slice(span[0], span[1]) === fact.text`. Facts are proposals for a reviewer, not data.
 */
import type { Credibility, IsoDate, Iso2, Stance } from '../types.js';

export type Span = readonly [number, number];

export const FACT_KINDS = [
  'event',
  'actor',
  'engagement',
  'stance',
  'statement',
  'attribution',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export const EVENT_WHATS = [
  'summit',
  'visit',
  'meeting',
  'call',
  'vote',
  'ratification',
  'signing',
] as const;
export type EventWhat = (typeof EVENT_WHATS)[number];

export type DatePrecision = 'day' | 'month';

export type StanceTopic = 'invitation-now' | 'timeline' | 'membership' | 'cooperation';

interface FactBase {
  readonly span: Span;
  readonly text: string;
  /** How sure the rule that produced the fact is, 0–1. */
  readonly confidence: number;
}

export interface EventFactProposal extends FactBase {
  readonly kind: 'event';
  readonly what: EventWhat;
  readonly start?: IsoDate | undefined;
  readonly end?: IsoDate | undefined;
  readonly precision?: DatePrecision | undefined;
  readonly place?: string | undefined;
}

export interface ActorFact extends FactBase {
  readonly kind: 'actor';
  readonly type: 'country' | 'organisation' | 'person';
  readonly name: string;
  readonly iso2?: Iso2 | undefined;
  /** A person's organisation, when the office is an organisation's ("NATO"). */
  readonly organisation?: string | undefined;
  readonly role?: string | undefined;
  /** Where a person's role, country or organisation came from when the text does not give it. */
  readonly note?: string | undefined;
  /** Every mention of the same actor, first one first (the fact's own span is the first). */
  readonly mentions: readonly Span[];
}

export interface ParticipantRef {
  readonly name: string;
  readonly iso2?: Iso2 | undefined;
  readonly organisation?: string | undefined;
  readonly role?: string | undefined;
}

export interface EngagementFact extends FactBase {
  readonly kind: 'engagement';
  readonly what: EventWhat;
  readonly participants: readonly ParticipantRef[];
  readonly place?: string | undefined;
  readonly date?: IsoDate | undefined;
}

export interface StanceActor {
  readonly name: string;
  readonly iso2?: Iso2 | undefined;
  /** Members the text names (or implies by name, like "the United States"); undefined if none. */
  readonly members?: readonly Iso2[] | undefined;
  /** True when the group also holds members the text does not name ("a subset of partners"). */
  readonly unnamedMembers?: boolean | undefined;
  /** A head count the text gives ("the 31 members"). */
  readonly count?: number | undefined;
}

export interface StanceFact extends FactBase {
  readonly kind: 'stance';
  readonly stance: Exclude<Stance, 'undeclared'>;
  readonly topic: StanceTopic;
  readonly actor: StanceActor;
  readonly candidate: Iso2;
  readonly conditions: readonly string[];
}

export interface StatementFact extends FactBase {
  readonly kind: 'statement';
  readonly title: string;
  readonly parties: readonly Iso2[];
  readonly summary: string;
}

export interface AttributionFact extends FactBase {
  readonly kind: 'attribution';
  readonly phrase: string;
  /** Suggested Admiralty credibility of the items it introduces (1 confirmed … 6 cannot be judged). */
  readonly credibility: Credibility;
  /** The band the phrase allows, when it is not one grade. */
  readonly credibilityRange: readonly [Credibility, Credibility];
  /** The sentence the attribution governs. */
  readonly scope: Span;
}

export type Fact =
  EventFactProposal | ActorFact | EngagementFact | StanceFact | StatementFact | AttributionFact;

export interface ExtractOptions {
  /** Publication date of the text; without it, dates without a year are left unresolved. */
  readonly published?: IsoDate | undefined;
}
