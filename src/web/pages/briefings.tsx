/**
 * Briefings in, reviewed facts out. The briefing's text with every proposed fact's words
 * highlighted, the facts beside it, and for a signed-in reviewer: accept (optionally editing),
 * merge into a stored fact, or reject with a reason. A new briefing can be pasted in.
 * Everything a briefing says is rendered as text by React, never as HTML.
 */
import { useState, type ReactNode } from 'react';
import { ApiError, invalidateAll, request, useApi } from '../api.ts';
import { ErrorBox, Loading } from '../components/feedback.tsx';
import { Link } from '../components/link.tsx';
import { useScenario } from '../context.ts';
import { formatDate } from '../format.ts';
import { navigate, withQuery, type Route } from '../router.ts';
import { STANCES } from '../stances.ts';

interface BriefingRecord {
  readonly id: string;
  readonly scenario: string;
  readonly title: string;
  readonly published?: string;
  readonly source?: string;
  readonly reliability: string;
  readonly ingestedBy: string;
  readonly ingestedAt: string;
  readonly facts?: Readonly<Record<string, number>>;
}

interface ProposedFact {
  readonly id: string;
  readonly kind: string;
  readonly span: readonly [number, number];
  readonly text: string;
  readonly confidence: number;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly status: string;
  readonly reason?: string;
  readonly reviewer?: string;
  readonly result: readonly { readonly type: string; readonly id: string }[];
  readonly version: number;
}

interface BriefingDetail {
  readonly briefing: BriefingRecord;
  readonly text: string;
  readonly facts: readonly ProposedFact[];
}

