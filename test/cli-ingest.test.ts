/** accord ingest --dry-run: proposed facts from the founding briefing; bad files skipped. */
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
});

afterAll(() => {
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

  it('says that storing is not built yet, and checks --published', async () => {
    const store = await runCli('ingest', BRIEFING);
    expect(store.code).toBe(1);
    expect(store.err).toContain('--dry-run');
    const bad = await runCli('ingest', BRIEFING, '--dry-run', '--published', 'May 15');
    expect(bad.err).toContain("--published: 'May 15' is not a date");
  });
});
