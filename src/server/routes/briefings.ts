/**
 * Briefings and the review queue over HTTP. Each route calls one service function with the
 * caller; the service validates, authorizes from the policy table, writes and audits.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse } from '../../contracts/api.js';
import {
  AcceptBody,
  BriefingCreateBody,
  BriefingListQuery,
  BriefingParams,
  FactParams,
  MergeBody,
  RejectBody,
  ReviewListQuery,
} from '../../contracts/briefings.js';
import type { Services } from '../../services/index.js';
import { ACCOUNT_SECURITY, principalOf } from '../auth.js';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};

const REVIEW_BODY_LIMIT = 64 * 1024;

export function briefingRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['briefings'];
  const security = ACCOUNT_SECURITY;

  r.post(
    '/api/v1/briefings',
    {
      bodyLimit: 6 * 1024 * 1024,
      schema: {
        tags,
        security,
        summary:
          'Ingest a briefing: store its text (once per scenario, by SHA-256) and the facts proposed from it',
        body: BriefingCreateBody,
        response: { 200: z.unknown(), 201: z.unknown(), ...errors },
      },
    },
    async (req, reply) => {
      const result = await services.briefings.ingest(principalOf(req), req.body);
      return reply.code(result.duplicate ? 200 : 201).send(result);
    },
  );

  r.get(
    '/api/v1/briefings',
    {
      schema: {
        tags,
        summary: 'Briefings, with how many of their facts are proposed, accepted, merged, rejected',
        querystring: BriefingListQuery,
      },
    },
    async (req) => services.briefings.list(req.query.scenario),
  );

  r.get(
    '/api/v1/briefings/facts',
    {
      schema: {
        tags,
        summary: 'The review queue: proposed facts by scenario, status, kind or briefing',
        querystring: ReviewListQuery,
      },
    },
    async (req) => services.briefings.reviewList(req.query),
  );

  r.get(
    '/api/v1/briefings/facts/:fact',
    {
      schema: {
        tags,
        summary: 'One proposed fact with its span, status and version',
        params: FactParams,
      },
    },
    async (req) => services.briefings.getFact(req.params.fact),
  );

  r.get(
    '/api/v1/briefings/:briefing',
    {
      schema: {
        tags,
        summary: 'A briefing: its text and every fact proposed from it, with spans and status',
        params: BriefingParams,
      },
    },
    async (req) => services.briefings.get(req.params.briefing),
  );

  r.post(
    '/api/v1/briefings/facts/:fact/accept',
    {
      bodyLimit: REVIEW_BODY_LIMIT,
      schema: {
        tags,
        security,
        summary:
          'Accept a proposed fact (optionally edited): a stance becomes positions, an event or engagement an event',
        params: FactParams,
        body: AcceptBody,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (req) => services.briefings.accept(principalOf(req), req.params.fact, req.body),
  );

  r.post(
    '/api/v1/briefings/facts/:fact/merge',
    {
      bodyLimit: REVIEW_BODY_LIMIT,
      schema: {
        tags,
        security,
        summary:
          'Merge a proposed fact into a stored event or position: the briefing becomes one more source',
        params: FactParams,
        body: MergeBody,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (req) => services.briefings.merge(principalOf(req), req.params.fact, req.body),
  );

  r.post(
    '/api/v1/briefings/facts/:fact/reject',
    {
      bodyLimit: REVIEW_BODY_LIMIT,
      schema: {
        tags,
        security,
        summary: 'Reject a proposed fact with a reason',
        params: FactParams,
        body: RejectBody,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (req) => services.briefings.reject(principalOf(req), req.params.fact, req.body),
  );
}
