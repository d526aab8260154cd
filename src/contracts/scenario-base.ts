/** The building blocks every input schema shares: ids, dates, country codes, citations. */
import { z } from 'zod';
import { isCountryCode } from '../core/countries.js';
import { isIsoDate } from '../core/dates.js';

export const Text = z.string().trim().min(1, 'must not be empty');

export const IsoDateSchema = z
  .string({ error: 'must be a date written YYYY-MM-DD' })
  .refine(isIsoDate, { error: 'must be a real calendar date written YYYY-MM-DD' });

/** Upper-case two-letter code; whether it is a real ISO 3166-1 code is checked semantically. */
export const Iso2Schema = z
  .string({ error: 'must be a two-letter ISO 3166-1 code such as UA' })
  .regex(/^[A-Z]{2}$/, 'must be a two-letter upper-case ISO 3166-1 code such as UA')
  .refine(isCountryCode, {
    error: (issue) => `'${String(issue.input)}' is not an ISO 3166-1 alpha-2 country code`,
    abort: true,
  });

export const IdSchema = z
  .string({ error: 'must be an id (lower-case letters, digits and dashes)' })
  .regex(
    /^[a-z0-9][a-z0-9-]{0,79}$/,
    'must be an id of lower-case letters, digits and dashes, starting with a letter or digit (at most 80 characters)',
  );

export const CitationSchema = z.strictObject({
  source: IdSchema,
  credibility: z.literal([1, 2, 3, 4, 5, 6], {
    error: 'must be an Admiralty credibility from 1 (confirmed) to 6 (cannot be judged)',
  }),
  quote: Text.optional(),
});
