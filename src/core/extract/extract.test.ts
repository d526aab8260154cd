// eslint-disable-next-line no-restricted-imports -- the test reads the shared founding briefing; the engine itself stays pure.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFacts } from './extract.js';
import type {
  ActorFact,
  AttributionFact,
  EngagementFact,
  EventFactProposal,
  Fact,
  StanceFact,
  StatementFact,
} from './types.js';

const BRIEFING = readFileSync(
  new URL('../../../../shared/briefings/vilnius-2023-briefing.txt', import.meta.url),
  'utf8',
);

function ofKind<K extends Fact['kind']>(facts: Fact[], kind: K): Extract<Fact, { kind: K }>[] {
  return facts.filter((f): f is Extract<Fact, { kind: K }> => f.kind === kind);
}

describe('extractFacts on the founding briefing (published 2023-05-15)', () => {
  const facts = extractFacts(BRIEFING, { published: '2023-05-15' });
  const events: EventFactProposal[] = ofKind(facts, 'event');
  const actors: ActorFact[] = ofKind(facts, 'actor');
  const engagements: EngagementFact[] = ofKind(facts, 'engagement');
  const stances: StanceFact[] = ofKind(facts, 'stance');
  const statements: StatementFact[] = ofKind(facts, 'statement');
  const attributions: AttributionFact[] = ofKind(facts, 'attribution');

  it('every span slices to its text, and confidences lie in 0–1', () => {
    expect(facts.length).toBeGreaterThan(10);
    for (const f of facts) {
      expect(BRIEFING.slice(f.span[0], f.span[1])).toBe(f.text);
      expect(f.confidence).toBeGreaterThanOrEqual(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('finds the Vilnius summit on 11–12 July 2023, and "planned for July" as a month', () => {
    expect(events).toContainEqual(
      expect.objectContaining({
        what: 'summit',
        start: '2023-07-11',
        end: '2023-07-12',
        precision: 'day',
        place: 'Vilnius',
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        what: 'summit',
        start: '2023-07-01',
        end: '2023-07-31',
        precision: 'month',
      }),
    );
  });

  it('finds Zelensky, president of Ukraine, in Berlin on 14 May', () => {
    const zelensky = { name: 'Volodymyr Zelensky', iso2: 'UA', role: 'president' };
    expect(actors).toContainEqual(expect.objectContaining({ type: 'person', ...zelensky }));
    expect(events).toContainEqual(
      expect.objectContaining({ what: 'visit', start: '2023-05-14', place: 'Berlin' }),
    );
    expect(engagements).toContainEqual(
      expect.objectContaining({ place: 'Berlin', date: '2023-05-14', participants: [zelensky] }),
    );
  });

  it('finds the Rome visit on 13 May with Mattarella and Meloni, and the meeting with the Pope', () => {
    const rome = engagements.find((e) => e.place === 'Rome');
    expect(rome?.date).toBe('2023-05-13');
    expect(rome?.participants).toEqual([
      { name: 'Volodymyr Zelensky', iso2: 'UA', role: 'president' },
      { name: 'Sergio Mattarella', iso2: 'IT', role: 'president' },
      { name: 'Giorgia Meloni', iso2: 'IT', role: 'prime minister' },
    ]);
    const pope = engagements.find((e) => e.participants.some((p) => p.name === 'Pope Francis'));
    expect(pope?.participants).toContainEqual({ name: 'Pope Francis', iso2: 'VA', role: 'pope' });
    expect(pope?.participants[0]?.name).toBe('Volodymyr Zelensky');
    // The text gives the Pope meeting no date, so none is invented.
    expect(pope?.date).toBeUndefined();
  });

  it('treats Kyiv as the government where the text does, and Berlin and Rome as places', () => {
    const ukraine = actors.find((a) => a.iso2 === 'UA' && a.type === 'country');
    const kyivMentions = ukraine?.mentions.filter((m) => BRIEFING.slice(m[0], m[1]) === 'Kyiv');
    expect(kyivMentions?.length).toBeGreaterThanOrEqual(4);
    expect(actors.find((a) => a.iso2 === 'DE')).toBeUndefined();
    const italy = actors.find((a) => a.type === 'country' && a.iso2 === 'IT');
    expect(italy?.mentions.some((m) => BRIEFING.slice(m[0], m[1]) === 'Rome')).toBe(false);
  });

  it("finds the members' consensus not to invite Ukraine at Vilnius", () => {
    const consensus = stances.find((s) => s.actor.count === 31);
    expect(consensus).toMatchObject({
      stance: 'oppose',
      topic: 'invitation-now',
      candidate: 'UA',
      actor: { name: 'the 31 members' },
    });
    expect(consensus?.actor.members).toBeUndefined();
  });

  it('finds the eastern capitals asking for sequencing and timelines', () => {
    const east = stances.find((s) => s.actor.name.includes('Eastern European capitals'));
    expect(['support', 'support_with_conditions']).toContain(east?.stance);
    expect(east?.topic).toBe('timeline');
    expect(east?.actor.members).toBeUndefined();
    expect(east?.conditions).toContain('timelines that would be credible and verifiable');
  });

  it('finds the United States and some Western Europeans favouring incremental steps', () => {
    const incremental = stances.find((s) => s.stance === 'incremental');
    expect(incremental?.actor.members).toEqual(['US']);
    expect(incremental?.actor.unnamedMembers).toBe(true);
    expect(incremental?.candidate).toBe('UA');
  });

  it('finds the Italy–Ukraine joint statement', () => {
    expect(statements).toHaveLength(1);
    expect([...(statements[0]?.parties ?? [])].sort()).toEqual(['IT', 'UA']);
    expect(statements[0]?.summary).toMatch(/^Ukraine’s trajectory toward closer integration/);
  });

  it('grades the attributions', () => {
    expect(attributions.find((a) => /reliable briefing/i.test(a.phrase))?.credibility).toBe(2);
    const sources = attributions.find((a) => /sources within the alliance/i.test(a.phrase));
    expect(sources?.credibilityRange).toEqual([2, 3]);
    expect(attributions.find((a) => a.phrase === 'appear to')?.credibility).toBe(3);
  });
});

describe('extractFacts precision on hand-written paragraphs', () => {
  it('finds no stance and no invented dates in a sports report', () => {
    const text =
      'The home side beat their rivals 3–1 on Saturday. The coach said the club will support the young striker and may extend his contract, and fans hope for more goals.';
    const facts = extractFacts(text, { published: '2024-03-10' });
    expect(facts.filter((f) => f.kind === 'stance')).toEqual([]);
    expect(facts.filter((f) => f.kind === 'event')).toEqual([]);
  });

  it('resolves "next month" against the publication date', () => {
    const text = 'The foreign ministers will meet next month in Brussels to review the plan.';
    const facts = extractFacts(text, { published: '2023-05-15' });
    const event = facts.find((f) => f.kind === 'event');
    expect(event).toMatchObject({ start: '2023-06-01', end: '2023-06-30', precision: 'month' });
    expect(extractFacts(text).filter((f) => f.kind === 'event' && f.start !== undefined)).toEqual(
      [],
    );
  });

  it('gives no dates to a date-less paragraph', () => {
    const text =
      'The president traveled to Warsaw for talks with allies. He later met with officials in Vilnius.';
    const facts = extractFacts(text, { published: '2023-05-15' });
    const events = ofKind(facts, 'event');
    expect(events.map((e) => e.place)).toEqual(['Warsaw', 'Vilnius']);
    expect(events.every((e) => e.start === undefined && e.end === undefined)).toBe(true);
  });

  it('looks forward for planned events and back for past ones', () => {
    const past = extractFacts('The leaders met in Madrid on June 28.', { published: '2023-05-15' });
    expect(past.find((f) => f.kind === 'event')).toMatchObject({ start: '2022-06-28' });
    const future = extractFacts('The summit in Madrid is planned for June 28.', {
      published: '2023-05-15',
    });
    expect(future.find((f) => f.kind === 'event')).toMatchObject({ start: '2023-06-28' });
  });
});

describe('extractFacts stance patterns and metonyms', () => {
  it('reads support, block and a capital used as a government', () => {
    const text =
      'Washington insists that Kyiv must meet the benchmarks first. The Italian government backs Ukraine’s membership bid. Hungary vetoed the accession protocol for Sweden in February 2023.';
    const facts = extractFacts(text, { published: '2023-05-15' });
    const stances = ofKind(facts, 'stance');
    expect(stances.map((s) => [s.stance, s.actor.name, s.actor.iso2, s.candidate])).toEqual([
      ['support', 'Italian government', 'IT', 'UA'],
      ['block', 'Hungary', 'HU', 'SE'],
    ]);
    const us = ofKind(facts, 'actor').find((a) => a.iso2 === 'US');
    expect(us?.text).toBe('Washington');
  });

  it('keeps spans exact on arbitrary text around real sentences', () => {
    const pieces = BRIEFING.split(/(?<=\.)\s+/);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 40 })), {
          maxLength: 6,
        }),
        (parts) => {
          const text = parts.join(' ');
          for (const f of extractFacts(text, { published: '2023-05-15' })) {
            expect(text.slice(f.span[0], f.span[1])).toBe(f.text);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('extractFacts edge cases', () => {
  it('returns nothing for empty or blank text', () => {
    expect(extractFacts('')).toEqual([]);
    expect(extractFacts('\n\n  \n')).toEqual([]);
  });

  it('leaves dates without a year unresolved when there is no publication date', () => {
    const facts = extractFacts(BRIEFING);
    expect(ofKind(facts, 'event').every((e) => e.start === undefined)).toBe(true);
    expect(ofKind(facts, 'event').some((e) => e.place === 'Vilnius')).toBe(true);
  });
});

describe('extractFacts trigger precision', () => {
  it('does not read "signs of progress", "met the benchmarks" or "Latin American" as facts', () => {
    const text =
      'In May there were signs of progress in Kyiv. The conditions were met in June, Latin American observers said.';
    const facts = extractFacts(text, { published: '2023-07-15' });
    expect(ofKind(facts, 'event')).toEqual([]);
    expect(ofKind(facts, 'actor').find((a) => a.iso2 === 'US')).toBeUndefined();
  });
});
