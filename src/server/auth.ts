/**
 * Who is calling: an API token (`Authorization: Bearer acc_…`), a web session cookie, or nobody.
 * Cookie-authenticated writes must echo the session's CSRF token in `x-csrf-token`; tokens are
 * not sent by browsers on their own, so they need none. Reads are public unless the server is
 * started with public reads off; every write needs an account (and the policy decides the rest
 * in the services).
 */
import type {} from '@fastify/cookie'; // brings request.cookies and reply.setCookie into the types
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AccordError } from '../core/errors.js';
import type { Principal } from '../core/policy.js';
import type { Services } from '../services/index.js';

export const SESSION_COOKIE = 'accord_session';

/** OpenAPI: routes that need an account take an API token or a signed-in session. */
export const ACCOUNT_SECURITY: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, once authenticated; undefined for anonymous requests. */
    principal: Principal | undefined;
    csrfToken: string | undefined;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes that work without an account even when reads are private. */
const OPEN = new Set([
  '/api/v1/auth/sign-in',
  '/api/v1/auth/me',
  '/api/v1/health',
  '/api/openapi.json',
]);

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (match === null) {
    throw new AccordError('UNAUTHENTICATED', 'authorization: expected "Bearer <token>"', {
      field: 'authorization',
    });
  }
  return match[1];
}

export interface AuthOptions {
  readonly publicReads: boolean;
  readonly tokenRequestsPerMinute: number;
  /** Milliseconds now, for the per-token request window. */
  readonly clock: () => number;
}

/** A fixed one-minute window per token: enough to stop a runaway script, cheap to keep. */
function tokenLimiter(perMinute: number, clock: () => number): (token: string) => void {
  const windows = new Map<string, { start: number; count: number }>();
  return (token) => {
    const now = clock();
    let w = windows.get(token);
    if (w === undefined || now - w.start >= 60_000) {
      if (windows.size > 10_000) windows.clear();
      w = { start: now, count: 0 };
      windows.set(token, w);
    }
    w.count += 1;
    if (w.count > perMinute) {
      const after = Math.ceil((w.start + 60_000 - now) / 1000);
      throw new AccordError(
        'RATE_LIMITED',
        `too many requests with this token; try again in ${after} seconds`,
        {
          retryAfter: after,
        },
      );
    }
  };
}

export function registerAuth(app: FastifyInstance, services: Services, options: AuthOptions): void {
  app.decorateRequest('principal', undefined);
  app.decorateRequest('csrfToken', undefined);
  const limitToken = tokenLimiter(options.tokenRequestsPerMinute, options.clock);

  /** Anonymous requests: reads pass (when public), writes need an account. */
  const checkAnonymous = (request: FastifyRequest): void => {
    const path = request.url.split('?')[0] ?? '';
    if (OPEN.has(path)) return;
    if (!SAFE.has(request.method)) {
      throw new AccordError('UNAUTHENTICATED', 'sign in or send an API token to change anything', {
        hint: 'POST /api/v1/auth/sign-in, or Authorization: Bearer <token> (accord token create)',
      });
    }
    if (!options.publicReads && path.startsWith('/api/')) {
      throw new AccordError(
        'UNAUTHENTICATED',
        'this server does not serve reads without an account',
      );
    }
  };

  const authenticate = async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request);
    if (token !== undefined) {
      limitToken(token);
      request.principal = (await services.access.authenticateToken(token)).principal;
      return;
    }
    const sessionId = request.cookies[SESSION_COOKIE];
    if (sessionId !== undefined && sessionId !== '') {
      const session = await services.access.authenticateSession(sessionId);
      if (session !== undefined) {
        request.principal = session.principal;
        request.csrfToken = session.csrfToken;
        if (!SAFE.has(request.method) && request.url !== '/api/v1/auth/sign-in') {
          const sent = request.headers['x-csrf-token'];
          if (sent !== session.csrfToken) {
            throw new AccordError(
              'FORBIDDEN',
              'x-csrf-token: missing or wrong; send the token returned at sign-in (or by GET /api/v1/auth/me)',
              { field: 'x-csrf-token' },
            );
          }
        }
      }
    }
    if (request.principal === undefined) checkAnonymous(request);
  };

  // A callback hook: the common anonymous read costs no promise and no database access.
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.headers.authorization === undefined && request.headers.cookie === undefined) {
      try {
        checkAnonymous(request);
        done();
      } catch (error) {
        done(error instanceof Error ? error : new Error(String(error)));
      }
      return;
    }
    authenticate(request).then(
      () => {
        done();
      },
      (error: unknown) => {
        done(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The caller of a write route; the auth hook has already refused anonymous writes. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === undefined) {
    throw new AccordError('UNAUTHENTICATED', 'sign in or send an API token to change anything');
  }
  return request.principal;
}

export function setSessionCookie(
  reply: FastifyReply,
  sessionId: string,
  expiresAt: string,
  secure: boolean,
): void {
  void reply.setCookie(SESSION_COOKIE, sessionId, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure });
}
