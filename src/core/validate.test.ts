import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDayNumber, toDayNumber } from './dates.js';
import type { Problem } from './errors.js';
import {
  cite,
  dayArb,
  makeCandidate,
  makeCondition,
  makeDecision,
  makeMember,
  makePosition,
  makeRatification,
  makeScenario,
  MEMBER_POOL,
  SOURCES,
  stanceArb,
} from './test-factories.js';
import type { Candidate, Decision, EventFact, Member, Position, Scenario } from './types.js';
import { validateScenario } from './validate.js';

const sweden: Candidate = makeCandidate({
  iso2: 'SE',
  name: 'Sweden',
  stages: [
    { stage: 'invited', date: '2022-06-29', sources: [cite('src-a', 1)], basis: 'documented' },
  ],
  protocolSigned: '2022-07-05',
  ratifications: [
    makeRatification('DE', '2022-07-08'),
    makeRatification('FR', '2022-08-02'),
    makeRatification('TR', '2024-01-25'),
    makeRatification('HU', '2024-02-26'),
  ],
  accession: '2024-03-07',
});

const summit: EventFact = {
  id: 'vilnius',
  kind: 'summit',
  title: 'Vilnius summit',
  start: '2023-07-11',
  end: '2023-07-12',
  place: 'Vilnius',
  participants: [{ name: 'France', iso2: 'FR' }, { name: 'Secretary General' }],
  statements: [{ title: 'Communiqué', parties: ['FR', 'DE'], commitments: [] }],
  sources: [cite('src-a', 1)],
  basis: 'documented',
};

/** A valid scenario that touches every section validateScenario looks at. */
function fullScenario(overrides: Partial<Scenario> = {}): Scenario {
  return makeScenario({
    members: [
      makeMember('FR'),
      makeMember('DE'),
      makeMember('TR'),
      makeMember('HU'),
      makeMember('SE'),
    ],
    groups: [
      {
        id: 'b9',
        name: 'Bucharest Nine',
        members: ['HU'],
        sources: [cite('src-b', 2)],
        basis: 'reported',
      },
    ],
    candidates: [sweden],
    decisions: [
      makeDecision({ id: 'invite-se', candidate: 'SE' }),
      makeDecision({ id: 'ratify-se', kind: 'ratification', candidate: 'SE' }),
      makeDecision({ id: 'silent', kind: 'other', rule: 'silence', silenceDeadline: '2023-07-01' }),
      makeDecision({
        id: 'qmv',
        kind: 'other',
        rule: 'qualified-majority',
        threshold: 2 / 3,
        outcome: {
          result: 'adopted',
          date: '2023-07-12',
          sources: [cite('src-a', 1)],
          basis: 'documented',
        },
      }),
    ],
    conditions: [
      makeCondition(
        'memo',
        [
          ['2022-06-28', false],
          ['2024-01-23', true],
        ],
        { holder: 'TR', kind: 'member-demand' },
      ),
    ],
    positions: [
      makePosition({
        id: 'tr',
        member: 'TR',
        decision: 'invite-se',
        stance: 'block',
        date: '2022-05-18',
        conditions: ['memo'],
      }),
      makePosition({
        id: 'hu',
        member: 'HU',
        decision: 'ratify-se',
        stance: 'support_with_conditions',
        date: '2023-03-01',
        conditions: ['memo'],
      }),
      makePosition({
        id: 'fr',
        member: 'FR',
        decision: 'invite-se',
        stance: 'support',
        date: '2022-05-18',
      }),
    ],
    events: [summit],
    ...overrides,
  });
}

function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((x, i) => (i === index ? item : x));
}

/** The only problem at a path; fails the test if there is none or several. */
function problemAt(problems: readonly Problem[], path: string): Problem {
  const found = problems.filter((p) => p.path === path);
  expect(found, `problems at ${path} in ${JSON.stringify(problems)}`).toHaveLength(1);
  const [first] = found;
  if (first === undefined) throw new Error(`no problem at ${path}`);
  return first;
}

describe('validateScenario: a valid scenario', () => {
  it('has no problems', () => {
    expect(validateScenario(makeScenario())).toEqual([]);
    expect(validateScenario(fullScenario())).toEqual([]);
  });
});

