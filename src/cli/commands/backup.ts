/**
 * `accord backup <file>` and `accord restore <file>`.
 *
 * - SQLite workspace: backup uses SQLite's online backup API (a consistent file copy while the
 *   server runs). `--jsonl` writes an Accord-level export instead.
 * - PostgreSQL workspace (DATABASE_URL): backup writes an Accord-level export, all tables as JSON
 *   lines after a header naming the migration level. For a physical backup of the whole server
 *   use pg_dump (docs/performance.md).
 * - restore takes either kind of file. A SQLite backup is first copied to a temporary folder and
 *   opened there (which migrates the copy, not the backup), then its rows are copied into the
 *   workspace; an export is read line by line. Both run in one transaction on the workspace,
 *   refuse a non-empty workspace without --replace, and verify counts and the audit chain.
 */
import {
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { AccordError } from '../../core/errors.js';
import { createDb } from '../../db/create-db.js';
import { MIGRATIONS } from '../../db/migrations.js';
import { backupSqlite, isSqliteFile } from '../../db/sqlite-file.js';
import { copyDatabase, exportJsonLines, importJsonLines } from '../../services/maintenance.js';
import type { Io } from '../io.js';
import { progressBar } from '../progress.js';
import { reportCopy, workspaceConfig } from './db.js';

function lineWriter(file: string): {
  write: (line: string) => Promise<void>;
  end: () => Promise<void>;
} {
  const stream = createWriteStream(file, { flags: 'wx' });
  return {
    write: (line) =>
      new Promise((resolve, reject) => {
        stream.once('error', reject);
        // Respect back-pressure: a million rows must not pile up in memory.
        if (stream.write(`${line}\n`)) {
          stream.off('error', reject);
          resolve();
        } else
          stream.once('drain', () => {
            stream.off('error', reject);
            resolve();
          });
      }),
    end: () =>
      new Promise((resolve, reject) => {
        stream.once('error', reject);
        stream.end(() => {
          resolve();
        });
      }),
  };
}

export function backupCommand(program: Command, io: Io): void {
  program
    .command('backup')
    .description(
      'back up the workspace: SQLite online backup, or (PostgreSQL, or --jsonl) an Accord export',
    )
    .argument('<file>', 'the file to write (must not exist)')
    .option('--jsonl', 'write an Accord-level export (JSON lines) even on SQLite')
    .action(async (file: string, opts: { jsonl?: boolean }) => {
      if (existsSync(file)) {
        throw new AccordError('ALREADY_EXISTS', `'${file}' exists; choose a new file name`, {
          field: 'file',
          value: file,
        });
      }
      const config = workspaceConfig();
      const bar = progressBar('backing up');
      try {
        if ((config.databaseUrl ?? '') === '' && opts.jsonl !== true) {
          if (!existsSync(config.sqliteFile)) {
            throw new AccordError('NOT_FOUND', `no workspace database at ${config.sqliteFile}`);
          }
          await backupSqlite(config.sqliteFile, file, (done, total) => {
            bar.update(done, total, 'pages');
          });
          bar.stop();
          io.out(`wrote SQLite backup ${file} (restore with: accord restore ${file})`);
          return;
        }
        const db = await createDb(config);
        const out = lineWriter(file);
        try {
          const header = await exportJsonLines(db.kysely, new Date(), out.write, (done, total) => {
            bar.update(done, total, 'rows');
          });
          await out.end();
          bar.stop();
          const rows = Object.values(header.tables).reduce((a, b) => a + b, 0);
          io.out(
            `wrote Accord export ${file}: ${rows} rows at migration ${header.migration ?? '(none)'}, ` +
              `audit head ${header.auditHead} (restore with: accord restore ${file})`,
          );
          if (db.engine === 'postgres') {
            io.out(
              'note: this is an Accord-level export of Accord tables, not a physical backup; ' +
                'for point-in-time recovery use pg_dump / pg_basebackup (docs/performance.md)',
            );
          }
        } finally {
          await db.close();
        }
      } finally {
        bar.stop();
      }
    });

  program
    .command('restore')
    .description(
      'restore a backup (SQLite file or Accord export) into the workspace, then verify it',
    )
    .argument('<file>', 'a file written by accord backup')
    .option('--replace', 'empty a non-empty workspace first')
    .option('--json', 'machine-readable report')
    .action(async (file: string, opts: { replace?: boolean; json?: boolean }) => {
      if (!existsSync(file)) {
        throw new AccordError('NOT_FOUND', `'${file}' does not exist`, {
          field: 'file',
          value: file,
        });
      }
      const target = await createDb(workspaceConfig());
      const bar = progressBar('restoring');
      const onProgress = (done: number, total: number, table: string): void => {
        bar.update(done, total, table);
      };
      try {
        if (isSqliteFile(file)) {
          // Open a copy: opening migrates, and a backup file should stay as it was written.
          const dir = mkdtempSync(join(tmpdir(), 'accord-restore-'));
          try {
            const copy = join(dir, 'backup.sqlite');
            copyFileSync(file, copy);
            const source = await createDb({ sqliteFile: copy });
            try {
              const report = await copyDatabase(source.kysely, target.kysely, {
                replace: opts.replace,
                onProgress,
              });
              bar.stop();
              reportCopy(io, report, opts.json === true);
            } finally {
              await source.close();
            }
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        } else {
          const lines = createInterface({
            input: createReadStream(file, 'utf8'),
            crlfDelay: Infinity,
          });
          const report = await importJsonLines(lines, target.kysely, Object.keys(MIGRATIONS), {
            replace: opts.replace,
            onProgress,
          });
          bar.stop();
          reportCopy(io, report, opts.json === true);
        }
      } finally {
        bar.stop();
        await target.close();
      }
    });
}
