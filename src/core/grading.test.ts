import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestScore, citationScore, gradeLabel, reliabilityIndex } from './grading.js';
import { cite, sourceMap } from './test-factories.js';
import type { Credibility, Reliability, Source } from './types.js';
import { CREDIBILITIES, RELIABILITIES } from './types.js';

const sources = sourceMap();

describe('citationScore', () => {
  it('scores A1 best, then B2, then C3; lower is better', () => {
    expect(citationScore(cite('src-a', 1), sources)).toBe(1);
    expect(citationScore(cite('src-b', 2), sources)).toBe(12);
    expect(citationScore(cite('src-c', 3), sources)).toBe(23);
    expect(citationScore(cite('src-e', 6), sources)).toBe(46);
  });

  it('counts an undeclared source as F', () => {
    expect(citationScore(cite('nowhere', 1), sources)).toBe(51);
    expect(citationScore(cite('nowhere', 6), sources)).toBe(56);
  });

  it('orders grades by reliability first, then credibility', () => {
    const arbGrade = fc.tuple(fc.constantFrom(...RELIABILITIES), fc.constantFrom(...CREDIBILITIES));
    fc.assert(
      fc.property(arbGrade, arbGrade, ([r1, c1], [r2, c2]) => {
        const map = new Map<string, Source>([
          ['x', { id: 'x', title: 'x', reliability: r1 }],
          ['y', { id: 'y', title: 'y', reliability: r2 }],
        ]);
        const s1 = citationScore(cite('x', c1), map);
        const s2 = citationScore(cite('y', c2), map);
        const i1 = RELIABILITIES.indexOf(r1);
        const i2 = RELIABILITIES.indexOf(r2);
        const lexicographic = i1 < i2 || (i1 === i2 && c1 < c2);
        expect(s1 < s2).toBe(lexicographic);
      }),
      { numRuns: 200 },
    );
  });
});

describe('reliabilityIndex', () => {
  it('maps A..F to 0..5', () => {
    const all: Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F'];
    expect(all.map(reliabilityIndex)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('bestScore', () => {
  it('takes the best citation of a fact', () => {
    expect(bestScore([cite('src-c', 3), cite('src-a', 4), cite('src-b', 1)], sources)).toBe(4);
  });

  it('is Infinity for a fact with no citations', () => {
    expect(bestScore([], sources)).toBe(Number.POSITIVE_INFINITY);
  });

  it('is the minimum of the citation scores, whatever their order', () => {
    const arbCitation = fc.record({
      source: fc.constantFrom('src-a', 'src-b', 'src-c', 'src-e', 'nowhere'),
      credibility: fc.constantFrom<Credibility>(...CREDIBILITIES),
    });
    fc.assert(
      fc.property(fc.array(arbCitation, { minLength: 1, maxLength: 6 }), (list) => {
        const scores = list.map((c) => citationScore(c, sources));
        expect(bestScore(list, sources)).toBe(Math.min(...scores));
        expect(bestScore([...list].reverse(), sources)).toBe(Math.min(...scores));
      }),
      { numRuns: 100 },
    );
  });
});

describe('gradeLabel', () => {
  it('writes the Admiralty grade', () => {
    expect(gradeLabel(cite('src-b', 2), sources)).toBe('B2');
    expect(gradeLabel(cite('src-a', 1), sources)).toBe('A1');
    expect(gradeLabel(cite('nowhere', 3), sources)).toBe('F3');
  });
});
