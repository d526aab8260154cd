/** Forecasts through the services, the HTTP API and the CLI, on the built-in scenarios. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { SYSTEM_ACTOR } from '../src/services/context.js';
import { runCli } from './cli-run.js';
import { builtinText, openTestWorkspace, tempDir, type TestWorkspace } from './helpers.js';

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

  it('forecasts consensus on each open decision from members’ positions, with the last holdouts as drivers', async () => {
    const f = await ws.services.forecasts.forecast('nordic-2022', {
      asOf: '2023-07-11',
      runs: 1000,
    });
    const se = f.targets.find((t) => t.id === 'ratify-sweden');
    expect(se?.kind).toBe('decision');
    expect(se?.drivers[0]?.id).toBe('HU');
    expect(f.targets.find((t) => t.id === 'ratify-finland')).toMatchObject({
      p10: '2023-04-04',
      p90: '2023-04-04',
    });
    for (const t of f.targets) {
      expect(Object.keys(t).slice(0, 2)).toEqual(['id', 'kind']);
      expect(t.p10 <= t.p50 && t.p50 <= t.p90).toBe(true);
    }
  });

  it('what-if: --assume brings Sweden’s ratification forward, through the API, reproducibly', async () => {
    const base = '/api/v1/scenarios/nordic-2022/forecast?asOf=2023-07-11&runs=1000&seed=w';
    const url = `${base}&assume=HU:support@2024-02-26:ratify-sweden&assume=TR:support@2024-01-23`;
    const a = await app.inject({ method: 'GET', url });
    const b = await app.inject({ method: 'GET', url });
    expect(a.statusCode).toBe(200);
    expect(a.body).toBe(b.body);
    type Body = {
      asOf: string;
      runs: number;
      seed: string;
      targets: { id: string; p90: string; note?: string }[];
    };
    const body = a.json<Body>();
    expect(Object.keys(body)).toEqual(['asOf', 'runs', 'seed', 'targets']);
    const without = (await app.inject({ method: 'GET', url: base })).json<Body>();
    const p90 = (r: Body) => r.targets.find((t) => t.id === 'ratify-sweden')?.p90 ?? '';
    expect(p90(body)).toBe('2024-02-26');
    expect(p90(body) <= p90(without)).toBe(true);
    expect(body.targets.find((t) => t.id === 'ratify-sweden')?.note).toMatch(
      /assumed: HU support from 2024-02-26; TR support from 2024-01-23/,
    );
  });

  it('rejects a bad assume naming the parameter', async () => {
    const bad = await app.inject({
      method: 'GET',
      url: '/api/v1/scenarios/nordic-2022/forecast?assume=TR:support@2024-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toMatch(/^assume/);
    const stance = await app.inject({
      method: 'GET',
      url: '/api/v1/scenarios/nordic-2022/forecast?assume=TR:maybe@2024-01-23',
    });
    expect(stance.statusCode).toBe(400);
    expect(stance.json<{ error: { message: string } }>().error.message).toMatch(
      /^assume: 'TR:maybe@2024-01-23': stance 'maybe' is not one of/,
    );
    const member = await app.inject({
      method: 'GET',
      url: '/api/v1/scenarios/nordic-2022/forecast?assume=XX:support@2024-01-23',
    });
    expect(member.statusCode).toBe(400);
    expect(member.body).toMatch(/XX is not a member/);
  });

  it('gives byte-identical output in this thread, on one worker and on two', async () => {
    const options = {
      asOf: '2023-07-11',
      runs: 6000,
      seed: 'workers',
      assume: ['TR:support@2024-01-23'],
    };
    const progress: number[] = [];
    const none = await ws.services.forecasts.forecast('nordic-2022', { ...options, workers: 0 });
    const one = await ws.services.forecasts.forecast('nordic-2022', { ...options, workers: 1 });
    const two = await ws.services.forecasts.forecast('nordic-2022', {
      ...options,
      workers: 2,
      onProgress: (done) => progress.push(done),
    });
    expect(JSON.stringify(one)).toBe(JSON.stringify(none));
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(progress.length).toBe(3);
    expect(Math.max(...progress)).toBe(6000);
  }, 60_000);

  it('accord forecast --assume: a bad what-if names the flag and what is wrong', async () => {
    const previous = process.env.ACCORD_DATA_DIR;
    process.env.ACCORD_DATA_DIR = tempDir('accord-forecast-cli-');
    try {
      const bad = await runCli('forecast', '-s', 'nordic-2022', '--assume', 'TR:support');
      expect(bad.code).not.toBe(0);
      expect(bad.err).toMatch(/--assume: 'TR:support': not of the form/);
      const args = [
        'forecast',
        '-s',
        'nordic-2022',
        '--as-of',
        '2023-07-11',
        '--runs',
        '300',
        '--assume',
        'HU:support@2024-02-26',
        '--json',
      ];
      const ok = await runCli(...args);
      expect(ok.code).toBe(0);
      const again = await runCli(...args);
      expect(again.out).toBe(ok.out);
      const parsed = JSON.parse(ok.out) as { targets: { id: string; p90: string }[] }; // CLI JSON
      expect(parsed.targets.find((t) => t.id === 'ratify-sweden')?.p90).toBe('2024-02-26');
    } finally {
      if (previous === undefined) delete process.env.ACCORD_DATA_DIR;
      else process.env.ACCORD_DATA_DIR = previous;
    }
  }, 60_000);
});
