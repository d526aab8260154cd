import { describe, expect, it } from 'vitest';
import { compareVariants, variantCommitments } from './compare.js';
import {
  dep,
  makeBenchmark,
  makeGate,
  makeMilestone,
  makeRoadmap,
  member,
  START,
  targets,
} from './test-factories.js';
import type { Variant } from './types.js';
import { validateVariant, validateVariantPair } from './validate.js';

const benchmarks = [
  makeBenchmark('courts', { durationDays: 90 }),
  makeBenchmark('control', { durationDays: 60 }),
];

const sequenced: Variant = {
  id: 'sequenced',
  title: 'Sequenced with dates',
  approach: 'sequenced',
  commitments: ['review progress at every summit'],
  roadmap: makeRoadmap({
    benchmarks,
    milestones: [
      makeMilestone('reform-package', { targets: targets(['2023-07-11', '2024-04-01']) }),
    ],
    gates: [
      makeGate('invitation', ['courts', 'control'], {
        decision: 'invite',
        targets: targets(['2023-07-11', '2024-07-09']),
      }),
    ],
    dependencies: [dep('courts', 'reform-package'), dep('courts', 'control')],
  }),
};

const incremental: Variant = {
  id: 'incremental',
  title: 'Conditions-based, no dates',
  approach: 'incremental',
  commitments: [],
  roadmap: makeRoadmap({
    benchmarks: [...benchmarks, makeBenchmark('interop', { durationDays: 200 })],
    milestones: [makeMilestone('reform-package')],
    gates: [makeGate('invite-gate', ['courts', 'control', 'interop'], { decision: 'invite' })],
    dependencies: [dep('courts', 'reform-package'), dep('courts', 'control')],
  }),
};

describe('compareVariants', () => {
  const c = compareVariants(sequenced, incremental, {
    start: START,
    asOf: START,
    eligible: [member('FR')],
  });

  it('summarises each variant', () => {
    expect(c.a).toMatchObject({
      approach: 'sequenced',
      finish: '2024-05-30',
      gates: 1,
      milestones: 1,
      dated: 2,
      criticalPath: ['courts', 'control', 'invitation'],
    });
    expect(c.b).toMatchObject({ approach: 'incremental', finish: '2024-07-19', dated: 0 });
    expect(c.finishDifferenceDays).toBe(50);
  });

  it('matches gates by id, then by decision, and shows both sides', () => {
    expect(c.gates).toHaveLength(1);
    expect(c.gates[0]).toMatchObject({
      kind: 'gate',
      a: { id: 'invitation', target: '2024-07-09', projected: '2024-05-30', state: 'on-track' },
      b: { id: 'invite-gate', projected: '2024-07-19', state: 'no-target', ready: false },
      projectedDifferenceDays: 50,
      requiresOnlyInA: [],
      requiresOnlyInB: ['interop'],
    });
    expect(c.milestones[0]).toMatchObject({
      a: { target: '2024-04-01', projected: '2024-03-31', state: 'on-track' },
      b: { projected: '2024-03-31', state: 'no-target' },
      projectedDifferenceDays: 0,
    });
    expect(c.benchmarksOnlyInB).toEqual(['interop']);
    expect(c.benchmarksOnlyInA).toEqual([]);
  });

  it('says what each commits the alliance to', () => {
    expect(variantCommitments(sequenced, START)).toEqual([
      {
        kind: 'gate',
        id: 'invitation',
        text: 'take the decision "gate invitation" by 2024-07-09, once courts, control are verified',
        date: '2024-07-09',
        requires: ['courts', 'control'],
      },
      {
        kind: 'milestone',
        id: 'reform-package',
        text: 'reach "milestone reform-package" by 2024-04-01',
        date: '2024-04-01',
      },
      { kind: 'statement', text: 'review progress at every summit' },
    ]);
    expect(c.b.commitments).toEqual([
      {
        kind: 'gate',
        id: 'invite-gate',
        text: 'take the decision "gate invite-gate" with no date, once courts, control, interop are verified',
        requires: ['courts', 'control', 'interop'],
      },
    ]);
  });
});

describe('validateVariant', () => {
  it('accepts both approaches as built', () => {
    expect(validateVariantPair(sequenced, incremental)).toEqual([]);
  });

  it('wants dates in a sequenced plan and none on gates or milestones in an incremental one', () => {
    expect(validateVariant({ ...sequenced, approach: 'incremental' })).toEqual([
      {
        path: 'variant.roadmap.gates.0.targets',
        message: 'an incremental plan sets no target date for a gate',
      },
      {
        path: 'variant.roadmap.milestones.0.targets',
        message: 'an incremental plan sets no target date for a milestone',
      },
    ]);
    expect(validateVariant({ ...incremental, approach: 'sequenced' }).map((p) => p.path)).toEqual([
      'variant.roadmap.gates.0.targets',
      'variant.roadmap.milestones.0.targets',
    ]);
  });

  it('wants both variants for the same candidate', () => {
    const other = { ...incremental, roadmap: { ...incremental.roadmap, candidate: 'GE' } };
    expect(validateVariantPair(sequenced, other)).toEqual([
      {
        path: 'variants.1.roadmap.candidate',
        message: "is 'GE', but the first variant is for 'UA'",
      },
    ]);
  });
});
