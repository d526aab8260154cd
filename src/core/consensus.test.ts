import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateConsensus,
  standingOf,
  type ConsensusInput,
  type ConsensusResult,
} from './consensus.js';
import { fromDayNumber } from './dates.js';
import type { EffectivePosition } from './positions.js';
import { decisionStatus } from './status.js';
import {
  cite,
  CONDITION_POOL,
  dayArb,
  eff,
  makeCondition,
  makeDecision,
  makeMember,
  makePosition,
  makeScenario,
  MEMBER_POOL,
  permutationArb,
  reorderMap,
  stanceArb,
} from './test-factories.js';
import type { DecisionRule, Iso2, Position, Scenario, Stance } from './types.js';
import { DECISION_RULES } from './types.js';

const never = (): boolean => false;
const always = (): boolean => true;
const metIn =
  (ids: readonly string[]) =>
  (id: string): boolean =>
    ids.includes(id);

function input(
  positions: readonly EffectivePosition[],
  overrides: Partial<ConsensusInput> = {},
): ConsensusInput {
  return {
    rule: 'unanimity',
    asOf: '2023-07-11',
    members: positions.map((p) => p.member),
    positions: new Map(positions.map((p) => [p.member, p])),
    isMet: never,
    ...overrides,
  };
}

describe('standingOf', () => {
  it('classifies each stance', () => {
    expect(standingOf(eff('FR', 'support'), never)).toEqual({ standing: 'supporter', unmet: [] });
    expect(standingOf(eff('FR', 'incremental'), always)).toEqual({
      standing: 'incremental',
      unmet: [],
    });
    expect(standingOf(eff('FR', 'undeclared'), always)).toEqual({
      standing: 'undeclared',
      unmet: [],
    });
    expect(standingOf(undefined, always)).toEqual({ standing: 'undeclared', unmet: [] });
    expect(standingOf(eff('FR', 'oppose'), always)).toEqual({ standing: 'blocker', unmet: [] });
    expect(standingOf(eff('FR', 'block'), always)).toEqual({ standing: 'blocker', unmet: [] });
  });

  it('counts support_with_conditions as supporter only when every condition is met', () => {
    const p = eff('PL', 'support_with_conditions', ['c1', 'c2']);
    expect(standingOf(p, always)).toEqual({ standing: 'supporter', unmet: [] });
    expect(standingOf(p, metIn(['c1']))).toEqual({ standing: 'conditional', unmet: ['c2'] });
    expect(standingOf(p, never)).toEqual({ standing: 'conditional', unmet: ['c1', 'c2'] });
  });

  it('lifts a block with conditions once they are all met, and not before', () => {
    const p = eff('TR', 'block', ['memo-1', 'memo-2']);
    expect(standingOf(p, metIn(['memo-1']))).toEqual({ standing: 'blocker', unmet: ['memo-2'] });
    expect(standingOf(p, always)).toEqual({ standing: 'supporter', unmet: [] });
    expect(standingOf(eff('TR', 'oppose', ['memo-1']), always).standing).toBe('supporter');
  });

  it('never counts incremental as supporter or blocker, even with conditions met', () => {
    expect(standingOf(eff('US', 'incremental', ['c1']), always).standing).toBe('incremental');
    expect(standingOf(eff('US', 'incremental', ['c1']), never).standing).toBe('incremental');
  });
});

