/**
 * Operator use cases on whole databases: copy one into another (SQLite → PostgreSQL, or a
 * backup into a workspace), and export/import as JSON lines. They move rows as stored, audit
 * log included, so the target's hash chain is the source's; they add no audit entry of their
 * own, since that would make the copy differ from what it copies. Every copy is checked
 * afterwards by row counts per table and by recomputing the audit chain on the target.
 */
import type { Kysely } from 'kysely';
import type { ChainVerdict } from '../core/audit.js';
import { AccordError } from '../core/errors.js';
import {
  clearAllTables,
  COPY_ORDER,
  countAllRows,
  insertRows,
  isTableName,
  migrationLevel,
  readRows,
  type Row,
  type TableName,
} from '../db/copy.js';
import type { Database } from '../db/schema.js';
import { auditHead, verifyAudit } from './audit.js';

export interface CopyOptions {
  /** Empty a non-empty target first instead of refusing. */
  readonly replace?: boolean | undefined;
  /** Told after each page: rows copied so far out of the total. */
  readonly onProgress?: ((copied: number, total: number, table: TableName) => void) | undefined;
}

export interface TableCheck {
  readonly table: TableName;
  readonly source: number;
  readonly target: number;
}

export interface CopyReport {
  readonly tables: readonly TableCheck[];
  readonly rows: number;
  readonly countsMatch: boolean;
  /** The audit chain recomputed on the target, and whether its head is the source's head. */
  readonly audit: ChainVerdict;
  readonly auditHeadMatches: boolean;
  readonly ok: boolean;
}

const total = (counts: Record<TableName, number>): number =>
  COPY_ORDER.reduce((sum, t) => sum + counts[t], 0);

/** Refuse (nothing written) when the target holds any row and `replace` was not asked for. */
async function checkTargetEmpty(
  target: Kysely<Database>,
  replace: boolean | undefined,
): Promise<void> {
  if (replace === true) return;
  const counts = await countAllRows(target);
  const filled = COPY_ORDER.filter((t) => counts[t] > 0);
  if (filled.length > 0) {
    throw new AccordError(
      'ALREADY_EXISTS',
      `the target is not empty (${filled.map((t) => `${counts[t]} ${t}`).join(', ')}); ` +
        'pass --replace to empty it first',
      { tables: Object.fromEntries(filled.map((t) => [t, counts[t]])) },
    );
  }
}

async function verify(
  target: Kysely<Database>,
  expected: Record<TableName, number>,
  expectedHead: string,
): Promise<CopyReport> {
  const actual = await countAllRows(target);
  const tables = COPY_ORDER.map((table) => ({
    table,
    source: expected[table],
    target: actual[table],
  }));
  const countsMatch = tables.every((t) => t.source === t.target);
  const audit = await verifyAudit(target);
  const auditHeadMatches = audit.head === expectedHead;
  return {
    tables,
    rows: total(actual),
    countsMatch,
    audit,
    auditHeadMatches,
    ok: countsMatch && audit.ok && auditHeadMatches,
  };
}

/**
 * Copy every table of `source` into `target`, parents first, in one transaction on the target
 * (a failure leaves the target as it was). The source is read inside a transaction too, so the
 * copy is one consistent snapshot even if someone writes meanwhile.
 */
export async function copyDatabase(
  source: Kysely<Database>,
  target: Kysely<Database>,
  options: CopyOptions = {},
): Promise<CopyReport> {
  const { counts, head } = await source.transaction().execute(async (src) => {
    const sourceCounts = await countAllRows(src);
    const sourceHead = (await auditHead(src)).hash;
    const all = total(sourceCounts);
    await target.transaction().execute(async (dst) => {
      await checkTargetEmpty(dst, options.replace);
      await clearAllTables(dst);
      let copied = 0;
      options.onProgress?.(0, all, COPY_ORDER[0] ?? 'scenarios');
      for (const table of COPY_ORDER) {
        for await (const page of readRows(src, table)) {
          await insertRows(dst, table, page);
          copied += page.length;
          options.onProgress?.(copied, all, table);
        }
      }
    });
    return { counts: sourceCounts, head: sourceHead };
  });
  return verify(target, counts, head);
}

/** The first line of an export: what it is, and the schema level its rows follow. */
export interface ExportHeader {
  readonly format: 'accord-export';
  readonly version: 1;
  readonly migration: string | null;
  readonly exportedAt: string;
  readonly tables: Readonly<Record<string, number>>;
  readonly auditHead: string;
}

