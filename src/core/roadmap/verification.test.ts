import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeMember } from '../test-factories.js';
import {
  assess,
  makeBenchmark,
  makeRoadmap,
  member,
  secretariat,
  statuses,
} from './test-factories.js';
import type { Assessment, Roadmap, VerificationRule } from './types.js';
import {
  assessorKey,
  evaluateVerification,
  isVerified,
  latestAssessments,
  memberAssessors,
  membershipDates,
  verifiedSince,
  verifyBenchmark,
  verifyRoadmap,
} from './verification.js';

const members = [member('FR'), member('PL'), member('HU')];

function roadmapWith(
  assessments: readonly Assessment[],
  rule: VerificationRule = { kind: 'all-assessors-agree' },
  overrides: Partial<Roadmap> = {},
): Roadmap {
  return makeRoadmap({
    rule,
    benchmarks: [makeBenchmark('courts'), makeBenchmark('other')],
    assessments,
    ...overrides,
  });
}

describe('all-assessors-agree', () => {
  const assessments = [
    assess('courts', 'FR', '2024-03-01', true),
    assess('courts', 'PL', '2024-03-02', true),
    assess('courts', 'HU', '2024-03-03', false),
    assess('courts', 'HU', '2024-05-10', true),
  ];
  const roadmap = roadmapWith(assessments);

  it('keeps a benchmark unverified while one assessor dissents, and names the dissenter', () => {
    const v = verifyBenchmark(roadmap, 'courts', '2024-04-01', members);
    expect(v.verified).toBe(false);
    expect(v.agree).toEqual([member('FR'), member('PL')]);
    expect(v.dissent).toEqual([member('HU')]);
    expect(v.missing).toEqual([]);
    expect(v.needed).toBe(1);
    expect(v.explanation).toBe('not verified: 2 of 3 assessors agree it is met; not met for HU');
  });

  it('verifies it from the day the dissenter changes its view', () => {
    expect(isVerified(roadmap, 'courts', '2024-05-09', members)).toBe(false);
    const v = verifyBenchmark(roadmap, 'courts', '2024-05-10', members);
    expect(v.verified).toBe(true);
    expect(v.dissent).toEqual([]);
    expect(v.explanation).toBe('verified: all 3 assessors agree it is met');
    expect(verifiedSince(roadmap, 'courts', '2024-12-31', members)).toBe('2024-05-10');
    expect(verifiedSince(roadmap, 'courts', '2024-05-09', members)).toBeUndefined();
  });

  it('names who is missing', () => {
    const v = verifyBenchmark(roadmap, 'courts', '2024-03-01', members);
    expect(v.missing).toEqual([member('HU'), member('PL')]);
    expect(v.explanation).toBe(
      'not verified: 1 of 3 assessors agree it is met; no assessment yet from HU, PL',
    );
  });

  it('counts the secretariat once it has assessed', () => {
    const r = roadmapWith([...assessments, assess('courts', 'secretariat', '2024-06-01', false)]);
    const v = verifyBenchmark(r, 'courts', '2024-06-01', members);
    expect(v.verified).toBe(false);
    expect(v.dissent).toEqual([secretariat]);
  });

  it('is never verified without any eligible assessor', () => {
    const v = verifyBenchmark(roadmap, 'courts', '2024-06-01', []);
    expect(v.verified).toBe(false);
    expect(v.ignored).toEqual([member('FR'), member('HU'), member('PL')]);
    expect(v.explanation).toBe('not verified: no eligible assessor');
  });

  it('follows membership: a new member must assess too, a former member no longer counts', () => {
    const roster = [
      makeMember('FR'),
      makeMember('PL'),
      makeMember('HU', { left: '2024-06-01' }),
      makeMember('SE'),
    ];
    const eligible = memberAssessors(roster);
    expect(eligible('2024-03-06').map(assessorKey)).toEqual([
      'member:FR',
      'member:PL',
      'member:HU',
    ]);
    const early = verifyBenchmark(roadmap, 'courts', '2024-03-06', eligible);
    expect(early.dissent).toEqual([member('HU')]);
    expect(early.missing).toEqual([]);
    const later = verifyBenchmark(roadmap, 'courts', '2024-06-01', eligible);
    expect(later.missing).toEqual([member('SE')]);
    expect(later.ignored).toEqual([member('HU')]);
    expect(membershipDates(roster)).toContain('2024-03-07');
  });

  it('uses each assessor’s latest assessment; same day, the later-listed one', () => {
    const latest = latestAssessments(
      [
        assess('courts', 'FR', '2024-03-01', true, { id: 'x1' }),
        assess('courts', 'FR', '2024-03-01', false, { id: 'x2' }),
        assess('courts', 'FR', '2024-04-01', true, { id: 'x3' }),
        assess('other', 'FR', '2024-03-05', true, { id: 'x4' }),
      ],
      'courts',
      '2024-03-31',
    );
    expect([...latest.values()].map((a) => a.id)).toEqual(['x2']);
  });
});

