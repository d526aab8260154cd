/**
 * Briefings and their proposed facts in and out of tables. A briefing row holds the text once
 * per scenario (unique on its SHA-256); proposed facts hold their span, payload and review.
 */
import type { Kysely, Selectable } from 'kysely';
import type { FactKind } from '../core/extract/types.js';
import type { Citation, Participant, Reliability, Source } from '../core/types.js';
import { parseJson } from './json.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

export interface ResultRef {
  readonly type: 'position' | 'event';
  readonly id: string;
}

export interface BriefingRecord {
  readonly id: string;
  readonly scenario: string;
  readonly sha256: string;
  readonly title: string;
  readonly published?: string | undefined;
  readonly source?: string | undefined;
  readonly reliability: Reliability;
  readonly ingestedBy: string;
  readonly ingestedAt: string;
  /** The scenario source this briefing is cited as, once a fact from it was accepted. */
  readonly sourceId?: string | undefined;
}

export interface ProposalRecord {
  readonly id: string;
  readonly briefing: string;
  readonly scenario: string;
  readonly seq: number;
  readonly kind: FactKind;
  readonly span: readonly [number, number];
  readonly text: string;
  readonly confidence: number;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly status: string;
  readonly reason?: string | undefined;
  readonly reviewer?: string | undefined;
  readonly reviewedAt?: string | undefined;
  readonly result: readonly ResultRef[];
  readonly version: number;
}

export interface NewProposal {
  readonly kind: FactKind;
  readonly span: readonly [number, number];
  readonly text: string;
  readonly confidence: number;
  readonly payload: Readonly<Record<string, unknown>>;
}

type BriefingRow = Selectable<Database['briefings']>;
type FactRow = Selectable<Database['briefing_facts']>;

const BRIEFING_COLUMNS = [
  'id',
  'scenario_id',
  'content_sha256',
  'title',
  'published',
  'source_name',
  'reliability',
  'ingested_by',
  'ingested_at',
  'source_id',
] as const;

function briefingFromRow(r: Omit<BriefingRow, 'text' | 'seq'>): BriefingRecord {
  return {
    id: r.id,
    scenario: r.scenario_id,
    sha256: r.content_sha256,
    title: r.title,
    published: r.published ?? undefined,
    source: r.source_name ?? undefined,
    reliability: r.reliability as Reliability, // validated on the way in
    ingestedBy: r.ingested_by,
    ingestedAt: r.ingested_at,
    sourceId: r.source_id ?? undefined,
  };
}

function factFromRow(r: FactRow): ProposalRecord {
  return {
    id: r.id,
    briefing: r.briefing_id,
    scenario: r.scenario_id,
    seq: r.seq,
    kind: r.kind as FactKind, // written from the extractor's own kinds
    span: [r.span_start, r.span_end],
    text: r.quote,
    confidence: r.confidence,
    payload: parseJson<Record<string, unknown>>(r.payload),
    status: r.status,
    reason: r.reason ?? undefined,
    reviewer: r.reviewer ?? undefined,
    reviewedAt: r.reviewed_at ?? undefined,
    result: r.result === null ? [] : parseJson<ResultRef[]>(r.result),
    version: r.version,
  };
}

export async function findBriefingByHash(
  db: Db,
  scenarioId: string,
  sha256: string,
): Promise<BriefingRecord | undefined> {
  const r = await db
    .selectFrom('briefings')
    .select(BRIEFING_COLUMNS)
    .where('scenario_id', '=', scenarioId)
    .where('content_sha256', '=', sha256)
    .executeTakeFirst();
  return r === undefined ? undefined : briefingFromRow(r);
}

export async function getBriefing(
  db: Db,
  id: string,
): Promise<{ briefing: BriefingRecord; text: string } | undefined> {
  const r = await db.selectFrom('briefings').selectAll().where('id', '=', id).executeTakeFirst();
  return r === undefined ? undefined : { briefing: briefingFromRow(r), text: r.text };
}

