import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeBenchmark, START, statuses } from '../roadmap/test-factories.js';
import { remainingWork, sampleRemainingDays } from './durations.js';
import { createRng } from './rng.js';

describe('remainingWork', () => {
  it('reads the status as of the day', () => {
    const b = makeBenchmark('b', {
      durationDays: 10,
      statuses: statuses(
        ['2024-01-05', 'in-progress', 0.3],
        ['2024-02-01', 'met'],
        ['2024-03-01', 'regressed'],
      ),
    });
    expect(remainingWork(b, START)).toEqual({
      done: false,
      status: 'not-started',
      remainingDays: 10,
    });
    expect(remainingWork(b, '2024-01-10')).toEqual({
      done: false,
      status: 'in-progress',
      remainingDays: 7,
    });
    expect(remainingWork(b, '2024-02-10')).toEqual({
      done: true,
      status: 'met',
      finished: '2024-02-01',
    });
    expect(remainingWork(b, '2024-03-10')).toEqual({
      done: false,
      status: 'regressed',
      remainingDays: 10,
    });
  });

  it('assumes half done for in-progress without a recorded share', () => {
    const b = makeBenchmark('b', {
      durationDays: 9,
      statuses: statuses(['2024-01-05', 'in-progress']),
    });
    expect(remainingWork(b, '2024-01-06')).toMatchObject({ remainingDays: 5 });
  });
});

describe('sampleRemainingDays', () => {
  it('stays within 0.7× and 2× of the estimate (rounded) and keeps 0 at 0', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 500 }), (seed, days) => {
        const rng = createRng(seed);
        for (let i = 0; i < 20; i++) {
          const x = sampleRemainingDays(rng, days);
          expect(x).toBeGreaterThanOrEqual(Math.round(0.7 * days));
          expect(x).toBeLessThanOrEqual(2 * days);
        }
      }),
      { numRuns: 100 },
    );
  });
});
