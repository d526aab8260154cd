import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDayNumber } from './dates.js';
import { memberCodesAsOf } from './membership.js';
import { ratificationStatus, stageAsOf } from './ratification.js';
import {
  dayArb,
  makeCandidate,
  makeMember,
  makeRatification,
  MEMBER_POOL,
} from './test-factories.js';
import type { Candidate, Member, StageEntry } from './types.js';

function stage(name: string, date: string): StageEntry {
  return { stage: name, date, sources: [], basis: 'documented' };
}

// Sweden 2022–2024, with three members standing in for the thirty.
const members: Member[] = [
  makeMember('FR', { joined: '1949-04-04' }),
  makeMember('TR', { joined: '1952-02-18' }),
  makeMember('HU', { joined: '1999-03-12' }),
  makeMember('FI', { joined: '2023-04-04' }),
  makeMember('SE', { joined: '2024-03-07' }),
];
const sweden = makeCandidate({
  iso2: 'SE',
  name: 'Sweden',
  stages: [
    stage('partner', '1994-05-09'),
    stage('invited', '2022-06-29'),
    stage('protocol-signed', '2022-07-05'),
  ],
  protocolSigned: '2022-07-05',
  ratifications: [
    makeRatification('HU', '2024-02-26'),
    makeRatification('FR', '2022-08-02'),
    makeRatification('TR', '2024-01-25'),
    makeRatification('FI', '2023-04-04'),
  ],
  accession: '2024-03-07',
});

