/**
 * `accord db migrate` and `accord db copy`: operator commands on whole databases. They open the
 * databases with createDb directly (never openWorkspace), so no built-in scenarios are loaded
 * into a database that is about to be copied into.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { AccordError } from '../../core/errors.js';
import { createDb, type Db, type DbConfig } from '../../db/create-db.js';
import { migrateDatabase } from '../../db/migrate.js';
import { copyDatabase, type CopyReport } from '../../services/maintenance.js';
import type { Io } from '../io.js';
import { formatTable } from '../output.js';
import { progressBar } from '../progress.js';
import { dataDirFromEnv } from '../workspace.js';
import { join } from 'node:path';

/** `postgres://…` or `postgresql://…` is a PostgreSQL URL; anything else a SQLite file. */
export function openTarget(target: string): Promise<Db> {
  return /^postgres(ql)?:\/\//.test(target)
    ? createDb({ sqliteFile: ':memory:', databaseUrl: target })
    : createDb({ sqliteFile: target });
}

/** The workspace database: DATABASE_URL if set, else the SQLite file under ACCORD_DATA_DIR. */
export function workspaceConfig(): DbConfig {
  return {
    sqliteFile: join(dataDirFromEnv(), 'accord.sqlite'),
    databaseUrl: process.env.DATABASE_URL,
  };
}

/** Print the per-table counts and the audit verdict of a copy; throw (exit 1) if they disagree. */
export function reportCopy(io: Io, report: CopyReport, json: boolean): void {
  if (json) io.out(JSON.stringify(report, null, 2));
  else {
    io.out(
      formatTable(
        ['table', 'source', 'target', ''],
        report.tables.map((t) => [
          t.table,
          String(t.source),
          String(t.target),
          t.source === t.target ? 'ok' : 'DIFFERENT',
        ]),
      ),
    );
    io.out(
      report.audit.ok
        ? `audit chain on the target: ok, ${report.audit.entries} entries, head ${report.audit.head}` +
            (report.auditHeadMatches ? ' (same as the source)' : ' (NOT the source head)')
        : `audit chain on the target: BROKEN at entry ${report.audit.firstBroken ?? '?'}: ${report.audit.reason ?? ''}`,
    );
    io.out(
      report.ok
        ? `copied ${report.rows} rows; counts and audit chain agree`
        : 'the copy does NOT agree with its source',
    );
  }
  if (!report.ok) throw new AccordError('CONFLICT', 'verification failed: see above');
}

export function dbCommand(program: Command, io: Io): void {
  const db = program.command('db').description('schema migrations and whole-database copies');

  db.command('migrate')
    .description(
      'bring the schema to the latest migration (DATABASE_URL, else the workspace SQLite file)',
    )
    .action(async () => {
      const report = await migrateDatabase(workspaceConfig());
      for (const name of report.applied) io.out(`applied ${name}`);
      io.out(
        report.applied.length === 0
          ? `${report.describe}: already at the latest migration (${report.latest})`
          : `${report.describe}: now at ${report.latest}`,
      );
    });

  db.command('copy')
    .description(
      'copy every table of a SQLite file into another database, in one transaction, then verify',
    )
    .requiredOption('--from <file>', 'the SQLite file to copy from')
    .requiredOption('--to <target>', 'a PostgreSQL URL (postgres://…) or a SQLite file')
    .option('--replace', 'empty a non-empty target first')
    .option('--json', 'machine-readable report')
    .action(async (opts: { from: string; to: string; replace?: boolean; json?: boolean }) => {
      if (!existsSync(opts.from)) {
        throw new AccordError('NOT_FOUND', `--from: '${opts.from}' does not exist`, {
          field: 'from',
          value: opts.from,
        });
      }
      const source = await createDb({ sqliteFile: opts.from });
      try {
        const target = await openTarget(opts.to);
        const bar = progressBar('copying');
        try {
          io.err(`copying ${source.describe} → ${target.describe}`);
          const report = await copyDatabase(source.kysely, target.kysely, {
            replace: opts.replace,
            onProgress: (done, total, table) => {
              bar.update(done, total, table);
            },
          });
          bar.stop();
          reportCopy(io, report, opts.json === true);
        } finally {
          bar.stop();
          await target.close();
        }
      } finally {
        await source.close();
      }
    });
}
