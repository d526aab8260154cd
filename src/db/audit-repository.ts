/** The audit log: append-only rows; the chain's hashes are computed in the core. */
import type { Kysely } from 'kysely';
import type { AuditEntry } from '../core/audit.js';
import type { AuditRow, Database } from './schema.js';

type Db = Kysely<Database>;

export async function lastAuditEntry(db: Db): Promise<{ seq: number; hash: string } | undefined> {
  const row = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : { seq: row.seq, hash: row.hash };
}

export async function insertAuditEntry(db: Db, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      seq: e.seq,
      at: e.at,
      actor: JSON.stringify(e.actor),
      actor_name: e.actor.name,
      action: e.action,
      entity_type: e.entity.type,
      entity_id: e.entity.id,
      scenario_id: e.entity.scenario ?? null,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      prev_hash: e.prevHash,
      hash: e.hash,
    })
    .execute();
}

export function auditFromRow(r: AuditRow): AuditEntry {
  const parse = (text: string | null): unknown =>
    text === null ? null : (JSON.parse(text) as unknown);
  const actor = JSON.parse(r.actor) as AuditEntry['actor'];
  // Written by insertAuditEntry from an AuditActor; verification rechecks its hash anyway.
  return {
    seq: r.seq,
    at: r.at,
    actor,
    action: r.action,
    entity: { type: r.entity_type, id: r.entity_id, scenario: r.scenario_id ?? undefined },
    before: parse(r.before),
    after: parse(r.after),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export interface AuditFilter {
  readonly entity?: string | undefined;
  readonly actor?: string | undefined;
  readonly since?: string | undefined;
  readonly scenario?: string | undefined;
  readonly limit?: number | undefined;
  /** The entry with this hash (a chain head carried by an export). */
  readonly hash?: string | undefined;
}

/** Entries matching the filter, newest first. `entity` matches an id or `type:id`. */
export async function listAudit(db: Db, f: AuditFilter): Promise<AuditEntry[]> {
  let q = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(f.limit ?? 100);
  if (f.entity !== undefined) {
    const [type, id] = f.entity.includes(':') ? f.entity.split(':', 2) : [undefined, f.entity];
    if (type !== undefined) q = q.where('entity_type', '=', type);
    if (id !== undefined) q = q.where('entity_id', '=', id);
  }
  if (f.actor !== undefined) q = q.where('actor_name', '=', f.actor);
  if (f.since !== undefined) q = q.where('at', '>=', f.since);
  if (f.scenario !== undefined) q = q.where('scenario_id', '=', f.scenario);
  if (f.hash !== undefined) q = q.where('hash', '=', f.hash);
  return (await q.execute()).map(auditFromRow);
}

/** A page of entries in chain order after `afterSeq`, for verification. */
export async function auditPage(db: Db, afterSeq: number, limit: number): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(auditFromRow);
}
