/** Reading and verifying the audit log, for any account (policy: audit.read). */
import type { AuditEntry, ChainVerdict } from '../core/audit.js';
import type { AuditFilter } from '../db/audit-repository.js';
import { auditHead, readAudit, verifyAudit } from './audit.js';
import type { Actor, ServiceDeps } from './context.js';
import { requireAllowed } from './write.js';

export interface AuditService {
  log(actor: Actor, filter: AuditFilter): Promise<AuditEntry[]>;
  verify(actor: Actor, onProgress?: (checked: number) => void): Promise<ChainVerdict>;
  head(): Promise<{ seq: number; hash: string }>;
}

export function createAuditService(deps: ServiceDeps): AuditService {
  return {
    async log(actor, filter) {
      requireAllowed(actor, 'audit.read');
      return readAudit(deps.db, filter);
    },
    async verify(actor, onProgress) {
      requireAllowed(actor, 'audit.read');
      return verifyAudit(deps.db, onProgress);
    },
    head: () => auditHead(deps.db),
  };
}