/**
 * Write the whole database as JSON lines: a header, then one `{"table", "row"}` per row, parents
 * first. Read in one transaction, so the export is a consistent snapshot.
 */
export async function exportJsonLines(
  db: Kysely<Database>,
  now: Date,
  write: (line: string) => Promise<void>,
  onProgress?: (done: number, total: number) => void,
): Promise<ExportHeader> {
  return db.transaction().execute(async (trx) => {
    const counts = await countAllRows(trx);
    const header: ExportHeader = {
      format: 'accord-export',
      version: 1,
      migration: (await migrationLevel(trx)) ?? null,
      exportedAt: now.toISOString(),
      tables: counts,
      auditHead: (await auditHead(trx)).hash,
    };
    await write(JSON.stringify(header));
    const all = total(counts);
    let done = 0;
    for (const table of COPY_ORDER) {
      for await (const page of readRows(trx, table)) {
        await write(page.map((row) => JSON.stringify({ table, row })).join('\n'));
        done += page.length;
        onProgress?.(done, all);
      }
    }
    return header;
  });
}

function parseHeader(line: string | undefined): ExportHeader {
  const fail = (why: string): never => {
    throw new AccordError('VALIDATION_FAILED', `not an Accord export: ${why}`);
  };
  if (line === undefined) return fail('the file is empty');
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return fail('the first line is not JSON');
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    !('format' in value) ||
    value.format !== 'accord-export' ||
    !('version' in value) ||
    value.version !== 1 ||
    !('tables' in value) ||
    typeof value.tables !== 'object' ||
    value.tables === null ||
    !Object.values(value.tables).every((n) => typeof n === 'number') ||
    !('auditHead' in value) ||
    typeof value.auditHead !== 'string'
  ) {
    return fail('the header lacks format accord-export, version 1, tables or auditHead');
  }
  // Checked field by field just above; the remaining fields are informational.
  return value as ExportHeader;
}

function parseLine(line: string, n: number): { table: TableName; row: Row } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new AccordError('VALIDATION_FAILED', `line ${n}: not JSON`);
  }
  if (
    typeof value === 'object' &&
    value !== null &&
    'table' in value &&
    typeof value.table === 'string' &&
    isTableName(value.table) &&
    'row' in value &&
    typeof value.row === 'object' &&
    value.row !== null
  ) {
    // A JSON object: its keys are the columns, as exported.
    return { table: value.table, row: value.row as Row };
  }
  throw new AccordError(
    'VALIDATION_FAILED',
    `line ${n}: expected {"table", "row"} of a known table`,
  );
}

/**
 * Read an export into `target` (already migrated to the latest schema) in one transaction, then
 * verify counts against the header and the audit chain. An export from a newer schema than this
 * Accord knows is refused.
 */
export async function importJsonLines(
  lines: AsyncIterable<string>,
  target: Kysely<Database>,
  knownMigrations: readonly string[],
  options: CopyOptions = {},
): Promise<CopyReport & { header: ExportHeader }> {
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  const header = parseHeader(first.done === true ? undefined : first.value);
  if (header.migration !== null && !knownMigrations.includes(header.migration)) {
    throw new AccordError(
      'VALIDATION_FAILED',
      `the export is at migration ${header.migration}, which this Accord does not know; upgrade Accord first`,
    );
  }
  // Built from COPY_ORDER, so every table is a key; tables the header lacks count as 0.
  const expected = Object.fromEntries(COPY_ORDER.map((t) => [t, header.tables[t] ?? 0])) as Record<
    TableName,
    number
  >;
  const all = total(expected);
  await target.transaction().execute(async (dst) => {
    await checkTargetEmpty(dst, options.replace);
    await clearAllTables(dst);
    let batch: Row[] = [];
    let batchTable: TableName | undefined;
    let copied = 0;
    let n = 1;
    const flush = async (): Promise<void> => {
      if (batchTable === undefined || batch.length === 0) return;
      await insertRows(dst, batchTable, batch);
      copied += batch.length;
      options.onProgress?.(copied, all, batchTable);
      batch = [];
    };
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) break;
      n++;
      if (next.value.trim() === '') continue;
      const { table, row } = parseLine(next.value, n);
      if (table !== batchTable || batch.length >= 2000) {
        await flush();
        batchTable = table;
      }
      batch.push(row);
    }
    await flush();
  });
  return { ...(await verify(target, expected, header.auditHead)), header };
}
