import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.js';
import { dagArb, dep, makeBenchmark, makeGate, START } from '../roadmap/test-factories.js';
import type { Roadmap } from '../roadmap/types.js';
import {
  MEMBER_POOL,
  makeCandidate,
  makeCondition,
  makeDecision,
  makeMember,
  makePosition,
  makeScenario,
  stanceArb,
} from '../test-factories.js';
import type { Scenario, Stance } from '../types.js';
import { fitRates, parseAssumption, type TransitionModel } from './members.js';
import type { AccessionFit } from './ratification.js';
import {
  CHUNK_RUNS,
  forecastScenario,
  runForecastChunk,
  type ScenarioForecastInput,
} from './scenario.js';

const ASOF = addDays(START, 30);

const MODEL: TransitionModel = {
  rates: fitRates([]),
  conditionLag: { meanDays: 30, observed: [], basis: 'illustrative' },
  actDelays: [{ round: 1, days: [30, 60, 90] }],
  episodes: [],
};

const FIT: AccessionFit = {
  rounds: [1, 2],
  invitationToProtocol: [
    { round: 1, days: 60 },
    { round: 2, days: 90 },
  ],
  protocolToAccession: [
    { round: 1, days: 300 },
    { round: 2, days: 400 },
  ],
  protocolToLastRatification: [],
  lastRatificationToAccession: [{ round: 1, days: 10 }],
  memberDelays: {},
};

interface World {
  readonly roadmap: Roadmap;
  readonly rank: readonly string[];
  readonly stances: readonly Stance[];
  /** Per member: benchmarks its condition waits for (empty: no condition). */
  readonly links: readonly (readonly string[])[];
  readonly gate: readonly string[];
  readonly seed: string;
}

const worldArb: fc.Arbitrary<World> = dagArb({ maxNodes: 8, withStatuses: true }).chain(
  ({ roadmap, rank }) => {
    const ids = roadmap.benchmarks.map((b) => b.id);
    return fc.record({
      roadmap: fc.constant(roadmap),
      rank: fc.constant(rank),
      stances: fc.array(stanceArb, { minLength: 2, maxLength: 6 }),
      links: fc.array(fc.subarray(ids), { minLength: 6, maxLength: 6 }),
      gate: fc.subarray(ids, { minLength: 1 }),
      seed: fc.string({ maxLength: 6 }),
    });
  },
);

function build(w: World, overrides: { stances?: readonly Stance[]; roadmap?: Roadmap } = {}) {
  const stances = overrides.stances ?? w.stances;
  const members = MEMBER_POOL.slice(0, stances.length);
  const linked = members.flatMap((m, i) => {
    const benchmarks = w.links[i] ?? [];
    const stance = stances[i];
    return benchmarks.length > 0 && stance !== 'support' ? [{ member: m, benchmarks }] : [];
  });
  const base = overrides.roadmap ?? w.roadmap;
  const scenario: Scenario = makeScenario({
    members: members.map((m) => makeMember(m, { joined: '2000-01-01' })),
    candidates: [makeCandidate()],
    decisions: [makeDecision({ id: 'd1', kind: 'invitation', candidate: 'UA' })],
    conditions: linked.map((l) => makeCondition(`cond-${l.member}`)),
    positions: members.map((m, i) =>
      makePosition({
        member: m,
        stance: stances[i] ?? 'support',
        date: START,
        conditions: linked.some((l) => l.member === m) ? [`cond-${m}`] : [],
      }),
    ),
    roadmaps: [
      {
        ...base,
        gates: [makeGate('g', w.gate, { decision: 'd1' })],
        conditionLinks: linked.map((l) => ({
          condition: `cond-${l.member}`,
          benchmarks: l.benchmarks,
        })),
        approach: 'sequenced',
        start: START,
        commitments: [],
      },
    ],
  });
  const input: ScenarioForecastInput = {
    scenario,
    asOf: ASOF,
    fit: FIT,
    model: MODEL,
    assumptions: [],
  };
  return input;
}

/** Per target id, its samples in one chunk sorted ascending. */
function sortedSamples(input: ScenarioForecastInput, seed: string, runs = 40) {
  const chunk = runForecastChunk(input, { seed, index: 0, runs });
  const ids = forecastScenario(input, { seed, runs: 1 }).map((t) => t.id);
  return new Map(
    ids.map((id, i) => [id, Array.from(chunk.samples[i] ?? []).sort((a, b) => a - b)]),
  );
}

function allAtLeast(later: readonly number[], earlier: readonly number[]): boolean {
  return later.length === earlier.length && later.every((x, i) => x >= (earlier[i] ?? Infinity));
}

const BY = [ASOF, addDays(ASOF, 30), addDays(ASOF, 200), addDays(ASOF, 2000)];