describe('validateScenario: members', () => {
  it('flags a duplicate member at the second occurrence', () => {
    const s = makeScenario({
      members: [makeMember('FR'), makeMember('FR', { joined: '1950-01-01' })],
    });
    const problems = validateScenario(s);
    expect(problems).toHaveLength(1);
    expect(problemAt(problems, 'members.1.iso2').message).toBe(
      "duplicate iso2 'FR' (first used at members.0)",
    );
  });

  it('flags an unknown country code', () => {
    const s = makeScenario({ members: [makeMember('XX'), makeMember('FR')] });
    const problems = validateScenario(s);
    expect(problems).toHaveLength(1);
    expect(problemAt(problems, 'members.0.iso2').message).toBe(
      "'XX' is not an ISO 3166-1 alpha-2 country code",
    );
  });

  it('flags a leave date on or before the join date', () => {
    const s = makeScenario({
      members: [makeMember('FR', { joined: '1949-04-04', left: '1949-04-04' })],
    });
    expect(problemAt(validateScenario(s), 'members.0.left').message).toBe(
      'must be after joined (1949-04-04)',
    );
  });

  it('flags a citation of an undeclared source', () => {
    const s = makeScenario({
      members: [makeMember('FR', { sources: [cite('src-a', 1), cite('ghost', 2)] })],
    });
    expect(problemAt(validateScenario(s), 'members.0.sources.1.source').message).toBe(
      "cites 'ghost', which is not in the scenario's sources",
    );
  });
});

describe('validateScenario: positions', () => {
  const base = fullScenario();
  const withPosition = (p: Position): Scenario => ({
    ...base,
    positions: [p, ...base.positions.slice(1)],
  });

  it('flags a position by a country that is not yet a member on its date', () => {
    const problems = validateScenario(
      withPosition(
        makePosition({ id: 'se', member: 'SE', decision: 'invite-se', date: '2023-07-11' }),
      ),
    );
    expect(problems).toHaveLength(1);
    expect(problemAt(problems, 'positions.0.member').message).toBe(
      'SE is not a member of nato on 2023-07-11 (joined 2024-03-07)',
    );
  });

  it('accepts a position on the join day', () => {
    expect(
      validateScenario(
        withPosition(
          makePosition({ id: 'se', member: 'SE', decision: 'invite-se', date: '2024-03-07' }),
        ),
      ),
    ).toEqual([]);
  });

  it('flags a position by a member after it left, naming the leave date', () => {
    const s = makeScenario({
      members: [makeMember('FR'), makeMember('GB', { joined: '1949-04-04', left: '2020-01-31' })],
      positions: [makePosition({ member: 'GB', date: '2020-01-31' })],
    });
    expect(problemAt(validateScenario(s), 'positions.0.member').message).toBe(
      'GB is not a member of nato on 2020-01-31 (joined 1949-04-04, left 2020-01-31)',
    );
  });

  it('flags a position by a real country that is not a member at all', () => {
    const problems = validateScenario(
      withPosition(makePosition({ id: 'jp', member: 'JP', decision: 'invite-se' })),
    );
    expect(problemAt(problems, 'positions.0.member').message).toBe(
      "'JP' is not a member of nato in this scenario",
    );
  });

  it('flags a position by an unknown code once, as an unknown code', () => {
    const problems = validateScenario(
      withPosition(makePosition({ id: 'xx', member: 'XX', decision: 'invite-se' })),
    );
    expect(problems).toHaveLength(1);
    expect(problemAt(problems, 'positions.0.member').message).toMatch(
      /'XX' is not an ISO 3166-1 alpha-2/,
    );
  });

  it('flags a position on a missing decision', () => {
    const problems = validateScenario(
      withPosition(makePosition({ id: 'fr-0', member: 'FR', decision: 'nope' })),
    );
    expect(problems.map((p) => p.path)).toEqual(['positions.0.decision']);
    expect(problemAt(problems, 'positions.0.decision').message).toBe(
      "no decision with id 'nope' in this scenario",
    );
  });

  it('flags an undeclared source', () => {
    const problems = validateScenario(
      withPosition(
        makePosition({
          id: 'fr-0',
          member: 'FR',
          decision: 'invite-se',
          sources: [cite('rumour', 3)],
        }),
      ),
    );
    expect(problems.map((p) => p.path)).toEqual(['positions.0.sources.0.source']);
    expect(problemAt(problems, 'positions.0.sources.0.source').message).toBe(
      "cites 'rumour', which is not in the scenario's sources",
    );
  });

  it('flags a missing condition and a conditional support without conditions', () => {
    const missing = validateScenario(
      withPosition(
        makePosition({
          id: 'fr-0',
          member: 'FR',
          decision: 'invite-se',
          stance: 'support_with_conditions',
          conditions: ['memo', 'nope'],
        }),
      ),
    );
    expect(problemAt(missing, 'positions.0.conditions.1').message).toBe(
      "no condition with id 'nope' in this scenario",
    );
    const empty = validateScenario(
      withPosition(
        makePosition({
          id: 'fr-0',
          member: 'FR',
          decision: 'invite-se',
          stance: 'support_with_conditions',
        }),
      ),
    );
    expect(problemAt(empty, 'positions.0.conditions').message).toBe(
      'support_with_conditions needs at least one condition',
    );
  });

  it('flags a duplicate position id', () => {
    const dup = {
      ...base,
      positions: [
        ...base.positions,
        makePosition({ id: 'tr', member: 'DE', decision: 'invite-se' }),
      ],
    };
    expect(problemAt(validateScenario(dup), 'positions.3.id').message).toBe(
      "duplicate id 'tr' (first used at positions.0)",
    );
  });
});