export async function insertBriefing(
  db: Db,
  b: BriefingRecord,
  text: string,
  proposals: readonly NewProposal[],
): Promise<void> {
  const last = await db
    .selectFrom('briefings')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('scenario_id', '=', b.scenario)
    .executeTakeFirst();
  const seq = last?.m === null || last?.m === undefined ? 0 : last.m + 1;
  await db
    .insertInto('briefings')
    .values({
      id: b.id,
      scenario_id: b.scenario,
      seq,
      content_sha256: b.sha256,
      title: b.title,
      text,
      published: b.published ?? null,
      source_name: b.source ?? null,
      reliability: b.reliability,
      ingested_by: b.ingestedBy,
      ingested_at: b.ingestedAt,
      source_id: null,
    })
    .execute();
  // Chunks keep each INSERT well under the engines' bound-parameter limits.
  const rows = proposals.map((p, i) => ({
    id: `${b.id}-${i + 1}`,
    briefing_id: b.id,
    scenario_id: b.scenario,
    seq: i + 1,
    kind: p.kind,
    span_start: p.span[0],
    span_end: p.span[1],
    quote: p.text,
    confidence: p.confidence,
    payload: JSON.stringify(p.payload),
    status: 'proposed',
    reason: null,
    reviewer: null,
    reviewed_at: null,
    result: null,
    version: 1,
  }));
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('briefing_facts')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export interface StatusCounts {
  readonly proposed: number;
  readonly accepted: number;
  readonly merged: number;
  readonly rejected: number;
}

export async function listBriefings(
  db: Db,
  scenarioId: string | undefined,
): Promise<(BriefingRecord & { facts: StatusCounts })[]> {
  let q = db.selectFrom('briefings').select(BRIEFING_COLUMNS);
  if (scenarioId !== undefined) q = q.where('scenario_id', '=', scenarioId);
  const rows = await q.orderBy('scenario_id').orderBy('seq').execute();
  let c = db
    .selectFrom('briefing_facts')
    .select((eb) => ['briefing_id', 'status', eb.fn.countAll().as('n')])
    .groupBy(['briefing_id', 'status']);
  if (scenarioId !== undefined) c = c.where('scenario_id', '=', scenarioId);
  const counts = await c.execute();
  return rows.map((r) => {
    const mine = counts.filter((x) => x.briefing_id === r.id);
    const n = (status: string): number => Number(mine.find((x) => x.status === status)?.n ?? 0);
    return {
      ...briefingFromRow(r),
      facts: {
        proposed: n('proposed'),
        accepted: n('accepted'),
        merged: n('merged'),
        rejected: n('rejected'),
      },
    };
  });
}

export interface ProposalFilter {
  readonly scenario?: string | undefined;
  readonly briefing?: string | undefined;
  readonly status?: string | undefined;
  readonly kind?: string | undefined;
  readonly limit?: number | undefined;
}

export async function listProposals(db: Db, f: ProposalFilter): Promise<ProposalRecord[]> {
  let q = db.selectFrom('briefing_facts').selectAll();
  if (f.scenario !== undefined) q = q.where('scenario_id', '=', f.scenario);
  if (f.briefing !== undefined) q = q.where('briefing_id', '=', f.briefing);
  if (f.status !== undefined) q = q.where('status', '=', f.status);
  if (f.kind !== undefined) q = q.where('kind', '=', f.kind);
  q = q.orderBy('scenario_id').orderBy('briefing_id').orderBy('seq');
  if (f.limit !== undefined) q = q.limit(f.limit);
  return (await q.execute()).map(factFromRow);
}

export async function getProposal(db: Db, id: string): Promise<ProposalRecord | undefined> {
  const r = await db
    .selectFrom('briefing_facts')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return r === undefined ? undefined : factFromRow(r);
}

/** Record a review if the fact is still at `expectedVersion`; returns the new version. */
export async function reviewProposal(
  db: Db,
  id: string,
  expectedVersion: number,
  review: {
    readonly status: string;
    readonly reason?: string | undefined;
    readonly reviewer: string;
    readonly at: string;
    readonly result: readonly ResultRef[];
    readonly payload: Readonly<Record<string, unknown>>;
  },
): Promise<number | undefined> {
  const r = await db
    .updateTable('briefing_facts')
    .set({
      status: review.status,
      reason: review.reason ?? null,
      reviewer: review.reviewer,
      reviewed_at: review.at,
      result: review.result.length === 0 ? null : JSON.stringify(review.result),
      payload: JSON.stringify(review.payload),
      version: expectedVersion + 1,
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1 ? expectedVersion + 1 : undefined;
}

export async function setBriefingSource(db: Db, id: string, sourceId: string): Promise<void> {
  await db.updateTable('briefings').set({ source_id: sourceId }).where('id', '=', id).execute();
}

/** Register a source in a scenario (appended after its other sources). */
export async function insertSource(db: Db, scenarioId: string, s: Source): Promise<void> {
  const last = await db
    .selectFrom('sources')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('scenario_id', '=', scenarioId)
    .executeTakeFirst();
  const seq = last?.m === null || last?.m === undefined ? 0 : last.m + 1;
  await db
    .insertInto('sources')
    .values({
      scenario_id: scenarioId,
      seq,
      id: s.id,
      title: s.title,
      publisher: s.publisher ?? null,
      url: s.url ?? null,
      published: s.published ?? null,
      reliability: s.reliability,
      note: s.note ?? null,
    })
    .execute();
}

/** Replace an event's sources and participants (a merge adds a citation and who took part). */
export async function updateEventSources(
  db: Db,
  scenarioId: string,
  id: string,
  sources: readonly Citation[],
  participants: readonly Participant[],
): Promise<void> {
  await db
    .updateTable('events')
    .set({ sources: JSON.stringify(sources), participants: JSON.stringify(participants) })
    .where('scenario_id', '=', scenarioId)
    .where('id', '=', id)
    .execute();
}
