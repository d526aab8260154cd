/**
 * Gazetteers: country names and aliases, demonyms, capitals, organisations and titles. The lite
 * wink model has no PERSON/ORG/GPE entities, so names come from here.
 *
 * Names, demonyms and capitals come from the npm package world-countries (5.1.0, data under the
 * Open Database License, ODbL 1.0: https://github.com/mledoze/countries), shipped with the package
 * and read at import (no download at run time). Small hand lists below add what it lacks for this
 * domain and drop what would give false positives; each says why.
 */
import worldCountries, { type Countries } from 'world-countries';
import type { Iso2 } from '../types.js';

// The package's index.d.ts declares an ES default export over a CommonJS `module.exports`, so
// under NodeNext TypeScript types the default import as `{ default: Countries }`, while Node (and
// Vite, through index.mjs) hand over the array itself. Take whichever arrives.
const loaded: unknown = worldCountries;
function isCountries(value: unknown): value is Countries {
  return Array.isArray(value);
}
const countries: Countries = isCountries(loaded) ? loaded : worldCountries.default;

/** English names the package lacks or spells otherwise. */
const HAND_NAMES: Readonly<Record<string, Iso2>> = {
  // The package's common name is "Türkiye"; English texts still say Turkey.
  Turkey: 'TR',
  // Short forms of the United States and the United Kingdom that texts use.
  'the US': 'US',
  'the U.S.': 'US',
  'the USA': 'US',
  America: 'US',
  Britain: 'GB',
  'the UK': 'GB',
  'the U.K.': 'GB',
  // "Holy See (Vatican City State)" is its only form with "Holy See".
  'Holy See': 'VA',
};

/**
 * Alternative spellings that are ordinary words, first names or shared between countries, and
 * would turn up where no country is meant ("Island" is Iceland's own name for itself, "Mann" the
 * Isle of Man's, "Congo" names two countries).
 */
const ALT_EXCLUDED: ReadonlySet<string> = new Set([
  'Island',
  'Mann',
  'Mannin',
  'Emirates',
  'Reunion',
  'Dominique',
  'Congo',
  'Timor',
  'Prathet',
  'Guiana',
  'Nation of Brunei',
]);

/**
 * The spellings of a name that can stand in running English text: four characters or more (two-
 * and three-letter codes like "IT" or "US" would match English words), not starting in lower
 * case ("weSwatini", "the Abode of Peace"), and in the Latin script.
 */
