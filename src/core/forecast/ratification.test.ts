import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- the test reads the shared data file; the engine itself stays pure
import { readFileSync } from 'node:fs';
import { daysBetween } from '../dates.js';
import {
  backtest,
  fitAccessionModel,
  forecastAccession,
  type AccessionCase,
} from './ratification.js';
import { createRng } from './rng.js';

/** The cases of shared/data/nato-accessions.json (read here: core does no I/O). */
function realCases(): AccessionCase[] {
  const url = new URL('../../../../shared/data/nato-accessions.json', import.meta.url);
  const parsed: unknown = JSON.parse(readFileSync(url, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || !('cases' in parsed))
    throw new Error('no cases in nato-accessions.json');
  // The file's case records match AccessionCase (checked by the fit's use of each field below).
  return parsed.cases as AccessionCase[];
}

function makeCase(
  iso2: string,
  round: number,
  dates: Partial<Pick<AccessionCase, 'invitation' | 'protocol_signed' | 'last_ratification'>> & {
    readonly accession: string | null;
  },
  ratifications: AccessionCase['ratifications'] = [],
): AccessionCase {
  return {
    candidate: iso2,
    iso2,
    round,
    invitation: dates.invitation ?? null,
    protocol_signed: dates.protocol_signed ?? null,
    last_ratification: dates.last_ratification ?? null,
    accession: dates.accession,
    ratifications,
  };
}

const handMade: AccessionCase[] = [
  makeCase('AA', 1, {
    invitation: '2000-01-01',
    protocol_signed: '2000-03-01',
    accession: '2000-12-01',
  }),
  makeCase('AB', 1, {
    invitation: '2000-01-01',
    protocol_signed: '2000-03-01',
    accession: '2000-12-01',
  }),
  makeCase(
    'BB',
    2,
    {
      invitation: '2005-01-01',
      protocol_signed: '2005-02-01',
      last_ratification: '2006-01-20',
      accession: '2006-02-01',
    },
    [
      { member: 'X', iso2: 'XX', date: '2005-03-01' },
      { member: 'Y', iso2: 'YY', date: '2006-01-20' },
    ],
  ),
  makeCase('CC', 3, { protocol_signed: '2010-01-01', accession: '2010-06-01' }),
  makeCase('DD', 4, { invitation: '2015-01-01', accession: null }),
];

describe('fitAccessionModel', () => {
  it('fits one value per round and per member', () => {
    const fit = fitAccessionModel(handMade);
    expect(fit.rounds).toEqual([1, 2, 3, 4]);
    expect(fit.invitationToProtocol).toEqual([
      { round: 1, days: 60 },
      { round: 2, days: 31 },
    ]);
    expect(fit.protocolToAccession).toEqual([
      { round: 1, days: daysBetween('2000-03-01', '2000-12-01') },
      { round: 2, days: 365 },
      { round: 3, days: 151 },
    ]);
    expect(fit.protocolToLastRatification).toEqual([{ round: 2, days: 353 }]);
    expect(fit.lastRatificationToAccession).toEqual([{ round: 2, days: 12 }]);
    expect(fit.memberDelays).toEqual({
      XX: [{ round: 2, days: 28 }],
      YY: [{ round: 2, days: 353 }],
    });
  });
});

describe('forecastAccession', () => {
  it('is seeded, ordered and near the fitted values', () => {
    const fit = fitAccessionModel(handMade);
    const options = { stage: 'protocol-signed', since: '2020-01-01', runs: 200 } as const;
    const one = forecastAccession(fit, { ...options, rng: createRng('x') });
    const two = forecastAccession(fit, { ...options, rng: createRng('x') });
    expect(JSON.stringify(one)).toBe(JSON.stringify(two));
    expect(one.p10 <= one.p50 && one.p50 <= one.p90).toBe(true);
    expect(one.p10 >= '2020-05-01').toBe(true);
    expect(one.p90 <= '2021-02-15').toBe(true);
    const invited = forecastAccession(fit, { ...options, stage: 'invited', rng: createRng('x') });
    expect(invited.p50 >= one.p50).toBe(true);
    expect(() =>
      forecastAccession(fitAccessionModel([]), { ...options, rng: createRng('x') }),
    ).toThrow(/no fitted data/);
  });
});

describe('backtest', () => {
  it('leaves each round out on a hand-made set', () => {
    const result = backtest(handMade, { rngSeed: 'bt', runs: 200 });
    expect(result.skipped).toEqual(['DD']);
    expect(result.rows.map((r) => r.iso2)).toEqual(['AA', 'AB', 'BB', 'CC']);
    expect(result.rounds).toBe(3);
    for (const r of result.rows) {
      expect(r.trainingRounds).toBe(2);
      expect(r.p10 <= r.p50 && r.p50 <= r.p90).toBe(true);
    }
    // Round 1 trains on rounds 2 and 3: both acceded within a year (365 days counts).
    expect(result.rows[0]?.pBase).toBe(1);
    // Round 3 trains on rounds 1 (two cases, 275 days) and 2 (365 days).
    expect(result.rows[3]?.pBase).toBe(1);
    const past = backtest(handMade, { rngSeed: 'bt', runs: 50, training: 'earlier-rounds' });
    expect(past.skipped).toEqual(['AA', 'AB', 'DD']);
    expect(past.rows.map((r) => r.trainingRounds)).toEqual([1, 2]);
    expect(result.coverage).toBeGreaterThanOrEqual(0);
    expect(result.brierModel).toBeLessThanOrEqual(1);
    expect(JSON.stringify(backtest(handMade, { rngSeed: 'bt', runs: 200 }))).toBe(
      JSON.stringify(result),
    );
  });

  it('runs on the real accession file and prints its figures', () => {
    const cases = realCases();
    for (const training of ['other-rounds', 'earlier-rounds'] as const) {
      const result = backtest(cases, { rngSeed: 'accord-backtest', runs: 2000, training });
      expect(result.rows.length).toBeGreaterThan(10);
      expect(result.rounds).toBe(training === 'other-rounds' ? 10 : 9);
      const lines = result.rows.map(
        (r) =>
          `${r.iso2} r${r.round} protocol ${r.protocol} actual ${r.actual} ` +
          `P10 ${r.p10} P50 ${r.p50} P90 ${r.p90} ${r.covered ? 'in' : 'OUT'} ` +
          `p(≤365d) model ${r.pModel.toFixed(2)} base ${r.pBase.toFixed(2)} ` +
          `actual ${r.within ? 1 : 0} (trained on ${r.trainingRounds} rounds)`,
      );
      console.log(
        [
          `backtest (${training})`,
          ...lines,
          `skipped: ${result.skipped.join(', ') || 'none'}`,
          `per case (${result.rows.length}): coverage ${result.coverage.toFixed(3)}, ` +
            `Brier model ${result.brierModel.toFixed(4)} vs base ${result.brierBase.toFixed(4)}`,
          `per round (${result.rounds}): coverage ${result.byRound.coverage.toFixed(3)}, ` +
            `Brier model ${result.byRound.brierModel.toFixed(4)} ` +
            `vs base ${result.byRound.brierBase.toFixed(4)}`,
        ].join('\n'),
      );
      // The figures quoted in docs/forecasting.md (same seed, same runs).
      const figures = [
        result.coverage,
        result.brierModel,
        result.brierBase,
        result.byRound.coverage,
        result.byRound.brierModel,
        result.byRound.brierBase,
      ].map((x) => x.toFixed(4));
      expect(figures).toEqual(
        training === 'other-rounds'
          ? ['0.8500', '0.3143', '0.3218', '0.8000', '0.3046', '0.3314']
          : ['0.7222', '0.4811', '0.3959', '0.6667', '0.3532', '0.2953'],
      );
    }
  });

  it('forecasts Finland and Sweden from 2022-07-05 without rounds 9 and 10', () => {
    const cases = realCases();
    const fit = fitAccessionModel(cases.filter((c) => c.round !== 9 && c.round !== 10));
    expect(fit.rounds).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const out: string[] = [];
    for (const iso2 of ['FI', 'SE']) {
      const c = cases.find((x) => x.iso2 === iso2);
      expect(c?.protocol_signed).toBe('2022-07-05');
      const f = forecastAccession(fit, {
        stage: 'protocol-signed',
        since: '2022-07-05',
        runs: 5000,
        rng: createRng(`nordic:${iso2}`),
      });
      expect(f.p10 <= f.p50 && f.p50 <= f.p90).toBe(true);
      // As quoted in docs/forecasting.md.
      expect([f.p10, f.p50, f.p90]).toEqual(
        iso2 === 'FI'
          ? ['2022-11-06', '2023-05-29', '2023-09-18']
          : ['2022-11-06', '2023-04-26', '2023-09-20'],
      );
      out.push(`${iso2}: P10 ${f.p10} P50 ${f.p50} P90 ${f.p90} actual ${c?.accession ?? '?'}`);
    }
    console.log(out.join('\n'));
  });
});
