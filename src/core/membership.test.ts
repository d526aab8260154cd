import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDayNumber } from './dates.js';
import { isMemberOn, memberCodesAsOf, membersAsOf } from './membership.js';
import { dayArb, makeMember } from './test-factories.js';

describe('isMemberOn', () => {
  it('answers as the world stood that day (Sweden joined NATO on 2024-03-07)', () => {
    const sweden = makeMember('SE', { joined: '2024-03-07' });
    expect(isMemberOn(sweden, '2023-07-11')).toBe(false);
    expect(isMemberOn(sweden, '2024-03-06')).toBe(false);
    expect(isMemberOn(sweden, '2024-03-07')).toBe(true);
    expect(isMemberOn(sweden, '2030-01-01')).toBe(true);
  });

  it('ends membership on the day a member leaves (exclusive)', () => {
    const leaver = makeMember('GB', { joined: '1973-01-01', left: '2020-01-31' });
    expect(isMemberOn(leaver, '1972-12-31')).toBe(false);
    expect(isMemberOn(leaver, '1973-01-01')).toBe(true);
    expect(isMemberOn(leaver, '2020-01-30')).toBe(true);
    expect(isMemberOn(leaver, '2020-01-31')).toBe(false);
    expect(isMemberOn(leaver, '2024-01-01')).toBe(false);
  });

  it('is true exactly when join <= asOf < leave, compared as day numbers', () => {
    fc.assert(
      fc.property(
        dayArb('1940-01-01', '2100-12-31'),
        fc.option(fc.integer({ min: 1, max: 20_000 }), { nil: undefined }),
        dayArb('1930-01-01', '2160-12-31'),
        (join, stay, asOf) => {
          const leave = stay === undefined ? undefined : join + stay;
          const member = makeMember('FR', {
            joined: fromDayNumber(join),
            left: leave === undefined ? undefined : fromDayNumber(leave),
          });
          const expected = join <= asOf && (leave === undefined || asOf < leave);
          expect(isMemberOn(member, fromDayNumber(asOf))).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is true on the join day and false on the leave day, for any dates', () => {
    fc.assert(
      fc.property(
        dayArb('1940-01-01', '2100-12-31'),
        fc.integer({ min: 1, max: 20_000 }),
        (join, stay) => {
          const member = makeMember('FR', {
            joined: fromDayNumber(join),
            left: fromDayNumber(join + stay),
          });
          expect(isMemberOn(member, fromDayNumber(join - 1))).toBe(false);
          expect(isMemberOn(member, fromDayNumber(join))).toBe(true);
          expect(isMemberOn(member, fromDayNumber(join + stay - 1))).toBe(true);
          expect(isMemberOn(member, fromDayNumber(join + stay))).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('membersAsOf / memberCodesAsOf', () => {
  const members = [
    makeMember('SE', { joined: '2024-03-07' }),
    makeMember('FR', { joined: '1949-04-04' }),
    makeMember('GB', { joined: '1949-04-04', left: '2020-01-31' }),
    makeMember('FI', { joined: '2023-04-04' }),
  ];

  it('keeps the members of the day, in the order given', () => {
    expect(membersAsOf(members, '2023-07-11').map((m) => m.iso2)).toEqual(['FR', 'FI']);
    expect(membersAsOf(members, '2024-03-07').map((m) => m.iso2)).toEqual(['SE', 'FR', 'FI']);
    expect(membersAsOf(members, '2019-01-01').map((m) => m.iso2)).toEqual(['FR', 'GB']);
    expect(membersAsOf(members, '1900-01-01')).toEqual([]);
  });

  it('gives the codes as a set', () => {
    expect([...memberCodesAsOf(members, '2023-07-11')].sort()).toEqual(['FI', 'FR']);
    expect(memberCodesAsOf(members, '2024-03-07').has('SE')).toBe(true);
    expect(memberCodesAsOf(members, '2024-03-06').has('SE')).toBe(false);
  });

  it('agrees with isMemberOn member by member', () => {
    fc.assert(
      fc.property(dayArb('1940-01-01', '2030-12-31'), (asOf) => {
        const date = fromDayNumber(asOf);
        expect(membersAsOf(members, date)).toEqual(members.filter((m) => isMemberOn(m, date)));
      }),
      { numRuns: 100 },
    );
  });
});
