/**
 * accord ingest: proposed facts from the founding briefing (--dry-run), then stored once per
 * scenario with bad files skipped, and the review queue from the command line.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-run.js';
import { tempDir } from './helpers.js';

const BRIEFING = new URL('../../shared/briefings/vilnius-2023-briefing.txt', import.meta.url)
  .pathname;
let dir: string;

beforeAll(() => {
  dir = tempDir('accord-ingest-');
  process.env.ACCORD_DATA_DIR = join(dir, 'data');
});

afterAll(() => {
  delete process.env.ACCORD_DATA_DIR;
  rmSync(dir, { recursive: true, force: true });
});

interface Fact {
  kind: string;
  span: [number, number];
  text: string;
  start?: string;
  end?: string;
  stance?: string;
}

describe('accord ingest --dry-run', () => {
  it('proposes the briefing’s facts with spans, dates and stances', async () => {
    const { code, out } = await runCli(
      'ingest',
      BRIEFING,
      '--published',
      '2023-05-15',
      '--dry-run',
      '--json',
    );
    expect(code).toBe(0);
    const facts = (JSON.parse(out) as { facts: Fact[] }).facts;
    // Shape checked below.
    const summit = facts.find((f) => f.kind === 'event' && f.start === '2023-07-11');
    expect(summit?.end).toBe('2023-07-12');
    expect(facts.some((f) => f.kind === 'event' && f.start === '2023-05-14')).toBe(true);
    expect(facts.filter((f) => f.kind === 'stance').map((f) => f.stance)).toEqual(
      expect.arrayContaining(['oppose', 'incremental']),
    );
    expect(facts.filter((f) => f.kind === 'attribution').length).toBeGreaterThanOrEqual(2);
  });

  it('reports and skips bad files in a folder without stopping the rest', async () => {
    const folder = join(dir, 'inbox');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a-empty.txt'), '');
    writeFileSync(join(folder, 'b-binary.bin'), Buffer.from([0, 1, 2, 3]));
    writeFileSync(join(folder, 'c-latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    writeFileSync(
      join(folder, 'd-ok.txt'),
      'The summit in Vilnius on July 11 was about cooperation.',
    );
    const { code, out, err } = await runCli(
      'ingest',
      folder,
      '--published',
      '2023-05-15',
      '--dry-run',
    );
    expect(code).toBe(0);
    expect(err).toContain('a-empty.txt: empty');
    expect(err).toContain('b-binary.bin: binary');
    expect(err).toContain('c-latin1.txt: not UTF-8 text');
    expect(out).toMatch(/1 read, 3 skipped/);
  });

  it('checks --published, --reliability and --source', async () => {
    const bad = await runCli('ingest', BRIEFING, '--dry-run', '--published', 'May 15');
    expect(bad.err).toContain("--published: 'May 15' is not a date");
    const grade = await runCli('ingest', BRIEFING, '--reliability', 'G');
    expect(grade.code).toBe(1);
    expect(grade.err).toContain("--reliability: 'G' is not an Admiralty reliability");
    const source = await runCli('ingest', BRIEFING, '--source', 'Reuters');
    expect(source.err).toContain('--reliability: grade the source');
  });
});

interface StoredOut {
  briefing: string;
  duplicate: boolean;
  facts: number;
}

describe('accord ingest (storing) and accord review', () => {
  it('needs --scenario when there are several', async () => {
    const { code, err } = await runCli('ingest', BRIEFING);
    expect(code).toBe(1);
    expect(err).toContain('--scenario: which scenario the briefings belong to');
  });

  it('stores a briefing once: the same text again is reported as a duplicate', async () => {
    const args = [
      'ingest',
      BRIEFING,
      '--scenario',
      'vilnius-2023',
      '--published',
      '2023-05-15',
      '--source',
      'Founding briefing',
      '--reliability',
      'B',
    ];
    const first = await runCli(...args, '--json');
    expect(first.code, first.err).toBe(0);
    const stored = JSON.parse(first.out) as StoredOut;
    expect(stored).toMatchObject({ duplicate: false, facts: 25 });
    const again = await runCli(...args);
    expect(again.out).toContain(`duplicate of briefing ${stored.briefing}`);
    expect(again.out).toMatch(/0 stored, 1 duplicate, 0 skipped/);
  });

  it('a folder: bad files are reported and nothing of them is stored', async () => {
    const folder = join(dir, 'inbox');
    const { code, out, err } = await runCli(
      'ingest',
      folder,
      '--scenario',
      'vilnius-2023',
      '--published',
      '2023-05-15',
    );
    expect(code, err).toBe(0);
    expect(err).toContain('b-binary.bin: binary');
    expect(out).toMatch(/1 stored, 0 duplicate, 3 skipped/);
    const list = await runCli('review', 'list', '--scenario', 'vilnius-2023', '--json');
    const facts = (JSON.parse(list.out) as { facts: { briefing: string }[] }).facts;
    expect(new Set(facts.map((f) => f.briefing)).size).toBe(2);
  });

  it('review list, accept with an edit, and reject with a reason', async () => {
    const list = await runCli('review', 'list', '--scenario', 'vilnius-2023', '--kind', 'stance');
    expect(list.out).toContain('incremental on UA (timeline)');
    const all = await runCli('review', 'list', '--kind', 'stance', '--json');
    const stances = (
      JSON.parse(all.out) as { facts: { id: string; payload: { stance: string } }[] }
    ).facts;
    const incremental = stances.find((f) => f.payload.stance === 'incremental');
    const bad = await runCli('review', 'accept', incremental?.id ?? '', '--edit', '{members: 1}');
    expect(bad.err).toContain('--edit: is not JSON');
    const unnamed = await runCli('review', 'accept', incremental?.id ?? '');
    expect(unnamed.err).toContain('members:');
    const ok = await runCli(
      'review',
      'accept',
      incremental?.id ?? '',
      '--edit',
      '{"members":["US","DE"]}',
    );
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/accepted → position us-membership-timeline-2023-05-15, position de-/);
    const oppose = stances.find((f) => f.payload.stance === 'oppose');
    const rejected = await runCli(
      'review',
      'reject',
      oppose?.id ?? '',
      '--reason',
      'duplicate of the decision',
    );
    expect(rejected.out).toContain(': rejected');
    const done = await runCli('review', 'list', '--status', 'rejected');
    expect(done.out).toContain(oppose?.id ?? 'none');
  });
});
