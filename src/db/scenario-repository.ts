/**
 * Scenarios in the database: the only module that builds SQL for them. Rows become core values
 * here, so services never see column names.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type {
  Basis,
  Candidate,
  Citation,
  Condition,
  Decision,
  DecisionOutcome,
  EventFact,
  Iso2,
  Position,
  Scenario,
} from '../core/types.js';
import { parseJson } from './json.js';
import { insertRoadmaps, loadRoadmaps } from './roadmap-repository.js';
import { SCENARIO_CHILD_TABLES, type Database, type ScenarioRow } from './schema.js';

type Db = Kysely<Database>;

export interface ScenarioSummary {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly allianceId: string;
  readonly allianceName: string;
  readonly version: number;
  readonly updatedAt: string;
  readonly members: number;
  readonly decisions: number;
  readonly positions: number;
}

/** Rows per INSERT statement: well under SQLite's 32,766 bound parameters. */
const CHUNK = 400;

function opt<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

export async function listScenarios(db: Db): Promise<ScenarioSummary[]> {
  const rows = await db
    .selectFrom('scenarios as s')
    .select((eb) => [
      's.id',
      's.title',
      's.description',
      's.alliance_id',
      's.alliance_name',
      's.version',
      's.updated_at',
      eb
        .selectFrom('members as m')
        .whereRef('m.scenario_id', '=', 's.id')
        .select(eb.fn.countAll().as('n'))
        .as('members'),
      eb
        .selectFrom('decisions as d')
        .whereRef('d.scenario_id', '=', 's.id')
        .select(eb.fn.countAll().as('n'))
        .as('decisions'),
      eb
        .selectFrom('positions as p')
        .whereRef('p.scenario_id', '=', 's.id')
        .select(eb.fn.countAll().as('n'))
        .as('positions'),
    ])
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    allianceId: r.alliance_id,
    allianceName: r.alliance_name,
    version: r.version,
    updatedAt: r.updated_at,
    // PostgreSQL returns count(*) as a string (int8); Number() makes both engines agree.
    members: Number(r.members ?? 0),
    decisions: Number(r.decisions ?? 0),
    positions: Number(r.positions ?? 0),
  }));
}

