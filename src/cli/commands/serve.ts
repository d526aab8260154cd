import type { Command } from 'commander';
import { AccordError } from '../../core/errors.js';
import { webBuilt } from '../../server/web.js';
import { buildApp } from '../../server/app.js';
import type { Io } from '../io.js';
import { openWorkspace } from '../workspace.js';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AccordError(
      'VALIDATION_FAILED',
      `--port: '${value}' is not a port number (0–65535)`,
      { field: 'port' },
    );
  }
  return port;
}

export function serveCommand(program: Command, io: Io): void {
  program
    .command('serve')
    .description('serve the API and the web page (built-in scenarios are loaded on first start)')
    .option('-p, --port <port>', 'port to listen on (env PORT)', process.env.PORT ?? '3000')
    .option(
      '--host <host>',
      'address to bind; 127.0.0.1 keeps it on this machine (env HOST)',
      process.env.HOST ?? '127.0.0.1',
    )
    .option('--log', 'log each request as JSON lines')
    .option(
      '--private',
      'serve reads only to signed-in accounts (env ACCORD_PRIVATE=1)',
      process.env.ACCORD_PRIVATE === '1',
    )
    .option('--secure-cookies', 'mark session cookies Secure (when served behind HTTPS)')
    .action(
      async (opts: {
        port: string;
        host: string;
        log?: boolean;
        private?: boolean;
        secureCookies?: boolean;
      }) => {
        const port = parsePort(opts.port);
        const ws = await openWorkspace();
        if (ws.imported.length > 0) {
          io.err(
            `First start: loaded built-in scenarios ${ws.imported.map((r) => r.id).join(', ')} into ${ws.db.describe}`,
          );
        }
        const app = await buildApp({
          services: ws.services,
          logger: opts.log === true,
          publicReads: opts.private !== true,
          secureCookies: opts.secureCookies === true,
        });
        if (!webBuilt()) {
          io.err(
            'The dashboard is not built: serving the plain page at /. Build it with `npm run build:web`.',
          );
        }
        if (!(await ws.services.access.hasAccounts())) {
          io.err(
            'No accounts yet: reads are open, writes need an account. Create the first admin with\n' +
              '  npx accord user create <name> --role admin --password-stdin',
          );
        }
        try {
          await app.listen({ port, host: opts.host });
        } catch (error) {
          await app.close();
          await ws.close();
          if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
            throw new AccordError(
              'CONFLICT',
              `--port: port ${port} on ${opts.host} is already in use; choose another with --port`,
              {
                field: 'port',
              },
            );
          }
          throw error;
        }
        const address = app.server.address();
        const actualPort = typeof address === 'object' && address !== null ? address.port : port;
        const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
        io.out(`Accord is serving ${ws.db.describe} at http://${shownHost}:${actualPort}/`);
        const stop = (): void => {
          void app.close().then(() => ws.close());
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      },
    );
}
