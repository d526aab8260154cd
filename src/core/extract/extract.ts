/**
 * The briefing extractor: rules, gazetteers and patterns over sentences (wink-nlp finds the
 * sentences, chrono-node the dates). Pure: text and publication date in, proposed facts out.
 */
import { countryName } from '../countries.js';
import type { Credibility, IsoDate, Iso2 } from '../types.js';
import { findDates, type DateMention } from './dates.js';
import {
  CAPITALS,
  COMMON_NAMES,
  COUNTRY_NAMES,
  DEMONYMS,
  NAMED_GROUPS,
  ORGANISATIONS,
  TITLES,
  TITLE_COUNTRY,
  alternation,
  escapeRegExp,
} from './gazetteer.js';
import { PERSON_NAMES, describeTerm, listedPerson, officeOn, type OfficeMatch } from './offices.js';
import { splitSentences, type Sentence } from './text.js';
import type {
  ActorFact,
  AttributionFact,
  EngagementFact,
  EventFactProposal,
  EventWhat,
  ExtractOptions,
  Fact,
  ParticipantRef,
  Span,
  StanceActor,
  StanceFact,
  StanceTopic,
  StatementFact,
} from './types.js';

const APOS = "['’]";
const COUNTRY_ALT = alternation(COUNTRY_NAMES.keys());
const DEMONYM_ALT = alternation(Object.keys(DEMONYMS));
const CAPITAL_ALT = alternation(Object.keys(CAPITALS));
const ORG_ALT = alternation(Object.keys(ORGANISATIONS));
const TITLE_ALT = alternation(TITLES);
// A capitalised name word in any script's letters, hyphenated parts included ("Frank-Walter",
// "Niinistö", "Erdoğan"); used with the `u` flag.
const NAME_WORD = "\\p{Lu}[\\p{Ll}'’]+(?:-\\p{Lu}?[\\p{Ll}'’]+)*";
// Word edges that count Latin letters with diacritics as letters ("Niinistö", "the U.S." end
// where `\b` would not), without the `u` flag.
const LB = '(?<![\\w\\u00C0-\\u024F])';
const RB = '(?![\\w\\u00C0-\\u024F])';

const PERSON_RE = new RegExp(
  `(?:\\b(${DEMONYM_ALT})\\s+|\\b(${COUNTRY_ALT})${APOS}s\\s+)?\\b(${TITLE_ALT})\\s+(${NAME_WORD}(?:\\s+${NAME_WORD}){0,2})`,
  'gu',
);
// "New Mexico", "New Jersey", "South America", "Latin America" name no country.
const COUNTRY_RE = new RegExp(
  `(?<!(?:New|Latin|North|South|Central) )${LB}(${COUNTRY_ALT})${RB}`,
  'g',
);
const DEMONYM_RE = new RegExp(
  `(?<!(?:Latin|North|South|Central) )${LB}(${DEMONYM_ALT})${RB}(?!\\s+(?:Union|Eastern|Western|Ocean|Sea)\\b)`,
  'g',
);
const CAPITAL_RE = new RegExp(`${LB}(${CAPITAL_ALT})${RB}`, 'g');

/** Full names (and their spellings) of the persons in the office list. */
const LISTED_FULL_RE = new RegExp(
  `${LB}(${alternation(PERSON_NAMES.flatMap((p) => [p.person, ...p.variants]))})${RB}`,
  'g',
);
/** Surnames that name a listed person alone ("Meloni said"). */
const LISTED_SURNAME_RE = new RegExp(
  `${LB}(${alternation(PERSON_NAMES.flatMap((p) => p.surnames))})${RB}`,
  'g',
);

/** Every match of a global regexp, without the copy `matchAll` makes (costly for long sources). */
function allMatches(re: RegExp, s: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    out.push(m);
    if (m[0] === '') re.lastIndex += 1;
  }
  return out;
}
const ORG_RE = new RegExp(`\\b(${ORG_ALT})\\b`, 'g');

const ENLARGEMENT =
  /\b(join|joining|membership|accession|invitation|invite[ds]?|inviting|enlargement|expansion|aspirations?|bid)\b/i;

interface Person {
  readonly name: string;
  readonly iso2?: Iso2 | undefined;
  readonly organisation?: string | undefined;
  readonly role?: string | undefined;
  /** Where the role, country or organisation came from, when not from the text. */
  readonly note?: string | undefined;
  /** Named without a title anywhere in the text: found through the office list alone. */
  readonly untitled?: boolean | undefined;
}

interface Mention {
  readonly key: string;
  readonly type: ActorFact['type'];
  readonly name: string;
  readonly iso2?: Iso2 | undefined;
  readonly organisation?: string | undefined;
  readonly role?: string | undefined;
  readonly note?: string | undefined;
  readonly untitled?: boolean | undefined;
  readonly span: Span;
}

function sliceFact(text: string, span: Span): { span: Span; text: string } {
  return { span, text: text.slice(span[0], span[1]) };
}

/** Which characters of a text are already claimed by a mention: overlap checks in O(span). */
class Claimed {
  private readonly bits: Uint8Array;
  constructor(length: number) {
    this.bits = new Uint8Array(length);
  }
  has(span: Span): boolean {
    for (let i = span[0]; i < span[1]; i++) if (this.bits[i] === 1) return true;
    return false;
  }
  add(span: Span): void {
    this.bits.fill(1, span[0], span[1]);
  }
}

