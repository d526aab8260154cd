import { describe, expect, it } from 'vitest';
import { AccordError } from '../errors.js';
import {
  assess,
  dep,
  makeBenchmark,
  makeGate,
  makeMilestone,
  makeRoadmap,
} from './test-factories.js';
import { assertValidRoadmap, validateRoadmap } from './validate.js';

const good = makeRoadmap({
  benchmarks: [makeBenchmark('a'), makeBenchmark('b')],
  milestones: [makeMilestone('m', { track: 't1' })],
  gates: [makeGate('g', ['a', 'b'])],
  dependencies: [dep('a', 'b', 3), dep('b', 'm')],
  evidence: [{ id: 'e', kind: 'link', title: 'x', speaksFor: '2024-01-01', submittedBy: 'UA' }],
  assessments: [assess('a', 'FR', '2024-01-02', true, { evidence: ['e'] })],
  conditionLinks: [{ condition: 'c1', benchmarks: ['a'] }],
});

describe('validateRoadmap', () => {
  it('accepts a sound roadmap', () => {
    expect(validateRoadmap(good)).toEqual([]);
    expect(() => {
      assertValidRoadmap(good);
    }).not.toThrow();
  });

  it('reports every problem with its path', () => {
    const bad = makeRoadmap({
      rule: { kind: 'quorum', n: 0 },
      benchmarks: [
        makeBenchmark('a', { track: 'nope', durationDays: -2, weight: -1 }),
        makeBenchmark('a', {
          durationDays: 1.5,
          statuses: [
            { date: '2024-02-30', status: 'met', progress: 0.5 },
            { date: '2024-03-01', status: 'in-progress', progress: 2 },
          ],
          targets: [{ date: '2024-01-01', target: 'soon' }],
        }),
      ],
      milestones: [makeMilestone('a')],
      gates: [makeGate('g', ['zz']), makeGate('h', [])],
      dependencies: [dep('a', 'ghost'), dep('x', 'a', -1)],
      evidence: [
        {
          id: 'e',
          kind: 'text',
          title: 'x',
          speaksFor: '2024-05-01',
          submittedBy: 'UA',
          expires: '2024-04-01',
          benchmarks: ['qq'],
        },
      ],
      assessments: [
        assess('ghost', 'fr', '2024-04-01', true, { id: 'x', evidence: ['e', 'missing'] }),
        assess('a', 'FR', '2024-04-01', true, { id: 'x' }),
      ],
      conditionLinks: [
        { condition: 'c', benchmarks: [] },
        { condition: 'c', benchmarks: ['nope'] },
      ],
    });
    expect(validateRoadmap(bad).map((p) => `${p.path}: ${p.message}`)).toEqual([
      "roadmap.benchmarks.1.id: duplicate id 'a' (first used at roadmap.benchmarks.0)",
      "roadmap.milestones.0.id: duplicate id 'a' (first used at roadmap.benchmarks.0)",
      "roadmap.assessments.1.id: duplicate id 'x' (first used at roadmap.assessments.0)",
      'roadmap.rule.n: a quorum must be a whole number ≥ 1, not 0',
      "roadmap.benchmarks.0.track: no track with id 'nope'",
      'roadmap.benchmarks.0.durationDays: must be a whole number of days ≥ 0, not -2',
      'roadmap.benchmarks.0.weight: must be a number ≥ 0, not -1',
      'roadmap.benchmarks.1.durationDays: must be a whole number of days ≥ 0, not 1.5',
      "roadmap.benchmarks.1.targets.0.target: 'soon' is not a calendar date written YYYY-MM-DD",
      "roadmap.benchmarks.1.statuses.0.date: '2024-02-30' is not a calendar date written YYYY-MM-DD",
      'roadmap.benchmarks.1.statuses.0.progress: only an in-progress status has a progress',
      'roadmap.benchmarks.1.statuses.1.progress: must be between 0 and 1, not 2',
      "roadmap.dependencies.0.to: no benchmark, milestone or gate 'ghost'",
      "roadmap.dependencies.1.from: no benchmark, milestone or gate 'x'",
      'roadmap.dependencies.1.lagDays: must be a whole number of days ≥ 0, not -1',
      "roadmap.gates.0.requires.0: no benchmark with id 'zz'",
      'roadmap.gates.1.requires: a gate must require at least one benchmark',
      'roadmap.evidence.0.expires: expires on 2024-04-01, not after the date it speaks for (2024-05-01)',
      "roadmap.evidence.0.benchmarks.0: no benchmark with id 'qq'",
      "roadmap.assessments.0.benchmark: no benchmark with id 'ghost'",
      "roadmap.assessments.0.assessor.iso2: 'fr' is not a two-letter country code",
      "roadmap.assessments.0.evidence.0: cites 'e', which speaks for 2024-05-01, after the assessment (2024-04-01)",
      "roadmap.assessments.0.evidence.1: no evidence with id 'missing'",
      'roadmap.conditionLinks.0.benchmarks: a condition must link at least one benchmark',
      "roadmap.conditionLinks.1.condition: condition 'c' is already linked at roadmap.conditionLinks.0",
      "roadmap.conditionLinks.1.benchmarks.0: no benchmark with id 'nope'",
    ]);
  });

  it('reports each cycle at a dependency on it, naming every node', () => {
    const cyclic = makeRoadmap({
      ...good,
      milestones: [...good.milestones, makeMilestone('n')],
      dependencies: [...good.dependencies, dep('m', 'a'), dep('g', 'n'), dep('n', 'g')],
    });
    expect(validateRoadmap(cyclic)).toEqual([
      { path: 'roadmap.dependencies.2', message: 'dependencies form a cycle: a → b → m → a' },
      { path: 'roadmap.dependencies.3', message: 'dependencies form a cycle: n → g → n' },
    ]);
  });

  it('assertValidRoadmap throws VALIDATION_FAILED with every problem', () => {
    const bad = makeRoadmap({ dependencies: [dep('a', 'b')] });
    try {
      assertValidRoadmap(bad);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AccordError);
      if (err instanceof AccordError) {
        expect(err.code).toBe('VALIDATION_FAILED');
        expect(err.message).toBe(
          "roadmap.dependencies.0.from: no benchmark, milestone or gate 'a' (and 1 more)",
        );
        expect(err.details['problems']).toHaveLength(2);
      }
    }
  });
});
