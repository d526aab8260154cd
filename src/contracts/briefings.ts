/**
 * Briefings and the review queue: bodies, parameters and queries of the routes (and of the CLI
 * commands, which validate the same way). Unknown fields are rejected.
 */
import { z } from 'zod';
import { FACT_KINDS } from '../core/extract/types.js';
import { BASES, EVENT_KINDS, RELIABILITIES, STANCES } from '../core/types.js';
import { IdSchema, IsoDateSchema, Iso2Schema, Text } from './scenario-base.js';
import { ParticipantSchema } from './scenario.js';

/** The largest briefing taken in (the CLI skips bigger files; the API refuses them). */
export const MAX_BRIEFING_CHARS = 5 * 1024 * 1024;

export const REVIEW_STATUSES = ['proposed', 'accepted', 'merged', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

const Reliability = z.enum(RELIABILITIES, {
  error: 'must be an Admiralty reliability from A (completely reliable) to F (cannot be judged)',
});

const Version = z
  .number({ error: 'must be the version you read (a whole number ≥ 1)' })
  .int('must be a whole number')
  .min(1, 'must be at least 1');

/** A briefing id (`brf-` and 12 hex digits) or a proposed fact's id (the briefing's, `-n`). */
export const BriefingIdSchema = z
  .string({ error: 'must be a briefing id such as brf-0123456789ab' })
  .regex(/^brf-[0-9a-f]{12}$/, 'must be a briefing id such as brf-0123456789ab');
export const FactIdSchema = z
  .string({ error: 'must be a proposed fact id such as brf-0123456789ab-3' })
  .regex(/^brf-[0-9a-f]{12}-[0-9]{1,6}$/, 'must be a proposed fact id such as brf-0123456789ab-3');

export const BriefingCreateBody = z
  .strictObject({
    scenario: IdSchema,
    text: z
      .string({ error: 'must hold the briefing as text' })
      .max(MAX_BRIEFING_CHARS, 'is too large (5 MB at most)')
      .refine((t) => t.trim() !== '', { error: 'is empty' })
      .refine((t) => !t.includes('\u0000'), { error: 'contains NUL characters (binary data?)' }),
    title: Text.max(200, 'is too long (200 characters at most)').optional(),
    published: IsoDateSchema.optional(),
    source: Text.max(200, 'is too long (200 characters at most)').optional(),
    reliability: Reliability.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.source !== undefined && b.reliability === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['reliability'],
        message: "is required with source: grade the source's reliability A–F",
      });
    }
  });
export type BriefingCreateBody = z.output<typeof BriefingCreateBody>;

export const BriefingParams = z.strictObject({ briefing: BriefingIdSchema });
export const FactParams = z.strictObject({ fact: FactIdSchema });

export const BriefingListQuery = z.strictObject({
  scenario: IdSchema.optional(),
});

export const ReviewListQuery = z.strictObject({
  scenario: IdSchema.optional(),
  status: z
    .enum(REVIEW_STATUSES, { error: `must be one of ${REVIEW_STATUSES.join(', ')}` })
    .optional(),
  kind: z.enum(FACT_KINDS, { error: `must be one of ${FACT_KINDS.join(', ')}` }).optional(),
  briefing: BriefingIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type ReviewListQuery = z.output<typeof ReviewListQuery>;

/**
 * What a reviewer may change before accepting. Only the fields that matter to the stored fact:
 * for a stance the members, decision, date and stance; for events and engagements the kind,
 * dates, place, title and participants; for any of them the credibility and basis.
 */
export const FactEdit = z.strictObject({
  stance: z.enum(STANCES, { error: `must be one of ${STANCES.join(', ')}` }).optional(),
  members: z.array(Iso2Schema).min(1, 'must name at least one member').readonly().optional(),
  candidate: Iso2Schema.optional(),
  decision: IdSchema.optional(),
  date: IsoDateSchema.optional(),
  conditions: z.array(Text).readonly().optional(),
  kind: z.enum(EVENT_KINDS, { error: `must be one of ${EVENT_KINDS.join(', ')}` }).optional(),
  id: IdSchema.optional(),
  title: Text.max(200).optional(),
  start: IsoDateSchema.optional(),
  end: IsoDateSchema.optional(),
  place: Text.max(200).optional(),
  participants: z.array(ParticipantSchema).readonly().optional(),
  parties: z.array(Iso2Schema).min(1).readonly().optional(),
  summary: Text.max(2000).optional(),
  credibility: z
    .literal([1, 2, 3, 4, 5, 6], {
      error: 'must be an Admiralty credibility from 1 (confirmed) to 6 (cannot be judged)',
    })
    .optional(),
  basis: z.enum(BASES, { error: `must be one of ${BASES.join(', ')}` }).optional(),
  note: Text.max(2000).optional(),
});
export type FactEdit = z.output<typeof FactEdit>;

export const AcceptBody = z.strictObject({
  expectedVersion: Version,
  edit: FactEdit.optional(),
});
export type AcceptBody = z.output<typeof AcceptBody>;

export const MergeBody = z.strictObject({
  expectedVersion: Version,
  into: z
    .string({ error: 'must be the id of an event, a position or a reviewed proposed fact' })
    .min(1, 'must be the id of an event, a position or a reviewed proposed fact')
    .max(100),
  credibility: z
    .literal([1, 2, 3, 4, 5, 6], {
      error: 'must be an Admiralty credibility from 1 (confirmed) to 6 (cannot be judged)',
    })
    .optional(),
});
export type MergeBody = z.output<typeof MergeBody>;

export const RejectBody = z.strictObject({
  expectedVersion: Version,
  reason: Text.max(1000, 'is too long (1000 characters at most)'),
});
export type RejectBody = z.output<typeof RejectBody>;