/** The items whose spans lie within [start, end), from a list sorted by span start. */
function within<T extends { readonly span: Span }>(
  sorted: readonly T[],
  start: number,
  end: number,
): T[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid]?.span[0] ?? 0) < start) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < sorted.length; i++) {
    const x = sorted[i];
    if (x === undefined || x.span[0] >= end) break;
    if (x.span[1] <= end) out.push(x);
  }
  return out;
}

function overlaps(a: Span, b: Span): boolean {
  return a[0] < b[1] && b[0] < a[1];
}

const sameRole = (a: string, b: string): boolean =>
  a.toLowerCase().replace(/-/g, ' ') === b.toLowerCase().replace(/-/g, ' ');

/** Why the office list's role, country or organisation was taken. */
function officeNote(what: string, office: OfficeMatch, published: IsoDate | undefined): string {
  const term = describeTerm(office.term);
  return office.basis === 'date' && published !== undefined
    ? `${what} from the office list: ${term}, the term that holds ${published}`
    : `${what} from the office list: ${term}, the one office it gives ${office.term.person}; the text has no publication date, so the term was not checked`;
}

/** A person the text names with a title: role from the title, country from the text, else from the list. */
function titledPerson(
  name: string,
  title: string,
  iso2: Iso2 | undefined,
  published: IsoDate | undefined,
): Person {
  const role = title.toLowerCase();
  const listed = listedPerson(name);
  const office = listed !== undefined ? officeOn(listed.person, published) : undefined;
  // The list fills in only what the text leaves out, and only for the office the title names.
  if (iso2 !== undefined || office === undefined || !sameRole(office.term.role, title))
    return { name, iso2, role };
  const what = office.term.iso2 !== undefined ? 'country' : 'organisation';
  return {
    name,
    role,
    iso2: office.term.iso2,
    organisation: office.term.organisation,
    note: officeNote(what, office, published),
  };
}

/** A listed person the text names without a title: role and country only from a term that fits. */
function listPerson(person: string, published: IsoDate | undefined): Person {
  const office = officeOn(person, published);
  if (office === undefined) {
    return {
      name: person,
      untitled: true,
      note:
        published !== undefined
          ? `in the office list, but in none of its offices on ${published}: no role given`
          : 'in the office list with several offices; the text has no publication date, so no role is given',
    };
  }
  const what = office.term.iso2 !== undefined ? 'role and country' : 'role and organisation';
  return {
    name: person,
    role: office.term.role,
    iso2: office.term.iso2,
    organisation: office.term.organisation,
    note: officeNote(what, office, published),
    untitled: true,
  };
}

/** Capitalised words that may stand before a surname without being a first name. */
const NOT_FORENAMES: ReadonlySet<string> = new Set(
  (
    'The A An And But Or Nor So Yet When While Whereas Meanwhile After Before Then As If Since ' +
    'Also Even Only Both Neither Today Yesterday Tomorrow Later Earlier Now In On At For With By ' +
    'From To Of Under Over Against About Asked Speaking Said Says That This These Those Why How ' +
    'What Where Who Whom Whose Mr Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday Sunday ' +
    'January February March April May June July August September October November December'
  ).split(' '),
);

