/**
 * The dashboard's shell: scenario picker, page navigation, the date control and sign-in around
 * the current page. Pages other than the overview load on demand, so the first view stays small.
 */
import { Suspense, lazy, useEffect, useMemo } from 'react';
import { getJson, scenarioPath, useApi, type ApiError } from './api.ts';
import { DateControl, todayIso } from './components/date-control.tsx';
import { ErrorBox, Loading } from './components/feedback.tsx';
import { Link } from './components/link.tsx';
import { SignIn } from './components/sign-in.tsx';
import { Scenario, type ScenarioContext } from './context.ts';
import { formatDate } from './format.ts';
import { OverviewPage } from './pages/overview.tsx';
import { PAGES, PAGE_TITLES, href, navigate, useRoute, type Route } from './router.ts';
import type { ScenarioDetail, ScenarioList, Source, StatusSummary } from './types.ts';

const PositionsPage = lazy(() =>
  import('./pages/positions.tsx').then((m) => ({ default: m.PositionsPage })),
);
const RoadmapPage = lazy(() =>
  import('./pages/roadmap.tsx').then((m) => ({ default: m.RoadmapPage })),
);
const TimelinePage = lazy(() =>
  import('./pages/timeline.tsx').then((m) => ({ default: m.TimelinePage })),
);
const BriefingsPage = lazy(() =>
  import('./pages/briefings.tsx').then((m) => ({ default: m.BriefingsPage })),
);
const ForecastPage = lazy(() =>
  import('./pages/forecast.tsx').then((m) => ({ default: m.ForecastPage })),
);
const RatificationsPage = lazy(() =>
  import('./pages/ratifications.tsx').then((m) => ({ default: m.RatificationsPage })),
);

