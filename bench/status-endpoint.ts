/**
 * Status endpoint vs. a bare Fastify route, in one run on the same machine: the ratio of the two
 * is what we track, since absolute figures depend on the machine. Goal: the status endpoint
 * serves at least half the requests per second of the bare route.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { openWorkspace, type Workspace } from '../src/cli/workspace.js';
import { buildApp } from '../src/server/app.js';
import {
  BenchError,
  bestRun,
  describe,
  formatTable,
  listenOnLoopback,
  measure,
  writeResults,
  type BenchSettings,
  type Benchmark,
  type RunFigures,
} from './harness.js';

export const STATUS_PATH = '/api/v1/scenarios/vilnius-2023/status?asOf=2023-07-12';
export const EXPECTED_MEMBERS = 31;
/** Goal: status endpoint requests/s at least this share of the bare route's. */
export const GOAL_RATIO = 0.5;

/** The baseline: Fastify 5 defaults, one JSON route returning a small object. */
export async function buildBareApp(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.get('/bare', () => ({ ok: true, service: 'bare', version: 1 }));
  await app.ready();
  return app;
}

function memberCount(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null || !('alliance' in body)) return undefined;
  const alliance: unknown = body.alliance;
  if (typeof alliance !== 'object' || alliance === null || !('members' in alliance))
    return undefined;
  const members: unknown = alliance.members;
  return Array.isArray(members) ? members.length : undefined;
}

/** One request before benchmarking: must answer 200 with the expected members, else fail loudly. */
export async function verifyStatus(url: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new BenchError(`GET ${url} failed: ${describe(error)}`, { cause: error });
  }
  const text = await response.text();
  if (response.status !== 200) {
    throw new BenchError(
      `GET ${url} answered ${response.status}, expected 200: ${text.slice(0, 500)}`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new BenchError(`GET ${url} did not return JSON: ${describe(error)}`, { cause: error });
  }
  const count = memberCount(body);
  if (count !== EXPECTED_MEMBERS) {
    throw new BenchError(
      `GET ${url} returned ${count === undefined ? 'no alliance.members' : `${count} members`}, expected ${EXPECTED_MEMBERS}`,
    );
  }
}

export interface TargetResult {
  readonly target: string;
  readonly url: string;
  readonly runs: readonly RunFigures[];
  readonly best: RunFigures;
}

export interface StatusEndpointReport {
  readonly benchmark: 'status-endpoint';
  readonly timestamp: string;
  readonly node: string;
  /** 1/5/15-minute load average when the run started: a busy machine makes figures noisy. */
  readonly loadAverage: readonly number[];
  readonly settings: BenchSettings;
  readonly bare: TargetResult;
  readonly accord: TargetResult;
  /** latencyP99 is null when the bare route's p99 rounds to 0 ms (no meaningful ratio). */
  readonly ratio: { readonly requestsPerSec: number; readonly latencyP99: number | null };
  readonly goal: { readonly requestsPerSecRatio: number; readonly met: boolean };
}

/** autocannon records latency in whole milliseconds; 0 means under 1 ms. */
const ms = (value: number) => (value === 0 ? '<1' : value.toFixed(0));
const ratio = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));

export function formatReport(report: StatusEndpointReport): string {
  const row = (r: TargetResult) => [
    r.target,
    Math.round(r.best.requestsPerSec).toString(),
    ms(r.best.latencyP50Ms),
    ms(r.best.latencyP99Ms),
  ];
  const table = formatTable(
    ['target', 'req/s (avg)', 'p50 (ms)', 'p99 (ms)'],
    [
      row(report.bare),
      row(report.accord),
      ['ratio accord/bare', ratio(report.ratio.requestsPerSec), '', ratio(report.ratio.latencyP99)],
    ],
  );
  const verdict = report.goal.met
    ? `goal met: status endpoint at ${ratio(report.ratio.requestsPerSec)} of the bare route's req/s (goal >= ${GOAL_RATIO})`
    : `goal NOT met: status endpoint at ${ratio(report.ratio.requestsPerSec)} of the bare route's req/s (goal >= ${GOAL_RATIO})`;
  const notes = `(latency resolution: 1 ms; better of ${report.bare.runs.length} runs each; load average at start ${report.loadAverage.join(' ')})`;
  return `${table}\n${notes}\n\n${verdict}`;
}

async function closeQuietly(label: string, close: () => Promise<unknown>): Promise<void> {
  try {
    await close();
  } catch (error) {
    console.error(`warning: closing ${label} failed: ${describe(error)}`);
  }
}

export async function runStatusEndpoint(settings: BenchSettings): Promise<StatusEndpointReport> {
  const loadAverage = loadavg().map((l) => Math.round(l * 100) / 100);
  const dataDir = await mkdtemp(join(tmpdir(), 'accord-bench-'));
  let workspace: Workspace | undefined;
  let bare: FastifyInstance | undefined;
  let accord: FastifyInstance | undefined;
  try {
    bare = await buildBareApp();
    const bareUrl = `${await listenOnLoopback(bare, 'bare Fastify')}/bare`;

    try {
      workspace = await openWorkspace({ dataDir, builtins: true });
      accord = await buildApp({ services: workspace.services });
    } catch (error) {
      throw new BenchError(`Accord server failed to start: ${describe(error)}`, { cause: error });
    }
    const accordUrl = `${await listenOnLoopback(accord, 'Accord')}${STATUS_PATH}`;
    await verifyStatus(accordUrl);

    const bareRuns: RunFigures[] = [];
    const accordRuns: RunFigures[] = [];
    for (let round = 1; round <= settings.rounds; round++) {
      console.log(`  round ${round}/${settings.rounds}: bare …`);
      bareRuns.push(await measure('bare', bareUrl, settings));
      console.log(`  round ${round}/${settings.rounds}: accord …`);
      accordRuns.push(await measure('accord', accordUrl, settings));
    }

    const bareBest = bestRun(bareRuns);
    const accordBest = bestRun(accordRuns);
    const rpsRatio = accordBest.requestsPerSec / bareBest.requestsPerSec;
    const report: StatusEndpointReport = {
      benchmark: 'status-endpoint',
      timestamp: new Date().toISOString(),
      node: process.version,
      loadAverage,
      settings,
      bare: { target: 'bare GET /bare', url: bareUrl, runs: bareRuns, best: bareBest },
      accord: { target: 'accord GET status', url: accordUrl, runs: accordRuns, best: accordBest },
      ratio: {
        requestsPerSec: rpsRatio,
        latencyP99:
          bareBest.latencyP99Ms > 0 ? accordBest.latencyP99Ms / bareBest.latencyP99Ms : null,
      },
      goal: { requestsPerSecRatio: GOAL_RATIO, met: rpsRatio >= GOAL_RATIO },
    };
    return report;
  } finally {
    const [accordApp, bareApp, ws] = [accord, bare, workspace];
    if (accordApp !== undefined) await closeQuietly('Accord server', () => accordApp.close());
    if (bareApp !== undefined) await closeQuietly('bare server', () => bareApp.close());
    if (ws !== undefined) await closeQuietly('workspace', () => ws.close());
    await closeQuietly('temporary data dir', () => rm(dataDir, { recursive: true, force: true }));
  }
}

export const statusEndpointBenchmark: Benchmark = {
  name: 'status-endpoint',
  description: `GET ${STATUS_PATH} vs. a bare Fastify JSON route`,
  async run(settings) {
    const report = await runStatusEndpoint(settings);
    console.log();
    console.log(formatReport(report));
    const file = await writeResults('status-endpoint', report);
    console.log(`\nresults written to ${file}`);
  },
};
