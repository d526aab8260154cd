/**
 * Whole-database row copy: the only module that builds SQL for `accord db copy`, `backup` and
 * `restore`. Generic over tables, so it works on rows as plain records and never looks inside
 * them: a copy gives back exactly what was stored, on either engine.
 */
import { sql, type Kysely } from 'kysely';
import { SCENARIO_CHILD_TABLES, type Database } from './schema.js';

export type TableName = keyof Database;
export type Row = Record<string, unknown>;

/**
 * Every table, parents before children (the order to insert in; delete in reverse). Scenario
 * children come from SCENARIO_CHILD_TABLES, which lists them children first.
 */
export const COPY_ORDER: readonly TableName[] = [
  'scenarios',
  ...[...SCENARIO_CHILD_TABLES].reverse(),
  'users',
  'tokens',
  'sessions',
  'audit_log',
];

/**
 * The columns that order each table uniquely, for keyset paging (OFFSET would rescan the
 * skipped rows on every page). Primary keys where there is one; the two tables without one are
 * unique on (scenario_id, seq), since seq is the row's position in its scenario.
 */
const KEYS: Readonly<Record<TableName, readonly string[]>> = {
  scenarios: ['id'],
  sources: ['scenario_id', 'id'],
  members: ['scenario_id', 'iso2'],
  groups: ['scenario_id', 'id'],
  candidates: ['scenario_id', 'iso2'],
  candidate_stages: ['scenario_id', 'seq'],
  ratifications: ['scenario_id', 'candidate', 'member'],
  decisions: ['scenario_id', 'id'],
  conditions: ['scenario_id', 'id'],
  condition_statuses: ['scenario_id', 'seq'],
  positions: ['scenario_id', 'id'],
  events: ['scenario_id', 'id'],
  users: ['id'],
  tokens: ['id'],
  sessions: ['id_hash'],
  audit_log: ['seq'],
  roadmaps: ['scenario_id', 'id'],
  roadmap_evidence: ['scenario_id', 'roadmap_id', 'id'],
  roadmap_assessments: ['scenario_id', 'roadmap_id', 'id'],
  briefings: ['id'],
  briefing_facts: ['id'],
};

export function isTableName(name: string): name is TableName {
  // Widened only to ask includes() about any string; the guard narrows it back.
  return (COPY_ORDER as readonly string[]).includes(name);
}

export async function countRows(db: Kysely<Database>, table: TableName): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  // count(*) is int8 on PostgreSQL; Number() makes both engines agree.
  return Number(row?.n ?? 0);
}

export async function countAllRows(db: Kysely<Database>): Promise<Record<TableName, number>> {
  const out: Partial<Record<TableName, number>> = {};
  for (const table of COPY_ORDER) out[table] = await countRows(db, table);
  // Every key of COPY_ORDER was set just above; TypeScript cannot see a loop fill a record.
  return out as Record<TableName, number>;
}

/** The rows of a table in key order, a page at a time. */
export async function* readRows(
  db: Kysely<Database>,
  table: TableName,
  pageSize = 2000,
): AsyncGenerator<Row[]> {
  const keys = KEYS[table];
  const keyList = sql.join(keys.map((k) => sql.ref(k)));
  let after: unknown[] | undefined;
  for (;;) {
    const where =
      after === undefined
        ? sql``
        : sql`where (${keyList}) > (${sql.join(after.map((v) => sql.val(v)))})`;
    const { rows } = await sql<Row>`select * from ${sql.table(table)} ${where}
      order by ${keyList} limit ${sql.lit(pageSize)}`.execute(db);
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1];
    if (last === undefined || rows.length < pageSize) return;
    after = keys.map((k) => last[k]);
  }
}

/** Rows per INSERT: 14 columns at most, so well under SQLite's 32,766 and pg's 65,535 parameters. */
const INSERT_CHUNK = 500;

/** Insert rows as they are (every column, generated ones included). */
export async function insertRows(
  db: Kysely<Database>,
  table: TableName,
  rows: readonly Row[],
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first);
  const columnList = sql.join(columns.map((c) => sql.ref(c)));
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const values = rows
      .slice(i, i + INSERT_CHUNK)
      .map((r) => sql`(${sql.join(columns.map((c) => sql.val(r[c] ?? null)))})`);
    await sql`insert into ${sql.table(table)} (${columnList}) values ${sql.join(values)}`.execute(
      db,
    );
  }
}

/** Empty every table, children first. Call inside the transaction that refills them. */
export async function clearAllTables(db: Kysely<Database>): Promise<void> {
  for (const table of [...COPY_ORDER].reverse()) await db.deleteFrom(table).execute();
}

/** The newest migration applied to this database (Kysely's own bookkeeping table). */
export async function migrationLevel(db: Kysely<Database>): Promise<string | undefined> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration
    order by name desc limit 1`.execute(db);
  return rows[0]?.name;
}
