/**
 * The candidate's roadmap: every variant side by side. Each shows its tracks and benchmarks on a
 * time axis (scheduled early start → finish) with their dependencies, the critical path in red,
 * gates with their readiness, each benchmark's verification (who agrees, who dissents, who has
 * not assessed), and the credibility of target dates with their slips.
 */
import * as Plot from '@observablehq/plot';
import { asOfQuery, scenarioPath, useApi, useApiAll } from '../api.ts';
import { ErrorBox, Loading } from '../components/feedback.tsx';
import { PlotFigure } from '../components/plot-figure.tsx';
import { BasisBadge } from '../components/sources.tsx';
import { todayIso } from '../components/date-control.tsx';
import { useState } from 'react';
import { DependencyGraph } from '../components/dependency-graph.tsx';
import { useScenario } from '../context.ts';
import { day, formatDate, percent } from '../format.ts';
import type { BenchmarkView, RoadmapList, RoadmapView } from '../types.ts';

const STATUS_COLOUR: Readonly<Record<string, string>> = {
  'not-started': '#c8c8c8',
  'in-progress': '#56B4E9',
  met: '#009E73',
  verified: '#006d50',
  regressed: '#D55E00',
};

interface Row extends BenchmarkView {
  readonly track: string;
  readonly label: string;
}

function rowsOf(v: RoadmapView): Row[] {
  return v.tracks.flatMap((t) =>
    t.benchmarks.map((b) => ({ ...b, track: t.title, label: `${t.title} · ${b.title}` })),
  );
}

function Gantt({ v, asOf }: { v: RoadmapView; asOf: string }) {
  const rows = rowsOf(v);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const links = v.dependencies.flatMap((d) => {
    const from = byId.get(d.from);
    const to = byId.get(d.to);
    return from === undefined || to === undefined ? [] : [{ from, to }];
  });
  const targets = v.timeline.filter((t) => t.target !== undefined);
  return (
    <PlotFigure
      label={`Schedule of ${rows.length} benchmarks for ${v.roadmap.title}; critical path in red`}
      deps={[v, asOf]}
      build={() =>
        Plot.plot({
          width: 620,
          height: 80 + rows.length * 22,
          marginLeft: 230,
          x: { type: 'utc', grid: true, label: null },
          y: {
            label: null,
            domain: rows.map((r) => r.label),
            tickFormat: (l: string) => l.slice(0, 38),
          },
          marks: [
            Plot.barX(rows, {
              y: 'label',
              x1: (r: Row) => day(r.schedule.dates.earlyStart),
              x2: (r: Row) => day(r.schedule.dates.earlyFinish),
              fill: (r: Row) => STATUS_COLOUR[r.status] ?? '#c8c8c8',
              stroke: (r: Row) => (r.schedule.critical ? '#c00000' : '#555555'),
              strokeWidth: (r: Row) => (r.schedule.critical ? 2.5 : 0.5),
              title: (r: Row) =>
                `${r.title}\n${r.status}; ${r.schedule.dates.earlyStart} → ${r.schedule.dates.earlyFinish}; slack ${r.schedule.slack} days${r.schedule.critical ? '; critical' : ''}`,
            }),
            Plot.link(links, {
              x1: (l: { from: Row }) => day(l.from.schedule.dates.earlyFinish),
              y1: (l: { from: Row }) => l.from.label,
              x2: (l: { to: Row }) => day(l.to.schedule.dates.earlyStart),
              y2: (l: { to: Row }) => l.to.label,
              stroke: '#666666',
              markerEnd: 'arrow',
            }),
            Plot.ruleX([day(asOf)], { stroke: '#1d3557', strokeDasharray: '4,3' }),
            Plot.tickX(targets, {
              x: (t: { target?: string }) => day(t.target ?? asOf),
              stroke: '#882255',
              strokeWidth: 2,
              title: (t: { title: string; target?: string }) =>
                `target: ${t.title} ${t.target ?? ''}`,
            }),
          ],
        })
      }
    />
  );
}

function Verification({ b }: { b: BenchmarkView }) {
  const who = (xs: BenchmarkView['verification']['agree']) => {
    const codes = xs.map((x) => x.iso2 ?? x.id ?? x.kind);
    return codes.length <= 8
      ? codes.join(', ')
      : `${codes.slice(0, 8).join(', ')} +${codes.length - 8}`;
  };
  return (
    <span>
      {b.verification.verified ? 'verified' : 'not verified'}: {b.verification.agree.length}/
      {b.verification.needed} agree
      {b.verification.agree.length > 0 ? ` (${who(b.verification.agree)})` : ''}
      {b.verification.dissent.length > 0 ? (
        <span className="dissent"> · dissent: {who(b.verification.dissent)}</span>
      ) : null}
      {b.verification.missing.length > 0 ? (
        <span className="muted"> · {b.verification.missing.length} not assessed</span>
      ) : null}
    </span>
  );
}

