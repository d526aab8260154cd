import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- the test reads the shared data file; the engine itself stays pure
import { readFileSync } from 'node:fs';
import { AccordError } from '../errors.js';
import { toDayNumber } from '../dates.js';
import {
  makeCandidate,
  makeCondition,
  makeDecision,
  makeMember,
  makePosition,
  makeRatification,
  makeScenario,
} from '../test-factories.js';
import {
  DEFAULT_MEAN_DAYS,
  checkAssumptions,
  decisionScratch,
  fitRates,
  fitTransitionModel,
  nextStance,
  parseAssumption,
  prepareDecision,
  referenceDelays,
  runDecision,
  scenarioHoldEpisodes,
  type TransitionModel,
} from './members.js';
import type { AccessionCase } from './ratification.js';
import { createRng } from './rng.js';

function sharedCases(): AccessionCase[] {
  const url = new URL('../../../../shared/data/nato-accessions.json', import.meta.url);
  const parsed: unknown = JSON.parse(readFileSync(url, 'utf8'));
  // The shared file's cases have the fields AccessionCase reads (checked by ratification.test.ts).
  return (parsed as { cases: AccessionCase[] }).cases;
}

const MODEL: TransitionModel = {
  rates: fitRates([]),
  conditionLag: { meanDays: 30, observed: [], basis: 'illustrative' },
  actDelays: [{ round: 1, days: [100, 200, 300] }],
  episodes: [],
};

describe('the ladder', () => {
  it('moves one step up, undeclared straight to support', () => {
    expect(nextStance('block')).toBe('oppose');
    expect(nextStance('oppose')).toBe('incremental');
    expect(nextStance('incremental')).toBe('support_with_conditions');
    expect(nextStance('support_with_conditions')).toBe('support');
    expect(nextStance('undeclared')).toBe('support');
    expect(nextStance('support')).toBe('support');
  });
});

describe('fitting', () => {
  it('counts the default as one pseudo-move: (moves + 1) / (exposure + default mean)', () => {
    const rates = fitRates([
      { stance: 'block', days: 100, moved: true, source: 'x' },
      { stance: 'block', days: 50, moved: false, source: 'y' },
    ]);
    expect(rates.block.hazardPerDay).toBeCloseTo(2 / (150 + DEFAULT_MEAN_DAYS.block));
    expect(rates.block.basis).toBe('fitted');
    expect(rates.oppose.meanDays).toBe(DEFAULT_MEAN_DAYS.oppose);
    expect(rates.oppose.basis).toBe('illustrative');
  });

  it('finds Turkey’s and Hungary’s holds on Finland and Sweden, and leaves Finland (not yet a member) out', () => {
    const { holds, delays } = referenceDelays(sharedCases(), '2024-06-01');
    const seen = holds
      .filter((h) => h.stance === 'block')
      .map((h) => `${h.source}=${h.days}`)
      .sort();
    expect(seen).toEqual([
      'reference:FI:HU=265',
      'reference:FI:TR=268',
      'reference:SE:HU=601',
      'reference:SE:TR=567',
    ]);
    expect(delays.map((d) => d.round)).toContain(9);
    expect(delays.find((d) => d.round === 10)?.days.length).toBe(28);
  });

  it('sees no hold before it happened (no hindsight)', () => {
    expect(referenceDelays(sharedCases(), '2022-07-05').holds).toEqual([]);
  });

  it('reads hold episodes from the scenario’s own histories, censored at the forecast day', () => {
    const s = makeScenario({
      positions: [
        makePosition({ member: 'PL', stance: 'block', date: '2023-01-01' }),
        makePosition({ member: 'PL', stance: 'support', date: '2023-03-02' }),
        makePosition({ member: 'DE', stance: 'oppose', date: '2023-01-01' }),
      ],
    });
    const episodes = scenarioHoldEpisodes(s, '2023-04-01');
    expect(episodes).toEqual([
      { stance: 'oppose', days: 90, moved: false, source: 'scenario:d1:DE' },
      { stance: 'block', days: 60, moved: true, source: 'scenario:d1:PL' },
    ]);
    expect(scenarioHoldEpisodes(s, '2023-02-01')).toContainEqual({
      stance: 'block',
      days: 31,
      moved: false,
      source: 'scenario:d1:PL',
    });
  });
});

