/**
 * Accounts, roles, the one write path and the audit log, through HTTP against a real database.
 * The expected matrix below is written out by hand from the issue, not derived from the policy
 * table, so a wrong policy fails here.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { PositionCreateBody } from '../src/contracts/writes.js';
import type { Role } from '../src/core/policy.js';
import { buildApp } from '../src/server/app.js';
import { cliActor } from '../src/services/context.js';
import { SMALL_SCENARIO } from './fixtures.js';
import { builtinText, openTestWorkspace, type TestWorkspace } from './helpers.js';

const OPERATOR = cliActor('test-operator');
const TABLES = [
  'scenarios',
  'members',
  'decisions',
  'conditions',
  'condition_statuses',
  'positions',
  'events',
  'users',
  'tokens',
  'audit_log',
  'sources',
  'briefings',
  'briefing_facts',
] as const;

let ws: TestWorkspace;
let app: FastifyInstance;
const tokens = new Map<string, string>();

type Who =
  | 'admin'
  | 'secretariat'
  | 'delegation-pl'
  | 'delegation-de'
  | 'candidate-ua'
  | 'analyst'
  | 'observer';
const WHO: readonly Who[] = [
  'admin',
  'secretariat',
  'delegation-pl',
  'delegation-de',
  'candidate-ua',
  'analyst',
  'observer',
];

const ACCOUNTS: Record<Who, { role: Role; member?: string; candidate?: string }> = {
  admin: { role: 'admin' },
  secretariat: { role: 'secretariat' },
  'delegation-pl': { role: 'delegation', member: 'PL' },
  'delegation-de': { role: 'delegation', member: 'DE' },
  'candidate-ua': { role: 'candidate', candidate: 'UA' },
  analyst: { role: 'analyst' },
  observer: { role: 'observer' },
};

async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) {
    const rows: Record<string, unknown>[] = await ws.db.kysely.selectFrom(t).selectAll().execute();
    // When a token was last used is bookkeeping, not data: leave it out of "nothing was written".
    const kept = t === 'tokens' ? rows.map((row) => ({ ...row, last_used_at: null })) : rows;
    // PostgreSQL returns rows in no fixed order (an update moves a row), so compare them sorted.
    out[t] = kept.sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  }
  return out;
}

function auth(who: Who): Record<string, string> {
  const token = tokens.get(who);
  if (token === undefined) throw new Error(`no token for ${who}`);
  return { authorization: `Bearer ${token}` };
}

async function call(
  who: Who | undefined,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: who === undefined ? {} : auth(who),
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    // inject serialises objects as JSON; the bodies here are plain JSON values.
  });
}

let counter = 0;
const unique = (prefix: string): string => `${prefix}-${(counter += 1)}`;

function positionBody(
  member: string,
  id = unique(`p-${member.toLowerCase()}`),
): z.input<typeof PositionCreateBody> & { id: string } {
  return {
    id,
    member,
    decision: 'invite',
    stance: 'support',
    date: '2021-06-01',
    basis: 'reported',
    sources: [{ source: 'press', credibility: 2 }],
  };
}

function withoutId<T extends { id: string }>(value: T): Omit<T, 'id'> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'id')) as Omit<T, 'id'>;
  // fromEntries loses the key types; exactly the keys of T but id remain.
}

/** Make a PL position to change or delete (as the operator) and return its id and version. */
async function freshPlPosition(): Promise<{ id: string; version: number }> {
  const created = await ws.services.facts.recordPosition(OPERATOR, 'small', positionBody('PL'));
  return { id: created.position.id, version: created.version };
}

/** A briefing of its own (as the operator) and one of its proposed facts of the kind asked for. */
async function freshProposal(
  kind: 'event' | 'attribution',
): Promise<{ id: string; version: number }> {
  const text = `A reliable briefing indicates that leaders met at the Vilnius summit on July 11, 2021 (${unique('note')}).`;
  const r = await ws.services.briefings.ingest(OPERATOR, {
    scenario: 'small',
    text,
    published: '2021-07-20',
    source: 'A wire service',
    reliability: 'B',
  });
  const fact = r.facts.find((f) => f.kind === kind);
  if (fact === undefined) throw new Error(`no proposed ${kind} in the test briefing`);
  return { id: fact.id, version: fact.version };
}

interface WriteRoute {
  readonly name: string;
  readonly allowed: readonly Who[];
  /** Audit entries an allowed request leaves (default 1; a review that stores a fact adds its own). */
  readonly audits?: number;
  /** Build the request (some routes need fresh data for each attempt). */
  request(who: Who): Promise<{ method: 'POST' | 'PUT' | 'DELETE'; url: string; body?: unknown }>;
}

