/**
 * Schema migrations, in code so they ship inside the package. Each lives in its own file under
 * migrations/ and is frozen once released. They import nothing from the application (Kysely's
 * advice) and use only types every engine has, so SQLite and PostgreSQL run the same steps.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { m0001 } from './migrations/0001-scenarios.js';
import { m0002 } from './migrations/0002-access-audit.js';
import { m0003 } from './migrations/0003-roadmaps.js';
import { m0004 } from './migrations/0004-briefings.js';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-scenarios': m0001,
  '0002-access-audit': m0002,
  '0003-roadmaps': m0003,
  '0004-briefings': m0004,
};

class InCodeProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({ ...MIGRATIONS });
  }
}

export function createMigrator<DB>(db: Kysely<DB>): Migrator {
  return new Migrator({ db, provider: new InCodeProvider() });
}

/** Bring the schema to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined) {
    const cause = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
