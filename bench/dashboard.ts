/**
 * Dashboard: what the overview costs a browser. Two figures, each printed next to the API's own
 * response time for the same data (the baseline):
 *  - the gzipped size of the JavaScript the Vilnius overview loads (every script Chromium
 *    requested while opening it), and of the API's JSON for it;
 *  - the time from navigation to the overview's first complete render (all figures on screen and
 *    the map drawn: the later of the performance marks `accord:overview-data` and
 *    `accord:map-drawn`) in headless Chromium, cold (fresh profile) and warm (reload), against
 *    the time Node takes to fetch the same API requests in the same order and parallelism.
 *
 * Settings: BENCH_DASHBOARD_RUNS (navigations per case, default 7; medians are reported).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { chromiumPath, launch, serveBuiltins } from '../test/browser/harness.js';
import { BenchError, ROOT_DIR, formatTable, writeResults, type Benchmark } from './harness.js';

const OVERVIEW = '/s/vilnius-2023/overview?asOf=2023-07-12';
const DECISIONS = [
  'invite-ukraine-vilnius',
  'membership-timeline',
  'vilnius-package',
  'invite-ukraine',
];

/** The overview's API requests, in the stages the dashboard makes them. */
const API_STAGES: readonly (readonly string[])[] = [
  ['/api/v1/scenarios', '/api/v1/auth/me'],
  ['/api/v1/scenarios/vilnius-2023', '/api/v1/scenarios/vilnius-2023/sources'],
  [
    '/api/v1/scenarios/vilnius-2023/members?asOf=9999-12-31',
    '/api/v1/scenarios/vilnius-2023/status?asOf=2023-07-12',
    ...DECISIONS.map((d) => `/api/v1/scenarios/vilnius-2023/decisions/${d}?asOf=2023-07-12`),
  ],
];

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

async function renderTime(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.locator('main [data-ready="true"]').first().waitFor({ timeout: 30_000 });
  await page.locator('.member-map svg[data-ready="true"]').waitFor({ timeout: 30_000 });
  const marks = await page.evaluate(() =>
    ['accord:overview-data', 'accord:map-drawn'].map(
      (name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN,
    ),
  );
  const t = Math.max(...marks);
  if (!Number.isFinite(t)) throw new BenchError('the overview did not set its performance marks');
  return t;
}

async function apiTime(base: string): Promise<{ ms: number; bytes: number; gzipBytes: number }> {
  const started = performance.now();
  let bytes = 0;
  let gzipBytes = 0;
  for (const stage of API_STAGES) {
    const bodies = await Promise.all(
      stage.map(async (path) => {
        const res = await fetch(`${base}${path}`);
        if (!res.ok) throw new BenchError(`${path} answered ${res.status}`);
        return Buffer.from(await res.arrayBuffer());
      }),
    );
    for (const b of bodies) {
      bytes += b.length;
      gzipBytes += gzipSync(b).length;
    }
  }
  return { ms: performance.now() - started, bytes, gzipBytes };
}

export const dashboardBenchmark: Benchmark = {
  name: 'dashboard',
  description:
    'the Vilnius overview in headless Chromium: gzipped JS it loads and time to first complete render, against the API time for the same data',
  async run() {
    if (chromiumPath() === undefined)
      throw new BenchError('Chromium is missing (apt-get install -y chromium)');
    execFileSync(process.execPath, [join(ROOT_DIR, 'scripts', 'build-web.js')], {
      stdio: 'inherit',
    });
    const runs = Math.max(3, Number(process.env.BENCH_DASHBOARD_RUNS ?? '7') || 7);
    const served = await serveBuiltins();
    try {
      // What the overview loads: every script Chromium asks for on a cold load.
      const probe = await launch();
      const scripts = new Set<string>();
      const page = await probe.context.newPage();
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
      });
      await renderTime(page, `${served.base}${OVERVIEW}`);
      await probe.close();
      let jsBytes = 0;
      let jsGzip = 0;
      for (const path of scripts) {
        const body = readFileSync(join(ROOT_DIR, 'dist', 'web', path));
        jsBytes += body.length;
        jsGzip += gzipSync(body, { level: 9 }).length;
      }

      const cold: number[] = [];
      const warm: number[] = [];
      for (let i = 0; i < runs; i++) {
        const session = await launch();
        const p = await session.context.newPage();
        cold.push(await renderTime(p, `${served.base}${OVERVIEW}`));
        warm.push(await renderTime(p, `${served.base}${OVERVIEW}`));
        await session.close();
      }
      const api: { ms: number; bytes: number; gzipBytes: number }[] = [];
      for (let i = 0; i < runs; i++) api.push(await apiTime(served.base));
      const apiMs = median(api.map((a) => a.ms));
      const coldMs = median(cold);
      const warmMs = median(warm);
      const apiGzip = api[0]?.gzipBytes ?? 0;
      console.log(
        formatTable(
          ['measure', 'dashboard', 'API baseline', 'ratio'],
          [
            [
              'gzipped bytes',
              `${(jsGzip / 1024).toFixed(1)} KiB JS (${scripts.size} files, ${(jsBytes / 1024).toFixed(0)} KiB raw)`,
              `${(apiGzip / 1024).toFixed(1)} KiB JSON`,
              (jsGzip / Math.max(apiGzip, 1)).toFixed(1),
            ],
            [
              'first complete render, cold',
              `${coldMs.toFixed(0)} ms`,
              `${apiMs.toFixed(1)} ms`,
              (coldMs / apiMs).toFixed(1),
            ],
            [
              'first complete render, warm',
              `${warmMs.toFixed(0)} ms`,
              `${apiMs.toFixed(1)} ms`,
              (warmMs / apiMs).toFixed(1),
            ],
          ],
        ),
      );
      const file = await writeResults('dashboard', {
        runs,
        scripts: [...scripts],
        jsBytes,
        jsGzip,
        apiGzip,
        coldMs: cold,
        warmMs: warm,
        apiMs: api.map((a) => a.ms),
      });
      console.log(`(median of ${runs} navigations each; all figures in ${file})`);
    } finally {
      await served.close();
    }
  },
};