describe('evaluateConsensus: unanimity', () => {
  it('reaches consensus when every member supports', () => {
    const r = evaluateConsensus(
      input([eff('FR', 'support'), eff('DE', 'support'), eff('PL', 'support')]),
    );
    expect(r.status).toBe('consensus');
    expect(r.supporters).toEqual(['DE', 'FR', 'PL']);
    expect(r.blockers).toEqual([]);
    expect(r.explanation).toBe('all 3 members agree');
  });

  it('counts met conditions as support, unmet ones as conditional with the unmet ids', () => {
    const positions = [eff('FR', 'support'), eff('PL', 'support_with_conditions', ['c1', 'c2'])];
    const open = evaluateConsensus(input(positions, { isMet: metIn(['c1']) }));
    expect(open.status).toBe('no-consensus');
    expect(open.conditional).toEqual([{ member: 'PL', unmet: ['c2'] }]);
    expect(open.supporters).toEqual(['FR']);
    expect(open.explanation).toMatch(/conditions unmet for PL/);
    const met = evaluateConsensus(input(positions, { isMet: metIn(['c1', 'c2']) }));
    expect(met.status).toBe('consensus');
    expect(met.conditional).toEqual([]);
    expect(met.supporters).toEqual(['FR', 'PL']);
  });

  it('lists blockers and the conditions that would lift their block', () => {
    const r = evaluateConsensus(
      input([eff('FR', 'support'), eff('TR', 'block', ['memo']), eff('HU', 'oppose')]),
    );
    expect(r.status).toBe('no-consensus');
    expect(r.blockers).toEqual(['HU', 'TR']);
    expect(r.blockerConditions).toEqual([{ member: 'TR', unmet: ['memo'] }]);
    expect(r.explanation).toMatch(/blocked by HU, TR/);
    const lifted = evaluateConsensus(
      input([eff('FR', 'support'), eff('TR', 'block', ['memo'])], { isMet: metIn(['memo']) }),
    );
    expect(lifted.status).toBe('consensus');
    expect(lifted.supporters).toEqual(['FR', 'TR']);
    expect(lifted.blockers).toEqual([]);
  });

  it('is kept open, but not blocked, by an undeclared member or one with no position', () => {
    const r = evaluateConsensus(
      input([eff('FR', 'support'), eff('DE', 'undeclared')], { members: ['FR', 'DE', 'IT'] }),
    );
    expect(r.status).toBe('no-consensus');
    expect(r.blockers).toEqual([]);
    expect(r.undeclared).toEqual(['DE', 'IT']);
    expect(r.explanation).toMatch(/2 undeclared/);
  });

  it('is not reached while a member is incremental, which still blocks nothing', () => {
    const r = evaluateConsensus(input([eff('FR', 'support'), eff('US', 'incremental')]));
    expect(r.status).toBe('no-consensus');
    expect(r.incremental).toEqual(['US']);
    expect(r.blockers).toEqual([]);
    expect(r.supporters).toEqual(['FR']);
  });

  it('ignores positions of countries that are not members on the date', () => {
    const r = evaluateConsensus(
      input([eff('FR', 'support'), eff('SE', 'block')], { members: ['FR'] }),
    );
    expect(r.status).toBe('consensus');
    expect(r.blockers).toEqual([]);
  });

  it('counts a member listed twice once', () => {
    const r = evaluateConsensus(input([eff('FR', 'support')], { members: ['FR', 'FR'] }));
    expect(r.supporters).toEqual(['FR']);
    expect(r.explanation).toBe('all 1 members agree');
  });

  it('has no consensus with no members', () => {
    for (const rule of DECISION_RULES) {
      const r = evaluateConsensus(
        input([], { rule, silenceDeadline: '2000-01-01', threshold: 0.5 }),
      );
      expect(r.status).toBe('no-consensus');
      expect(r.explanation).toMatch(/no members/);
    }
  });
});

describe('evaluateConsensus: silence', () => {
  const quiet = [eff('FR', 'support'), eff('DE', 'undeclared'), eff('US', 'incremental')];
  const silence = (asOf: string, positions = quiet): ConsensusResult =>
    evaluateConsensus(input(positions, { rule: 'silence', asOf, silenceDeadline: '2023-07-01' }));

  it('has no consensus before the deadline', () => {
    const r = silence('2023-06-30');
    expect(r.status).toBe('no-consensus');
    expect(r.explanation).toMatch(/open until 2023-07-01/);
  });

  it('passes on and after the deadline when nobody objects (undeclared and incremental do not object)', () => {
    expect(silence('2023-07-01').status).toBe('consensus');
    expect(silence('2024-01-01').status).toBe('consensus');
    expect(silence('2023-07-01').explanation).toBe('no member objected by 2023-07-01');
  });

  it('is broken by any blocker, before or after the deadline', () => {
    const broken = [...quiet, eff('HU', 'oppose')];
    expect(silence('2023-06-30', broken).status).toBe('no-consensus');
    expect(silence('2023-07-01', broken).status).toBe('no-consensus');
    expect(silence('2023-07-01', broken).explanation).toBe('silence broken by HU');
  });

  it('never passes without a deadline', () => {
    const r = evaluateConsensus(input(quiet, { rule: 'silence', asOf: '2099-01-01' }));
    expect(r.status).toBe('no-consensus');
  });
});