/** Cut the text at every span boundary; each piece knows which facts cover it. */
export function segments(
  text: string,
  facts: readonly { readonly id: string; readonly span: readonly [number, number] }[],
): { start: number; end: number; facts: string[] }[] {
  const cuts = new Set<number>([0, text.length]);
  for (const f of facts) {
    cuts.add(Math.max(0, Math.min(text.length, f.span[0])));
    cuts.add(Math.max(0, Math.min(text.length, f.span[1])));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: { start: number; end: number; facts: string[] }[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? start;
    if (end <= start) continue;
    out.push({
      start,
      end,
      facts: facts.filter((f) => f.span[0] <= start && f.span[1] >= end).map((f) => f.id),
    });
  }
  return out;
}

function describe(f: ProposedFact): string {
  const p = f.payload;
  const s = (k: string) => (typeof p[k] === 'string' ? p[k] : undefined);
  switch (f.kind) {
    case 'event':
      return [s('what'), s('start'), s('end') !== s('start') ? s('end') : undefined, s('place')]
        .filter(Boolean)
        .join(' · ');
    case 'actor':
      return [s('type'), s('name'), s('iso2'), s('role')].filter(Boolean).join(' · ');
    case 'stance': {
      const actor = p.actor;
      const name =
        typeof actor === 'object' &&
        actor !== null &&
        'name' in actor &&
        typeof actor.name === 'string'
          ? actor.name
          : '?';
      return `${name}: ${s('stance') ?? '?'} on ${s('topic') ?? '?'} (${s('candidate') ?? '?'})`;
    }
    case 'engagement':
      return [s('what'), s('date'), s('place')].filter(Boolean).join(' · ');
    case 'statement':
      return s('title') ?? '';
    case 'attribution':
      return `${s('phrase') ?? ''} → credibility ${typeof p.credibility === 'number' ? p.credibility : '?'}`;
    default:
      return '';
  }
}

function Highlighted({
  detail,
  selected,
  onSelect,
}: {
  detail: BriefingDetail;
  selected: string | undefined;
  onSelect: (id: string) => void;
}) {
  const pieces = segments(detail.text, detail.facts);
  const nodes: ReactNode[] = pieces.map((seg) => {
    const words = detail.text.slice(seg.start, seg.end);
    if (seg.facts.length === 0) return <span key={seg.start}>{words}</span>;
    const active = selected !== undefined && seg.facts.includes(selected);
    return (
      <mark
        key={seg.start}
        className={active ? 'span active' : 'span'}
        data-facts={seg.facts.join(' ')}
        onClick={() => {
          const first = seg.facts[0];
          if (first !== undefined) onSelect(first);
        }}
      >
        {words}
      </mark>
    );
  });
  return (
    // Focusable so keyboard users can scroll a long text.
    <div
      className="briefing-text"
      data-testid="briefing-text"
      tabIndex={0}
      role="region"
      aria-label="Text of the briefing, proposed facts highlighted"
    >
      {nodes}
    </div>
  );
}

function ReviewActions({
  fact,
  onDone,
}: {
  fact: ProposedFact;
  onDone: (message: string) => void;
}) {
  const { scenario } = useScenario();
  const [error, setError] = useState<string | undefined>(undefined);
  const [mode, setMode] = useState<'none' | 'edit' | 'merge' | 'reject'>('none');
  const run = (action: string, body: Record<string, unknown>) => {
    setError(undefined);
    request<unknown>('POST', `/api/v1/briefings/facts/${encodeURIComponent(fact.id)}/${action}`, {
      expectedVersion: fact.version,
      ...body,
    }).then(
      () => {
        invalidateAll();
        onDone(
          `${fact.id}: ${action === 'accept' ? 'accepted' : action === 'merge' ? 'merged' : 'rejected'}`,
        );
      },
      (e: unknown) => {
        setError(e instanceof ApiError ? e.message : String(e));
      },
    );
  };
  const editOf = (form: HTMLFormElement): Record<string, unknown> => {
    const data = new FormData(form);
    const edit: Record<string, unknown> = {};
    for (const [key, value] of data.entries()) {
      if (typeof value !== 'string' || value.trim() === '') continue;
      if (key === 'members') edit.members = value.split(/[\s,]+/).filter(Boolean);
      else if (key === 'credibility') edit.credibility = Number(value);
      else edit[key] = value.trim();
    }
    return edit;
  };
  return (
    <div className="review-actions">
      <button
        type="button"
        onClick={() => {
          run('accept', {});
        }}
      >
        Accept
      </button>
      <button
        type="button"
        aria-expanded={mode === 'edit'}
        onClick={() => {
          setMode(mode === 'edit' ? 'none' : 'edit');
        }}
      >
        Edit and accept…
      </button>
      <button
        type="button"
        aria-expanded={mode === 'merge'}
        onClick={() => {
          setMode(mode === 'merge' ? 'none' : 'merge');
        }}
      >
        Merge…
      </button>
      <button
        type="button"
        aria-expanded={mode === 'reject'}
        onClick={() => {
          setMode(mode === 'reject' ? 'none' : 'reject');
        }}
      >
        Reject…
      </button>
      {mode === 'edit' ? (
        <form
          className="review-form"
          aria-label={`Edit ${fact.id} before accepting`}
          onSubmit={(e) => {
            e.preventDefault();
            run('accept', { edit: editOf(e.currentTarget) });
          }}
        >
          {fact.kind === 'stance' ? (
            <>
              <label>
                Decision{' '}
                <select name="decision" defaultValue="">
                  <option value="">(the one that fits the topic)</option>
                  {scenario.decisionList.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.title}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Members (ISO codes) <input name="members" placeholder="e.g. PL EE LV LT" />
              </label>
              <label>
                Stance{' '}
                <select name="stance" defaultValue="">
                  <option value="">(as proposed)</option>
                  {STANCES.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Date <input name="date" type="date" />
              </label>
            </>
          ) : fact.kind === 'attribution' || fact.kind === 'actor' ? null : (
            <>
              <label>
                Title <input name="title" />
              </label>
              <label>
                Start <input name="start" type="date" />
              </label>
              <label>
                End <input name="end" type="date" />
              </label>
              <label>
                Place <input name="place" />
              </label>
            </>
          )}
          <label>
            Credibility{' '}
            <select name="credibility" defaultValue="">
              <option value="">(suggested)</option>
              {[1, 2, 3, 4, 5, 6].map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label>
            Note <input name="note" />
          </label>
          <button type="submit">Accept with these changes</button>
        </form>
      ) : null}
      {mode === 'merge' ? (
        <form
          className="review-form"
          aria-label={`Merge ${fact.id}`}
          onSubmit={(e) => {
            e.preventDefault();
            const into = new FormData(e.currentTarget).get('into');
            run('merge', { into: typeof into === 'string' ? into.trim() : '' });
          }}
        >
          <label>
            Merge into (an event, a position or a reviewed fact id) <input name="into" required />
          </label>
          <button type="submit">Merge</button>
        </form>
      ) : null}
      {mode === 'reject' ? (
        <form
          className="review-form"
          aria-label={`Reject ${fact.id}`}
          onSubmit={(e) => {
            e.preventDefault();
            const reason = new FormData(e.currentTarget).get('reason');
            run('reject', { reason: typeof reason === 'string' ? reason.trim() : '' });
          }}
        >
          <label>
            Reason <input name="reason" required />
          </label>
          <button type="submit">Reject</button>
        </form>
      ) : null}
      {error !== undefined ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function BriefingView({ id, route }: { id: string; route: Route }) {
  const [message, setMessage] = useState<string | undefined>(undefined);
  const detail = useApi<BriefingDetail>(`/api/v1/briefings/${encodeURIComponent(id)}`);
  const me = useApi<{ principal: { role: string } | null }>('/api/v1/auth/me');
  const selected = route.query.get('fact') ?? undefined;
  const kind = route.query.get('kind') ?? '';
  const status = route.query.get('status') ?? '';
  if (detail.error !== undefined) return <ErrorBox error={detail.error} what="the briefing" />;
  if (detail.data === undefined) return <Loading what="the briefing" />;
  const d = detail.data;
  const canReview = me.data?.principal !== null && me.data?.principal !== undefined;
  const facts = d.facts
    .filter((f) => kind === '' || f.kind === kind)
    .filter((f) => status === '' || f.status === status);
  const select = (fact: string) => {
    navigate(withQuery(route, { fact }), { replace: true });
    document.getElementById(`fact-${fact}`)?.scrollIntoView({ block: 'nearest' });
  };
  return (
    <div className="briefing" data-briefing={d.briefing.id}>
      <h2>{d.briefing.title}</h2>
      <p className="muted">
        {d.briefing.source ?? 'unnamed source'} (reliability {d.briefing.reliability})
        {d.briefing.published !== undefined
          ? `, published ${formatDate(d.briefing.published)}`
          : ''}
        ; ingested by {d.briefing.ingestedBy}.
      </p>
      {message !== undefined ? (
        <p role="status" className="done">
          {message}
        </p>
      ) : null}
      <div className="briefing-grid">
        <Highlighted detail={{ ...d, facts }} selected={selected} onSelect={select} />
        <section aria-labelledby="facts-heading" className="facts">
          <h3 id="facts-heading">Proposed facts ({facts.length})</h3>
          <div className="filters">
            <label>
              Kind{' '}
              <select
                value={kind}
                onChange={(e) => {
                  navigate(withQuery(route, { kind: e.target.value }), { replace: true });
                }}
              >
                <option value="">all</option>
                {['event', 'actor', 'engagement', 'stance', 'statement', 'attribution'].map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Status{' '}
              <select
                value={status}
                onChange={(e) => {
                  navigate(withQuery(route, { status: e.target.value }), { replace: true });
                }}
              >
                <option value="">all</option>
                {['proposed', 'accepted', 'merged', 'rejected'].map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {!canReview ? (
            <p className="muted">Sign in as an analyst, secretariat or admin to review.</p>
          ) : null}
          <ol className="fact-list">
            {facts.map((f) => (
              <li
                key={f.id}
                id={`fact-${f.id}`}
                className={f.id === selected ? 'selected' : undefined}
                data-fact={f.id}
                data-kind={f.kind}
                data-status={f.status}
              >
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    select(f.id);
                  }}
                >
                  <span className="tag">{f.kind}</span> {describe(f)}
                </button>
                <q className="quote">{f.text}</q>
                <p className="muted">
                  confidence {f.confidence.toFixed(2)} · {f.status}
                  {f.reviewer !== undefined ? ` by ${f.reviewer}` : ''}
                  {f.reason !== undefined ? ` — ${f.reason}` : ''}
                  {f.result.length > 0
                    ? ` → ${f.result.map((r) => `${r.type} ${r.id}`).join(', ')}`
                    : ''}
                </p>
                {canReview && f.status === 'proposed' ? (
                  <ReviewActions
                    fact={f}
                    onDone={(m) => {
                      setMessage(m);
                    }}
                  />
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </div>
  );
}

function IngestForm({ onIngested }: { onIngested: (id: string) => void }) {
  const { scenario } = useScenario();
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  return (
    <details className="ingest">
      <summary>Add a briefing</summary>
      <form
        aria-label="Add a briefing"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const body: Record<string, unknown> = { scenario: scenario.id };
          for (const key of ['text', 'title', 'published', 'source', 'reliability']) {
            const v = data.get(key);
            if (typeof v === 'string' && v.trim() !== '') body[key] = key === 'text' ? v : v.trim();
          }
          setBusy(true);
          request<{ briefing: { id: string }; duplicate: boolean }>(
            'POST',
            '/api/v1/briefings',
            body,
          ).then(
            (res) => {
              setBusy(false);
              setError(undefined);
              invalidateAll();
              onIngested(res.briefing.id);
            },
            (err: unknown) => {
              setBusy(false);
              setError(err instanceof ApiError ? err.message : String(err));
            },
          );
        }}
      >
        <label>
          Text of the briefing
          <textarea name="text" rows={8} required />
        </label>
        <div className="row">
          <label>
            Title <input name="title" />
          </label>
          <label>
            Published <input name="published" type="date" />
          </label>
          <label>
            Source <input name="source" />
          </label>
          <label>
            Reliability{' '}
            <select name="reliability" defaultValue="">
              <option value="">—</option>
              {['A', 'B', 'C', 'D', 'E', 'F'].map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'Extracting…' : 'Extract facts'}
        </button>
        {error !== undefined ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
    </details>
  );
}

export function BriefingsPage({ route }: { route: Route }) {
  const { scenario } = useScenario();
  const list = useApi<{ briefings: BriefingRecord[] }>(
    `/api/v1/briefings?scenario=${encodeURIComponent(scenario.id)}`,
  );
  const open = route.query.get('briefing') ?? undefined;
  if (list.error !== undefined) return <ErrorBox error={list.error} what="the briefings" />;
  if (list.data === undefined) return <Loading what="the briefings" />;
  return (
    <div className="briefings-page" data-ready="true">
      <IngestForm
        onIngested={(id) => {
          navigate(withQuery(route, { briefing: id, fact: undefined }));
        }}
      />
      {list.data.briefings.length === 0 ? (
        <p>No briefings yet for this scenario. Add one above, or with `npx accord ingest`.</p>
      ) : (
        <table className="briefing-list">
          <caption>Briefings ({list.data.briefings.length})</caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Source</th>
              <th scope="col">Published</th>
              <th scope="col">Facts</th>
            </tr>
          </thead>
          <tbody>
            {list.data.briefings.map((b) => (
              <tr key={b.id} className={b.id === open ? 'selected' : undefined}>
                <th scope="row">
                  <Link to={withQuery(route, { briefing: b.id, fact: undefined })}>{b.title}</Link>
                </th>
                <td>
                  {b.source ?? '—'} ({b.reliability})
                </td>
                <td>{formatDate(b.published)}</td>
                <td>
                  {Object.entries(b.facts ?? {})
                    .filter(([, n]) => n > 0)
                    .map(([k, n]) => `${n} ${k}`)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open !== undefined ? <BriefingView key={open} id={open} route={route} /> : null}
    </div>
  );
}
