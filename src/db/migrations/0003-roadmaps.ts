/**
 * 0003: roadmaps. The plan itself (tracks, benchmarks, milestones, dependencies, gates) is one
 * JSON document per roadmap, changed as a whole with a version; evidence and assessments are
 * rows of their own, because many delegations add them independently. Frozen once released.
 */
import type { Migration } from 'kysely';
import type { AnyDb } from './0001-scenarios.js';

function child(db: AnyDb, table: string) {
  return db.schema
    .createTable(table)
    .addColumn('scenario_id', 'text', (c) =>
      c.notNull().references('scenarios.id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull());
}

export const m0003: Migration = {
  async up(db: AnyDb) {
    await child(db, 'roadmaps')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('candidate', 'text', (c) => c.notNull())
      .addColumn('approach', 'text', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addPrimaryKeyConstraint('roadmaps_pk', ['scenario_id', 'id'])
      .execute();
    await child(db, 'roadmap_evidence')
      .addColumn('roadmap_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('roadmap_evidence_pk', ['scenario_id', 'roadmap_id', 'id'])
      .execute();
    await child(db, 'roadmap_assessments')
      .addColumn('roadmap_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('benchmark', 'text', (c) => c.notNull())
      .addColumn('assessor', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('roadmap_assessments_pk', ['scenario_id', 'roadmap_id', 'id'])
      .execute();
    await db.schema
      .createIndex('roadmap_assessments_by_benchmark')
      .on('roadmap_assessments')
      .columns(['scenario_id', 'roadmap_id', 'benchmark', 'date'])
      .execute();
  },
  async down(db: AnyDb) {
    for (const t of ['roadmap_assessments', 'roadmap_evidence', 'roadmaps']) {
      await db.schema.dropTable(t).ifExists().execute();
    }
  },
};
