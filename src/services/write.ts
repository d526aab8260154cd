/**
 * The one write path: authorize → transaction { change, audit entry } → invalidate caches.
 * Every service that changes data goes through `runWrite`, so no write escapes authorization
 * or the audit log.
 */
import type { Kysely } from 'kysely';
import type { AuditEntity } from '../core/audit.js';
import { AccordError } from '../core/errors.js';
import { authorize, type Action, type Principal, type Target } from '../core/policy.js';
import type { Database } from '../db/schema.js';
import { appendAudit } from './audit.js';
import type { ServiceDeps } from './context.js';

export interface WriteOutcome<T> {
  readonly entity: AuditEntity;
  readonly before: unknown;
  readonly after: unknown;
  readonly result: T;
}

/** Throw FORBIDDEN unless the policy allows it. Nothing has been written when this throws. */
export function requireAllowed(principal: Principal, action: Action, target: Target = {}): void {
  const decision = authorize(principal, action, target);
  if (!decision.allowed) {
    throw new AccordError('FORBIDDEN', `forbidden: ${decision.reason}`, { action, ...target });
  }
}

/** Errors that mean "another writer got there first; run the transaction again". */
function isTransient(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = String(error.code);
  // SQLite: the database is locked or our snapshot is stale. PostgreSQL: serialization failure,
  // or two writers took the same audit sequence number (unique violation on audit_log).
  return (
    code === 'SQLITE_BUSY' ||
    code === 'SQLITE_BUSY_SNAPSHOT' ||
    code === '40001' ||
    code === '23505'
  );
}

const ATTEMPTS = 5;

export async function runWrite<T>(
  deps: ServiceDeps,
  principal: Principal,
  action: Action,
  target: Target,
  change: (trx: Kysely<Database>, now: string) => Promise<WriteOutcome<T>>,
): Promise<T> {
  requireAllowed(principal, action, target);
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.db.transaction().execute(async (trx) => {
        const now = deps.clock().toISOString();
        const outcome = await change(trx, now);
        await appendAudit(trx, {
          at: now,
          principal,
          action,
          entity: outcome.entity,
          before: outcome.before,
          after: outcome.after,
        });
        return outcome.result;
      });
    } catch (error) {
      if (attempt >= ATTEMPTS || !isTransient(error)) throw error;
    }
  }
}