/** "Hunter Biden", "Anna Duda": a surname after another first name is someone else. */
function afterForename(text: string, start: number): boolean {
  const m = /(\p{Lu}[\p{Ll}'’-]*)\s+$/u.exec(text.slice(Math.max(0, start - 30), start));
  if (m === null || m[1] === undefined) return false;
  const word = m[1];
  return (
    !NOT_FORENAMES.has(word) &&
    DEMONYMS[word] === undefined &&
    !COUNTRY_NAMES.has(word) &&
    ORGANISATIONS[word] === undefined &&
    !TITLES.some((t) => t === word || t.endsWith(` ${word}`))
  );
}

/**
 * Persons: those with a title first; then the persons of the office list by full name; then the
 * surnames of titled persons; then the listed surnames alone. A later match of a person already
 * found joins that person.
 */
function findPersons(
  text: string,
  published: IsoDate | undefined,
): { persons: Map<string, Person>; mentions: Mention[] } {
  const persons = new Map<string, Person>();
  const mentions: Mention[] = [];
  const claimed = new Claimed(text.length);
  const mention = (p: Person, span: Span, iso2?: Iso2): void => {
    claimed.add(span);
    mentions.push({
      key: `person:${p.name}`,
      type: 'person',
      name: p.name,
      iso2: p.iso2 ?? iso2,
      organisation: p.organisation,
      role: p.role,
      note: p.note,
      untitled: p.untitled,
      span,
    });
  };
  for (const m of allMatches(PERSON_RE, text)) {
    const [, demonym, country, title, name] = m;
    if (title === undefined || name === undefined) continue;
    const iso2 =
      TITLE_COUNTRY[title] ??
      (demonym !== undefined ? DEMONYMS[demonym] : undefined) ??
      (country !== undefined ? COUNTRY_NAMES.get(country) : undefined);
    const titled =
      title === 'Pope' || title === 'King' || title === 'Queen' ? `${title} ${name}` : name;
    // A listed person goes by the list's spelling ("President Biden" is Joe Biden).
    const named = listedPerson(titled)?.person ?? titled;
    // "President Niinistö" after "Finnish President Sauli Niinistö" is the same person.
    const known =
      persons.get(named) ??
      [...persons.values()].find(
        (p) => p.name !== named && (p.name.endsWith(` ${named}`) || named.endsWith(` ${p.name}`)),
      );
    const person = known ?? titledPerson(named, title, iso2, published);
    if (!persons.has(person.name)) persons.set(person.name, person);
    mention(person, [m.index, m.index + m[0].length], iso2);
  }
  for (const m of allMatches(LISTED_FULL_RE, text)) {
    const listed = m[1] !== undefined ? listedPerson(m[1]) : undefined;
    const span: Span = [m.index, m.index + m[0].length];
    if (listed === undefined || claimed.has(span)) continue;
    let person = persons.get(listed.person);
    if (person === undefined) {
      person = listPerson(listed.person, published);
      persons.set(person.name, person);
    }
    mention(person, span);
  }
  for (const person of [...persons.values()]) {
    if (person.untitled === true || person.name.startsWith('Pope ')) continue;
    if (listedPerson(person.name) !== undefined) continue; // its surnames come below
    const surname = person.name.split(/\s+/).pop() ?? person.name;
    const re = new RegExp(`${LB}${escapeRegExp(surname)}${RB}`, 'g');
    for (const m of allMatches(re, text)) {
      const span: Span = [m.index, m.index + m[0].length];
      if (!claimed.has(span)) mention(person, span);
    }
  }
  for (const m of allMatches(LISTED_SURNAME_RE, text)) {
    const listed = m[1] !== undefined ? listedPerson(m[1]) : undefined;
    const span: Span = [m.index, m.index + m[0].length];
    if (listed === undefined || claimed.has(span)) continue;
    let person = persons.get(listed.person);
    if (person === undefined) {
      if (afterForename(text, span[0])) continue;
      person = listPerson(listed.person, published);
      persons.set(person.name, person);
    } else if (afterForename(text, span[0])) continue;
    mention(person, span);
  }
  return { persons, mentions };
}

/** A capital names its government unless the text uses it as a place or as a forum's name. */
function capitalIsActor(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 20), start);
  const after = text.slice(end, end + 20);
  if (/\b(to|in|at|from|into|near|outside|via|of)\s+$/i.test(before)) return false;
  if (
    /^\s+(summit|meeting|talks|declaration|communiqu|format|process|gathering|conference|treaty)/i.test(
      after,
    )
  )
    return false;
  return true;
}

function findActorMentions(text: string, persons: Mention[]): Mention[] {
  const mentions: Mention[] = [...persons];
  const claimed = new Claimed(text.length);
  for (const m of persons) claimed.add(m.span);
  const push = (m: Mention): void => {
    if (claimed.has(m.span)) return;
    claimed.add(m.span);
    mentions.push(m);
  };
  for (const m of allMatches(ORG_RE, text)) {
    const short = ORGANISATIONS[m[0]] ?? m[0];
    push({
      key: `org:${short}`,
      type: 'organisation',
      name: short,
      span: [m.index, m.index + m[0].length],
    });
  }
  // Names, demonyms and capitals all mean the country; a capital only when it acts ("Kyiv wants").
  const countryPatterns: readonly [RegExp, (name: string) => Iso2 | undefined, boolean][] = [
    [COUNTRY_RE, (name) => COUNTRY_NAMES.get(name), false],
    [DEMONYM_RE, (name) => DEMONYMS[name], false],
    [CAPITAL_RE, (name) => CAPITALS[name], true],
  ];
  for (const [re, lookup, mustAct] of countryPatterns) {
    for (const m of allMatches(re, text)) {
      const iso2 = lookup(m[0]);
      if (iso2 === undefined) continue;
      const span: Span = [m.index, m.index + m[0].length];
      if (mustAct && !capitalIsActor(text, span[0], span[1])) continue;
      push({
        key: `country:${iso2}`,
        type: 'country',
        name: countryName(iso2) ?? COMMON_NAMES.get(iso2) ?? m[0],
        iso2,
        span,
      });
    }
  }
  return mentions.sort((a, b) => a.span[0] - b.span[0]);
}

function actorFacts(text: string, mentions: Mention[]): ActorFact[] {
  const byKey = new Map<string, Mention[]>();
  for (const m of mentions) {
    const list = byKey.get(m.key);
    if (list === undefined) byKey.set(m.key, [m]);
    else list.push(m);
  }
  const out: ActorFact[] = [];
  for (const list of byKey.values()) {
    const first = list[0];
    if (first === undefined) continue;
    out.push({
      kind: 'actor',
      ...sliceFact(text, first.span),
      // A person the text never titles is named by the office list alone: less sure.
      confidence: first.type === 'person' ? (first.untitled === true ? 0.75 : 0.85) : 0.9,
      type: first.type,
      name: first.name,
      iso2: first.iso2,
      organisation: first.organisation,
      role: first.role,
      note: first.note,
      mentions: list.map((m) => m.span),
    });
  }
  return out;
}

