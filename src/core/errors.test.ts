import { describe, expect, it } from 'vitest';
import { COUNTRIES, countryName, isCountryCode } from './countries.js';
import { AccordError, formatProblem, isAccordError } from './errors.js';

describe('formatProblem', () => {
  it('names the file, line and path before the message', () => {
    expect(
      formatProblem({ path: 'positions.3.member', message: 'bad', file: 'a.yaml', line: 7 }),
    ).toBe('a.yaml:7: positions.3.member: bad');
    expect(formatProblem({ path: 'x', message: 'bad', file: 'a.yaml' })).toBe('a.yaml: x: bad');
    expect(formatProblem({ path: 'x', message: 'bad', line: 2 })).toBe('line 2: x: bad');
    expect(formatProblem({ path: '', message: 'bad' })).toBe('bad');
  });
});

describe('AccordError', () => {
  it('serialises to the one error shape', () => {
    const err = new AccordError('NOT_FOUND', 'no scenario x', { id: 'x' });
    expect(err.toJSON()).toEqual({
      error: { code: 'NOT_FOUND', message: 'no scenario x', details: { id: 'x' } },
    });
    expect(err.name).toBe('AccordError');
    expect(isAccordError(err)).toBe(true);
    expect(isAccordError(new Error('plain'))).toBe(false);
  });
});

describe('countries', () => {
  it('knows ISO 3166-1 alpha-2 codes and nothing else', () => {
    expect(isCountryCode('UA')).toBe(true);
    expect(isCountryCode('SE')).toBe(true);
    expect(isCountryCode('XX')).toBe(false);
    expect(isCountryCode('ua')).toBe(false);
    expect(isCountryCode('toString')).toBe(false);
    expect(countryName('FI')).toBe('Finland');
    expect(countryName('XX')).toBeUndefined();
    expect(countryName('constructor')).toBeUndefined();
  });

  it('has only two-letter upper-case keys', () => {
    const keys = Object.keys(COUNTRIES);
    expect(keys.length).toBeGreaterThan(240);
    expect(keys.every((k) => /^[A-Z]{2}$/.test(k))).toBe(true);
  });
});
