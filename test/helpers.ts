/**
 * Test support: a real database of its own per test file, never a fake. SQLite by default (a file
 * in a fresh temporary folder); PostgreSQL when DATABASE_URL is set, which is then the *admin*
 * URL: every test database is created from it (CREATE DATABASE accord_t_…) and dropped after.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createDb, type Db, type DbConfig } from '../src/db/create-db.js';
import { createServices, type Services } from '../src/services/index.js';
import { BUILTIN_DIR, readAccessionCases } from '../src/cli/workspace.js';

export const FIXED_NOW = new Date('2026-01-15T12:00:00Z');

/** Read once, before the hook below points DATABASE_URL at this file's own database. */
const ADMIN_URL =
  process.env.DATABASE_URL === undefined || process.env.DATABASE_URL === ''
    ? undefined
    : process.env.DATABASE_URL;

/** The engine this run tests: `DATABASE_URL=postgres://… npx vitest run` for PostgreSQL. */
export const ENGINE: Db['engine'] = ADMIN_URL === undefined ? 'sqlite' : 'postgres';

export interface TestWorkspace {
  readonly dir: string;
  readonly db: Db;
  readonly services: Services;
  close(): Promise<void>;
}

export function tempDir(prefix = 'accord-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** An empty database of its own, for one or more `createDb(config)`; `drop` deletes it. */
export interface TestDatabase {
  readonly dir: string;
  readonly config: DbConfig;
  drop(): Promise<void>;
}

async function admin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = tempDir();
  const sqliteFile = join(dir, 'accord.sqlite');
  const removeDir = () => {
    rmSync(dir, { recursive: true, force: true });
  };
  if (ADMIN_URL === undefined) {
    return {
      dir,
      config: { sqliteFile },
      drop: () => {
        removeDir();
        return Promise.resolve();
      },
    };
  }
  const adminUrl = ADMIN_URL;
  // A random name: test files run in parallel, and a crashed run must not block the next one.
  const name = `accord_t_${randomBytes(6).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    dir,
    config: { sqliteFile, databaseUrl: url.toString() },
    drop: async () => {
      // FORCE ends sessions a failed test left open, so the database never outlives the run.
      await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      removeDir();
    },
  };
}

/*
 * Code that opens the database from the environment (the CLI's openWorkspace reads DATABASE_URL)
 * must not share the admin database across test files and runs: on PostgreSQL every test file
 * that imports this module gets a database of its own in DATABASE_URL, dropped after its tests.
 * Vitest isolates each test file in its own process (pool: forks), so the variable stays local.
 */
if (ADMIN_URL !== undefined) {
  let fileDatabase: TestDatabase | undefined;
  beforeAll(async () => {
    fileDatabase = await createTestDatabase();
    process.env.DATABASE_URL = fileDatabase.config.databaseUrl;
  });
  afterAll(async () => {
    process.env.DATABASE_URL = ADMIN_URL;
    await fileDatabase?.drop();
  });
}

/** `clock` defaults to FIXED_NOW; browser tests pass the real clock (cookies expire for real). */
export async function openTestWorkspace(
  options: { readonly clock?: () => Date } = {},
): Promise<TestWorkspace> {
  const database = await createTestDatabase();
  let db: Db;
  try {
    db = await createDb(database.config);
  } catch (error) {
    await database.drop();
    throw error;
  }
  const services = createServices({
    db: db.kysely,
    clock: options.clock ?? (() => FIXED_NOW),
    changeToken: db.changeToken,
    accessionCases: readAccessionCases(),
  });
  return {
    dir: database.dir,
    db,
    services,
    close: async () => {
      await db.close();
      await database.drop();
    },
  };
}

export function builtinText(id: string): string {
  return readFileSync(join(BUILTIN_DIR, `${id}.yaml`), 'utf8');
}

export const SHARED_DATA = new URL('../../shared/data/nato-accessions.json', import.meta.url);

export interface AccessionCase {
  readonly iso2: string;
  readonly candidate: string;
  readonly protocol_signed: string | null;
  readonly accession: string | null;
  readonly ratifications: readonly { readonly iso2: string; readonly date: string }[];
}

export interface AccessionData {
  readonly members: readonly { readonly iso2: string; readonly accession_date: string }[];
  readonly cases: readonly AccessionCase[];
}

export function accessionData(): AccessionData {
  // The shared data file's shape is documented in its own `meta`; these are the fields used.
  return JSON.parse(readFileSync(SHARED_DATA, 'utf8')) as AccessionData;
}

/**
 * Every row of every table, for "nothing was written" checks. Rows are sorted here: without
 * ORDER BY, PostgreSQL returns rows in storage order, which an UPDATE changes even when it
 * writes the same values.
 */
export async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
  const tables = [
    'scenarios',
    'sources',
    'members',
    'groups',
    'candidates',
    'candidate_stages',
    'ratifications',
    'decisions',
    'conditions',
    'condition_statuses',
    'positions',
    'events',
  ] as const;
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    const rows = await db.kysely.selectFrom(t).selectAll().execute();
    out[t] = rows
      .map((row) => ({ row, key: JSON.stringify(row) }))
      .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
      .map(({ row }) => row);
  }
  return out;
}
