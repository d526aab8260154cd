/** Roadmap routes: show, divergence, compare, review; evidence and assessments (writes). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AsOfQuery, ErrorResponse, ScenarioParams } from '../../contracts/api.js';
import { AssessmentBody, EvidenceBody } from '../../contracts/roadmap-writes.js';
import { IdSchema, IsoDateSchema } from '../../contracts/scenario-base.js';
import type { Services } from '../../services/index.js';
import { ACCOUNT_SECURITY, principalOf } from '../auth.js';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};
const RoadmapParams = z.strictObject({ scenario: IdSchema, roadmap: IdSchema });
const BenchmarkParams = z.strictObject({
  scenario: IdSchema,
  roadmap: IdSchema,
  benchmark: IdSchema,
});
const CompareQuery = z.strictObject({ a: IdSchema, b: IdSchema, asOf: IsoDateSchema.optional() });
const ReviewQuery = z.strictObject({
  asOf: IsoDateSchema.optional(),
  since: IsoDateSchema.optional(),
  format: z.enum(['md', 'json']).default('json'),
});
const ValidateBody = z.strictObject({
  text: z.string().min(1).max(5_000_000),
  fileName: z.string().max(200).optional(),
});

export function roadmapRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['roadmaps'];
  const security = ACCOUNT_SECURITY;

  r.get(
    '/api/v1/scenarios/:scenario/roadmaps',
    {
      schema: {
        tags,
        summary: 'The roadmaps (approaches) in a scenario',
        params: ScenarioParams,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (req) => ({ roadmaps: await services.roadmaps.list(req.params.scenario) }),
  );

  r.get(
    '/api/v1/scenarios/:scenario/roadmaps/:roadmap',
    {
      schema: {
        tags,
        summary:
          'Tracks, benchmarks (status, basis, verification), schedule, critical path, gates and timelines',
        params: RoadmapParams,
        querystring: AsOfQuery,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (req) => services.roadmaps.show(req.params.scenario, req.params.roadmap, req.query.asOf),
  );

  r.get(
    '/api/v1/scenarios/:scenario/roadmaps/:roadmap/benchmarks/:benchmark/divergence',
    {
      schema: {
        tags,
        summary: "Every assessor's judgement of one benchmark side by side",
        params: BenchmarkParams,
        querystring: AsOfQuery,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (req) =>
      services.roadmaps.divergence(
        req.params.scenario,
        req.params.roadmap,
        req.params.benchmark,
        req.query.asOf,
      ),
  );

  r.get(
    '/api/v1/scenarios/:scenario/roadmap-comparison',
    {
      schema: {
        tags,
        summary: 'Two approaches side by side',
        params: ScenarioParams,
        querystring: CompareQuery,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (req) =>
      services.roadmaps.compare(req.params.scenario, req.query.a, req.query.b, req.query.asOf),
  );

  r.get(
    '/api/v1/scenarios/:scenario/roadmaps/:roadmap/review',
    {
      schema: {
        tags,
        summary: 'The review for a monitoring cycle, as JSON or Markdown',
        params: RoadmapParams,
        querystring: ReviewQuery,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (req, reply) => {
      const { review, markdown } = await services.roadmaps.review(
        req.params.scenario,
        req.params.roadmap,
        req.query.asOf,
        req.query.since,
      );
      return req.query.format === 'md'
        ? reply.type('text/markdown; charset=utf-8').send(markdown)
        : review;
    },
  );

  r.post(
    '/api/v1/roadmaps/validate',
    {
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Check a scenario file with roadmaps, or one roadmap; writes nothing',
        body: ValidateBody,
      },
    },
    (req) => services.roadmaps.validateText(req.body.text, req.body.fileName ?? 'request body'),
  );

  r.post(
    '/api/v1/scenarios/:scenario/roadmaps/:roadmap/evidence',
    {
      bodyLimit: 256 * 1024,
      schema: {
        tags,
        security,
        summary: 'Submit evidence',
        params: RoadmapParams,
        body: EvidenceBody,
        response: { 201: z.unknown(), ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await services.roadmaps.addEvidence(
            principalOf(req),
            req.params.scenario,
            req.params.roadmap,
            req.body,
          ),
        ),
  );

  r.post(
    '/api/v1/scenarios/:scenario/roadmaps/:roadmap/assessments',
    {
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        security,
        summary: "Record one assessor's judgement of one benchmark",
        params: RoadmapParams,
        body: AssessmentBody,
        response: { 201: z.unknown(), ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await services.roadmaps.assess(
            principalOf(req),
            req.params.scenario,
            req.params.roadmap,
            req.body,
          ),
        ),
  );
}
