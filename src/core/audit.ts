/**
 * The audit log's hash chain: each entry's hash is SHA-256 of the previous entry's hash followed
 * by this entry's canonical JSON (RFC 8785). Changing any stored entry breaks every hash from it
 * on. The hash function is a parameter, like the clock: the core does no I/O and needs no crypto
 * module (services pass node:crypto's).
 */
import canonicalize from 'canonicalize';

export type Sha256 = (text: string) => string;

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditActor {
  readonly kind: 'user' | 'cli' | 'system';
  readonly id?: string | undefined;
  readonly name: string;
  readonly role?: string | undefined;
}

export interface AuditEntity {
  readonly type: string;
  readonly id: string;
  readonly scenario?: string | undefined;
}

/** What is hashed: everything but the hashes themselves. */
export interface AuditBody {
  readonly seq: number;
  readonly at: string;
  readonly actor: AuditActor;
  readonly action: string;
  readonly entity: AuditEntity;
  readonly before: unknown;
  readonly after: unknown;
}

export interface AuditEntry extends AuditBody {
  readonly prevHash: string;
  readonly hash: string;
}

/** RFC 8785 canonical JSON; undefined fields are dropped, as JSON.stringify drops them. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(JSON.parse(JSON.stringify(value ?? null)));
  if (text === undefined) throw new TypeError('value cannot be written as canonical JSON');
  return text;
}

export function entryHash(prevHash: string, body: AuditBody, sha256: Sha256): string {
  const { seq, at, actor, action, entity, before, after } = body;
  return sha256(prevHash + canonicalJson({ seq, at, actor, action, entity, before, after }));
}

/** Seal a body onto the chain after the entry whose hash is `prevHash`. */
export function sealEntry(prevHash: string, body: AuditBody, sha256: Sha256): AuditEntry {
  return { ...body, prevHash, hash: entryHash(prevHash, body, sha256) };
}

export interface ChainVerdict {
  readonly ok: boolean;
  readonly entries: number;
  /** The seq of the first entry that does not check out, or null. */
  readonly firstBroken: number | null;
  readonly reason?: string | undefined;
  /** The hash of the last entry: what an exported scenario carries so a recipient can check it. */
  readonly head: string;
}

/** Where a verification starts: the chain's beginning, or where the previous page ended. */
export interface ChainPoint {
  readonly prevHash: string;
  readonly nextSeq: number;
}

export const CHAIN_START: ChainPoint = { prevHash: GENESIS_HASH, nextSeq: 1 };

/**
 * Recompute the chain. Entries must be in seq order; long chains are checked page by page,
 * each page starting from the point the previous one reached (`head`, `firstBroken`).
 */
export function verifyChain(
  entries: readonly AuditEntry[],
  sha256: Sha256,
  start: ChainPoint = CHAIN_START,
): ChainVerdict {
  let prev = start.prevHash;
  let expectedSeq = start.nextSeq;
  for (const e of entries) {
    const broken = (reason: string): ChainVerdict => ({
      ok: false,
      entries: entries.length,
      firstBroken: e.seq,
      reason,
      head: prev,
    });
    if (e.seq !== expectedSeq)
      return broken(`expected entry ${expectedSeq}, found ${e.seq} (an entry is missing)`);
    if (e.prevHash !== prev)
      return broken(`entry ${e.seq} does not follow the hash of entry ${e.seq - 1}`);
    if (entryHash(prev, e, sha256) !== e.hash)
      return broken(`entry ${e.seq} was changed after it was written`);
    prev = e.hash;
    expectedSeq += 1;
  }
  return { ok: true, entries: entries.length, firstBroken: null, head: prev };
}
