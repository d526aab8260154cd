/**
 * A seeded generator of large, valid scenarios, for scale tests and benchmarks. Pure: the random
 * source is a parameter (see `mulberry32`), so the same seed always gives the same scenario.
 *
 * Validity holds by construction: every code comes from COUNTRIES, every member joined before
 * the earliest date it is used on, every citation names a declared source, every
 * support_with_conditions cites a declared condition, and dependencies only point from a lower
 * benchmark index to a higher one, so the roadmap graph is acyclic. The service still runs
 * validateScenario on the result (about 0.6 s for a million positions), and the tests check
 * several seeds.
 */
import { COUNTRIES } from './countries.js';
import { addDays, daysBetween } from './dates.js';
import { AccordError } from './errors.js';
import type { Benchmark, Dependency, Track } from './roadmap/types.js';
import {
  RELIABILITIES,
  STANCES,
  type Citation,
  type Condition,
  type Decision,
  type IsoDate,
  type Member,
  type Position,
  type RoadmapVariant,
  type Scenario,
  type Source,
  type Stance,
} from './types.js';

/** A source of numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: a tiny, fast 32-bit PRNG; good enough for test data, not for secrets. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from any text (FNV-1a), so `--seed my-run` works as well as `--seed 42`. */
export function seedFromText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface GenerateOptions {
  readonly id: string;
  readonly members: number;
  readonly candidates: number;
  readonly benchmarks: number;
  readonly positions: number;
  /** Recorded in the scenario's description, so a generated scenario says how to make it again. */
  readonly seed: string;
}

export const GENERATE_LIMITS = {
  benchmarks: 1_000_000,
  positions: 10_000_000,
} as const;

/** The countries used, in a fixed order: members first, then candidates. */
const CODES = Object.keys(COUNTRIES).sort();

/** Generated positions fall between the last join date and this day. */
const FIRST_POSITION_DAY: IsoDate = '2020-01-01';
const LAST_POSITION_DAY: IsoDate = '2025-12-31';
const FIRST_JOIN_DAY: IsoDate = '1949-04-04';

function checkOptions(o: GenerateOptions): void {
  const fail = (field: string, message: string): never => {
    throw new AccordError('VALIDATION_FAILED', `${field}: ${message}`, { field });
  };
  const whole = (field: string, value: number, min: number, max: number): void => {
    if (!Number.isInteger(value) || value < min || value > max)
      fail(field, `must be a whole number from ${min} to ${max}, not ${value}`);
  };
  whole('members', o.members, 1, CODES.length - 1);
  whole('candidates', o.candidates, 1, CODES.length - 1);
  if (o.members + o.candidates > CODES.length)
    fail('candidates', `members and candidates together cannot exceed ${CODES.length} countries`);
  whole('benchmarks', o.benchmarks, 1, GENERATE_LIMITS.benchmarks);
  whole('positions', o.positions, 0, GENERATE_LIMITS.positions);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(o.id))
    fail('id', `'${o.id}' must be lower-case letters, digits and hyphens`);
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A whole number in [0, n). */
const below = (random: Random, n: number): number => Math.floor(random() * n);