// ---------------------------------------------------------------- events and engagements

const TRIGGERS: readonly { what: EventWhat; re: RegExp }[] = [
  {
    what: 'visit',
    re: /\b(?:travel(?:l)?ed to|travels to|a visit to|visit(?:ed|s)?|arrived in|a trip to)\b/g,
  },
  { what: 'summit', re: /\bsummit\b|\bgathering\b/gi },
  {
    what: 'meeting',
    re: /\b(?:(?<!(?:were|was|been|are|is|be|being) )met(?= (?:with|in|at|on|[A-Z]))|meet with|will meet|to meet|meeting with|meetings with|talks with|conversations with)\b/g,
  },
  { what: 'call', re: /\b(?:phone call|call with|spoke by phone|telephone conversation)\b/g },
  { what: 'vote', re: /\bvot(?:e|ed|ing) on\b/g },
  { what: 'ratification', re: /\bratif(?:y|ied|ies|ication)\b/g },
  {
    // A parliament passing a bill is a ratification when the sentence is about joining.
    what: 'ratification',
    re: /\b(?:approved a (?:bill|law|measure)|passed a (?:bill|law)|vot(?:ed|es) (?:\w+ )?to (?:approve|ratify))\b/g,
  },
  { what: 'signing', re: /\bsign(?:ed|ing)\b/g },
];

const PLACE_AFTER = new RegExp(`\\b(?:to|in|at)\\s+(${CAPITAL_ALT}|${COUNTRY_ALT})\\b`, 'g');
const PLACE_AFTER_ALL = new RegExp(PLACE_AFTER.source, 'g');
const SUMMIT_PLACE = new RegExp(
  `\\b(${CAPITAL_ALT})\\s+(?:summit|gathering)\\b|\\b(?:summit|gathering)\\s+in\\s+(${CAPITAL_ALT})\\b`,
  'i',
);

interface Trigger {
  readonly what: EventWhat;
  readonly span: Span;
}

/** "not ready to ratify", "did not approve": an act the text says did not happen. */
const NEGATED = /\b(?:not|never|no longer)\s+(?:\w+\s+){0,2}(?:to\s+)?$/i;

function findTriggers(s: Sentence): Trigger[] {
  const out: Trigger[] = [];
  const joining = ENLARGEMENT.test(s.text);
  for (const t of TRIGGERS) {
    for (const m of s.text.matchAll(t.re)) {
      if (t.what === 'ratification' && /^(?:approved|passed|vot)/.test(m[0]) && !joining) continue;
      if (NEGATED.test(s.text.slice(Math.max(0, m.index - 30), m.index))) continue;
      const span: Span = [s.start + m.index, s.start + m.index + m[0].length];
      if (out.some((x) => overlaps(x.span, span))) continue;
      out.push({ what: t.what, span });
    }
  }
  return out.sort((a, b) => a.span[0] - b.span[0]);
}

function nearestDate(
  dates: DateMention[],
  span: Span,
  others: readonly Trigger[] = [],
): DateMention | undefined {
  let best: DateMention | undefined;
  let bestDistance = Infinity;
  for (const d of dates) {
    // "On 5 July 2022, Allies signed …, following which parliaments voted to ratify": the date
    // belongs to the act between it and the later trigger.
    const lo = Math.min(d.span[1], span[1]);
    const hi = Math.max(d.span[0], span[0]);
    if (others.some((o) => o.span[0] >= lo && o.span[1] <= hi && o.span !== span)) continue;
    const distance = Math.max(d.span[0] - span[1], span[0] - d.span[1], 0);
    if (distance < bestDistance) {
      best = d;
      bestDistance = distance;
    }
  }
  return best;
}

/** The place named closest to a trigger, within a few words of it ("… as war rages in Ukraine" is not). */
function placeNear(s: Sentence, span: Span): { name: string; span: Span } | undefined {
  let best: { name: string; span: Span } | undefined;
  let bestDistance = 60;
  // A regexp of its own, so that placeIn's use of PLACE_AFTER does not disturb it.
  for (const m of allMatches(PLACE_AFTER_ALL, s.text)) {
    if (m[1] === undefined) continue;
    const at = s.start + m.index + m[0].length - m[1].length;
    const place: Span = [at, at + m[1].length];
    const distance = Math.max(place[0] - span[1], span[0] - place[1], 0);
    if (distance < bestDistance) {
      best = { name: m[1], span: place };
      bestDistance = distance;
    }
  }
  return best;
}

function placeIn(s: Sentence): { name: string; span: Span } | undefined {
  PLACE_AFTER.lastIndex = 0;
  const m = PLACE_AFTER.exec(s.text);
  if (m === null || m[1] === undefined) return undefined;
  const at = s.start + m.index + m[0].length - m[1].length;
  return { name: m[1], span: [at, at + m[1].length] };
}

// ---------------------------------------------------------------- stances

