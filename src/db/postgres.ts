/**
 * PostgreSQL behind the same `Db` as SQLite (see create-db.ts). Three things differ from SQLite
 * and stay in this file:
 *
 * - values: pg returns int8 (count(*), sum) and numeric as strings and booleans as true/false;
 *   the pool parses them to the numbers SQLite gives, so repositories see one set of JS types;
 * - the change token: a trigger on every table NOTIFYs on commit, and a dedicated connection
 *   LISTENs and counts the notifications sent by other connections;
 * - the password: `describe` and error messages show the URL with it masked.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Client, ClientBase } from 'pg';
import type { Database } from './schema.js';

/** The channel the triggers notify on. */
export const CHANGE_CHANNEL = 'accord_changes';
/** The name of the trigger on every table and of the function it runs. */
export const CHANGE_TRIGGER = 'accord_notify_change';
/** `application_name` of the listening connection, so operators can tell it from the pool. */
export const LISTENER_APPLICATION = 'accord-listener';
const POOL_APPLICATION = 'accord';
/** Any fixed number: serialises the trigger install of processes that start at the same time. */
const INSTALL_LOCK = 0x616363_6f7264;
const CONNECT_TIMEOUT_MS = 10_000;
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 10_000;

/** The URL with its password (in the user info or a `password` parameter) replaced by `***`. */
export function maskDatabaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL (perhaps libpq's `key=value` form): print nothing that could hold a secret.
    return '(a connection string that is not a URL)';
  }
  if (parsed.password !== '') parsed.password = '***';
  for (const key of [...parsed.searchParams.keys()]) {
    if (key.toLowerCase() === 'password') parsed.searchParams.set(key, '***');
  }
  return parsed.toString();
}

function parseInt8(text: string): number {
  const value = Number(text);
  // Counts and sums fit easily; a value past 2^53 would silently lose digits, so refuse it.
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 ${text} does not fit a JS number`);
  return value;
}

/**
 * Parsers that make pg return what better-sqlite3 returns. Set per pool, not globally through
 * `pg.types`, so other pg users in the same process keep pg's defaults.
 */
function sqliteCompatibleTypes(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  // count(*) and sum(integer) are int8: SQLite gives numbers.
  types.setTypeParser(pg.types.builtins.INT8, parseInt8);
  // avg() and sum(int8) are numeric: SQLite gives floating-point numbers.
  types.setTypeParser(pg.types.builtins.NUMERIC, Number);
  // Comparisons and EXISTS are boolean: SQLite gives 1 and 0, and the schema stores 0/1.
  types.setTypeParser(pg.types.builtins.BOOL, (text: string) => (text === 't' ? 1 : 0));
  return types;
}

export interface PostgresConnection {
  readonly kysely: Kysely<Database>;
  /** Backend pids of this pool's connections: their notifications are our own writes. */
  readonly ownPids: ReadonlySet<number>;
}

/** A Kysely on a pg.Pool. Connects lazily; call `checkConnection` to fail early. */
export function connectPostgres(url: string): PostgresConnection {
  const ownPids = new Set<number>();
  const pool = new pg.Pool({
    connectionString: url,
    application_name: POOL_APPLICATION,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    types: sqliteCompatibleTypes(),
  });
  // An idle connection that dies (server restart, network) is dropped by the pool and the next
  // query opens a new one; without a listener the 'error' event would crash the process.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    recordPid(client, ownPids);
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, ownPids };
}

/**
 * Remember the backend pid of a new pool connection until it ends. The query is queued ahead of
 * any work on that connection, so the pid is known before it can commit and notify. If it fails,
 * that connection's notifications count as foreign: an extra cache check, never a stale read.
 */
function recordPid(client: ClientBase, ownPids: Set<number>): void {
  client
    .query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
    .then(({ rows }) => {
      const pid = rows[0]?.pid;
      if (pid === undefined) return;
      ownPids.add(pid);
      client.once('end', () => ownPids.delete(pid));
    })
    .catch(() => undefined);
}

/** One round trip, so a wrong URL or a server that is down fails here with a clear message. */
export async function checkConnection(kysely: Kysely<Database>, url: string): Promise<void> {
  try {
    await sql`SELECT 1`.execute(kysely);
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot connect to PostgreSQL at ${maskDatabaseUrl(url)}: ${cause}`, {
      cause: error,
    });
  }
}

