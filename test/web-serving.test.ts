/**
 * How the server hands out the dashboard: from a built folder (a small fake one here, so the test
 * does not depend on `vite build`), with the SPA fallback, caching, compression and 404s.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { openTestWorkspace, tempDir, type TestWorkspace } from './helpers.js';

let ws: TestWorkspace;
let app: FastifyInstance;
let plainApp: FastifyInstance;
const bigScript = `console.log(${JSON.stringify('accord '.repeat(400))});`;

beforeAll(async () => {
  ws = await openTestWorkspace();
  const root = tempDir('accord-web-');
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Accord</title><div id="root">');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), bigScript);
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  app = await buildApp({ services: ws.services, webRoot: root });
  plainApp = await buildApp({ services: ws.services, webRoot: false });
});

afterAll(async () => {
  await app.close();
  await plainApp.close();
  await ws.close();
});

describe('serving the dashboard', () => {
  it('answers / and the dashboard’s own paths with index.html, revalidated each time', async () => {
    for (const url of ['/', '/s/vilnius-2023/overview?asOf=2023-07-12', '/s/x/positions']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('serves hashed assets for a year, gzipped when asked, and 304 on a matching ETag', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toMatch(/immutable/);
    expect(res.rawPayload.length).toBeLessThan(bigScript.length / 4);
    const plain = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(bigScript);
    const again = await app.inject({
      method: 'GET',
      url: '/assets/index-abc123.js',
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('keeps 404s real: missing files and unknown API routes get the error shape', async () => {
    const missing = await app.inject({ method: 'GET', url: '/assets/nope-123.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
    const api = await app.inject({ method: 'GET', url: '/api/v1/no-such-route' });
    expect(api.statusCode).toBe(404);
    expect(api.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
    const real = await app.inject({ method: 'GET', url: '/api/v1/scenarios' });
    expect(real.statusCode).toBe(200);
  });

  it('keeps the plain page at /plain, and at / when there is no dashboard', async () => {
    const plain = await app.inject({ method: 'GET', url: '/plain' });
    expect(plain.statusCode).toBe(200);
    expect(plain.body).not.toMatch(/<script/i);
    const fallback = await plainApp.inject({ method: 'GET', url: '/' });
    expect(fallback.statusCode).toBe(200);
    expect(fallback.body).not.toContain('<div id="root">');
    expect(fallback.body).toMatch(/<html/i);
  });
});
