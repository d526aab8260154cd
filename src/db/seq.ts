import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Tables whose rows keep their order in the scenario (the file's order) in a `seq` column. */
type OrderedTable =
  'positions' | 'events' | 'condition_statuses' | 'roadmap_evidence' | 'roadmap_assessments';

/** The next `seq` for a row appended to a scenario's table. */
export async function nextSeq(
  db: Kysely<Database>,
  table: OrderedTable,
  scenarioId: string,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('scenario_id', '=', scenarioId)
    .executeTakeFirst();
  // max() of an empty set is null.
  return row?.m === null || row?.m === undefined ? 0 : row.m + 1;
}
