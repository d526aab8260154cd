/**
 * The member × decision matrix as of the date. Each cell is a button: it opens the position's
 * history, conditions, reasons and sources beside the table.
 */
import { useState } from 'react';
import { ErrorBox, Loading } from '../components/feedback.tsx';
import { PositionPanel } from '../components/position-panel.tsx';
import { Swatch } from '../components/stance.tsx';
import { nameOf, useScenario } from '../context.ts';
import { useStatusAndDecisions } from '../status.ts';
import {
  STANCE_LABEL,
  STANCE_ORDER,
  STANCE_SHORT,
  formatDate,
  type StanceOrNone,
} from '../format.ts';

export function PositionsPage() {
  const { names } = useScenario();
  const { status, decisions } = useStatusAndDecisions();
  const [open, setOpen] = useState<{ decision: string; member: string } | undefined>();
  if (status.error !== undefined) return <ErrorBox error={status.error} what="the members" />;
  if (decisions.error !== undefined)
    return <ErrorBox error={decisions.error} what="the positions" />;
  if (status.data === undefined || decisions.data === undefined)
    return <Loading what="the positions" />;
  const ds = decisions.data;
  const members = [...status.data.alliance.members].sort((a, b) => a.name.localeCompare(b.name));
  const byDecision = new Map(ds.map((d) => [d.id, new Map(d.positions.map((p) => [p.member, p]))]));
  return (
    <div className="positions-page" data-ready="true">
      <p>
        Each member’s effective position as of {formatDate(status.data.asOf)} (a decision already
        taken shows its members as they stood that day). Choose a cell for the position’s history
        and sources.
      </p>
      <ul className="legend">
        {STANCE_ORDER.map((s) => (
          <li key={s}>
            <Swatch stance={s} /> {STANCE_SHORT[s]} = {STANCE_LABEL[s]}
          </li>
        ))}
      </ul>
      <div className="matrix-wrap">
        <table className="matrix">
          <caption>
            Positions of {members.length} members on {ds.length} decisions
          </caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              {ds.map((d) => (
                <th scope="col" key={d.id} title={d.title}>
                  {d.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.iso2}>
                <th scope="row">
                  {m.name} <span className="muted">{m.iso2}</span>
                </th>
                {ds.map((d) => {
                  const p = byDecision.get(d.id)?.get(m.iso2);
                  const stance: StanceOrNone = p?.stance ?? 'undeclared';
                  const selected = open?.decision === d.id && open.member === m.iso2;
                  return (
                    <td key={d.id} className={`cell stance-${stance}`}>
                      <button
                        type="button"
                        aria-pressed={selected}
                        data-member={m.iso2}
                        data-decision={d.id}
                        onClick={() => {
                          setOpen({ decision: d.id, member: m.iso2 });
                        }}
                      >
                        <Swatch stance={stance} />
                        <span aria-hidden="true">
                          {STANCE_SHORT[stance]}
                          {p !== undefined && p.conditions.length > 0 ? '*' : ''}
                        </span>
                        <span className="sr-only">
                          {`${nameOf(names, m.iso2)} on ${d.title}: ${STANCE_LABEL[stance]}${
                            p?.date !== undefined ? `, since ${p.date}` : ''
                          }${p !== undefined && p.conditions.length > 0 ? ', with conditions' : ''}`}
                        </span>
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">* the position carries conditions.</p>
      {open !== undefined ? (
        <PositionPanel
          decision={open.decision}
          member={open.member}
          onClose={() => {
            setOpen(undefined);
          }}
        />
      ) : null}
    </div>
  );
}
