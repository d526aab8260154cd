/**
 * The overview: the candidate's stage; every decision's consensus state (supporters, conditional
 * supporters with their unmet conditions, incremental, blockers, undeclared) with its sources; a
 * map of the members coloured by stance on the chosen decision; the groups' stances; cohesion.
 */
import { useEffect, useState } from 'react';
import { asOfQuery, scenarioPath, useApi } from '../api.ts';
import { ErrorBox, Loading } from '../components/feedback.tsx';
import { MemberMap } from '../components/member-map.tsx';
import { PositionPanel } from '../components/position-panel.tsx';
import { BasisBadge, SourcesDisclosure } from '../components/sources.tsx';
import { MemberChips, Swatch } from '../components/stance.tsx';
import { nameOf, useScenario } from '../context.ts';
import { useStatusAndDecisions } from '../status.ts';
import { STANCE_LABEL, formatDate, percent, plural, type StanceOrNone } from '../format.ts';
import { navigate, withQuery, type Route } from '../router.ts';
import type { Citation, DecisionStatus, MembersView } from '../types.ts';

/** The decision to look at first: the earliest still open as of the date, else the last taken. */
export function nextDecision(
  decisions: readonly DecisionStatus[],
  asOf: string,
): DecisionStatus | undefined {
  const open = decisions
    .filter((d) => d.outcome === null && (d.due === null || d.due >= asOf))
    .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999'));
  return open[0] ?? decisions.at(-1);
}

/**
 * The decision the map shows unless the URL names one: the next decision when members have
 * spoken on it, otherwise the most divided one (highest stance entropy) — where the map says most.
 */
export function mapDecision(
  decisions: readonly DecisionStatus[],
  next: DecisionStatus | undefined,
): DecisionStatus | undefined {
  const declared = (d: DecisionStatus) => d.undeclared.length < d.positions.length;
  if (next !== undefined && declared(next)) return next;
  const divided = [...decisions]
    .filter(declared)
    .sort((a, b) => b.cohesion.entropy - a.cohesion.entropy)[0];
  return divided ?? next;
}

export function stanceMap(d: DecisionStatus): Map<string, StanceOrNone> {
  return new Map(d.positions.map((p) => [p.member, p.stance]));
}

function groupSummary(
  members: readonly string[],
  stances: ReadonlyMap<string, StanceOrNone>,
): string {
  const counts = new Map<StanceOrNone, number>();
  for (const m of members) {
    const s = stances.get(m) ?? 'non-member';
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([s, n]) => `${n} ${STANCE_LABEL[s]}`)
    .join(', ');
}

