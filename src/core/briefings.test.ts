import { describe, expect, it } from 'vitest';
import { stanceMembers } from './briefings.js';

const ALLIANCE = ['DE', 'FR', 'PL', 'US'];

describe('stanceMembers', () => {
  it('takes the reviewer’s list first, then a single country, then a fully named group', () => {
    expect(stanceMembers({ actor: { name: 'Poland', iso2: 'PL' } }, { members: ['EE'] })).toEqual([
      'EE',
    ]);
    expect(stanceMembers({ actor: { name: 'Poland', iso2: 'PL' } }, {})).toEqual(['PL']);
    expect(
      stanceMembers({ actor: { name: 'the Baltic states', members: ['EE', 'LV', 'LT'] } }, {}),
    ).toEqual(['EE', 'LV', 'LT']);
  });

  it('reads "the 4 members" as every member only when the count is exactly the membership', () => {
    const all = { actor: { name: 'the 4 members', count: 4 } };
    expect(stanceMembers(all, {}, ALLIANCE)).toEqual(ALLIANCE);
    expect(() =>
      stanceMembers({ actor: { name: 'three members', count: 3 } }, {}, ALLIANCE),
    ).toThrow(/members: 'three members' does not name all its members/);
    // Without the membership on the date nothing is assumed.
    expect(() => stanceMembers(all, {})).toThrow(/does not name all its members/);
  });

  it('never widens a partly named group', () => {
    const partly = {
      actor: {
        name: 'the US and a subset of partners',
        members: ['US'],
        unnamedMembers: true,
        count: 4,
      },
    };
    expect(() => stanceMembers(partly, {}, ALLIANCE)).toThrow(/list the members/);
  });
});