describe('assumptions', () => {
  it('parses MEMBER:stance@date and an optional decision', () => {
    expect(parseAssumption('TR:support@2024-01-23')).toEqual({
      member: 'TR',
      stance: 'support',
      from: '2024-01-23',
      decision: undefined,
    });
    expect(parseAssumption('HU:block@2024-02-01:ratify-sweden').decision).toBe('ratify-sweden');
  });

  it.each([
    ['TR-support-2024-01-23', /not of the form/],
    ['tr:support@2024-01-23', /member 'tr' is not a two-letter upper-case code/],
    ['TR:yes@2024-01-23', /stance 'yes' is not one of support, /],
    ['TR:support@2024-02-30', /'2024-02-30' is not a real date/],
    ['TR:support@2024-01-23:no way', /'no way' is not a decision id/],
  ])('rejects %s naming the flag', (text, message) => {
    let error: unknown;
    try {
      parseAssumption(text, '--assume');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AccordError);
    const e = error instanceof AccordError ? error : undefined;
    expect(e?.code).toBe('VALIDATION_FAILED');
    expect(e?.message).toMatch(/^--assume: /);
    expect(e?.message).toMatch(message);
  });

  it('checks the member and the decision against the scenario', () => {
    const s = makeScenario();
    expect(() => {
      checkAssumptions(s, [parseAssumption('XX:support@2024-01-01')]);
    }).toThrow(/XX is not a member/);
    expect(() => {
      checkAssumptions(s, [parseAssumption('FR:support@2024-01-01:zz')]);
    }).toThrow(/decision 'zz' does not exist/);
  });
});

describe('one decision in one run', () => {
  const asOf = '2024-01-01';
  const day = toDayNumber(asOf);

  function once(
    s: ReturnType<typeof makeScenario>,
    conditionDays: readonly number[] = [],
    assume: readonly string[] = [],
  ) {
    const decision = s.decisions[0] ?? makeDecision();
    const setup = prepareDecision(
      s,
      decision,
      asOf,
      assume.map((a) => parseAssumption(a)),
    );
    return runDecision(
      setup,
      MODEL,
      createRng('one'),
      Float64Array.from(conditionDays),
      day,
      decisionScratch(setup),
    );
  }

  it('is consensus on the forecast day when every member supports', () => {
    const s = makeScenario({
      positions: ['FR', 'DE', 'PL'].map((m) =>
        makePosition({ member: m, stance: 'support', date: '2023-01-01' }),
      ),
    });
    expect(once(s).day).toBe(day);
  });

  it('waits for a conditional supporter’s conditions, met in the run', () => {
    const s = makeScenario({
      conditions: [makeCondition('c1')],
      positions: [
        makePosition({ member: 'FR', stance: 'support', date: '2023-01-01' }),
        makePosition({ member: 'DE', stance: 'support', date: '2023-01-01' }),
        makePosition({
          member: 'PL',
          stance: 'support_with_conditions',
          date: '2023-01-01',
          conditions: ['c1'],
        }),
      ],
    });
    const r = once(s, [day + 10]);
    expect(r.day).toBeLessThanOrEqual(day + 10);
    expect(r.holdouts).toEqual([2]);
  });

  it('takes an assumed support from its day on, and an assumed block holds consensus back', () => {
    const s = makeScenario({
      positions: [
        makePosition({ member: 'FR', stance: 'support', date: '2023-01-01' }),
        makePosition({ member: 'DE', stance: 'support', date: '2023-01-01' }),
        makePosition({ member: 'PL', stance: 'block', date: '2023-01-01' }),
      ],
    });
    const base = once(s);
    const assumed = once(s, [], ['PL:support@2024-02-01']);
    expect(assumed.day).toBe(Math.min(base.day, day + 31));
    expect(once(s, [], ['PL:block@2024-01-01']).day).toBe(Infinity);
  });

  it('on a ratification decision counts acts: pending members ratify after a recorded delay', () => {
    const s = makeScenario({
      members: [makeMember('FR'), makeMember('DE'), makeMember('PL')],
      candidates: [
        makeCandidate({
          iso2: 'SE',
          protocolSigned: '2023-12-01',
          ratifications: [makeRatification('FR', '2023-12-15')],
        }),
      ],
      decisions: [makeDecision({ id: 'r', kind: 'ratification', candidate: 'SE' })],
    });
    const r = once(s);
    // Delays of 100–300 days from the protocol, ±10 %.
    expect(r.day).toBeGreaterThanOrEqual(toDayNumber('2023-12-01') + 90);
    expect(r.day).toBeLessThanOrEqual(toDayNumber('2023-12-01') + 330);
  });
});

describe('fitTransitionModel', () => {
  it('is reproducible and marks what it could not fit as illustrative', () => {
    const s = makeScenario();
    const a = fitTransitionModel(s, sharedCases(), '2022-07-05');
    expect(JSON.stringify(fitTransitionModel(s, sharedCases(), '2022-07-05'))).toBe(
      JSON.stringify(a),
    );
    expect(a.rates.incremental.basis).toBe('illustrative');
    expect(a.conditionLag.basis).toBe('illustrative');
    expect(a.actDelays.length).toBeGreaterThan(0);
  });
});
