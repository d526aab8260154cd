/**
 * The dashboard talks to Accord only through its HTTP API. Responses are cached per URL for the
 * life of the page (reads are cheap to keep, and moving the date back and forth is instant);
 * `invalidateAll` drops the cache after a write or a sign-in.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function errorOf(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const e = body.error;
    if (typeof e === 'object' && e !== null && 'message' in e && typeof e.message === 'string') {
      const code = 'code' in e && typeof e.code === 'string' ? e.code : 'ERROR';
      return new ApiError(status, code, e.message);
    }
  }
  return new ApiError(status, 'ERROR', `the server answered ${status}`);
}

let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== undefined) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Accord’s server cannot be reached. Is it still running?');
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError(res.status, 'BAD_RESPONSE', `the server sent something that is not JSON`);
  }
  if (!res.ok) throw errorOf(res.status, parsed);
  // The API's OpenAPI schema defines the shape; the types in types.ts mirror it.
  return parsed as T;
}

const cache = new Map<string, Promise<unknown>>();

export function getJson<T>(path: string): Promise<T> {
  const hit = cache.get(path);
  if (hit !== undefined) return hit as Promise<T>; // stored by the line below for this path
  const p = request<T>('GET', path);
  cache.set(path, p);
  p.catch(() => cache.delete(path)); // failures are retried on the next view
  return p;
}

/** Bumped by every invalidation: views that read the API fetch again when it changes. */
let generation = 0;
const listeners = new Set<() => void>();

export function invalidateAll(): void {
  cache.clear();
  generation += 1;
  for (const listener of listeners) listener();
}

function useGeneration(): number {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange);
      return () => {
        listeners.delete(onChange);
      };
    },
    () => generation,
  );
}

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  readonly loading: boolean;
}

/**
 * Fetch a path (or nothing, for `null`). While a new path loads, the previous data stays on
 * screen so the view does not flash when the date moves.
 */
export function useApi<T>(path: string | null): Loaded<T> {
  const all = useApiAll<T>(path === null ? null : [path]);
  return { data: all.data?.[0], error: all.error, loading: all.loading };
}

/** Several paths at once; `data` is set when all have arrived (and stays while the next load). */
export function useApiAll<T>(paths: readonly string[] | null): Loaded<T[]> {
  const gen = useGeneration();
  const key = paths === null ? null : `${JSON.stringify(paths)}#${gen}`;
  const [state, setState] = useState<{ key: string | null; data?: T[]; error?: ApiError }>({
    key: null,
  });
  useEffect(() => {
    if (key === null || paths === null) return;
    let live = true;
    Promise.all(paths.map((p) => getJson<T>(p))).then(
      (data) => {
        if (live) setState({ key, data });
      },
      (error: unknown) => {
        if (live)
          setState({
            key,
            error: error instanceof ApiError ? error : new ApiError(0, 'ERROR', String(error)),
          });
      },
    );
    return () => {
      live = false;
    };
    // `key` is the serialised form of `paths`, so it alone decides when to fetch again.
  }, [key]);
  const current = state.key === key;
  return {
    data: state.error !== undefined && current ? undefined : state.data,
    error: current ? state.error : undefined,
    loading: key !== null && !current,
  };
}

export function scenarioPath(scenario: string, rest = ''): string {
  return `/api/v1/scenarios/${encodeURIComponent(scenario)}${rest}`;
}

export function asOfQuery(asOf: string | undefined): string {
  return asOf === undefined ? '' : `?asOf=${encodeURIComponent(asOf)}`;
}
