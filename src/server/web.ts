/**
 * Serves the built dashboard (dist/web) from memory: files are read and gzip-compressed once at
 * start-up, hashed assets are cached for a year, and any other non-API path gets index.html so
 * the dashboard's own router can answer it. See ADR 0004 for why this is not @fastify/static.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AccordError } from '../core/errors.js';

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

interface Asset {
  readonly type: string;
  readonly body: Buffer;
  readonly gzip: Buffer | undefined;
  readonly etag: string;
  readonly immutable: boolean;
}

export interface WebAssets {
  readonly root: string;
  readonly files: ReadonlyMap<string, Asset>;
  readonly index: Asset;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Whether the dashboard has been built (cheap: no file is read). */
export function webBuilt(root: string = DEFAULT_WEB_ROOT): boolean {
  return existsSync(join(root, 'index.html'));
}

/** The built dashboard, or undefined when it has not been built (`npm run build:web`). */
export function loadWebAssets(root: string = DEFAULT_WEB_ROOT): WebAssets | undefined {
  if (!webBuilt(root)) return undefined;
  const files = new Map<string, Asset>();
  for (const file of walk(root)) {
    const url = `/${relative(root, file).split(sep).join('/')}`;
    const body = readFileSync(file);
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const compressible = /text|json|svg/.test(type) && body.length > 1024;
    files.set(url, {
      type,
      body,
      gzip: compressible ? gzipSync(body, { level: 9 }) : undefined,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      // Vite puts a content hash in every name under /assets/.
      immutable: url.startsWith('/assets/'),
    });
  }
  const index = files.get('/index.html');
  if (index === undefined) return undefined;
  return { root, files, index };
}

function send(req: FastifyRequest, reply: FastifyReply, asset: Asset): FastifyReply {
  reply
    .header('content-type', asset.type)
    .header('etag', asset.etag)
    .header('vary', 'accept-encoding')
    .header('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (req.headers['if-none-match'] === asset.etag) return reply.code(304).send();
  const accepts = req.headers['accept-encoding'];
  if (asset.gzip !== undefined && typeof accepts === 'string' && /\bgzip\b/.test(accepts)) {
    return reply.header('content-encoding', 'gzip').send(asset.gzip);
  }
  return reply.send(asset.body);
}

/** `/`, the dashboard's own paths (`/s/…`) and its files; `/api/…` stays the API's. */
export function registerWeb(app: FastifyInstance, assets: WebAssets): void {
  const handler = (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0] ?? '/';
    if (path.startsWith('/api/')) {
      throw new AccordError('NOT_FOUND', `there is no API route ${req.method} ${path}`);
    }
    const file = assets.files.get(path);
    if (file !== undefined) return send(req, reply, file);
    // A missing file with an extension is a real 404, not a page of the dashboard.
    if (/\.[a-z0-9]+$/i.test(path)) {
      throw new AccordError('NOT_FOUND', `there is no file ${path}`);
    }
    return send(req, reply, assets.index);
  };
  app.get('/', { schema: { hide: true } }, handler);
  app.get('/*', { schema: { hide: true } }, handler);
}