const GROUP_RE =
  /\b(?:(?:several|some|many|most|other|all|a (?:subset|number|group|handful) of|the)\s+)?(?:(\d+)\s+)?(?:current\s+)?(?:(?:Eastern|Western|Central|Northern|Southern|Nordic|Baltic)(?:\s+European)?\s+|(?:NATO|EU|alliance|allied|Allied|national)\s+)?(?:member (?:nations|states|countries)|members|allies|Allies|capitals|partners|states|countries|governments|leaders|parliaments|lawmakers|legislatures)\b/g;

interface Phrase {
  readonly span: Span;
  readonly iso2?: Iso2 | undefined;
  readonly count?: number | undefined;
  readonly group: boolean;
}

function actorPhrases(s: Sentence, mentions: Mention[], upTo: number, candidate?: Iso2): Phrase[] {
  const out: Phrase[] = [];
  for (const m of s.text.slice(0, upTo - s.start).matchAll(GROUP_RE)) {
    const start = s.start + m.index;
    out.push({
      span: [start, start + m[0].length],
      count: m[1] !== undefined ? Number(m[1]) : undefined,
      group: true,
    });
  }
  for (const m of within(mentions, s.start, upTo)) {
    if (m.type !== 'country') continue;
    if (m.iso2 === candidate) continue;
    if (out.some((x) => overlaps(x.span, m.span))) continue;
    const tail = /^\s+(?:government|leadership|officials|delegation|parliament)\b/.exec(
      s.text.slice(m.span[1] - s.start),
    );
    const end = m.span[1] + (tail?.[0].length ?? 0);
    out.push({ span: [m.span[0], end], iso2: m.iso2, group: false });
  }
  return out.sort((a, b) => a.span[0] - b.span[0]);
}

/** The subject: the first actor phrase before the cue, joined with "and" to the next one. */
function subjectOf(
  text: string,
  phrases: Phrase[],
): { actor: StanceActor; span: Span } | undefined {
  const first = phrases[0];
  if (first === undefined) return undefined;
  const parts = [first];
  for (const p of phrases.slice(1)) {
    const last = parts[parts.length - 1];
    if (last !== undefined && /^\s+and\s+$/.test(text.slice(last.span[1], p.span[0])))
      parts.push(p);
  }
  const lastPart = parts[parts.length - 1] ?? first;
  const span: Span = [first.span[0], lastPart.span[1]];
  const name = text.slice(span[0], span[1]);
  const isos = parts.flatMap((p) => (p.iso2 !== undefined ? [p.iso2] : []));
  const named = Object.entries(NAMED_GROUPS).find(([k]) => name.includes(k));
  const hasGroup = parts.some((p) => p.group);
  const members = named !== undefined ? [...named[1]] : isos.length > 0 ? isos : undefined;
  const actor: StanceActor = {
    name,
    iso2: !hasGroup && isos.length === 1 ? isos[0] : undefined,
    members: hasGroup || isos.length > 1 ? members : undefined,
    unnamedMembers: hasGroup && named === undefined ? true : undefined,
    count: parts.find((p) => p.count !== undefined)?.count,
  };
  return { actor, span };
}

function conditionsAfter(rest: string): string[] {
  return rest
    .replace(/[.;]\s*$/, '')
    .split(/,\s*(?:including|as well as|and)\s+|\s+as well as\s+/)
    .map((c) => c.trim())
    .filter((c) => c.length > 3);
}

interface StanceRule {
  readonly re: RegExp;
  readonly stance: StanceFact['stance'];
  readonly topic: (context: string) => StanceTopic;
  readonly conditions?: (s: Sentence, match: RegExpExecArray) => string[];
  readonly confidence: number;
}

