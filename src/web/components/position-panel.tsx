/**
 * One member's position on one decision over time: every recorded position with its date,
 * stance, conditions, reasons and sources. The current one (as of the view's date) is marked.
 */
import { useEffect, useRef } from 'react';
import { scenarioPath, useApi } from '../api.ts';
import { nameOf, useScenario } from '../context.ts';
import { formatDate } from '../format.ts';
import type { Position } from '../types.ts';
import { ErrorBox, Loading } from './feedback.tsx';
import { BasisBadge, SourceList } from './sources.tsx';
import { StanceLabel } from './stance.tsx';

export function PositionPanel({
  decision,
  member,
  onClose,
}: {
  decision: string;
  member: string;
  onClose: () => void;
}) {
  const { scenario, names, asOf } = useScenario();
  const history = useApi<{ positions: Position[] }>(
    scenarioPath(
      scenario.id,
      `/decisions/${encodeURIComponent(decision)}/members/${encodeURIComponent(member)}/history`,
    ),
  );
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [decision, member]);
  const title = scenario.decisionList.find((d) => d.id === decision)?.title ?? decision;
  const conditionTitle = (id: string) => scenario.conditions.find((c) => c.id === id)?.title ?? id;
  const positions = history.data?.positions ?? [];
  const effective = [...positions]
    .filter((p) => asOf === undefined || p.date <= asOf)
    .sort((a, b) => a.date.localeCompare(b.date))
    .at(-1);
  return (
    <aside
      className="panel"
      aria-labelledby="position-panel-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="panel-head">
        <h2 id="position-panel-title" tabIndex={-1} ref={heading}>
          {nameOf(names, member)} on “{title}”
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {history.error !== undefined ? (
        <ErrorBox error={history.error} what="the position's history" />
      ) : history.data === undefined ? (
        <Loading what="the position's history" />
      ) : positions.length === 0 ? (
        <p>No source speaks for {nameOf(names, member)} on this decision: it is undeclared.</p>
      ) : (
        <ol className="history">
          {positions.map((p) => (
            <li key={p.id} className={p === effective ? 'current' : undefined}>
              <h3>
                {formatDate(p.date)} — <StanceLabel stance={p.stance} />{' '}
                <BasisBadge basis={p.basis} />
                {p === effective ? (
                  <span className="tag">in force as of the view’s date</span>
                ) : null}
              </h3>
              {p.conditions.length > 0 ? (
                <p>
                  Conditions:{' '}
                  {p.conditions.map((c, i) => (
                    <span key={c}>
                      {i > 0 ? '; ' : ''}
                      {conditionTitle(c)}
                    </span>
                  ))}
                </p>
              ) : null}
              {p.reasons.length > 0 ? (
                <ul className="reasons">
                  {p.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              ) : null}
              {p.note !== undefined ? <p className="note">{p.note}</p> : null}
              <h4>Sources</h4>
              <SourceList citations={p.sources} />
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
