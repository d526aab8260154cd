/**
 * Several stateless Accord servers on one PostgreSQL database (the "teams and scale" promise):
 * two real HTTP servers, each with its own connection pool, services and caches. A write
 * through one is served by the other at once, and optimistic concurrency holds across them: a
 * stale expectedVersion gets 409 whichever server it reaches. PostgreSQL only; on SQLite the
 * same property across processes is covered by test/cache.test.ts.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/db/create-db.js';
import { buildApp } from '../src/server/app.js';
import { cliActor } from '../src/services/context.js';
import { createServices, type Services } from '../src/services/index.js';
import { SMALL_SCENARIO } from './fixtures.js';
import { createTestDatabase, ENGINE, FIXED_NOW, type TestDatabase } from './helpers.js';

const OPERATOR = cliActor('test-operator');

interface Server {
  readonly db: Db;
  readonly services: Services;
  readonly app: FastifyInstance;
  readonly base: string;
}

async function startServer(database: TestDatabase): Promise<Server> {
  const db = await createDb(database.config);
  const services = createServices({
    db: db.kysely,
    clock: () => FIXED_NOW,
    changeToken: db.changeToken,
  });
  const app = await buildApp({ services });
  await app.listen({ host: '127.0.0.1', port: 0 });
  // listen() on a TCP host resolves once bound, so address() is an AddressInfo, not a path.
  const address = app.server.address() as AddressInfo;
  return { db, services, app, base: `http://127.0.0.1:${address.port}` };
}

describe.skipIf(ENGINE !== 'postgres')('two Accord servers on one PostgreSQL database', () => {
  let database: TestDatabase;
  let a: Server;
  let b: Server;
  let token: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    a = await startServer(database);
    b = await startServer(database);
    await a.services.scenarios.importText(OPERATOR, SMALL_SCENARIO, 'small.yaml');
    await a.services.access.createUser(OPERATOR, { name: 'sec', role: 'secretariat' });
    token = (await a.services.access.createToken(OPERATOR, 'sec', 'test')).token;
  });

  afterAll(async () => {
    for (const s of [a, b]) {
      await s.app.close();
      await s.db.close();
    }
    await database.drop();
  });

  const position = async (
    server: Server,
  ): Promise<{ position: { stance: string }; version: number }> => {
    const res = await fetch(`${server.base}/api/v1/scenarios/small/positions/fr-invite`);
    expect(res.status).toBe(200);
    // The route's documented shape (VersionedPosition); only these fields are read.
    return (await res.json()) as { position: { stance: string }; version: number };
  };

  const change = (server: Server, stance: string, expectedVersion: number): Promise<Response> =>
    fetch(`${server.base}/api/v1/scenarios/small/positions/fr-invite`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        member: 'FR',
        decision: 'invite',
        stance,
        date: '2020-03-01',
        basis: 'reported',
        sources: [{ source: 'press', credibility: 2 }],
        expectedVersion,
      }),
    });

  /** Ask until the answer satisfies `done`, for at most a second. */
  async function within1s<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 1000;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('serves a write through one server from the other at once', async () => {
    // Warm B's caches first, so the test shows they are invalidated, not merely empty.
    const before = await position(b);
    expect(before.position.stance).toBe('support');
    const statusBefore = await fetch(`${b.base}/api/v1/scenarios/small/status?asOf=2021-01-01`);
    expect(statusBefore.status).toBe(200);

    const res = await change(a, 'oppose', before.version);
    expect(res.status).toBe(200);

    // Deterministic: B has counted every notification committed before this call.
    await b.db.catchUp();
    expect((await position(b)).position.stance).toBe('oppose');
    // And without waiting explicitly: the status answer through B follows within a second.
    const blockers = await within1s(
      async () => {
        const r = await fetch(`${b.base}/api/v1/scenarios/small/status?asOf=2021-01-01`);
        // The status summary's documented shape; only the blockers are read.
        const body = (await r.json()) as { decisions: { id: string; blockers: string[] }[] };
        return body.decisions.find((d) => d.id === 'invite')?.blockers ?? [];
      },
      (list) => list.includes('FR'),
    );
    expect(blockers).toContain('FR');
  });

  it('answers 409 to a stale expectedVersion through either server', async () => {
    const current = await position(a);
    const first = await change(b, 'support', current.version);
    expect(first.status).toBe(200);
    await a.db.catchUp();

    for (const server of [a, b]) {
      const stale = await change(server, 'block', current.version);
      expect(stale.status).toBe(409);
      const body = (await stale.json()) as { error: { code: string } };
      // The one error shape of the API; only the code is checked.
      expect(body.error.code).toBeTruthy();
    }
    // Nothing was written by the stale attempts: both servers see B's write.
    await a.db.catchUp();
    expect((await position(a)).position.stance).toBe('support');
    expect((await position(b)).position.stance).toBe('support');
  });
});
