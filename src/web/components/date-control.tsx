/**
 * The date the whole view is "as of". It lives in the URL (?asOf=YYYY-MM-DD), so the browser's
 * back button and a shared link both reproduce the view. The scenario's key dates are stops.
 */
import { useId } from 'react';
import { formatDate, isRealDate } from '../format.ts';
import { navigate, withQuery, type Route } from '../router.ts';

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

export function DateControl({
  route,
  stops,
}: {
  route: Route;
  stops: readonly { readonly date: string; readonly label: string }[];
}) {
  const inputId = useId();
  const stopId = useId();
  const raw = route.asOf;
  const valid = raw === undefined || isRealDate(raw);
  const current = raw !== undefined && valid ? raw : todayIso();
  const sorted = [...stops].sort((a, b) => a.date.localeCompare(b.date));
  const previous = [...sorted].reverse().find((s) => s.date < current);
  const next = sorted.find((s) => s.date > current);
  const go = (date: string | undefined) => {
    navigate(withQuery(route, { asOf: date }));
  };
  return (
    <form
      className="date-control"
      aria-label="Date of the view"
      onSubmit={(e) => {
        e.preventDefault();
      }}
    >
      <label htmlFor={inputId}>As of</label>
      <input
        id={inputId}
        type="date"
        value={valid ? current : ''}
        onChange={(e) => {
          if (isRealDate(e.target.value)) go(e.target.value);
        }}
      />
      <button
        type="button"
        disabled={previous === undefined}
        onClick={() => {
          go(previous?.date);
        }}
        title={previous === undefined ? 'No earlier key date' : previous.label}
      >
        ◀ <span className="sr-only">Previous key date: </span>
        {previous === undefined ? 'Earlier' : formatDate(previous.date)}
      </button>
      <label htmlFor={stopId} className="sr-only">
        Key dates
      </label>
      <select
        id={stopId}
        value={sorted.some((s) => s.date === current) ? current : ''}
        onChange={(e) => {
          if (e.target.value !== '') go(e.target.value);
        }}
      >
        <option value="">Key dates…</option>
        {sorted.map((s) => (
          <option key={`${s.date}-${s.label}`} value={s.date}>
            {s.date} — {s.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={next === undefined}
        onClick={() => {
          go(next?.date);
        }}
        title={next === undefined ? 'No later key date' : next.label}
      >
        <span className="sr-only">Next key date: </span>
        {next === undefined ? 'Later' : formatDate(next.date)} ▶
      </button>
      <button
        type="button"
        onClick={() => {
          go(undefined);
        }}
        disabled={raw === undefined}
      >
        Today
      </button>
      {!valid ? (
        <p className="error" role="alert">
          The date in the address, “{raw}”, is not a real calendar date: use YYYY-MM-DD.
        </p>
      ) : null}
    </form>
  );
}
