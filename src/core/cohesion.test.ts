import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohesion } from './cohesion.js';
import { permutationArb, stanceArb } from './test-factories.js';
import type { Stance } from './types.js';
import { STANCES } from './types.js';

describe('cohesion', () => {
  it('is united when every stance agrees', () => {
    const c = cohesion(['support', 'support', 'support']);
    expect(c.largestBlocShare).toBe(1);
    expect(c.largestBloc).toBe('support');
    expect(c.entropy).toBe(0);
    expect(c.counts).toEqual({ support: 3 });
  });

  it('has nothing to measure with no members', () => {
    expect(cohesion([])).toEqual({
      largestBlocShare: 0,
      largestBloc: undefined,
      entropy: 0,
      counts: {},
    });
  });

  it('measures a split', () => {
    const c = cohesion(['support', 'block', 'support', 'support_with_conditions']);
    expect(c.largestBloc).toBe('support');
    expect(c.largestBlocShare).toBe(0.5);
    expect(c.counts).toEqual({ support: 2, block: 1, support_with_conditions: 1 });
    const h = -(0.5 * Math.log(0.5) + 2 * 0.25 * Math.log(0.25)) / Math.log(6);
    expect(c.entropy).toBeCloseTo(h, 12);
  });

  it('gives an even two-way split an entropy of log 2 / log 6', () => {
    expect(cohesion(['support', 'oppose']).entropy).toBeCloseTo(Math.log(2) / Math.log(6), 12);
  });

  it('reaches entropy 1 (up to rounding) when all six stances are equally held', () => {
    const c = cohesion([...STANCES, ...STANCES]);
    expect(c.entropy).toBeCloseTo(1, 12);
    expect(c.largestBlocShare).toBeCloseTo(1 / 6, 12);
  });

  it('breaks a tie between blocs by stance name, whatever the order', () => {
    expect(cohesion(['support', 'block']).largestBloc).toBe('block');
    expect(cohesion(['block', 'support']).largestBloc).toBe('block');
    expect(cohesion(['undeclared', 'oppose', 'incremental']).largestBloc).toBe('incremental');
  });

  const stancesArb = fc.array(stanceArb, { minLength: 1, maxLength: 40 });

  it('keeps entropy in [0, 1] and the largest bloc share in [1/6, 1]', () => {
    fc.assert(
      fc.property(stancesArb, (stances) => {
        const c = cohesion(stances);
        expect(c.entropy).toBeGreaterThanOrEqual(0);
        expect(c.entropy).toBeLessThanOrEqual(1 + 1e-12);
        expect(c.largestBlocShare).toBeGreaterThanOrEqual(1 / 6 - 1e-12);
        expect(c.largestBlocShare).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  it('counts every stance, and the largest bloc is a most frequent stance', () => {
    fc.assert(
      fc.property(stancesArb, (stances) => {
        const c = cohesion(stances);
        const counts = new Map<Stance, number>();
        for (const s of stances) counts.set(s, (counts.get(s) ?? 0) + 1);
        expect(c.counts).toEqual(Object.fromEntries(counts));
        const max = Math.max(...counts.values());
        expect(c.largestBlocShare).toBe(max / stances.length);
        expect(c.largestBloc === undefined ? 0 : counts.get(c.largestBloc)).toBe(max);
        expect(c.entropy === 0).toBe(counts.size === 1);
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on order', () => {
    fc.assert(
      fc.property(
        stancesArb.chain((s) => fc.tuple(fc.constant(s), permutationArb(s))),
        ([stances, shuffled]) => {
          const a = cohesion(stances);
          const b = cohesion(shuffled);
          expect(b.largestBloc).toBe(a.largestBloc);
          expect(b.largestBlocShare).toBe(a.largestBlocShare);
          expect(b.counts).toEqual(a.counts);
          // Entropy is a float sum over stances in first-seen order; compare to rounding only.
          expect(b.entropy).toBeCloseTo(a.entropy, 12);
        },
      ),
      { numRuns: 200 },
    );
  });
});
