import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDayNumber } from './dates.js';
import {
  effectivePosition,
  positionHistory,
  positionsByMember,
  ratificationPositions,
} from './positions.js';
import {
  cite,
  dayArb,
  makeCandidate,
  makeDecision,
  makeMember,
  makePosition,
  makeRatification,
  makeScenario,
  permutationArb,
  sourceMap,
  stanceArb,
} from './test-factories.js';
import type { Citation, Credibility, Position } from './types.js';
import { CREDIBILITIES } from './types.js';

const sources = sourceMap();

describe('effectivePosition: by date', () => {
  const history = [
    makePosition({ id: 'p1', member: 'HU', stance: 'oppose', date: '2023-01-10' }),
    makePosition({
      id: 'p2',
      member: 'HU',
      stance: 'support_with_conditions',
      date: '2023-05-02',
      conditions: ['c1'],
    }),
    makePosition({ id: 'p3', member: 'HU', stance: 'support', date: '2023-09-20' }),
  ];

  it('is undeclared, with no date, before any position', () => {
    const e = effectivePosition('HU', 'd1', history, '2023-01-09', sources);
    expect(e).toEqual({
      member: 'HU',
      decision: 'd1',
      stance: 'undeclared',
      conditions: [],
      reasons: [],
      sources: [],
    });
    expect(e.date).toBeUndefined();
    expect(e.positionId).toBeUndefined();
  });

  it('takes the latest position dated on or before the date', () => {
    expect(effectivePosition('HU', 'd1', history, '2023-01-10', sources).positionId).toBe('p1');
    expect(effectivePosition('HU', 'd1', history, '2023-05-01', sources).stance).toBe('oppose');
    const may = effectivePosition('HU', 'd1', history, '2023-05-02', sources);
    expect(may.positionId).toBe('p2');
    expect(may.stance).toBe('support_with_conditions');
    expect(may.conditions).toEqual(['c1']);
    expect(may.date).toBe('2023-05-02');
    expect(effectivePosition('HU', 'd1', history, '2030-01-01', sources).positionId).toBe('p3');
  });

  it('does not depend on the order of the history', () => {
    const reversed = [...history].reverse();
    for (const d of ['2023-01-10', '2023-06-01', '2024-01-01']) {
      expect(effectivePosition('HU', 'd1', reversed, d, sources)).toEqual(
        effectivePosition('HU', 'd1', history, d, sources),
      );
    }
  });

  const historyArb = fc
    .uniqueArray(fc.tuple(dayArb('2020-01-01', '2024-12-31'), stanceArb), {
      selector: ([day]) => day,
      maxLength: 8,
    })
    .map((entries) =>
      entries.map(([day, stance], i) =>
        makePosition({ id: `p${i}`, member: 'PL', stance, date: fromDayNumber(day) }),
      ),
    );

  it('picks the latest-dated position on or before asOf (property)', () => {
    fc.assert(
      fc.property(historyArb, dayArb('2019-06-01', '2025-06-30'), (positions, day) => {
        const asOf = fromDayNumber(day);
        const past = positions
          .filter((p) => p.date <= asOf)
          .sort((a, b) => (a.date < b.date ? 1 : -1));
        const e = effectivePosition('PL', 'd1', positions, asOf, sources);
        const expected = past[0];
        if (expected === undefined) {
          expect(e.stance).toBe('undeclared');
          expect(e.date).toBeUndefined();
        } else {
          expect(e.positionId).toBe(expected.id);
          expect(e.stance).toBe(expected.stance);
          expect(e.date).toBe(expected.date);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never lets a position matter before its date (property)', () => {
    fc.assert(
      fc.property(
        historyArb,
        dayArb('2019-06-01', '2025-06-30'),
        stanceArb,
        fc.integer({ min: 1, max: 400 }),
        (positions, day, stance, ahead) => {
          const asOf = fromDayNumber(day);
          const later = makePosition({
            id: 'later',
            member: 'PL',
            stance,
            date: fromDayNumber(day + ahead),
            sources: [cite('src-a', 1)],
          });
          expect(effectivePosition('PL', 'd1', [...positions, later], asOf, sources)).toEqual(
            effectivePosition('PL', 'd1', positions, asOf, sources),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('effectivePosition: same-day conflicts', () => {
  const day = '2023-07-10';
  const a1 = makePosition({
    id: 'a1',
    member: 'TR',
    stance: 'block',
    date: day,
    sources: [cite('src-a', 1)],
  });
  const b2 = makePosition({
    id: 'b2',
    member: 'TR',
    stance: 'support',
    date: day,
    sources: [cite('src-b', 2)],
  });
  const c3 = makePosition({
    id: 'c3',
    member: 'TR',
    stance: 'incremental',
    date: day,
    sources: [cite('src-c', 3)],
  });
  const undeclaredSource = makePosition({
    id: 'f1',
    member: 'TR',
    stance: 'oppose',
    date: day,
    sources: [cite('rumour-mill', 1)],
  });
  const e6 = makePosition({
    id: 'e6',
    member: 'TR',
    stance: 'undeclared',
    date: day,
    sources: [cite('src-e', 6)],
  });

  it('lets the better-graded source win, whatever the input order', () => {
    const all = [c3, b2, a1];
    const orders = [all, [a1, b2, c3], [b2, c3, a1], [c3, a1, b2]];
    for (const order of orders) {
      const e = effectivePosition('TR', 'd1', order, day, sources);
      expect(e.positionId).toBe('a1');
      expect(e.stance).toBe('block');
      expect(e.conflict).toEqual({ overruled: ['b2', 'c3'] });
    }
  });

  it('ranks B2 over C3 when A1 is absent', () => {
    const e = effectivePosition('TR', 'd1', [c3, b2], day, sources);
    expect(e.positionId).toBe('b2');
    expect(e.conflict).toEqual({ overruled: ['c3'] });
  });

  it('counts an undeclared source as F (E6 beats an undeclared source rated 1)', () => {
    const e = effectivePosition('TR', 'd1', [undeclaredSource, e6], day, sources);
    expect(e.positionId).toBe('e6');
    expect(e.conflict).toEqual({ overruled: ['f1'] });
    const e2 = effectivePosition('TR', 'd1', [undeclaredSource, c3], day, sources);
    expect(e2.positionId).toBe('c3');
  });

  it('uses the best citation of each position', () => {
    const multi = makePosition({
      id: 'multi',
      member: 'TR',
      stance: 'support',
      date: day,
      sources: [cite('src-e', 6), cite('src-a', 2)],
    });
    const e = effectivePosition('TR', 'd1', [a1, multi], day, sources);
    expect(e.positionId).toBe('a1');
    const e2 = effectivePosition('TR', 'd1', [b2, multi], day, sources);
    expect(e2.positionId).toBe('multi');
  });

  it('ranks a position with no citation last', () => {
    const bare = makePosition({
      id: 'a-bare',
      member: 'TR',
      stance: 'support',
      date: day,
      sources: [],
    });
    expect(effectivePosition('TR', 'd1', [bare, c3], day, sources).positionId).toBe('c3');
    expect(effectivePosition('TR', 'd1', [c3, bare], day, sources).positionId).toBe('c3');
  });

  it('does not call the same stance on the same day a conflict', () => {
    const again = makePosition({
      id: 'again',
      member: 'TR',
      stance: 'block',
      date: day,
      sources: [cite('src-c', 3)],
    });
    const e = effectivePosition('TR', 'd1', [again, a1], day, sources);
    expect(e.positionId).toBe('a1');
    expect(e.conflict).toBeUndefined();
  });

  it('ignores an older position with another stance (not same day, so no conflict)', () => {
    const older = makePosition({
      id: 'older',
      member: 'TR',
      stance: 'support',
      date: '2023-07-09',
      sources: [cite('src-a', 1)],
    });
    const e = effectivePosition('TR', 'd1', [older, c3], day, sources);
    expect(e.positionId).toBe('c3');
    expect(e.conflict).toBeUndefined();
  });

  it('breaks grade ties by id, whatever the input order', () => {
    const x = makePosition({
      id: 'x',
      member: 'TR',
      stance: 'support',
      date: day,
      sources: [cite('src-b', 2)],
    });
    const w = makePosition({
      id: 'w',
      member: 'TR',
      stance: 'oppose',
      date: day,
      sources: [cite('src-b', 2)],
    });
    expect(effectivePosition('TR', 'd1', [x, w], day, sources).positionId).toBe('w');
    expect(effectivePosition('TR', 'd1', [w, x], day, sources).positionId).toBe('w');
  });

  const citationArb: fc.Arbitrary<Citation> = fc.record({
    source: fc.constantFrom('src-a', 'src-b', 'src-c', 'src-e', 'undeclared-source'),
    credibility: fc.constantFrom<Credibility>(...CREDIBILITIES),
  });
  const sameDayArb = fc
    .array(fc.tuple(stanceArb, fc.array(citationArb, { maxLength: 3 })), {
      minLength: 1,
      maxLength: 6,
    })
    .map((entries) =>
      entries.map(([stance, cites], i): Position =>
        makePosition({ id: `q${i}`, member: 'TR', stance, date: day, sources: cites }),
      ),
    );

  it('is the same for every order of the same positions (property)', () => {
    fc.assert(
      fc.property(
        sameDayArb.chain((ps) => fc.tuple(fc.constant(ps), permutationArb(ps))),
        ([positions, shuffled]) => {
          expect(effectivePosition('TR', 'd1', shuffled, day, sources)).toEqual(
            effectivePosition('TR', 'd1', positions, day, sources),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('chooses a best-graded position and reports exactly the other stances as overruled (property)', () => {
    const score = (p: Position): number =>
      Math.min(
        Number.POSITIVE_INFINITY,
        ...p.sources.map(
          (c) => 'ABCDEF'.indexOf(sources.get(c.source)?.reliability ?? 'F') * 10 + c.credibility,
        ),
      );
    fc.assert(
      fc.property(sameDayArb, (positions) => {
        const e = effectivePosition('TR', 'd1', positions, day, sources);
        const best = Math.min(...positions.map(score));
        const winner = positions.find((p) => p.id === e.positionId);
        expect(winner).toBeDefined();
        expect(winner === undefined ? Number.NaN : score(winner)).toBe(best);
        expect(e.stance).toBe(winner?.stance);
        const others = positions
          .filter((p) => p.id !== e.positionId && p.stance !== e.stance)
          .map((p) => p.id);
        if (others.length === 0) expect(e.conflict).toBeUndefined();
        else expect([...(e.conflict?.overruled ?? [])].sort()).toEqual(others.sort());
      }),
      { numRuns: 200 },
    );
  });
});

describe('ratificationPositions / positionsByMember / positionHistory', () => {
  const candidate = makeCandidate({
    iso2: 'SE',
    name: 'Sweden',
    protocolSigned: '2022-07-05',
    ratifications: [makeRatification('TR', '2024-01-25'), makeRatification('HU', '2024-02-26')],
  });
  const ratify = makeDecision({ id: 'ratify-se', kind: 'ratification', candidate: 'SE' });
  const scenario = makeScenario({
    members: [makeMember('TR'), makeMember('HU')],
    candidates: [candidate],
    decisions: [ratify, makeDecision({ id: 'invite' })],
    positions: [
      makePosition({
        id: 'hu-hold',
        member: 'HU',
        decision: 'ratify-se',
        stance: 'block',
        date: '2023-03-01',
      }),
      makePosition({
        id: 'hu-invite',
        member: 'HU',
        decision: 'invite',
        stance: 'support',
        date: '2022-05-18',
      }),
    ],
  });

  it('turns each ratification into a documented support dated on its day', () => {
    const derived = ratificationPositions(scenario, ratify);
    expect(derived.map((p) => [p.id, p.member, p.stance, p.date])).toEqual([
      ['ratification:SE:TR', 'TR', 'support', '2024-01-25'],
      ['ratification:SE:HU', 'HU', 'support', '2024-02-26'],
    ]);
    expect(derived[0]?.basis).toBe('documented');
    expect(derived[0]?.reasons[0]).toMatch(/ratified the accession protocol of Sweden/);
  });

  it('derives nothing for other kinds of decision or an unknown candidate', () => {
    expect(ratificationPositions(scenario, makeDecision({ id: 'invite' }))).toEqual([]);
    expect(
      ratificationPositions(scenario, makeDecision({ kind: 'ratification', candidate: 'UA' })),
    ).toEqual([]);
    expect(ratificationPositions(scenario, makeDecision({ kind: 'ratification' }))).toEqual([]);
  });

  it('groups recorded and derived positions of one decision by member', () => {
    const byMember = positionsByMember(scenario, ratify);
    expect(byMember.get('HU')?.map((p) => p.id)).toEqual(['hu-hold', 'ratification:SE:HU']);
    expect(byMember.get('TR')?.map((p) => p.id)).toEqual(['ratification:SE:TR']);
  });

  it('lists a member history oldest first, and the ratification ends the hold', () => {
    expect(positionHistory(scenario, ratify, 'HU').map((p) => p.date)).toEqual([
      '2023-03-01',
      '2024-02-26',
    ]);
    expect(positionHistory(scenario, ratify, 'FR')).toEqual([]);
    const hu = positionsByMember(scenario, ratify).get('HU') ?? [];
    expect(effectivePosition('HU', 'ratify-se', hu, '2024-02-25', sources).stance).toBe('block');
    expect(effectivePosition('HU', 'ratify-se', hu, '2024-02-26', sources).stance).toBe('support');
  });
});
