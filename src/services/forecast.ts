/**
 * Forecasts: when can a roadmap's benchmarks and gates be done, and when can each candidate
 * accede — seeded Monte Carlo over the roadmap, and accession timings fitted on every NATO
 * enlargement round (reference-data/nato-accessions.json). The same seed and inputs give the
 * same answer, byte for byte.
 */
import { AccordError } from '../core/errors.js';
import {
  backtest,
  createRng,
  fitAccessionModel,
  forecastAccession,
  pBy,
  quantileSorted,
  sampleDaysToAccession,
  simulateRoadmap,
  type AccessionCase,
  type BacktestResult,
  type Driver,
} from '../core/forecast/index.js';
import { fromDayNumber, isIsoDate, toDayNumber } from '../core/dates.js';
import { ratificationStatus, stageAsOf } from '../core/ratification.js';
import { targetAsOf } from '../core/roadmap/history.js';
import type { IsoDate, Scenario } from '../core/types.js';
import { resolveAsOf, type ServiceDeps } from './context.js';
import type { ScenarioService } from './scenarios.js';

export interface ForecastTarget {
  readonly id: string;
  readonly kind: 'benchmark' | 'milestone' | 'gate' | 'accession';
  readonly roadmap?: string | undefined;
  readonly candidate?: string | undefined;
  readonly target?: IsoDate | undefined;
  readonly p10: IsoDate;
  readonly p50: IsoDate;
  readonly p90: IsoDate;
  /** P(done by the date), for the target date (its credibility) and every date asked about. */
  readonly pBy: Readonly<Record<IsoDate, number>>;
  readonly drivers: readonly Driver[];
  readonly note?: string | undefined;
}

export interface ScenarioForecast {
  readonly asOf: IsoDate;
  readonly runs: number;
  readonly seed: string;
  readonly targets: readonly ForecastTarget[];
}

export interface ForecastOptions {
  readonly asOf?: string | undefined;
  readonly runs?: number | undefined;
  readonly seed?: string | undefined;
  /** Extra dates to give P(done by) for. */
  readonly by?: readonly string[] | undefined;
  readonly roadmap?: string | undefined;
}

export interface ForecastService {
  forecast(scenarioId: string, options?: ForecastOptions): Promise<ScenarioForecast>;
  backtest(options?: { runs?: number; seed?: string }): BacktestResult;
}

const MAX_RUNS = 200_000;

function checkRuns(runs: number): number {
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS) {
    throw new AccordError(
      'VALIDATION_FAILED',
      `runs: must be a whole number from 1 to ${MAX_RUNS}`,
      { field: 'runs' },
    );
  }
  return runs;
}

function probabilities(
  samplesDays: readonly number[],
  dates: readonly IsoDate[],
): Record<IsoDate, number> {
  const out: Record<IsoDate, number> = {};
  for (const d of [...new Set(dates)].sort()) out[d] = pBy({ samplesDays }, d);
  return out;
}

