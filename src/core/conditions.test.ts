import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionChecker, conditionStatusAsOf, isConditionMet } from './conditions.js';
import { fromDayNumber } from './dates.js';
import { dayArb, makeCondition } from './test-factories.js';

describe('conditionStatusAsOf / isConditionMet', () => {
  const c = makeCondition('reform', [
    ['2023-03-01', false],
    ['2023-06-01', true],
    ['2023-09-01', false],
    ['2024-01-15', true],
  ]);

  it('is unmet before the first status', () => {
    expect(conditionStatusAsOf(c, '2023-02-28')).toBeUndefined();
    expect(isConditionMet(c, '2023-02-28')).toBe(false);
  });

  it('is unmet when there is no status at all', () => {
    expect(isConditionMet(makeCondition('empty'), '2099-01-01')).toBe(false);
  });

  it('applies the latest status on or before the date', () => {
    expect(isConditionMet(c, '2023-03-01')).toBe(false);
    expect(isConditionMet(c, '2023-05-31')).toBe(false);
    expect(isConditionMet(c, '2023-06-01')).toBe(true);
    expect(conditionStatusAsOf(c, '2023-08-31')?.date).toBe('2023-06-01');
    expect(isConditionMet(c, '2023-08-31')).toBe(true);
  });

  it('can go back to unmet', () => {
    expect(isConditionMet(c, '2023-09-01')).toBe(false);
    expect(isConditionMet(c, '2024-01-14')).toBe(false);
    expect(isConditionMet(c, '2024-01-15')).toBe(true);
  });

  it('does not depend on the order statuses are listed in', () => {
    const shuffled = makeCondition('reform', [
      ['2024-01-15', true],
      ['2023-06-01', true],
      ['2023-03-01', false],
      ['2023-09-01', false],
    ]);
    for (const d of ['2023-02-01', '2023-03-01', '2023-06-15', '2023-10-01', '2024-02-01']) {
      expect(isConditionMet(shuffled, d)).toBe(isConditionMet(c, d));
    }
  });

  it('equals the met flag of the latest-dated status on or before the date', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(dayArb('2020-01-01', '2025-12-31'), fc.boolean()), {
          selector: ([day]) => day,
          maxLength: 8,
        }),
        dayArb('2019-06-01', '2026-06-30'),
        (entries, asOf) => {
          const cond = makeCondition(
            'x',
            entries.map(([day, met]): [string, boolean] => [fromDayNumber(day), met]),
          );
          const past = entries.filter(([day]) => day <= asOf).sort((a, b) => b[0] - a[0]);
          const expected = past[0]?.[1] ?? false;
          expect(isConditionMet(cond, fromDayNumber(asOf))).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('conditionChecker', () => {
  it('looks up each condition as of the date; an unknown id is never met', () => {
    const isMet = conditionChecker(
      [makeCondition('a', [['2023-01-01', true]]), makeCondition('b', [['2023-06-01', true]])],
      '2023-03-01',
    );
    expect(isMet('a')).toBe(true);
    expect(isMet('b')).toBe(false);
    expect(isMet('missing')).toBe(false);
  });
});
