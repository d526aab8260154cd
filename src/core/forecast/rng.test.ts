import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  beta,
  createRng,
  gamma,
  lognormal,
  normal,
  pert,
  quantileSorted,
  shareAtMost,
  uniform,
} from './rng.js';

function draws(seed: string | number, n: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng());
}

function meanOf(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

describe('createRng', () => {
  it('gives the same sequence for the same seed, a different one for another', () => {
    expect(draws('accord', 50)).toEqual(draws('accord', 50));
    expect(draws('accord', 50)).not.toEqual(draws('accord2', 50));
    expect(draws(1, 10)).not.toEqual(draws('1', 10));
  });

  it('pins the first values so a change of algorithm is noticed', () => {
    expect(draws(42, 3).map((x) => x.toFixed(8))).toEqual([
      '0.69526116',
      '0.38048285',
      '0.22367202',
    ]);
  });

  it('stays in [0, 1)', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        for (const x of draws(seed, 20)) expect(x >= 0 && x < 1).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe('samplers', () => {
  const n = 20_000;

  it('uniform, normal and lognormal have about the right moments', () => {
    const rng = createRng('moments');
    const u = Array.from({ length: n }, () => uniform(rng, 2, 4));
    expect(Math.min(...u)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...u)).toBeLessThan(4);
    expect(meanOf(u)).toBeCloseTo(3, 1);
    const z = Array.from({ length: n }, () => normal(rng, 5, 2));
    expect(meanOf(z)).toBeCloseTo(5, 1);
    const sd = Math.sqrt(meanOf(z.map((x) => (x - 5) ** 2)));
    expect(sd).toBeCloseTo(2, 1);
    const l = Array.from({ length: n }, () => lognormal(rng, 0, 0.5)).sort((a, b) => a - b);
    expect(quantileSorted(l, 0.5)).toBeCloseTo(1, 1);
  });

  it('gamma and beta have about the right means (shape < 1 included)', () => {
    const rng = createRng('gamma');
    for (const shape of [0.5, 1, 2.5, 9]) {
      const g = Array.from({ length: n }, () => gamma(rng, shape));
      expect(Math.abs(meanOf(g) - shape) / shape).toBeLessThan(0.05);
    }
    const b = Array.from({ length: n }, () => beta(rng, 2, 6));
    expect(meanOf(b)).toBeCloseTo(0.25, 1);
    expect(() => gamma(rng, 0)).toThrow(RangeError);
  });

  it('pert stays within [min, max] and has mean (min + 4 mode + max) / 6', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (seed, min, at, width) => {
          const rng = createRng(seed);
          const max = min + width;
          const mode = min + at * width;
          for (let i = 0; i < 20; i++) {
            const x = pert(rng, min, mode, max);
            expect(x).toBeGreaterThanOrEqual(min);
            expect(x).toBeLessThanOrEqual(max);
          }
        },
      ),
      { numRuns: 100 },
    );
    const rng = createRng('pert');
    const p = Array.from({ length: n }, () => pert(rng, 0.7, 1, 2));
    expect(meanOf(p)).toBeCloseTo((0.7 + 4 + 2) / 6, 2);
  });
});

describe('quantileSorted and shareAtMost', () => {
  it('use nearest rank and count ties as at most', () => {
    const xs = [1, 2, 2, 3, 10];
    expect(quantileSorted(xs, 0.1)).toBe(1);
    expect(quantileSorted(xs, 0.5)).toBe(2);
    expect(quantileSorted(xs, 0.9)).toBe(10);
    expect(quantileSorted([], 0.5)).toBeNaN();
    expect(shareAtMost(xs, 2)).toBe(0.6);
    expect(shareAtMost(xs, 0)).toBe(0);
    expect(shareAtMost(xs, 10)).toBe(1);
    expect(shareAtMost([], 1)).toBe(0);
  });
});
