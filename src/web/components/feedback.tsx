/** Loading and error states: always a sentence, never a blank area. */
import type { ApiError } from '../api.ts';

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorBox({ error, what }: { error: ApiError; what: string }) {
  return (
    <div className="error" role="alert">
      <strong>Could not load {what}.</strong> {error.message}
    </div>
  );
}
