/**
 * Teams and scale: the seeded generator, `accord scenario generate`, `db migrate`, `db copy`,
 * `backup` and `restore`, against real databases. Copies always start from a SQLite file (that
 * is what `db copy --from` takes); the target is this run's engine.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { generateScenario, mulberry32, seedFromText } from '../src/core/generate.js';
import { findCycle } from '../src/core/roadmap/graph.js';
import { validateScenario } from '../src/core/validate.js';
import { createDb } from '../src/db/create-db.js';
import { countAllRows } from '../src/db/copy.js';
import { cliActor, SYSTEM_ACTOR } from '../src/services/context.js';
import { generateAndStore } from '../src/services/generate.js';
import { createServices } from '../src/services/index.js';
import {
  builtinText,
  createTestDatabase,
  ENGINE,
  FIXED_NOW,
  openTestWorkspace,
  tempDir,
  type TestDatabase,
} from './helpers.js';

const OPERATOR = cliActor('test-operator');
const SMALL = {
  id: 'gen-small',
  members: 12,
  candidates: 3,
  benchmarks: 60,
  positions: 3000,
  seed: 's1',
} as const;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (t) => {
      out += t.endsWith('\n') ? t : `${t}\n`;
    },
    err: (t) => {
      err += t.endsWith('\n') ? t : `${t}\n`;
    },
  };
  const code = await main(['node', 'accord', ...args], io);
  return { code, out, err };
}

let dir: string;
beforeAll(() => {
  dir = tempDir('accord-scale-');
});
afterAll(() => {
  delete process.env.ACCORD_DATA_DIR;
  rmSync(dir, { recursive: true, force: true });
});

describe('generateScenario (pure)', () => {
  it('gives the same scenario for the same seed and another for another seed', () => {
    const a = generateScenario(SMALL, mulberry32(seedFromText('s1')));
    const b = generateScenario(SMALL, mulberry32(seedFromText('s1')));
    const c = generateScenario(SMALL, mulberry32(seedFromText('s2')));
    expect(a).toEqual(b);
    expect(a.positions).not.toEqual(c.positions);
  });

  it.each([1, 2, 3, 4, 5])(
    'produces a valid scenario with an acyclic roadmap (seed %i)',
    (seed) => {
      const s = generateScenario({ ...SMALL, seed: String(seed) }, mulberry32(seed));
      expect(validateScenario(s)).toEqual([]);
      expect(s.members).toHaveLength(12);
      expect(s.candidates).toHaveLength(3);
      expect(s.positions).toHaveLength(3000);
      const roadmap = s.roadmaps[0];
      expect(roadmap?.benchmarks).toHaveLength(60);
      if (roadmap === undefined) return;
      expect(
        findCycle(
          roadmap.benchmarks.map((b) => b.id),
          roadmap.dependencies,
        ),
      ).toBeUndefined();
      const index = new Map(roadmap.benchmarks.map((b, i) => [b.id, i]));
      for (const d of roadmap.dependencies)
        expect(index.get(d.from) ?? -1).toBeLessThan(index.get(d.to) ?? -1);
    },
  );

  it('refuses impossible sizes with the field named', () => {
    expect(() =>
      generateScenario({ ...SMALL, members: 200, candidates: 100 }, mulberry32(1)),
    ).toThrow(/candidates/);
    expect(() => generateScenario({ ...SMALL, positions: -1 }, mulberry32(1))).toThrow(/positions/);
  });
});

describe(`generateAndStore on ${ENGINE}`, () => {
  it('stores the scenario with one audit entry holding the options and counts', async () => {
    const ws = await openTestWorkspace();
    try {
      const result = await generateAndStore(
        { db: ws.db.kysely, clock: () => FIXED_NOW },
        OPERATOR,
        SMALL,
      );
      expect(result.counts.positions).toBe(3000);
      const loaded = await ws.services.scenarios.load('gen-small');
      expect(loaded).toEqual(generateScenario(SMALL, mulberry32(seedFromText('s1'))));
      const entries = await ws.services.audit.log(OPERATOR, { limit: 10 });
      expect(entries).toHaveLength(1);
      expect(entries[0]?.after).toMatchObject({ version: 1, counts: { positions: 3000 } });
      expect((await ws.services.audit.verify(OPERATOR)).ok).toBe(true);
      await expect(
        generateAndStore({ db: ws.db.kysely, clock: () => FIXED_NOW }, OPERATOR, SMALL),
      ).rejects.toThrow(/already exists/);
      const again = await generateAndStore({ db: ws.db.kysely, clock: () => FIXED_NOW }, OPERATOR, {
        ...SMALL,
        replace: true,
      });
      expect(again).toMatchObject({ version: 2, replaced: true });
      const status = await ws.services.scenarios.status('gen-small', '2024-01-01');
      expect(status.decisions).toHaveLength(3);
    } finally {
      await ws.close();
    }
  });
});

describe(`accord scenario generate and db migrate (${ENGINE})`, () => {
  it('generates through the CLI and reports counts and timings', async () => {
    process.env.ACCORD_DATA_DIR = join(dir, 'cli-gen');
    const r = await run(
      'scenario',
      'generate',
      '--members',
      '10',
      '--candidates',
      '2',
      '--benchmarks',
      '30',
      '--positions',
      '2000',
      '--seed',
      'x',
      '--id',
      'gen-cli',
    );
    expect(r.err).toContain('inserting');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/generated gen-cli \(version 1\): 10 members, 2 candidates/);
    const list = await run('scenario', 'list', '--json');
    expect(list.out).toContain('gen-cli');
  });

  it('migrates a fresh database and then reports it up to date', async () => {
    if (ENGINE === 'sqlite') process.env.ACCORD_DATA_DIR = join(dir, 'migrate');
    else {
      // A database of its own, so that "fresh" is true here.
      const fresh = await createTestDatabase();
      const saved = process.env.DATABASE_URL;
      process.env.DATABASE_URL = fresh.config.databaseUrl;
      try {
        const first = await run('db', 'migrate');
        expect(first.code).toBe(0);
        expect(first.out).toContain('applied 0001-scenarios');
        expect(first.out).toContain('applied 0003-roadmaps');
      } finally {
        process.env.DATABASE_URL = saved;
        await fresh.drop();
      }
      return;
    }
    const first = await run('db', 'migrate');
    expect(first.code).toBe(0);
    expect(first.out).toContain('applied 0001-scenarios');
    const second = await run('db', 'migrate');
    expect(second.out).toContain('already at the latest migration');
    expect(second.out).not.toContain('applied');
  });
});

/** A SQLite file with scenarios, accounts, a token, a session and an audit trail. */
async function sourceFile(name: string): Promise<string> {
  const file = join(dir, name, 'accord.sqlite');
  const db = await createDb({ sqliteFile: file });
  try {
    const services = createServices({ db: db.kysely, clock: () => FIXED_NOW });
    await services.scenarios.importText(SYSTEM_ACTOR, builtinText('vilnius-2023'), 'v.yaml');
    await services.access.createUser(OPERATOR, {
      name: 'alice',
      role: 'secretariat',
      password: 'correct horse battery staple',
    });
    await services.access.createToken(OPERATOR, 'alice', 'laptop');
    await services.access.signIn('alice', 'correct horse battery staple');
    await generateAndStore({ db: db.kysely, clock: () => FIXED_NOW }, OPERATOR, SMALL);
  } finally {
    await db.close();
  }
  return file;
}

