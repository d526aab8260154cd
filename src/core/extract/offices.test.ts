import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFacts } from './extract.js';
import { OFFICE_TERMS, PERSON_NAMES, inTerm, officeOn, termsOf } from './offices.js';
import type { ActorFact, Fact } from './types.js';

const persons = (facts: Fact[]): ActorFact[] =>
  facts.filter((f): f is ActorFact => f.kind === 'actor' && f.type === 'person');

/** An ISO date from integers (days 1–28, so every month has them). */
const isoDate = fc
  .tuple(
    fc.integer({ min: 1990, max: 2040 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
  )
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

/** Listed persons who can be named by a surname alone. */
const withSurname = PERSON_NAMES.filter((p) => p.surnames.length > 0);

describe('the office list', () => {
  it('is well formed: dates in order, a source, a country or an organisation, names for everyone', () => {
    for (const t of OFFICE_TERMS) {
      expect(t.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (t.end !== undefined) expect(t.start < t.end, t.person).toBe(true);
      expect(t.source).toMatch(/^https:\/\//);
      expect((t.iso2 === undefined) !== (t.organisation === undefined), t.person).toBe(true);
      expect(
        PERSON_NAMES.some((p) => p.person === t.person),
        t.person,
      ).toBe(true);
    }
    for (const p of PERSON_NAMES) expect(termsOf(p.person).length).toBeGreaterThan(0);
  });

  it('holds no two holders of one office, nor two offices of one person, on the same day', () => {
    const overlap = (a: (typeof OFFICE_TERMS)[number], b: (typeof OFFICE_TERMS)[number]): boolean =>
      (a.end === undefined || b.start < a.end) && (b.end === undefined || a.start < b.end);
    for (const [i, a] of OFFICE_TERMS.entries()) {
      for (const b of OFFICE_TERMS.slice(i + 1)) {
        const sameOffice =
          a.role === b.role && a.iso2 === b.iso2 && a.organisation === b.organisation;
        if (sameOffice || a.person === b.person)
          expect(overlap(a, b), `${a.person} / ${b.person}`).toBe(false);
      }
    }
  });

  it('gives the term that holds a date; a handover day belongs to the successor', () => {
    expect(officeOn('Jens Stoltenberg', '2024-09-30')?.term.organisation).toBe('NATO');
    expect(officeOn('Jens Stoltenberg', '2024-10-01')).toBeUndefined();
    expect(officeOn('Mark Rutte', '2024-10-01')?.term.role).toBe('secretary general');
    expect(officeOn('Mark Rutte', '2023-05-15')?.term).toMatchObject({
      role: 'prime minister',
      iso2: 'NL',
    });
    expect(officeOn('Recep Tayyip Erdoğan', '2014-08-28')?.term.role).toBe('president');
    expect(officeOn('Recep Tayyip Erdoğan', '2014-08-27')?.term.role).toBe('prime minister');
  });

  it('without a date, gives an office only to a person the list gives one office', () => {
    expect(officeOn('Giorgia Meloni', undefined)).toMatchObject({
      basis: 'only-office',
      term: { role: 'prime minister', iso2: 'IT' },
    });
    expect(officeOn('Mark Rutte', undefined)).toBeUndefined();
    expect(officeOn('Joe Biden', undefined)).toBeUndefined();
  });
});

describe('persons named without a title', () => {
  it('take role and country from the term that holds the publication date', () => {
    const facts = extractFacts('Meloni said on Tuesday that Italy backs the plan.', {
      published: '2023-05-15',
    });
    const found = persons(facts);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      name: 'Giorgia Meloni',
      text: 'Meloni',
      role: 'prime minister',
      iso2: 'IT',
      confidence: 0.75,
    });
    expect(found[0]?.note).toContain('the term that holds 2023-05-15');
  });

  it('get no role on a date outside their terms', () => {
    const [meloni] = persons(
      extractFacts('Meloni said Italy backs the plan.', { published: '2015-05-15' }),
    );
    expect(meloni).toMatchObject({ name: 'Giorgia Meloni', role: undefined, iso2: undefined });
  });

  it('without a publication date: the one office the list gives, said in the note; none for several', () => {
    const [meloni] = persons(extractFacts('Meloni said Italy backs the plan.'));
    expect(meloni).toMatchObject({ role: 'prime minister', iso2: 'IT' });
    expect(meloni?.note).toContain('the text has no publication date');
    const [rutte] = persons(extractFacts('Rutte said the alliance would hold.'));
    expect(rutte).toMatchObject({ name: 'Mark Rutte', role: undefined, iso2: undefined });
  });

  it('joins engagements, with the organisation of an organisation’s office', () => {
    const facts = extractFacts('Zelenskiy met Rutte and Scholz in Kyiv on May 14.', {
      published: '2025-05-20',
    });
    const engagement = facts.find((f) => f.kind === 'engagement');
    // Scholz left office on 2025-05-06: named, but with no role on 2025-05-20.
    expect(engagement?.kind === 'engagement' ? engagement.participants : []).toEqual([
      { name: 'Volodymyr Zelensky', iso2: 'UA', role: 'president' },
      { name: 'Mark Rutte', organisation: 'NATO', role: 'secretary general' },
      { name: 'Olaf Scholz' },
    ]);
  });

  it('match by surname only for listed persons, and not after another first name', () => {
    const facts = extractFacts(
      'Hunter Biden spoke. Smith met Kowalski. Then Biden met Erdogan in Ankara on May 3.',
      { published: '2023-05-15' },
    );
    const found = persons(facts);
    expect(found.map((p) => [p.name, p.role, p.iso2, p.text])).toEqual([
      ['Joe Biden', 'president', 'US', 'Biden'],
      ['Recep Tayyip Erdoğan', 'president', 'TR', 'Erdogan'],
    ]);
    // "Hunter Biden" is someone else: Joe Biden's only mention is the later "Biden".
    expect(found[0]?.mentions).toHaveLength(1);
  });

  it('a title in the text wins over the list; the list only fills a missing country', () => {
    const facts = extractFacts(
      'Vice President Biden visited Kyiv. NATO Secretary General Jens Stoltenberg spoke.',
      { published: '2023-05-15' },
    );
    const [biden, stoltenberg] = persons(facts);
    // The title says vice president; the list's 2023 office (president) is not taken for it.
    expect(biden).toMatchObject({ name: 'Joe Biden', role: 'vice president', iso2: undefined });
    expect(stoltenberg).toMatchObject({ role: 'secretary general', organisation: 'NATO' });
    expect(stoltenberg?.note).toContain('organisation from the office list');
  });

  it('a date outside every term of a listed person never yields a role', () => {
    const outside = fc
      .tuple(fc.constantFrom(...withSurname), isoDate, fc.integer({ min: 0, max: 9 }))
      .filter(([p, date]) => termsOf(p.person).every((t) => !inTerm(t, date)));
    fc.assert(
      fc.property(outside, ([p, date, i]) => {
        const surname = p.surnames[i % p.surnames.length] ?? p.person;
        expect(officeOn(p.person, date)).toBeUndefined();
        const found = persons(
          extractFacts(`${surname} said the talks went well.`, { published: date }),
        );
        expect(found).toHaveLength(1);
        expect(found[0]).toMatchObject({ name: p.person, role: undefined, iso2: undefined });
        expect(found[0]?.organisation).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  });

  it('a date inside a term yields that term’s role and country', () => {
    const inside = fc
      .tuple(fc.constantFrom(...withSurname), isoDate)
      .filter(([p, date]) => termsOf(p.person).some((t) => inTerm(t, date)));
    fc.assert(
      fc.property(inside, ([p, date]) => {
        const term = termsOf(p.person).find((t) => inTerm(t, date));
        const surname = p.surnames[0] ?? p.person;
        const [found] = persons(
          extractFacts(`${surname} said the talks went well.`, { published: date }),
        );
        expect(found).toMatchObject({
          role: term?.role,
          iso2: term?.iso2,
          organisation: term?.organisation,
        });
      }),
      { numRuns: 100 },
    );
  });
});
