/**
 * The import rule of docs/ARCHITECTURE.md is enforced by the linter; this proves the rule
 * bites, by linting probe files that break it.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

async function lintProbe(layer: string, code: string): Promise<string[]> {
  const file = join(root, 'src', layer, `zz-architecture-probe-${process.pid}.ts`);
  writeFileSync(file, code);
  try {
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintFiles([file]);
    return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
  } finally {
    rmSync(file, { force: true });
  }
}

describe('the layer import rule', () => {
  it('keeps the core pure: no node:*, no outer layer, no clock, no randomness', async () => {
    const messages = await lintProbe(
      'core',
      [
        "import { readFileSync } from 'node:fs';",
        "import type { Db } from '../db/create-db.js';",
        'export const probe = (d: Db): unknown[] => [readFileSync, d, Date.now(), Math.random()];',
        '',
      ].join('\n'),
    );
    expect(messages.filter((m) => m.startsWith('no-restricted-imports'))).toHaveLength(2);
    expect(messages.filter((m) => m.startsWith('no-restricted-properties'))).toHaveLength(2);
  }, 60_000);

  it('stops services from importing the server', async () => {
    const messages = await lintProbe(
      'services',
      ["import { buildApp } from '../server/app.js';", 'export const probe = buildApp;', ''].join(
        '\n',
      ),
    );
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  }, 60_000);

  it('lets the server import services', async () => {
    const messages = await lintProbe(
      'server',
      [
        "import { createServices } from '../services/index.js';",
        'export const probe = createServices;',
        '',
      ].join('\n'),
    );
    expect(messages).toEqual([]);
  }, 60_000);
});

describe('the dashboard’s import rule', () => {
  it('lets src/web borrow core types but not core code, services or node', async () => {
    const messages = await lintProbe(
      'web',
      [
        "import type { Stance } from '../core/types.js';",
        "import { STANCES } from '../core/types.js';",
        "import { createServices } from '../services/index.js';",
        "import { readFileSync } from 'node:fs';",
        'export const probe = (s: Stance): unknown[] => [s, STANCES, createServices, readFileSync];',
        '',
      ].join('\n'),
    );
    const restricted = messages.filter((m) =>
      m.startsWith('@typescript-eslint/no-restricted-imports'),
    );
    expect(restricted).toHaveLength(3);
    expect(restricted.join('\n')).not.toMatch(/Stance\b.*type/);
  }, 60_000);
});
