/**
 * buildApp(deps) returns a ready Fastify instance and never listens: tests call `inject`, and
 * `src/cli/commands/serve.ts` is the only place that opens a port.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { AsOfQuery } from '../contracts/api.js';
import type { Services } from '../services/index.js';
import { AccordError } from '../core/errors.js';
import { registerAuth } from './auth.js';
import { buildSecurityHeaders } from './headers.js';
import { registerErrorHandling } from './errors.js';
import { accessRoutes } from './routes/access.js';
import { briefingRoutes } from './routes/briefings.js';
import { forecastRoutes } from './routes/forecasts.js';
import { roadmapRoutes } from './routes/roadmaps.js';
import { writeRoutes } from './routes/writes.js';
import { renderHomePage } from './page.js';
import { loadWebAssets, registerWeb } from './web.js';
import { scenarioRoutes } from './routes/scenarios.js';

export interface AppDeps {
  readonly services: Services;
  readonly logger?: FastifyServerOptions['logger'];
  readonly version?: string;
  /** Serve reads without an account (default true); writes always need one. */
  readonly publicReads?: boolean;
  /** Mark session cookies Secure (set when served over HTTPS). */
  readonly secureCookies?: boolean;
  /** Sign-in attempts per minute per client address (default 10). */
  readonly signInPerMinute?: number;
  /**
   * The built dashboard's folder (default dist/web); `false` serves only the plain page. When the
   * folder has no build, `/` falls back to the plain page too.
   */
  readonly webRoot?: string | false;
  /** Requests per minute per API token (default 1200). */
  readonly tokenRequestsPerMinute?: number;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 5 * 1024 * 1024,
    // Query strings like ?asOf=… are parsed strictly; unknown parameters are rejected by schema.
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  // Response schemas document the API; replies are plain JSON.stringify (fast, and typed in TS).
  // Services hand out the same immutable object for the same question (see the status cache), so
  // its serialized form is remembered per object.
  const serialized = new WeakMap<object, string>();
  app.setSerializerCompiler(() => (payload) => {
    const data: unknown = payload;
    if (typeof data !== 'object' || data === null) return JSON.stringify(data);
    const hit = serialized.get(data);
    if (hit !== undefined) return hit;
    const text = JSON.stringify(data);
    serialized.set(data, text);
    return text;
  });
  registerErrorHandling(app);

  // Security headers: the same set helmet sends, precomputed once and set in one call
  // (helmet itself cost about a quarter of the status endpoint's throughput; ADR 0003).
  const securityHeaders = buildSecurityHeaders(deps.secureCookies ?? false);
  app.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(securityHeaders);
    done();
  });
  await app.register(cookie);
  // Sign-in is limited per route (config.rateLimit); token use is limited in the auth hook, so
  // anonymous reads pay nothing for either.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) =>
      new AccordError('RATE_LIMITED', `too many attempts; try again in ${context.after}`, {
        retryAfter: context.after,
      }),
  });
  registerAuth(app, deps.services, {
    publicReads: deps.publicReads ?? true,
    tokenRequestsPerMinute: deps.tokenRequestsPerMinute ?? 1200,
    clock: () => Date.now(),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token from `accord token create`',
          },
          session: { type: 'apiKey', in: 'cookie', name: 'accord_session' },
        },
      },
      info: {
        title: 'Accord API',
        version: deps.version ?? '0.1.0',
        description:
          'Members, positions and consensus as of any date. Errors share one shape: {"error": {"code", "message", "details"}}.',
      },
    },
    transform: jsonSchemaTransform,
  });

  scenarioRoutes(app, deps.services);
  writeRoutes(app, deps.services);
  roadmapRoutes(app, deps.services);
  forecastRoutes(app, deps.services);
  briefingRoutes(app, deps.services);
  accessRoutes(app, deps.services, {
    signInPerMinute: deps.signInPerMinute ?? 10,
    secureCookies: deps.secureCookies ?? false,
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  app.get('/api/v1/health', { schema: { hide: true } }, () => ({ ok: true }));

  // The plain page: server-rendered, no script; for text browsers and as the fallback when the
  // dashboard is not built.
  const web = deps.webRoot === false ? undefined : loadWebAssets(deps.webRoot);
  const plainPaths = web === undefined ? ['/plain', '/'] : ['/plain'];
  for (const path of plainPaths)
    app
      .withTypeProvider<ZodTypeProvider>()
      .get(path, { schema: { hide: true, querystring: AsOfQuery } }, async (req, reply) => {
        const list = await deps.services.scenarios.list();
        const sections = await Promise.all(
          list.map(async (s) => ({
            detail: await deps.services.scenarios.get(s.id),
            status: await deps.services.scenarios.status(s.id, req.query.asOf),
          })),
        );
        const asOf =
          sections[0]?.status.asOf ?? req.query.asOf ?? new Date().toISOString().slice(0, 10);
        return reply.type('text/html; charset=utf-8').send(renderHomePage(asOf, sections));
      });
  if (web !== undefined) registerWeb(app, web);

  await app.ready();
  return app;
}