describe('validateScenario: sources, groups, conditions, events', () => {
  it('flags a duplicate source id', () => {
    const s = makeScenario({
      sources: [...SOURCES, { id: 'src-a', title: 'again', reliability: 'F' }],
    });
    expect(problemAt(validateScenario(s), `sources.${SOURCES.length}.id`).message).toMatch(
      /duplicate id 'src-a'/,
    );
  });

  it('flags a group member that is not a member', () => {
    const s = fullScenario({
      groups: [{ id: 'g', name: 'g', members: ['HU', 'PL'], sources: [], basis: 'reported' }],
    });
    expect(problemAt(validateScenario(s), 'groups.0.members.1').message).toBe(
      "'PL' is not a member of nato in this scenario",
    );
  });

  it('flags a condition holder that is not a member and an undeclared source on a status', () => {
    const s = fullScenario({
      conditions: [
        makeCondition('memo', [], { holder: 'UA' }),
        {
          ...makeCondition('c2'),
          statuses: [
            { date: '2023-01-01', met: true, sources: [cite('ghost', 2)], basis: 'reported' },
          ],
        },
      ],
    });
    const problems = validateScenario(s);
    expect(problemAt(problems, 'conditions.0.holder').message).toBe(
      "'UA' is not a member of nato in this scenario",
    );
    expect(problemAt(problems, 'conditions.1.statuses.0.sources.0.source').message).toMatch(
      /cites 'ghost'/,
    );
  });

  it('flags a duplicate condition id', () => {
    const s = fullScenario({ conditions: [makeCondition('memo'), makeCondition('memo')] });
    expect(problemAt(validateScenario(s), 'conditions.1.id').message).toMatch(
      /duplicate id 'memo'/,
    );
  });

  it('flags an event that ends before it starts, and unknown country codes in it', () => {
    const s = fullScenario({
      events: [
        {
          ...summit,
          end: '2023-07-10',
          participants: [{ name: 'Nowhere', iso2: 'QQ' }],
          statements: [{ title: 's', parties: ['FR', 'ZZ'], commitments: [] }],
        },
      ],
    });
    const problems = validateScenario(s);
    expect(problemAt(problems, 'events.0.end').message).toBe(
      'must not be before start (2023-07-11)',
    );
    expect(problemAt(problems, 'events.0.participants.0.iso2').message).toMatch(
      /'QQ' is not an ISO 3166-1/,
    );
    expect(problemAt(problems, 'events.0.statements.0.parties.1').message).toMatch(
      /'ZZ' is not an ISO 3166-1/,
    );
    expect(problems).toHaveLength(3);
  });
});

