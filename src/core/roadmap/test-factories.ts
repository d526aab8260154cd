/**
 * Builders and fast-check arbitraries for the roadmap's tests. Every builder takes overrides so a
 * test states only what matters to it.
 */
import fc from 'fast-check';
import { addDays } from '../dates.js';
import { cite } from '../test-factories.js';
import type { IsoDate } from '../types.js';
import type {
  Assessment,
  Assessor,
  Benchmark,
  BenchmarkStatus,
  Dependency,
  Gate,
  Milestone,
  Roadmap,
  TargetEntry,
} from './types.js';

export const START: IsoDate = '2024-01-01';

export function member(iso2: string): Assessor {
  return { kind: 'member', iso2 };
}

export const secretariat: Assessor = { kind: 'secretariat' };

export function makeBenchmark(id: string, overrides: Partial<Benchmark> = {}): Benchmark {
  return {
    id,
    track: 't1',
    title: `benchmark ${id}`,
    owner: 'candidate',
    weight: 1,
    durationDays: 10,
    targets: [],
    statuses: [],
    sources: [cite('src-a', 1)],
    basis: 'illustrative',
    ...overrides,
  };
}

export function makeMilestone(id: string, overrides: Partial<Milestone> = {}): Milestone {
  return {
    id,
    title: `milestone ${id}`,
    targets: [],
    sources: [cite('src-a', 1)],
    basis: 'illustrative',
    ...overrides,
  };
}

export function makeGate(
  id: string,
  requires: readonly string[],
  overrides: Partial<Gate> = {},
): Gate {
  return {
    id,
    title: `gate ${id}`,
    requires,
    targets: [],
    sources: [cite('src-a', 1)],
    basis: 'illustrative',
    ...overrides,
  };
}

export function dep(from: string, to: string, lagDays = 0): Dependency {
  return { from, to, lagDays };
}

/** `[date, target]` pairs. */
export function targets(...entries: readonly (readonly [IsoDate, IsoDate])[]): TargetEntry[] {
  return entries.map(([date, target]) => ({ date, target }));
}

export function statuses(
  ...entries: readonly (readonly [IsoDate, BenchmarkStatus, number?])[]
): Benchmark['statuses'] {
  return entries.map(([date, status, progress]) => ({
    date,
    status,
    ...(progress === undefined ? {} : { progress }),
  }));
}

/** An empty roadmap with one track `t1`, under all-assessors-agree. */
export function makeRoadmap(overrides: Partial<Roadmap> = {}): Roadmap {
  return {
    id: 'ua',
    title: 'Ukraine roadmap',
    candidate: 'UA',
    rule: { kind: 'all-assessors-agree' },
    tracks: [{ id: 't1', title: 'Track one' }],
    benchmarks: [],
    milestones: [],
    dependencies: [],
    gates: [],
    evidence: [],
    assessments: [],
    conditionLinks: [],
    ...overrides,
  };
}

let counter = 0;

/** An assessment by `who` (`'secretariat'` or a country code). */
export function assess(
  benchmark: string,
  who: string,
  date: IsoDate,
  met: boolean,
  overrides: Partial<Assessment> = {},
): Assessment {
  counter++;
  return {
    id: `a${counter}`,
    benchmark,
    assessor: who === 'secretariat' ? secretariat : member(who),
    date,
    met,
    rationale: met ? 'met' : 'not met',
    evidence: [],
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// fast-check arbitraries

export interface GeneratedDag {
  readonly roadmap: Roadmap;
  /** Node ids in an order every edge respects (the generator's own). */
  readonly rank: readonly string[];
}

/**
 * A roadmap whose dependencies form a DAG: benchmarks (and a few milestones) ranked by a random
 * permutation, edges only from lower to higher rank, listed in a shuffled order.
 */
export function dagArb(
  options: { readonly maxNodes?: number; readonly withStatuses?: boolean } = {},
): fc.Arbitrary<GeneratedDag> {
  const maxNodes = options.maxNodes ?? 12;
  return fc
    .integer({ min: 1, max: maxNodes })
    .chain((n) =>
      fc.record({
        n: fc.constant(n),
        rank: fc.shuffledSubarray(
          Array.from({ length: n }, (_, i) => i),
          { minLength: n, maxLength: n },
        ),
        milestone: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        durations: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: n, maxLength: n }),
        weights: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n }),
        edges: fc.array(
          fc.record({
            a: fc.integer({ min: 0, max: n - 1 }),
            b: fc.integer({ min: 0, max: n - 1 }),
            lag: fc.integer({ min: 0, max: 10 }),
          }),
          { maxLength: n * 2 },
        ),
        status: fc.array(
          fc.record({
            status: fc.constantFrom<BenchmarkStatus>(
              'not-started',
              'in-progress',
              'met',
              'verified',
              'regressed',
            ),
            day: fc.integer({ min: 0, max: 60 }),
            progress: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
          }),
          { minLength: n, maxLength: n },
        ),
      }),
    )
    .map(({ n, rank, milestone, durations, weights, edges, status }) => {
      const id = (i: number): string => `n${i}`;
      // Position of node i in the generated order: edges go from lower to higher position.
      const pos = new Map(rank.map((node, p) => [node, p]));
      const deps: Dependency[] = [];
      for (const { a, b, lag } of edges) {
        const pa = pos.get(a) ?? 0;
        const pb = pos.get(b) ?? 0;
        if (pa === pb) continue;
        deps.push(pa < pb ? dep(id(a), id(b), lag) : dep(id(b), id(a), lag));
      }
      const benchmarks: Benchmark[] = [];
      const milestones: Milestone[] = [];
      for (let i = 0; i < n; i++) {
        // Node 0 is always a benchmark, so every roadmap has work in it.
        if (i > 0 && milestone[i] === true && i % 3 === 0) {
          milestones.push(makeMilestone(id(i)));
          continue;
        }
        const s = status[i];
        benchmarks.push(
          makeBenchmark(id(i), {
            durationDays: durations[i] ?? 0,
            weight: weights[i] ?? 1,
            statuses:
              options.withStatuses === true && s !== undefined
                ? [
                    {
                      date: addDays(START, s.day),
                      status: s.status,
                      ...(s.status === 'in-progress' && s.progress !== undefined
                        ? { progress: s.progress }
                        : {}),
                    },
                  ]
                : [],
          }),
        );
      }
      return {
        roadmap: makeRoadmap({ benchmarks, milestones, dependencies: deps }),
        rank: rank.map(id),
      };
    });
}
