/**
 * Precision and recall of the briefing extractor on real texts (test/fixtures/briefings/), each
 * coded by hand in corpus.json. Prints the table per fact kind and holds floors it meets.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFacts, FACT_KINDS, type Fact, type FactKind } from '../src/core/extract/index.js';

interface Expected {
  readonly kind: FactKind;
  readonly iso2?: string;
  readonly name?: string;
  readonly what?: string;
  readonly start?: string;
  readonly place?: string;
  readonly date?: string;
  readonly participants?: readonly string[];
  readonly stance?: string;
  readonly candidate?: string;
  readonly topic?: string;
  readonly actor?: string;
  readonly parties?: readonly string[];
  readonly credibility?: number;
}

interface CorpusText {
  readonly file: string;
  readonly published: string;
  readonly url: string;
  readonly noStance?: boolean;
  readonly expected: readonly Expected[];
}

const DIR = new URL('./fixtures/briefings/', import.meta.url);
// corpus.json is written by hand in this shape; the test below fails loudly if a field is off.
const CORPUS = (
  JSON.parse(readFileSync(new URL('corpus.json', DIR), 'utf8')) as { texts: CorpusText[] }
).texts;

/** Does a proposed fact say what the hand-coded one says? Only the fields it gives count. */
function matches(e: Expected, f: Fact): boolean {
  if (e.kind !== f.kind) return false;
  switch (f.kind) {
    case 'actor':
      return e.iso2 !== undefined
        ? f.type === 'country' && f.iso2 === e.iso2
        : f.type !== 'country' && f.name === e.name;
    case 'event':
      return (
        f.what === e.what &&
        (e.start === undefined || f.start === e.start) &&
        (e.place === undefined || f.place === e.place)
      );
    case 'engagement':
      return (
        (e.what === undefined || f.what === e.what) &&
        (e.date === undefined || f.date === e.date) &&
        (e.participants ?? []).every((n) => f.participants.some((p) => p.name === n))
      );
    case 'stance':
      return (
        f.stance === e.stance &&
        f.candidate === e.candidate &&
        (e.topic === undefined || f.topic === e.topic) &&
        (e.actor === undefined ||
          f.actor.iso2 === e.actor ||
          (f.actor.members ?? []).includes(e.actor))
      );
    case 'statement':
      return [...f.parties].sort().join() === [...(e.parties ?? [])].sort().join();
    case 'attribution':
      return f.credibility === e.credibility;
  }
}

interface Tally {
  predicted: number;
  expected: number;
  matched: number;
}

function score(text: CorpusText, facts: readonly Fact[]): Map<FactKind, Tally> {
  const out = new Map<FactKind, Tally>(
    FACT_KINDS.map((k) => [k, { predicted: 0, expected: 0, matched: 0 }]),
  );
  const used = new Set<number>();
  for (const f of facts) {
    const t = out.get(f.kind);
    if (t !== undefined) t.predicted += 1;
  }
  for (const e of text.expected) {
    const t = out.get(e.kind);
    if (t === undefined) continue;
    t.expected += 1;
    const i = facts.findIndex((f, j) => !used.has(j) && matches(e, f));
    if (i >= 0) {
      used.add(i);
      t.matched += 1;
    }
  }
  return out;
}

const pct = (n: number, d: number): string => (d === 0 ? '–' : `${Math.round((100 * n) / d)}%`);

function read(file: string): string {
  return readFileSync(new URL(file, DIR), 'utf8');
}

const results = CORPUS.map((t) => {
  const text = read(t.file);
  return { t, text, facts: extractFacts(text, { published: t.published }) };
});

const total = new Map<FactKind, Tally>(
  FACT_KINDS.map((k) => [k, { predicted: 0, expected: 0, matched: 0 }]),
);
for (const r of results) {
  for (const [kind, s] of score(r.t, r.facts)) {
    const t = total.get(kind);
    if (t === undefined) continue;
    t.predicted += s.predicted;
    t.expected += s.expected;
    t.matched += s.matched;
  }
}

describe(`the extractor on ${CORPUS.length} real texts`, () => {
  it('every text has its source and date, and every span slices to its text', () => {
    for (const r of results) {
      expect(r.t.url).not.toBe('');
      expect(r.t.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const f of r.facts) expect(r.text.slice(f.span[0], f.span[1])).toBe(f.text);
    }
  });

  it('prints precision and recall per fact kind, and meets its floors', () => {
    const rows = FACT_KINDS.map((k) => {
      const t = total.get(k) ?? { predicted: 0, expected: 0, matched: 0 };
      return `| ${k.padEnd(11)} | ${String(t.expected).padStart(8)} | ${String(t.predicted).padStart(8)} | ${String(t.matched).padStart(7)} | ${pct(t.matched, t.predicted).padStart(9)} | ${pct(t.matched, t.expected).padStart(6)} |`;
    });
    console.log(
      [
        '| kind        | expected | proposed | correct | precision | recall |',
        '| ----------- | -------: | -------: | ------: | --------: | -----: |',
        ...rows,
      ].join('\n'),
    );
    const floors: Record<FactKind, { precision: number; recall: number }> = {
      actor: { precision: 0.95, recall: 0.95 },
      event: { precision: 0.85, recall: 0.8 },
      engagement: { precision: 0.95, recall: 0.5 },
      stance: { precision: 0.95, recall: 0.65 },
      statement: { precision: 0.95, recall: 0.95 },
      attribution: { precision: 0.95, recall: 0.8 },
    };
    for (const k of FACT_KINDS) {
      const t = total.get(k) ?? { predicted: 0, expected: 0, matched: 0 };
      const floor = floors[k];
      if (t.predicted > 0)
        expect(t.matched / t.predicted, `${k} precision`).toBeGreaterThanOrEqual(floor.precision);
      if (t.expected > 0)
        expect(t.matched / t.expected, `${k} recall`).toBeGreaterThanOrEqual(floor.recall);
    }
  });

  it('a text with no enlargement stance yields no stance', () => {
    const none = results.filter((r) => r.t.noStance === true);
    expect(none.length).toBeGreaterThanOrEqual(2);
    for (const r of none) expect(r.facts.filter((f) => f.kind === 'stance')).toEqual([]);
  });

  it('resolves weekdays against the publication date, and invents no date', () => {
    const ahead = extractFacts('The summit in Vilnius will open on Tuesday.', {
      published: '2023-07-09',
    });
    expect(ahead.find((f) => f.kind === 'event')).toMatchObject({ start: '2023-07-11' });
    const unanchored = extractFacts('The summit in Vilnius opened on Tuesday.');
    expect(unanchored.find((f) => f.kind === 'event')).toMatchObject({ start: undefined });
    const turkey = results.find((r) => r.t.file.startsWith('reuters-turkey'));
    // "on Thursday", published Thursday 2023-03-30; "earlier this week" is not a day.
    expect(turkey?.facts.filter((f) => f.kind === 'event')).toEqual([
      expect.objectContaining({ what: 'ratification', start: '2023-03-30', end: '2023-03-30' }),
    ]);
    const communique = results.find((r) => r.t.file.startsWith('nato-vilnius'));
    // "the 2008 Summit in Bucharest": a year is not a day or month; the place is kept.
    expect(communique?.facts.find((f) => f.kind === 'event')).toMatchObject({
      what: 'summit',
      place: 'Bucharest',
      start: undefined,
    });
  });
});
