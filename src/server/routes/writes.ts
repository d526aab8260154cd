/**
 * Write routes for scenario facts. Each calls one service function with the caller; the service
 * validates against the scenario, authorizes from the policy table, writes and audits.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DecisionParams, ErrorResponse, ScenarioParams } from '../../contracts/api.js';
import {
  ConditionParams,
  ConditionStatusBody,
  EventCreateBody,
  OutcomeBody,
  PositionCreateBody,
  PositionParams,
  PositionUpdateBody,
  ScenarioImportBody,
  VersionQuery,
} from '../../contracts/writes.js';
import type { Services } from '../../services/index.js';
import { ACCOUNT_SECURITY, principalOf } from '../auth.js';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

/** Bodies of fact writes are small; scenario imports get their own, larger limit. */
const FACT_BODY_LIMIT = 64 * 1024;

export function writeRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['writes'];
  const security = ACCOUNT_SECURITY;

  r.post(
    '/api/v1/scenarios',
    {
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        tags,
        security,
        summary:
          'Import a scenario file (YAML or JSON text); rejected whole with every problem listed',
        body: ScenarioImportBody,
        response: { 201: z.unknown(), ...errors },
      },
    },
    async (req, reply) => {
      const result = await services.scenarios.importText(
        principalOf(req),
        req.body.text,
        req.body.fileName ?? 'request body',
        { replace: req.body.replace },
      );
      return reply.code(201).send(result);
    },
  );

  r.delete(
    '/api/v1/scenarios/:scenario',
    {
      schema: {
        tags,
        security,
        summary: 'Delete a scenario and all its facts',
        params: ScenarioParams,
        response: { 204: z.null().describe('done'), ...errors },
      },
    },
    async (req, reply) => {
      await services.scenarios.delete(principalOf(req), req.params.scenario);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/v1/scenarios/:scenario/positions',
    {
      bodyLimit: FACT_BODY_LIMIT,
      schema: {
        tags,
        security,
        summary: "Record a member's position on a decision",
        params: ScenarioParams,
        body: PositionCreateBody,
        response: { 201: z.unknown(), ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await services.facts.recordPosition(principalOf(req), req.params.scenario, req.body)),
  );

  r.get(
    '/api/v1/scenarios/:scenario/positions/:position',
    {
      schema: {
        tags,
        summary: 'One position with its version (send it back to change it)',
        params: PositionParams,
      },
    },
    async (req) => services.facts.getPosition(req.params.scenario, req.params.position),
  );

  r.put(
    '/api/v1/scenarios/:scenario/positions/:position',
    {
      bodyLimit: FACT_BODY_LIMIT,
      schema: {
        tags,
        security,
        summary: 'Change a position; a stale expectedVersion gets 409 and nothing is written',
        params: PositionParams,
        body: PositionUpdateBody,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (req) =>
      services.facts.updatePosition(
        principalOf(req),
        req.params.scenario,
        req.params.position,
        req.body,
      ),
  );

  r.delete(
    '/api/v1/scenarios/:scenario/positions/:position',
    {
      schema: {
        tags,
        security,
        summary: 'Withdraw a position recorded in error',
        params: PositionParams,
        querystring: VersionQuery,
        response: { 204: z.null().describe('done'), ...errors },
      },
    },
    async (req, reply) => {
      await services.facts.deletePosition(
        principalOf(req),
        req.params.scenario,
        req.params.position,
        req.query.expectedVersion,
      );
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/v1/scenarios/:scenario/conditions/:condition/statuses',
    {
      bodyLimit: FACT_BODY_LIMIT,
      schema: {
        tags,
        security,
        summary: 'Record whether a condition is met from a date',
        params: ConditionParams,
        body: ConditionStatusBody,
        response: { 201: z.unknown(), ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await services.facts.recordConditionStatus(
            principalOf(req),
            req.params.scenario,
            req.params.condition,
            req.body,
          ),
        ),
  );

  r.put(
    '/api/v1/scenarios/:scenario/decisions/:decision/outcome',
    {
      bodyLimit: FACT_BODY_LIMIT,
      schema: {
        tags,
        security,
        summary: 'Record (or clear, with null) the outcome of a decision',
        params: DecisionParams,
        body: OutcomeBody,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (req) =>
      services.facts.setOutcome(
        principalOf(req),
        req.params.scenario,
        req.params.decision,
        req.body,
      ),
  );

  r.get(
    '/api/v1/scenarios/:scenario/decisions/:decision/outcome',
    {
      schema: {
        tags,
        summary: 'A decision’s recorded outcome and its version',
        params: DecisionParams,
      },
    },
    async (req) => services.facts.getOutcome(req.params.scenario, req.params.decision),
  );

  r.post(
    '/api/v1/scenarios/:scenario/events',
    {
      bodyLimit: FACT_BODY_LIMIT,
      schema: {
        tags,
        security,
        summary: 'Record a summit, visit, call or statement',
        params: ScenarioParams,
        body: EventCreateBody,
        response: { 201: z.unknown(), ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await services.facts.recordEvent(principalOf(req), req.params.scenario, req.body)),
  );
}