const ROUTES: readonly WriteRoute[] = [
  {
    name: 'import a scenario',
    allowed: ['admin', 'secretariat'],
    request: () =>
      Promise.resolve({
        method: 'POST',
        url: '/api/v1/scenarios',
        body: { text: SMALL_SCENARIO.replace('id: small', `id: ${unique('imported')}`) },
      }),
  },
  {
    name: 'delete a scenario',
    allowed: ['admin'],
    request: async () => {
      const id = unique('doomed');
      await ws.services.scenarios.importText(
        OPERATOR,
        SMALL_SCENARIO.replace('id: small', `id: ${id}`),
        'doomed.yaml',
      );
      return { method: 'DELETE', url: `/api/v1/scenarios/${id}` };
    },
  },
  {
    name: "record PL's position",
    allowed: ['admin', 'secretariat', 'delegation-pl', 'analyst'],
    request: () =>
      Promise.resolve({
        method: 'POST',
        url: '/api/v1/scenarios/small/positions',
        body: positionBody('PL'),
      }),
  },
  {
    name: "change PL's position",
    allowed: ['admin', 'secretariat', 'delegation-pl', 'analyst'],
    request: async () => {
      const p = await freshPlPosition();
      const rest = withoutId(positionBody('PL', p.id));
      return {
        method: 'PUT',
        url: `/api/v1/scenarios/small/positions/${p.id}`,
        body: { ...rest, stance: 'oppose', expectedVersion: p.version },
      };
    },
  },
  {
    name: "withdraw PL's position",
    allowed: ['admin', 'secretariat', 'delegation-pl', 'analyst'],
    request: async () => {
      const p = await freshPlPosition();
      return {
        method: 'DELETE',
        url: `/api/v1/scenarios/small/positions/${p.id}?expectedVersion=${p.version}`,
      };
    },
  },
  {
    name: "record an alliance condition's status",
    allowed: ['admin', 'secretariat'],
    request: () =>
      Promise.resolve({
        method: 'POST',
        url: '/api/v1/scenarios/small/conditions/reforms/statuses',
        body: {
          date: '2022-02-02',
          met: false,
          basis: 'reported',
          sources: [{ source: 'press', credibility: 3 }],
        },
      }),
  },
  {
    name: "record a decision's outcome",
    allowed: ['admin', 'secretariat'],
    request: async () => {
      const { version } = await ws.services.facts.getOutcome('small', 'invite');
      return {
        method: 'PUT',
        url: '/api/v1/scenarios/small/decisions/invite/outcome',
        body: {
          outcome: {
            result: 'not-adopted',
            date: '2021-07-01',
            basis: 'documented',
            sources: [{ source: 'charter', credibility: 1 }],
          },
          expectedVersion: version,
        },
      };
    },
  },
  {
    name: 'record an event',
    allowed: ['admin', 'secretariat', 'analyst'],
    request: () =>
      Promise.resolve({
        method: 'POST',
        url: '/api/v1/scenarios/small/events',
        body: {
          id: unique('event'),
          kind: 'meeting',
          title: 'A meeting',
          start: '2021-03-03',
          basis: 'reported',
          sources: [{ source: 'press', credibility: 2 }],
        },
      }),
  },
  {
    name: 'ingest a briefing',
    allowed: ['admin', 'secretariat', 'analyst'],
    request: () =>
      Promise.resolve({
        method: 'POST',
        url: '/api/v1/briefings',
        body: { scenario: 'small', text: `Briefing ${unique('text')}: nothing to report.` },
      }),
  },
  {
    name: 'accept a proposed event (it becomes an event)',
    allowed: ['admin', 'secretariat', 'analyst'],
    audits: 2,
    request: async () => {
      const fact = await freshProposal('event');
      return {
        method: 'POST',
        url: `/api/v1/briefings/facts/${fact.id}/accept`,
        body: { expectedVersion: fact.version },
      };
    },
  },
  {
    name: 'merge a proposed event into a stored event',
    allowed: ['admin', 'secretariat', 'analyst'],
    audits: 2,
    request: async () => {
      const fact = await freshProposal('event');
      const event = await ws.services.facts.recordEvent(OPERATOR, 'small', {
        id: unique('summit'),
        kind: 'summit',
        title: 'A summit',
        start: '2021-07-11',
        basis: 'reported',
        sources: [{ source: 'press', credibility: 3 }],
      });
      return {
        method: 'POST',
        url: `/api/v1/briefings/facts/${fact.id}/merge`,
        body: { expectedVersion: fact.version, into: event.id },
      };
    },
  },
  {
    name: 'reject a proposed fact',
    allowed: ['admin', 'secretariat', 'analyst'],
    request: async () => {
      const fact = await freshProposal('attribution');
      return {
        method: 'POST',
        url: `/api/v1/briefings/facts/${fact.id}/reject`,
        body: { expectedVersion: fact.version, reason: 'wrong' },
      };
    },
  },
  {
    name: 'create an account',
    allowed: ['admin'],
    request: () =>
      Promise.resolve({
        method: 'POST',
        url: '/api/v1/users',
        body: { name: unique('someone'), role: 'observer' },
      }),
  },
  {
    name: 'disable an account',
    allowed: ['admin'],
    request: async () => {
      const name = unique('leaver');
      await ws.services.access.createUser(OPERATOR, { name, role: 'observer' });
      return { method: 'POST', url: `/api/v1/users/${name}/disable` };
    },
  },
  {
    name: 'create your own API token',
    allowed: WHO,
    request: () =>
      Promise.resolve({ method: 'POST', url: '/api/v1/tokens', body: { label: 'matrix' } }),
  },
  {
    name: "create another account's token",
    allowed: ['admin'],
    // For the admin this is its own account; for everyone else another's.
    request: () =>
      Promise.resolve({
        method: 'POST',
        url: '/api/v1/tokens',
        body: { label: 'matrix', user: 'admin' },
      }),
  },
  {
    name: 'revoke your own API token',
    allowed: WHO,
    request: async (who) => {
      const issued = await ws.services.access.createToken(OPERATOR, who, 'to revoke');
      return { method: 'DELETE', url: `/api/v1/tokens/${issued.id}` };
    },
  },
];

