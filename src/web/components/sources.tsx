/**
 * The basis of a fact: each citation with its Admiralty grade (source reliability A–F, item
 * credibility 1–6), the quoted words, and a link to the source. Text is rendered by React, so
 * whatever a scenario or a briefing contains is shown as text, never run as HTML.
 */
import { useScenario } from '../context.ts';
import { CREDIBILITY_WORD, RELIABILITY_WORD, formatDate, grade } from '../format.ts';
import type { Basis, Citation } from '../types.ts';

export function BasisBadge({ basis }: { basis: Basis | undefined }) {
  if (basis === undefined) return null;
  return (
    <span className={`basis basis-${basis}`} title={BASIS_TITLE[basis]}>
      {basis}
    </span>
  );
}

const BASIS_TITLE: Readonly<Record<Basis, string>> = {
  documented: 'Documented in an official text',
  reported: 'Reported by a source',
  illustrative: 'A modelling assumption, not a fact',
};

export function Grade({ citation }: { citation: Citation }) {
  const { sources } = useScenario();
  const g = grade(citation, sources);
  const reliability = sources.get(citation.source)?.reliability ?? '?';
  return (
    <abbr
      className="grade"
      title={`Source ${RELIABILITY_WORD[reliability] ?? 'of unknown reliability'}; item ${
        CREDIBILITY_WORD[citation.credibility] ?? ''
      }`}
    >
      {g}
    </abbr>
  );
}

export function SourceList({ citations }: { citations: readonly Citation[] }) {
  const { sources } = useScenario();
  if (citations.length === 0) return <p className="muted">No source speaks for this.</p>;
  return (
    <ul className="sources">
      {citations.map((c, i) => {
        const s = sources.get(c.source);
        return (
          <li key={`${c.source}-${i}`}>
            <Grade citation={c} />{' '}
            {s?.url !== undefined ? (
              <a href={s.url} rel="noreferrer noopener" target="_blank">
                {s.title}
              </a>
            ) : (
              <span>{s?.title ?? c.source}</span>
            )}
            {s?.publisher !== undefined ? <span className="muted"> — {s.publisher}</span> : null}
            {s?.published !== undefined ? (
              <span className="muted">, {formatDate(s.published)}</span>
            ) : null}
            {c.quote !== undefined ? <q className="quote">{c.quote}</q> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** A compact "N sources" disclosure for places where the list would crowd the view. */
export function SourcesDisclosure({
  citations,
  label = 'Sources',
}: {
  citations: readonly Citation[];
  label?: string;
}) {
  const unique = new Set(citations.map((c) => c.source)).size;
  return (
    <details className="sources-disclosure">
      <summary>
        {label} ({unique})
      </summary>
      <SourceList citations={citations} />
    </details>
  );
}
