import { nameOf, useScenario } from '../context.ts';
import { STANCE_COLOUR, STANCE_LABEL, type StanceOrNone } from '../format.ts';

export function Swatch({ stance }: { stance: StanceOrNone }) {
  return (
    <span className="swatch" style={{ background: STANCE_COLOUR[stance] }} aria-hidden="true" />
  );
}

export function StanceLabel({ stance }: { stance: StanceOrNone }) {
  return (
    <span className="stance">
      <Swatch stance={stance} />
      {STANCE_LABEL[stance]}
    </span>
  );
}

/** Member chips: the code, with the full name for screen readers and on hover. */
export function MemberChips({
  members,
  onSelect,
}: {
  members: readonly string[];
  onSelect?: ((iso2: string) => void) | undefined;
}) {
  const { names } = useScenario();
  if (members.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="chips">
      {members.map((m) => (
        <li key={m}>
          {onSelect === undefined ? (
            <abbr title={nameOf(names, m)}>{m}</abbr>
          ) : (
            <button
              type="button"
              className="chip"
              title={nameOf(names, m)}
              onClick={() => {
                onSelect(m);
              }}
            >
              {m}
              <span className="sr-only"> {nameOf(names, m)}</span>
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
