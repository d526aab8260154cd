/**
 * 0004: briefings and the facts proposed from them. A briefing's text is stored once per
 * scenario (unique on the SHA-256 of its content); each proposed fact keeps its span into that
 * text, its payload as JSON and its review status. Frozen once released.
 */
import type { Migration } from 'kysely';
import type { AnyDb } from './0001-scenarios.js';

export const m0004: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('briefings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scenario_id', 'text', (c) =>
        c.notNull().references('scenarios.id').onDelete('cascade'),
      )
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('content_sha256', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('published', 'text')
      .addColumn('source_name', 'text')
      .addColumn('reliability', 'text', (c) => c.notNull())
      .addColumn('ingested_by', 'text', (c) => c.notNull())
      .addColumn('ingested_at', 'text', (c) => c.notNull())
      // The scenario source the briefing became when a fact from it was first accepted.
      .addColumn('source_id', 'text')
      .addUniqueConstraint('briefings_content_unique', ['scenario_id', 'content_sha256'])
      .execute();
    await db.schema
      .createTable('briefing_facts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('briefing_id', 'text', (c) =>
        c.notNull().references('briefings.id').onDelete('cascade'),
      )
      .addColumn('scenario_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('span_start', 'integer', (c) => c.notNull())
      .addColumn('span_end', 'integer', (c) => c.notNull())
      .addColumn('quote', 'text', (c) => c.notNull())
      .addColumn('confidence', 'double precision', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('reviewer', 'text')
      .addColumn('reviewed_at', 'text')
      // JSON list of what the review produced or joined: [{"type": "position", "id": "…"}].
      .addColumn('result', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createIndex('briefing_facts_by_briefing')
      .on('briefing_facts')
      .columns(['briefing_id', 'seq'])
      .execute();
    await db.schema
      .createIndex('briefing_facts_by_status')
      .on('briefing_facts')
      .columns(['scenario_id', 'status', 'briefing_id', 'seq'])
      .execute();
  },
  async down(db: AnyDb) {
    for (const t of ['briefing_facts', 'briefings']) {
      await db.schema.dropTable(t).ifExists().execute();
    }
  },
};