function usableAlt(name: string): boolean {
  return (
    name.length >= 4 &&
    /^[A-Z]/.test(name) &&
    /^[A-Za-zÀ-ɏ'’., -]+$/.test(name) &&
    !ALT_EXCLUDED.has(name)
  );
}

function buildCountryNames(): Map<string, Iso2> {
  const out = new Map<string, Iso2>(Object.entries(HAND_NAMES));
  const add = (name: string, iso2: Iso2): void => {
    if (!out.has(name)) out.set(name, iso2);
  };
  // Common names first, then official ones, then alternatives: on a clash the earlier wins.
  for (const c of countries) add(c.name.common, c.cca2);
  for (const c of countries) if (usableAlt(c.name.official)) add(c.name.official, c.cca2);
  for (const c of countries) for (const alt of c.altSpellings) if (usableAlt(alt)) add(alt, c.cca2);
  return out;
}

/** ISO code → the package's common English name, for codes countries.ts lacks (Kosovo, XK). */
export const COMMON_NAMES: ReadonlyMap<Iso2, string> = new Map(
  countries.map((c): [Iso2, string] => [c.cca2, c.name.common]),
);

/** Country name → ISO code: world-countries' common and official names and usable spellings. */
export const COUNTRY_NAMES: ReadonlyMap<string, Iso2> = buildCountryNames();

/** Demonyms the package spells otherwise or lacks, in the forms news texts use. */
const HAND_DEMONYMS: Readonly<Record<string, Iso2>> = {
  // Used as adjectives in titles: "US Secretary of State Antony Blinken".
  US: 'US',
  'U.S.': 'US',
  'U.K.': 'GB',
  UK: 'GB',
  // The package has "Icelander", "Luxembourger", "Slovene", "Macedonian".
  Icelandic: 'IS',
  Luxembourgish: 'LU',
  Slovenian: 'SI',
  'North Macedonian': 'MK',
};

/**
 * Demonym → ISO code. A demonym the package gives to several places goes to the one sovereign
 * state among them ("Indian": India, not the British Indian Ocean Territory; "Norwegian": Norway,
 * not Svalbard); one shared by two states ("Congolese", "Dominican") is left out.
 */
function buildDemonyms(): Record<string, Iso2> {
  const claims = new Map<string, { iso2: Iso2; sovereign: boolean }[]>();
  for (const c of countries) {
    const eng = c.demonyms['eng'];
    if (eng === undefined) continue;
    const forms = new Set([eng.m, eng.f].flatMap((d) => d.split(/,\s*|\s+or\s+/)));
    for (const form of forms) {
      if (form.length < 4) continue;
      const list = claims.get(form) ?? [];
      // `independent` is null for Kosovo in the data, though typed boolean: falsy either way.
      list.push({ iso2: c.cca2, sovereign: c.independent });
      claims.set(form, list);
    }
  }
  const out: Record<string, Iso2> = { ...HAND_DEMONYMS };
  for (const [form, list] of claims) {
    const sovereign = list.filter((x) => x.sovereign);
    const pick = list.length === 1 ? list[0] : sovereign.length === 1 ? sovereign[0] : undefined;
    if (pick !== undefined && out[form] === undefined) out[form] = pick.iso2;
  }
  return out;
}

export const DEMONYMS: Readonly<Record<string, Iso2>> = buildDemonyms();

/**
 * Capitals are kept only for the alliance's members, partners and neighbourhood: Europe, North
 * America, Western and Central Asia, North Africa, East Asia, and Iran. Elsewhere capitals are
 * often people's names ("Victoria", "Kingston", "Hamilton", "Douglas", "Colombo") or words
 * ("Male"), and they are not needed for this domain.
 */
const CAPITAL_SUBREGIONS: ReadonlySet<string> = new Set([
  'North America',
  'Western Asia',
  'Central Asia',
  'Eastern Asia',
  'Northern Africa',
]);
// Kosovo's `independent` is null in the package; Iran lies in Southern Asia, outside the above.
const CAPITAL_EXTRA: ReadonlySet<Iso2> = new Set(['XK', 'IR']);
/**
 * Capitals from the package that are left out: "Washington D.C." (texts say "Washington", below),
 * "Chișinău" (texts write it without diacritics, below) and "Jerusalem", whose status is disputed
 * and which two governments claim, so it does not stand for one of them.
 */
const CAPITAL_EXCLUDED: ReadonlySet<string> = new Set(['Washington D.C.', 'Jerusalem']);

/** Capitals the package lacks in the forms texts use. */
const HAND_CAPITALS: Readonly<Record<string, Iso2>> = {
  Washington: 'US',
  // The Russian-derived spelling still common in older texts.
  Kiev: 'UA',
  Chisinau: 'MD',
  // The seat of the Dutch government, though Amsterdam is the capital.
  'The Hague': 'NL',
  Pristina: 'XK',
  Prishtina: 'XK',
};

function buildCapitals(): Record<string, Iso2> {
  const out: Record<string, Iso2> = { ...HAND_CAPITALS };
  for (const c of countries) {
    const inScope =
      CAPITAL_EXTRA.has(c.cca2) ||
      (c.independent && (c.region === 'Europe' || CAPITAL_SUBREGIONS.has(c.subregion)));
    if (!inScope) continue;
    for (const capital of c.capital) {
      if (CAPITAL_EXCLUDED.has(capital) || out[capital] !== undefined) continue;
      out[capital] = c.cca2;
    }
  }
  return out;
}

export const CAPITALS: Readonly<Record<string, Iso2>> = buildCapitals();

export const ORGANISATIONS: Readonly<Record<string, string>> = {
  NATO: 'NATO',
  'North Atlantic Treaty Organization': 'NATO',
  'European Union': 'EU',
  EU: 'EU',
  'United Nations': 'UN',
  OSCE: 'OSCE',
  G7: 'G7',
};

/** Titles of persons, longest first so that "Prime Minister" wins over "Minister". */
export const TITLES: readonly string[] = [
  'Prime Minister',
  'Foreign Minister',
  'Defence Minister',
  'Defense Minister',
  'Deputy Prime Minister',
  'Secretary General',
  'Secretary-General',
  'Secretary of State',
  'Vice President',
  'President',
  'Chancellor',
  'Minister',
  'Ambassador',
  'Deputy Speaker',
  'Speaker',
  'King',
  'Queen',
  'Pope',
].sort((a, b) => b.length - a.length);

/** Titles that fix the person's country whatever the text says around them. */
export const TITLE_COUNTRY: Readonly<Record<string, Iso2>> = { Pope: 'VA' };

/** Named groups whose members the name itself gives. */
export const NAMED_GROUPS: Readonly<Record<string, readonly Iso2[]>> = {
  'Baltic states': ['EE', 'LV', 'LT'],
  'Nordic countries': ['DK', 'FI', 'IS', 'NO', 'SE'],
};

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface TrieNode {
  readonly children: Map<string, TrieNode>;
  end: boolean;
}

function trieSource(node: TrieNode): string {
  const branches = [...node.children.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([ch, child]) => escapeRegExp(ch) + trieSource(child));
  if (branches.length === 0) return '';
  const body = branches.length === 1 ? (branches[0] ?? '') : `(?:${branches.join('|')})`;
  // A name that ends here and also goes on: the longer one is tried first (greedy `?`).
  return node.end ? `(?:${body})?` : body;
}

/**
 * One alternation of names as a regexp source, built as a prefix tree so that the engine picks
 * the branch by the next character instead of trying hundreds of names at every word. As with a
 * list sorted longest first, the longest name that matches (with what follows) wins.
 */
export function alternation(names: Iterable<string>): string {
  const root: TrieNode = { children: new Map(), end: false };
  for (const name of names) {
    if (name === '') continue;
    let node = root;
    for (const ch of name) {
      let next = node.children.get(ch);
      if (next === undefined) {
        next = { children: new Map(), end: false };
        node.children.set(ch, next);
      }
      node = next;
    }
    node.end = true;
  }
  return trieSource(root);
}
