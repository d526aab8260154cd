/**
 * The briefing extractor: rules, gazetteers and patterns over sentences (wink-nlp finds the
 * sentences, chrono-node the dates). Pure: text and publication date in, proposed facts out.
 */
import { countryName } from '../countries.js';
import type { Credibility, IsoDate, Iso2 } from '../types.js';
import { findDates, type DateMention } from './dates.js';
import {
  CAPITALS,
  COUNTRY_NAMES,
  DEMONYMS,
  NAMED_GROUPS,
  ORGANISATIONS,
  TITLES,
  TITLE_COUNTRY,
  alternation,
} from './gazetteer.js';
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
const NAME_WORD = "[A-Z][a-zà-ÿ'’-]+";

const PERSON_RE = new RegExp(
  `(?:\\b(${DEMONYM_ALT})\\s+|\\b(${COUNTRY_ALT})${APOS}s\\s+)?\\b(${TITLE_ALT})\\s+(${NAME_WORD}(?:\\s+${NAME_WORD}){0,2})`,
  'g',
);
const COUNTRY_RE = new RegExp(`\\b(${COUNTRY_ALT})\\b`, 'g');
const DEMONYM_RE = new RegExp(
  `(?<!(?:Latin|North|South|Central) )\\b(${DEMONYM_ALT})\\b(?!\\s+(?:Union|Eastern|Western))`,
  'g',
);
const CAPITAL_RE = new RegExp(`\\b(${CAPITAL_ALT})\\b`, 'g');
const ORG_RE = new RegExp(`\\b(${ORG_ALT})\\b`, 'g');

const ENLARGEMENT =
  /\b(join|joining|membership|accession|invitation|invite[ds]?|inviting|enlargement|expansion|aspirations?|bid)\b/i;

interface Person {
  readonly name: string;
  readonly iso2?: Iso2 | undefined;
  readonly role: string;
}

interface Mention {
  readonly key: string;
  readonly type: ActorFact['type'];
  readonly name: string;
  readonly iso2?: Iso2 | undefined;
  readonly role?: string | undefined;
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

/** Persons with a title, then their later surname mentions. */
function findPersons(text: string): { persons: Map<string, Person>; mentions: Mention[] } {
  const persons = new Map<string, Person>();
  const mentions: Mention[] = [];
  for (const m of text.matchAll(PERSON_RE)) {
    const [, demonym, country, title, name] = m;
    if (title === undefined || name === undefined) continue;
    const iso2 =
      TITLE_COUNTRY[title] ??
      (demonym !== undefined ? DEMONYMS[demonym] : undefined) ??
      (country !== undefined ? COUNTRY_NAMES.get(country) : undefined);
    const named =
      title === 'Pope' || title === 'King' || title === 'Queen' ? `${title} ${name}` : name;
    // "President Niinistö" after "Finnish President Sauli Niinistö" is the same person.
    const known = [...persons.values()].find(
      (p) => p.name !== named && (p.name.endsWith(` ${named}`) || named.endsWith(` ${p.name}`)),
    );
    const full = known?.name ?? named;
    const person: Person = known ?? { name: full, iso2, role: title.toLowerCase() };
    if (!persons.has(full)) persons.set(full, person);
    mentions.push({
      key: `person:${full}`,
      type: 'person',
      name: full,
      iso2: person.iso2 ?? iso2,
      role: person.role,
      span: [m.index, m.index + m[0].length],
    });
  }
  const claimed = new Claimed(text.length);
  for (const m of mentions) claimed.add(m.span);
  for (const person of persons.values()) {
    if (person.name.startsWith('Pope ')) continue;
    const surname = person.name.split(/\s+/).pop() ?? person.name;
    const re = new RegExp(`\\b${surname}\\b`, 'g');
    for (const m of text.matchAll(re)) {
      const span: Span = [m.index, m.index + m[0].length];
      if (claimed.has(span)) continue;
      claimed.add(span);
      mentions.push({
        key: `person:${person.name}`,
        type: 'person',
        name: person.name,
        iso2: person.iso2,
        role: person.role,
        span,
      });
    }
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
  for (const m of text.matchAll(ORG_RE)) {
    const short = ORGANISATIONS[m[0]] ?? m[0];
    push({
      key: `org:${short}`,
      type: 'organisation',
      name: short,
      span: [m.index, m.index + m[0].length],
    });
  }
  for (const m of text.matchAll(COUNTRY_RE)) {
    const iso2 = COUNTRY_NAMES.get(m[0]);
    if (iso2 === undefined) continue;
    const span: Span = [m.index, m.index + m[0].length];
    push({ key: `country:${iso2}`, type: 'country', name: countryName(iso2) ?? m[0], iso2, span });
  }
  for (const m of text.matchAll(DEMONYM_RE)) {
    const iso2 = DEMONYMS[m[0]];
    if (iso2 === undefined) continue;
    const span: Span = [m.index, m.index + m[0].length];
    push({ key: `country:${iso2}`, type: 'country', name: countryName(iso2) ?? m[0], iso2, span });
  }
  for (const m of text.matchAll(CAPITAL_RE)) {
    const iso2 = CAPITALS[m[0]];
    if (iso2 === undefined) continue;
    const span: Span = [m.index, m.index + m[0].length];
    if (!capitalIsActor(text, span[0], span[1])) continue;
    push({ key: `country:${iso2}`, type: 'country', name: countryName(iso2) ?? m[0], iso2, span });
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
      confidence: first.type === 'person' ? 0.85 : 0.9,
      type: first.type,
      name: first.name,
      iso2: first.iso2,
      role: first.role,
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
  // A copy of its own: matchAll starts at the lastIndex placeIn leaves on PLACE_AFTER.
  for (const m of s.text.matchAll(PLACE_AFTER_ALL)) {
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
  for (const m of sentence.matchAll(CANDIDATE_RE)) {
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
  const people = findPersons(text);
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
        participants.push({ name: m.name, iso2: m.iso2, role: m.role });
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
    for (const m of s.text.matchAll(STATEMENT_RE)) {
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
