/**
 * Schema migrations, in code so they ship inside the package. Frozen once released: never edit
 * one, add the next. They import nothing from the application (Kysely's advice) and use only
 * types every engine has (text, integer, real), so SQLite and PostgreSQL run the same steps.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

// Migrations must not depend on the app's current Database type, so they see an untyped schema.
type AnyDb = Kysely<Record<string, never>>;

function ordered(db: AnyDb, table: string) {
  return db.schema
    .createTable(table)
    .addColumn('scenario_id', 'text', (c) =>
      c.notNull().references('scenarios.id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull());
}

const m0001: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('scenarios')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('alliance_id', 'text', (c) => c.notNull())
      .addColumn('alliance_name', 'text', (c) => c.notNull())
      .addColumn('alliance_rule', 'text', (c) => c.notNull())
      .addColumn('stages', 'text', (c) => c.notNull())
      .addColumn('key_dates', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await ordered(db, 'sources')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('publisher', 'text')
      .addColumn('url', 'text')
      .addColumn('published', 'text')
      .addColumn('reliability', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addPrimaryKeyConstraint('sources_pk', ['scenario_id', 'id'])
      .execute();

    await ordered(db, 'members')
      .addColumn('iso2', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('joined', 'text', (c) => c.notNull())
      .addColumn('left_on', 'text')
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('sources', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('members_pk', ['scenario_id', 'iso2'])
      .execute();

    await ordered(db, 'groups')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('members', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('sources', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('groups_pk', ['scenario_id', 'id'])
      .execute();

    await ordered(db, 'candidates')
      .addColumn('iso2', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('protocol_signed', 'text')
      .addColumn('accession', 'text')
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('sources', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('candidates_pk', ['scenario_id', 'iso2'])
      .execute();

    await ordered(db, 'candidate_stages')
      .addColumn('candidate', 'text', (c) => c.notNull())
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('sources', 'text', (c) => c.notNull())
      .execute();

    await ordered(db, 'ratifications')
      .addColumn('candidate', 'text', (c) => c.notNull())
      .addColumn('member', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('sources', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('ratifications_pk', ['scenario_id', 'candidate', 'member'])
      .execute();

    await ordered(db, 'decisions')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('candidate', 'text')
      .addColumn('forum', 'text')
      .addColumn('due', 'text')
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('silence_deadline', 'text')
      .addColumn('threshold', 'real')
      .addColumn('description', 'text')
      .addColumn('outcome', 'text')
      .addColumn('sources', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('decisions_pk', ['scenario_id', 'id'])
      .execute();

    await ordered(db, 'conditions')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('holder', 'text')
      .addColumn('description', 'text')
      .addColumn('sources', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('conditions_pk', ['scenario_id', 'id'])
      .execute();

    await ordered(db, 'condition_statuses')
      .addColumn('condition_id', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('met', 'integer', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('sources', 'text', (c) => c.notNull())
      .execute();

    await ordered(db, 'positions')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('member', 'text', (c) => c.notNull())
      .addColumn('decision_id', 'text', (c) => c.notNull())
      .addColumn('stance', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('conditions', 'text', (c) => c.notNull())
      .addColumn('reasons', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('sources', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('positions_pk', ['scenario_id', 'id'])
      .execute();

    await ordered(db, 'events')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('end_date', 'text')
      .addColumn('place', 'text')
      .addColumn('participants', 'text', (c) => c.notNull())
      .addColumn('statements', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('sources', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('events_pk', ['scenario_id', 'id'])
      .execute();

    // The as-of queries: latest position per member and decision, ratifications by date.
    await db.schema
      .createIndex('positions_by_decision_member_date')
      .on('positions')
      .columns(['scenario_id', 'decision_id', 'member', 'date'])
      .execute();
    await db.schema
      .createIndex('ratifications_by_date')
      .on('ratifications')
      .columns(['scenario_id', 'candidate', 'date'])
      .execute();
    await db.schema
      .createIndex('events_by_start')
      .on('events')
      .columns(['scenario_id', 'start_date'])
      .execute();
    await db.schema
      .createIndex('condition_statuses_by_date')
      .on('condition_statuses')
      .columns(['scenario_id', 'condition_id', 'date'])
      .execute();
  },
  async down(db: AnyDb) {
    for (const t of [
      'condition_statuses',
      'positions',
      'ratifications',
      'candidate_stages',
      'events',
      'conditions',
      'decisions',
      'candidates',
      'groups',
      'members',
      'sources',
      'scenarios',
    ]) {
      await db.schema.dropTable(t).ifExists().execute();
    }
  },
};

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-scenarios': m0001,
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
