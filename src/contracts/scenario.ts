/**
 * The scenario file format (YAML or JSON), as zod schemas. These are the single source of the
 * input types; `ScenarioInput` is checked below to be assignable to the core's `Scenario`.
 *
 * Structure is checked here; cross-references (a position's member and decision, duplicate
 * ids, membership on the position's date) are checked by `validateScenario` in the core.
 */
import { z } from 'zod';
import {
  BASES,
  CONDITION_KINDS,
  DECISION_KINDS,
  DECISION_RULES,
  DEFAULT_STAGES,
  EVENT_KINDS,
  RATIFICATION_KINDS,
  RELIABILITIES,
  STANCES,
  type Scenario,
} from '../core/types.js';
import { CitationSchema, IdSchema, IsoDateSchema, Iso2Schema, Text } from './scenario-base.js';
import { RoadmapSchema } from './roadmap.js';

export { CitationSchema, IdSchema, IsoDateSchema, Iso2Schema } from './scenario-base.js';

const Sources = z.array(CitationSchema).min(1, 'every fact needs at least one source').readonly();
const Basis = z.enum(BASES, { error: `must be one of ${BASES.join(', ')}` });

export const SourceSchema = z.strictObject({
  id: IdSchema,
  title: Text,
  publisher: Text.optional(),
  url: Text.optional(),
  published: IsoDateSchema.optional(),
  reliability: z.enum(RELIABILITIES, {
    error: 'must be an Admiralty reliability from A (completely reliable) to F (cannot be judged)',
  }),
  note: Text.optional(),
});

export const AllianceSchema = z.strictObject({
  id: IdSchema,
  name: Text,
  rule: z.enum(DECISION_RULES, { error: `must be one of ${DECISION_RULES.join(', ')}` }),
  stages: z
    .array(IdSchema)
    .min(1)
    .readonly()
    .default([...DEFAULT_STAGES]),
});

export const MemberSchema = z.strictObject({
  iso2: Iso2Schema,
  name: Text,
  joined: IsoDateSchema,
  left: IsoDateSchema.optional(),
  sources: Sources,
  basis: Basis.default('documented'),
});

export const GroupSchema = z.strictObject({
  id: IdSchema,
  name: Text,
  members: z.array(Iso2Schema).min(1, 'a group needs at least one member').readonly(),
  note: Text.optional(),
  sources: Sources,
  basis: Basis.default('reported'),
});

export const StageEntrySchema = z.strictObject({
  stage: IdSchema,
  date: IsoDateSchema,
  note: Text.optional(),
  sources: Sources,
  basis: Basis,
});

export const RatificationSchema = z.strictObject({
  member: Iso2Schema,
  date: IsoDateSchema,
  kind: z.enum(RATIFICATION_KINDS).default('parliament'),
  note: Text.optional(),
  sources: Sources,
  basis: Basis.default('documented'),
});

export const CandidateSchema = z.strictObject({
  iso2: Iso2Schema,
  name: Text,
  stages: z.array(StageEntrySchema).readonly().default([]),
  protocolSigned: IsoDateSchema.optional(),
  ratifications: z.array(RatificationSchema).readonly().default([]),
  accession: IsoDateSchema.optional(),
  sources: Sources,
  basis: Basis.default('documented'),
});

export const DecisionOutcomeSchema = z.strictObject({
  result: z.enum(['adopted', 'not-adopted']),
  date: IsoDateSchema,
  note: Text.optional(),
  sources: Sources,
  basis: Basis,
});

export const DecisionSchema = z.strictObject({
  id: IdSchema,
  title: Text,
  kind: z.enum(DECISION_KINDS, { error: `must be one of ${DECISION_KINDS.join(', ')}` }),
  candidate: Iso2Schema.optional(),
  forum: Text.optional(),
  due: IsoDateSchema.optional(),
  rule: z.enum(DECISION_RULES, { error: `must be one of ${DECISION_RULES.join(', ')}` }),
  silenceDeadline: IsoDateSchema.optional(),
  threshold: z.number().gt(0).lte(1).optional(),
  description: Text.optional(),
  outcome: DecisionOutcomeSchema.optional(),
  sources: Sources,
});

export const ConditionStatusSchema = z.strictObject({
  date: IsoDateSchema,
  met: z.boolean({ error: 'must be true or false' }),
  note: Text.optional(),
  sources: Sources,
  basis: Basis,
});

export const ConditionSchema = z.strictObject({
  id: IdSchema,
  title: Text,
  kind: z.enum(CONDITION_KINDS, { error: `must be one of ${CONDITION_KINDS.join(', ')}` }),
  holder: Iso2Schema.optional(),
  description: Text.optional(),
  statuses: z.array(ConditionStatusSchema).readonly().default([]),
  sources: Sources,
});

export const PositionSchema = z.strictObject({
  id: IdSchema,
  member: Iso2Schema,
  decision: IdSchema,
  stance: z.enum(STANCES, { error: `must be one of ${STANCES.join(', ')}` }),
  date: IsoDateSchema,
  conditions: z.array(IdSchema).readonly().default([]),
  reasons: z.array(Text).readonly().default([]),
  note: Text.optional(),
  sources: Sources,
  basis: Basis,
});

export const ParticipantSchema = z.strictObject({
  name: Text,
  iso2: Iso2Schema.optional(),
  role: Text.optional(),
});

export const CommitmentSchema = z.strictObject({
  by: z.array(Iso2Schema).min(1).readonly(),
  to: z.array(Iso2Schema).readonly().optional(),
  text: Text,
  due: IsoDateSchema.optional(),
});

export const StatementSchema = z.strictObject({
  title: Text,
  parties: z.array(Iso2Schema).min(1).readonly(),
  summary: Text.optional(),
  commitments: z.array(CommitmentSchema).readonly().default([]),
});

export const EventSchema = z.strictObject({
  id: IdSchema,
  kind: z.enum(EVENT_KINDS, { error: `must be one of ${EVENT_KINDS.join(', ')}` }),
  title: Text,
  start: IsoDateSchema,
  end: IsoDateSchema.optional(),
  place: Text.optional(),
  participants: z.array(ParticipantSchema).readonly().default([]),
  statements: z.array(StatementSchema).readonly().default([]),
  note: Text.optional(),
  sources: Sources,
  basis: Basis,
});

export const KeyDateSchema = z.strictObject({ date: IsoDateSchema, label: Text });

export const ScenarioSchema = z.strictObject({
  id: IdSchema,
  title: Text,
  description: Text.optional(),
  alliance: AllianceSchema,
  keyDates: z.array(KeyDateSchema).readonly().default([]),
  sources: z.array(SourceSchema).min(1, 'a scenario needs at least one source').readonly(),
  members: z.array(MemberSchema).min(1, 'an alliance needs at least one member').readonly(),
  groups: z.array(GroupSchema).readonly().default([]),
  candidates: z.array(CandidateSchema).readonly().default([]),
  decisions: z.array(DecisionSchema).readonly().default([]),
  conditions: z.array(ConditionSchema).readonly().default([]),
  positions: z.array(PositionSchema).readonly().default([]),
  events: z.array(EventSchema).readonly().default([]),
  roadmaps: z.array(RoadmapSchema).readonly().default([]),
});

export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type ScenarioData = z.output<typeof ScenarioSchema>;

/** Compile-time proof that what the schema produces is a core Scenario. */
export function asScenario(s: ScenarioData): Scenario {
  return s;
}
