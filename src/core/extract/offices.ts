/**
 * A small curated list of office-holders, for the persons the built-in cases and the test texts
 * name, with the dates of their terms. The extractor uses it to give a person named without a
 * title ("Meloni said", "Stoltenberg") a role and a country, but only for a term that holds the
 * briefing's publication date. Only dates known for certain are listed; a person whose dates were
 * not certain is left out rather than guessed. Pure data.
 *
 * A term runs from `start` up to, not including, `end`: the day the successor took office (or the
 * holder died), so that on a handover day only the new holder is in office. `end` is undefined for
 * a holder still in office when the list was last checked (OFFICES_CHECKED).
 */
import type { IsoDate, Iso2 } from '../types.js';

/** When the list was last checked against its sources. Open terms are as of this date. */
export const OFFICES_CHECKED: IsoDate = '2025-08-06';

export interface OfficeTerm {
  /** The person's name as the list spells it (the canonical name of the actor). */
  readonly person: string;
  /** The office, lower case, as titles give it: "president", "prime minister" … */
  readonly role: string;
  /** The country whose office it is; undefined for an organisation's office. */
  readonly iso2?: Iso2 | undefined;
  /** The organisation whose office it is ("NATO"); undefined for a country's. */
  readonly organisation?: string | undefined;
  readonly start: IsoDate;
  /** The first day out of office; undefined while in office (as of OFFICES_CHECKED). */
  readonly end?: IsoDate | undefined;
  /** Where the dates come from. */
  readonly source: string;
}

export interface PersonNames {
  readonly person: string;
  /** Other spellings of the full name ("Volodymyr Zelenskyy"). */
  readonly variants: readonly string[];
  /** Forms that name the person alone, without a first name or title ("Meloni"). */
  readonly surnames: readonly string[];
}

const WIKI = 'https://en.wikipedia.org/wiki/';

export const OFFICE_TERMS: readonly OfficeTerm[] = [
  {
    person: 'Volodymyr Zelensky',
    role: 'president',
    iso2: 'UA',
    start: '2019-05-20',
    source: `${WIKI}President_of_Ukraine`,
  },
  {
    person: 'Sergio Mattarella',
    role: 'president',
    iso2: 'IT',
    start: '2015-02-03',
    source: `${WIKI}President_of_Italy`,
  },
  {
    person: 'Giorgia Meloni',
    role: 'prime minister',
    iso2: 'IT',
    start: '2022-10-22',
    source: `${WIKI}Prime_Minister_of_Italy`,
  },
  {
    person: 'Antonio Tajani',
    role: 'foreign minister',
    iso2: 'IT',
    start: '2022-10-22',
    source: `${WIKI}Minister_of_Foreign_Affairs_(Italy)`,
  },
  {
    person: 'Olaf Scholz',
    role: 'chancellor',
    iso2: 'DE',
    start: '2021-12-08',
    end: '2025-05-06',
    source: `${WIKI}Chancellor_of_Germany`,
  },
  {
    person: 'Frank-Walter Steinmeier',
    role: 'president',
    iso2: 'DE',
    start: '2017-03-19',
    source: `${WIKI}President_of_Germany`,
  },
  {
    person: 'Pope Francis',
    role: 'pope',
    iso2: 'VA',
    start: '2013-03-13',
    end: '2025-04-21',
    source: `${WIKI}Pope_Francis`,
  },
  {
    person: 'Jens Stoltenberg',
    role: 'secretary general',
    organisation: 'NATO',
    start: '2014-10-01',
    end: '2024-10-01',
    source: `${WIKI}Secretary_General_of_NATO`,
  },
  {
    person: 'Mark Rutte',
    role: 'prime minister',
    iso2: 'NL',
    start: '2010-10-14',
    end: '2024-07-02',
    source: `${WIKI}Prime_Minister_of_the_Netherlands`,
  },
  {
    person: 'Mark Rutte',
    role: 'secretary general',
    organisation: 'NATO',
    start: '2024-10-01',
    source: `${WIKI}Secretary_General_of_NATO`,
  },
  {
    person: 'Joe Biden',
    role: 'vice president',
    iso2: 'US',
    start: '2009-01-20',
    end: '2017-01-20',
    source: `${WIKI}Vice_President_of_the_United_States`,
  },
  {
    person: 'Joe Biden',
    role: 'president',
    iso2: 'US',
    start: '2021-01-20',
    end: '2025-01-20',
    source: `${WIKI}President_of_the_United_States`,
  },
  {
    person: 'Antony Blinken',
    role: 'secretary of state',
    iso2: 'US',
    start: '2021-01-26',
    end: '2025-01-20',
    source: `${WIKI}United_States_Secretary_of_State`,
  },
  {
    person: 'Recep Tayyip Erdoğan',
    role: 'prime minister',
    iso2: 'TR',
    start: '2003-03-14',
    end: '2014-08-28',
    source: `${WIKI}Prime_Minister_of_Turkey`,
  },
  {
    person: 'Recep Tayyip Erdoğan',
    role: 'president',
    iso2: 'TR',
    start: '2014-08-28',
    source: `${WIKI}President_of_Turkey`,
  },
  {
    // His first term (1998–2002) is left out: its days were not certain.
    person: 'Viktor Orbán',
    role: 'prime minister',
    iso2: 'HU',
    start: '2010-05-29',
    source: `${WIKI}Prime_Minister_of_Hungary`,
  },
  {
    person: 'Emmanuel Macron',
    role: 'president',
    iso2: 'FR',
    start: '2017-05-14',
    source: `${WIKI}President_of_France`,
  },
  {
    person: 'Ulf Kristersson',
    role: 'prime minister',
    iso2: 'SE',
    start: '2022-10-18',
    source: `${WIKI}Prime_Minister_of_Sweden`,
  },
  {
    person: 'Sauli Niinistö',
    role: 'president',
    iso2: 'FI',
    start: '2012-03-01',
    end: '2024-03-01',
    source: `${WIKI}President_of_Finland`,
  },
  {
    person: 'Andrzej Duda',
    role: 'president',
    iso2: 'PL',
    start: '2015-08-06',
    end: '2025-08-06',
    source: `${WIKI}President_of_Poland`,
  },
];