describe('validateScenario: decisions', () => {
  const base = fullScenario();
  const withDecision = (i: number, d: Decision): Scenario => ({
    ...base,
    decisions: replaceAt(base.decisions, i, d),
  });

  it('flags a decision about a country that is not a candidate', () => {
    const problems = validateScenario(
      withDecision(0, makeDecision({ id: 'invite-se', candidate: 'UA' })),
    );
    expect(problemAt(problems, 'decisions.0.candidate').message).toBe(
      "'UA' is not a candidate in this scenario",
    );
  });

  it('flags a ratification decision without its candidate', () => {
    const problems = validateScenario(
      withDecision(1, makeDecision({ id: 'ratify-se', kind: 'ratification' })),
    );
    expect(problemAt(problems, 'decisions.1.candidate').message).toBe(
      'a ratification decision needs its candidate',
    );
  });

  it('flags a silence procedure without deadline and a qualified majority without threshold', () => {
    const s = {
      ...base,
      decisions: replaceAt(
        replaceAt(base.decisions, 2, makeDecision({ id: 'silent', rule: 'silence' })),
        3,
        makeDecision({ id: 'qmv', rule: 'qualified-majority' }),
      ),
    };
    const problems = validateScenario(s);
    expect(problemAt(problems, 'decisions.2.silenceDeadline').message).toBe(
      'a silence procedure needs a silenceDeadline',
    );
    expect(problemAt(problems, 'decisions.3.threshold').message).toMatch(/needs a threshold/);
    expect(problems).toHaveLength(2);
  });

  it('flags an undeclared source on an outcome', () => {
    const d = makeDecision({
      id: 'qmv',
      rule: 'qualified-majority',
      threshold: 0.5,
      outcome: {
        result: 'adopted',
        date: '2023-07-12',
        sources: [cite('ghost', 1)],
        basis: 'reported',
      },
    });
    expect(
      problemAt(validateScenario(withDecision(3, d)), 'decisions.3.outcome.sources.0.source')
        .message,
    ).toMatch(/cites 'ghost'/);
  });

  it('flags a duplicate decision id', () => {
    const s = {
      ...base,
      decisions: [
        ...base.decisions,
        makeDecision({ id: 'silent', rule: 'silence', silenceDeadline: '2023-01-01' }),
      ],
    };
    expect(problemAt(validateScenario(s), 'decisions.4.id').message).toBe(
      "duplicate id 'silent' (first used at decisions.2)",
    );
  });
});

describe('validateScenario: candidates', () => {
  const base = fullScenario();
  const withCandidate = (c: Candidate): Scenario => ({ ...base, candidates: [c] });

  it('flags an unknown candidate code and a stage the alliance does not have', () => {
    const problems = validateScenario(
      withCandidate({
        ...sweden,
        iso2: 'XX',
        accession: undefined,
        stages: [{ stage: 'friend', date: '2020-01-01', sources: [], basis: 'reported' }],
      }),
    );
    expect(problemAt(problems, 'candidates.0.iso2').message).toMatch(/'XX' is not an ISO 3166-1/);
    expect(problemAt(problems, 'candidates.0.stages.0.stage').message).toMatch(
      /^'friend' is not one of the alliance's stages \(aspirant, /,
    );
  });

  it('flags a ratification before the protocol was signed', () => {
    const problems = validateScenario(
      withCandidate({
        ...sweden,
        ratifications: replaceAt(sweden.ratifications, 0, makeRatification('DE', '2022-07-04')),
      }),
    );
    expect(problems).toHaveLength(1);
    expect(problemAt(problems, 'candidates.0.ratifications.0.date').message).toBe(
      '2022-07-04 is before the protocol was signed (2022-07-05)',
    );
  });

  it('flags ratifications without a protocol', () => {
    const problems = validateScenario(withCandidate({ ...sweden, protocolSigned: undefined }));
    expect(problems.map((p) => p.path)).toEqual(
      [0, 1, 2, 3].map((j) => `candidates.0.ratifications.${j}.date`),
    );
    expect(problems[0]?.message).toBe("a ratification needs the candidate's protocolSigned date");
  });

  it('flags a ratification by a country that is not yet a member that day', () => {
    const s: Scenario = {
      ...base,
      members: [...base.members, makeMember('FI', { joined: '2023-04-04' })],
      candidates: [
        {
          ...sweden,
          ratifications: [...sweden.ratifications, makeRatification('FI', '2022-07-06')],
        },
      ],
    };
    expect(problemAt(validateScenario(s), 'candidates.0.ratifications.4.member').message).toBe(
      'FI is not a member on 2022-07-06 (joined 2023-04-04), so it cannot ratify then',
    );
  });

  it('flags a member ratifying twice', () => {
    const problems = validateScenario(
      withCandidate({
        ...sweden,
        ratifications: [...sweden.ratifications, makeRatification('TR', '2024-01-26')],
      }),
    );
    expect(problemAt(problems, 'candidates.0.ratifications.4.member').message).toBe(
      "duplicate member 'TR' (first used at candidates.0.ratifications.2)",
    );
  });

  it('flags an accession before the protocol, or on another day than the membership', () => {
    const early = validateScenario(withCandidate({ ...sweden, accession: '2022-07-01' }));
    expect(early.map((p) => p.path)).toEqual(['candidates.0.accession', 'candidates.0.accession']);
    expect(early[0]?.message).toBe('2022-07-01 is before the protocol was signed (2022-07-05)');
    const other = validateScenario(withCandidate({ ...sweden, accession: '2024-03-08' }));
    expect(problemAt(other, 'candidates.0.accession').message).toBe(
      '2024-03-08 differs from the date SE joined as a member (2024-03-07)',
    );
  });

  it('flags a duplicate candidate', () => {
    expect(
      problemAt(validateScenario({ ...base, candidates: [sweden, sweden] }), 'candidates.1.iso2')
        .message,
    ).toMatch(/duplicate iso2 'SE'/);
  });
});

