/**
 * Cached reads stay correct when another process writes to the same database (the CLI importing
 * while the server runs): the change token invalidates the caches. On SQLite two connections
 * share one file (PRAGMA data_version); on PostgreSQL two createDb share one database and learn
 * of each other's commits through LISTEN/NOTIFY.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/db/create-db.js';
import { SYSTEM_ACTOR } from '../src/services/context.js';
import { createServices, type Services } from '../src/services/index.js';
import { SMALL_SCENARIO } from './fixtures.js';
import { createTestDatabase, ENGINE, FIXED_NOW, type TestDatabase } from './helpers.js';

let database: TestDatabase;
let dbA: Db;
let dbB: Db;
let a: Services;
let b: Services;

beforeAll(async () => {
  database = await createTestDatabase();
  dbA = await createDb(database.config);
  dbB = await createDb(database.config);
  a = createServices({ db: dbA.kysely, clock: () => FIXED_NOW, changeToken: dbA.changeToken });
  b = createServices({ db: dbB.kysely, clock: () => FIXED_NOW, changeToken: dbB.changeToken });
});

afterAll(async () => {
  await dbA.close();
  await dbB.close();
  await database.drop();
});

describe(`two connections on one ${ENGINE} database`, () => {
  it('serves a write through one to reads through the other at once', async () => {
    expect(dbA.engine).toBe(ENGINE);
    await a.scenarios.importText(SYSTEM_ACTOR, SMALL_SCENARIO, 'small.yaml');
    const before = await a.scenarios.status('small', '2022-01-01');
    expect(before.decisions[0]?.blockers).toEqual(['PL']);
    // Same question, same answer object: the cache is in use.
    expect(await a.scenarios.status('small', '2022-01-01')).toBe(before);

    const lifted = SMALL_SCENARIO.replace('stance: block', 'stance: support');
    await b.scenarios.importText(SYSTEM_ACTOR, lifted, 'small.yaml', { replace: true });
    // B's COMMIT has returned; on PostgreSQL A's notification may still be on the wire, and
    // catchUp waits for it (one round trip; at once on SQLite). postgres-engine.test.ts shows
    // that it arrives without being waited for, too.
    await dbA.catchUp();

    const after = await a.scenarios.status('small', '2022-01-01');
    expect(after.decisions[0]?.blockers).toEqual([]);
    expect(after.decisions[0]?.status).toBe('consensus');
  });

  it('changes the token only for writes by another connection', async () => {
    const t0 = dbA.changeToken();
    await a.scenarios.importText(
      SYSTEM_ACTOR,
      SMALL_SCENARIO.replace('id: small', 'id: small-a'),
      'a.yaml',
    );
    await dbA.catchUp();
    expect(dbA.changeToken()).toBe(t0);
    await b.scenarios.importText(
      SYSTEM_ACTOR,
      SMALL_SCENARIO.replace('id: small', 'id: small-b'),
      'b.yaml',
    );
    await dbA.catchUp();
    expect(dbA.changeToken()).not.toBe(t0);
    expect((await a.scenarios.list()).map((s) => s.id)).toEqual(['small', 'small-a', 'small-b']);
  });
});
