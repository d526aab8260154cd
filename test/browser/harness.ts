/**
 * Browser tests drive Debian's Chromium with playwright-core against a real Accord server on a
 * loopback port, backed by a real database of its own (SQLite, or PostgreSQL when DATABASE_URL
 * is set). Every console error fails the test that caused it; screenshots are kept under
 * test-results/screenshots/ as artifacts.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { builtinText, openTestWorkspace, type TestWorkspace } from '../helpers.js';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium (CHROMIUM_PATH overrides); undefined when it is not installed. */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH !== undefined && process.env.CHROMIUM_PATH !== '')
    return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    return undefined;
  }
}

/** Outside CI a machine without Chromium skips the browser tests (with a warning); CI fails. */
export function browserAvailable(): boolean {
  const path = chromiumPath();
  if (path !== undefined && path !== '') return true;
  if (process.env.CI !== undefined && process.env.CI !== '') {
    throw new Error('Chromium is missing: .ci/run installs it with apt-get install -y chromium');
  }
  console.warn('Browser tests skipped: install Chromium (apt-get install -y chromium).');
  return false;
}

export interface Served {
  readonly ws: TestWorkspace;
  readonly app: FastifyInstance;
  readonly base: string;
  close(): Promise<void>;
}

/** A server with both built-in scenarios, on a free loopback port. */
export async function serveBuiltins(): Promise<Served> {
  // The real clock: the browser drops a session cookie whose expiry lies in its past.
  const ws = await openTestWorkspace({ clock: () => new Date() });
  for (const id of ['vilnius-2023', 'nordic-2022']) {
    await ws.services.scenarios.importText(SYSTEM_ACTOR, builtinText(id), `${id}.yaml`);
  }
  const app = await buildApp({ services: ws.services });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    ws,
    app,
    base: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await ws.close();
    },
  };
}

/** A test file's server and browser, started once before its tests and stopped after them. */
export interface BrowserSuite {
  /** False where Chromium is missing outside CI: the file's tests are then skipped. */
  readonly run: boolean;
  readonly server: () => Served;
  readonly browser: () => Session;
}

/** Registers the hooks; `prepare` runs against the server before the browser starts. */
export function browserSuite(prepare?: (served: Served) => Promise<void>): BrowserSuite {
  const run = browserAvailable();
  let served: Served | undefined;
  let session: Session | undefined;
  beforeAll(async () => {
    if (!run) return;
    served = await serveBuiltins();
    await prepare?.(served);
    session = await launch();
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    await served?.close();
  });
  return {
    run,
    server: () => {
      if (served === undefined) throw new Error('the server did not start');
      return served;
    },
    browser: () => {
      if (session === undefined) throw new Error('Chromium did not start');
      return session;
    },
  };
}

export interface Session {
  readonly context: BrowserContext;
  readonly profile: string;
  close(): Promise<void>;
}

export async function launch(): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'accord-chromium-'));
  // A fresh, empty profile per run: nothing from an earlier run (cache, cookies) can leak in.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    viewport: { width: 1360, height: 900 },
  });
  return {
    context,
    profile,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface WatchedPage {
  readonly page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  readonly errors: string[];
}

export async function openPage(session: Session): Promise<WatchedPage> {
  const page = await session.context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (error) => {
    errors.push(`uncaught: ${error.message}`);
  });
  return { page, errors };
}

const SHOTS = new URL('../../test-results/screenshots/', import.meta.url);

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true });
}

/** Wait until the page's main view says it has everything it needs. */
export async function ready(page: Page): Promise<void> {
  await page.locator('main [data-ready="true"]').first().waitFor({ timeout: 15_000 });
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[] }[];
}

/** axe-core in the page (evaluated through DevTools, so the page's CSP still holds). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // axe-core defines `axe` on the page's global object when its source is evaluated above;
    // with no context it checks the whole document.
    const axe = (
      globalThis as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact ?? ''}): ${v.help} — ${JSON.stringify(v.nodes.slice(0, 3))}`);
}

export function expectNoErrors(watched: WatchedPage, allowed: readonly RegExp[] = []): void {
  const unexpected = watched.errors.filter((e) => !allowed.some((re) => re.test(e)));
  expect(unexpected).toEqual([]);
  watched.errors.length = 0;
}
