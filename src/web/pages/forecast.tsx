/**
 * Forecasts: when can the gates, the decisions and accession happen? A seeded Monte Carlo on the
 * server (docs/forecasting.md); this page shows each target's distribution as a cumulative curve
 * (P(done by a date), asked of the API on a monthly grid), its P10–P50–P90 range with the target
 * date marked, the drivers, and what-if controls: a member's stance fixed from a date.
 * Everything — runs, seed, assumptions, which targets are drawn — is in the address.
 */
import * as Plot from '@observablehq/plot';
import { useId } from 'react';
import { scenarioPath, useApi } from '../api.ts';
import { ErrorBox, Loading } from '../components/feedback.tsx';
import { PlotFigure } from '../components/plot-figure.tsx';
import { BasisBadge } from '../components/sources.tsx';
import { nameOf, useScenario } from '../context.ts';
import { addDays, day, formatDate, isRealDate, percent } from '../format.ts';
import { todayIso } from '../components/date-control.tsx';
import { navigate, withQuery, type Route } from '../router.ts';
import { formText } from '../forms.ts';
import { STANCES } from '../stances.ts';

interface Target {
  readonly id: string;
  readonly kind: string;
  readonly roadmap?: string;
  readonly candidate?: string;
  readonly target?: string;
  readonly p10: string | null;
  readonly p50: string | null;
  readonly p90: string | null;
  readonly pBy: Readonly<Record<string, number>>;
  readonly drivers: readonly { readonly id: string; readonly share: number }[];
  readonly note?: string;
}

interface Forecast {
  readonly asOf: string;
  readonly runs: number;
  readonly seed: string;
  readonly targets: readonly Target[];
}

const RUNS = ['500', '2000', '10000'];
const DRAWN_KINDS = new Set(['gate', 'decision', 'accession']);
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#882255'];

