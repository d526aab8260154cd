/**
 * HTTP API shapes under /api/v1: parameters in, documented responses out. The same schemas
 * validate requests and describe the API in /api/openapi.json.
 */
import { z } from 'zod';
import { BASES, DECISION_KINDS, DECISION_RULES, STANCES } from '../core/types.js';
import { ERROR_CODES } from '../core/errors.js';
import {
  CitationSchema,
  DecisionOutcomeSchema,
  IdSchema,
  IsoDateSchema,
  Iso2Schema,
  SourceSchema,
  EventSchema,
  PositionSchema,
} from './scenario.js';

export const AsOfQuery = z.strictObject({
  asOf: IsoDateSchema.optional().describe(
    'The date to answer for (YYYY-MM-DD); today when omitted.',
  ),
});

export const EventsQuery = z.strictObject({
  from: IsoDateSchema.optional().describe('Only events ending on or after this date.'),
  to: IsoDateSchema.optional().describe('Only events starting on or before this date.'),
});

export const ScenarioParams = z.strictObject({ scenario: IdSchema });
export const DecisionParams = z.strictObject({ scenario: IdSchema, decision: IdSchema });
export const HistoryParams = z.strictObject({
  scenario: IdSchema,
  decision: IdSchema,
  member: Iso2Schema,
});
export const CandidateParams = z.strictObject({ scenario: IdSchema, candidate: Iso2Schema });

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  })
  .describe('The one error shape: a stable code, a message naming the field, details.');

export const ScenarioSummaryResponse = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  allianceId: z.string(),
  allianceName: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  members: z.number().int(),
  decisions: z.number().int(),
  positions: z.number().int(),
});

export const ScenarioListResponse = z.object({ scenarios: list(ScenarioSummaryResponse) });

/** Response types the dashboard reads (type-only imports: src/web never runs zod). */
export type ScenarioSummaryResponse = z.output<typeof ScenarioSummaryResponse>;
export type ScenarioListResponse = z.output<typeof ScenarioListResponse>;

export const ScenarioDetailResponse = ScenarioSummaryResponse.extend({
  keyDates: list(z.object({ date: z.string(), label: z.string() })),
  alliance: z.object({
    id: z.string(),
    name: z.string(),
    rule: z.enum(DECISION_RULES),
    stages: list(z.string()),
  }),
  candidates: list(z.object({ iso2: z.string(), name: z.string() })),
  decisionList: list(
    z.object({ id: z.string(), title: z.string(), kind: z.string(), due: z.string().nullable() }),
  ),
  groups: list(
    z.object({
      id: z.string(),
      name: z.string(),
      members: list(z.string()),
      note: z.string().optional(),
      basis: z.enum(BASES),
      sources: list(CitationSchema),
    }),
  ),
  conditions: list(z.object({ id: z.string(), title: z.string() })),
});
export type ScenarioDetailResponse = z.output<typeof ScenarioDetailResponse>;

/** Arrays in responses are readonly, like the core values they describe. */
function list<T extends z.ZodType>(item: T) {
  return z.array(item).readonly();
}

const Conditional = z.object({ member: z.string(), unmet: list(z.string()) });

export const EffectivePositionResponse = z.object({
  member: z.string(),
  decision: z.string(),
  stance: z.enum(STANCES),
  date: z.string().optional(),
  positionId: z.string().optional(),
  conditions: list(z.string()),
  reasons: list(z.string()),
  sources: list(CitationSchema),
  basis: z.enum(BASES).optional(),
  conflict: z.object({ overruled: list(z.string()) }).optional(),
});

export const DecisionStatusResponse = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(DECISION_KINDS),
  rule: z.enum(DECISION_RULES),
  candidate: z.string().nullable(),
  due: z.string().nullable(),
  evaluatedOn: z.string().describe('asOf, or the day the decision was taken when that is earlier'),
  status: z.enum(['consensus', 'no-consensus']),
  explanation: z.string(),
  supporters: list(z.string()).describe(
    'Members that agree; a conditional supporter joins once its conditions are met.',
  ),
  blockers: list(z.string()),
  undeclared: list(z.string()),
  incremental: list(z.string()),
  conditional: list(Conditional),
  blockerConditions: list(Conditional),
  conflicts: list(z.object({ member: z.string(), overruled: list(z.string()) })),
  cohesion: z.object({
    largestBlocShare: z.number(),
    largestBloc: z.enum(STANCES).optional(),
    entropy: z.number(),
    counts: z.record(z.string(), z.number()),
  }),
  outcome: DecisionOutcomeSchema.nullable(),
  positions: list(EffectivePositionResponse),
});

export const RatificationStatusResponse = z.object({
  iso2: z.string(),
  name: z.string(),
  stage: z.string().nullable(),
  protocolSigned: z.string().nullable(),
  ratified: list(z.string()),
  outstanding: list(z.string()),
  allRatified: z.boolean(),
  lastRatification: z.string().nullable(),
  accession: z.string().nullable(),
  isMember: z.boolean(),
});

const SourcedDated = {
  date: z.string(),
  note: z.string().optional(),
  basis: z.enum(BASES),
  sources: list(CitationSchema),
};

/** A candidate as of a date, with the dated stages and ratifications behind its status. */
export const CandidateResponse = RatificationStatusResponse.extend({
  stages: list(z.object({ stage: z.string(), ...SourcedDated })),
  ratifications: list(z.object({ member: z.string(), kind: z.string(), ...SourcedDated })),
});

export type CandidateResponse = z.output<typeof CandidateResponse>;

export const StatusResponse = z.object({
  asOf: z.string(),
  scenario: z.object({ id: z.string(), title: z.string() }),
  alliance: z.object({
    id: z.string(),
    name: z.string(),
    rule: z.enum(DECISION_RULES),
    members: list(z.object({ iso2: z.string(), name: z.string() })),
  }),
  decisions: list(
    DecisionStatusResponse.pick({
      id: true,
      title: true,
      rule: true,
      status: true,
      evaluatedOn: true,
      supporters: true,
      blockers: true,
      undeclared: true,
      incremental: true,
      conditional: true,
      blockerConditions: true,
      explanation: true,
      conflicts: true,
    }).extend({
      outcome: z
        .object({ result: z.enum(['adopted', 'not-adopted']), date: z.string() })
        .nullable(),
      cohesion: z.object({ largestBlocShare: z.number(), entropy: z.number() }),
    }),
  ),
  candidates: list(
    RatificationStatusResponse.pick({
      iso2: true,
      name: true,
      stage: true,
      ratified: true,
      outstanding: true,
      accession: true,
      isMember: true,
    }),
  ),
});

export const MembersResponse = z.object({
  asOf: z.string(),
  members: list(
    z.object({
      iso2: z.string(),
      name: z.string(),
      joined: z.string(),
      left: z.string().optional(),
      basis: z.enum(BASES),
      sources: list(CitationSchema),
    }),
  ),
});

export const PositionHistoryResponse = z.object({ positions: list(PositionSchema) });
export const EventsResponse = z.object({ events: list(EventSchema) });
export const SourcesResponse = z.object({ sources: list(SourceSchema) });
