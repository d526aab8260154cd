/**
 * Single-fact writes inside a scenario: positions, condition statuses, decision outcomes,
 * events. Updates carry the version they read and change nothing when it is stale.
 */
import type { Kysely } from 'kysely';
import type { ConditionStatus, DecisionOutcome, EventFact, Position } from '../core/types.js';
import { parseJson } from './json.js';
import { nextSeq } from './seq.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

export interface Versioned<T> {
  readonly value: T;
  readonly version: number;
}

export async function getPosition(
  db: Db,
  scenarioId: string,
  id: string,
): Promise<Versioned<Position> | undefined> {
  const p = await db
    .selectFrom('positions')
    .selectAll()
    .where('scenario_id', '=', scenarioId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (p === undefined) return undefined;
  return {
    version: p.version,
    value: {
      id: p.id,
      member: p.member,
      decision: p.decision_id,
      stance: p.stance as Position['stance'], // validated on the way in
      date: p.date,
      conditions: parseJson<string[]>(p.conditions),
      reasons: parseJson<string[]>(p.reasons),
      note: p.note ?? undefined,
      basis: p.basis as Position['basis'], // validated on the way in
      sources: parseJson<Position['sources']>(p.sources),
    },
  };
}

function positionColumns(p: Position) {
  return {
    member: p.member,
    decision_id: p.decision,
    stance: p.stance,
    date: p.date,
    conditions: JSON.stringify(p.conditions),
    reasons: JSON.stringify(p.reasons),
    note: p.note ?? null,
    basis: p.basis,
    sources: JSON.stringify(p.sources),
  };
}

export async function insertPosition(db: Db, scenarioId: string, p: Position): Promise<void> {
  const seq = await nextSeq(db, 'positions', scenarioId);
  await db
    .insertInto('positions')
    .values({ scenario_id: scenarioId, seq, id: p.id, version: 1, ...positionColumns(p) })
    .execute();
}

/** Replace a position if its version is still `expectedVersion`; returns the new version or undefined. */
export async function updatePosition(
  db: Db,
  scenarioId: string,
  p: Position,
  expectedVersion: number,
): Promise<number | undefined> {
  const r = await db
    .updateTable('positions')
    .set({ ...positionColumns(p), version: expectedVersion + 1 })
    .where('scenario_id', '=', scenarioId)
    .where('id', '=', p.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1 ? expectedVersion + 1 : undefined;
}

export async function deletePosition(
  db: Db,
  scenarioId: string,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  const r = await db
    .deleteFrom('positions')
    .where('scenario_id', '=', scenarioId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function insertConditionStatus(
  db: Db,
  scenarioId: string,
  conditionId: string,
  s: ConditionStatus,
): Promise<void> {
  const seq = await nextSeq(db, 'condition_statuses', scenarioId);
  await db
    .insertInto('condition_statuses')
    .values({
      scenario_id: scenarioId,
      seq,
      condition_id: conditionId,
      date: s.date,
      met: s.met ? 1 : 0,
      note: s.note ?? null,
      basis: s.basis,
      sources: JSON.stringify(s.sources),
    })
    .execute();
}

export async function getDecisionVersion(
  db: Db,
  scenarioId: string,
  id: string,
): Promise<number | undefined> {
  const r = await db
    .selectFrom('decisions')
    .select('version')
    .where('scenario_id', '=', scenarioId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r?.version;
}

export async function updateDecisionOutcome(
  db: Db,
  scenarioId: string,
  id: string,
  outcome: DecisionOutcome | null,
  expectedVersion: number,
): Promise<number | undefined> {
  const r = await db
    .updateTable('decisions')
    .set({
      outcome: outcome === null ? null : JSON.stringify(outcome),
      version: expectedVersion + 1,
    })
    .where('scenario_id', '=', scenarioId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1 ? expectedVersion + 1 : undefined;
}

export async function insertEvent(db: Db, scenarioId: string, e: EventFact): Promise<void> {
  const seq = await nextSeq(db, 'events', scenarioId);
  await db
    .insertInto('events')
    .values({
      scenario_id: scenarioId,
      seq,
      id: e.id,
      kind: e.kind,
      title: e.title,
      start_date: e.start,
      end_date: e.end ?? null,
      place: e.place ?? null,
      participants: JSON.stringify(e.participants),
      statements: JSON.stringify(e.statements),
      note: e.note ?? null,
      basis: e.basis,
      sources: JSON.stringify(e.sources),
    })
    .execute();
}

/** Mark a scenario changed: caches keyed by its version reload. */
export async function bumpScenarioVersion(
  db: Db,
  scenarioId: string,
  now: string,
): Promise<number | undefined> {
  const r = await db
    .updateTable('scenarios')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', scenarioId)
    .returning('version')
    .executeTakeFirst();
  return r?.version;
}
