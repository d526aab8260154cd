import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.js';
import { roadmapProgress, rollup } from './progress.js';
import type { Benchmark } from './types.js';
import { dagArb, makeBenchmark, makeRoadmap, START, statuses } from './test-factories.js';

describe('roadmapProgress', () => {
  const roadmap = makeRoadmap({
    tracks: [
      { id: 'rule-of-law', title: 'Rule of law' },
      { id: 'defence', title: 'Defence reform' },
      { id: 'empty', title: 'Nothing yet' },
    ],
    benchmarks: [
      makeBenchmark('courts', {
        track: 'rule-of-law',
        weight: 3,
        statuses: statuses(['2024-01-10', 'verified']),
      }),
      makeBenchmark('anti-corruption', {
        track: 'rule-of-law',
        weight: 1,
        statuses: statuses(['2024-01-10', 'in-progress', 0.2]),
      }),
      makeBenchmark('civilian-control', {
        track: 'defence',
        weight: 2,
        statuses: statuses(['2024-01-10', 'in-progress']),
      }),
      makeBenchmark('procurement', {
        track: 'defence',
        weight: 2,
        statuses: statuses(['2024-01-10', 'met'], ['2024-02-01', 'regressed']),
      }),
    ],
  });

  it('weights each benchmark by its credit, per track and overall', () => {
    const p = roadmapProgress(roadmap, '2024-03-01');
    expect(p.tracks.map((t) => [t.track, t.progress])).toEqual([
      ['rule-of-law', (3 * 1 + 1 * 0.2) / 4],
      ['defence', (2 * 0.5 + 0) / 4],
      ['empty', 0],
    ]);
    expect(p.progress).toBeCloseTo((3 + 0.2 + 1 + 0) / 8, 10);
    expect(p.byStatus).toEqual({
      'not-started': 0,
      'in-progress': 2,
      met: 0,
      verified: 1,
      regressed: 1,
    });
  });

  it('answers as of the day', () => {
    expect(roadmapProgress(roadmap, '2024-01-09').progress).toBe(0);
    const jan = roadmapProgress(roadmap, '2024-01-15');
    expect(jan.tracks[1]?.progress).toBe((2 * 0.5 + 2 * 1) / 4);
  });

  it('counts every benchmark equally when the weights sum to 0', () => {
    const r = rollup(
      [
        makeBenchmark('a', { weight: 0, statuses: statuses(['2024-01-01', 'met']) }),
        makeBenchmark('b', { weight: 0 }),
      ],
      '2024-02-01',
    );
    expect(r.progress).toBe(0.5);
  });

  it('stays within [0, 1] and is 1 when every benchmark is verified', () => {
    fc.assert(
      fc.property(dagArb({ withStatuses: true }), fc.integer({ min: 0, max: 90 }), (g, day) => {
        const asOf = addDays(START, day);
        const p = roadmapProgress(g.roadmap, asOf);
        for (const x of [p, ...p.tracks]) {
          expect(x.progress).toBeGreaterThanOrEqual(0);
          expect(x.progress).toBeLessThanOrEqual(1);
        }
        const verified = makeRoadmap({
          ...g.roadmap,
          benchmarks: g.roadmap.benchmarks.map((b): Benchmark => ({
            ...b,
            statuses: [...b.statuses, { date: asOf, status: 'verified' }],
          })),
        });
        const all = roadmapProgress(verified, asOf);
        expect(all.progress).toBe(1);
        expect(all.tracks.every((t) => t.progress === 1)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
