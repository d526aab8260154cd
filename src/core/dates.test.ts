import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, fromDayNumber, isIsoDate, toDayNumber } from './dates.js';
import { dayArb, FIRST_DAY, isoDateArb, LAST_DAY } from './test-factories.js';

const MS_PER_DAY = 86_400_000;

/** An independent oracle: the day number from the platform's UTC calendar. */
function utcDayNumber(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / MS_PER_DAY);
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

describe('toDayNumber / fromDayNumber', () => {
  it('counts days from 1970-01-01', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1970-01-02')).toBe(1);
    expect(toDayNumber('1969-12-31')).toBe(-1);
    expect(toDayNumber('2000-03-01')).toBe(11_017);
    expect(toDayNumber('2023-07-11')).toBe(19_549);
    expect(toDayNumber('1900-01-01')).toBe(-25_567);
  });

  it('inverts known day numbers', () => {
    expect(fromDayNumber(0)).toBe('1970-01-01');
    expect(fromDayNumber(-1)).toBe('1969-12-31');
    expect(fromDayNumber(11_016)).toBe('2000-02-29');
    expect(fromDayNumber(19_789)).toBe('2024-03-07');
  });

  it('throws a RangeError naming a malformed date', () => {
    expect(() => toDayNumber('2023/07/11')).toThrow(RangeError);
    expect(() => toDayNumber('soon')).toThrow(/not an ISO date: soon/);
  });

  it('round-trips every day in 1900–2200 (day -> date -> day)', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), (n) => {
        const date = fromDayNumber(n);
        expect(isIsoDate(date)).toBe(true);
        expect(toDayNumber(date)).toBe(n);
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips every valid date in 1900–2200 (date -> day -> date) and agrees with the UTC calendar', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2200 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const date = iso(y, m, d);
          fc.pre(isIsoDate(date));
          expect(toDayNumber(date)).toBe(utcDayNumber(y, m, d));
          expect(fromDayNumber(toDayNumber(date))).toBe(date);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps day order and string order the same, and steps one calendar day at a time', () => {
    fc.assert(
      fc.property(dayArb(), dayArb(), (a, b) => {
        const da = fromDayNumber(a);
        const db = fromDayNumber(b);
        expect(da < db).toBe(a < b);
        expect(da === db).toBe(a === b);
        const next = fromDayNumber(a + 1);
        expect(
          utcDayNumber(Number(next.slice(0, 4)), Number(next.slice(5, 7)), Number(next.slice(8))),
        ).toBe(a + 1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar dates, including leap days', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2023-12-31')).toBe(true);
    expect(isIsoDate('2023-04-30')).toBe(true);
  });

  it('rejects days that do not exist', () => {
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2023-02-30')).toBe(false);
    expect(isIsoDate('2023-04-31')).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('2023-00-10')).toBe(false);
    expect(isIsoDate('2023-01-00')).toBe(false);
  });

  it('rejects other shapes', () => {
    expect(isIsoDate('2023-7-11')).toBe(false);
    expect(isIsoDate('2023-07-11T00:00:00Z')).toBe(false);
    expect(isIsoDate(' 2023-07-11')).toBe(false);
    expect(isIsoDate('11/07/2023')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });

  it('accepts exactly the dates the UTC calendar keeps unchanged', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2200 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const back = new Date(0);
          back.setUTCFullYear(y, m - 1, d);
          const real =
            m >= 1 &&
            back.getUTCFullYear() === y &&
            back.getUTCMonth() === m - 1 &&
            back.getUTCDate() === d;
          expect(isIsoDate(iso(y, m, d))).toBe(real);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('addDays / daysBetween', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(daysBetween('2023-07-11', '2024-03-07')).toBe(240);
    expect(daysBetween('2024-03-07', '2023-07-11')).toBe(-240);
  });

  it('are inverse: daysBetween(a, addDays(a, k)) = k', () => {
    fc.assert(
      fc.property(
        isoDateArb('1950-01-01', '2150-12-31'),
        fc.integer({ min: -20_000, max: 20_000 }),
        (a, k) => {
          expect(daysBetween(a, addDays(a, k))).toBe(k);
          expect(addDays(addDays(a, k), -k)).toBe(a);
        },
      ),
      { numRuns: 200 },
    );
  });
});
