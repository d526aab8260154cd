/**
 * The ratification tracker: for each candidate after its protocol is signed, who has ratified
 * (when, how, on what source) and who has not, as of the date.
 */
import { asOfQuery, scenarioPath, useApiAll } from '../api.ts';
import { ErrorBox, Loading } from '../components/feedback.tsx';
import { BasisBadge, SourcesDisclosure } from '../components/sources.tsx';
import { nameOf, useScenario } from '../context.ts';
import { formatDate } from '../format.ts';
import type { CandidateView } from '../types.ts';

function Tracker({ c }: { c: CandidateView }) {
  const { names } = useScenario();
  const total = c.ratified.length + c.outstanding.length;
  const byMember = new Map(c.ratifications.map((r) => [r.member, r]));
  const lastStage = c.stages.at(-1);
  return (
    <section className="tracker" aria-labelledby={`tracker-${c.iso2}`} data-candidate={c.iso2}>
      <h2 id={`tracker-${c.iso2}`}>{c.name}</h2>
      <p data-testid="candidate-state">
        {c.isMember ? (
          <>
            <strong>Member</strong> since {formatDate(c.accession)}.
          </>
        ) : (
          <>
            Stage: <strong>{c.stage ?? 'none recorded yet'}</strong>
            {lastStage !== undefined ? ` (since ${formatDate(lastStage.date)})` : ''}.
          </>
        )}{' '}
        {c.protocolSigned !== null
          ? `Accession protocol signed ${formatDate(c.protocolSigned)}.`
          : 'No accession protocol signed yet.'}
      </p>
      {c.protocolSigned === null ? null : (
        <>
          <div className="progress-row">
            <progress
              max={Math.max(total, 1)}
              value={c.ratified.length}
              aria-label={`${c.name}: ratified by ${c.ratified.length} of ${total} members`}
            />
            <span data-testid="ratified-count">
              {c.ratified.length} of {total} members have ratified
            </span>
          </div>
          {c.outstanding.length > 0 ? (
            <p className="outstanding">
              Not yet ratified: {c.outstanding.map((m) => nameOf(names, m)).join(', ')}
            </p>
          ) : c.isMember ? null : (
            <p>Every member has ratified; accession follows the deposit of instruments.</p>
          )}
          <table>
            <caption>Ratifications of {c.name}’s accession protocol, in order</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Member</th>
                <th scope="col">Date</th>
                <th scope="col">Step</th>
                <th scope="col">Basis and sources</th>
              </tr>
            </thead>
            <tbody>
              {c.ratified.map((m, i) => {
                const r = byMember.get(m);
                return (
                  <tr key={m}>
                    <td>{i + 1}</td>
                    <th scope="row">{nameOf(names, m)}</th>
                    <td>{formatDate(r?.date)}</td>
                    <td>{r?.kind ?? '—'}</td>
                    <td>
                      {r === undefined ? null : (
                        <>
                          <BasisBadge basis={r.basis} />
                          <SourcesDisclosure citations={r.sources} />
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

export function RatificationsPage() {
  const { scenario, asOf } = useScenario();
  const views = useApiAll<CandidateView>(
    scenario.candidates.map((c) =>
      scenarioPath(scenario.id, `/candidates/${encodeURIComponent(c.iso2)}${asOfQuery(asOf)}`),
    ),
  );
  if (views.error !== undefined) return <ErrorBox error={views.error} what="the ratifications" />;
  if (views.data === undefined) return <Loading what="the ratifications" />;
  return (
    <div className="ratifications" data-ready="true">
      {views.data.map((c) => (
        <Tracker key={c.iso2} c={c} />
      ))}
    </div>
  );
}
