/**
 * Test support: a real SQLite file in a fresh temporary folder per test file, never a fake.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Db } from '../src/db/create-db.js';
import { createServices, type Services } from '../src/services/index.js';
import { BUILTIN_DIR } from '../src/cli/workspace.js';

export const FIXED_NOW = new Date('2026-01-15T12:00:00Z');

export interface TestWorkspace {
  readonly dir: string;
  readonly db: Db;
  readonly services: Services;
  close(): Promise<void>;
}

export function tempDir(prefix = 'accord-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function openTestWorkspace(): Promise<TestWorkspace> {
  const dir = tempDir();
  const db = await createDb({ sqliteFile: join(dir, 'accord.sqlite') });
  const services = createServices({
    db: db.kysely,
    clock: () => FIXED_NOW,
    changeToken: db.changeToken,
  });
  return {
    dir,
    db,
    services,
    close: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
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

/** Every row of every table, for "nothing was written" checks. */
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
  for (const t of tables) out[t] = await db.kysely.selectFrom(t).selectAll().execute();
  return out;
}
