/**
 * buildApp(deps) returns a ready Fastify instance and never listens: tests call `inject`, and
 * `src/cli/commands/serve.ts` is the only place that opens a port.
 */
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { AsOfQuery } from '../contracts/api.js';
import type { Services } from '../services/index.js';
import { registerErrorHandling } from './errors.js';
import { renderHomePage } from './page.js';
import { scenarioRoutes } from './routes/scenarios.js';

export interface AppDeps {
  readonly services: Services;
  readonly logger?: FastifyServerOptions['logger'];
  readonly version?: string;
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

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
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

  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  app.get('/api/v1/health', { schema: { hide: true } }, () => ({ ok: true }));

  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/', { schema: { hide: true, querystring: AsOfQuery } }, async (req, reply) => {
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

  await app.ready();
  return app;
}