beforeAll(async () => {
  ws = await openTestWorkspace();
  await ws.services.scenarios.importText(OPERATOR, SMALL_SCENARIO, 'small.yaml');
  await ws.services.scenarios.importText(
    OPERATOR,
    builtinText('vilnius-2023'),
    'vilnius-2023.yaml',
  );
  for (const who of WHO) {
    await ws.services.access.createUser(OPERATOR, {
      name: who,
      ...ACCOUNTS[who],
      password: `${who}-password-123`,
    });
    tokens.set(who, (await ws.services.access.createToken(OPERATOR, who, 'tests')).token);
  }
  app = await buildApp({ services: ws.services, signInPerMinute: 5 });
});

afterAll(async () => {
  await app.close();
  await ws.close();
});

describe('the authorization matrix: every write route against every role', () => {
  for (const route of ROUTES) {
    for (const who of WHO) {
      const allowed = route.allowed.includes(who);
      it(`${route.name}: ${who} is ${allowed ? 'allowed' : 'denied'}`, async () => {
        const req = await route.request(who);
        const before = await snapshot();
        const res = await call(who, req.method, req.url, req.body);
        if (allowed) {
          expect(res.statusCode, res.body).toBeGreaterThanOrEqual(200);
          expect(res.statusCode, res.body).toBeLessThan(300);
          // Every allowed write leaves exactly one new audit entry.
          const after = await snapshot();
          expect(after.audit_log?.length).toBe(
            (before.audit_log?.length ?? 0) + (route.audits ?? 1),
          );
        } else {
          expect(res.statusCode, res.body).toBe(403);
          expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
          expect(await snapshot()).toEqual(before);
        }
      });
    }
    it(`${route.name}: anonymous gets 401 and nothing is written`, async () => {
      const req = await route.request('admin');
      const before = await snapshot();
      const res = await call(undefined, req.method, req.url, req.body);
      expect(res.statusCode).toBe(401);
      expect(await snapshot()).toEqual(before);
    });
  }
});

