/**
 * A small router over the History API: the whole view state (scenario, page, date, filters) lives
 * in the URL, so any view can be shared by copying the address.
 */
import { useSyncExternalStore } from 'react';

export const PAGES = [
  'overview',
  'positions',
  'roadmap',
  'timeline',
  'ratifications',
  'briefings',
  'forecast',
] as const;
export type PageId = (typeof PAGES)[number];

export const PAGE_TITLES: Readonly<Record<PageId, string>> = {
  overview: 'Overview',
  positions: 'Positions',
  roadmap: 'Roadmap',
  timeline: 'Timeline',
  ratifications: 'Ratifications',
  briefings: 'Briefings',
  forecast: 'Forecast',
};

export interface Route {
  /** Undefined on `/`: the app then picks a scenario. */
  readonly scenario: string | undefined;
  /** Undefined for an unknown page name (shown as "not found"). */
  readonly page: PageId | undefined;
  readonly rawPage: string;
  readonly asOf: string | undefined;
  readonly query: URLSearchParams;
}

const NAVIGATE = 'accord:navigate';

function isPage(name: string): name is PageId {
  return (PAGES as readonly string[]).includes(name);
}

export function parseRoute(pathname: string, search: string): Route {
  const query = new URLSearchParams(search);
  const parts = pathname.split('/').filter((p) => p !== '');
  const asOf = query.get('asOf') ?? undefined;
  if (parts[0] !== 's' || parts[1] === undefined) {
    return { scenario: undefined, page: 'overview', rawPage: '', asOf, query };
  }
  const rawPage = decodeURIComponent(parts[2] ?? 'overview');
  return {
    scenario: decodeURIComponent(parts[1]),
    page: isPage(rawPage) ? rawPage : undefined,
    rawPage,
    asOf,
    query,
  };
}

/** The address of a view; `undefined` values drop their parameter. */
export function href(
  scenario: string,
  page: PageId,
  query: Readonly<Record<string, string | undefined>> = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const qs = params.toString();
  return `/s/${encodeURIComponent(scenario)}/${page}${qs === '' ? '' : `?${qs}`}`;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace === true) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE, onChange);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

export function useRoute(): Route {
  const location = useSyncExternalStore(subscribe, snapshot);
  const q = location.indexOf('?');
  return parseRoute(q === -1 ? location : location.slice(0, q), q === -1 ? '' : location.slice(q));
}

/** Copy the current query, change some parameters, keep the path. */
export function withQuery(
  route: Route,
  changes: Readonly<Record<string, string | undefined>>,
): string {
  const params = new URLSearchParams(route.query);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') params.delete(key);
    else params.set(key, value);
  }
  const qs = params.toString();
  return `${window.location.pathname}${qs === '' ? '' : `?${qs}`}`;
}
