/**
 * Members on a map of Europe, coloured by stance. The shapes are projected from world-atlas with
 * d3-geo at build time (scripts/atlas-plugin.ts) and fetched once. Members the map cannot show
 * (North America) are listed beside it, with the same colours.
 */
import { useEffect, useState } from 'react';
import { loadAtlas, type Atlas } from '../atlas.ts';
import { nameOf, useScenario } from '../context.ts';
import { STANCE_COLOUR, STANCE_LABEL, STANCE_ORDER, type StanceOrNone } from '../format.ts';
import { Swatch } from './stance.tsx';

export function MemberMap({
  stances,
  title,
}: {
  /** Stance by member ISO code; members missing here are shown as undeclared. */
  stances: ReadonlyMap<string, StanceOrNone>;
  title: string;
}) {
  const { names } = useScenario();
  const [atlas, setAtlas] = useState<Atlas | undefined>(undefined);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    loadAtlas().then(
      (a) => {
        if (live) setAtlas(a);
      },
      (e: unknown) => {
        if (live) setFailed(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, []);
  const paths = atlas?.countries ?? [];
  const WIDTH = atlas?.width ?? 640;
  const HEIGHT = atlas?.height ?? 520;
  useEffect(() => {
    // For bench/dashboard.ts: the moment the map is drawn.
    if (paths.length > 0) performance.mark('accord:map-drawn');
  }, [paths]);
  const shown = new Set(paths.map((p) => p.id));
  const offMap = [...stances.keys()].filter((m) => atlas !== undefined && !shown.has(m));
  const counts = new Map<StanceOrNone, number>();
  for (const s of stances.values()) counts.set(s, (counts.get(s) ?? 0) + 1);
  const summary = STANCE_ORDER.filter((s) => (counts.get(s) ?? 0) > 0)
    .map((s) => `${counts.get(s) ?? 0} ${STANCE_LABEL[s]}`)
    .join(', ');
  return (
    <figure className="member-map">
      {failed !== undefined ? (
        <p className="error" role="alert">
          {failed}
        </p>
      ) : (
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-label={`Map of members: ${title}. ${summary}.`}
          data-ready={atlas === undefined ? 'false' : 'true'}
        >
          <rect width={WIDTH} height={HEIGHT} className="sea" />
          {paths.map((p) => {
            const stance = stances.get(p.id) ?? 'non-member';
            return (
              <path
                key={p.id}
                d={p.d}
                fill={STANCE_COLOUR[stance]}
                className={stance === 'non-member' ? 'land' : 'land member'}
                data-iso2={p.id}
                data-stance={stance}
              >
                <title>
                  {p.name}
                  {stance === 'non-member' ? '' : `: ${STANCE_LABEL[stance]}`}
                </title>
              </path>
            );
          })}
        </svg>
      )}
      <figcaption>
        <ul className="legend">
          {STANCE_ORDER.filter((s) => (counts.get(s) ?? 0) > 0).map((s) => (
            <li key={s}>
              <Swatch stance={s} /> {STANCE_LABEL[s]} ({counts.get(s) ?? 0})
            </li>
          ))}
        </ul>
        {offMap.length > 0 ? (
          <p className="off-map">
            Not on this map:{' '}
            {offMap.map((m, i) => {
              const s = stances.get(m) ?? 'undeclared';
              return (
                <span key={m} className="stance">
                  {i > 0 ? ', ' : ''}
                  <Swatch stance={s} />
                  {nameOf(names, m)} ({STANCE_LABEL[s]})
                </span>
              );
            })}
          </p>
        ) : null}
      </figcaption>
    </figure>
  );
}