function DecisionCard({
  d,
  isNext,
  onMember,
}: {
  d: DecisionStatus;
  isNext: boolean;
  onMember: (member: string) => void;
}) {
  const { scenario, names } = useScenario();
  const conditionTitle = (id: string) => scenario.conditions.find((c) => c.id === id)?.title ?? id;
  const citations: Citation[] = [
    ...(d.outcome?.sources ?? []),
    ...d.positions.flatMap((p) => p.sources),
  ];
  return (
    <article
      className={`decision ${isNext ? 'next' : ''}`}
      aria-labelledby={`decision-${d.id}`}
      data-decision={d.id}
    >
      <header>
        <h3 id={`decision-${d.id}`}>{d.title}</h3>
        <p>
          <span className={`pill ${d.status}`} data-testid="consensus-state">
            {d.status === 'consensus' ? 'Consensus' : 'No consensus'}
          </span>{' '}
          {isNext ? <span className="tag">next decision</span> : null}
          {d.due !== null ? <span className="muted"> due {formatDate(d.due)}</span> : null}
        </p>
      </header>
      <p className="explanation">{d.explanation}</p>
      {d.outcome !== null ? (
        <p>
          Outcome: <strong>{d.outcome.result}</strong> on {formatDate(d.outcome.date)}{' '}
          <BasisBadge basis={d.outcome.basis} />
          <span className="muted"> (members as they stood on {formatDate(d.evaluatedOn)})</span>
          {d.outcome.note !== undefined ? <span className="note"> {d.outcome.note}</span> : null}
        </p>
      ) : null}
      <dl className="sides">
        <dt>
          <Swatch stance="support" /> Supporters ({d.supporters.length})
        </dt>
        <dd>
          <MemberChips members={d.supporters} onSelect={onMember} />
        </dd>
        {d.conditional.length > 0 ? (
          <>
            <dt>
              <Swatch stance="support_with_conditions" /> Conditional ({d.conditional.length})
            </dt>
            <dd>
              <ul className="conditional">
                {d.conditional.map((c) => (
                  <li key={c.member}>
                    <button
                      type="button"
                      className="chip"
                      onClick={() => {
                        onMember(c.member);
                      }}
                    >
                      {nameOf(names, c.member)}
                    </button>{' '}
                    {c.unmet.length === 0
                      ? 'its conditions are met'
                      : `waits for: ${c.unmet.map(conditionTitle).join('; ')}`}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {d.incremental.length > 0 ? (
          <>
            <dt>
              <Swatch stance="incremental" /> Incremental steps ({d.incremental.length})
            </dt>
            <dd>
              <MemberChips members={d.incremental} onSelect={onMember} />
            </dd>
          </>
        ) : null}
        <dt>
          <Swatch stance="block" /> Blockers ({d.blockers.length})
        </dt>
        <dd>
          <MemberChips members={d.blockers} onSelect={onMember} />
          {d.blockerConditions.length > 0 ? (
            <ul className="conditional">
              {d.blockerConditions.map((c) => (
                <li key={c.member}>
                  {nameOf(names, c.member)} lifts its block once:{' '}
                  {c.unmet.map(conditionTitle).join('; ')}
                </li>
              ))}
            </ul>
          ) : null}
        </dd>
        <dt>
          <Swatch stance="undeclared" /> Undeclared ({d.undeclared.length})
        </dt>
        <dd>
          <MemberChips members={d.undeclared} onSelect={onMember} />
        </dd>
      </dl>
      <p className="cohesion">
        Cohesion: the largest bloc ({d.cohesion.largestBloc ?? '—'}) holds{' '}
        {percent(d.cohesion.largestBlocShare)} of members; stance entropy{' '}
        {d.cohesion.entropy.toFixed(2)}.
      </p>
      {d.conflicts.length > 0 ? (
        <p className="warning">
          Same-day conflicting reports, settled by source grade, for{' '}
          {d.conflicts.map((c) => nameOf(names, c.member)).join(', ')}.
        </p>
      ) : null}
      <SourcesDisclosure citations={citations} label="Sources behind these figures" />
    </article>
  );
}

/** Behind the member count: each member, the day it joined, and the source for it. */
function MembersBasis({ asOf }: { asOf: string }) {
  const { scenario } = useScenario();
  const [open, setOpen] = useState(false);
  const members = useApi<MembersView>(
    open ? scenarioPath(scenario.id, `/members${asOfQuery(asOf)}`) : null,
  );
  return (
    <details
      className="members-basis"
      onToggle={(e) => {
        setOpen(e.currentTarget.open);
      }}
    >
      <summary>Who the members are, since when, and on what source</summary>
      {members.error !== undefined ? (
        <ErrorBox error={members.error} what="the members" />
      ) : members.data === undefined ? (
        <Loading what="the members" />
      ) : (
        <table>
          <caption>Members as of {formatDate(members.data.asOf)}</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Joined</th>
              <th scope="col">Basis and sources</th>
            </tr>
          </thead>
          <tbody>
            {members.data.members.map((m) => (
              <tr key={m.iso2}>
                <th scope="row">{m.name}</th>
                <td>{formatDate(m.joined)}</td>
                <td>
                  <BasisBadge basis={m.basis} /> <SourcesDisclosure citations={m.sources} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

export function OverviewPage({ route }: { route: Route }) {
  const { scenario, names } = useScenario();
  const { status, decisions } = useStatusAndDecisions();
  const [panel, setPanel] = useState<{ decision: string; member: string } | undefined>();
  const complete = status.data !== undefined && decisions.data !== undefined;
  useEffect(() => {
    // For bench/dashboard.ts: the moment every figure of the overview is on screen.
    if (complete) performance.mark('accord:overview-data');
  }, [complete]);
  if (status.error !== undefined) return <ErrorBox error={status.error} what="the status" />;
  if (decisions.error !== undefined)
    return <ErrorBox error={decisions.error} what="the decisions" />;
  if (status.data === undefined || decisions.data === undefined)
    return <Loading what="the overview" />;
  const s = status.data;
  const ds = decisions.data;
  const next = nextDecision(ds, s.asOf);
  const chosenId = route.query.get('decision');
  const chosen = ds.find((d) => d.id === chosenId) ?? mapDecision(ds, next);
  const stances = chosen === undefined ? new Map<string, StanceOrNone>() : stanceMap(chosen);
  return (
    <div className="overview" data-ready={status.loading || decisions.loading ? 'false' : 'true'}>
      <section aria-labelledby="members-heading" className="summary">
        <h2 id="members-heading">
          {s.alliance.name}: <span data-testid="member-count">{s.alliance.members.length}</span>{' '}
          members as of {formatDate(s.asOf)}
        </h2>
        <MembersBasis asOf={s.asOf} />
        <ul className="candidates">
          {s.candidates.map((c) => (
            <li key={c.iso2} data-candidate={c.iso2}>
              <strong>{c.name}</strong>: {c.isMember ? 'member' : (c.stage ?? 'no stage recorded')}
              {c.isMember && c.accession !== null ? ` since ${formatDate(c.accession)}` : ''}
              {!c.isMember && c.ratified.length + c.outstanding.length > 0
                ? ` — ratified by ${c.ratified.length} of ${
                    c.ratified.length + c.outstanding.length
                  } members`
                : ''}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">Decisions ({plural(ds.length, 'decision')})</h2>
        <div className="decisions">
          {ds.map((d) => (
            <DecisionCard
              key={d.id}
              d={d}
              isNext={d.id === next?.id}
              onMember={(member) => {
                setPanel({ decision: d.id, member });
              }}
            />
          ))}
        </div>
      </section>

      {panel !== undefined ? (
        <PositionPanel
          decision={panel.decision}
          member={panel.member}
          onClose={() => {
            setPanel(undefined);
          }}
        />
      ) : null}

      <section aria-labelledby="map-heading" className="map-section">
        <h2 id="map-heading">Map</h2>
        <label>
          Colour the members by their stance on{' '}
          <select
            value={chosen?.id ?? ''}
            onChange={(e) => {
              navigate(withQuery(route, { decision: e.target.value }), { replace: true });
            }}
          >
            {ds.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </select>
        </label>
        <MemberMap stances={stances} title={chosen?.title ?? ''} />
      </section>

      <section aria-labelledby="groups-heading">
        <h2 id="groups-heading">Groups</h2>
        {scenario.groups.length === 0 ? (
          <p className="muted">This scenario names no groups.</p>
        ) : (
          <table className="groups">
            <caption>
              Each group’s stances on “{chosen?.title ?? ''}” as of {formatDate(s.asOf)}
            </caption>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">Members and stances</th>
                <th scope="col">Basis</th>
              </tr>
            </thead>
            <tbody>
              {scenario.groups.map((g) => (
                <tr key={g.id}>
                  <th scope="row">
                    {g.name}
                    {g.note !== undefined ? <p className="note">{g.note}</p> : null}
                  </th>
                  <td>
                    <p className="group-summary">{groupSummary(g.members, stances)}</p>
                    <ul className="chips">
                      {g.members.map((m) => {
                        const st = stances.get(m) ?? 'non-member';
                        return (
                          <li key={m} title={`${nameOf(names, m)}: ${STANCE_LABEL[st]}`}>
                            <Swatch stance={st} />
                            {m}
                            <span className="sr-only">: {STANCE_LABEL[st]}</span>
                          </li>
                        );
                      })}
                    </ul>
                  </td>
                  <td>
                    <BasisBadge basis={g.basis} />
                    <SourcesDisclosure citations={g.sources} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
