/** The `accord` command line, run in-process with captured output against a real data folder. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-run.js';
import { breakScenario } from './fixtures.js';
import { tempDir } from './helpers.js';

let dir: string;

beforeAll(() => {
  dir = tempDir('accord-cli-');
  process.env.ACCORD_DATA_DIR = join(dir, 'data');
});

afterAll(() => {
  delete process.env.ACCORD_DATA_DIR;
  rmSync(dir, { recursive: true, force: true });
});

const run = runCli;

interface StatusJson {
  asOf: string;
  alliance: { id: string; members: { iso2: string; name: string }[] };
  decisions: {
    id: string;
    title: string;
    rule: string;
    status: string;
    supporters: string[];
    blockers: string[];
    undeclared: string[];
  }[];
  candidates: { iso2: string; stage: string | null; ratified: string[]; outstanding: string[] }[];
}

function parseStatus(text: string): StatusJson {
  return JSON.parse(text) as StatusJson;
  // The CLI's JSON is produced by summarizeStatus; the acceptance fields are asserted below.
}

describe('accord status', () => {
  it('loads the built-in scenarios on first use and answers the acceptance question', async () => {
    const { code, out } = await run(
      'status',
      '--scenario',
      'vilnius-2023',
      '--as-of',
      '2023-07-12',
      '--json',
    );
    expect(code).toBe(0);
    const s = parseStatus(out);
    expect(s.asOf).toBe('2023-07-12');
    expect(s.alliance.members).toHaveLength(31);
    expect(Object.keys(s.alliance.members[0] ?? {})).toEqual(['iso2', 'name']);
    const [a, b, c] = s.decisions;
    expect(a).toMatchObject({
      id: 'invite-ukraine-vilnius',
      rule: 'unanimity',
      status: 'no-consensus',
      supporters: [],
    });
    expect(b?.status).toBe('no-consensus');
    expect(b?.blockers).toEqual(expect.arrayContaining(['US', 'DE']));
    expect(b?.supporters).toEqual(expect.arrayContaining(['PL', 'LT', 'LV', 'EE']));
    expect(c?.status).toBe('consensus');
    expect(s.candidates).toEqual([
      {
        iso2: 'UA',
        name: 'Ukraine',
        stage: 'aspirant',
        ratified: [],
        outstanding: [],
        accession: null,
        isMember: false,
      },
    ]);
  });

  it('prints a readable table by default', async () => {
    const { code, out } = await run('status', '-s', 'nordic-2022', '--as-of', '2023-12-01');
    expect(code).toBe(0);
    expect(out).toMatch(/^candidate\s+stage\s+ratified\s+outstanding$/m);
    expect(out).toMatch(/^SE Sweden\s+ratifying\s+29\s+HU TR$/m);
  });

  it('names --as-of when the date is malformed', async () => {
    const { code, err } = await run('status', '-s', 'vilnius-2023', '--as-of', '12/07/2023');
    expect(code).toBe(1);
    expect(err).toContain("error: --as-of: '12/07/2023' is not a date written YYYY-MM-DD");
  });

  it('says which scenario does not exist', async () => {
    const { code, err } = await run('status', '-s', 'atlantis');
    expect(code).toBe(1);
    expect(err).toContain("scenario 'atlantis' does not exist");
  });

  it('requires --scenario', async () => {
    const { code, err } = await run('status');
    expect(code).not.toBe(0);
    expect(err).toMatch(/--scenario/);
  });
});

describe('accord scenario', () => {
  it('lists the scenarios', async () => {
    const { code, out } = await run('scenario', 'list', '--json');
    expect(code).toBe(0);
    expect((JSON.parse(out) as { scenarios: { id: string }[] }).scenarios.map((s) => s.id)).toEqual(
      ['nordic-2022', 'vilnius-2023'],
    );
  });

  it('exports a scenario that imports back to identical data', async () => {
    const file = join(dir, 'nordic.yaml');
    expect((await run('scenario', 'export', 'nordic-2022', '--output', file)).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^id: nordic-2022$/m);
    const refused = await run('scenario', 'import', file);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("scenario 'nordic-2022' already exists");
    const replaced = await run('scenario', 'import', file, '--replace', '--json');
    expect(replaced.code).toBe(0);
    expect(JSON.parse(replaced.out)).toMatchObject({
      id: 'nordic-2022',
      replaced: true,
      version: 2,
    });
    const again = await run('scenario', 'export', 'nordic-2022');
    expect(again.out.trimEnd()).toBe(readFileSync(file, 'utf8').trimEnd());
  });

  it('rejects a bad file whole, printing every problem with file and line', async () => {
    const file = join(dir, 'bad.yaml');
    const text = breakScenario(
      'name: Germany',
      'name: Germany\n    motto: none',
      breakScenario('iso2: DE', 'iso2: XX'),
    );
    writeFileSync(file, text);
    const { code, err } = await run('scenario', 'import', file);
    expect(code).toBe(1);
    expect(err).toContain(`${file}:`);
    expect(err).toMatch(/members\.1\.iso2: 'XX' is not an ISO 3166-1 alpha-2 country code/);
    expect(err).toMatch(/members\.1\.motto: unknown field/);
    expect(err).toContain('nothing was imported');
    const list = await run('scenario', 'list', '--json');
    expect((JSON.parse(list.out) as { scenarios: unknown[] }).scenarios).toHaveLength(2);
  });

  it('says when the file cannot be read', async () => {
    const { code, err } = await run('scenario', 'import', join(dir, 'missing.yaml'));
    expect(code).toBe(1);
    expect(err).toMatch(/cannot read/);
  });
});
