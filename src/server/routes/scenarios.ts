/** Read routes for scenarios: status, decisions, members, candidates, events, sources, export. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AsOfQuery,
  CandidateParams,
  DecisionParams,
  DecisionStatusResponse,
  ErrorResponse,
  EventsQuery,
  EventsResponse,
  HistoryParams,
  MembersResponse,
  PositionHistoryResponse,
  CandidateResponse,
  ScenarioDetailResponse,
  ScenarioListResponse,
  ScenarioParams,
  SourcesResponse,
  StatusResponse,
} from '../../contracts/api.js';
import type { Services } from '../../services/index.js';

const errors = { 400: ErrorResponse, 404: ErrorResponse };

export function scenarioRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['scenarios'];

  r.get(
    '/api/v1/scenarios',
    { schema: { tags, summary: 'List scenarios', response: { 200: ScenarioListResponse } } },
    async () => ({ scenarios: await services.scenarios.list() }),
  );

  r.get(
    '/api/v1/scenarios/:scenario',
    {
      schema: {
        tags,
        summary: 'One scenario: alliance, key dates, candidates, decisions',
        params: ScenarioParams,
        response: { 200: ScenarioDetailResponse, ...errors },
      },
    },
    async (req) => services.scenarios.get(req.params.scenario),
  );

  r.get(
    '/api/v1/scenarios/:scenario/status',
    {
      schema: {
        tags,
        summary:
          'Members, consensus on every decision and each candidate’s ratifications, as of a date',
        params: ScenarioParams,
        querystring: AsOfQuery,
        response: { 200: StatusResponse, ...errors },
      },
    },
    async (req) => services.scenarios.status(req.params.scenario, req.query.asOf),
  );

  r.get(
    '/api/v1/scenarios/:scenario/members',
    {
      schema: {
        tags,
        summary: 'Members as of a date',
        params: ScenarioParams,
        querystring: AsOfQuery,
        response: { 200: MembersResponse, ...errors },
      },
    },
    async (req) => services.scenarios.members(req.params.scenario, req.query.asOf),
  );

  r.get(
    '/api/v1/scenarios/:scenario/decisions/:decision',
    {
      schema: {
        tags,
        summary:
          'Consensus on one decision as of a date, with every member’s effective position and its sources',
        params: DecisionParams,
        querystring: AsOfQuery,
        response: { 200: DecisionStatusResponse, ...errors },
      },
    },
    async (req) =>
      services.scenarios.decision(req.params.scenario, req.params.decision, req.query.asOf),
  );

  r.get(
    '/api/v1/scenarios/:scenario/decisions/:decision/members/:member/history',
    {
      schema: {
        tags,
        summary: 'A member’s position history on a decision, oldest first',
        params: HistoryParams,
        response: { 200: PositionHistoryResponse, ...errors },
      },
    },
    async (req) => ({
      positions: await services.scenarios.positionHistory(
        req.params.scenario,
        req.params.decision,
        req.params.member,
      ),
    }),
  );

  r.get(
    '/api/v1/scenarios/:scenario/candidates/:candidate',
    {
      schema: {
        tags,
        summary: 'A candidate’s stage and ratifications as of a date',
        params: CandidateParams,
        querystring: AsOfQuery,
        response: { 200: CandidateResponse, ...errors },
      },
    },
    async (req) =>
      services.scenarios.candidate(req.params.scenario, req.params.candidate, req.query.asOf),
  );

  r.get(
    '/api/v1/scenarios/:scenario/events',
    {
      schema: {
        tags,
        summary: 'Summits, visits, calls and statements',
        params: ScenarioParams,
        querystring: EventsQuery,
        response: { 200: EventsResponse, ...errors },
      },
    },
    async (req) => ({
      events: await services.scenarios.events(req.params.scenario, req.query.from, req.query.to),
    }),
  );

  r.get(
    '/api/v1/scenarios/:scenario/sources',
    {
      schema: {
        tags,
        summary: 'The scenario’s sources with their Admiralty reliability',
        params: ScenarioParams,
        response: { 200: SourcesResponse, ...errors },
      },
    },
    async (req) => ({ sources: await services.scenarios.sources(req.params.scenario) }),
  );

  r.get(
    '/api/v1/scenarios/:scenario/export',
    {
      schema: {
        tags,
        summary: 'The scenario as a YAML file that imports back to the same data',
        params: ScenarioParams,
      },
    },
    async (req, reply) => {
      const yaml = await services.scenarios.exportYaml(req.params.scenario);
      return reply
        .type('application/yaml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${req.params.scenario}.yaml"`)
        .send(yaml);
    },
  );
}