describe('validateScenario: properties', () => {
  const membersArb = fc.uniqueArray(
    fc.record({
      iso2: fc.constantFrom(...MEMBER_POOL),
      joined: dayArb('1949-01-01', '2020-12-31'),
    }),
    { selector: (m) => m.iso2, minLength: 1, maxLength: 8 },
  );

  it('accepts positions by members dated on or after they joined, and reports every one dated before', () => {
    fc.assert(
      fc.property(
        membersArb,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: -3000, max: 3000 }), stanceArb), {
          maxLength: 10,
        }),
        (ms, raw) => {
          const members: Member[] = ms.map((m) =>
            makeMember(m.iso2, { joined: fromDayNumber(m.joined) }),
          );
          const positions = raw.map(([pick, offset, stance], i): Position => {
            const m = members[pick % members.length] ?? makeMember('FR');
            const conditions = stance === 'support_with_conditions' ? ['c1'] : [];
            return makePosition({
              id: `p${i}`,
              member: m.iso2,
              stance,
              conditions,
              date: fromDayNumber(toDayNumber(m.joined) + offset),
            });
          });
          const s = makeScenario({ members, positions, conditions: [makeCondition('c1')] });
          const expected = positions.flatMap((p, i) => {
            const m = members.find((x) => x.iso2 === p.member);
            return m !== undefined && p.date < m.joined ? [`positions.${i}.member`] : [];
          });
          expect(validateScenario(s).map((p) => p.path)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports a repeated member at the index of the repeat', () => {
    fc.assert(
      fc.property(membersArb, fc.nat(), fc.nat(), (ms, from, at) => {
        const members = ms.map((m) => makeMember(m.iso2, { joined: fromDayNumber(m.joined) }));
        const copied = members[from % members.length] ?? makeMember('FR');
        const index = at % (members.length + 1);
        const firstIndex = members.indexOf(copied);
        const withDup = [...members.slice(0, index), copied, ...members.slice(index)];
        // The first occurrence keeps the lower index; the later one is flagged.
        const flagged = index <= firstIndex ? firstIndex + 1 : index;
        const problems = validateScenario(makeScenario({ members: withDup }));
        expect(problems.map((p) => p.path)).toEqual([`members.${flagged}.iso2`]);
        expect(problems[0]?.message).toMatch(new RegExp(`^duplicate iso2 '${copied.iso2}'`));
      }),
      { numRuns: 200 },
    );
  });
});