const STANCE_RULES: readonly StanceRule[] = [
  {
    re: /\bstopped short of\s+(?:\w+\s+){0,3}?invitation\b|\binvitation\b[^.;]{0,80}?\b(?:will not|won['’]t|would not|is not|not) be (?:extended|issued|offered)\b|\b(?:not|no)\s+(?:\w+\s+){0,3}?(?:extending|extend|issue|issuing|offer|offering)\s+(?:an?\s+|any\s+|the\s+)?invitation\b|\b(?:against|oppose[sd]?|opposing|reject(?:s|ed)?)\s+(?:an?\s+|the\s+)?(?:inviting|invitation)\b/i,
    stance: 'oppose',
    topic: (c) =>
      /\b(summit|gathering|now|this year|at this stage)\b|\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/.test(
        c,
      )
        ? 'invitation-now'
        : 'membership',
    confidence: 0.8,
  },
  {
    // "not ready to ratify the accession of Sweden", "did not approve Sweden's application".
    re: /\b(?:not (?:yet )?(?:ready|willing|prepared) to (?:ratify|approve|back|support)|(?:did|does|do|will|would) not (?:ratify|approve|back|support)|refuse[sd]? to (?:ratify|approve))\b[^.]{0,60}?\b(?:accession|membership|application|bid|protocol)\b/i,
    stance: 'oppose',
    topic: () => 'membership',
    confidence: 0.7,
  },
  {
    // "We will be in a position to extend an invitation … when Allies agree and conditions are met."
    re: /\b(?:will|would|shall) be in a position to (?:extend|issue|offer) an invitation\b[^.]*?\b(?:when|once|if|after)\s+/i,
    stance: 'support_with_conditions',
    topic: () => 'membership',
    conditions: (s, m) =>
      s.text
        .slice(m.index + m[0].length)
        .replace(/["”’.,;]+\s*(?:the \w+ said)?[.]?\s*$/, '')
        .split(/\s+and\s+/)
        .map((c) => c.trim())
        .filter((c) => c.length > 3),
    confidence: 0.7,
  },
  {
    re: /\b(?:want(?:s)? to see|call(?:s|ed)? for|demand(?:s|ed)?|insist(?:s|ed)? on|push(?:es|ed)? for|seek(?:s)?|urge(?:s|d)?)\s+(?=[^.]*\b(?:sequencing|timelines?|timetables?|target dates?|roadmap)\b)/i,
    stance: 'support_with_conditions',
    topic: () => 'timeline',
    conditions: (s, m) => conditionsAfter(s.text.slice(m.index + m[0].length)),
    confidence: 0.7,
  },
  {
    re: /\b(?:favou?rs?|prefers?|backs?|advocates?|supports?|taking|take)\s+(?:a\s+|an\s+)?(?:more\s+)?(?:incremental|step-by-step|gradual|phased)\s+(?:approach|steps|path|process)\b/i,
    stance: 'incremental',
    topic: (c) => (/\b(date|timeline|timetable)\b/i.test(c) ? 'timeline' : 'membership'),
    confidence: 0.7,
  },
  {
    re: /\b(?:veto(?:es|ed)?|block(?:s|ed|ing)?|hold(?:s|ing)? up)\s+[^.]{0,60}?\b(?:accession|membership|ratification|invitation|bid|application)\b/i,
    stance: 'block',
    topic: () => 'membership',
    confidence: 0.75,
  },
  {
    re: /\b(?:support(?:s|ed)?|back(?:s|ed)?|endorse(?:s|d)?)\s+[^.]{0,40}?\b(?:membership|accession|bid to join|invitation)\b/i,
    stance: 'support',
    topic: (c) => (/\binvit/i.test(c) ? 'invitation-now' : 'membership'),
    confidence: 0.7,
  },
  {
    // A member's parliament approving or ratifying a candidate's accession supports it.
    re: /\b(?:approv(?:e|ed|es|ing)|ratif(?:y|ied|ies|ying))\s+[^.]{0,60}?\b(?:membership|accession|bid|to join|protocol|application)\b/i,
    stance: 'support',
    topic: () => 'membership',
    confidence: 0.7,
  },
];

const PLACE_ALT = `${COUNTRY_ALT}|${CAPITAL_ALT}`;
/** A country in the candidate's seat: "Ukraine's membership", "an invitation to Ukraine", "Sweden to join". */
const CANDIDATE_RE = new RegExp(
  `\\b(${PLACE_ALT})${APOS}s\\s+(?:\\w+\\s+){0,2}?(?:membership|accession|bid|path to membership|aspirations?|application)\\b|\\b(?:invitation|invite|inviting|accession|membership|protocol)\\s+(?:\\w+\\s+){0,3}?(?:to|for|of)\\s+(${PLACE_ALT})\\b|\\b(${PLACE_ALT})\\s+to\\s+join\\b`,
  'g',
);

const candidateCache = new Map<string, Iso2[]>();

function candidatesIn(sentence: string): Iso2[] {
  const hit = candidateCache.get(sentence);
  if (hit !== undefined) return hit;
  const found = scanCandidates(sentence);
  if (candidateCache.size > 10_000) candidateCache.clear();
  candidateCache.set(sentence, found);
  return found;
}

function scanCandidates(sentence: string): Iso2[] {
  const out: Iso2[] = [];
  for (const m of allMatches(CANDIDATE_RE, sentence)) {
    const name = m[1] ?? m[2] ?? m[3];
    const iso2 = name !== undefined ? (COUNTRY_NAMES.get(name) ?? CAPITALS[name]) : undefined;
    if (iso2 !== undefined) out.push(iso2);
  }
  return out;
}

/** The country the text most often puts in the candidate's seat. */
function documentCandidate(sentences: Sentence[]): Iso2 | undefined {
  const counts = new Map<Iso2, number>();
  for (const s of sentences) {
    for (const iso2 of candidatesIn(s.text)) counts.set(iso2, (counts.get(iso2) ?? 0) + 1);
  }
  let best: Iso2 | undefined;
  let bestCount = 0;
  for (const [iso2, n] of counts) {
    if (n > bestCount) {
      best = iso2;
      bestCount = n;
    }
  }
  return best;
}

function findStances(text: string, sentences: Sentence[], mentions: Mention[]): StanceFact[] {
  const docCandidate = documentCandidate(sentences);
  if (docCandidate === undefined) return [];
  const out: StanceFact[] = [];
  const consumed = new Set<number>();
  const enlargementParagraphs = new Set(
    sentences.filter((x) => ENLARGEMENT.test(x.text)).map((x) => x.paragraph),
  );
  sentences.forEach((s, i) => {
    if (consumed.has(i)) return;
    if (!enlargementParagraphs.has(s.paragraph)) return;
    const candidate = candidatesIn(s.text)[0] ?? docCandidate;
    for (const rule of STANCE_RULES) {
      const m = rule.re.exec(s.text);
      if (m === null) continue;
      const cueAt = s.start + m.index;
      let subject = subjectOf(text, actorPhrases(s, mentions, cueAt, candidate));
      let from = s;
      const prev = sentences[i - 1];
      if (
        /^(They|Their|These|Those)\b/.test(s.text) &&
        prev !== undefined &&
        prev.paragraph === s.paragraph
      ) {
        const resolved = subjectOf(text, actorPhrases(prev, mentions, prev.end, candidate));
        if (resolved !== undefined) {
          subject = resolved;
          from = prev;
        }
      }
      // "We will …" in a communiqué or a quoted declaration: the authors, members unnamed.
      const we = /^["“]?We\b/.exec(s.text);
      if (subject === undefined && we !== null) {
        const at = s.start + we[0].length - 2;
        subject = { actor: { name: 'We', unnamedMembers: true }, span: [at, at + 2] };
      }
      if (subject === undefined) continue;
      const stanceActor = subject.actor;
      // The same stance by the same actor told twice in a text is proposed once.
      const repeated = out.some(
        (o) =>
          o.stance === rule.stance &&
          o.candidate === candidate &&
          o.topic === rule.topic(text.slice(s.start, s.end)) &&
          (stanceActor.iso2 !== undefined
            ? o.actor.iso2 === stanceActor.iso2
            : o.actor.name === stanceActor.name),
      );
      if (repeated) break;
      let to = s;
      const next = sentences[i + 1];
      if (
        next !== undefined &&
        next.paragraph === s.paragraph &&
        /^(Their|They)\b/.test(next.text)
      ) {
        to = next;
        consumed.add(i + 1);
      }
      const span: Span = [from === s ? Math.min(subject.span[0], cueAt) : subject.span[0], to.end];
      const context = text.slice(s.start, to.end);
      out.push({
        kind: 'stance',
        ...sliceFact(text, span),
        confidence: rule.confidence,
        stance: rule.stance,
        topic: rule.topic(context),
        actor: subject.actor,
        candidate,
        conditions: rule.conditions?.(s, m) ?? [],
      });
      break;
    }
  });
  return out;
}

// ---------------------------------------------------------------- statements and attributions

const STATEMENT_RE = new RegExp(
  `\\b(?:a|the)\\s+joint\\s+(statement|declaration|communiqu[eé])\\s+(?:with|by|between)\\s+(${COUNTRY_ALT})(?:\\s+and\\s+(${COUNTRY_ALT}))?\\s+(?:underscored|stressed|said|affirmed|reaffirmed|pledged|committed to|emphasi[sz]ed|highlighted|set out|outlined)\\s+([^,.;]+)`,
  'g',
);

const ATTRIBUTIONS: readonly {
  re: RegExp;
  credibility: Credibility;
  range: [Credibility, Credibility];
}[] = [
  {
    re: /\b(?:officials|the ministry|the government|the alliance) (?:confirmed|has confirmed|have confirmed)\b|\bofficially confirmed\b|\bconfirmed by officials\b/gi,
    credibility: 1,
    range: [1, 2],
  },
  {
    re: /\ba reliable (?:briefing|source|report)(?: indicates| says| suggests)?|\breliable sources?(?: say| indicate)?/gi,
    credibility: 2,
    range: [2, 2],
  },
  {
    // An official text quoted by the report: "according to a NATO statement".
    re: /\baccording to (?:a|an|the) (?:[\w-]+ ){0,2}(?:statement|communiqu[eé]|declaration|spokes(?:man|woman|person))\b/gi,
    credibility: 2,
    range: [1, 2],
  },
  {
    re: /\baccording to officials\b|\bofficials (?:said|say|told)\b/gi,
    credibility: 2,
    range: [2, 3],
  },
  {
    re: /\bsources (?:within|inside|close to|in) the [a-z]+(?: describe| say| said| indicate| report)?/gi,
    credibility: 3,
    range: [2, 3],
  },
  {
    re: /\breportedly\b|\bappears? to\b|\bis said to\b|\bare said to\b|\banalysts (?:believe|say)\b/gi,
    credibility: 3,
    range: [3, 3],
  },
  { re: /\ballegedly\b|\brumou?red\b|\bunconfirmed\b/gi, credibility: 4, range: [4, 4] },
];

// ---------------------------------------------------------------- the engine

/** Propose facts from a briefing. Offsets index `text`; `text.slice(...span) === fact.text`. */
export function extractFacts(text: string, options: ExtractOptions = {}): Fact[] {
  const published: IsoDate | undefined = options.published;
  const sentences = splitSentences(text);
  const people = findPersons(text, published);
  const mentions = findActorMentions(text, people.mentions);
  const facts: Fact[] = [...actorFacts(text, mentions)];
  const personMentions = [...people.mentions].sort((a, b) => a.span[0] - b.span[0]);
  const eventKeys = new Set<string>();

  // Events and engagements, sentence by sentence, with a subject for "he"/"she".
  let subject: Mention | undefined;
  let lastSummit: EventFactProposal | undefined;
  for (const s of sentences) {
    const inSentence = within(personMentions, s.start, s.end);
    const pronoun = /^(?:[A-Z][a-z]+,\s+)?(?:he|she|He|She)\b/.test(s.text);
    if (!pronoun) subject = inSentence[0] ?? subject;
    const dates = findDates(s.text, s.start, published);
    const triggers = findTriggers(s);
    const place = placeIn(s);
    const summitMatch = SUMMIT_PLACE.exec(s.text);
    const summitPlace = summitMatch?.[1] ?? summitMatch?.[2];
    const seen = new Set<EventWhat>();
    for (const t of triggers) {
      if (seen.has(t.what)) continue;
      if (t.what === 'meeting' && seen.has('visit')) continue;
      const isGathering = text.slice(t.span[0], t.span[1]).toLowerCase() === 'gathering';
      const date = nearestDate(
        dates,
        t.span,
        triggers.filter((o) => o.what !== t.what),
      );
      const near = placeNear(s, t.span);
      let eventPlace = t.what === 'summit' ? summitPlace : near?.name;
      if (t.what === 'summit' && isGathering) {
        if (lastSummit === undefined || date === undefined) continue;
        if (
          lastSummit.start !== undefined &&
          date.start.slice(0, 7) !== lastSummit.start.slice(0, 7)
        )
          continue;
        eventPlace ??= lastSummit.place;
      }
      if (date === undefined && eventPlace === undefined) continue;
      seen.add(t.what);
      const spans = [t.span, ...(date !== undefined ? [date.span] : [])];
      if (eventPlace !== undefined && near !== undefined && t.what !== 'summit')
        spans.push(near.span);
      if (t.what === 'summit' && summitPlace !== undefined && summitMatch !== null) {
        const at = summitMatch.index + summitMatch[0].indexOf(summitPlace);
        spans.push([s.start + at, s.start + at + summitPlace.length]);
      }
      const span: Span = [Math.min(...spans.map((x) => x[0])), Math.max(...spans.map((x) => x[1]))];
      const event: EventFactProposal = {
        kind: 'event',
        ...sliceFact(text, span),
        confidence: date !== undefined && eventPlace !== undefined ? 0.85 : 0.65,
        what: t.what,
        start: date?.start,
        end: date?.end,
        precision: date?.precision,
        place: eventPlace,
      };
      // The same act told twice in a text ("voted Thursday …", "Thursday's vote …") is one event.
      const key = `${event.what}|${event.start ?? ''}|${event.end ?? ''}|${event.place ?? ''}`;
      if (event.start !== undefined && eventKeys.has(key)) continue;
      eventKeys.add(key);
      facts.push(event);
      if (t.what === 'summit') lastSummit = event;
    }
    const engagement = triggers.find((t) => ['visit', 'meeting', 'call'].includes(t.what));
    if (engagement !== undefined) {
      const participants: ParticipantRef[] = [];
      const add = (m: Mention | undefined): void => {
        if (m === undefined || participants.some((p) => p.name === m.name)) return;
        participants.push({
          name: m.name,
          iso2: m.iso2,
          organisation: m.organisation,
          role: m.role,
        });
      };
      if (pronoun) add(subject);
      for (const m of inSentence) add(m);
      const date = nearestDate(dates, engagement.span);
      if (
        participants.length > 0 &&
        (participants.length > 1 || date !== undefined || place !== undefined)
      ) {
        const visit = triggers.find((t) => t.what === 'visit');
        facts.push({
          kind: 'engagement',
          ...sliceFact(text, [s.start, s.end]),
          confidence: 0.75,
          what: visit !== undefined ? 'visit' : engagement.what,
          participants,
          place: place?.name,
          date: date?.precision === 'day' ? date.start : undefined,
        } satisfies EngagementFact);
      }
    }
    for (const m of allMatches(STATEMENT_RE, s.text)) {
      const [, kindWord, a, b, summary] = m;
      if (kindWord === undefined || a === undefined || summary === undefined) continue;
      const parties = new Set<Iso2>();
      const speaker = pronoun ? subject : inSentence[0];
      if (speaker?.iso2 !== undefined) parties.add(speaker.iso2);
      for (const name of [a, b]) {
        const iso2 = name !== undefined ? COUNTRY_NAMES.get(name) : undefined;
        if (iso2 !== undefined) parties.add(iso2);
      }
      const start = s.start + m.index;
      facts.push({
        kind: 'statement',
        ...sliceFact(text, [start, start + m[0].trimEnd().length]),
        confidence: 0.75,
        title: `Joint ${kindWord} with ${b !== undefined ? `${a} and ${b}` : a}`,
        parties: [...parties],
        summary: summary.trim(),
      } satisfies StatementFact);
    }
    const attributed: Span[] = [];
    for (const rule of ATTRIBUTIONS) {
      for (const m of s.text.matchAll(rule.re)) {
        const start = s.start + m.index;
        const span: Span = [start, start + m[0].length];
        if (attributed.some((x) => overlaps(x, span))) continue;
        attributed.push(span);
        facts.push({
          kind: 'attribution',
          ...sliceFact(text, span),
          confidence: 0.8,
          phrase: m[0],
          credibility: rule.credibility,
          credibilityRange: rule.range,
          scope: [s.start, s.end],
        } satisfies AttributionFact);
      }
    }
  }
  facts.push(...findStances(text, sentences, mentions));
  return facts.sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1]);
}