export async function getScenarioRow(db: Db, id: string): Promise<ScenarioRow | undefined> {
  return db.selectFrom('scenarios').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The current version of a scenario, or undefined when there is none. */
export async function getScenarioVersion(db: Db, id: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('scenarios')
    .select('version')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.version;
}

export interface LoadParts {
  /** Load every position (default true). Status and roadmap reads skip them: see latestPositions. */
  readonly positions?: boolean;
  readonly events?: boolean;
}

export async function loadScenario(
  db: Db,
  id: string,
  parts: LoadParts = {},
): Promise<Scenario | undefined> {
  const s = await getScenarioRow(db, id);
  if (s === undefined) return undefined;
  const [
    sources,
    members,
    groups,
    candidates,
    stages,
    ratifications,
    decisions,
    conditions,
    statuses,
    positions,
    events,
  ] = await Promise.all([
    db.selectFrom('sources').selectAll().where('scenario_id', '=', id).orderBy('seq').execute(),
    db.selectFrom('members').selectAll().where('scenario_id', '=', id).orderBy('seq').execute(),
    db.selectFrom('groups').selectAll().where('scenario_id', '=', id).orderBy('seq').execute(),
    db.selectFrom('candidates').selectAll().where('scenario_id', '=', id).orderBy('seq').execute(),
    db
      .selectFrom('candidate_stages')
      .selectAll()
      .where('scenario_id', '=', id)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('ratifications')
      .selectAll()
      .where('scenario_id', '=', id)
      .orderBy('seq')
      .execute(),
    db.selectFrom('decisions').selectAll().where('scenario_id', '=', id).orderBy('seq').execute(),
    db.selectFrom('conditions').selectAll().where('scenario_id', '=', id).orderBy('seq').execute(),
    db
      .selectFrom('condition_statuses')
      .selectAll()
      .where('scenario_id', '=', id)
      .orderBy('seq')
      .execute(),
    parts.positions === false
      ? Promise.resolve([])
      : db
          .selectFrom('positions')
          .selectAll()
          .where('scenario_id', '=', id)
          .orderBy('seq')
          .execute(),
    parts.events === false
      ? Promise.resolve([])
      : db.selectFrom('events').selectAll().where('scenario_id', '=', id).orderBy('seq').execute(),
  ]);

  const sourced = (r: { basis: string; sources: string }) => ({
    basis: r.basis as Basis,
    // Stored from validated input; the enum was checked on the way in.
    sources: parseJson<Citation[]>(r.sources),
  });

  const candidateList: Candidate[] = candidates.map((c) => ({
    iso2: c.iso2,
    name: c.name,
    protocolSigned: opt(c.protocol_signed),
    accession: opt(c.accession),
    ...sourced(c),
    stages: stages
      .filter((st) => st.candidate === c.iso2)
      .map((st) => ({ stage: st.stage, date: st.date, note: opt(st.note), ...sourced(st) })),
    ratifications: ratifications
      .filter((r) => r.candidate === c.iso2)
      .map((r) => ({
        member: r.member,
        date: r.date,
        kind: r.kind as Candidate['ratifications'][number]['kind'],
        // Checked against RATIFICATION_KINDS when the scenario was imported.
        note: opt(r.note),
        ...sourced(r),
      })),
  }));

  const decisionList: Decision[] = decisions.map((d) => ({
    id: d.id,
    title: d.title,
    kind: d.kind as Decision['kind'],
    // Enumerated values were validated on import.
    candidate: opt(d.candidate),
    forum: opt(d.forum),
    due: opt(d.due),
    rule: d.rule as Decision['rule'],
    silenceDeadline: opt(d.silence_deadline),
    threshold: opt(d.threshold),
    description: opt(d.description),
    outcome: d.outcome === null ? undefined : parseJson<DecisionOutcome>(d.outcome),
    sources: parseJson<Citation[]>(d.sources),
  }));

  const conditionList: Condition[] = conditions.map((c) => ({
    id: c.id,
    title: c.title,
    kind: c.kind as Condition['kind'],
    // Validated on import.
    holder: opt(c.holder),
    description: opt(c.description),
    sources: parseJson<Citation[]>(c.sources),
    statuses: statuses
      .filter((st) => st.condition_id === c.id)
      .map((st) => ({ date: st.date, met: st.met === 1, note: opt(st.note), ...sourced(st) })),
  }));

  const positionList: Position[] = positions.map(positionFromRow);

  const eventList: EventFact[] = events.map((e) => ({
    id: e.id,
    kind: e.kind as EventFact['kind'],
    // Validated on import.
    title: e.title,
    start: e.start_date,
    end: opt(e.end_date),
    place: opt(e.place),
    participants: parseJson<EventFact['participants']>(e.participants),
    statements: parseJson<EventFact['statements']>(e.statements),
    note: opt(e.note),
    ...sourced(e),
  }));

  return {
    id: s.id,
    title: s.title,
    description: opt(s.description),
    alliance: {
      id: s.alliance_id,
      name: s.alliance_name,
      rule: s.alliance_rule as Scenario['alliance']['rule'],
      // Validated on import.
      stages: parseJson<string[]>(s.stages),
    },
    keyDates: parseJson<Scenario['keyDates']>(s.key_dates),
    sources: sources.map((x) => ({
      id: x.id,
      title: x.title,
      publisher: opt(x.publisher),
      url: opt(x.url),
      published: opt(x.published),
      reliability: x.reliability as Scenario['sources'][number]['reliability'],
      // Validated on import.
      note: opt(x.note),
    })),
    members: members.map((m) => ({
      iso2: m.iso2,
      name: m.name,
      joined: m.joined,
      left: opt(m.left_on),
      ...sourced(m),
    })),
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      members: parseJson<Iso2[]>(g.members),
      note: opt(g.note),
      ...sourced(g),
    })),
    candidates: candidateList,
    decisions: decisionList,
    conditions: conditionList,
    positions: positionList,
    events: eventList,
    roadmaps: await loadRoadmaps(db, id),
  };
}

