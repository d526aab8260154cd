/**
 * The review of facts proposed from briefings, as pure rules: which decision a stance speaks
 * to, which members hold it, what event an accepted proposal becomes, and how a fact's
 * credibility rises when an independent source confirms it (docs/briefings.md).
 */
import { AccordError } from './errors.js';
import { membersAsOf } from './membership.js';
import type { FactKind, Span, StanceTopic } from './extract/types.js';
import { CREDIBILITIES, EVENT_KINDS, STANCES } from './types.js';
import type {
  Basis,
  Citation,
  Credibility,
  Decision,
  DecisionKind,
  EventFact,
  EventKind,
  Iso2,
  IsoDate,
  Member,
  Participant,
  Position,
  Source,
  Stance,
} from './types.js';

/** A proposed fact as stored: the extractor's fields live in `payload`. */
export interface StoredProposal {
  readonly id: string;
  readonly kind: FactKind;
  readonly span: Span;
  readonly quote: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** The reviewer's changes (validated by the contract before they reach here). */
export interface ReviewEdit {
  readonly stance?: Stance | undefined;
  readonly members?: readonly Iso2[] | undefined;
  readonly candidate?: Iso2 | undefined;
  readonly decision?: string | undefined;
  readonly date?: IsoDate | undefined;
  readonly conditions?: readonly string[] | undefined;
  readonly kind?: EventKind | undefined;
  readonly id?: string | undefined;
  readonly title?: string | undefined;
  readonly start?: IsoDate | undefined;
  readonly end?: IsoDate | undefined;
  readonly place?: string | undefined;
  readonly participants?: readonly Participant[] | undefined;
  readonly parties?: readonly Iso2[] | undefined;
  readonly summary?: string | undefined;
  readonly credibility?: Credibility | undefined;
  readonly basis?: Basis | undefined;
  readonly note?: string | undefined;
}

export interface BriefingContext {
  readonly published?: IsoDate | undefined;
  /** The scenario source the briefing is cited as. */
  readonly sourceId: string;
}

function invalid(field: string, message: string): AccordError {
  return new AccordError('VALIDATION_FAILED', `${field}: ${message}`, { field });
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.map(String) : undefined;

/** The decision kinds a stance topic speaks to, best first. */
const KINDS_BY_TOPIC: Readonly<Record<StanceTopic, readonly DecisionKind[]>> = {
  'invitation-now': ['invitation'],
  membership: ['invitation', 'ratification'],
  timeline: ['timeline', 'invitation'],
  cooperation: ['package', 'other'],
};

function isTopic(v: unknown): v is StanceTopic {
  return v === 'invitation-now' || v === 'membership' || v === 'timeline' || v === 'cooperation';
}

/**
 * The decision a stance is about: the reviewer's, or the one decision on the candidate whose
 * kind fits the topic; among several, the first due on or after the stance's date.
 */
export function decisionFor(
  decisions: readonly Decision[],
  candidate: Iso2 | undefined,
  topic: StanceTopic,
  date: IsoDate,
): Decision | undefined {
  for (const kind of KINDS_BY_TOPIC[topic]) {
    const fit = decisions.filter((d) => d.kind === kind && d.candidate === candidate);
    if (fit.length === 0) continue;
    const upcoming = fit
      .filter((d) => d.due !== undefined && d.due >= date)
      .sort((a, b) => (a.due ?? '').localeCompare(b.due ?? ''));
    return upcoming[0] ?? fit[0];
  }
  return undefined;
}

/**
 * The members a stance speaks for: the reviewer's list, a single country, a fully named group, or
 * every member when the text counts exactly as many as there are on the date ("the 31 members"
 * in a 31-member alliance) — a count that cannot mean anyone else.
 */
export function stanceMembers(
  payload: Readonly<Record<string, unknown>>,
  edit: ReviewEdit,
  membersOnDate: readonly Iso2[] = [],
): Iso2[] {
  if (edit.members !== undefined) return [...edit.members];
  const actor = payload.actor;
  if (typeof actor !== 'object' || actor === null) {
    throw invalid('members', 'the stance has no actor; name the members who hold it');
  }
  const iso2 = 'iso2' in actor ? str(actor.iso2) : undefined;
  if (iso2 !== undefined) return [iso2];
  const members = 'members' in actor ? strings(actor.members) : undefined;
  const unnamed = 'unnamedMembers' in actor && actor.unnamedMembers === true;
  const name = 'name' in actor ? (str(actor.name) ?? 'the group') : 'the group';
  if (members !== undefined && members.length > 0 && !unnamed) return members;
  const count = 'count' in actor && typeof actor.count === 'number' ? actor.count : undefined;
  if (count !== undefined && count > 1 && count === membersOnDate.length && members === undefined) {
    return [...membersOnDate];
  }
  throw invalid(
    'members',
    `'${name}' does not name all its members; list the members who hold this stance`,
  );
}

/** Positions (one per member) for an accepted stance, without ids (the service makes them). */
export function positionsFromStance(
  proposal: StoredProposal,
  edit: ReviewEdit,
  decisions: readonly Decision[],
  context: BriefingContext,
  credibility: Credibility,
  members: readonly Member[] = [],
): Omit<Position, 'id'>[] {
  const p = proposal.payload;
  const date = edit.date ?? context.published;
  if (date === undefined) {
    throw invalid('date', "the briefing has no publication date; give the position's date");
  }
  const topic = isTopic(p.topic) ? p.topic : 'membership';
  const candidate = edit.candidate ?? str(p.candidate);
  const decision = edit.decision ?? decisionFor(decisions, candidate, topic, date)?.id ?? undefined;
  if (decision === undefined) {
    throw invalid(
      'decision',
      `no decision on ${candidate ?? 'the candidate'} fits the topic '${topic}'; name the decision`,
    );
  }
  const stanceValue = edit.stance ?? str(p.stance);
  const stance = STANCES.find((x) => x === stanceValue);
  if (stance === undefined) throw invalid('stance', 'the proposal has no stance; give one');
  const conditions = edit.conditions ?? strings(p.conditions) ?? [];
  const noteParts = [
    ...(edit.note !== undefined ? [edit.note] : []),
    ...(conditions.length > 0 ? [`conditions named in the text: ${conditions.join('; ')}`] : []),
  ];
  const onDate = membersAsOf(members, date).map((m) => m.iso2);
  return stanceMembers(p, edit, onDate).map((member) => ({
    member,
    decision,
    stance,
    date,
    conditions: [],
    reasons: [],
    note: noteParts.length > 0 ? noteParts.join('. ') : undefined,
    basis: edit.basis ?? 'reported',
    sources: [{ source: context.sourceId, credibility, quote: quoteOf(proposal.quote) }],
  }));
}

/** A citation's quote: the proposal's words, shortened for very long spans. */
export function quoteOf(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= 400 ? t : `${t.slice(0, 399)}…`;
}

/** Participants from a proposal's payload (anything malformed is left out). */
export function participantsOf(v: unknown): Participant[] {
  if (!Array.isArray(v)) return [];
  const list: readonly unknown[] = v;
  const out: Participant[] = [];
  for (const x of list) {
    if (typeof x !== 'object' || x === null || !('name' in x)) continue;
    const name = str(x.name);
    if (name === undefined) continue;
    out.push({
      name,
      iso2: 'iso2' in x ? str(x.iso2) : undefined,
      role: 'role' in x ? str(x.role) : undefined,
    });
  }
  return out;
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The event an accepted event, engagement or statement becomes (without its id). */
export function eventFromProposal(
  proposal: StoredProposal,
  edit: ReviewEdit,
  context: BriefingContext,
  credibility: Credibility,
): Omit<EventFact, 'id'> {
  const p = proposal.payload;
  const kindValue =
    edit.kind ?? (proposal.kind === 'statement' ? 'statement' : (str(p.what) ?? 'other'));
  const kind: EventKind = EVENT_KINDS.find((x) => x === kindValue) ?? 'other';
  const start =
    edit.start ?? (proposal.kind === 'engagement' ? str(p.date) : str(p.start)) ?? undefined;
  if (start === undefined) {
    throw invalid('start', 'the text gives no day for this; give the start date');
  }
  const end = edit.end ?? (proposal.kind === 'event' ? str(p.end) : undefined);
  const place = edit.place ?? str(p.place);
  const participants = edit.participants ?? participantsOf(p.participants);
  const parties = edit.parties ?? strings(p.parties) ?? [];
  const statementTitle = str(p.title) ?? 'Statement';
  const title =
    edit.title ??
    (proposal.kind === 'statement'
      ? statementTitle
      : participants.length > 0
        ? `${capital(kind)}: ${participants.map((x) => x.name).join(', ')}${place !== undefined ? ` in ${place}` : ''}`
        : `${capital(kind)}${place !== undefined ? ` in ${place}` : ''}`);
  if (proposal.kind === 'statement' && parties.length === 0) {
    throw invalid('parties', 'the statement names no parties; list them');
  }
  return {
    kind,
    title,
    start,
    end: end !== undefined && end !== start ? end : undefined,
    place,
    participants,
    statements:
      proposal.kind === 'statement'
        ? [
            {
              title: statementTitle,
              parties,
              summary: edit.summary ?? str(p.summary),
              commitments: [],
            },
          ]
        : [],
    note: edit.note,
    basis: edit.basis ?? 'reported',
    sources: [{ source: context.sourceId, credibility, quote: quoteOf(proposal.quote) }],
  };
}

/** The credibility a proposal's citation gets: the reviewer's, its attribution's, or 3. */
export function suggestedCredibility(
  span: Span,
  attributions: readonly { readonly scope: Span; readonly credibility: Credibility }[],
  edit?: Credibility,
): Credibility {
  if (edit !== undefined) return edit;
  const covering = attributions.filter((a) => a.scope[0] <= span[0] && span[0] < a.scope[1]);
  if (covering.length === 0) return 3;
  return covering.reduce<Credibility>(
    (best, a) => (a.credibility < best ? a.credibility : best),
    6,
  );
}

/** Who stands behind a source, for independence: its publisher, else its title. */
export function independenceKey(source: Pick<Source, 'publisher' | 'title'>): string {
  return (source.publisher ?? source.title).trim().toLowerCase();
}

const improve = (c: Credibility, steps: number): Credibility =>
  CREDIBILITIES[Math.max(0, c - 1 - steps)] ?? 1;

/**
 * Merge a new citation into a fact's citations. The rule: a citation from a source whose
 * publisher (or, without one, title) is not yet among the fact's sources is an independent
 * confirmation, and every citation of the fact — the new one too — rises one grade, to 1
 * (confirmed) at best. A second report from the same publisher is added as it is and confirms
 * nothing. The same source twice is refused.
 */
export function mergeCitations(
  existing: readonly Citation[],
  added: Citation,
  keyOf: (sourceId: string) => string,
): { citations: Citation[]; independent: boolean } {
  if (existing.some((c) => c.source === added.source)) {
    throw new AccordError(
      'CONFLICT',
      `into: the fact already cites source '${added.source}'; a briefing confirms a fact once`,
      { field: 'into', source: added.source },
    );
  }
  const keys = new Set(existing.map((c) => keyOf(c.source)));
  const independent = !keys.has(keyOf(added.source));
  const all = [...existing, added];
  return {
    independent,
    citations: independent
      ? all.map((c) => ({ ...c, credibility: improve(c.credibility, 1) }))
      : all,
  };
}
