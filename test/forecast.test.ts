/** Forecasts through the services, the HTTP API and the CLI, on the built-in scenarios. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { SYSTEM_ACTOR } from '../src/services/context.js';
import { builtinText, openTestWorkspace, type TestWorkspace } from './helpers.js';

let ws: TestWorkspace;
let app: FastifyInstance;

beforeAll(async () => {
  ws = await openTestWorkspace();
  for (const id of ['vilnius-2023', 'nordic-2022']) {
    await ws.services.scenarios.importText(SYSTEM_ACTOR, builtinText(id), `${id}.yaml`);
  }
  app = await buildApp({ services: ws.services });
});

afterAll(async () => {
  await app.close();
  await ws.close();
});

describe('forecasts', () => {
  it('gives byte-identical JSON for the same seed and inputs', async () => {
    const url =
      '/api/v1/scenarios/vilnius-2023/forecast?asOf=2024-01-01&runs=500&seed=s1&roadmap=ua-sequenced';
    const a = await app.inject({ method: 'GET', url });
    const b = await app.inject({ method: 'GET', url });
    expect(a.statusCode).toBe(200);
    expect(a.body).toBe(b.body);
    const other = await app.inject({ method: 'GET', url: url.replace('seed=s1', 'seed=s2') });
    expect(other.body).not.toBe(a.body);
  });

  it('forecasts the gate, its credibility against the target, and Ukraine’s accession through the gate', async () => {
    const f = await ws.services.forecasts.forecast('vilnius-2023', {
      asOf: '2024-01-01',
      runs: 500,
      roadmap: 'ua-sequenced',
    });
    const gate = f.targets.find((t) => t.id === 'invitation-gate');
    expect(gate?.target).toBe('2026-06-30');
    const credibility = gate?.target === undefined ? undefined : gate.pBy[gate.target];
    expect(credibility).toBeGreaterThanOrEqual(0);
    expect(credibility).toBeLessThanOrEqual(1);
    const ua = f.targets.find((t) => t.id === 'accession-ua');
    expect(ua).toBeDefined();
    expect((ua?.p10 ?? '') >= (gate?.p10 ?? '')).toBe(true);
    for (const t of f.targets) expect(t.p10 <= t.p50 && t.p50 <= t.p90).toBe(true);
  });

  it('forecasts Finland and Sweden from their protocols without hindsight, and knows members once they join', async () => {
    const atProtocol = await ws.services.forecasts.forecast('nordic-2022', {
      asOf: '2022-07-05',
      runs: 2000,
    });
    const fi = atProtocol.targets.find((t) => t.id === 'accession-fi');
    expect(fi?.note).toMatch(/protocol signed 2022-07-05/);
    expect((fi?.p10 ?? '') > '2022-07-05').toBe(true);
    const later = await ws.services.forecasts.forecast('nordic-2022', {
      asOf: '2023-05-01',
      runs: 100,
    });
    expect(later.targets.find((t) => t.id === 'accession-fi')).toMatchObject({
      p10: '2023-04-04',
      p90: '2023-04-04',
    });
  });

  it('rejects bad parameters naming the field', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/scenarios/vilnius-2023/forecast?runs=0',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/^runs: /);
  });

  it('backtests on NATO’s rounds with coverage and both Brier scores', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/forecast/backtest?runs=300' });
    expect(res.statusCode).toBe(200);
    const r = res.json<{
      coverage: number;
      brierModel: number;
      brierBase: number;
      rows: unknown[];
    }>();
    expect(r.rows.length).toBeGreaterThan(5);
    expect(r.coverage).toBeGreaterThan(0);
    expect(r.brierModel).toBeGreaterThan(0);
    expect(r.brierBase).toBeGreaterThan(0);
  });
});
