/**
 * Summits, visits, calls, statements and commitments on a time axis, filtered by actor and kind
 * (both in the URL). Events after the view's date are shown faded: they had not happened yet.
 */
import * as Plot from '@observablehq/plot';
import { scenarioPath, useApi } from '../api.ts';
import { ErrorBox, Loading } from '../components/feedback.tsx';
import { PlotFigure } from '../components/plot-figure.tsx';
import { BasisBadge, SourcesDisclosure } from '../components/sources.tsx';
import { todayIso } from '../components/date-control.tsx';
import { nameOf, useScenario } from '../context.ts';
import { addDays, day, formatDate } from '../format.ts';
import { navigate, withQuery, type Route } from '../router.ts';
import type { EventFact } from '../types.ts';

function actorsOf(e: EventFact): string[] {
  const out = new Set<string>();
  for (const p of e.participants) out.add(p.iso2 ?? p.name);
  for (const s of e.statements) {
    for (const party of s.parties) out.add(party);
    for (const c of s.commitments) for (const by of c.by) out.add(by);
  }
  return [...out];
}

/** Many parties read better as a count, with the names on hover. */
function partyList(codes: readonly string[], names: ReadonlyMap<string, string>): string {
  return codes.length > 6
    ? `${codes.length} members`
    : codes.map((c) => nameOf(names, c)).join(', ');
}

export function TimelinePage({ route }: { route: Route }) {
  const { scenario, names, asOf } = useScenario();
  const events = useApi<{ events: EventFact[] }>(scenarioPath(scenario.id, '/events'));
  if (events.error !== undefined) return <ErrorBox error={events.error} what="the events" />;
  if (events.data === undefined) return <Loading what="the timeline" />;
  const all = events.data.events;
  const date = asOf ?? todayIso();
  const kinds = [...new Set(all.map((e) => e.kind))].sort();
  const actors = [...new Set(all.flatMap(actorsOf))].sort((a, b) =>
    nameOf(names, a).localeCompare(nameOf(names, b)),
  );
  const kindFilter = route.query.get('kinds');
  const shownKinds = new Set(kindFilter === null ? kinds : kindFilter.split(',').filter(Boolean));
  const actor = route.query.get('actor') ?? '';
  const filtered = all
    .filter((e) => shownKinds.has(e.kind))
    .filter((e) => actor === '' || actorsOf(e).includes(actor))
    .sort((a, b) => a.start.localeCompare(b.start));
  // By default the year before the date and the half-year after it; `range=all` for everything.
  const from = addDays(date, -365);
  const to = addDays(date, 183);
  const windowed = filtered.filter((e) => (e.end ?? e.start) >= from && e.start <= to);
  const wantAll = route.query.get('range') === 'all';
  const shown = wantAll || windowed.length === 0 ? filtered : windowed;
  const toggleKind = (k: string) => {
    const next = new Set(shownKinds);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    const value = next.size === kinds.length ? undefined : [...next].sort().join(',');
    navigate(withQuery(route, { kinds: value ?? undefined }), { replace: true });
  };
  return (
    <div className="timeline-page" data-ready="true">
      <fieldset className="filters">
        <legend>Filter</legend>
        {kinds.map((k) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              checked={shownKinds.has(k)}
              onChange={() => {
                toggleKind(k);
              }}
            />{' '}
            {k}
          </label>
        ))}
        <label className="check">
          <input
            type="checkbox"
            checked={wantAll}
            onChange={() => {
              navigate(withQuery(route, { range: wantAll ? undefined : 'all' }), { replace: true });
            }}
          />{' '}
          every year ({filtered.length} events; otherwise {formatDate(from)} to {formatDate(to)})
        </label>
        <label>
          Actor{' '}
          <select
            value={actor}
            onChange={(e) => {
              navigate(withQuery(route, { actor: e.target.value }), { replace: true });
            }}
          >
            <option value="">everyone</option>
            {actors.map((a) => (
              <option key={a} value={a}>
                {nameOf(names, a)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {shown.length === 0 ? (
        <p>No event matches these filters.</p>
      ) : (
        <PlotFigure
          label={`Timeline of ${shown.length} events; the line marks ${date}`}
          deps={[shown, date]}
          build={() =>
            Plot.plot({
              width: 960,
              height: 60 + 36 * new Set(shown.map((e) => e.kind)).size,
              marginLeft: 90,
              x: { type: 'utc', label: null, grid: true },
              y: { label: null },
              marks: [
                Plot.ruleX([day(date)], { stroke: '#1d3557', strokeDasharray: '4,3' }),
                Plot.ruleY(
                  shown.filter((e) => e.end !== undefined),
                  {
                    y: 'kind',
                    x1: (e: EventFact) => day(e.start),
                    x2: (e: EventFact) => day(e.end ?? e.start),
                    strokeWidth: 6,
                    stroke: '#0072B2',
                  },
                ),
                Plot.dot(shown, {
                  x: (e: EventFact) => day(e.start),
                  y: 'kind',
                  r: 5,
                  fill: (e: EventFact) => (e.start <= date ? '#0072B2' : '#ffffff'),
                  stroke: '#0072B2',
                  title: (e: EventFact) => `${e.start}: ${e.title}`,
                }),
              ],
            })
          }
        />
      )}
      <ol className="events">
        {shown.map((e) => (
          <li key={e.id} className={e.start > date ? 'future' : undefined} data-event={e.id}>
            <h3>
              <time dateTime={e.start}>
                {formatDate(e.start)}
                {e.end !== undefined && e.end !== e.start ? `–${formatDate(e.end)}` : ''}
              </time>{' '}
              <span className="tag">{e.kind}</span> {e.title} <BasisBadge basis={e.basis} />
              {e.start > date ? <span className="muted"> (after the view’s date)</span> : null}
            </h3>
            {e.place !== undefined ? <p>Place: {e.place}</p> : null}
            {e.participants.length > 0 ? (
              <p>
                With:{' '}
                {e.participants
                  .map(
                    (p) =>
                      `${p.name}${p.role !== undefined ? ` (${p.role}` : ''}${
                        p.iso2 !== undefined
                          ? `${p.role !== undefined ? ', ' : ' ('}${p.iso2})`
                          : p.role !== undefined
                            ? ')'
                            : ''
                      }`,
                  )
                  .join('; ')}
              </p>
            ) : null}
            {e.statements.map((s) => (
              <div key={s.title} className="statement">
                <p>
                  <strong>{s.title}</strong>
                  {s.parties.length > 0 ? (
                    <span title={s.parties.map((p) => nameOf(names, p)).join(', ')}>
                      {' '}
                      — {partyList(s.parties, names)}
                    </span>
                  ) : null}
                </p>
                {s.summary !== undefined ? <p>{s.summary}</p> : null}
                {s.commitments.length > 0 ? (
                  <ul>
                    {s.commitments.map((c) => (
                      <li key={c.text}>
                        Commitment by {partyList(c.by, names)}
                        {c.to !== undefined && c.to.length > 0
                          ? ` to ${partyList(c.to, names)}`
                          : ''}
                        : {c.text}
                        {c.due !== undefined ? ` (due ${formatDate(c.due)})` : ''}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ))}
            {e.note !== undefined ? <p className="note">{e.note}</p> : null}
            <SourcesDisclosure citations={e.sources} />
          </li>
        ))}
      </ol>
    </div>
  );
}
