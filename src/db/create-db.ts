/**
 * The one seam that knows which engine is behind Kysely. Everything above `db/` receives a
 * `Kysely<Database>` and never asks which one it is.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrateToLatest } from './migrations.js';
import {
  ChangeListener,
  checkConnection,
  connectPostgres,
  installChangeNotifications,
  maskDatabaseUrl,
} from './postgres.js';
import type { Database } from './schema.js';

export interface DbConfig {
  /** A file path for SQLite, or `:memory:`. Not used when `databaseUrl` is set. */
  readonly sqliteFile: string;
  /**
   * A PostgreSQL URL (callers pass `DATABASE_URL`). When set and not empty, PostgreSQL is the
   * engine; otherwise SQLite.
   */
  readonly databaseUrl?: string | undefined;
}

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly engine: 'sqlite' | 'postgres';
  /** Which database, for people: the engine and the file or URL (a password is masked). */
  readonly describe: string;
  /**
   * A number that changes whenever another connection or process commits a write (SQLite's
   * `PRAGMA data_version`; PostgreSQL's LISTEN/NOTIFY, see postgres.ts). Caches above compare it
   * to skip reloading unchanged data; writes through this Db are invalidated by the services.
   */
  readonly changeToken: () => number;
  /**
   * Resolves once `changeToken()` reflects every write other connections committed before the
   * call. SQLite's token is exact at once; PostgreSQL's notifications arrive a moment after the
   * other side's COMMIT, so this waits one round trip for them.
   */
  readonly catchUp: () => Promise<void>;
  close(): Promise<void>;
}

/** Open the database and bring its schema up to date. */
export async function createDb(config: DbConfig): Promise<Db> {
  const url = config.databaseUrl;
  return url === undefined || url === '' ? createSqlite(config.sqliteFile) : createPostgres(url);
}

async function createSqlite(file: string): Promise<Db> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
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
    describe: `SQLite ${file}`,
    changeToken: () => dataVersion.get()?.data_version ?? -1,
    catchUp: () => Promise.resolve(),
    close: () => kysely.destroy(),
  };
}

async function createPostgres(url: string): Promise<Db> {
  const { kysely, ownPids } = connectPostgres(url);
  const listener = new ChangeListener(url, ownPids);
  try {
    await checkConnection(kysely, url);
    await migrateToLatest(kysely);
    // After the migrations, so that every table they created gets its trigger.
    await installChangeNotifications(kysely);
    await listener.start();
  } catch (error) {
    await listener.close();
    await kysely.destroy();
    throw error;
  }
  return {
    kysely,
    engine: 'postgres',
    describe: `PostgreSQL ${maskDatabaseUrl(url)}`,
    changeToken: () => listener.token(),
    catchUp: () => listener.catchUp(),
    close: async () => {
      await listener.close();
      await kysely.destroy();
    },
  };
}