export function generateScenario(o: GenerateOptions, random: Random): Scenario {
  checkOptions(o);
  const sources: Source[] = Array.from({ length: 10 }, (_, i) => ({
    id: `gen-source-${i + 1}`,
    title: `Generated source ${i + 1}`,
    publisher: 'Accord generator',
    reliability: RELIABILITIES[i % 4] ?? 'C',
    note: 'Synthetic source for scale tests; cites nothing real.',
  }));
  // Citations are shared objects: one per source and credibility, not one per fact.
  const citations: Citation[][] = sources.map((s) => [{ source: s.id, credibility: 2 }]);
  const cite = (): Citation[] => citations[below(random, citations.length)] ?? [];

  const joinSpan = daysBetween(FIRST_JOIN_DAY, addDays(FIRST_POSITION_DAY, -1));
  const members: Member[] = CODES.slice(0, o.members).map((iso2, i) => ({
    iso2,
    name: COUNTRIES[iso2] ?? iso2,
    // The first member founds the alliance on the first day; the others join later.
    joined: i === 0 ? FIRST_JOIN_DAY : addDays(FIRST_JOIN_DAY, below(random, joinSpan)),
    sources: cite(),
    basis: 'illustrative',
  }));
  const candidateCodes = CODES.slice(o.members, o.members + o.candidates);

  const conditions: Condition[] = candidateCodes.map((iso2, i) => ({
    id: `cond-${pad(i + 1, 3)}`,
    title: `Reforms required of ${COUNTRIES[iso2] ?? iso2}`,
    kind: 'benchmark',
    statuses: [],
    sources: cite(),
  }));
  const decisions: Decision[] = candidateCodes.map((iso2, i) => ({
    id: `invite-${iso2.toLowerCase()}`,
    title: `Invite ${COUNTRIES[iso2] ?? iso2}`,
    kind: 'invitation',
    candidate: iso2,
    forum: 'Generated summit',
    due: LAST_POSITION_DAY,
    rule: 'unanimity',
    description: `Generated decision ${i + 1}`,
    sources: cite(),
  }));

  const positions: Position[] = new Array<Position>(o.positions);
  const width = String(o.positions).length;
  const noConditions: readonly string[] = [];
  const reasons: readonly string[] = ['generated'];
  const conditionIds = conditions.map((c) => [c.id]);
  for (let i = 0; i < o.positions; i++) {
    const m = below(random, members.length);
    const member = members[m] ?? members[0];
    const d = below(random, decisions.length);
    const decision = decisions[d] ?? decisions[0];
    if (member === undefined || decision === undefined) break; // unreachable: both lists ≥ 1
    const start = FIRST_POSITION_DAY > member.joined ? FIRST_POSITION_DAY : member.joined;
    const stance: Stance = STANCES[below(random, STANCES.length)] ?? 'undeclared';
    positions[i] = {
      id: `p-${pad(i + 1, width)}`,
      member: member.iso2,
      decision: decision.id,
      stance,
      date: addDays(start, below(random, daysBetween(start, LAST_POSITION_DAY) + 1)),
      conditions: stance === 'support_with_conditions' ? (conditionIds[d] ?? []) : noConditions,
      reasons,
      sources: cite(),
      basis: 'illustrative',
    };
  }

  return {
    id: o.id,
    title: `Generated scenario (${o.members} members, ${o.positions} positions)`,
    description:
      `Synthetic data for scale tests: accord scenario generate --members ${o.members} ` +
      `--candidates ${o.candidates} --benchmarks ${o.benchmarks} --positions ${o.positions} ` +
      `--seed ${o.seed}. Nothing in it is real.`,
    alliance: {
      id: 'generated',
      name: 'Generated alliance',
      rule: 'unanimity',
      stages: ['aspirant', 'partner', 'invited', 'protocol-signed', 'ratifying', 'member'],
    },
    keyDates: [{ date: LAST_POSITION_DAY, label: 'Generated summit' }],
    sources,
    members,
    groups: [
      {
        id: 'founders',
        name: 'Founding members',
        members: members.filter((m) => m.joined === FIRST_JOIN_DAY).map((m) => m.iso2),
        sources: cite(),
        basis: 'illustrative',
      },
    ],
    candidates: candidateCodes.map((iso2) => ({
      iso2,
      name: COUNTRIES[iso2] ?? iso2,
      stages: [
        { stage: 'aspirant', date: FIRST_POSITION_DAY, sources: cite(), basis: 'illustrative' },
      ],
      ratifications: [],
      sources: cite(),
      basis: 'illustrative',
    })),
    decisions,
    conditions,
    positions,
    events: [],
    roadmaps: [generateRoadmap(o, candidateCodes[0] ?? 'UA', decisions[0]?.id, cite, random)],
  };
}

function generateRoadmap(
  o: GenerateOptions,
  candidate: string,
  decision: string | undefined,
  cite: () => Citation[],
  random: Random,
): RoadmapVariant {
  const trackCount = Math.max(1, Math.min(20, Math.ceil(o.benchmarks / 500)));
  const tracks: Track[] = Array.from({ length: trackCount }, (_, i) => ({
    id: `track-${pad(i + 1, 2)}`,
    title: `Track ${i + 1}`,
  }));
  const width = String(o.benchmarks).length;
  const benchmarkId = (i: number): string => `b-${pad(i + 1, width)}`;
  const benchmarks: Benchmark[] = Array.from({ length: o.benchmarks }, (_, i) => ({
    id: benchmarkId(i),
    track: tracks[i % trackCount]?.id ?? 'track-01',
    title: `Benchmark ${i + 1}`,
    owner: 'Generated ministry',
    weight: 1 + below(random, 3),
    durationDays: 30 + below(random, 300),
    targets: [],
    statuses: [],
    sources: cite(),
    basis: 'illustrative',
  }));
  // Edges only from a lower index to a higher one: acyclic whatever the random draws. Each
  // benchmark after the first in its track waits for the previous one in its track, and now and
  // then for a random earlier benchmark of any track (a cross-track dependency).
  const dependencies: Dependency[] = [];
  for (let i = trackCount; i < o.benchmarks; i++) {
    dependencies.push({ from: benchmarkId(i - trackCount), to: benchmarkId(i), lagDays: 0 });
    if (random() < 0.2) {
      const j = below(random, i - trackCount);
      dependencies.push({ from: benchmarkId(j), to: benchmarkId(i), lagDays: below(random, 30) });
    }
  }
  const last = Math.min(o.benchmarks, 10);
  return {
    id: 'generated-plan',
    title: 'Generated sequenced plan',
    candidate,
    approach: 'sequenced',
    start: FIRST_POSITION_DAY,
    commitments: [],
    rule: { kind: 'all-assessors-agree' },
    tracks,
    benchmarks,
    milestones: [],
    dependencies,
    gates: [
      {
        id: 'invitation-gate',
        title: 'Invitation gate',
        decision,
        requires: Array.from({ length: last }, (_, k) => benchmarkId(o.benchmarks - last + k)),
        targets: [{ date: FIRST_POSITION_DAY, target: '2030-06-30' }],
        sources: cite(),
        basis: 'illustrative',
      },
    ],
    evidence: [],
    assessments: [],
    conditionLinks: [],
  };
}
