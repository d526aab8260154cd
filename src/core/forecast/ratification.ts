/**
 * Accession timing fitted from past NATO accession cases (the caller reads
 * shared/data/nato-accessions.json and passes its `cases` in).
 *
 * Each interval is fitted per round, not per case: the candidates of one round (seven in 2004)
 * share their dates, so counting them one by one would let one round outvote the others. A
 * round's value is the median over its cases that have both dates. Sampling bootstraps one of
 * the fitted values and adds a small jitter (normal, sd = max(3 days, 5 %)), rounded to whole
 * days and never negative.
 *
 * Stages, and what is sampled from the day the candidate reached the stage:
 * - `invited`: invitation → protocol, then protocol → accession;
 * - `protocol-signed`: protocol → accession (every round has both dates; the split via the last
 *   ratification is reported but too thin to sample from: only a few rounds record it);
 * - `ratified` (last ratification in): last ratification → accession.
 */
import { daysBetween, fromDayNumber, toDayNumber } from '../dates.js';
import type { IsoDate } from '../types.js';
import { createRng, normal, quantileSorted, type Rng } from './rng.js';

/** One member's ratification as recorded in a case. */
export interface CaseRatification {
  readonly member: string;
  readonly iso2: string;
  readonly date: IsoDate | null;
  readonly type?: string | undefined;
  readonly note?: string | undefined;
}

/** One candidate's record in nato-accessions.json (the fields the fit reads; others ignored). */
export interface AccessionCase {
  readonly candidate: string;
  readonly iso2: string;
  readonly round: number;
  readonly invitation: IsoDate | null;
  readonly protocol_signed: IsoDate | null;
  readonly ratifications: readonly CaseRatification[];
  readonly last_ratification: IsoDate | null;
  readonly accession: IsoDate | null;
}

/** One fitted value: the days of an interval in one round. */
export interface FittedValue {
  readonly round: number;
  readonly days: number;
}

export interface AccessionFit {
  /** Rounds the fit drew on. */
  readonly rounds: readonly number[];
  readonly invitationToProtocol: readonly FittedValue[];
  readonly protocolToAccession: readonly FittedValue[];
  readonly protocolToLastRatification: readonly FittedValue[];
  readonly lastRatificationToAccession: readonly FittedValue[];
  /** Per member (ISO2): days from protocol to its ratification, one value per round. */
  readonly memberDelays: Readonly<Record<string, readonly FittedValue[]>>;
}

export type AccessionStage = 'invited' | 'protocol-signed' | 'ratified';

export interface AccessionForecastOptions {
  readonly stage: AccessionStage;
  /** The day the candidate reached the stage. */
  readonly since: IsoDate;
  readonly runs: number;
  readonly rng: Rng;
}

export interface AccessionForecast {
  readonly p10: IsoDate;
  readonly p50: IsoDate;
  readonly p90: IsoDate;
  /** Accession per run as a day number, ascending. */
  readonly samplesDays: readonly number[];
}

