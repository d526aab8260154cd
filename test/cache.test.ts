/**
 * Cached reads stay correct when another process writes to the same SQLite file (the CLI
 * importing while the server runs): the data_version change token invalidates the caches.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/db/create-db.js';
import { SYSTEM_ACTOR } from '../src/services/context.js';
import { createServices, type Services } from '../src/services/index.js';
import { SMALL_SCENARIO } from './fixtures.js';
import { FIXED_NOW, tempDir } from './helpers.js';

let dbA: Db;
let dbB: Db;
let a: Services;
let b: Services;

beforeAll(async () => {
  const file = join(tempDir(), 'accord.sqlite');
  dbA = await createDb({ sqliteFile: file });
  dbB = await createDb({ sqliteFile: file });
  a = createServices({ db: dbA.kysely, clock: () => FIXED_NOW, changeToken: dbA.changeToken });
  b = createServices({ db: dbB.kysely, clock: () => FIXED_NOW, changeToken: dbB.changeToken });
});

afterAll(async () => {
  await dbA.close();
  await dbB.close();
});

describe('two connections on one SQLite file', () => {
  it('serves a write through one to reads through the other at once', async () => {
    await a.scenarios.importText(SYSTEM_ACTOR, SMALL_SCENARIO, 'small.yaml');
    const before = await a.scenarios.status('small', '2022-01-01');
    expect(before.decisions[0]?.blockers).toEqual(['PL']);
    // Same question, same answer object: the cache is in use.
    expect(await a.scenarios.status('small', '2022-01-01')).toBe(before);

    const lifted = SMALL_SCENARIO.replace('stance: block', 'stance: support');
    await b.scenarios.importText(SYSTEM_ACTOR, lifted, 'small.yaml', { replace: true });

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
    expect(dbA.changeToken()).toBe(t0);
    await b.scenarios.importText(
      SYSTEM_ACTOR,
      SMALL_SCENARIO.replace('id: small', 'id: small-b'),
      'b.yaml',
    );
    expect(dbA.changeToken()).not.toBe(t0);
    expect((await a.scenarios.list()).map((s) => s.id)).toEqual(['small', 'small-a', 'small-b']);
  });
});