export function createForecastService(
  deps: ServiceDeps,
  scenarios: ScenarioService,
  accessionCases: readonly AccessionCase[],
): ForecastService {
  /** Fit only on rounds completed before the forecast's day: no hindsight. */
  function fitAsOf(asOf: IsoDate) {
    return fitAccessionModel(
      accessionCases.filter((c) => c.accession !== null && c.accession < asOf),
    );
  }

  function accessionTargets(
    s: Scenario,
    asOf: IsoDate,
    runs: number,
    seed: string,
    by: readonly IsoDate[],
    gateSamples: ReadonlyMap<string, readonly number[]>,
  ): ForecastTarget[] {
    const out: ForecastTarget[] = [];
    const fit = fitAsOf(asOf);
    if (fit.protocolToAccession.length === 0) return out;
    for (const c of s.candidates) {
      const status = ratificationStatus(c, s.members, asOf);
      const id = `accession-${c.iso2.toLowerCase()}`;
      const rng = createRng(`${seed}:${id}`);
      if (status.isMember && c.accession !== undefined) {
        const done = toDayNumber(c.accession);
        out.push({
          id,
          kind: 'accession',
          candidate: c.iso2,
          p10: c.accession,
          p50: c.accession,
          p90: c.accession,
          pBy: probabilities([done], by),
          drivers: [],
          note: 'already a member',
        });
        continue;
      }
      const stage = stageAsOf(c, asOf);
      const since = (name: string) =>
        [...c.stages]
          .filter((x) => x.stage === name && x.date <= asOf)
          .map((x) => x.date)
          .sort()
          .at(-1);
      let samples: number[] | undefined;
      let note: string;
      if (status.allRatified && status.lastRatification !== null) {
        samples = forecastAccession(fit, {
          stage: 'ratified',
          since: status.lastRatification,
          runs,
          rng,
        }).samplesDays.slice();
        note = `every member has ratified (last ${status.lastRatification}); deposit of instruments to come`;
      } else if (c.protocolSigned !== undefined && c.protocolSigned <= asOf) {
        samples = forecastAccession(fit, {
          stage: 'protocol-signed',
          since: c.protocolSigned,
          runs,
          rng,
        }).samplesDays.slice();
        note = `protocol signed ${c.protocolSigned}; timings fitted on NATO's earlier rounds (docs/forecasting.md)`;
      } else if (stage === 'invited' && since('invited') !== undefined) {
        const from = since('invited') ?? asOf;
        samples = forecastAccession(fit, {
          stage: 'invited',
          since: from,
          runs,
          rng,
        }).samplesDays.slice();
        note = `invited ${from}; timings fitted on NATO's earlier rounds`;
      } else {
        const gate = gateSamples.get(c.iso2);
        if (gate !== undefined) {
          samples = gate
            .map((day) => day + sampleDaysToAccession(rng, fit, 'invited'))
            .sort((a, b) => a - b);
          note =
            "the roadmap's invitation gate, then invitation-to-accession timings fitted on earlier rounds";
        } else {
          note = 'not invited and no roadmap gate for an invitation: no accession forecast';
        }
      }
      if (samples === undefined || samples.length === 0) {
        continue;
      }
      // Accession cannot come before the day the forecast is made.
      const floor = toDayNumber(asOf);
      const clipped = samples.map((d) => Math.max(d, floor)).sort((a, b) => a - b);
      out.push({
        id,
        kind: 'accession',
        candidate: c.iso2,
        p10: fromDayNumber(quantileSorted(clipped, 0.1)),
        p50: fromDayNumber(quantileSorted(clipped, 0.5)),
        p90: fromDayNumber(quantileSorted(clipped, 0.9)),
        pBy: probabilities(clipped, by),
        drivers: [],
        note,
      });
    }
    return out;
  }

  return {
    async forecast(scenarioId, options = {}) {
      const asOf = resolveAsOf(deps, options.asOf);
      const runs = checkRuns(options.runs ?? 2000);
      const seed = options.seed ?? 'accord';
      for (const d of options.by ?? []) {
        if (!isIsoDate(d))
          throw new AccordError(
            'VALIDATION_FAILED',
            `by: '${d}' is not a date written YYYY-MM-DD`,
            { field: 'by' },
          );
      }
      const by = options.by ?? [];
      const s = await scenarios.frame(scenarioId);
      const roadmaps =
        options.roadmap === undefined
          ? s.roadmaps.slice(0, 1)
          : s.roadmaps.filter((r) => r.id === options.roadmap);
      if (options.roadmap !== undefined && roadmaps.length === 0) {
        throw new AccordError(
          'NOT_FOUND',
          `roadmap '${options.roadmap}' does not exist in scenario '${s.id}'`,
          {
            field: 'roadmap',
          },
        );
      }
      const targets: ForecastTarget[] = [];
      const gateSamples = new Map<string, readonly number[]>();
      for (const r of roadmaps) {
        const result = simulateRoadmap(r, {
          start: r.start,
          asOf: asOf < r.start ? r.start : asOf,
          runs,
          rng: createRng(`${seed}:${r.id}`),
        });
        const items = new Map<string, { targets: readonly { date: string; target: string }[] }>([
          ...r.benchmarks.map((b): [string, { targets: typeof b.targets }] => [b.id, b]),
          ...r.milestones.map((m): [string, { targets: typeof m.targets }] => [m.id, m]),
          ...r.gates.map((g): [string, { targets: typeof g.targets }] => [g.id, g]),
        ]);
        for (const t of result.targets) {
          const target = targetAsOf(items.get(t.id)?.targets ?? [], asOf);
          targets.push({
            id: t.id,
            kind: t.kind,
            roadmap: r.id,
            target,
            p10: t.p10,
            p50: t.p50,
            p90: t.p90,
            pBy: probabilities(t.samplesDays, target === undefined ? by : [target, ...by]),
            drivers: t.drivers.slice(0, 5),
          });
          const gate = r.gates.find((g) => g.id === t.id);
          const decision =
            gate?.decision === undefined
              ? undefined
              : s.decisions.find((d) => d.id === gate.decision);
          if (decision?.kind === 'invitation' && decision.candidate !== undefined) {
            gateSamples.set(decision.candidate, t.samplesDays);
          }
        }
      }
      targets.push(...accessionTargets(s, asOf, runs, seed, by, gateSamples));
      return { asOf, runs, seed, targets };
    },

    backtest(options = {}) {
      return backtest(accessionCases, {
        rngSeed: options.seed ?? 'accord-backtest',
        runs: checkRuns(options.runs ?? 2000),
      });
    },
  };
}
