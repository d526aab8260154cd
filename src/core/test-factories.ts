/**
 * Small builders and fast-check arbitraries for the core's tests. Pure data, no I/O.
 * Every builder takes overrides so a test states only what matters to it.
 */
import fc from 'fast-check';
import { fromDayNumber, toDayNumber } from './dates.js';
import type { EffectivePosition } from './positions.js';
import type {
  Candidate,
  Citation,
  Condition,
  Credibility,
  Decision,
  IsoDate,
  Iso2,
  Member,
  Position,
  Ratification,
  Scenario,
  Source,
  Stance,
} from './types.js';
import { DEFAULT_STAGES, STANCES } from './types.js';

/** Sources declared in the default scenario, one per reliability we use in tests. */
export const SOURCES: readonly Source[] = [
  { id: 'src-a', title: 'Official communiqué', reliability: 'A' },
  { id: 'src-b', title: 'Wire report', reliability: 'B' },
  { id: 'src-c', title: 'Anonymous briefing', reliability: 'C' },
  { id: 'src-e', title: 'Blog', reliability: 'E' },
];

export function sourceMap(sources: readonly Source[] = SOURCES): Map<string, Source> {
  return new Map(sources.map((s) => [s.id, s]));
}

export function cite(source: string, credibility: Credibility = 2): Citation {
  return { source, credibility };
}

/** Real-ish join dates for the members the tests use. */
export const JOINED: Readonly<Record<string, IsoDate>> = {
  FR: '1949-04-04',
  DE: '1955-05-06',
  TR: '1952-02-18',
  PL: '1999-03-12',
  HU: '1999-03-12',
  FI: '2023-04-04',
  SE: '2024-03-07',
};

export function makeMember(iso2: Iso2, overrides: Partial<Member> = {}): Member {
  return {
    iso2,
    name: iso2,
    joined: JOINED[iso2] ?? '2000-01-01',
    sources: [cite('src-a', 1)],
    basis: 'documented',
    ...overrides,
  };
}

export function makePosition(overrides: Partial<Position> & Pick<Position, 'member'>): Position {
  const stance = overrides.stance ?? 'support';
  const date = overrides.date ?? '2023-07-01';
  const decision = overrides.decision ?? 'd1';
  return {
    id: `${overrides.member}-${decision}-${date}-${stance}`,
    decision,
    stance,
    date,
    conditions: [],
    reasons: [],
    sources: [cite('src-b', 2)],
    basis: 'reported',
    ...overrides,
  };
}

/** A condition whose status changes as listed: `[date, met]` pairs. */
export function makeCondition(
  id: string,
  statuses: readonly (readonly [IsoDate, boolean])[] = [],
  overrides: Partial<Condition> = {},
): Condition {
  return {
    id,
    title: `condition ${id}`,
    kind: 'benchmark',
    statuses: statuses.map(([date, met]) => ({
      date,
      met,
      sources: [cite('src-a', 1)],
      basis: 'documented',
    })),
    sources: [cite('src-a', 1)],
    ...overrides,
  };
}

export function makeDecision(overrides: Partial<Decision> = {}): Decision {
  return {
    id: 'd1',
    title: 'Invite the candidate',
    kind: 'invitation',
    rule: 'unanimity',
    sources: [cite('src-a', 1)],
    ...overrides,
  };
}

export function makeRatification(member: Iso2, date: IsoDate): Ratification {
  return { member, date, kind: 'parliament', sources: [cite('src-a', 1)], basis: 'documented' };
}

export function makeCandidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    iso2: 'UA',
    name: 'Ukraine',
    stages: [],
    ratifications: [],
    sources: [cite('src-a', 1)],
    basis: 'documented',
    ...overrides,
  };
}

/** A small valid scenario: FR, DE, PL as members, one unanimity decision `d1`, no positions. */
export function makeScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    id: 'test',
    title: 'Test scenario',
    alliance: { id: 'nato', name: 'NATO', rule: 'unanimity', stages: [...DEFAULT_STAGES] },
    keyDates: [],
    sources: SOURCES,
    members: [makeMember('FR'), makeMember('DE'), makeMember('PL')],
    groups: [],
    candidates: [],
    decisions: [makeDecision()],
    conditions: [],
    positions: [],
    events: [],
    roadmaps: [],
    ...overrides,
  };
}

/** An effective position as consensus sees it, for tests of evaluateConsensus. */
export function eff(
  member: Iso2,
  stance: Stance,
  conditions: readonly string[] = [],
): EffectivePosition {
  return { member, decision: 'd1', stance, conditions, reasons: [], sources: [] };
}

// ---------------------------------------------------------------------------------------------
// fast-check arbitraries

export const FIRST_DAY = toDayNumber('1900-01-01');
export const LAST_DAY = toDayNumber('2200-12-31');

/** A day number between two ISO dates (inclusive). */
export function dayArb(
  from: IsoDate = '1900-01-01',
  to: IsoDate = '2200-12-31',
): fc.Arbitrary<number> {
  return fc.integer({ min: toDayNumber(from), max: toDayNumber(to) });
}

/** A valid ISO date between two ISO dates (inclusive). */
export function isoDateArb(
  from: IsoDate = '1900-01-01',
  to: IsoDate = '2200-12-31',
): fc.Arbitrary<IsoDate> {
  return dayArb(from, to).map(fromDayNumber);
}

export const stanceArb: fc.Arbitrary<Stance> = fc.constantFrom(...STANCES);

/** Country codes (all real) used as members in generated scenarios. */
export const MEMBER_POOL: readonly Iso2[] = [
  'DE',
  'FR',
  'PL',
  'HU',
  'TR',
  'IT',
  'ES',
  'NL',
  'US',
  'GB',
];

/** Condition ids used in generated positions. */
export const CONDITION_POOL: readonly string[] = ['c1', 'c2', 'c3'];

/** A permutation of a list. */
export function permutationArb<T>(items: readonly T[]): fc.Arbitrary<T[]> {
  return fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });
}

/** Same entries, another insertion order. */
export function reorderMap<K, V>(map: ReadonlyMap<K, V>, order: readonly K[]): Map<K, V> {
  const out = new Map<K, V>();
  for (const k of order) {
    const v = map.get(k);
    if (v !== undefined) out.set(k, v);
  }
  return out;
}
