/**
 * 0001: scenarios and everything that hangs off them. Frozen once released: never edit it, add
 * the next migration. Only portable column types (text, integer, double precision).
 */
import type { Kysely, Migration } from 'kysely';

// Migrations must not depend on the app's current Database type, so they see an untyped schema.
export type AnyDb = Kysely<Record<string, never>>;

function ordered(db: AnyDb, table: string) {
  return db.schema
    .createTable(table)
    .addColumn('scenario_id', 'text', (c) =>
      c.notNull().references('scenarios.id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull());
}

export const m0001: Migration = {
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
      .addColumn('threshold', 'double precision')
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
