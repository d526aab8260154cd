/**
 * Roadmaps in scenario files: a candidate's tracks, benchmarks, milestones, dependencies, gates,
 * evidence and assessments, as one approach (variant) to its accession. Cross-references (ids,
 * cycles, assessments of unknown benchmarks) are checked by validateRoadmap in the core.
 */
import { z } from 'zod';
import {
  APPROACHES,
  BENCHMARK_STATUSES,
  EVIDENCE_KINDS,
  PREPARATION_LEVELS,
  PROGRESS_LEVELS,
} from '../core/roadmap/types.js';
import { BASES } from '../core/types.js';
import { CitationSchema, IdSchema, IsoDateSchema, Iso2Schema } from './scenario-base.js';

const Text = z.string().trim().min(1, 'must not be empty');
const Sources = z.array(CitationSchema).min(1, 'every fact needs at least one source').readonly();
const OptionalSources = z.array(CitationSchema).readonly().optional();
const Basis = z.enum(BASES, { error: `must be one of ${BASES.join(', ')}` });
const Days = z
  .number({ error: 'must be a whole number of days' })
  .int('must be a whole number of days')
  .min(0, 'must not be negative');

export const TargetEntrySchema = z.strictObject({
  date: IsoDateSchema,
  target: IsoDateSchema,
  note: Text.optional(),
  sources: OptionalSources,
});

export const StatusEntrySchema = z.strictObject({
  date: IsoDateSchema,
  status: z.enum(BENCHMARK_STATUSES, { error: `must be one of ${BENCHMARK_STATUSES.join(', ')}` }),
  progress: z.number().min(0).max(1).optional(),
  note: Text.optional(),
  sources: OptionalSources,
});

export const TrackSchema = z.strictObject({
  id: IdSchema,
  title: Text,
  description: Text.optional(),
});

export const BenchmarkSchema = z.strictObject({
  id: IdSchema,
  track: IdSchema,
  title: Text,
  description: Text.optional(),
  owner: Text,
  weight: z.number().min(0, 'must not be negative').default(1),
  durationDays: Days,
  targets: z.array(TargetEntrySchema).readonly().default([]),
  statuses: z.array(StatusEntrySchema).readonly().default([]),
  sources: Sources,
  basis: Basis,
});

export const MilestoneSchema = z.strictObject({
  id: IdSchema,
  title: Text,
  track: IdSchema.optional(),
  description: Text.optional(),
  targets: z.array(TargetEntrySchema).readonly().default([]),
  sources: Sources,
  basis: Basis,
});

export const DependencySchema = z.strictObject({
  from: IdSchema,
  to: IdSchema,
  lagDays: Days.default(0),
  note: Text.optional(),
});

export const GateSchema = z.strictObject({
  id: IdSchema,
  title: Text,
  decision: IdSchema.optional(),
  requires: z.array(IdSchema).readonly(),
  targets: z.array(TargetEntrySchema).readonly().default([]),
  sources: Sources,
  basis: Basis,
});

export const EvidenceSchema = z.strictObject({
  id: IdSchema,
  kind: z.enum(EVIDENCE_KINDS, { error: `must be one of ${EVIDENCE_KINDS.join(', ')}` }),
  title: Text,
  url: Text.optional(),
  text: Text.optional(),
  speaksFor: IsoDateSchema,
  submittedBy: Text,
  submitted: IsoDateSchema.optional(),
  expires: IsoDateSchema.optional(),
  benchmarks: z.array(IdSchema).readonly().optional(),
});

export const AssessorSchema = z.union(
  [
    z.strictObject({ kind: z.literal('member'), iso2: Iso2Schema }),
    z.strictObject({ kind: z.literal('secretariat') }),
  ],
  { error: 'must be {kind: member, iso2: XX} or {kind: secretariat}' },
);

export const AssessmentSchema = z.strictObject({
  id: IdSchema,
  benchmark: IdSchema,
  assessor: AssessorSchema,
  date: IsoDateSchema,
  preparation: z
    .enum(PREPARATION_LEVELS, { error: `must be one of ${PREPARATION_LEVELS.join(', ')}` })
    .optional(),
  progress: z
    .enum(PROGRESS_LEVELS, { error: `must be one of ${PROGRESS_LEVELS.join(', ')}` })
    .optional(),
  met: z.boolean({ error: 'must be true or false' }),
  rationale: Text,
  evidence: z.array(IdSchema).readonly().default([]),
});

/** `all-assessors-agree`, `secretariat-and-no-objection`, `quorum:N`, or the object form. */
export const VerificationRuleSchema = z.union(
  [
    z.literal('all-assessors-agree').transform(() => ({ kind: 'all-assessors-agree' as const })),
    z
      .literal('secretariat-and-no-objection')
      .transform(() => ({ kind: 'secretariat-and-no-objection' as const })),
    z
      .string()
      .regex(/^quorum:[1-9]\d*$/)
      .transform((s) => ({ kind: 'quorum' as const, n: Number(s.slice('quorum:'.length)) })),
    z.strictObject({ kind: z.literal('all-assessors-agree') }),
    z.strictObject({ kind: z.literal('secretariat-and-no-objection') }),
    z.strictObject({ kind: z.literal('quorum'), n: z.number().int().min(1) }),
  ],
  { error: 'must be all-assessors-agree, secretariat-and-no-objection or quorum:N' },
);

export const ConditionLinkSchema = z.strictObject({
  condition: IdSchema,
  benchmarks: z.array(IdSchema).min(1).readonly(),
});

export const RoadmapSchema = z.strictObject({
  id: IdSchema,
  title: Text,
  candidate: Iso2Schema,
  approach: z.enum(APPROACHES, { error: `must be one of ${APPROACHES.join(', ')}` }),
  description: Text.optional(),
  start: IsoDateSchema,
  rule: VerificationRuleSchema,
  commitments: z.array(Text).readonly().default([]),
  tracks: z.array(TrackSchema).readonly().default([]),
  benchmarks: z.array(BenchmarkSchema).readonly().default([]),
  milestones: z.array(MilestoneSchema).readonly().default([]),
  dependencies: z.array(DependencySchema).readonly().default([]),
  gates: z.array(GateSchema).readonly().default([]),
  evidence: z.array(EvidenceSchema).readonly().default([]),
  assessments: z.array(AssessmentSchema).readonly().default([]),
  conditionLinks: z.array(ConditionLinkSchema).readonly().default([]),
});
export type RoadmapInput = z.input<typeof RoadmapSchema>;