async function counts(config: TestDatabase['config']): Promise<Record<string, number>> {
  const db = await createDb(config);
  try {
    return await countAllRows(db.kysely);
  } finally {
    await db.close();
  }
}

describe(`accord db copy: SQLite → ${ENGINE}`, () => {
  let source: string;
  let target: TestDatabase;
  let to: string;
  beforeAll(async () => {
    source = await sourceFile('copy-source');
    target = await createTestDatabase();
    to = target.config.databaseUrl ?? target.config.sqliteFile;
  });
  afterAll(async () => {
    await target.drop();
  });

  it('copies every table, then verifies counts and the audit chain', async () => {
    const r = await run('db', 'copy', '--from', source, '--to', to);
    expect(r.err).toContain('copying');
    expect(r.out).toContain('counts and audit chain agree');
    expect(r.code).toBe(0);
    const copied = await counts(target.config);
    expect(copied).toEqual(await counts({ sqliteFile: source }));
    for (const t of [
      'scenarios',
      'positions',
      'users',
      'tokens',
      'sessions',
      'audit_log',
      'roadmaps',
    ])
      expect(copied[t]).toBeGreaterThan(0);
    // The copy is usable: the same answers come out of it.
    const db = await createDb(target.config);
    try {
      const services = createServices({ db: db.kysely, clock: () => FIXED_NOW });
      const status = await services.scenarios.status('vilnius-2023', '2023-07-11');
      expect(status.decisions.length).toBeGreaterThan(0);
      expect((await services.audit.verify(OPERATOR)).ok).toBe(true);
    } finally {
      await db.close();
    }
  });

  it('refuses a non-empty target without --replace, and writes nothing', async () => {
    const before = await counts(target.config);
    const r = await run('db', 'copy', '--from', source, '--to', to);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not empty.*--replace/);
    expect(await counts(target.config)).toEqual(before);
    const replaced = await run('db', 'copy', '--from', source, '--to', to, '--replace', '--json');
    expect(replaced.code).toBe(0);
    expect(JSON.parse(replaced.out)).toMatchObject({ ok: true, countsMatch: true });
  });

  it('exits 1 when the audit chain does not verify on the target', async () => {
    const tampered = await sourceFile('copy-tampered');
    const db = await createDb({ sqliteFile: tampered });
    await sql`update audit_log set after = '{"version":99}' where seq = 1`.execute(db.kysely);
    await db.close();
    const r = await run('db', 'copy', '--from', tampered, '--to', to, '--replace');
    expect(r.out).toContain('BROKEN at entry 1');
    expect(r.code).toBe(1);
  });

  it('says which file is missing', async () => {
    const r = await run('db', 'copy', '--from', join(dir, 'nope.sqlite'), '--to', to);
    expect(r.code).toBe(1);
    expect(r.err).toContain('does not exist');
    expect(existsSync(join(dir, 'nope.sqlite'))).toBe(false);
  });
});

