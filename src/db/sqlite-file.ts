/**
 * SQLite files as files: the online backup and recognising a SQLite file. Separate from
 * create-db.ts because they work on a file path, not on an open workspace.
 */
import { openSync, readSync, closeSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';

/**
 * Copy a live SQLite database to `destination` with SQLite's online backup API: consistent even
 * while other connections write, and it includes what is still in the WAL.
 */
export async function backupSqlite(
  file: string,
  destination: string,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const source = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(destination, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.(totalPages - remainingPages, totalPages);
        // Pages per step: large steps finish fast; the default (100) is tuned for a busy server.
        return 10_000;
      },
    });
  } finally {
    source.close();
  }
}

/** Whether a file starts with SQLite's 16-byte header. */
export function isSqliteFile(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    const n = readSync(fd, header, 0, 16, 0);
    return n === 16 && header.toString('latin1') === 'SQLite format 3\u0000';
  } finally {
    closeSync(fd);
  }
}
