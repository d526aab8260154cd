/**
 * Bodies of the write routes (and the CLI equivalents). Unknown fields are rejected; the same
 * field rules as scenario files apply, so a fact written through the API could have been imported.
 */
import { z } from 'zod';
import { ROLES } from '../core/policy.js';
import {
  ConditionStatusSchema,
  DecisionOutcomeSchema,
  EventSchema,
  IdSchema,
  Iso2Schema,
  PositionSchema,
} from './scenario.js';

const Version = z
  .number({ error: 'must be the version you read (a whole number ≥ 1)' })
  .int('must be a whole number')
  .min(1, 'must be at least 1');

/** A new position; the id is made from member, decision and date when omitted. */
export const PositionCreateBody = PositionSchema.extend({ id: IdSchema.optional() });
export type PositionCreateBody = z.output<typeof PositionCreateBody>;

/** A changed position: the whole position (its id stays) and the version it was read at. */
export const PositionUpdateBody = PositionSchema.omit({ id: true }).extend({
  expectedVersion: Version,
});
export type PositionUpdateBody = z.output<typeof PositionUpdateBody>;

export const VersionQuery = z.strictObject({
  expectedVersion: z.coerce
    .number({ error: 'must be the version you read (a whole number ≥ 1)' })
    .int('must be a whole number')
    .min(1, 'must be at least 1'),
});

export const ConditionStatusBody = ConditionStatusSchema;
export type ConditionStatusBody = z.output<typeof ConditionStatusBody>;

/** Record (or, with null, clear) a decision's outcome, at the version it was read. */
export const OutcomeBody = z.strictObject({
  outcome: DecisionOutcomeSchema.nullable(),
  expectedVersion: Version,
});
export type OutcomeBody = z.output<typeof OutcomeBody>;

export const EventCreateBody = EventSchema.extend({ id: IdSchema.optional() });
export type EventCreateBody = z.output<typeof EventCreateBody>;

export const ScenarioImportBody = z.strictObject({
  text: z
    .string()
    .min(1, 'must hold the scenario file (YAML or JSON)')
    .max(5_000_000, 'is too large (5 MB at most)'),
  replace: z.boolean().default(false),
  fileName: z.string().max(200).optional(),
});
export type ScenarioImportBody = z.output<typeof ScenarioImportBody>;

export const SignInBody = z.strictObject({
  name: z.string().min(1, 'is required').max(64),
  password: z.string().min(1, 'is required').max(1024),
});

export const UserCreateBody = z.strictObject({
  name: z.string().max(64),
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
  member: Iso2Schema.optional(),
  candidate: Iso2Schema.optional(),
  password: z.string().max(1024).optional(),
});

export const TokenCreateBody = z.strictObject({
  label: z.string().min(1, 'is required').max(100),
  user: z.string().max(64).optional(),
});

export const NameParams = z.strictObject({ name: z.string().max(64) });
export const TokenParams = z.strictObject({
  token: z.string().regex(/^[0-9a-f]{12}$/, 'must be a token id'),
});
export const PositionParams = z.strictObject({ scenario: IdSchema, position: IdSchema });
export const ConditionParams = z.strictObject({ scenario: IdSchema, condition: IdSchema });

export const AuditQuery = z.strictObject({
  entity: z
    .string()
    .max(200)
    .optional()
    .describe('an entity id, or type:id (position:pl-timeline)'),
  actor: z.string().max(64).optional(),
  since: z.string().max(40).optional().describe('ISO date or timestamp'),
  scenario: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
