/**
 * Words and colours for the dashboard. Colours come from the Okabe–Ito palette (readable with
 * the common colour-vision deficiencies), and every colour is paired with a word: nothing is
 * told by colour alone.
 */
import type { Citation, Source, Stance } from './types.ts';

export type StanceOrNone = Stance | 'undeclared' | 'non-member';

export const STANCE_LABEL: Readonly<Record<StanceOrNone, string>> = {
  support: 'supports',
  support_with_conditions: 'supports with conditions',
  incremental: 'incremental steps',
  oppose: 'opposes',
  block: 'blocks',
  undeclared: 'undeclared',
  'non-member': 'not a member',
};

export const STANCE_SHORT: Readonly<Record<StanceOrNone, string>> = {
  support: 'Yes',
  support_with_conditions: 'If',
  incremental: 'Inc',
  oppose: 'No',
  block: 'Veto',
  undeclared: '—',
  'non-member': '',
};

export const STANCE_COLOUR: Readonly<Record<StanceOrNone, string>> = {
  support: '#009E73',
  support_with_conditions: '#56B4E9',
  incremental: '#E69F00',
  oppose: '#D55E00',
  block: '#882255',
  undeclared: '#c8c8c8',
  'non-member': '#f1f1ee',
};

export const STANCE_ORDER: readonly StanceOrNone[] = [
  'support',
  'support_with_conditions',
  'incremental',
  'oppose',
  'block',
  'undeclared',
];

/** Admiralty grade of a citation: the source's reliability letter and this item's credibility. */
export function grade(citation: Citation, sources: ReadonlyMap<string, Source>): string {
  const reliability = sources.get(citation.source)?.reliability ?? '?';
  return `${reliability}${citation.credibility}`;
}

export const RELIABILITY_WORD: Readonly<Record<string, string>> = {
  A: 'completely reliable',
  B: 'usually reliable',
  C: 'fairly reliable',
  D: 'not usually reliable',
  E: 'unreliable',
  F: 'reliability cannot be judged',
};

export const CREDIBILITY_WORD: Readonly<Record<number, string>> = {
  1: 'confirmed',
  2: 'probably true',
  3: 'possibly true',
  4: 'doubtful',
  5: 'improbable',
  6: 'truth cannot be judged',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2023-07-11 → "11 Jul 2023" (no locale guessing: the same on every machine). */
export function formatDate(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const [y, m, d] = iso.split('-');
  const month = MONTHS[Number(m) - 1];
  if (y === undefined || month === undefined || d === undefined) return iso;
  return `${Number(d)} ${month} ${y}`;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (2023-02-30 is not one). */
export function isRealDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const t = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text;
}

/** An ISO date as a Date at UTC midnight (for chart axes; no time zone moves the day). */
export function day(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** Add days to an ISO date (UTC, so no time zone can move the day). */
export function addDays(iso: string, days: number): string {
  return new Date(day(iso).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