function GraphDisclosure({ v }: { v: RoadmapView }) {
  const [open, setOpen] = useState(false);
  return (
    <details
      onToggle={(e) => {
        setOpen(e.currentTarget.open);
      }}
    >
      <summary>Dependency graph</summary>
      {open ? <DependencyGraph v={v} /> : null}
    </details>
  );
}

function Variant({ v, asOf }: { v: RoadmapView; asOf: string }) {
  const rows = rowsOf(v);
  const illustrative = rows.some((r) => r.basis === 'illustrative');
  return (
    <section
      className="variant"
      aria-labelledby={`variant-${v.roadmap.id}`}
      data-roadmap={v.roadmap.id}
    >
      <h2 id={`variant-${v.roadmap.id}`}>{v.roadmap.title}</h2>
      <p>
        Approach: <strong>{v.roadmap.approach}</strong> · progress {percent(v.progress.progress)} of{' '}
        {v.progress.benchmarks} benchmarks · projected finish {formatDate(v.finish)}
        {illustrative ? (
          <>
            {' '}
            · <BasisBadge basis="illustrative" />
          </>
        ) : null}
      </p>
      {v.roadmap.description !== undefined ? (
        <details>
          <summary>About this variant</summary>
          <p>{v.roadmap.description}</p>
        </details>
      ) : null}
      <Gantt v={v} asOf={asOf} />
      <p className="muted">
        Bars: scheduled start → finish, coloured by status; red outline: critical path (
        {v.criticalPath.join(' → ')}); arrows: dependencies; dashed line: the view’s date; purple
        ticks: target dates.
      </p>
      <GraphDisclosure v={v} />
      <h3>Gates</h3>
      <ul>
        {v.gates.map((g) => (
          <li key={g.gate}>
            <strong>{g.title}</strong>: {g.ready ? 'ready' : 'not ready'} — {g.verified.length}{' '}
            verified, {g.outstanding.length} outstanding
          </li>
        ))}
      </ul>
      <h3>Targets and their credibility</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Target</th>
            <th scope="col">Projected</th>
            <th scope="col">State</th>
            <th scope="col">Slips</th>
          </tr>
        </thead>
        <tbody>
          {v.timeline.map((t) => (
            <tr key={t.id}>
              <th scope="row">{t.title}</th>
              <td>{formatDate(t.target)}</td>
              <td>{formatDate(t.projected)}</td>
              <td className={`state-${t.state}`} title={t.reasons.join('; ')}>
                {t.state}
              </td>
              <td>{t.slipCount === 0 ? 'none' : `${t.slipCount} (${t.slippedDays} days)`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Benchmarks and their verification</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">Benchmark</th>
            <th scope="col">Status</th>
            <th scope="col">Verification</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.id}>
              <th scope="row">
                {b.title} <BasisBadge basis={b.basis} />
                <div className="muted">{b.track}</div>
              </th>
              <td>{b.status}</td>
              <td>
                <Verification b={b} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function RoadmapPage() {
  const { scenario, asOf } = useScenario();
  const list = useApi<RoadmapList>(scenarioPath(scenario.id, '/roadmaps'));
  const views = useApiAll<RoadmapView>(
    list.data === undefined
      ? null
      : list.data.roadmaps.map((r) =>
          scenarioPath(scenario.id, `/roadmaps/${encodeURIComponent(r.id)}${asOfQuery(asOf)}`),
        ),
  );
  if (list.error !== undefined) return <ErrorBox error={list.error} what="the roadmaps" />;
  if (list.data !== undefined && list.data.roadmaps.length === 0)
    return (
      <p data-ready="true" className="roadmap-page">
        This scenario has no roadmap.
      </p>
    );
  if (views.error !== undefined) return <ErrorBox error={views.error} what="the roadmap" />;
  if (views.data === undefined) return <Loading what="the roadmap" />;
  const date = asOf ?? todayIso();
  return (
    <div className="roadmap-page variants" data-ready="true">
      {views.data.map((v) => (
        <Variant key={v.roadmap.id} v={v} asOf={date} />
      ))}
    </div>
  );
}
