/**
 * The engine seam: both engines hand the repositories the same JS values, and PostgreSQL's change
 * token (LISTEN/NOTIFY) moves exactly when another connection commits. The PostgreSQL-only part
 * runs when DATABASE_URL is set (see docs/postgres.md); on SQLite it is reported as skipped.
 */
import { createServer } from 'node:net';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb, type Db } from '../src/db/create-db.js';
import { CHANGE_TRIGGER, LISTENER_APPLICATION, maskDatabaseUrl } from '../src/db/postgres.js';
import { SYSTEM_ACTOR } from '../src/services/context.js';
import { createServices } from '../src/services/index.js';
import { breakScenario, SMALL_SCENARIO } from './fixtures.js';
import {
  builtinText,
  createTestDatabase,
  ENGINE,
  FIXED_NOW,
  type TestDatabase,
} from './helpers.js';

describe('maskDatabaseUrl', () => {
  it('masks the password and keeps the rest', () => {
    expect(maskDatabaseUrl('postgres://accord:s3cret@db.example:5432/accord')).toBe(
      'postgres://accord:***@db.example:5432/accord',
    );
    expect(maskDatabaseUrl('postgresql://accord@db.example/accord?sslmode=require')).toBe(
      'postgresql://accord@db.example/accord?sslmode=require',
    );
  });

  it('masks a password given as a parameter', () => {
    const masked = maskDatabaseUrl('postgres://db.example/accord?user=a&password=s3cret');
    expect(masked).not.toContain('s3cret');
    expect(masked).toContain('password=***');
  });

  it('prints nothing of a connection string that is not a URL', () => {
    expect(maskDatabaseUrl('host=db password=s3cret')).not.toContain('s3cret');
  });
});

describe(`values on ${ENGINE}`, () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await createDb(database.config);
    const services = createServices({ db: db.kysely, clock: () => FIXED_NOW });
    await services.scenarios.importText(SYSTEM_ACTOR, builtinText('nordic-2022'), 'nordic.yaml');
    // A qualified-majority decision, so a `double precision` column holds a number.
    const qualified = breakScenario(
      '    rule: unanimity\n',
      '    rule: qualified-majority\n    threshold: 0.75\n',
      breakScenario('met: true', 'met: false'),
    );
    await services.scenarios.importText(SYSTEM_ACTOR, qualified, 'small.yaml');
  });

  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  it('returns counts, sums and averages as numbers', async () => {
    const row = await db.kysely
      .selectFrom('positions')
      .select((eb) => [
        eb.fn.countAll().as('n'),
        eb.fn.sum('seq').as('total'),
        eb.fn.avg('seq').as('mean'),
        eb.fn.max('seq').as('last'),
      ])
      .where('scenario_id', '=', 'small')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ n: 3, total: 3, mean: 1, last: 2 });
  });

  it('returns integer and double precision columns as numbers', async () => {
    const scenario = await db.kysely
      .selectFrom('scenarios')
      .select('version')
      .where('id', '=', 'small')
      .executeTakeFirstOrThrow();
    expect(scenario.version).toBe(1);
    const decision = await db.kysely
      .selectFrom('decisions')
      .select(['threshold', 'seq'])
      .where('scenario_id', '=', 'small')
      .executeTakeFirstOrThrow();
    expect(decision).toEqual({ threshold: 0.75, seq: 0 });
  });

  it('stores booleans as 0 and 1, and returns comparisons the same way', async () => {
    const met = await db.kysely
      .selectFrom('condition_statuses')
      .select('met')
      .distinct()
      .orderBy('met')
      .execute();
    expect(met.map((r) => r.met)).toEqual([0, 1]);
    const compared = await sql<{
      yes: unknown;
      no: unknown;
    }>`SELECT 1 = 1 AS yes, 1 = 2 AS no`.execute(db.kysely);
    expect(compared.rows).toEqual([{ yes: 1, no: 0 }]);
  });

  it('keeps JSON as text, parsed by the repository', async () => {
    const row = await db.kysely
      .selectFrom('groups')
      .select('members')
      .where('scenario_id', '=', 'nordic-2022')
      .limit(1)
      .executeTakeFirst();
    expect(typeof row?.members).toBe('string');
  });
});

