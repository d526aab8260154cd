import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.js';
import {
  dagArb,
  dep,
  makeBenchmark,
  makeGate,
  makeMilestone,
  makeRoadmap,
  START,
  statuses,
} from '../roadmap/test-factories.js';
import type { Roadmap } from '../roadmap/types.js';
import { createRng } from './rng.js';
import { pBy, simulateRoadmap } from './simulate.js';

const ASOF = addDays(START, 30);

function run(roadmap: Roadmap, seed: string | number, runs = 60) {
  return simulateRoadmap(roadmap, { start: START, asOf: ASOF, runs, rng: createRng(seed) });
}

const chain = makeRoadmap({
  benchmarks: [
    makeBenchmark('a', { durationDays: 20 }),
    makeBenchmark('b', { durationDays: 40 }),
    makeBenchmark('c', { durationDays: 5 }),
  ],
  milestones: [makeMilestone('m')],
  dependencies: [dep('a', 'b', 2), dep('b', 'm'), dep('c', 'm')],
  gates: [makeGate('g', ['a', 'b'])],
});

describe('simulateRoadmap', () => {
  it('gives identical output for the same seed', () => {
    const one = run(chain, 'seed');
    const two = run(chain, 'seed');
    expect(two).toEqual(one);
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(JSON.stringify(run(chain, 'other'))).not.toBe(JSON.stringify(one));
  });

  it('is deterministic on generated roadmaps too', () => {
    fc.assert(
      fc.property(dagArb({ withStatuses: true }), fc.string(), ({ roadmap }, seed) => {
        expect(JSON.stringify(run(roadmap, seed, 20))).toBe(JSON.stringify(run(roadmap, seed, 20)));
      }),
      { numRuns: 30 },
    );
  });

  it('propagates along the chain: b after a plus lag, within the PERT bounds', () => {
    const f = simulateRoadmap(chain, { start: START, runs: 200, rng: createRng(1) });
    const byId = new Map(f.targets.map((t) => [t.id, t]));
    const a = byId.get('a');
    const b = byId.get('b');
    const m = byId.get('m');
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    if (a === undefined || b === undefined || m === undefined) return;
    expect(a.p10 >= addDays(START, 14)).toBe(true);
    expect(a.p90 <= addDays(START, 40)).toBe(true);
    expect(b.p10 >= addDays(START, 14 + 2 + 28)).toBe(true);
    expect(b.p90 <= addDays(START, 40 + 2 + 80)).toBe(true);
    // b drives m and the plan in every run; c (5 days) never does.
    expect(m.drivers).toEqual([
      { id: 'a', share: 1 },
      { id: 'b', share: 1 },
    ]);
    expect(f.drivers.map((d) => d.id)).toEqual(['a', 'b']);
    expect(byId.get('c')?.criticalShare).toBe(0);
    expect(f.targets.map((t) => t.id)).toEqual(['a', 'b', 'c', 'm', 'g']);
  });

  it('orders percentiles p10 ≤ p50 ≤ p90 for every target', () => {
    fc.assert(
      fc.property(dagArb({ withStatuses: true }), fc.string(), ({ roadmap }, seed) => {
        for (const t of run(roadmap, seed, 30).targets) {
          expect(t.p10 <= t.p50 && t.p50 <= t.p90).toBe(true);
          expect(t.samplesDays).toHaveLength(30);
          expect(t.criticalShare).toBeGreaterThanOrEqual(0);
          expect(t.criticalShare).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('never lowers P(by date) as the date moves later', () => {
    fc.assert(
      fc.property(
        dagArb({ withStatuses: true }),
        fc.string(),
        fc.integer({ min: -10, max: 200 }),
        fc.integer({ min: 0, max: 100 }),
        ({ roadmap }, seed, offset, step) => {
          for (const t of run(roadmap, seed, 30).targets) {
            const early = pBy(t, addDays(START, offset));
            const late = pBy(t, addDays(START, offset + step));
            expect(early).toBeLessThanOrEqual(late);
            expect(early).toBeGreaterThanOrEqual(0);
            expect(late).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('collapses to the done date when every benchmark is verified or met', () => {
    const done = makeRoadmap({
      benchmarks: [
        makeBenchmark('a', { statuses: statuses(['2024-01-10', 'verified']) }),
        makeBenchmark('b', {
          statuses: statuses(['2024-01-05', 'in-progress', 0.5], ['2024-01-20', 'met']),
        }),
      ],
      milestones: [makeMilestone('m')],
      dependencies: [dep('a', 'b'), dep('b', 'm', 3)],
      gates: [makeGate('g', ['a', 'b'])],
    });
    const f = run(done, 'done', 40);
    const expected: Record<string, string> = {
      a: '2024-01-10',
      b: '2024-01-20',
      m: '2024-01-23',
      g: '2024-01-20',
    };
    for (const t of f.targets) {
      expect([t.p10, t.p50, t.p90]).toEqual([expected[t.id], expected[t.id], expected[t.id]]);
    }
    expect(f.drivers).toEqual([]);
  });

  it('collapses on generated roadmaps where every benchmark is done', () => {
    fc.assert(
      fc.property(dagArb(), fc.string(), ({ roadmap }, seed) => {
        const allDone: Roadmap = {
          ...roadmap,
          benchmarks: roadmap.benchmarks.map((b, i) => ({
            ...b,
            statuses: statuses([addDays(START, i % 7), i % 2 === 0 ? 'verified' : 'met']),
          })),
        };
        for (const t of run(allDone, seed, 20).targets) {
          expect(t.p10).toBe(t.p90);
          expect(new Set(t.samplesDays).size).toBe(1);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('never makes a target P50 earlier when a dependency is added (same seed)', () => {
    fc.assert(
      fc.property(
        dagArb({ withStatuses: true }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 10 }),
        fc.string(),
        ({ roadmap, rank }, x, y, lag, seed) => {
          const i = x % rank.length;
          const j = y % rank.length;
          if (i === j) return;
          const from = rank[Math.min(i, j)] ?? '';
          const to = rank[Math.max(i, j)] ?? '';
          const more: Roadmap = {
            ...roadmap,
            dependencies: [...roadmap.dependencies, dep(from, to, lag)],
          };
          const before = new Map(run(roadmap, seed, 30).targets.map((t) => [t.id, t]));
          for (const t of run(more, seed, 30).targets) {
            const b = before.get(t.id);
            expect(b).toBeDefined();
            if (b === undefined) continue;
            expect(t.p50 >= b.p50).toBe(true);
            // Run by run, too: each run draws the same durations.
            expect(t.p10 >= b.p10 && t.p90 >= b.p90).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects a bad run count and an impossible roadmap', () => {
    expect(() => run(chain, 's', 0)).toThrow(/runs/);
    const cyclic = makeRoadmap({
      benchmarks: [makeBenchmark('a'), makeBenchmark('b')],
      dependencies: [dep('a', 'b'), dep('b', 'a')],
    });
    expect(() => run(cyclic, 's')).toThrow(/cycle/);
  });
});
