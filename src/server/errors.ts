/**
 * One place maps error codes to HTTP statuses and shapes every error response as
 * `{ "error": { "code", "message", "details" } }`. Unknown errors are logged and answered with a
 * generic 500: no stack traces, SQL or driver messages ever reach a client.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isAccordError, type ErrorCode } from '../core/errors.js';

export const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  SCENARIO_INVALID: 422,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  CONFLICT: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
};

interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown> };
}

function body(code: ErrorCode, message: string, details: Record<string, unknown> = {}): ErrorBody {
  return { error: { code, message, details } };
}

/** `querystring/asOf` → `asOf`; `/body/title` → `title`. */
function fieldName(instancePath: string, location: string | undefined): string {
  const path = instancePath.replace(/^\//, '').replace(/\//g, '.');
  return path === '' ? (location ?? 'request') : path;
}

function frameworkCode(status: number): ErrorCode {
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'RATE_LIMITED';
  return 'BAD_REQUEST';
}

export function toErrorResponse(error: unknown): {
  status: number;
  body: ErrorBody;
  internal: boolean;
} {
  if (isAccordError(error)) {
    return {
      status: STATUS_BY_CODE[error.code],
      body: body(error.code, error.message, { ...error.details }),
      internal: false,
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const problems = error.validation.map((v) => {
      const field = fieldName(v.instancePath, error.validationContext);
      return {
        field,
        location: error.validationContext ?? 'request',
        message: v.message ?? 'is invalid',
      };
    });
    const message = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
    return { status: 400, body: body('VALIDATION_FAILED', message, { problems }), internal: false };
  }
  const fe = error as Partial<FastifyError>;
  // Fastify's own errors (bad JSON, body too large, wrong content type) carry a 4xx statusCode.
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: fe.statusCode,
      body: body(frameworkCode(fe.statusCode), fe.message ?? 'bad request', {
        fastifyCode: fe.code,
      }),
      internal: false,
    };
  }
  return {
    status: 500,
    body: body('INTERNAL', 'internal error; the server log has the details'),
    internal: true,
  };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body: payload, internal } = toErrorResponse(error);
    if (internal) request.log.error({ err: error }, 'unhandled error');
    return reply.code(status).type('application/json; charset=utf-8').send(payload);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(
      body('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`, {
        method: request.method,
      }),
    ),
  );
}
