/** accord user | token | audit | policy, in-process against a real data folder. */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-run.js';
import { ENGINE, tempDir } from './helpers.js';

let dir: string;

beforeAll(() => {
  dir = tempDir('accord-cli-access-');
  process.env.ACCORD_DATA_DIR = join(dir, 'data');
});

afterAll(() => {
  delete process.env.ACCORD_DATA_DIR;
  rmSync(dir, { recursive: true, force: true });
});

const run = runCli;

describe.skipIf(ENGINE !== 'sqlite')('accounts and the audit log from the command line', () => {
  it('creates accounts with tokens and lists them', async () => {
    const created = await run(
      'user',
      'create',
      'pl-delegation',
      '--role',
      'delegation',
      '--member',
      'pl',
      '--token',
      '--json',
    );
    expect(created.code).toBe(0);
    const body = JSON.parse(created.out) as {
      user: { role: string; member: string };
      token: { token: string };
    };
    // Shape checked field by field below.
    expect(body.user).toMatchObject({ role: 'delegation', member: 'PL' });
    expect(body.token.token).toMatch(/^acc_/);
    const list = await run('user', 'list');
    expect(list.out).toMatch(/^pl-delegation\s+delegation\s+PL\s+active/m);
  });

  it('explains what is missing', async () => {
    const noSecret = await run('user', 'create', 'x1', '--role', 'observer');
    expect(noSecret.code).toBe(1);
    expect(noSecret.err).toContain('--password-stdin or --token');
    const noMember = await run('user', 'create', 'x2', '--role', 'delegation', '--token');
    expect(noMember.code).toBe(1);
    expect(noMember.err).toContain('member: a delegation account needs the member it speaks for');
    const badRole = await run('user', 'create', 'x3', '--role', 'king', '--token');
    expect(badRole.code).not.toBe(0);
    expect(badRole.err).toMatch(/Allowed choices are admin, secretariat/);
  });

  it('revokes tokens', async () => {
    const made = await run('token', 'create', '--user', 'pl-delegation', '--label', 'ci', '--json');
    const id = (JSON.parse(made.out) as { id: string }).id;
    expect((await run('token', 'revoke', id)).code).toBe(0);
    const again = await run('token', 'revoke', id);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already revoked');
  });

  it('logs changes and verifies the chain; a hand edit names the first broken entry', async () => {
    const log = await run('audit', 'log', '--json');
    const entries = (JSON.parse(log.out) as { entries: { seq: number; action: string }[] }).entries;
    // The built-in scenarios' import and the accounts above.
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['scenario.import', 'user.manage']),
    );

    const ok = await run('audit', 'verify', '--json');
    expect(ok.code).toBe(0);
    const verdict = JSON.parse(ok.out) as {
      ok: boolean;
      entries: number;
      firstBroken: number | null;
    };
    expect(verdict).toMatchObject({ ok: true, firstBroken: null });
    expect(verdict.entries).toBe(entries.length);

    const sqlite = new Database(join(dir, 'data', 'accord.sqlite'));
    sqlite
      .prepare(
        'UPDATE audit_log SET actor_name = \'mallory\', actor = \'{"kind":"cli","name":"mallory"}\' WHERE seq = 2',
      )
      .run();
    sqlite.close();
    const broken = await run('audit', 'verify', '--json');
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.out)).toMatchObject({ ok: false, firstBroken: 2 });
  });

  it('exports with the chain head for a recipient to check', async () => {
    const file = join(dir, 'v.yaml');
    expect(
      (await run('scenario', 'export', 'vilnius-2023', '--with-audit-head', '-o', file)).code,
    ).toBe(0);
    const first = readFileSync(file, 'utf8').split('\n')[0] ?? '';
    expect(first).toMatch(/^# audit-head: \d+ [0-9a-f]{64}$/);
  });

  it('prints the policy table', async () => {
    const { out } = await run('policy');
    expect(out).toContain('| `position.record` |');
  });
});