describe('forecastScenario', () => {
  it('forecasts roadmap items, the decision and the accession, reproducibly', () => {
    const input = build({
      roadmap: {
        id: 'ua',
        title: 'r',
        candidate: 'UA',
        rule: { kind: 'all-assessors-agree' },
        tracks: [],
        benchmarks: [
          makeBenchmark('a', { durationDays: 40 }),
          makeBenchmark('b', { durationDays: 20 }),
        ],
        milestones: [],
        dependencies: [dep('a', 'b')],
        gates: [],
        evidence: [],
        assessments: [],
        conditionLinks: [],
      },
      rank: ['a', 'b'],
      stances: ['support', 'block', 'support_with_conditions'],
      links: [[], [], ['a']],
      gate: ['b'],
      seed: 's',
    });
    const one = forecastScenario(input, { seed: 'x', runs: CHUNK_RUNS + 7, by: BY });
    const two = forecastScenario(input, { seed: 'x', runs: CHUNK_RUNS + 7, by: BY });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(one.map((t) => `${t.kind}:${t.id}`)).toEqual([
      'benchmark:a',
      'benchmark:b',
      'gate:g',
      'decision:d1',
      'accession:accession-ua',
    ]);
    const d1 = one.find((t) => t.id === 'd1');
    expect(d1?.drivers.map((d) => d.id)).toEqual(expect.arrayContaining(['FR', 'g']));
    expect(d1 !== undefined && d1.p10 >= (one.find((t) => t.id === 'g')?.p10 ?? '')).toBe(true);
    // A chunk does not depend on the chunks before it.
    const alone = runForecastChunk(input, { seed: 'x', index: 1, runs: 7 });
    const again = runForecastChunk(input, { seed: 'x', index: 1, runs: 7 });
    expect(alone).toEqual(again);
  });

  it('property: percentiles are ordered and P(by date) never decreases with the date', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const targets = forecastScenario(build(w), { seed: w.seed, runs: 30, by: BY });
        for (const t of targets) {
          expect(t.p10 <= t.p50 && t.p50 <= t.p90).toBe(true);
          const dates = Object.keys(t.pBy).sort();
          for (let i = 1; i < dates.length; i++) {
            expect(t.pBy[dates[i] ?? ''] ?? 0).toBeGreaterThanOrEqual(
              t.pBy[dates[i - 1] ?? ''] ?? 0,
            );
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('property: every benchmark verified and every member supporting ⇒ consensus certain that day', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const roadmap: Roadmap = {
          ...w.roadmap,
          benchmarks: w.roadmap.benchmarks.map((b) => ({
            ...b,
            statuses: [{ date: START, status: 'verified' as const }],
          })),
        };
        const input = build(w, { roadmap, stances: w.stances.map(() => 'support') });
        const d1 = forecastScenario(input, { seed: w.seed, runs: 20, by: [ASOF] }).find(
          (t) => t.id === 'd1',
        );
        expect(d1?.pBy[ASOF]).toBe(1);
        expect([d1?.p10, d1?.p90]).toEqual([ASOF, ASOF]);
      }),
      { numRuns: 40 },
    );
  });

  it('property: adding a dependency never makes any forecast earlier, run for run', () => {
    fc.assert(
      fc.property(worldArb, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 20 }), (w, i, j, lag) => {
        const a = w.rank[i % w.rank.length];
        const b = w.rank[j % w.rank.length];
        fc.pre(a !== undefined && b !== undefined && a !== b);
        const [from, to] =
          w.rank.indexOf(a ?? '') < w.rank.indexOf(b ?? '')
            ? [a ?? '', b ?? '']
            : [b ?? '', a ?? ''];
        const more: Roadmap = {
          ...w.roadmap,
          dependencies: [...w.roadmap.dependencies, dep(from, to, lag)],
        };
        const before = sortedSamples(build(w), w.seed);
        const after = sortedSamples(build(w, { roadmap: more }), w.seed);
        for (const [id, samples] of before) {
          expect(allAtLeast(after.get(id) ?? [], samples)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('property: assuming support from the last blocker never makes consensus or accession later', () => {
    fc.assert(
      fc.property(worldArb, fc.integer({ min: 0, max: 400 }), (w, offset) => {
        const input = build(w);
        const d1 = forecastScenario(input, { seed: w.seed, runs: 30 }).find((t) => t.id === 'd1');
        const blocker = d1?.drivers.find((d) => d.id !== 'g')?.id;
        fc.pre(blocker !== undefined);
        const assumed: ScenarioForecastInput = {
          ...input,
          assumptions: [parseAssumption(`${blocker ?? ''}:support@${addDays(ASOF, offset)}`)],
        };
        const before = sortedSamples(input, w.seed, 30);
        const after = sortedSamples(assumed, w.seed, 30);
        for (const id of ['d1', 'accession-ua']) {
          expect(allAtLeast(before.get(id) ?? [], after.get(id) ?? [])).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});
