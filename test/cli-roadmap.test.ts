/** accord roadmap | assess | evidence | report, in-process against a real data folder. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-run.js';
import { BUILTIN_DIR } from '../src/cli/workspace.js';
import { tempDir } from './helpers.js';

let dir: string;

beforeAll(() => {
  dir = tempDir('accord-cli-roadmap-');
  process.env.ACCORD_DATA_DIR = join(dir, 'data');
});

afterAll(() => {
  delete process.env.ACCORD_DATA_DIR;
  rmSync(dir, { recursive: true, force: true });
});

const run = runCli;

interface ShowJson {
  tracks: { id: string; benchmarks: { id: string; status: string; basis: string }[] }[];
  dependencies: { from: string; to: string }[];
  criticalPath: string[];
  gates: { gate: string; decision: string; ready: boolean; outstanding: unknown[] }[];
}

describe('accord roadmap', () => {
  it('shows the Vilnius roadmap as JSON: tracks, benchmarks with status and basis, dependencies, critical path, gate', async () => {
    const { code, out } = await run(
      'roadmap',
      'show',
      '--scenario',
      'vilnius-2023',
      '--as-of',
      '2024-01-01',
      '--json',
    );
    expect(code).toBe(0);
    const view = JSON.parse(out) as ShowJson;
    // The acceptance fields are checked one by one below.
    expect(view.tracks.map((t) => t.id)).toEqual(
      expect.arrayContaining([
        'interoperability',
        'democratic-reforms',
        'security-sector-reforms',
        'rule-of-law',
        'anti-corruption',
      ]),
    );
    for (const b of view.tracks.flatMap((t) => t.benchmarks)) {
      expect(b.status).toBe('not-started');
      expect(b.basis).toBe('illustrative');
    }
    expect(view.dependencies.length).toBeGreaterThan(0);
    expect(view.criticalPath.at(-1)).toBe('invitation-gate');
    expect(view.gates[0]).toMatchObject({
      gate: 'invitation-gate',
      decision: 'invite-ukraine',
      ready: false,
    });
  });

  it('compares the two approaches side by side', async () => {
    const { code, out } = await run(
      'roadmap',
      'compare',
      '-s',
      'vilnius-2023',
      'ua-sequenced',
      'ua-incremental',
      '--as-of',
      '2024-01-01',
    );
    expect(code).toBe(0);
    expect(out).toMatch(/dated gates and milestones\s+7\s+0/);
    expect(out).toContain('ua-incremental commits the alliance to:');
  });

  it('validates a file and names a cycle', async () => {
    const good = join(BUILTIN_DIR, 'vilnius-2023.yaml');
    expect((await run('roadmap', 'validate', good)).code).toBe(0);
    const text = readFileSync(good, 'utf8').replace(
      /dependencies:\n(\s+)- \{/,
      (m, indent: string) =>
        `dependencies:\n${indent}- { from: ac-track-record, to: ac-bodies-independence }\n${indent}- {`,
    );
    const bad = join(dir, 'cyclic.yaml');
    writeFileSync(bad, text);
    const { code, out } = await run('roadmap', 'validate', bad);
    expect(code).toBe(1);
    expect(out).toMatch(/cycle: .*ac-bodies-independence.*ac-track-record/);
  });

  it('records an assessment and evidence, and reports the review', async () => {
    const assess = await run(
      'assess',
      '-s',
      'vilnius-2023',
      '-r',
      'ua-incremental',
      '-b',
      'io-c2-standards',
      '--assessor',
      'secretariat',
      '--date',
      '2024-06-01',
      '--met',
      '--rationale',
      'test: standards adopted',
    );
    expect(assess.code, assess.err).toBe(0);
    const evidence = await run(
      'evidence',
      'add',
      '-s',
      'vilnius-2023',
      '-r',
      'ua-incremental',
      '--title',
      'A test document',
      '--speaks-for',
      '2024-05-30',
      '--submitted-by',
      'UA',
      '--benchmark',
      'io-c2-standards',
    );
    expect(evidence.code, evidence.err).toBe(0);
    const md = await run(
      'report',
      'review',
      '-s',
      'vilnius-2023',
      '-r',
      'ua-incremental',
      '--as-of',
      '2024-07-01',
      '--since',
      '2024-01-01',
    );
    expect(md.code).toBe(0);
    expect(md.out).toMatch(/^# Review: /);
    expect(md.out).toContain('io-c2-standards');
    const json = await run(
      'report',
      'review',
      '-s',
      'vilnius-2023',
      '-r',
      'ua-incremental',
      '--as-of',
      '2024-07-01',
      '--since',
      '2024-01-01',
      '--format',
      'json',
    );
    expect(JSON.parse(json.out)).toMatchObject({
      newlyVerified: ['io-c2-standards'],
      assessments: [expect.any(String)],
    });
  });

  it('refuses a bad --format and a missing --met/--not-met', async () => {
    expect((await run('report', 'review', '-s', 'vilnius-2023', '--format', 'pdf')).err).toContain(
      "--format: 'pdf' is not md or json",
    );
    const noVerdict = await run(
      'assess',
      '-s',
      'vilnius-2023',
      '-r',
      'ua-incremental',
      '-b',
      'io-logistics',
      '--assessor',
      'PL',
      '--date',
      '2024-06-01',
      '--rationale',
      'x',
    );
    expect(noVerdict.code).toBe(1);
    expect(noVerdict.err).toContain('--met or --not-met');
  });
});