describe('delegations and candidates', () => {
  it("a PL delegation cannot change DE's position: 403 and nothing changes", async () => {
    const de = await ws.services.facts.getPosition('small', 'de-invite');
    const before = await snapshot();
    const res = await call('delegation-pl', 'PUT', '/api/v1/scenarios/small/positions/de-invite', {
      ...positionBody('DE'),
      id: undefined,
      stance: 'block',
      expectedVersion: de.version,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(res.json<{ error: { message: string } }>().error.message).toContain(
      'PL delegation may act only for PL',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('a PL delegation cannot move a DE position to PL by rewriting its member', async () => {
    const de = await ws.services.facts.getPosition('small', 'de-invite');
    const body = withoutId(positionBody('PL'));
    const before = await snapshot();
    const res = await call('delegation-pl', 'PUT', '/api/v1/scenarios/small/positions/de-invite', {
      ...body,
      expectedVersion: de.version,
    });
    expect(res.statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('a PL delegation records its own position, checked against the scenario', async () => {
    const res = await call('delegation-pl', 'POST', '/api/v1/scenarios/small/positions', {
      ...positionBody('PL'),
      date: '2009-01-01',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toBe(
      'member: PL is not a member of tiny on 2009-01-01 (joined 2010-05-01)',
    );
  });
});

describe('optimistic concurrency', () => {
  it('two concurrent updates from the same version: one succeeds, one gets 409', async () => {
    const p = await freshPlPosition();
    const body = withoutId(positionBody('PL', p.id));
    const update = (stance: string) =>
      call('secretariat', 'PUT', `/api/v1/scenarios/small/positions/${p.id}`, {
        ...body,
        stance,
        expectedVersion: p.version,
      });
    const results = await Promise.all([update('oppose'), update('block')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const conflict = results.find((r) => r.statusCode === 409);
    expect(conflict?.json()).toMatchObject({
      error: {
        code: 'CONFLICT',
        details: { field: 'expectedVersion', currentVersion: p.version + 1 },
      },
    });
    const stored = await ws.services.facts.getPosition('small', p.id);
    expect(stored.version).toBe(p.version + 1);
  });

  it('a stale delete gets 409 and the position stays', async () => {
    const p = await freshPlPosition();
    const res = await call(
      'admin',
      'DELETE',
      `/api/v1/scenarios/small/positions/${p.id}?expectedVersion=${p.version + 5}`,
    );
    expect(res.statusCode).toBe(409);
    expect((await ws.services.facts.getPosition('small', p.id)).version).toBe(p.version);
  });

  it('a write is visible in the next read at once', async () => {
    const before = await call(
      undefined,
      'GET',
      '/api/v1/scenarios/small/decisions/invite?asOf=2021-01-01',
    );
    expect(before.json<{ blockers: string[] }>().blockers).toContain('PL');
    const created = await call('delegation-pl', 'POST', '/api/v1/scenarios/small/positions', {
      ...positionBody('PL'),
      date: '2020-12-31',
    });
    expect(created.statusCode).toBe(201);
    const after = await call(
      undefined,
      'GET',
      '/api/v1/scenarios/small/decisions/invite?asOf=2021-01-01',
    );
    expect(after.json<{ blockers: string[] }>().blockers).not.toContain('PL');
  });
});

describe('the audit log', () => {
  it('records actor, action, entity, before and after, and verifies', async () => {
    const res = await call('observer', 'GET', '/api/v1/audit?entity=position:de-invite');
    expect(res.statusCode).toBe(200);
    const verify = await call('observer', 'GET', '/api/v1/audit/verify');
    expect(verify.json()).toMatchObject({ ok: true, firstBroken: null });
    const log = await call('observer', 'GET', '/api/v1/audit?actor=delegation-pl&limit=5');
    const entries = log.json<{
      entries: {
        actor: { role: string };
        action: string;
        entity: { type: string };
        after: unknown;
      }[];
    }>().entries;
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(e.actor.role).toBe('delegation');
      expect(e.action).toBe(e.entity.type === 'position' ? 'position.record' : 'token.own');
    }
  });

  it('never stores a token or password', async () => {
    const rows = await ws.db.kysely.selectFrom('audit_log').select(['before', 'after']).execute();
    const text = JSON.stringify(rows);
    for (const token of tokens.values()) expect(text).not.toContain(token);
    expect(text).not.toContain('password-123');
    const users = await ws.db.kysely.selectFrom('users').select('password_hash').execute();
    expect(JSON.stringify(users)).not.toContain('password-123');
  });

  it('names the first broken entry when a stored row is changed by hand', async () => {
    expect((await ws.services.audit.verify(OPERATOR)).ok).toBe(true);
    const target = 3;
    const row = await ws.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', target)
      .executeTakeFirstOrThrow();
    await ws.db.kysely
      .updateTable('audit_log')
      .set({ after: JSON.stringify({ forged: true }) })
      .where('seq', '=', target)
      .execute();
    const broken = await ws.services.audit.verify(OPERATOR);
    expect(broken).toMatchObject({ ok: false, firstBroken: target });
    // Put it back: the chain verifies again.
    await ws.db.kysely
      .updateTable('audit_log')
      .set({ after: row.after })
      .where('seq', '=', target)
      .execute();
    expect((await ws.services.audit.verify(OPERATOR)).ok).toBe(true);
  });
});

describe('sessions, CSRF, limits and headers', () => {
  it('signs in with a cookie; writes need the CSRF token; sign-out ends the session', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { name: 'secretariat', password: 'secretariat-password-123' },
    });
    expect(signIn.statusCode).toBe(200);
    const setCookie = String(signIn.headers['set-cookie']);
    expect(setCookie).toMatch(/accord_session=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0] ?? '';
    const csrf = signIn.json<{ csrfToken: string }>().csrfToken;
    const body = { ...positionBody('PL'), date: '2021-07-01' };

    const without = await app.inject({
      method: 'POST',
      url: '/api/v1/scenarios/small/positions',
      headers: { cookie },
      payload: body,
    });
    expect(without.statusCode).toBe(403);
    expect(without.json<{ error: { message: string } }>().error.message).toMatch(/^x-csrf-token: /);

    const withToken = await app.inject({
      method: 'POST',
      url: '/api/v1/scenarios/small/positions',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: body,
    });
    expect(withToken.statusCode).toBe(201);

    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(204);
    const after = await app.inject({
      method: 'POST',
      url: '/api/v1/scenarios/small/positions',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { ...body, id: unique('late') },
    });
    expect(after.statusCode).toBe(401);
  });

  it('refuses a wrong password the same way as an unknown name', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { name: 'admin', password: 'nope' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { name: 'ghost', password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('rate-limits sign-in attempts', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { name: 'admin', password: 'wrong' },
        remoteAddress: '10.9.8.7',
      });
      codes.push(res.statusCode);
    }
    expect(codes).toContain(429);
  });

  it('rejects a revoked or unknown token', async () => {
    const issued = await ws.services.access.createToken(OPERATOR, 'analyst', 'short-lived');
    await ws.services.access.revokeToken(OPERATOR, issued.id);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/scenarios/small/events',
      headers: { authorization: `Bearer ${issued.token}` },
      payload: {},
    });
    expect(res.statusCode).toBe(401);
  });

  it('sends security headers', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('limits body size and rejects unknown fields', async () => {
    const big = await call('admin', 'POST', '/api/v1/scenarios/small/positions', {
      ...positionBody('PL'),
      note: 'x'.repeat(70_000),
    });
    expect(big.statusCode).toBe(413);
    const extra = await call('admin', 'POST', '/api/v1/scenarios/small/positions', {
      ...positionBody('PL'),
      colour: 'red',
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json<{ error: { message: string } }>().error.message).toMatch(/colour/);
  });
});

describe('invalid bodies on every write route', () => {
  const WRITE_URLS: readonly { method: 'POST' | 'PUT' | 'DELETE'; url: string }[] = [
    { method: 'POST', url: '/api/v1/scenarios' },
    { method: 'POST', url: '/api/v1/scenarios/small/positions' },
    { method: 'PUT', url: '/api/v1/scenarios/small/positions/fr-invite' },
    { method: 'DELETE', url: '/api/v1/scenarios/small/positions/fr-invite' },
    { method: 'POST', url: '/api/v1/scenarios/small/conditions/reforms/statuses' },
    { method: 'PUT', url: '/api/v1/scenarios/small/decisions/invite/outcome' },
    { method: 'POST', url: '/api/v1/scenarios/small/events' },
    { method: 'POST', url: '/api/v1/users' },
    { method: 'POST', url: '/api/v1/tokens' },
    { method: 'POST', url: '/api/v1/auth/sign-in' },
  ];

  it('never answer 5xx and never write', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...WRITE_URLS),
        fc.oneof(
          fc.jsonValue(),
          fc.dictionary(
            fc.constantFrom(
              'id',
              'member',
              'stance',
              'date',
              'text',
              'name',
              'role',
              'outcome',
              'label',
            ),
            fc.jsonValue(),
          ),
        ),
        async (route, body) => {
          const res = await app.inject({
            method: route.method,
            url: route.url,
            headers: { ...auth('admin'), 'content-type': 'application/json' },
            payload: JSON.stringify(body),
            remoteAddress: '10.1.1.1',
          });
          expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
          expect(res.statusCode, res.body).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
    expect(await snapshot()).toEqual(before);
  });
});