describe.runIf(ENGINE === 'postgres')('PostgreSQL', () => {
  let database: TestDatabase;
  let url: string;
  let db: Db;
  let other: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    url = database.config.databaseUrl ?? '';
    db = await createDb(database.config);
    await createServices({ db: db.kysely, clock: () => FIXED_NOW }).scenarios.importText(
      SYSTEM_ACTOR,
      SMALL_SCENARIO,
      'small.yaml',
    );
    // Another process, as far as the database can tell: a session of its own.
    other = new pg.Client({ connectionString: url });
    await other.connect();
  });

  afterAll(async () => {
    await other.end();
    await db.close();
    await database.drop();
  });

  async function triggersPerTable(): Promise<Record<string, number>> {
    const { rows } = await other.query<{ name: string; n: number }>(
      `SELECT c.relname AS name, count(t.oid)::int AS n
       FROM pg_class c
       JOIN pg_namespace s ON s.oid = c.relnamespace AND s.nspname = current_schema()
       LEFT JOIN pg_trigger t ON t.tgrelid = c.oid AND t.tgname = $1
       WHERE c.relkind = 'r'
       GROUP BY c.relname`,
      [CHANGE_TRIGGER],
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.n]));
  }

  it('puts one change trigger on every table, and opening again adds none', async () => {
    const before = await triggersPerTable();
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['scenarios', 'positions']));
    for (const [table, n] of Object.entries(before)) {
      expect([table, n]).toEqual([table, table.startsWith('kysely_') ? 0 : 1]);
    }
    const again = await createDb(database.config);
    await again.close();
    expect(await triggersPerTable()).toEqual(before);
  });

  it('moves the token when another session commits, without being asked to catch up', async () => {
    const t0 = db.changeToken();
    await other.query('UPDATE scenarios SET title = title');
    await vi.waitFor(() => {
      expect(db.changeToken()).not.toBe(t0);
    });
  });

  it('moves it once per transaction, and not for a rollback', async () => {
    await db.catchUp();
    const t0 = db.changeToken();
    await other.query('BEGIN');
    await other.query('UPDATE members SET name = name');
    await other.query('UPDATE positions SET note = note');
    await other.query('ROLLBACK');
    await db.catchUp();
    expect(db.changeToken()).toBe(t0);
    await other.query('BEGIN');
    await other.query('UPDATE members SET name = name');
    await other.query('DELETE FROM events');
    await other.query('COMMIT');
    await db.catchUp();
    expect(db.changeToken()).toBe(t0 + 1);
  });

  it('keeps the token for writes through its own pool', async () => {
    await db.catchUp();
    const t0 = db.changeToken();
    await db.kysely.updateTable('scenarios').set({ title: 'Renamed' }).execute();
    await db.kysely.transaction().execute(async (trx) => {
      await trx.updateTable('members').set({ left_on: null }).execute();
    });
    await db.catchUp();
    expect(db.changeToken()).toBe(t0);
  });

  it('never serves a stale token while the listening connection is down, and reconnects', async () => {
    const t0 = db.changeToken();
    const killed = await other.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = $1`,
      [LISTENER_APPLICATION],
    );
    expect(killed.rowCount).toBe(1);
    await vi.waitFor(() => {
      expect(db.changeToken()).not.toBe(t0);
    });
    // Back on the channel: the token holds still again, and moves for the next foreign write.
    await vi.waitFor(
      () => {
        const t = db.changeToken();
        expect(db.changeToken()).toBe(t);
      },
      { timeout: 10_000 },
    );
    const t1 = db.changeToken();
    await other.query('UPDATE scenarios SET title = title');
    await db.catchUp();
    expect(db.changeToken()).not.toBe(t1);
  });

  it('masks the password in describe', async () => {
    const withPassword = new URL(url);
    withPassword.password = 's3cret';
    const opened = await createDb({ sqliteFile: '', databaseUrl: withPassword.toString() });
    try {
      expect(opened.engine).toBe('postgres');
      expect(opened.describe).toMatch(/^PostgreSQL postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:/);
      expect(opened.describe).not.toContain('s3cret');
    } finally {
      await opened.close();
    }
  });

  it('says which server it cannot reach, without the password', async () => {
    const port = await closedPort();
    const unreachable = `postgres://postgres:s3cret@127.0.0.1:${port}/accord`;
    const failure = createDb({ sqliteFile: '', databaseUrl: unreachable });
    await expect(failure).rejects.toThrow(
      `cannot connect to PostgreSQL at postgres://postgres:***@127.0.0.1:${port}/accord`,
    );
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });

  it('refuses an int8 too large for a JS number instead of rounding it', async () => {
    await expect(sql`SELECT 9007199254740993::int8 AS n`.execute(db.kysely)).rejects.toThrow(
      RangeError,
    );
  });

  it('leaves no session behind when closed', async () => {
    const opened = await createDb(database.config);
    await opened.kysely.selectFrom('scenarios').selectAll().execute();
    await opened.close();
    await db.close();
    await vi.waitFor(async () => {
      const { rows } = await other.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      expect(rows[0]?.n).toBe(0);
    });
    // afterAll closes it again: close must be safe to repeat.
  });
});

/** A loopback port nobody listens on (it was free a moment ago). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}