/**
 * Put a statement-level trigger that NOTIFYs `CHANGE_CHANNEL` on every table that has none yet.
 * Runs after the migrations at every start, so tables added by later migrations get one too.
 * Idempotent, and safe when several processes start at once (an advisory lock serialises them).
 */
export async function installChangeNotifications(kysely: Kysely<Database>): Promise<void> {
  await kysely.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${sql.lit(INSTALL_LOCK)})`.execute(trx);
    // Created only when missing, so that once the owner has started Accord, a role that may
    // only read and write rows can run it too (replacing a function needs its owner).
    const fn = await sql<{ found: string | null }>`
      SELECT to_regproc(${CHANGE_TRIGGER})::text AS found`.execute(trx);
    if (fn.rows[0]?.found === null) {
      // The payload is empty on purpose: PostgreSQL folds identical notifications of one
      // transaction into one, so a whole scenario import sends a single notification on commit.
      await sql`
        CREATE FUNCTION ${sql.id(CHANGE_TRIGGER)}() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify(${sql.lit(CHANGE_CHANNEL)}, '');
          RETURN NULL;
        END
        $$`.execute(trx);
    }
    // Kysely's own bookkeeping tables are left out: every start touches the migration lock,
    // which would make every process drop its caches whenever another one starts.
    const missing = await sql<{ name: string }>`
      SELECT c.relname AS name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema()
        AND c.relkind IN ('r', 'p')
        AND c.relname NOT LIKE 'kysely\\_%'
        AND NOT EXISTS (
          SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = ${CHANGE_TRIGGER}
        )
      ORDER BY c.relname`.execute(trx);
    for (const { name } of missing.rows) {
      await sql`
        CREATE TRIGGER ${sql.id(CHANGE_TRIGGER)}
        AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.id(name)}
        FOR EACH STATEMENT EXECUTE FUNCTION ${sql.id(CHANGE_TRIGGER)}()`.execute(trx);
    }
  });
}

/**
 * The change token on PostgreSQL: a dedicated connection LISTENs on `CHANGE_CHANNEL` and a
 * counter goes up for every notification sent by a connection that is not in our pool (our
 * own writes are invalidated by the services, as with SQLite's `data_version`).
 *
 * Notifications arrive asynchronously, a moment after the other connection's COMMIT returns;
 * `catchUp()` waits for those already sent. If the listening connection is lost, notifications
 * may be missed, so until it is back every call returns a new token (caches then check the
 * database on every read: slower, never stale) and it reconnects with backoff.
 */
export class ChangeListener {
  private counter = 0;
  private client: Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private retryDelay = RETRY_MIN_MS;

  constructor(
    private readonly url: string,
    private readonly ownPids: ReadonlySet<number>,
  ) {}

  /** Connect and LISTEN; rejects when the first connection fails. */
  start(): Promise<void> {
    return this.connect();
  }

  token(): number {
    if (this.client === undefined) this.counter += 1;
    return this.counter;
  }

  /**
   * Resolves once the token counts every notification committed before the call. PostgreSQL
   * sends a session its pending notifications before the answer to its next query, so one round
   * trip on the listening connection is enough.
   */
  async catchUp(): Promise<void> {
    const client = this.client;
    if (client === undefined) return;
    try {
      await client.query('SELECT 1');
    } catch {
      // The connection was lost: `lost` has moved the token already, caches will check.
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry !== undefined) clearTimeout(this.retry);
    this.retry = undefined;
    const client = this.client;
    this.client = undefined;
    if (client !== undefined) await client.end();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: LISTENER_APPLICATION,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    client.on('notification', (message) => {
      if (message.channel === CHANGE_CHANNEL && !this.ownPids.has(message.processId)) {
        this.counter += 1;
      }
    });
    // Both events must be handled: an unhandled 'error' would crash the process.
    client.on('error', () => {
      this.lost(client);
    });
    client.on('end', () => {
      this.lost(client);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end();
      return;
    }
    this.client = client;
    // Writes committed while nobody listened are unknown: start from a new token.
    this.counter += 1;
    this.retryDelay = RETRY_MIN_MS;
  }

  private lost(client: Client): void {
    if (client !== this.client) return;
    this.client = undefined;
    this.counter += 1;
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retry !== undefined) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.connect().catch(() => {
        this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
        this.scheduleReconnect();
      });
    }, this.retryDelay);
    // A process that has nothing else to do may exit while we wait to reconnect.
    this.retry.unref();
  }
}
