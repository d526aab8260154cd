/**
 * `accord db migrate`: run the pending migrations and say which ran. createDb migrates on every
 * open too, but silently; this opens a bare connection first so the list of what was applied
 * can be reported, then opens through createDb once so PostgreSQL tables get their triggers.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { createDb, type DbConfig } from './create-db.js';
import { MIGRATIONS, migrateToLatest } from './migrations.js';
import { checkConnection, connectPostgres } from './postgres.js';
import type { Database } from './schema.js';

export interface MigrateReport {
  readonly describe: string;
  /** The migrations this run applied, oldest first (empty when the schema was up to date). */
  readonly applied: readonly string[];
  readonly latest: string;
}

export async function migrateDatabase(config: DbConfig): Promise<MigrateReport> {
  const url = config.databaseUrl;
  let kysely: Kysely<Database>;
  if (url === undefined || url === '') {
    if (config.sqliteFile !== ':memory:')
      mkdirSync(dirname(config.sqliteFile), { recursive: true });
    const sqlite = new SqliteDatabase(config.sqliteFile);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  } else {
    kysely = connectPostgres(url).kysely;
    try {
      await checkConnection(kysely, url);
    } catch (error) {
      await kysely.destroy();
      throw error;
    }
  }
  let applied: string[];
  try {
    applied = await migrateToLatest(kysely);
  } finally {
    await kysely.destroy();
  }
  // The rest of an open (PostgreSQL change triggers) happens here, as on any start.
  const db = await createDb(config);
  const describe = db.describe;
  await db.close();
  return { describe, applied, latest: Object.keys(MIGRATIONS).sort().at(-1) ?? '' };
}