/** Spellings of the listed persons' names; a surname alone matches only for these persons. */
export const PERSON_NAMES: readonly PersonNames[] = [
  {
    person: 'Volodymyr Zelensky',
    variants: ['Volodymyr Zelenskyy', 'Volodymyr Zelenskiy'],
    surnames: ['Zelensky', 'Zelenskyy', 'Zelenskiy'],
  },
  { person: 'Sergio Mattarella', variants: [], surnames: ['Mattarella'] },
  { person: 'Giorgia Meloni', variants: [], surnames: ['Meloni'] },
  { person: 'Antonio Tajani', variants: [], surnames: ['Tajani'] },
  { person: 'Olaf Scholz', variants: [], surnames: ['Scholz'] },
  { person: 'Frank-Walter Steinmeier', variants: [], surnames: ['Steinmeier'] },
  // "Francis" alone is too common a name; the title is needed ("Pope Francis").
  { person: 'Pope Francis', variants: [], surnames: [] },
  { person: 'Jens Stoltenberg', variants: [], surnames: ['Stoltenberg'] },
  { person: 'Mark Rutte', variants: [], surnames: ['Rutte'] },
  { person: 'Joe Biden', variants: ['Joseph Biden', 'Joseph R. Biden'], surnames: ['Biden'] },
  { person: 'Antony Blinken', variants: [], surnames: ['Blinken'] },
  {
    person: 'Recep Tayyip Erdoğan',
    variants: ['Recep Tayyip Erdogan', 'Tayyip Erdoğan', 'Tayyip Erdogan'],
    surnames: ['Erdoğan', 'Erdogan'],
  },
  { person: 'Viktor Orbán', variants: ['Viktor Orban'], surnames: ['Orbán', 'Orban'] },
  { person: 'Emmanuel Macron', variants: [], surnames: ['Macron'] },
  { person: 'Ulf Kristersson', variants: [], surnames: ['Kristersson'] },
  { person: 'Sauli Niinistö', variants: ['Sauli Niinisto'], surnames: ['Niinistö', 'Niinisto'] },
  { person: 'Andrzej Duda', variants: [], surnames: ['Duda'] },
];

const BY_NAME: ReadonlyMap<string, PersonNames> = new Map(
  PERSON_NAMES.flatMap((p) =>
    [p.person, ...p.variants, ...p.surnames].map((n): [string, PersonNames] => [n, p]),
  ),
);

/** The listed person a name (full, a variant, or a listed surname) stands for. */
export function listedPerson(name: string): PersonNames | undefined {
  return BY_NAME.get(name);
}

/** The terms the list gives a person, earliest first. */
export function termsOf(person: string): OfficeTerm[] {
  return OFFICE_TERMS.filter((t) => t.person === person).sort((a, b) =>
    a.start < b.start ? -1 : a.start > b.start ? 1 : 0,
  );
}

/** Does the term hold on the date? From start (inclusive) to end (exclusive). */
export function inTerm(term: OfficeTerm, date: IsoDate): boolean {
  return term.start <= date && (term.end === undefined || date < term.end);
}

export interface OfficeMatch {
  readonly term: OfficeTerm;
  /** `date`: the term holds the publication date; `only-office`: no date, and the list gives one office. */
  readonly basis: 'date' | 'only-office';
}

/**
 * The office a listed person held on a date. Without a date, the one office the list gives them,
 * if it gives only one; otherwise (several offices, or a date outside every term) none.
 */
export function officeOn(person: string, date: IsoDate | undefined): OfficeMatch | undefined {
  const terms = termsOf(person);
  if (date === undefined) {
    const only = terms[0];
    return terms.length === 1 && only !== undefined
      ? { term: only, basis: 'only-office' }
      : undefined;
  }
  const term = terms.find((t) => inTerm(t, date));
  return term !== undefined ? { term, basis: 'date' } : undefined;
}

/** "prime minister of IT from 2022-10-22", "secretary general of NATO, 2014-10-01 to 2024-10-01". */
export function describeTerm(term: OfficeTerm): string {
  const of = term.iso2 ?? term.organisation ?? '?';
  const dates =
    term.end !== undefined
      ? `, ${term.start} to ${term.end}`
      : ` from ${term.start} (in office as of ${OFFICES_CHECKED})`;
  return `${term.role} of ${of}${dates}`;
}
