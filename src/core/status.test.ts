import { describe, expect, it } from 'vitest';
import { decisionStatus, scenarioStatus, sourceIndex } from './status.js';
import {
  cite,
  makeCandidate,
  makeCondition,
  makeDecision,
  makeMember,
  makePosition,
  makeRatification,
  makeScenario,
} from './test-factories.js';
import type { Decision, Scenario } from './types.js';

function decisionOf(s: Scenario, id: string): Decision {
  const d = s.decisions.find((x) => x.id === id);
  if (d === undefined) throw new Error(`no decision ${id}`);
  return d;
}

describe('decisionStatus: unanimity as of a date', () => {
  const scenario = makeScenario({
    members: [
      makeMember('FR'),
      makeMember('DE'),
      makeMember('PL'),
      makeMember('SE', { joined: '2024-03-07' }),
    ],
    conditions: [
      makeCondition('reforms', [
        ['2023-07-11', true],
        ['2023-12-01', false],
        ['2024-01-10', true],
      ]),
    ],
    positions: [
      makePosition({ id: 'fr', member: 'FR', stance: 'support', date: '2023-01-01' }),
      makePosition({ id: 'de', member: 'DE', stance: 'undeclared', date: '2023-01-01' }),
      makePosition({ id: 'de2', member: 'DE', stance: 'support', date: '2023-06-01' }),
      makePosition({
        id: 'pl',
        member: 'PL',
        stance: 'support_with_conditions',
        conditions: ['reforms'],
        date: '2023-02-01',
      }),
    ],
  });
  const d1 = decisionOf(scenario, 'd1');

  it('is open while a member has not spoken', () => {
    const r = decisionStatus(scenario, d1, '2023-05-31');
    expect(r.status).toBe('no-consensus');
    expect(r.undeclared).toEqual(['DE']);
    expect(r.conditional).toEqual([{ member: 'PL', unmet: ['reforms'] }]);
    expect(r.blockers).toEqual([]);
  });

  it('is reached when the last condition is met, lost when it goes back to unmet, and regained', () => {
    expect(decisionStatus(scenario, d1, '2023-07-10').status).toBe('no-consensus');
    const met = decisionStatus(scenario, d1, '2023-07-11');
    expect(met.status).toBe('consensus');
    expect(met.supporters).toEqual(['DE', 'FR', 'PL']);
    expect(decisionStatus(scenario, d1, '2023-12-01').status).toBe('no-consensus');
    expect(decisionStatus(scenario, d1, '2024-01-10').status).toBe('consensus');
  });

  it('counts a new member from the day it joins (undeclared prevents unanimity)', () => {
    expect(decisionStatus(scenario, d1, '2024-03-06').status).toBe('consensus');
    const r = decisionStatus(scenario, d1, '2024-03-07');
    expect(r.status).toBe('no-consensus');
    expect(r.undeclared).toEqual(['SE']);
    expect(r.positions.map((p) => p.member)).toEqual(['DE', 'FR', 'PL', 'SE']);
  });

  it('reports cohesion over the members of the day', () => {
    const r = decisionStatus(scenario, d1, '2023-05-31');
    expect(r.cohesion.counts).toEqual({ support: 1, undeclared: 1, support_with_conditions: 1 });
    expect(r.cohesion.largestBlocShare).toBeCloseTo(1 / 3, 12);
  });
});

describe('decisionStatus: conflicts, outcome and derived ratification positions', () => {
  const scenario = makeScenario({
    members: [makeMember('FR'), makeMember('TR'), makeMember('HU')],
    candidates: [
      makeCandidate({
        iso2: 'SE',
        name: 'Sweden',
        protocolSigned: '2022-07-05',
        ratifications: [makeRatification('FR', '2022-08-02'), makeRatification('TR', '2024-01-25')],
      }),
    ],
    decisions: [
      makeDecision({
        id: 'ratify',
        kind: 'ratification',
        candidate: 'SE',
        outcome: {
          result: 'adopted',
          date: '2024-02-26',
          sources: [cite('src-a', 1)],
          basis: 'documented',
        },
      }),
    ],
    positions: [
      makePosition({
        id: 'tr-hold',
        member: 'TR',
        decision: 'ratify',
        stance: 'block',
        date: '2022-07-01',
      }),
      makePosition({
        id: 'hu-a',
        member: 'HU',
        decision: 'ratify',
        stance: 'block',
        date: '2023-03-01',
        sources: [cite('src-a', 2)],
      }),
      makePosition({
        id: 'hu-c',
        member: 'HU',
        decision: 'ratify',
        stance: 'support',
        date: '2023-03-01',
        sources: [cite('src-c', 1)],
      }),
    ],
  });
  const ratify = decisionOf(scenario, 'ratify');

  it('flags the same-day conflict and lets the better source win', () => {
    const r = decisionStatus(scenario, ratify, '2023-07-11');
    expect(r.conflicts).toEqual([{ member: 'HU', overruled: ['hu-c'] }]);
    expect(r.blockers).toEqual(['HU', 'TR']);
    expect(r.supporters).toEqual(['FR']);
  });

  it('ends a hold on the day the member ratifies', () => {
    expect(decisionStatus(scenario, ratify, '2024-01-24').blockers).toEqual(['HU', 'TR']);
    const r = decisionStatus(scenario, ratify, '2024-01-25');
    expect(r.blockers).toEqual(['HU']);
    expect(r.positions.find((p) => p.member === 'TR')?.positionId).toBe('ratification:SE:TR');
  });

  it('shows the outcome only once its date has come', () => {
    expect(decisionStatus(scenario, ratify, '2024-02-25').outcome).toBeNull();
    expect(decisionStatus(scenario, ratify, '2024-02-26').outcome?.result).toBe('adopted');
  });

  it('carries the decision fields', () => {
    const r = decisionStatus(scenario, ratify, '2023-07-11');
    expect(r.candidate).toBe('SE');
    expect(r.due).toBeNull();
    expect(r.rule).toBe('unanimity');
    expect(r.kind).toBe('ratification');
  });
});

describe('scenarioStatus', () => {
  it('answers every decision and candidate as of the date', () => {
    const scenario = makeScenario({
      members: [makeMember('FR'), makeMember('FI', { joined: '2023-04-04' })],
      candidates: [makeCandidate({ iso2: 'UA' })],
      decisions: [
        makeDecision(),
        makeDecision({ id: 'd2', rule: 'silence', silenceDeadline: '2023-01-01' }),
      ],
    });
    const s = scenarioStatus(scenario, '2023-01-01');
    expect(s.asOf).toBe('2023-01-01');
    expect(s.alliance.members).toEqual([{ iso2: 'FR', name: 'FR', joined: '1949-04-04' }]);
    expect(s.decisions.map((d) => [d.id, d.status])).toEqual([
      ['d1', 'no-consensus'],
      ['d2', 'consensus'],
    ]);
    expect(s.candidates.map((c) => c.iso2)).toEqual(['UA']);
    expect(scenarioStatus(scenario, '2023-04-04').alliance.members.map((m) => m.iso2)).toEqual([
      'FR',
      'FI',
    ]);
  });

  it('indexes sources by id', () => {
    const index = sourceIndex(makeScenario());
    expect(index.get('src-b')?.reliability).toBe('B');
    expect(index.has('nowhere')).toBe(false);
  });
});