/** `/` opens the first open case (a candidate not yet a member), else the first scenario. */
function ChooseScenario({ route }: { route: Route }) {
  const list = useApi<ScenarioList>('/api/v1/scenarios');
  useEffect(() => {
    const scenarios = list.data?.scenarios;
    if (scenarios === undefined || scenarios.length === 0) return;
    let live = true;
    Promise.all(
      scenarios.map((s) =>
        getJson<StatusSummary>(scenarioPath(s.id, '/status')).then(
          (st) => st.candidates.some((c) => !c.isMember),
          () => false,
        ),
      ),
    ).then(
      (open) => {
        if (!live) return;
        const pick = scenarios[open.indexOf(true)] ?? scenarios[0];
        if (pick !== undefined)
          navigate(href(pick.id, 'overview', { asOf: route.asOf }), { replace: true });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [list.data, route.asOf]);
  if (list.error !== undefined) return <ErrorBox error={list.error} what="the scenarios" />;
  if (list.data !== undefined && list.data.scenarios.length === 0)
    return (
      <p>
        No scenarios yet. Import one with <code>npx accord scenario import file.yaml</code>.
      </p>
    );
  return <Loading what="the scenarios" />;
}

function UnknownScenario({ error, id }: { error: ApiError; id: string }) {
  const list = useApi<ScenarioList>('/api/v1/scenarios');
  return (
    <div>
      <div className="error" role="alert">
        <strong>
          {error.status === 404 ? `There is no scenario “${id}”.` : `Could not open “${id}”.`}
        </strong>{' '}
        {error.message}
      </div>
      {list.data !== undefined && list.data.scenarios.length > 0 ? (
        <>
          <p>These scenarios exist:</p>
          <ul>
            {list.data.scenarios.map((s) => (
              <li key={s.id}>
                <Link to={href(s.id, 'overview')}>{s.title}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'overview':
      return <OverviewPage route={route} />;
    case 'positions':
      return <PositionsPage />;
    case 'roadmap':
      return <RoadmapPage />;
    case 'timeline':
      return <TimelinePage route={route} />;
    case 'ratifications':
      return <RatificationsPage />;
    case 'briefings':
      return <BriefingsPage route={route} />;
    case 'forecast':
      return <ForecastPage route={route} />;
    case undefined:
      return (
        <div className="error" role="alert">
          There is no page “{route.rawPage}”. Choose one of:{' '}
          {PAGES.map((p) => PAGE_TITLES[p]).join(', ')}.
        </div>
      );
  }
}

function ScenarioView({ route, id }: { route: Route; id: string }) {
  const detail = useApi<ScenarioDetail>(scenarioPath(id));
  const sources = useApi<{ sources: Source[] }>(scenarioPath(id, '/sources'));
  const context = useMemo<ScenarioContext | undefined>(() => {
    if (detail.data === undefined || sources.data === undefined) return undefined;
    return {
      scenario: detail.data,
      sources: new Map(sources.data.sources.map((s) => [s.id, s])),
      asOf: route.asOf,
      names: new Map<string, string>(),
    };
  }, [detail.data, sources.data, route.asOf]);
  const members = useApi<{ members: { iso2: string; name: string }[] }>(
    context === undefined ? null : scenarioPath(id, '/members?asOf=9999-12-31'),
  );
  const page = route.page ?? 'overview';
  useEffect(() => {
    const title = detail.data?.title;
    document.title = title === undefined ? 'Accord' : `${PAGE_TITLES[page]} — ${title} — Accord`;
  }, [detail.data, page]);
  if (detail.error !== undefined) return <UnknownScenario error={detail.error} id={id} />;
  if (sources.error !== undefined) return <ErrorBox error={sources.error} what="the sources" />;
  if (context === undefined) return <Loading what="the scenario" />;
  const names = new Map<string, string>(context.names);
  for (const c of context.scenario.candidates) names.set(c.iso2, c.name);
  for (const m of members.data?.members ?? []) names.set(m.iso2, m.name);
  const value: ScenarioContext = { ...context, names };
  return (
    <Scenario.Provider value={value}>
      <nav aria-label="Pages" className="pages">
        <ul>
          {PAGES.map((p) => (
            <li key={p}>
              <Link to={href(id, p, { asOf: route.asOf })} current={p === route.page}>
                {PAGE_TITLES[p]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <DateControl route={route} stops={context.scenario.keyDates} />
      <CoverageNote asOf={route.asOf} keyDates={context.scenario.keyDates} />
      <main id="main" tabIndex={-1}>
        <h1>
          {PAGE_TITLES[page]}: {context.scenario.title}
        </h1>
        <Suspense fallback={<Loading what="the page" />}>
          <Page route={route} />
        </Suspense>
      </main>
    </Scenario.Provider>
  );
}

/** Past the scenario's last key date, say so: later events are only there if it records them. */
function CoverageNote({
  asOf,
  keyDates,
}: {
  asOf: string | undefined;
  keyDates: ScenarioDetail['keyDates'];
}) {
  const last = keyDates.reduce((max, k) => (k.date > max ? k.date : max), '');
  const date = asOf ?? todayIso();
  if (last === '' || date <= last) return null;
  return (
    <p className="coverage" role="note">
      This scenario’s key dates end on {formatDate(last)}; as of {formatDate(date)} it shows only
      what it records, not what happened since.
    </p>
  );
}

function ScenarioPicker({ route }: { route: Route }) {
  const list = useApi<ScenarioList>('/api/v1/scenarios');
  if (list.data === undefined || route.scenario === undefined) return null;
  const current = route.scenario;
  return (
    <label className="picker">
      Scenario{' '}
      <select
        value={current}
        onChange={(e) => {
          navigate(href(e.target.value, route.page ?? 'overview', { asOf: route.asOf }));
        }}
      >
        {list.data.scenarios.some((s) => s.id === current) ? null : (
          <option value={current}>{current}</option>
        )}
        {list.data.scenarios.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title}
          </option>
        ))}
      </select>
    </label>
  );
}

export function App() {
  const route = useRoute();
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <p className="brand">
          <a href="/">Accord</a>
        </p>
        <ScenarioPicker route={route} />
        <SignIn />
      </header>
      {route.scenario === undefined ? (
        <main id="main">
          <ChooseScenario route={route} />
        </main>
      ) : (
        <ScenarioView key={route.scenario} route={route} id={route.scenario} />
      )}
    </>
  );
}