describe('evaluateConsensus: qualified majority', () => {
  const three = (supporting: number): EffectivePosition[] =>
    ['DE', 'FR', 'PL'].map((m, i) => eff(m, i < supporting ? 'support' : 'oppose'));

  it('includes the threshold: 2 of 3 passes a 2/3 threshold, 1 of 3 does not', () => {
    const q = (supporting: number, threshold: number): ConsensusResult =>
      evaluateConsensus(input(three(supporting), { rule: 'qualified-majority', threshold }));
    expect(q(2, 2 / 3).status).toBe('consensus');
    expect(q(1, 2 / 3).status).toBe('no-consensus');
    expect(q(3, 1).status).toBe('consensus');
    expect(q(2, 1).status).toBe('no-consensus');
    expect(q(2, 0.67).status).toBe('no-consensus');
    expect(q(2, 2 / 3).explanation).toBe('2 of 3 members agree (66.7%; 66.7% needed)');
  });

  it('passes 2 of 4 at a threshold of one half', () => {
    const positions = [
      eff('DE', 'support'),
      eff('FR', 'support'),
      eff('PL', 'undeclared'),
      eff('HU', 'block'),
    ];
    const r = evaluateConsensus(input(positions, { rule: 'qualified-majority', threshold: 0.5 }));
    expect(r.status).toBe('consensus');
    expect(r.blockers).toEqual(['HU']);
  });

  it('needs every member when no threshold is given', () => {
    expect(evaluateConsensus(input(three(2), { rule: 'qualified-majority' })).status).toBe(
      'no-consensus',
    );
    expect(evaluateConsensus(input(three(3), { rule: 'qualified-majority' })).status).toBe(
      'consensus',
    );
  });

  it('passes exactly when supporters * denominator >= numerator * members (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        (n, k0, num0, den0) => {
          const k = Math.min(k0, n);
          const den = Math.max(num0, den0);
          const num = Math.min(num0, den0);
          const positions = MEMBER_POOL.slice(0, n).map((m, i) =>
            eff(m, i < k ? 'support' : 'incremental'),
          );
          const r = evaluateConsensus(
            input(positions, { rule: 'qualified-majority', threshold: num / den }),
          );
          expect(r.status === 'consensus').toBe(k * den >= num * n);
        },
      ),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over generated inputs

interface Generated {
  readonly input: ConsensusInput;
  readonly order: Iso2[];
  readonly mapOrder: Iso2[];
}

const positionArb = fc.record({
  stance: stanceArb,
  conditions: fc.subarray([...CONDITION_POOL]),
});

const inputArb: fc.Arbitrary<ConsensusInput> = fc
  .record({
    members: fc.subarray([...MEMBER_POOL], { minLength: 1 }),
    stances: fc.array(fc.option(positionArb, { nil: undefined }), { minLength: 10, maxLength: 10 }),
    met: fc.subarray([...CONDITION_POOL]),
    rule: fc.constantFrom<DecisionRule>(...DECISION_RULES),
    asOf: dayArb('2023-01-01', '2023-12-31'),
    deadline: fc.option(dayArb('2023-01-01', '2023-12-31'), { nil: undefined }),
    threshold: fc.constantFrom(1 / 3, 0.5, 2 / 3, 0.75, 0.9, 1),
  })
  .map(({ members, stances, met, rule, asOf, deadline, threshold }) => {
    const positions = new Map<Iso2, EffectivePosition>();
    members.forEach((m, i) => {
      const p = stances[i];
      if (p !== undefined) positions.set(m, eff(m, p.stance, p.conditions));
    });
    return {
      rule,
      asOf: fromDayNumber(asOf),
      members,
      positions,
      isMet: metIn(met),
      silenceDeadline: deadline === undefined ? undefined : fromDayNumber(deadline),
      threshold,
    };
  });

const shuffledArb: fc.Arbitrary<Generated> = inputArb.chain((inp) =>
  fc.record({
    input: fc.constant(inp),
    order: permutationArb(inp.members),
    mapOrder: permutationArb([...inp.positions.keys()]),
  }),
);

describe('evaluateConsensus: properties', () => {
  it('does not depend on member order or the order of the positions map', () => {
    fc.assert(
      fc.property(shuffledArb, ({ input: inp, order, mapOrder }) => {
        const shuffled = { ...inp, members: order, positions: reorderMap(inp.positions, mapOrder) };
        expect(evaluateConsensus(shuffled)).toEqual(evaluateConsensus(inp));
      }),
      { numRuns: 200 },
    );
  });

  it('puts every member in exactly one list', () => {
    fc.assert(
      fc.property(inputArb, (inp) => {
        const r = evaluateConsensus(inp);
        const listed = [
          ...r.supporters,
          ...r.conditional.map((c) => c.member),
          ...r.incremental,
          ...r.blockers,
          ...r.undeclared,
        ];
        expect([...listed].sort()).toEqual([...inp.members].sort());
      }),
      { numRuns: 200 },
    );
  });

  it('follows the rule: unanimity = all support; silence = no blocker and deadline passed', () => {
    fc.assert(
      fc.property(inputArb, (inp) => {
        const r = evaluateConsensus(inp);
        const n = inp.members.length;
        const expected =
          inp.rule === 'unanimity'
            ? r.supporters.length === n
            : inp.rule === 'silence'
              ? r.blockers.length === 0 &&
                inp.silenceDeadline !== undefined &&
                inp.asOf >= inp.silenceDeadline
              : r.supporters.length / n >= (inp.threshold ?? 1);
        expect(r.status).toBe(expected ? 'consensus' : 'no-consensus');
      }),
      { numRuns: 200 },
    );
  });

  it('adding a blocker never creates consensus, and removes it under unanimity and silence', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.nat(),
        fc.constantFrom<Stance>('block', 'oppose'),
        (inp, pick, stance) => {
          const member = inp.members[pick % inp.members.length] ?? 'DE';
          const positions = new Map(inp.positions);
          positions.set(member, eff(member, stance));
          const before = evaluateConsensus(inp);
          const after = evaluateConsensus({ ...inp, positions });
          expect(after.blockers).toContain(member);
          if (before.status === 'no-consensus') expect(after.status).toBe('no-consensus');
          if (inp.rule !== 'qualified-majority') expect(after.status).toBe('no-consensus');
          expect(after.supporters.length).toBeLessThanOrEqual(before.supporters.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('meeting more conditions never removes a supporter', () => {
    fc.assert(
      fc.property(inputArb, (inp) => {
        const before = evaluateConsensus(inp);
        const after = evaluateConsensus({ ...inp, isMet: always });
        for (const s of before.supporters) expect(after.supporters).toContain(s);
        expect(after.conditional).toEqual([]);
        expect(after.blockerConditions).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// decisionStatus over generated scenarios

const scenarioArb: fc.Arbitrary<{ scenario: Scenario; asOf: string }> = fc
  .record({
    members: fc.uniqueArray(
      fc.record({
        iso2: fc.constantFrom(...MEMBER_POOL),
        joined: dayArb('1949-04-04', '2024-06-30'),
        stay: fc.option(fc.integer({ min: 1, max: 20_000 }), { nil: undefined, freq: 5 }),
      }),
      { selector: (m) => m.iso2, minLength: 1, maxLength: 8 },
    ),
    conditions: fc.array(
      fc.array(fc.tuple(dayArb('2022-01-01', '2024-12-31'), fc.boolean()), { maxLength: 3 }),
      { minLength: 3, maxLength: 3 },
    ),
    positions: fc.array(
      fc.record({
        member: fc.constantFrom(...MEMBER_POOL),
        stance: stanceArb,
        conditions: fc.subarray([...CONDITION_POOL]),
        date: dayArb('2022-01-01', '2024-12-31'),
        source: fc.constantFrom('src-a', 'src-b', 'src-c', 'src-e', 'unknown'),
        credibility: fc.constantFrom(1, 2, 3, 4, 5, 6),
      }),
      { maxLength: 20 },
    ),
    rule: fc.constantFrom<DecisionRule>(...DECISION_RULES),
    deadline: dayArb('2022-06-01', '2024-06-30'),
    threshold: fc.constantFrom(0.5, 2 / 3, 1),
    asOf: dayArb('2022-01-01', '2025-03-31'),
  })
  .map((g) => {
    const scenario = makeScenario({
      members: g.members.map((m) =>
        makeMember(m.iso2, {
          joined: fromDayNumber(m.joined),
          left: m.stay === undefined ? undefined : fromDayNumber(m.joined + m.stay),
        }),
      ),
      conditions: g.conditions.map((statuses, i) =>
        makeCondition(
          CONDITION_POOL[i] ?? `c${i}`,
          // Distinct days per condition keep same-day statuses out of the picture.
          [...new Map(statuses.map(([d, met]) => [d, met])).entries()].map(
            ([d, met]): [string, boolean] => [fromDayNumber(d), met],
          ),
        ),
      ),
      decisions: [
        makeDecision({
          rule: g.rule,
          silenceDeadline: fromDayNumber(g.deadline),
          threshold: g.threshold,
        }),
      ],
      positions: g.positions.map((p, i): Position =>
        makePosition({
          id: `p${String(i).padStart(2, '0')}`,
          member: p.member,
          stance: p.stance,
          conditions: p.conditions,
          date: fromDayNumber(p.date),
          sources: [{ source: p.source, credibility: p.credibility }],
        }),
      ),
    });
    return { scenario, asOf: fromDayNumber(g.asOf) };
  });

function onlyDecision(s: Scenario): Scenario['decisions'][number] {
  const d = s.decisions[0];
  if (d === undefined) throw new Error('scenario has no decision');
  return d;
}

describe('decisionStatus: properties', () => {
  it('does not depend on the order of members or positions in the scenario', () => {
    fc.assert(
      fc.property(
        scenarioArb.chain(({ scenario, asOf }) =>
          fc.record({
            scenario: fc.constant(scenario),
            asOf: fc.constant(asOf),
            members: permutationArb(scenario.members),
            positions: permutationArb(scenario.positions),
          }),
        ),
        ({ scenario, asOf, members, positions }) => {
          const shuffled = { ...scenario, members, positions };
          expect(decisionStatus(shuffled, onlyDecision(shuffled), asOf)).toEqual(
            decisionStatus(scenario, onlyDecision(scenario), asOf),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a new block by a member never creates consensus, and removes it under unanimity and silence', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.nat(),
        fc.constantFrom<Stance>('block', 'oppose'),
        ({ scenario, asOf }, pick, stance) => {
          const decision = onlyDecision(scenario);
          const before = decisionStatus(scenario, decision, asOf);
          const current = before.positions.map((p) => p.member);
          fc.pre(current.length > 0);
          const member = current[pick % current.length] ?? 'DE';
          const blocking = makePosition({
            // Sorts before every generated id and has the best grade, so it wins any same-day tie.
            id: '0-block',
            member,
            stance,
            // The day the answer is for: asOf, or when the decision closed (outcome, silence deadline).
            date: before.evaluatedOn,
            sources: [cite('src-a', 1)],
          });
          const blocked = { ...scenario, positions: [...scenario.positions, blocking] };
          const after = decisionStatus(blocked, decision, asOf);
          expect(after.blockers).toContain(member);
          if (before.status === 'no-consensus') expect(after.status).toBe('no-consensus');
          if (decision.rule !== 'qualified-majority') expect(after.status).toBe('no-consensus');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('counts only members as of the date', () => {
    fc.assert(
      fc.property(scenarioArb, ({ scenario, asOf }) => {
        const r = decisionStatus(scenario, onlyDecision(scenario), asOf);
        const on = r.evaluatedOn;
        expect(on <= asOf).toBe(true);
        const expected = scenario.members
          .filter((m) => m.joined <= on && (m.left === undefined || on < m.left))
          .map((m) => m.iso2)
          .sort();
        expect(r.positions.map((p) => p.member)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});

describe('a silence procedure closes on its deadline', () => {
  const members = [makeMember('FR'), makeMember('DE'), makeMember('PL')];
  const decision = makeDecision({ rule: 'silence', silenceDeadline: '2023-07-01' });
  const scenario = (positions: Position[]): Scenario =>
    makeScenario({ members, decisions: [decision], positions });

  it('ignores an objection that comes after the deadline', () => {
    const s = scenario([
      makePosition({ id: 'pl-late', member: 'PL', stance: 'oppose', date: '2023-08-01' }),
    ]);
    const r = decisionStatus(s, decision, '2023-09-01');
    expect(r.evaluatedOn).toBe('2023-07-01');
    expect(r.status).toBe('consensus');
    expect(r.blockers).toEqual([]);
  });

  it('stays broken by an objection made before the deadline, even if later withdrawn', () => {
    const s = scenario([
      makePosition({ id: 'pl-early', member: 'PL', stance: 'oppose', date: '2023-06-01' }),
      makePosition({ id: 'pl-withdrawn', member: 'PL', stance: 'support', date: '2023-08-01' }),
    ]);
    const r = decisionStatus(s, decision, '2023-09-01');
    expect(r.status).toBe('no-consensus');
    expect(r.blockers).toEqual(['PL']);
  });

  it('is open, not passed, before the deadline', () => {
    const r = decisionStatus(scenario([]), decision, '2023-06-30');
    expect(r.evaluatedOn).toBe('2023-06-30');
    expect(r.status).toBe('no-consensus');
    expect(r.explanation).toMatch(/open until 2023-07-01/);
  });
});
