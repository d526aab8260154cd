/**
 * Opening a workspace: the database under ACCORD_DATA_DIR (default ./data), the services, and
 * on first start (no scenarios at all) the built-in scenarios from `scenarios/`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AccessionCase } from '../core/forecast/ratification.js';
import { createDb, type Db } from '../db/create-db.js';
import { loadBuiltins, type ScenarioFile } from '../services/builtins.js';
import { SYSTEM_ACTOR } from '../services/context.js';
import { createServices, type Services } from '../services/index.js';
import type { ImportResult } from '../services/scenarios.js';

export const BUILTIN_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));
export const ACCESSIONS_FILE = fileURLToPath(
  new URL('../../reference-data/nato-accessions.json', import.meta.url),
);

/** NATO's enlargement rounds, for forecasts; the file ships with Accord. */
export function readAccessionCases(file = ACCESSIONS_FILE): AccessionCase[] {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { cases: AccessionCase[] };
  // The file's case records carry these fields (reference-data/README.md); extra ones are ignored.
  return data.cases;
}

export interface Workspace {
  readonly db: Db;
  readonly services: Services;
  readonly dataDir: string;
  /** Built-in scenarios imported by this open (first start only). */
  readonly imported: readonly ImportResult[];
  close(): Promise<void>;
}

export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.ACCORD_DATA_DIR;
  return resolve(dir === undefined || dir === '' ? './data' : dir);
}

export function readScenarioDir(dir: string): ScenarioFile[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => ({ name: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
}

export interface OpenOptions {
  readonly dataDir?: string;
  /** Load the built-in scenarios when the database has none (default true). */
  readonly builtins?: boolean;
  readonly clock?: () => Date;
}

export async function openWorkspace(options: OpenOptions = {}): Promise<Workspace> {
  const dataDir = options.dataDir ?? dataDirFromEnv();
  const db = await createDb({
    sqliteFile: join(dataDir, 'accord.sqlite'),
    databaseUrl: process.env.DATABASE_URL,
  });
  const services = createServices({
    db: db.kysely,
    clock: options.clock ?? (() => new Date()),
    changeToken: db.changeToken,
    accessionCases: readAccessionCases(),
  });
  let imported: ImportResult[] = [];
  try {
    if (options.builtins !== false && (await services.scenarios.list()).length === 0) {
      imported = await loadBuiltins(services.scenarios, SYSTEM_ACTOR, readScenarioDir(BUILTIN_DIR));
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  return { db, services, dataDir, imported, close: () => db.close() };
}