describe('secretariat-and-no-objection', () => {
  const rule: VerificationRule = { kind: 'secretariat-and-no-objection' };

  it('needs the secretariat to say met', () => {
    const none = verifyBenchmark(roadmapWith([], rule), 'courts', '2024-06-01', members);
    expect(none.verified).toBe(false);
    expect(none.missing).toContainEqual(secretariat);
    expect(none.explanation).toBe(
      'not verified: the secretariat has not assessed it; no member objects',
    );
    const yes = verifyBenchmark(
      roadmapWith([assess('courts', 'secretariat', '2024-05-01', true)], rule),
      'courts',
      '2024-06-01',
      members,
    );
    expect(yes.verified).toBe(true);
    expect(yes.explanation).toBe('verified: the secretariat says it is met; no member objects');
  });

  it('is stopped by a member’s objection until it is withdrawn', () => {
    const r = roadmapWith(
      [
        assess('courts', 'secretariat', '2024-05-01', true),
        assess('courts', 'HU', '2024-05-02', false),
        assess('courts', 'HU', '2024-07-01', true),
      ],
      rule,
    );
    const v = verifyBenchmark(r, 'courts', '2024-06-01', members);
    expect(v.verified).toBe(false);
    expect(v.dissent).toEqual([member('HU')]);
    expect(v.explanation).toBe('not verified: the secretariat says it is met; objection from HU');
    expect(isVerified(r, 'courts', '2024-07-01', members)).toBe(true);
    expect(verifiedSince(r, 'courts', '2024-08-01', members)).toBe('2024-07-01');
  });
});

describe('quorum', () => {
  const rule: VerificationRule = { kind: 'quorum', n: 2 };

  it('needs n agreeing assessors; dissent is reported but does not block', () => {
    const r = roadmapWith(
      [
        assess('courts', 'FR', '2024-03-01', true),
        assess('courts', 'HU', '2024-03-02', false),
        assess('courts', 'secretariat', '2024-03-03', true),
      ],
      rule,
    );
    const one = verifyBenchmark(r, 'courts', '2024-03-02', members);
    expect(one.verified).toBe(false);
    expect(one.needed).toBe(1);
    const two = verifyBenchmark(r, 'courts', '2024-03-03', members);
    expect(two.verified).toBe(true);
    expect(two.agree).toEqual([member('FR'), secretariat]);
    expect(two.dissent).toEqual([member('HU')]);
    expect(two.explanation).toBe(
      'verified: 2 of the 2 agreeing assessors needed say it is met; not met for HU',
    );
  });
});

describe('verification and the recorded status', () => {
  it('is not verified while the benchmark is recorded as regressed', () => {
    const r = makeRoadmap({
      benchmarks: [
        makeBenchmark('courts', {
          statuses: statuses(['2024-03-01', 'verified'], ['2024-08-01', 'regressed']),
        }),
      ],
      assessments: [assess('courts', 'FR', '2024-03-01', true)],
    });
    const eligible = [member('FR')];
    expect(isVerified(r, 'courts', '2024-07-31', eligible)).toBe(true);
    const v = verifyBenchmark(r, 'courts', '2024-08-01', eligible);
    expect(v.verified).toBe(false);
    expect(v.regressedOn).toBe('2024-08-01');
    expect(v.explanation).toMatch(/^not verified: recorded as regressed on 2024-08-01; /);
  });

  it('flags expired evidence the judgements rest on', () => {
    const r = makeRoadmap({
      benchmarks: [makeBenchmark('courts')],
      evidence: [
        {
          id: 'report',
          kind: 'document',
          title: 'Annual report',
          speaksFor: '2024-01-01',
          submittedBy: 'UA',
          expires: '2025-01-01',
        },
      ],
      assessments: [assess('courts', 'FR', '2024-03-01', true, { evidence: ['report'] })],
    });
    expect(verifyBenchmark(r, 'courts', '2024-12-31', [member('FR')]).expiredEvidence).toEqual([]);
    expect(verifyBenchmark(r, 'courts', '2025-01-01', [member('FR')]).expiredEvidence).toEqual([
      'report',
    ]);
  });

  it('verifyRoadmap answers every benchmark', () => {
    expect(verifyRoadmap(roadmapWith([]), '2024-01-01', members).map((v) => v.benchmark)).toEqual([
      'courts',
      'other',
    ]);
  });
});

describe('verification properties', () => {
  const who = fc.constantFrom('FR', 'PL', 'HU', 'secretariat');
  const assessmentArb = fc.record({
    who,
    day: fc.integer({ min: 1, max: 28 }),
    met: fc.boolean(),
  });
  const ruleArb = fc.constantFrom<VerificationRule>(
    { kind: 'all-assessors-agree' },
    { kind: 'secretariat-and-no-objection' },
    { kind: 'quorum', n: 2 },
  );

  it('does not depend on the order assessments are listed in (distinct days)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(assessmentArb, { selector: (a) => `${a.who}-${a.day}`, maxLength: 10 }),
        ruleArb,
        fc.integer({ min: 1, max: 28 }),
        (list, rule, asOfDay) => {
          const day = (d: number): string => `2024-02-${String(d).padStart(2, '0')}`;
          const as = list.map((a) => assess('courts', a.who, day(a.day), a.met));
          const v1 = evaluateVerification({
            rule,
            asOf: day(asOfDay),
            benchmark: 'courts',
            assessments: as,
            eligible: members,
          });
          const v2 = evaluateVerification({
            rule,
            asOf: day(asOfDay),
            benchmark: 'courts',
            assessments: [...as].reverse(),
            eligible: [...members].reverse(),
          });
          expect(v2).toEqual(v1);
          // Every counted assessor is in exactly one of agree, dissent, missing.
          const keys = [...v1.agree, ...v1.dissent, ...v1.missing].map(assessorKey);
          expect(new Set(keys).size).toBe(keys.length);
          if (rule.kind === 'all-assessors-agree' && v1.dissent.length > 0)
            expect(v1.verified).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
