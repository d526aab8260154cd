/**
 * Briefings end to end through HTTP (Fastify inject) against a real database: ingest with
 * deduplication, the review queue (accept, edit, merge with independent confirmation, reject),
 * versions and conflicts, refusals that write nothing, and the audit entries of every step.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/core/policy.js';
import { buildApp } from '../src/server/app.js';
import { cliActor } from '../src/services/context.js';
import { builtinText, openTestWorkspace, type TestWorkspace } from './helpers.js';

const OPERATOR = cliActor('test-operator');
const BRIEFING = readFileSync(
  new URL('../../shared/briefings/vilnius-2023-briefing.txt', import.meta.url),
  'utf8',
);
const SECOND_REPORT =
  'On May 14, Ukraine’s President Volodymyr Zelensky traveled to Berlin for talks with Chancellor Olaf Scholz.';
const THIRD_REPORT =
  'Ukraine’s President Volodymyr Zelensky arrived in Berlin on May 14, his first visit since the invasion.';

let ws: TestWorkspace;
let app: FastifyInstance;
const tokens = new Map<string, string>();

interface Proposal {
  id: string;
  briefing: string;
  kind: string;
  span: [number, number];
  text: string;
  confidence: number;
  payload: Record<string, unknown>;
  status: string;
  reason?: string;
  reviewer?: string;
  result: { type: string; id: string }[];
  version: number;
}

interface Ingested {
  briefing: { id: string; sha256: string; reliability: string; scenario: string };
  duplicate: boolean;
  facts: Proposal[];
}

const TABLES = [
  'briefings',
  'briefing_facts',
  'sources',
  'positions',
  'events',
  'scenarios',
  'audit_log',
] as const;

async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) {
    const rows: Record<string, unknown>[] = await ws.db.kysely.selectFrom(t).selectAll().execute();
    out[t] = rows.sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  }
  return out;
}

async function auditCount(): Promise<number> {
  return (await ws.db.kysely.selectFrom('audit_log').select('seq').execute()).length;
}

async function call(
  who: string | undefined,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
): Promise<LightMyRequestResponse> {
  const token = who === undefined ? undefined : tokens.get(who);
  return app.inject({
    method,
    url,
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    // inject serialises objects as JSON; the bodies here are plain JSON values.
  });
}

function ingest(who: string, body: Record<string, unknown>): Promise<LightMyRequestResponse> {
  return call(who, 'POST', '/api/v1/briefings', body);
}

function errorOf(res: LightMyRequestResponse): { code: string; message: string } {
  return res.json<{ error: { code: string; message: string } }>().error;
}

beforeAll(async () => {
  ws = await openTestWorkspace();
  await ws.services.scenarios.importText(OPERATOR, builtinText('vilnius-2023'), 'v.yaml');
  const accounts: [string, Role][] = [
    ['analyst', 'analyst'],
    ['observer', 'observer'],
    ['secretariat', 'secretariat'],
  ];
  for (const [name, role] of accounts) {
    await ws.services.access.createUser(OPERATOR, { name, role, password: `${name}-pass-123` });
    tokens.set(name, (await ws.services.access.createToken(OPERATOR, name, 't')).token);
  }
  app = await buildApp({ services: ws.services });
});

afterAll(async () => {
  await app.close();
  await ws.close();
});

let first: Ingested;

describe('POST /api/v1/briefings', () => {
  it('stores the text and its proposed facts, once per scenario', async () => {
    const before = await auditCount();
    const res = await ingest('analyst', {
      scenario: 'vilnius-2023',
      text: BRIEFING,
      published: '2023-05-15',
      source: 'Founding briefing',
      reliability: 'B',
    });
    expect(res.statusCode, res.body).toBe(201);
    first = res.json<Ingested>();
    expect(first.duplicate).toBe(false);
    expect(first.briefing).toMatchObject({ scenario: 'vilnius-2023', reliability: 'B' });
    expect(first.briefing.id).toMatch(/^brf-[0-9a-f]{12}$/);
    expect(first.facts.length).toBe(25);
    for (const f of first.facts) {
      expect(f.status).toBe('proposed');
      expect(f.version).toBe(1);
      expect(BRIEFING.slice(f.span[0], f.span[1])).toBe(f.text);
    }
    expect(await auditCount()).toBe(before + 1);

    const again = await ingest('secretariat', {
      scenario: 'vilnius-2023',
      text: BRIEFING,
      published: '2023-05-15',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json<Ingested>()).toMatchObject({
      duplicate: true,
      briefing: { id: first.briefing.id },
    });
    expect(await auditCount()).toBe(before + 1);
    const list = await call(undefined, 'GET', '/api/v1/briefings?scenario=vilnius-2023');
    expect(list.json()).toMatchObject({
      briefings: [{ id: first.briefing.id, facts: { proposed: 25, accepted: 0 } }],
    });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await snapshot();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ text: 'x' }, 400, 'scenario'],
      [{ scenario: 'vilnius-2023', text: '   ' }, 400, 'text: is empty'],
      [{ scenario: 'vilnius-2023', text: 'a\u0000b' }, 400, 'text: contains NUL'],
      [{ scenario: 'vilnius-2023', text: 'Hello', source: 'Reuters' }, 400, 'reliability'],
      [{ scenario: 'vilnius-2023', text: 'Hello', reliability: 'G' }, 400, 'reliability'],
      [{ scenario: 'vilnius-2023', text: 'Hello', published: '15 May' }, 400, 'published'],
      [{ scenario: 'vilnius-2023', text: 'Hello', extra: 1 }, 400, 'extra'],
      [{ scenario: 'no-such', text: 'Hello' }, 404, "scenario: 'no-such' does not exist"],
    ];
    for (const [body, status, message] of cases) {
      const res = await ingest('analyst', body);
      expect(res.statusCode, res.body).toBe(status);
      expect(errorOf(res).message).toContain(message);
    }
    const denied = await ingest('observer', { scenario: 'vilnius-2023', text: 'Hello' });
    expect(denied.statusCode).toBe(403);
    const anonymous = await call(undefined, 'POST', '/api/v1/briefings', {
      scenario: 'vilnius-2023',
      text: 'Hello',
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it('GET /api/v1/briefings/:id gives the text and every fact with its span and status', async () => {
    const res = await call(undefined, 'GET', `/api/v1/briefings/${first.briefing.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ text: string; facts: Proposal[] }>();
    expect(body.text).toBe(BRIEFING);
    expect(body.facts.map((f) => f.id)).toEqual(first.facts.map((f) => f.id));
    expect((await call(undefined, 'GET', '/api/v1/briefings/brf-000000000000')).statusCode).toBe(
      404,
    );
    expect((await call(undefined, 'GET', '/api/v1/briefings/nonsense')).statusCode).toBe(400);
  });
});

function factWhere(pred: (f: Proposal) => boolean): Proposal {
  const f = first.facts.find(pred);
  if (f === undefined) throw new Error('fixture fact not found');
  return f;
}

describe('the review queue', () => {
  it('lists proposed facts by scenario, status and kind', async () => {
    const res = await call(
      undefined,
      'GET',
      '/api/v1/briefings/facts?scenario=vilnius-2023&status=proposed&kind=stance',
    );
    const facts = res.json<{ facts: Proposal[] }>().facts;
    expect(facts.map((f) => f.payload.stance)).toEqual([
      'oppose',
      'oppose',
      'support_with_conditions',
      'incremental',
    ]);
    const bad = await call(undefined, 'GET', '/api/v1/briefings/facts?status=maybe');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).message).toContain('status');
  });

  it('a group stance needs its members named; once named, it becomes sourced positions', async () => {
    const stance = factWhere((f) => f.kind === 'stance' && f.payload.stance === 'incremental');
    const url = `/api/v1/briefings/facts/${stance.id}/accept`;
    const before = await snapshot();
    const unnamed = await call('analyst', 'POST', url, { expectedVersion: 1 });
    expect(unnamed.statusCode).toBe(400);
    expect(errorOf(unnamed).message).toContain('members:');
    const badEdit = await call('analyst', 'POST', url, {
      expectedVersion: 1,
      edit: { members: ['XX'] },
    });
    expect(badEdit.statusCode).toBe(400);
    expect(errorOf(badEdit).message).toContain('edit.members.0');
    expect(await snapshot()).toEqual(before);

    const audits = await auditCount();
    const ok = await call('analyst', 'POST', url, {
      expectedVersion: 1,
      edit: { members: ['US'] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const review = ok.json<{ fact: Proposal; result: { type: string; id: string }[] }>();
    expect(review.fact).toMatchObject({ status: 'accepted', reviewer: 'analyst', version: 2 });
    expect(review.result).toHaveLength(1);
    // One entry for the position, one for the review.
    expect(await auditCount()).toBe(audits + 2);
    const positionId = review.result[0]?.id ?? '';
    const position = await ws.services.facts.getPosition('vilnius-2023', positionId);
    expect(position.position).toMatchObject({
      member: 'US',
      decision: 'membership-timeline',
      stance: 'incremental',
      date: '2023-05-15',
      basis: 'reported',
      // "appear to" in the sentence suggests credibility 3.
      sources: [{ source: first.briefing.id, credibility: 3 }],
    });
    const sources = await ws.services.scenarios.sources('vilnius-2023');
    expect(sources.find((x) => x.id === first.briefing.id)).toMatchObject({
      publisher: 'Founding briefing',
      reliability: 'B',
      published: '2023-05-15',
    });

    const again = await call('analyst', 'POST', url, { expectedVersion: 2 });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toContain('already accepted by analyst');
  });

  it('accepting an event stores it with the briefing as its source', async () => {
    const summit = factWhere((f) => f.kind === 'event' && f.payload.start === '2023-07-11');
    const stale = await call('analyst', 'POST', `/api/v1/briefings/facts/${summit.id}/accept`, {
      expectedVersion: 7,
    });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).message).toContain('expectedVersion');
    const ok = await call('analyst', 'POST', `/api/v1/briefings/facts/${summit.id}/accept`, {
      expectedVersion: 1,
      edit: { title: 'Vilnius summit' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const id = ok.json<{ result: { id: string }[] }>().result[0]?.id ?? '';
    const events = await ws.services.scenarios.events('vilnius-2023', '2023-07-11', '2023-07-11');
    expect(JSON.stringify(events)).toContain(id);
    const fact = await call(undefined, 'GET', `/api/v1/briefings/facts/${summit.id}`);
    expect(fact.json()).toMatchObject({ status: 'accepted', payload: { title: 'Vilnius summit' } });
  });

  it('the same visit reported twice becomes one event with two sources, confirmed', async () => {
    const visit = factWhere(
      (f) => f.kind === 'engagement' && f.payload.date === '2023-05-14' && f.span[0] < 2151,
    );
    const accepted = await call('analyst', 'POST', `/api/v1/briefings/facts/${visit.id}/accept`, {
      expectedVersion: 1,
      edit: { credibility: 3 },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const eventId = accepted.json<{ result: { id: string }[] }>().result[0]?.id ?? '';

    const second = (
      await ingest('analyst', {
        scenario: 'vilnius-2023',
        text: SECOND_REPORT,
        published: '2023-05-15',
        source: 'Other Agency',
        reliability: 'C',
      })
    ).json<Ingested>();
    const report = second.facts.find((f) => f.kind === 'engagement');
    expect(report?.payload).toMatchObject({ date: '2023-05-14', place: 'Berlin' });
    const merged = await call('analyst', 'POST', `/api/v1/briefings/facts/${report?.id}/merge`, {
      expectedVersion: 1,
      into: visit.id,
      credibility: 3,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({
      fact: { status: 'merged' },
      result: [{ type: 'event', id: eventId }],
    });
    const event = (
      await ws.services.scenarios.events('vilnius-2023', '2023-05-14', '2023-05-14')
    ).find((e) => e.id === eventId);
    // An independent second source: both citations rise from 3 to 2.
    expect(event?.sources).toEqual([
      expect.objectContaining({ source: first.briefing.id, credibility: 2 }),
      expect.objectContaining({ source: second.briefing.id, credibility: 2 }),
    ]);
    expect(event?.participants.map((p) => p.name)).toContain('Volodymyr Zelensky');

    // A third report from the same publisher adds its citation and confirms nothing more.
    const third = (
      await ingest('analyst', {
        scenario: 'vilnius-2023',
        text: THIRD_REPORT,
        published: '2023-05-15',
        source: 'Other Agency',
        reliability: 'C',
      })
    ).json<Ingested>();
    const again = third.facts.find((f) => f.kind === 'engagement' || f.kind === 'event');
    const res = await call('secretariat', 'POST', `/api/v1/briefings/facts/${again?.id}/merge`, {
      expectedVersion: 1,
      into: eventId,
      credibility: 3,
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = (
      await ws.services.scenarios.events('vilnius-2023', '2023-05-14', '2023-05-14')
    ).find((e) => e.id === eventId);
    expect(after?.sources.map((c) => c.credibility)).toEqual([2, 2, 3]);
  });

  it('a statement needs the day the text does not give; with it, it becomes a statement event', async () => {
    const statement = factWhere((f) => f.kind === 'statement');
    const url = `/api/v1/briefings/facts/${statement.id}/accept`;
    const before = await snapshot();
    const noDay = await call('analyst', 'POST', url, { expectedVersion: 1 });
    expect(noDay.statusCode).toBe(400);
    expect(errorOf(noDay).message).toContain('start: the text gives no day');
    const junk = await app.inject({
      method: 'POST',
      url,
      headers: {
        authorization: `Bearer ${tokens.get('analyst') ?? ''}`,
        'content-type': 'application/json',
      },
      payload: '{"expectedVersion": 1, "edit": ',
    });
    expect(junk.statusCode).toBe(400);
    const badLimit = await call(undefined, 'GET', '/api/v1/briefings/facts?limit=many');
    expect(badLimit.statusCode).toBe(400);
    expect(await snapshot()).toEqual(before);
    const ok = await call('analyst', 'POST', url, {
      expectedVersion: 1,
      edit: { start: '2023-05-13', place: 'Rome' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const id = ok.json<{ result: { id: string }[] }>().result[0]?.id ?? '';
    const events = await ws.services.scenarios.events('vilnius-2023', '2023-05-13', '2023-05-13');
    expect(events.find((e) => e.id === id)).toMatchObject({
      kind: 'statement',
      place: 'Rome',
      statements: [{ parties: ['UA', 'IT'] }],
    });
  });

  it('a merge into the wrong kind of fact, or into nothing, is refused and writes nothing', async () => {
    const stance = factWhere((f) => f.kind === 'stance' && f.payload.stance === 'oppose');
    const before = await snapshot();
    const wrong = await call('analyst', 'POST', `/api/v1/briefings/facts/${stance.id}/merge`, {
      expectedVersion: 1,
      into: 'no-such-fact',
    });
    expect(wrong.statusCode).toBe(404);
    expect(errorOf(wrong).message).toContain(
      "into: no event, position or reviewed proposed fact 'no-such-fact'",
    );
    const summit = factWhere((f) => f.kind === 'event' && f.payload.start === '2023-07-11');
    const kind = await call('analyst', 'POST', `/api/v1/briefings/facts/${stance.id}/merge`, {
      expectedVersion: 1,
      into: summit.id,
    });
    expect(kind.statusCode).toBe(400);
    expect(errorOf(kind).message).toContain('into: a proposed stance merges into a position');
    expect(await snapshot()).toEqual(before);
  });

  it('rejects with a reason; without one it is refused; observers may not review', async () => {
    const actor = factWhere((f) => f.kind === 'actor' && f.text === 'European Union');
    const url = `/api/v1/briefings/facts/${actor.id}/reject`;
    const before = await snapshot();
    const noReason = await call('analyst', 'POST', url, { expectedVersion: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason).message).toContain('reason');
    const observer = await call('observer', 'POST', url, { expectedVersion: 1, reason: 'no' });
    expect(observer.statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
    const ok = await call('analyst', 'POST', url, {
      expectedVersion: 1,
      reason: 'not an actor in this briefing',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      fact: { status: 'rejected', reason: 'not an actor in this briefing', version: 2 },
    });
    const audit = await ws.services.audit.log(OPERATOR, { entity: `briefing-fact:${actor.id}` });
    expect(JSON.stringify(audit)).toContain('not an actor in this briefing');
  });

  it('counts reviews per briefing', async () => {
    const list = await call(undefined, 'GET', '/api/v1/briefings?scenario=vilnius-2023');
    expect(list.json<{ briefings: unknown[] }>().briefings[0]).toMatchObject({
      id: first.briefing.id,
      facts: { proposed: 20, accepted: 4, merged: 0, rejected: 1 },
    });
  });
});