/** Monthly dates from `from` to `to` (at most 121), for the cumulative curves. */
export function monthlyGrid(from: string, to: string): string[] {
  const out: string[] = [];
  let [y = 2000, m = 1] = from.split('-').map(Number);
  for (let i = 0; i < 121; i++) {
    const d = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
    if (d > to) break;
    if (d >= from) out.push(d);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  out.push(to);
  return [...new Set(out)];
}

function forecastPath(
  scenario: string,
  params: {
    asOf?: string;
    runs: string;
    seed: string;
    assume: readonly string[];
    by?: readonly string[];
  },
): string {
  const q = new URLSearchParams();
  if (params.asOf !== undefined) q.set('asOf', params.asOf);
  q.set('runs', params.runs);
  q.set('seed', params.seed);
  for (const a of params.assume) q.append('assume', a);
  for (const b of params.by ?? []) q.append('by', b);
  return scenarioPath(scenario, `/forecast?${q.toString()}`);
}

function AssumeForm({ route }: { route: Route }) {
  const { scenario, names } = useScenario();
  const memberId = useId();
  const assume = route.query.getAll('assume');
  const members = [...names.entries()]
    .filter(([iso2]) => !scenario.candidates.some((c) => c.iso2 === iso2))
    .sort((a, b) => a[1].localeCompare(b[1]));
  const setAssume = (next: readonly string[]) => {
    const params = new URLSearchParams(route.query);
    params.delete('assume');
    for (const a of next) params.append('assume', a);
    navigate(`${window.location.pathname}?${params.toString()}`);
  };
  return (
    <fieldset className="filters what-if">
      <legend>What if…</legend>
      {assume.length === 0 ? (
        <p className="muted">No assumptions: members move as the fitted model says.</p>
      ) : (
        <ul>
          {assume.map((a) => (
            <li key={a}>
              <code>{a}</code>{' '}
              <button
                type="button"
                onClick={() => {
                  setAssume(assume.filter((x) => x !== a));
                }}
              >
                Remove<span className="sr-only"> the assumption {a}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        aria-label="Add an assumption"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const member = formText(data, 'member');
          const stance = formText(data, 'stance');
          const date = formText(data, 'date');
          const decision = formText(data, 'decision');
          if (member === '' || stance === '' || !isRealDate(date)) return;
          setAssume([
            ...assume,
            `${member}:${stance}@${date}${decision === '' ? '' : `:${decision}`}`,
          ]);
        }}
      >
        <label htmlFor={memberId}>Member</label>{' '}
        <select id={memberId} name="member" required defaultValue="">
          <option value="" disabled>
            choose…
          </option>
          {members.map(([iso2, name]) => (
            <option key={iso2} value={iso2}>
              {name}
            </option>
          ))}
        </select>{' '}
        <label>
          takes the stance{' '}
          <select name="stance" defaultValue="support">
            {STANCES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          from <input name="date" type="date" required />
        </label>{' '}
        <label>
          on{' '}
          <select name="decision" defaultValue="">
            <option value="">every open decision</option>
            {scenario.decisionList.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit">Add</button>
      </form>
    </fieldset>
  );
}

function label(t: Target, names: ReadonlyMap<string, string>): string {
  if (t.kind === 'accession' && t.candidate !== undefined)
    return `${nameOf(names, t.candidate)} accedes`;
  return t.id;
}

export function ForecastPage({ route }: { route: Route }) {
  const { scenario, names, asOf } = useScenario();
  const runsId = useId();
  const seedId = useId();
  const runs = route.query.get('runs') ?? '2000';
  const seed = route.query.get('seed') ?? 'accord';
  const assume = route.query.getAll('assume');
  const base = { ...(asOf === undefined ? {} : { asOf }), runs, seed, assume };
  // One simulation answers both the table and the curves: P(by) on a monthly grid of ten years.
  const from = asOf ?? todayIso();
  const grid = monthlyGrid(from, addDays(from, 3653));
  const forecast = useApi<Forecast>(forecastPath(scenario.id, { ...base, by: grid }));
  const controls = (
    <form
      className="filters"
      aria-label="Forecast settings"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        navigate(
          withQuery(route, {
            runs: formText(data, 'runs') || '2000',
            seed: formText(data, 'seed') || 'accord',
          }),
        );
      }}
    >
      <label htmlFor={runsId}>Runs</label>
      <select id={runsId} name="runs" defaultValue={runs}>
        {RUNS.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <label htmlFor={seedId}>Seed</label>
      <input id={seedId} name="seed" defaultValue={seed} size={12} />
      <button type="submit">Run the forecast</button>
    </form>
  );
  if (forecast.error !== undefined)
    return (
      <div>
        {controls}
        <AssumeForm route={route} />
        <ErrorBox error={forecast.error} what="the forecast" />
      </div>
    );
  if (forecast.data === undefined) return <Loading what="the forecast (running the simulation)" />;
  const f = forecast.data;
  const drawn = f.targets.filter((t) => DRAWN_KINDS.has(t.kind) && t.p10 !== t.p90);
  // The curves stop four months after the latest P90: beyond it they are flat at 1.
  const latest = drawn.reduce((max, t) => (t.p90 !== null && t.p90 > max ? t.p90 : max), f.asOf);
  const until = addDays(latest, 120);
  const points = drawn.flatMap((t) =>
    Object.entries(t.pBy)
      .filter(([date]) => date >= f.asOf && date <= until)
      .map(([date, p]) => ({ target: label(t, names), date: day(date), p })),
  );
  const marked = drawn.filter((t) => t.target !== undefined);
  return (
    <div className="forecast-page" data-ready={forecast.loading ? 'false' : 'true'}>
      <p>
        {f.runs} simulated runs from {formatDate(f.asOf)}, seed “{f.seed}”: the same settings give
        the same answer on every machine. The model and its calibration on NATO’s enlargement rounds
        are in docs/forecasting.md; roadmap durations rest on <BasisBadge basis="illustrative" />{' '}
        estimates.
      </p>
      {controls}
      <AssumeForm route={route} />
      <h2>When could it happen?</h2>
      {drawn.length === 0 ? (
        <p>Every gate, decision and accession of this scenario is settled as of this date.</p>
      ) : (
        <PlotFigure
          label={`Cumulative probability over time for ${drawn.length} targets`}
          deps={[f]}
          build={() =>
            Plot.plot({
              width: 960,
              height: 360,
              marginRight: 10,
              x: { type: 'utc', label: null, grid: true },
              y: { label: 'P(done by the date)', domain: [0, 1], grid: true, tickFormat: '.0%' },
              color: { legend: true, range: COLOURS },
              marks: [
                Plot.line(points, { x: 'date', y: 'p', stroke: 'target', curve: 'step-after' }),
                Plot.ruleX(
                  marked.map((t) => ({ date: day(t.target ?? f.asOf), target: label(t, names) })),
                  { x: 'date', stroke: 'target', strokeDasharray: '4,3' },
                ),
              ],
            })
          }
        />
      )}
      <table className="forecast">
        <caption>
          Every target: P10, P50 and P90 dates, the target and its chance, the drivers
        </caption>
        <thead>
          <tr>
            <th scope="col">Target</th>
            <th scope="col">Kind</th>
            <th scope="col">P10</th>
            <th scope="col">P50</th>
            <th scope="col">P90</th>
            <th scope="col">Target date</th>
            <th scope="col">Drivers (share of runs)</th>
          </tr>
        </thead>
        <tbody>
          {f.targets.map((t) => (
            <tr key={`${t.kind}-${t.id}-${t.roadmap ?? ''}`} data-target={t.id}>
              <th scope="row">
                {label(t, names)}
                {t.roadmap !== undefined ? <div className="muted">{t.roadmap}</div> : null}
                {t.note !== undefined ? <div className="note">{t.note}</div> : null}
              </th>
              <td>{t.kind}</td>
              <td>{formatDate(t.p10)}</td>
              <td>
                <strong>{formatDate(t.p50)}</strong>
              </td>
              <td>{formatDate(t.p90)}</td>
              <td>
                {t.target === undefined
                  ? '—'
                  : `${formatDate(t.target)}: ${percent(t.pBy[t.target] ?? 0)} chance`}
              </td>
              <td>
                {t.drivers.length === 0
                  ? '—'
                  : t.drivers
                      .slice(0, 4)
                      .map((d) => `${nameOf(names, d.id)} ${percent(d.share)}`)
                      .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