async function insertChunked<T extends keyof Database>(
  db: Db,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}

const str = (value: unknown): string => JSON.stringify(value);
const nul = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/** Write a whole scenario. Call inside a transaction; the scenario must not exist yet. */
export async function insertScenario(db: Db, s: Scenario, now: string, version = 1): Promise<void> {
  const scenario_id = s.id;
  await db
    .insertInto('scenarios')
    .values({
      id: s.id,
      title: s.title,
      description: nul(s.description),
      alliance_id: s.alliance.id,
      alliance_name: s.alliance.name,
      alliance_rule: s.alliance.rule,
      stages: str(s.alliance.stages),
      key_dates: str(s.keyDates),
      version,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const src = (x: { basis: Basis; sources: readonly Citation[] }) => ({
    basis: x.basis,
    sources: str(x.sources),
  });

  await insertChunked(
    db,
    'sources',
    s.sources.map((x, seq) => ({
      scenario_id,
      seq,
      id: x.id,
      title: x.title,
      publisher: nul(x.publisher),
      url: nul(x.url),
      published: nul(x.published),
      reliability: x.reliability,
      note: nul(x.note),
    })),
  );
  await insertChunked(
    db,
    'members',
    s.members.map((m, seq) => ({
      scenario_id,
      seq,
      iso2: m.iso2,
      name: m.name,
      joined: m.joined,
      left_on: nul(m.left),
      ...src(m),
    })),
  );
  await insertChunked(
    db,
    'groups',
    s.groups.map((g, seq) => ({
      scenario_id,
      seq,
      id: g.id,
      name: g.name,
      members: str(g.members),
      note: nul(g.note),
      ...src(g),
    })),
  );
  await insertChunked(
    db,
    'candidates',
    s.candidates.map((c, seq) => ({
      scenario_id,
      seq,
      iso2: c.iso2,
      name: c.name,
      protocol_signed: nul(c.protocolSigned),
      accession: nul(c.accession),
      ...src(c),
    })),
  );
  await insertChunked(
    db,
    'candidate_stages',
    s.candidates
      .flatMap((c) => c.stages.map((st) => ({ c, st })))
      .map(({ c, st }, seq) => ({
        scenario_id,
        seq,
        candidate: c.iso2,
        stage: st.stage,
        date: st.date,
        note: nul(st.note),
        ...src(st),
      })),
  );
  await insertChunked(
    db,
    'ratifications',
    s.candidates
      .flatMap((c) => c.ratifications.map((r) => ({ c, r })))
      .map(({ c, r }, seq) => ({
        scenario_id,
        seq,
        candidate: c.iso2,
        member: r.member,
        date: r.date,
        kind: r.kind,
        note: nul(r.note),
        ...src(r),
      })),
  );
  await insertChunked(
    db,
    'decisions',
    s.decisions.map((d, seq) => ({
      scenario_id,
      seq,
      id: d.id,
      title: d.title,
      kind: d.kind,
      candidate: nul(d.candidate),
      forum: nul(d.forum),
      due: nul(d.due),
      rule: d.rule,
      silence_deadline: nul(d.silenceDeadline),
      threshold: nul(d.threshold),
      description: nul(d.description),
      outcome: d.outcome === undefined ? null : str(d.outcome),
      sources: str(d.sources),
    })),
  );
  await insertChunked(
    db,
    'conditions',
    s.conditions.map((c, seq) => ({
      scenario_id,
      seq,
      id: c.id,
      title: c.title,
      kind: c.kind,
      holder: nul(c.holder),
      description: nul(c.description),
      sources: str(c.sources),
    })),
  );
  await insertChunked(
    db,
    'condition_statuses',
    s.conditions
      .flatMap((c) => c.statuses.map((st) => ({ c, st })))
      .map(({ c, st }, seq) => ({
        scenario_id,
        seq,
        condition_id: c.id,
        date: st.date,
        met: st.met ? 1 : 0,
        note: nul(st.note),
        ...src(st),
      })),
  );
  await insertChunked(
    db,
    'positions',
    s.positions.map((p, seq) => ({
      scenario_id,
      seq,
      id: p.id,
      member: p.member,
      decision_id: p.decision,
      stance: p.stance,
      date: p.date,
      conditions: str(p.conditions),
      reasons: str(p.reasons),
      note: nul(p.note),
      ...src(p),
    })),
  );
  await insertChunked(
    db,
    'events',
    s.events.map((e, seq) => ({
      scenario_id,
      seq,
      id: e.id,
      kind: e.kind,
      title: e.title,
      start_date: e.start,
      end_date: nul(e.end),
      place: nul(e.place),
      participants: str(e.participants),
      statements: str(e.statements),
      note: nul(e.note),
      ...src(e),
    })),
  );
  await insertRoadmaps(db, scenario_id, s.roadmaps);
}

/** Delete a scenario and everything that hangs off it. Returns false when there was none. */
export async function deleteScenario(db: Db, id: string): Promise<boolean> {
  for (const table of SCENARIO_CHILD_TABLES) {
    await db.deleteFrom(table).where('scenario_id', '=', id).execute();
  }
  const result = await db.deleteFrom('scenarios').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

type PositionRow = Selectable<Database['positions']>;

export function positionFromRow(p: PositionRow): Position {
  return {
    id: p.id,
    member: p.member,
    decision: p.decision_id,
    stance: p.stance as Position['stance'],
    // Validated on import.
    date: p.date,
    conditions: parseJson<string[]>(p.conditions),
    reasons: parseJson<string[]>(p.reasons),
    note: opt(p.note),
    basis: p.basis as Basis,
    // Validated on import.
    sources: parseJson<Citation[]>(p.sources),
  };
}

/**
 * The positions that can be effective on `asOf` for these decisions: for each member and
 * decision, every position on the latest date on or before `asOf` (same-day rivals included, so
 * the core can resolve and flag them). One indexed query, whatever the scenario's size.
 */
export async function latestPositions(
  db: Db,
  scenarioId: string,
  decisionIds: readonly string[],
  asOf: string,
): Promise<Position[]> {
  if (decisionIds.length === 0) return [];
  const rows = await db
    .selectFrom('positions as p')
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('positions')
          .select(['decision_id', 'member', (e) => e.fn.max('date').as('latest')])
          .where('scenario_id', '=', scenarioId)
          .where('decision_id', 'in', decisionIds)
          .where('date', '<=', asOf)
          .groupBy(['decision_id', 'member'])
          .as('m'),
      (join) =>
        join
          .onRef('m.decision_id', '=', 'p.decision_id')
          .onRef('m.member', '=', 'p.member')
          .onRef('m.latest', '=', 'p.date'),
    )
    .selectAll('p')
    .where('p.scenario_id', '=', scenarioId)
    .orderBy('p.seq')
    .execute();
  return rows.map(positionFromRow);
}

/** One member's positions on one decision, oldest first. */
export async function positionsOf(
  db: Db,
  scenarioId: string,
  decisionId: string,
  member: string,
): Promise<Position[]> {
  const rows = await db
    .selectFrom('positions')
    .selectAll()
    .where('scenario_id', '=', scenarioId)
    .where('decision_id', '=', decisionId)
    .where('member', '=', member)
    .orderBy('date')
    .orderBy('id')
    .execute();
  return rows.map(positionFromRow);
}

/** Whether a position id is taken in a scenario. */
export async function positionExists(db: Db, scenarioId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('positions')
    .select('id')
    .where('scenario_id', '=', scenarioId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}
