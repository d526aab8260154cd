/** The policy table: decisions by example, and docs/access.md printing exactly what is enforced. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ROLES } from '../src/core/policy.js';
import { ACTIONS, authorize, policyMarkdown, type Principal } from '../src/core/policy.js';

const user = (
  role: (typeof ROLES)[number],
  extra: Partial<Extract<Principal, { kind: 'user' }>> = {},
): Principal => ({
  kind: 'user',
  id: role,
  name: role,
  role,
  ...extra,
});

describe('authorize', () => {
  it('lets a delegation act only for its own member', () => {
    const pl = user('delegation', { member: 'PL' });
    expect(authorize(pl, 'position.record', { member: 'PL' })).toEqual({ allowed: true });
    expect(authorize(pl, 'position.record', { member: 'DE' })).toMatchObject({ allowed: false });
    expect(authorize(pl, 'assessment.record', { member: 'PL' })).toEqual({ allowed: true });
    expect(authorize(pl, 'assessment.record', { member: 'DE' })).toMatchObject({ allowed: false });
  });

  it('never lets a candidate assess or change positions, but lets it submit its own evidence', () => {
    const ua = user('candidate', { candidate: 'UA' });
    expect(authorize(ua, 'assessment.record', { member: 'UA' })).toMatchObject({ allowed: false });
    expect(authorize(ua, 'position.record', { member: 'UA' })).toMatchObject({ allowed: false });
    expect(authorize(ua, 'evidence.submit', { candidate: 'UA' })).toEqual({ allowed: true });
    expect(authorize(ua, 'evidence.submit', { candidate: 'GE' })).toMatchObject({ allowed: false });
  });

  it('lets an observer read the audit log and nothing more', () => {
    const o = user('observer');
    for (const action of ACTIONS) {
      expect(authorize(o, action).allowed, action).toBe(
        action === 'audit.read' || action === 'token.own',
      );
    }
  });

  it('refuses a delegation account bound to no member', () => {
    expect(authorize(user('delegation'), 'position.record', { member: 'PL' })).toMatchObject({
      allowed: false,
    });
  });

  it('lets the local operator and the system act', () => {
    for (const action of ACTIONS) {
      expect(authorize({ kind: 'cli', name: 'op' }, action).allowed).toBe(true);
      expect(authorize({ kind: 'system', name: 'accord' }, action).allowed).toBe(true);
    }
  });
});

describe('docs/access.md', () => {
  it('prints the policy table exactly as enforced', () => {
    const doc = readFileSync(new URL('../docs/access.md', import.meta.url), 'utf8');
    const block = /<!-- policy:start -->\n([\s\S]*?)\n<!-- policy:end -->/.exec(doc)?.[1];
    expect(block).toBe(policyMarkdown());
  });
});