describe(`accord backup and restore (${ENGINE})`, () => {
  /** Point the CLI's workspace at a fresh database of this engine. */
  async function useWorkspace(name: string): Promise<TestDatabase> {
    const database = await createTestDatabase();
    process.env.ACCORD_DATA_DIR = join(dir, name);
    if (database.config.databaseUrl !== undefined)
      process.env.DATABASE_URL = database.config.databaseUrl;
    return database;
  }
  let savedUrl: string | undefined;
  const made: TestDatabase[] = [];
  beforeAll(() => {
    savedUrl = process.env.DATABASE_URL;
  });
  afterAll(async () => {
    process.env.DATABASE_URL = savedUrl;
    for (const d of made) await d.drop();
  });

  it('backs up, refuses to restore over data, restores into an empty workspace', async () => {
    made.push(await useWorkspace('bk-a'));
    expect((await run('scenario', 'list')).code).toBe(0); // loads the built-ins
    const file = join(dir, ENGINE === 'sqlite' ? 'a.sqlite' : 'a.jsonl');
    const b = await run('backup', file);
    expect(b.code).toBe(0);
    expect(b.out).toContain(ENGINE === 'sqlite' ? 'wrote SQLite backup' : 'wrote Accord export');
    if (ENGINE === 'postgres') expect(b.out).toContain('pg_dump');
    expect((await run('backup', file)).code).toBe(1); // never overwrites a file

    const refused = await run('restore', file);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('not empty');
    const replaced = await run('restore', file, '--replace');
    expect(replaced.code).toBe(0);

    made.push(await useWorkspace('bk-b'));
    const restored = await run('restore', file, '--json');
    expect(restored.code).toBe(0);
    // The report is the service's CopyReport; only these two fields are checked here.
    const report = JSON.parse(restored.out) as { ok: boolean; rows: number };
    expect(report.ok).toBe(true);
    expect(report.rows).toBeGreaterThan(100);
    const list = await run('scenario', 'list', '--json');
    expect(list.out).toContain('vilnius-2023');
    expect((await run('audit', 'verify')).code).toBe(0);
  });

  it('round-trips an Accord export (--jsonl) on any engine', async () => {
    made.push(await useWorkspace('jl-a'));
    expect((await run('scenario', 'list')).code).toBe(0);
    const file = join(dir, 'export.jsonl');
    expect((await run('backup', file, '--jsonl')).code).toBe(0);
    made.push(await useWorkspace('jl-b'));
    const r = await run('restore', file);
    expect(r.out).toContain('counts and audit chain agree');
    expect(r.code).toBe(0);
  });

  it('rejects a file that is neither a SQLite backup nor an export', async () => {
    made.push(await useWorkspace('bad'));
    const file = join(dir, 'bad.txt');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'hello\n');
    const r = await run('restore', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('not an Accord export');
  });
});
