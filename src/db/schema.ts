/**
 * The Database interface Kysely types its queries with. Column types are the portable subset:
 * text, integer, real. JSON is stored as text and booleans as 0/1 on every engine, and
 * timestamps as ISO text written by the application clock, so SQLite and PostgreSQL return the
 * same values (see docs/adr/0001-sqlite-default-postgres-for-scale.md).
 */
import type { Generated, Selectable } from 'kysely';

export interface ScenarioTable {
  id: string;
  title: string;
  description: string | null;
  alliance_id: string;
  alliance_name: string;
  alliance_rule: string;
  stages: string;
  key_dates: string;
  version: number;
  created_at: string;
  updated_at: string;
}

interface Ordered {
  scenario_id: string;
  /** The position in the scenario file, so export gives the order back. */
  seq: number;
}

interface SourcedColumns {
  basis: string;
  sources: string;
}

export interface SourceTable extends Ordered {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  published: string | null;
  reliability: string;
  note: string | null;
}

export interface MemberTable extends Ordered, SourcedColumns {
  iso2: string;
  name: string;
  joined: string;
  left_on: string | null;
}

export interface GroupTable extends Ordered, SourcedColumns {
  id: string;
  name: string;
  members: string;
  note: string | null;
}

export interface CandidateTable extends Ordered, SourcedColumns {
  iso2: string;
  name: string;
  protocol_signed: string | null;
  accession: string | null;
}

export interface CandidateStageTable extends Ordered, SourcedColumns {
  candidate: string;
  stage: string;
  date: string;
  note: string | null;
}

export interface RatificationTable extends Ordered, SourcedColumns {
  candidate: string;
  member: string;
  date: string;
  kind: string;
  note: string | null;
}

export interface DecisionTable extends Ordered {
  id: string;
  version: Generated<number>;
  title: string;
  kind: string;
  candidate: string | null;
  forum: string | null;
  due: string | null;
  rule: string;
  silence_deadline: string | null;
  threshold: number | null;
  description: string | null;
  outcome: string | null;
  sources: string;
}

export interface ConditionTable extends Ordered {
  id: string;
  title: string;
  kind: string;
  holder: string | null;
  description: string | null;
  sources: string;
}

export interface ConditionStatusTable extends Ordered, SourcedColumns {
  condition_id: string;
  date: string;
  met: number;
  note: string | null;
}

export interface PositionTable extends Ordered, SourcedColumns {
  id: string;
  version: Generated<number>;
  member: string;
  decision_id: string;
  stance: string;
  date: string;
  conditions: string;
  reasons: string;
  note: string | null;
}

export interface EventTable extends Ordered, SourcedColumns {
  id: string;
  kind: string;
  title: string;
  start_date: string;
  end_date: string | null;
  place: string | null;
  participants: string;
  statements: string;
  note: string | null;
}

export interface UserTable {
  id: string;
  name: string;
  role: string;
  member: string | null;
  candidate: string | null;
  password_hash: string | null;
  disabled: number;
  created_at: string;
  version: Generated<number>;
}

export interface TokenTable {
  id: string;
  user_id: string;
  token_hash: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  /** JSON of the AuditActor; actor_name is repeated as a column to filter on. */
  actor: string;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string;
  scenario_id: string | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

export interface RoadmapTable extends Ordered {
  id: string;
  candidate: string;
  approach: string;
  /** The RoadmapVariant without its evidence and assessments, as JSON. */
  doc: string;
  version: Generated<number>;
}

export interface RoadmapEvidenceTable extends Ordered {
  roadmap_id: string;
  id: string;
  doc: string;
}

export interface RoadmapAssessmentTable extends Ordered {
  roadmap_id: string;
  id: string;
  benchmark: string;
  /** `member:PL` or `secretariat`. */
  assessor: string;
  date: string;
  doc: string;
}

export interface BriefingTable {
  id: string;
  scenario_id: string;
  seq: number;
  content_sha256: string;
  title: string;
  text: string;
  published: string | null;
  source_name: string | null;
  reliability: string;
  ingested_by: string;
  ingested_at: string;
  source_id: string | null;
}

export interface BriefingFactTable {
  id: string;
  briefing_id: string;
  scenario_id: string;
  seq: number;
  kind: string;
  span_start: number;
  span_end: number;
  quote: string;
  confidence: number;
  /** The proposal's own fields (what, start, stance, actor …) as JSON. */
  payload: string;
  status: string;
  reason: string | null;
  reviewer: string | null;
  reviewed_at: string | null;
  /** JSON list of the facts the review produced or joined ([{type, id}]), or null. */
  result: string | null;
  version: Generated<number>;
}

export interface Database {
  scenarios: ScenarioTable;
  sources: SourceTable;
  members: MemberTable;
  groups: GroupTable;
  candidates: CandidateTable;
  candidate_stages: CandidateStageTable;
  ratifications: RatificationTable;
  decisions: DecisionTable;
  conditions: ConditionTable;
  condition_statuses: ConditionStatusTable;
  positions: PositionTable;
  events: EventTable;
  users: UserTable;
  tokens: TokenTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  roadmaps: RoadmapTable;
  roadmap_evidence: RoadmapEvidenceTable;
  roadmap_assessments: RoadmapAssessmentTable;
  briefings: BriefingTable;
  briefing_facts: BriefingFactTable;
}

export type UserRow = Selectable<UserTable>;
export type AuditRow = Selectable<AuditLogTable>;

export type ScenarioRow = Selectable<ScenarioTable>;

/** The tables that hang off a scenario, in the order they are deleted (children first). */
export const SCENARIO_CHILD_TABLES = [
  'briefing_facts',
  'briefings',
  'roadmap_assessments',
  'roadmap_evidence',
  'roadmaps',
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
] as const satisfies readonly (keyof Database)[];
