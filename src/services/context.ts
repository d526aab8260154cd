/**
 * What every use case receives: the database and the clock. Passing them in (rather than
 * importing singletons) lets tests run two databases side by side and fix the time.
 */
import type { Kysely } from 'kysely';
import { AccordError } from '../core/errors.js';
import { isIsoDate } from '../core/dates.js';
import type { IsoDate } from '../core/types.js';
import type { Database } from '../db/schema.js';
import type { AccessionCase } from '../core/forecast/ratification.js';
import type { Principal } from '../core/policy.js';

export interface ServiceDeps {
  readonly db: Kysely<Database>;
  /** The current instant; tests pass a fixed one. */
  readonly clock: () => Date;
  /**
   * Changes when another process writes to the database; while it stays the same, cached reads
   * are served without asking the database. Without it, every read checks the version.
   */
  readonly changeToken?: (() => number) | undefined;
  /** NATO's enlargement rounds (reference-data/nato-accessions.json), read by the edge that starts Accord. */
  readonly accessionCases?: readonly AccessionCase[] | undefined;
}

/** Who performs a write: an account, the local operator (CLI), or Accord itself. */
export type Actor = Principal;

export const SYSTEM_ACTOR: Actor = { kind: 'system', name: 'accord' };

/** The local operator: whoever can run the CLI owns the data files, so the policy lets them act. */
export function cliActor(name: string): Actor {
  return { kind: 'cli', name: name === '' ? 'cli' : name };
}

/** Today's calendar date (UTC) from the clock. */
export function today(deps: Pick<ServiceDeps, 'clock'>): IsoDate {
  return deps.clock().toISOString().slice(0, 10);
}

/** Check an `asOf` parameter, defaulting to today. The field name goes into the error. */
export function resolveAsOf(
  deps: Pick<ServiceDeps, 'clock'>,
  asOf: string | undefined,
  field = 'asOf',
): IsoDate {
  if (asOf === undefined || asOf === '') return today(deps);
  if (!isIsoDate(asOf)) {
    throw new AccordError(
      'VALIDATION_FAILED',
      `${field}: '${asOf}' is not a date written YYYY-MM-DD`,
      {
        field,
        value: asOf,
      },
    );
  }
  return asOf;
}
