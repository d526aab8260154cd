/**
 * Small hand-made gazetteers: country names and aliases, demonyms, capitals, organisations and
 * titles. The lite wink model has no PERSON/ORG/GPE entities, so names come from here.
 */
import { COUNTRIES } from '../countries.js';
import type { Iso2 } from '../types.js';

const ALIASES: Readonly<Record<string, Iso2>> = {
  'United States of America': 'US',
  'United States': 'US',
  'the US': 'US',
  'the U.S.': 'US',
  America: 'US',
  'United Kingdom': 'GB',
  Britain: 'GB',
  'Great Britain': 'GB',
  'the UK': 'GB',
  Russia: 'RU',
  Turkey: 'TR',
  Türkiye: 'TR',
  Turkiye: 'TR',
  'Czech Republic': 'CZ',
  Moldova: 'MD',
  'North Macedonia': 'MK',
  Macedonia: 'MK',
  Kosovo: 'XK',
  Vatican: 'VA',
  'Holy See': 'VA',
  'South Korea': 'KR',
  'North Korea': 'KP',
  Iran: 'IR',
  Syria: 'SY',
};

/** Country name → ISO code: the short names from countries.ts plus common aliases. */
export const COUNTRY_NAMES: ReadonlyMap<string, Iso2> = new Map<string, Iso2>([
  ...Object.entries(COUNTRIES)
    .filter(([, name]) => !/[,(]/.test(name))
    .map(([code, name]): [string, Iso2] => [name, code]),
  ...Object.entries(ALIASES),
]);

export const DEMONYMS: Readonly<Record<string, Iso2>> = {
  Albanian: 'AL',
  American: 'US',
  Austrian: 'AT',
  Belgian: 'BE',
  Belarusian: 'BY',
  British: 'GB',
  Bulgarian: 'BG',
  Canadian: 'CA',
  Chinese: 'CN',
  Croatian: 'HR',
  Czech: 'CZ',
  Danish: 'DK',
  Dutch: 'NL',
  Estonian: 'EE',
  Finnish: 'FI',
  French: 'FR',
  Georgian: 'GE',
  German: 'DE',
  Greek: 'GR',
  Hungarian: 'HU',
  Icelandic: 'IS',
  Irish: 'IE',
  Italian: 'IT',
  Japanese: 'JP',
  Latvian: 'LV',
  Lithuanian: 'LT',
  Luxembourgish: 'LU',
  Moldovan: 'MD',
  Montenegrin: 'ME',
  Norwegian: 'NO',
  Polish: 'PL',
  Portuguese: 'PT',
  Romanian: 'RO',
  Russian: 'RU',
  Serbian: 'RS',
  Slovak: 'SK',
  Slovenian: 'SI',
  Spanish: 'ES',
  Swedish: 'SE',
  Swiss: 'CH',
  Turkish: 'TR',
  Ukrainian: 'UA',
  // Used as an adjective in titles: "US Secretary of State Antony Blinken".
  US: 'US',
};

export const CAPITALS: Readonly<Record<string, Iso2>> = {
  Tirana: 'AL',
  Vienna: 'AT',
  Brussels: 'BE',
  Minsk: 'BY',
  Sofia: 'BG',
  Ottawa: 'CA',
  Beijing: 'CN',
  Zagreb: 'HR',
  Prague: 'CZ',
  Copenhagen: 'DK',
  Tallinn: 'EE',
  Helsinki: 'FI',
  Paris: 'FR',
  Tbilisi: 'GE',
  Berlin: 'DE',
  Athens: 'GR',
  Budapest: 'HU',
  Reykjavik: 'IS',
  Dublin: 'IE',
  Rome: 'IT',
  Tokyo: 'JP',
  Riga: 'LV',
  Vilnius: 'LT',
  Chisinau: 'MD',
  Podgorica: 'ME',
  'The Hague': 'NL',
  Amsterdam: 'NL',
  Skopje: 'MK',
  Oslo: 'NO',
  Warsaw: 'PL',
  Lisbon: 'PT',
  Bucharest: 'RO',
  Moscow: 'RU',
  Belgrade: 'RS',
  Bratislava: 'SK',
  Ljubljana: 'SI',
  Madrid: 'ES',
  Stockholm: 'SE',
  Bern: 'CH',
  Ankara: 'TR',
  Kyiv: 'UA',
  Kiev: 'UA',
  London: 'GB',
  Washington: 'US',
};

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

/** One alternation of names, longest first, as a regexp source. */
export function alternation(names: Iterable<string>): string {
  return [...names]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
}