describe('stageAsOf', () => {
  it('is null before the first stage', () => {
    expect(stageAsOf(sweden, '1994-05-08')).toBeNull();
  });

  it('picks the latest stage on or before the date', () => {
    expect(stageAsOf(sweden, '1994-05-09')).toBe('partner');
    expect(stageAsOf(sweden, '2022-06-28')).toBe('partner');
    expect(stageAsOf(sweden, '2022-06-29')).toBe('invited');
    expect(stageAsOf(sweden, '2023-07-11')).toBe('protocol-signed');
  });

  it('is member from the accession date', () => {
    expect(stageAsOf(sweden, '2024-03-06')).toBe('protocol-signed');
    expect(stageAsOf(sweden, '2024-03-07')).toBe('member');
  });

  it('does not depend on the order of the stages', () => {
    const reversed = { ...sweden, stages: [...sweden.stages].reverse() };
    for (const d of ['1990-01-01', '1995-01-01', '2022-06-30', '2023-01-01', '2024-03-07']) {
      expect(stageAsOf(reversed, d)).toBe(stageAsOf(sweden, d));
    }
  });

  it('equals the stage with the latest date on or before asOf (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.tuple(
            dayArb('2000-01-01', '2020-12-31'),
            fc.constantFrom('aspirant', 'partner', 'invited'),
          ),
          {
            selector: ([d]) => d,
            maxLength: 6,
          },
        ),
        fc.option(dayArb('2010-01-01', '2022-12-31'), { nil: undefined }),
        dayArb('1999-01-01', '2023-12-31'),
        (entries, accession, asOf) => {
          const c = makeCandidate({
            stages: entries.map(([d, s]) => stage(s, fromDayNumber(d))),
            accession: accession === undefined ? undefined : fromDayNumber(accession),
          });
          const past = entries.filter(([d]) => d <= asOf).sort((a, b) => b[0] - a[0]);
          const expected =
            accession !== undefined && accession <= asOf ? 'member' : (past[0]?.[1] ?? null);
          expect(stageAsOf(c, fromDayNumber(asOf))).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('ratificationStatus: Sweden', () => {
  it('has nothing ratified or outstanding before the protocol is signed', () => {
    const r = ratificationStatus(sweden, members, '2022-07-04');
    expect(r.ratified).toEqual([]);
    expect(r.outstanding).toEqual([]);
    expect(r.allRatified).toBe(false);
    expect(r.lastRatification).toBeNull();
    expect(r.protocolSigned).toBe('2022-07-05');
    expect(r.isMember).toBe(false);
  });

  it('has every member outstanding on the day of signing', () => {
    const r = ratificationStatus(sweden, members, '2022-07-05');
    expect(r.ratified).toEqual([]);
    expect(r.outstanding).toEqual(['FR', 'HU', 'TR']);
  });

  it('lists ratifications in date order and the members still to ratify', () => {
    const r = ratificationStatus(sweden, members, '2023-07-11');
    expect(r.ratified).toEqual(['FR', 'FI']);
    expect(r.outstanding).toEqual(['HU', 'TR']);
    expect(r.lastRatification).toBe('2023-04-04');
    expect(r.stage).toBe('protocol-signed');
  });

  it('waits for the last ratification, then for the deposit', () => {
    const before = ratificationStatus(sweden, members, '2024-02-25');
    expect(before.outstanding).toEqual(['HU']);
    expect(before.allRatified).toBe(false);
    const all = ratificationStatus(sweden, members, '2024-02-26');
    expect(all.outstanding).toEqual([]);
    expect(all.allRatified).toBe(true);
    expect(all.isMember).toBe(false);
    expect(all.ratified).toEqual(['FR', 'FI', 'TR', 'HU']);
    const joined = ratificationStatus(sweden, members, '2024-03-07');
    expect(joined.isMember).toBe(true);
    expect(joined.outstanding).toEqual([]);
    expect(joined.stage).toBe('member');
    expect(joined.accession).toBe('2024-03-07');
  });

  it('counts no ratification before the protocol is signed, even one dated earlier', () => {
    const early = makeCandidate({
      iso2: 'SE',
      protocolSigned: '2022-07-05',
      ratifications: [makeRatification('FR', '2022-07-01')],
    });
    const before = ratificationStatus(early, members, '2022-07-04');
    expect(before.ratified).toEqual([]);
    expect(before.lastRatification).toBeNull();
    const after = ratificationStatus(early, members, '2022-07-05');
    expect(after.ratified).toEqual(['FR']);
    const unsigned = makeCandidate({
      iso2: 'SE',
      ratifications: [makeRatification('FR', '2022-07-01')],
    });
    expect(ratificationStatus(unsigned, members, '2023-01-01').ratified).toEqual([]);
  });

  it('has nothing outstanding after accession, even for a member that joins later', () => {
    const later = [...members, makeMember('MK', { joined: '2025-01-01' })];
    const r = ratificationStatus(sweden, later, '2025-06-01');
    expect(r.isMember).toBe(true);
    expect(r.outstanding).toEqual([]);
    expect(r.ratified).toEqual(['FR', 'FI', 'TR', 'HU']);
  });

  it('never lists the candidate itself as outstanding', () => {
    // The membership list already has Sweden while the candidate record lacks its accession.
    const r = ratificationStatus({ ...sweden, accession: undefined }, members, '2024-03-08');
    expect(r.isMember).toBe(false);
    expect(r.outstanding).toEqual([]);
    expect(r.allRatified).toBe(true);
  });

  it('has nothing outstanding without a protocol', () => {
    const ua = makeCandidate();
    const r = ratificationStatus(ua, members, '2023-07-11');
    expect(r.protocolSigned).toBeNull();
    expect(r.outstanding).toEqual([]);
    expect(r.allRatified).toBe(false);
    expect(r.stage).toBeNull();
  });
});

describe('ratificationStatus: properties', () => {
  const worldArb = fc
    .record({
      joins: fc.uniqueArray(
        fc.tuple(fc.constantFrom(...MEMBER_POOL), dayArb('1949-01-01', '2026-12-31')),
        {
          selector: ([m]) => m,
          minLength: 1,
          maxLength: 8,
        },
      ),
      signed: dayArb('2015-01-01', '2022-12-31'),
      delays: fc.array(fc.option(fc.integer({ min: 0, max: 1500 }), { nil: undefined }), {
        minLength: 8,
        maxLength: 8,
      }),
      accessionAfterLast: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
      asOf: dayArb('2014-01-01', '2028-12-31'),
    })
    .map(({ joins, signed, delays, accessionAfterLast, asOf }) => {
      const ms = joins.map(([iso2, day]) => makeMember(iso2, { joined: fromDayNumber(day) }));
      // Each member may ratify some days after signing (and never before it joined).
      const ratified = joins.flatMap(([iso2, joined], i) => {
        const delay = delays[i];
        return delay === undefined ? [] : [{ iso2, day: Math.max(signed, joined) + delay }];
      });
      const ratifications = ratified.map((r) => makeRatification(r.iso2, fromDayNumber(r.day)));
      // Accession comes after the last ratification; a member that joins later (or never
      // ratifies) must not be outstanding once the candidate is in.
      const lastDay = Math.max(signed, ...ratified.map((r) => r.day));
      const accession =
        accessionAfterLast !== undefined ? fromDayNumber(lastDay + accessionAfterLast) : undefined;
      const candidate: Candidate = makeCandidate({
        iso2: 'SE',
        protocolSigned: fromDayNumber(signed),
        ratifications,
        accession,
      });
      const withCandidate =
        accession === undefined ? ms : [...ms, makeMember('SE', { joined: accession })];
      return { members: withCandidate, candidate, asOf: fromDayNumber(asOf) };
    });

  it('before the protocol is signed, nothing is ratified or outstanding', () => {
    fc.assert(
      fc.property(worldArb, ({ members: ms, candidate, asOf }) => {
        fc.pre(candidate.protocolSigned !== undefined && asOf < candidate.protocolSigned);
        const r = ratificationStatus(candidate, ms, asOf);
        expect(r.ratified).toEqual([]);
        expect(r.outstanding).toEqual([]);
        expect(r.allRatified).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('after signing and until accession, ratified ∪ outstanding = members of the day minus the candidate, disjoint', () => {
    fc.assert(
      fc.property(worldArb, ({ members: ms, candidate, asOf }) => {
        fc.pre(candidate.protocolSigned !== undefined && asOf >= candidate.protocolSigned);
        fc.pre(candidate.accession === undefined || asOf < candidate.accession);
        const r = ratificationStatus(candidate, ms, asOf);
        const expected = memberCodesAsOf(ms, asOf);
        expected.delete(candidate.iso2);
        const union = [...r.ratified, ...r.outstanding].sort();
        expect(union).toEqual([...expected].sort());
        expect(new Set(union).size).toBe(union.length);
        expect(r.isMember).toBe(false);
        expect(r.allRatified).toBe(r.outstanding.length === 0);
      }),
      { numRuns: 200 },
    );
  });

  it('has nothing outstanding once the candidate is a member', () => {
    fc.assert(
      fc.property(worldArb, ({ members: ms, candidate, asOf }) => {
        fc.pre(candidate.accession !== undefined);
        const r = ratificationStatus(candidate, ms, asOf);
        expect(r.isMember).toBe(candidate.accession !== undefined && candidate.accession <= asOf);
        if (r.isMember) {
          expect(r.outstanding).toEqual([]);
          expect(r.stage).toBe('member');
          expect(r.allRatified).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('lists ratified members in date order, each dated on or before asOf', () => {
    fc.assert(
      fc.property(worldArb, ({ members: ms, candidate, asOf }) => {
        const r = ratificationStatus(candidate, ms, asOf);
        const dates = r.ratified.map(
          (m) => candidate.ratifications.find((x) => x.member === m)?.date ?? '',
        );
        expect(dates.every((d) => d !== '' && d <= asOf)).toBe(true);
        expect([...dates].sort()).toEqual(dates);
        expect(r.lastRatification).toBe(dates.at(-1) ?? null);
      }),
      { numRuns: 100 },
    );
  });
});