function median(values: readonly number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : Math.round(((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2);
}

/** Per round, the median of `interval` over the round's cases where it is defined. */
function perRound(
  cases: readonly AccessionCase[],
  interval: (c: AccessionCase) => number | undefined,
): FittedValue[] {
  const byRound = new Map<number, number[]>();
  for (const c of cases) {
    const days = interval(c);
    if (days === undefined) continue;
    const list = byRound.get(c.round);
    if (list === undefined) byRound.set(c.round, [days]);
    else list.push(days);
  }
  return [...byRound.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([round, days]) => ({ round, days: median(days) }));
}

function between(from: IsoDate | null, to: IsoDate | null): number | undefined {
  if (from === null || to === null) return undefined;
  const days = daysBetween(from, to);
  return days >= 0 ? days : undefined;
}

/** Fit the intervals from the cases (rounds in the order of their numbers). */
export function fitAccessionModel(cases: readonly AccessionCase[]): AccessionFit {
  const members = new Map<string, AccessionCase[]>();
  const delays: Record<string, FittedValue[]> = {};
  for (const c of cases) {
    for (const r of c.ratifications) {
      if (r.date === null || c.protocol_signed === null) continue;
      const list = members.get(r.iso2);
      if (list === undefined) members.set(r.iso2, [c]);
      else if (!list.includes(c)) list.push(c);
    }
  }
  for (const [iso2, memberCases] of [...members.entries()].sort((a, b) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0,
  )) {
    delays[iso2] = perRound(memberCases, (c) => {
      const r = c.ratifications.find((x) => x.iso2 === iso2 && x.date !== null);
      return r === undefined ? undefined : between(c.protocol_signed, r.date);
    });
  }
  return {
    rounds: [...new Set(cases.map((c) => c.round))].sort((a, b) => a - b),
    invitationToProtocol: perRound(cases, (c) => between(c.invitation, c.protocol_signed)),
    protocolToAccession: perRound(cases, (c) => between(c.protocol_signed, c.accession)),
    protocolToLastRatification: perRound(cases, (c) =>
      between(c.protocol_signed, c.last_ratification),
    ),
    lastRatificationToAccession: perRound(cases, (c) => between(c.last_ratification, c.accession)),
    memberDelays: delays,
  };
}

/** One bootstrap draw from fitted values with jitter; throws when there are none. */
export function sampleInterval(rng: Rng, values: readonly FittedValue[], what: string): number {
  if (values.length === 0) throw new RangeError(`no fitted data for ${what}`);
  const pick = values[Math.min(values.length - 1, Math.floor(rng() * values.length))];
  const days = pick?.days ?? 0;
  const jitter = normal(rng, 0, Math.max(3, 0.05 * days));
  return Math.max(0, Math.round(days + jitter));
}

/** Days from reaching `stage` to accession, one sample. */
export function sampleDaysToAccession(rng: Rng, fit: AccessionFit, stage: AccessionStage): number {
  switch (stage) {
    case 'invited':
      return (
        sampleInterval(rng, fit.invitationToProtocol, 'invitation → protocol') +
        sampleInterval(rng, fit.protocolToAccession, 'protocol → accession')
      );
    case 'protocol-signed':
      return sampleInterval(rng, fit.protocolToAccession, 'protocol → accession');
    case 'ratified':
      return sampleInterval(rng, fit.lastRatificationToAccession, 'last ratification → accession');
  }
}

/** The accession date forecast for a candidate that reached `stage` on `since`. */
export function forecastAccession(
  fit: AccessionFit,
  options: AccessionForecastOptions,
): AccessionForecast {
  const { stage, since, runs, rng } = options;
  if (!Number.isInteger(runs) || runs < 1)
    throw new RangeError(`runs must be a whole number ≥ 1, not ${runs}`);
  const base = toDayNumber(since);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(base + sampleDaysToAccession(rng, fit, stage));
  samples.sort((a, b) => a - b);
  return {
    p10: fromDayNumber(quantileSorted(samples, 0.1)),
    p50: fromDayNumber(quantileSorted(samples, 0.5)),
    p90: fromDayNumber(quantileSorted(samples, 0.9)),
    samplesDays: samples,
  };
}

/** The horizon of the binary question the backtest scores: accession within a year of protocol. */
export const WITHIN_DAYS = 365;

export interface BacktestOptions {
  readonly rngSeed: string | number;
  readonly runs: number;
  /**
   * `other-rounds` (default): leave one round out, train on all others (later ones included);
   * `earlier-rounds`: train only on cases that acceded on or before this case's protocol date
   * (no hindsight; the first round then has nothing to train on and is skipped).
   */
  readonly training?: 'other-rounds' | 'earlier-rounds' | undefined;
}

export interface BacktestRow {
  readonly candidate: string;
  readonly iso2: string;
  readonly round: number;
  readonly protocol: IsoDate;
  readonly actual: IsoDate;
  readonly p10: IsoDate;
  readonly p50: IsoDate;
  readonly p90: IsoDate;
  /** Actual within [P10, P90]. */
  readonly covered: boolean;
  /** The model's probability of accession within WITHIN_DAYS of the protocol. */
  readonly pModel: number;
  /** The base rate: the share of training cases that acceded within WITHIN_DAYS. */
  readonly pBase: number;
  readonly within: boolean;
  /** Rounds in the training fit. */
  readonly trainingRounds: number;
}

export interface BacktestResult {
  readonly rows: readonly BacktestRow[];
  /** Cases without the dates needed (protocol and accession), or without training data. */
  readonly skipped: readonly string[];
  /** Share of rows whose actual date fell within P10–P90 (NaN when no rows). */
  readonly coverage: number;
  readonly brierModel: number;
  readonly brierBase: number;
  /** Distinct rounds among the rows: the real number of independent tests. */
  readonly rounds: number;
  /** The same three figures with each round counted once (its cases averaged first). */
  readonly byRound: {
    readonly coverage: number;
    readonly brierModel: number;
    readonly brierBase: number;
  };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((s, x) => s + x, 0) / values.length;
}

/**
 * Leave-one-round-out: for each case with protocol and accession dates, fit on the other rounds'
 * cases and forecast accession from its protocol date. Each case gets its own stream
 * (seed + case), so rows do not depend on each other.
 */
export function backtest(
  cases: readonly AccessionCase[],
  options: BacktestOptions,
): BacktestResult {
  const rows: BacktestRow[] = [];
  const skipped: string[] = [];
  for (const c of cases) {
    const protocol = c.protocol_signed;
    const actual = c.accession;
    if (protocol === null || actual === null || between(protocol, actual) === undefined) {
      skipped.push(c.iso2);
      continue;
    }
    const training = cases.filter((x) =>
      options.training === 'earlier-rounds'
        ? x.round !== c.round && x.accession !== null && x.accession <= protocol
        : x.round !== c.round,
    );
    const fit = fitAccessionModel(training);
    const trainingWithin = training.flatMap((x) => {
      const d = between(x.protocol_signed, x.accession);
      return d === undefined ? [] : [d <= WITHIN_DAYS ? 1 : 0];
    });
    if (fit.protocolToAccession.length === 0 || trainingWithin.length === 0) {
      skipped.push(c.iso2);
      continue;
    }
    const rng = createRng(`${options.rngSeed}:${c.round}:${c.iso2}`);
    const f = forecastAccession(fit, {
      stage: 'protocol-signed',
      since: protocol,
      runs: options.runs,
      rng,
    });
    const base = toDayNumber(protocol);
    const actualDay = toDayNumber(actual);
    const within = actualDay - base <= WITHIN_DAYS;
    const pModel =
      f.samplesDays.filter((d) => d - base <= WITHIN_DAYS).length / f.samplesDays.length;
    rows.push({
      candidate: c.candidate,
      iso2: c.iso2,
      round: c.round,
      protocol,
      actual,
      p10: f.p10,
      p50: f.p50,
      p90: f.p90,
      covered: f.p10 <= actual && actual <= f.p90,
      pModel,
      pBase: mean(trainingWithin),
      within,
      trainingRounds: fit.protocolToAccession.length,
    });
  }
  const outcome = (r: BacktestRow): number => (r.within ? 1 : 0);
  const covered = (r: BacktestRow): number => (r.covered ? 1 : 0);
  const model = (r: BacktestRow): number => (r.pModel - outcome(r)) ** 2;
  const base = (r: BacktestRow): number => (r.pBase - outcome(r)) ** 2;
  const rounds = [...new Set(rows.map((r) => r.round))];
  const perRoundMean = (score: (r: BacktestRow) => number): number =>
    mean(rounds.map((round) => mean(rows.filter((r) => r.round === round).map(score))));
  return {
    rows,
    skipped,
    coverage: mean(rows.map(covered)),
    brierModel: mean(rows.map(model)),
    brierBase: mean(rows.map(base)),
    rounds: rounds.length,
    byRound: {
      coverage: perRoundMean(covered),
      brierModel: perRoundMean(model),
      brierBase: perRoundMean(base),
    },
  };
}
