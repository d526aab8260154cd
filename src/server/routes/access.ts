/** Sign-in and sign-out, accounts, API tokens, and the audit log. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse } from '../../contracts/api.js';
import {
  AuditQuery,
  NameParams,
  SignInBody,
  TokenCreateBody,
  TokenParams,
  UserCreateBody,
} from '../../contracts/writes.js';
import type { Services } from '../../services/index.js';
import {
  ACCOUNT_SECURITY,
  clearSessionCookie,
  principalOf,
  SESSION_COOKIE,
  setSessionCookie,
} from '../auth.js';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};

export interface AccessRouteOptions {
  /** Attempts per minute per client address on sign-in. */
  readonly signInPerMinute: number;
  /** Mark cookies Secure (behind HTTPS). */
  readonly secureCookies: boolean;
}

export function accessRoutes(
  app: FastifyInstance,
  services: Services,
  options: AccessRouteOptions,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const security = ACCOUNT_SECURITY;

  r.post(
    '/api/v1/auth/sign-in',
    {
      config: { rateLimit: { max: options.signInPerMinute, timeWindow: '1 minute' } },
      bodyLimit: 4096,
      schema: {
        tags: ['auth'],
        summary:
          'Sign in with name and password; sets an httpOnly session cookie and returns the CSRF token',
        body: SignInBody,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (req, reply) => {
      const session = await services.access.signIn(req.body.name, req.body.password);
      setSessionCookie(reply, session.sessionId, session.expiresAt, options.secureCookies);
      return { user: session.user, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    },
  );

  r.post(
    '/api/v1/auth/sign-out',
    { schema: { tags: ['auth'], summary: 'End this session' } },
    async (req, reply) => {
      const sessionId = req.cookies[SESSION_COOKIE];
      if (sessionId !== undefined) await services.access.signOut(sessionId);
      clearSessionCookie(reply, options.secureCookies);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/v1/auth/me',
    { schema: { tags: ['auth'], summary: 'Who is signed in' } },
    async (req) => ({
      principal: req.principal ?? null,
      csrfToken: req.csrfToken ?? null,
      accounts: await services.access.hasAccounts(),
    }),
  );

  r.post(
    '/api/v1/users',
    {
      bodyLimit: 4096,
      schema: {
        tags: ['accounts'],
        security,
        summary: 'Create an account (admin)',
        body: UserCreateBody,
        response: { 201: z.unknown(), ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await services.access.createUser(principalOf(req), req.body)),
  );

  r.get(
    '/api/v1/users',
    { schema: { tags: ['accounts'], security, summary: 'List accounts (admin)' } },
    async (req) => ({
      users: await services.access.listUsers(principalOf(req)),
    }),
  );

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    r.post(
      `/api/v1/users/:name/${verb}`,
      {
        schema: {
          tags: ['accounts'],
          security,
          summary: `${verb} an account (admin)`,
          params: NameParams,
          response: { 200: z.unknown(), ...errors },
        },
      },
      async (req) => services.access.setDisabled(principalOf(req), req.params.name, disabled),
    );
  }

  r.post(
    '/api/v1/tokens',
    {
      bodyLimit: 4096,
      schema: {
        tags: ['accounts'],
        security,
        summary: 'Create an API token for yourself (or, as admin, for another account); shown once',
        body: TokenCreateBody,
        response: { 201: z.unknown(), ...errors },
      },
    },
    async (req, reply) => {
      const actor = principalOf(req);
      const owner = req.body.user ?? actor.name;
      return reply.code(201).send(await services.access.createToken(actor, owner, req.body.label));
    },
  );

  r.get(
    '/api/v1/tokens',
    { schema: { tags: ['accounts'], security, summary: 'Your API tokens' } },
    async (req) => {
      const actor = principalOf(req);
      return { tokens: await services.access.listTokens(actor, actor.name) };
    },
  );

  r.delete(
    '/api/v1/tokens/:token',
    {
      schema: {
        tags: ['accounts'],
        security,
        summary: 'Revoke an API token',
        params: TokenParams,
        response: { 204: z.null().describe('done'), ...errors },
      },
    },
    async (req, reply) => {
      await services.access.revokeToken(principalOf(req), req.params.token);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        security,
        summary: 'Changes, newest first',
        querystring: AuditQuery,
      },
    },
    async (req) => ({ entries: await services.audit.log(principalOf(req), req.query) }),
  );

  r.get(
    '/api/v1/audit/verify',
    {
      schema: {
        tags: ['audit'],
        security,
        summary: 'Recompute the hash chain: {ok, entries, firstBroken}',
      },
    },
    async (req) => services.audit.verify(principalOf(req)),
  );
}
