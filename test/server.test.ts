/** HTTP routes through Fastify's inject, against a real SQLite file. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { SYSTEM_ACTOR } from '../src/services/context.js';
import { SMALL_SCENARIO } from './fixtures.js';
import { builtinText, openTestWorkspace, type TestWorkspace } from './helpers.js';

let ws: TestWorkspace;
let app: FastifyInstance;

beforeAll(async () => {
  ws = await openTestWorkspace();
  for (const id of ['vilnius-2023', 'nordic-2022']) {
    await ws.services.scenarios.importText(SYSTEM_ACTOR, builtinText(id), `${id}.yaml`);
  }
  app = await buildApp({ services: ws.services });
});

afterAll(async () => {
  await app.close();
  await ws.close();
});

interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const res = await app.inject({ method: 'GET', url });
  expect(res.headers['content-type']).toMatch(/application\/json/);
  return { status: res.statusCode, body: res.json() };
}

function expectError(body: unknown, code: string): ErrorBody {
  expect(body).toMatchObject({ error: { code } });
  const e = (body as ErrorBody).error;
  // Narrowed by the check above; the field types are asserted next.
  expect(typeof e.message).toBe('string');
  expect(typeof e.details).toBe('object');
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/\bat .*\.ts:\d+|SELECT |sqlite/i);
  return body as ErrorBody;
  // The shape was checked by toMatchObject just above.
}

describe('GET /api/v1/scenarios', () => {
  it('lists both built-in scenarios with their counts', async () => {
    const { status, body } = await getJson('/api/v1/scenarios');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      scenarios: [
        { id: 'nordic-2022', members: 32 },
        { id: 'vilnius-2023', members: 31, decisions: 4 },
      ],
    });
  });
});

describe('GET /api/v1/scenarios/:scenario/status', () => {
  it('answers as of the date given', async () => {
    const { status, body } = await getJson('/api/v1/scenarios/vilnius-2023/status?asOf=2023-07-12');
    expect(status).toBe(200);
    expect(body).toMatchObject({ asOf: '2023-07-12', alliance: { id: 'nato' } });
    const b = body as {
      alliance: { members: unknown[] };
      decisions: { id: string; status: string }[];
    };
    // Narrowed by the toMatchObject above.
    expect(b.alliance.members).toHaveLength(31);
    expect(b.decisions.map((d) => [d.id, d.status])).toEqual([
      ['invite-ukraine-vilnius', 'no-consensus'],
      ['membership-timeline', 'no-consensus'],
      ['vilnius-package', 'consensus'],
      ['invite-ukraine', 'no-consensus'],
    ]);
  });

  it('defaults asOf to today from the clock', async () => {
    const { body } = await getJson('/api/v1/scenarios/nordic-2022/status');
    expect(body).toMatchObject({ asOf: '2026-01-15' });
  });

  it('rejects a malformed date with 400 naming asOf', async () => {
    const { status, body } = await getJson('/api/v1/scenarios/vilnius-2023/status?asOf=2023-02-30');
    expect(status).toBe(400);
    const e = expectError(body, 'VALIDATION_FAILED');
    expect(e.error.message).toMatch(/^asOf: /);
  });

  it('rejects unknown query parameters with 400 naming them', async () => {
    const { status, body } = await getJson('/api/v1/scenarios/vilnius-2023/status?asof=2023-07-12');
    expect(status).toBe(400);
    expect(expectError(body, 'VALIDATION_FAILED').error.message).toMatch(/asof/);
  });

  it('answers 404 for an unknown scenario', async () => {
    const { status, body } = await getJson('/api/v1/scenarios/atlantis/status');
    expect(status).toBe(404);
    expect(expectError(body, 'NOT_FOUND').error.message).toBe("scenario 'atlantis' does not exist");
  });

  it('answers 400 for a scenario id that cannot exist', async () => {
    const { status, body } = await getJson('/api/v1/scenarios/NOT%20AN%20ID/status');
    expect(status).toBe(400);
    expect(expectError(body, 'VALIDATION_FAILED').error.message).toMatch(/^scenario: /);
  });
});

describe('other reads', () => {
  it('gives one decision with every member’s effective position and sources', async () => {
    const { status, body } = await getJson(
      '/api/v1/scenarios/vilnius-2023/decisions/membership-timeline?asOf=2023-07-12',
    );
    expect(status).toBe(200);
    const d = body as { positions: { member: string; stance: string; sources: unknown[] }[] };
    // Shape documented by DecisionStatusResponse; checked field by field below.
    const us = d.positions.find((p) => p.member === 'US');
    expect(us?.stance).toBe('oppose');
    expect(us?.sources.length).toBeGreaterThan(0);
  });

  it('gives a member’s position history on a decision', async () => {
    const { status, body } = await getJson(
      '/api/v1/scenarios/nordic-2022/decisions/invite-finland-sweden/members/TR/history',
    );
    expect(status).toBe(200);
    const h = body as { positions: { stance: string; date: string }[] };
    // Checked below.
    expect(h.positions.map((p) => p.stance).slice(0, 2)).toEqual([
      'block',
      'support_with_conditions',
    ]);
  });

  it('answers 404 for an unknown decision and member', async () => {
    expect((await getJson('/api/v1/scenarios/vilnius-2023/decisions/nope')).status).toBe(404);
    expect(
      (await getJson('/api/v1/scenarios/vilnius-2023/decisions/vilnius-package/members/SE/history'))
        .status,
    ).toBe(404);
  });

  it('gives members, a candidate, events and sources', async () => {
    expect(
      (await getJson('/api/v1/scenarios/nordic-2022/members?asOf=2024-03-07')).body,
    ).toMatchObject({
      asOf: '2024-03-07',
    });
    const fi = await getJson('/api/v1/scenarios/nordic-2022/candidates/FI?asOf=2023-01-01');
    expect(fi.body).toMatchObject({ iso2: 'FI', stage: 'ratifying', outstanding: ['HU', 'TR'] });
    const events = await getJson(
      '/api/v1/scenarios/vilnius-2023/events?from=2023-05-13&to=2023-05-14',
    );
    const list = (events.body as { events: { start: string }[] }).events;
    // Checked below.
    expect(list.length).toBeGreaterThan(0);
    for (const e of list) expect(e.start >= '2023-05-13' && e.start <= '2023-05-14').toBe(true);
    const sources = await getJson('/api/v1/scenarios/vilnius-2023/sources');
    expect(sources.status).toBe(200);
  });

  it('exports YAML', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/scenarios/vilnius-2023/export' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/yaml/);
    expect(res.body).toMatch(/^id: vilnius-2023$/m);
  });

  it('answers unknown routes with the error shape', async () => {
    const { status, body } = await getJson('/api/v1/nothing-here');
    expect(status).toBe(404);
    expectError(body, 'NOT_FOUND');
  });
});

describe('OpenAPI and the page', () => {
  it('serves an OpenAPI 3.1 document listing the read routes', async () => {
    const { status, body } = await getJson('/api/openapi.json');
    expect(status).toBe(200);
    const doc = body as { openapi: string; paths: Record<string, unknown> };
    // Checked below.
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/scenarios/{scenario}/status', '/api/v1/scenarios']),
    );
  });

  it('shows every scenario’s status on a plain page', async () => {
    const res = await app.inject({ method: 'GET', url: '/plain?asOf=2023-07-12' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('Ukraine and the Vilnius summit');
    expect(res.body).toContain('31 members on 2023-07-12');
    expect(res.body).not.toMatch(/<script/i);
  });

  it('renders scenario text as text, never as HTML', async () => {
    const hostile = SMALL_SCENARIO.replace(
      'title: A small alliance',
      "title: '<script>alert(1)</script> & co'",
    );
    await ws.services.scenarios.importText(SYSTEM_ACTOR, hostile, 'hostile.yaml');
    const res = await app.inject({ method: 'GET', url: '/plain' });
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(res.body).not.toContain('<script>alert(1)');
  });

  it('rejects a bad date on the page with the error shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/plain?asOf=yesterday' });
    expect(res.statusCode).toBe(400);
  });
});
