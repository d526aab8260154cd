/**
 * The one seam that knows which engine is behind Kysely. Everything above `db/` receives a
 * `Kysely<Database>` and never asks which one it is.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrateToLatest } from './migrations.js';
import type { Database } from './schema.js';

export interface DbConfig {
  /** A file path for SQLite, or `:memory:`. */
  readonly sqliteFile: string;
}

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly engine: 'sqlite';
  readonly describe: string;
  /**
   * A number that changes whenever another connection or process commits a write (SQLite's
   * `PRAGMA data_version`). Caches above compare it to skip reloading unchanged data; writes
   * through this connection are invalidated by the services themselves.
   */
  readonly changeToken: () => number;
  close(): Promise<void>;
}

/** Open the database and bring its schema up to date. */
export async function createDb(config: DbConfig): Promise<Db> {
  if (config.sqliteFile !== ':memory:') mkdirSync(dirname(config.sqliteFile), { recursive: true });
  const sqlite = new SqliteDatabase(config.sqliteFile);
  // WAL lets readers run beside a writer; NORMAL sync is safe with WAL and much faster.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const dataVersion = sqlite.prepare<[], { data_version: number }>('PRAGMA data_version');
  try {
    await migrateToLatest(kysely);
  } catch (error) {
    await kysely.destroy();
    throw error;
  }
  return {
    kysely,
    engine: 'sqlite',
    describe: `SQLite ${config.sqliteFile}`,
    changeToken: () => dataVersion.get()?.data_version ?? -1,
    close: () => kysely.destroy(),
  };
}
