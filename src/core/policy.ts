/**
 * Who may do what: the single policy table. Authorization is decided here, once, by the
 * services; docs/access.md is generated from this table (a test keeps it true).
 */
import type { Iso2 } from './types.js';

export const ROLES = [
  'admin',
  'secretariat',
  'delegation',
  'candidate',
  'analyst',
  'observer',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  admin: 'manages accounts and may do everything',
  secretariat: 'runs scenarios, records alliance decisions, assesses',
  delegation: "bound to one member: records only that member's positions and assessments",
  candidate: 'bound to one candidate: submits evidence; cannot assess or change positions',
  analyst: 'ingests and reviews briefings, proposes and records reported facts',
  observer: 'reads',
};

/** Who is acting: an account, or the local operator through the CLI (who owns the files). */
export type Principal =
  | {
      readonly kind: 'user';
      readonly id: string;
      readonly name: string;
      readonly role: Role;
      readonly member?: Iso2 | undefined;
      readonly candidate?: Iso2 | undefined;
    }
  | { readonly kind: 'cli'; readonly name: string }
  | { readonly kind: 'system'; readonly name: string };

/**
 * How an action is scoped for bound roles: `member` — a delegation only for its own member;
 * `candidate` — a candidate account only for its own candidate.
 */
export type Scope = 'any' | 'member' | 'candidate';

export interface Rule {
  readonly roles: readonly Role[];
  /** For which bound roles the target must be their own (delegation → member, candidate → candidate). */
  readonly scoped?: Partial<Record<Role, Scope>>;
  readonly description: string;
}

export const POLICY = {
  'scenario.import': {
    roles: ['admin', 'secretariat'],
    description: 'import or replace a scenario',
  },
  'scenario.delete': { roles: ['admin'], description: 'delete a scenario and all its facts' },
  'position.record': {
    roles: ['admin', 'secretariat', 'delegation', 'analyst'],
    scoped: { delegation: 'member' },
    description: "record, change or withdraw a member's position",
  },
  'condition.status': {
    roles: ['admin', 'secretariat', 'delegation'],
    scoped: { delegation: 'member' },
    description: "record whether a condition is met (a delegation: only its own member's demands)",
  },
  'decision.outcome': {
    roles: ['admin', 'secretariat'],
    description: 'record the outcome of an alliance decision',
  },
  'event.record': {
    roles: ['admin', 'secretariat', 'analyst'],
    description: 'record a summit, visit, call or statement',
  },
  'evidence.submit': {
    roles: ['admin', 'secretariat', 'candidate'],
    scoped: { candidate: 'candidate' },
    description: "submit evidence of a candidate's progress",
  },
  'assessment.record': {
    roles: ['admin', 'secretariat', 'delegation'],
    scoped: { delegation: 'member' },
    description: 'assess a benchmark (a delegation: as its own member)',
  },
  'briefing.ingest': {
    roles: ['admin', 'secretariat', 'analyst'],
    description: 'ingest a briefing (stored once per scenario)',
  },
  'fact.review': {
    roles: ['admin', 'secretariat', 'analyst'],
    description: 'accept, merge or reject facts proposed from a briefing',
  },
  'audit.read': {
    roles: ['admin', 'secretariat', 'delegation', 'candidate', 'analyst', 'observer'],
    description: 'read and verify the audit log',
  },
  'user.manage': {
    roles: ['admin'],
    description: 'create, list and disable accounts; revoke any token',
  },
  'token.own': {
    roles: ['admin', 'secretariat', 'delegation', 'candidate', 'analyst', 'observer'],
    description: 'create and revoke your own API tokens',
  },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];
// Object.keys loses the key type; the keys are exactly those of POLICY.

export interface Target {
  /** The member the write speaks for (a position's member, an assessor, a condition's holder). */
  readonly member?: Iso2 | undefined;
  readonly candidate?: Iso2 | undefined;
}

export type Decision =
  { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** May this principal perform this action on this target? The CLI operator and the system may. */
export function authorize(principal: Principal, action: Action, target: Target = {}): Decision {
  if (principal.kind !== 'user') return { allowed: true };
  const rule: Rule = POLICY[action];
  if (!rule.roles.includes(principal.role)) {
    return { allowed: false, reason: `the ${principal.role} role may not ${rule.description}` };
  }
  const scope = rule.scoped?.[principal.role] ?? 'any';
  if (scope === 'member') {
    if (principal.member === undefined) {
      return { allowed: false, reason: 'this delegation account is bound to no member' };
    }
    if (target.member !== principal.member) {
      return {
        allowed: false,
        reason: `the ${principal.member} delegation may act only for ${principal.member}, not ${target.member ?? 'the alliance'}`,
      };
    }
  }
  if (scope === 'candidate') {
    if (principal.candidate === undefined) {
      return { allowed: false, reason: 'this candidate account is bound to no candidate' };
    }
    if (target.candidate !== principal.candidate) {
      return {
        allowed: false,
        reason: `the ${principal.candidate} account may act only for ${principal.candidate}, not ${target.candidate ?? 'another candidate'}`,
      };
    }
  }
  return { allowed: true };
}

/** The policy as a Markdown table (docs/access.md), so the docs print exactly what is enforced. */
export function policyMarkdown(): string {
  const header = `| action | what it allows | ${ROLES.join(' | ')} |`;
  const rule = `|---|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = ACTIONS.map((action) => {
    const r: Rule = POLICY[action];
    const cells = ROLES.map((role) => {
      if (!r.roles.includes(role)) return '';
      const scope = r.scoped?.[role];
      return scope === 'member' ? 'own member' : scope === 'candidate' ? 'own candidate' : 'yes';
    });
    return `| \`${action}\` | ${r.description} | ${cells.join(' | ')} |`;
  });
  const roles = ROLES.map((role) => `- **${role}**: ${ROLE_DESCRIPTIONS[role]}`);
  return [header, rule, ...rows, '', ...roles].join('\n');
}
