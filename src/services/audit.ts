/**
 * The audit log: every write appends an entry in the same transaction as the change, chained by
 * SHA-256 (see src/core/audit.ts). Verification recomputes the chain page by page.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  CHAIN_START,
  GENESIS_HASH,
  sealEntry,
  verifyChain,
  type AuditActor,
  type AuditEntity,
  type AuditEntry,
  type ChainVerdict,
} from '../core/audit.js';
import type { Principal } from '../core/policy.js';
import {
  auditPage,
  insertAuditEntry,
  lastAuditEntry,
  listAudit,
  type AuditFilter,
} from '../db/audit-repository.js';
import type { Database } from '../db/schema.js';

export const sha256 = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

export function actorOf(principal: Principal): AuditActor {
  return principal.kind === 'user'
    ? { kind: 'user', id: principal.id, name: principal.name, role: principal.role }
    : { kind: principal.kind, name: principal.name };
}

/** Append one entry after the current head. Call inside the write's transaction. */
export async function appendAudit(
  trx: Kysely<Database>,
  entry: {
    readonly at: string;
    readonly principal: Principal;
    readonly action: string;
    readonly entity: AuditEntity;
    readonly before: unknown;
    readonly after: unknown;
  },
): Promise<AuditEntry> {
  const last = await lastAuditEntry(trx);
  const sealed = sealEntry(
    last?.hash ?? GENESIS_HASH,
    {
      seq: (last?.seq ?? 0) + 1,
      at: entry.at,
      actor: actorOf(entry.principal),
      action: entry.action,
      entity: entry.entity,
      before: entry.before ?? null,
      after: entry.after ?? null,
    },
    sha256,
  );
  await insertAuditEntry(trx, sealed);
  return sealed;
}

const PAGE = 2000;

/** Recompute the whole chain; `onProgress` is told how many entries were checked so far. */
export async function verifyAudit(
  db: Kysely<Database>,
  onProgress?: (checked: number) => void,
): Promise<ChainVerdict> {
  let point = CHAIN_START;
  let checked = 0;
  for (;;) {
    const page = await auditPage(db, point.nextSeq - 1, PAGE);
    if (page.length === 0)
      return { ok: true, entries: checked, firstBroken: null, head: point.prevHash };
    const verdict = verifyChain(page, sha256, point);
    if (!verdict.ok) return { ...verdict, entries: checked + page.length };
    checked += page.length;
    onProgress?.(checked);
    point = { prevHash: verdict.head, nextSeq: point.nextSeq + page.length };
  }
}

export async function readAudit(db: Kysely<Database>, filter: AuditFilter): Promise<AuditEntry[]> {
  return listAudit(db, filter);
}

export async function auditHead(db: Kysely<Database>): Promise<{ seq: number; hash: string }> {
  return (await lastAuditEntry(db)) ?? { seq: 0, hash: GENESIS_HASH };
}
