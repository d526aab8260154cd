import { describe, expect, it } from 'vitest';
import { extractFacts } from './extract.js';
import { CAPITALS, COUNTRY_NAMES, DEMONYMS, alternation } from './gazetteer.js';
import type { ActorFact } from './types.js';

const countriesIn = (text: string): (string | undefined)[] =>
  extractFacts(text, { published: '2024-03-07' })
    .filter((f): f is ActorFact => f.kind === 'actor' && f.type === 'country')
    .map((f) => f.iso2);

describe('gazetteers from world-countries', () => {
  it('names: common, official and usable alternative names, plus the hand list', () => {
    expect(COUNTRY_NAMES.get('Türkiye')).toBe('TR');
    expect(COUNTRY_NAMES.get('Turkey')).toBe('TR');
    expect(COUNTRY_NAMES.get('Czechia')).toBe('CZ');
    expect(COUNTRY_NAMES.get('Czech Republic')).toBe('CZ');
    expect(COUNTRY_NAMES.get('North Macedonia')).toBe('MK');
    expect(COUNTRY_NAMES.get('Kosovo')).toBe('XK');
    expect(COUNTRY_NAMES.get('Holy See')).toBe('VA');
    expect(COUNTRY_NAMES.get('the US')).toBe('US');
    expect(COUNTRY_NAMES.size).toBeGreaterThan(400);
  });

  it('leaves out codes, lower-case spellings and words that are no country in English', () => {
    for (const name of COUNTRY_NAMES.keys()) {
      expect(name.length, name).toBeGreaterThanOrEqual(4);
      expect(name, name).not.toMatch(/^[a-z]+$/);
    }
    for (const word of ['IT', 'US', 'UK', 'Island', 'Mann', 'Reunion', 'Congo', 'Emirates'])
      expect(COUNTRY_NAMES.has(word), word).toBe(false);
  });

  it('demonyms: one sovereign state each; shared ones are left out', () => {
    expect(DEMONYMS['Chadian']).toBe('TD');
    expect(DEMONYMS['Kosovar']).toBe('XK');
    expect(DEMONYMS['Indian']).toBe('IN');
    expect(DEMONYMS['Norwegian']).toBe('NO');
    expect(DEMONYMS['Icelandic']).toBe('IS');
    expect(DEMONYMS['Slovenian']).toBe('SI');
    expect(DEMONYMS['Congolese']).toBeUndefined();
    expect(DEMONYMS['Dominican']).toBeUndefined();
  });

  it('capitals: the alliance’s region only, with the forms texts use', () => {
    expect(CAPITALS['Kyiv']).toBe('UA');
    expect(CAPITALS['Kiev']).toBe('UA');
    expect(CAPITALS['The Hague']).toBe('NL');
    expect(CAPITALS['Washington']).toBe('US');
    expect(CAPITALS['Ankara']).toBe('TR');
    expect(CAPITALS['Pristina']).toBe('XK');
    expect(CAPITALS['Tehran']).toBe('IR');
    for (const name of ['Victoria', 'Kingston', 'Hamilton', 'Douglas', 'Male', 'Malé', 'Roseau'])
      expect(CAPITALS[name], name).toBeUndefined();
    expect(CAPITALS['Jerusalem']).toBeUndefined();
    expect(CAPITALS['Washington D.C.']).toBeUndefined();
  });

  it('in text: no country from New Mexico, South America, the Indian Ocean or an island', () => {
    expect(countriesIn('Lawmakers from New Mexico and New Jersey toured South America.')).toEqual(
      [],
    );
    expect(countriesIn('Island states in the Indian Ocean met in Victoria and Kingston.')).toEqual(
      [],
    );
    expect(
      countriesIn('The U.S. government and Türkiye spoke; Prishtina and Kiev listened.'),
    ).toEqual(['US', 'TR', 'XK', 'UA']);
  });

  it('the prefix-tree alternation prefers the longest name, as a sorted list would', () => {
    const re = new RegExp(
      `\\b(?:${alternation(['Guinea', 'Guinea-Bissau', 'Papua New Guinea'])})\\b`,
      'g',
    );
    expect('Guinea-Bissau, Papua New Guinea and Guinea'.match(re)).toEqual([
      'Guinea-Bissau',
      'Papua New Guinea',
      'Guinea',
    ]);
    const all = new RegExp(`^(?:${alternation(COUNTRY_NAMES.keys())})$`);
    for (const name of COUNTRY_NAMES.keys()) expect(all.test(name), name).toBe(true);
  });
});
