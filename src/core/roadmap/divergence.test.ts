import { describe, expect, it } from 'vitest';
import { divergence, divergentBenchmarks } from './divergence.js';
import { assess, makeBenchmark, makeRoadmap, member, secretariat } from './test-factories.js';

const roadmap = makeRoadmap({
  benchmarks: [makeBenchmark('courts'), makeBenchmark('quiet')],
  evidence: [
    {
      id: 'venice',
      kind: 'document',
      title: 'Venice Commission opinion',
      speaksFor: '2024-01-15',
      submittedBy: 'secretariat',
      expires: '2024-06-01',
    },
  ],
  assessments: [
    assess('courts', 'FR', '2024-02-01', false, { preparation: 'early-stage' }),
    assess('courts', 'FR', '2024-03-01', true, {
      preparation: 'good-level-of-preparation',
      progress: 'good-progress',
      evidence: ['venice'],
    }),
    assess('courts', 'HU', '2024-03-02', false, {
      preparation: 'some-level-of-preparation',
      progress: 'limited-progress',
    }),
    assess('courts', 'secretariat', '2024-03-03', true, {
      preparation: 'moderately-prepared',
      progress: 'some-progress',
    }),
    assess('courts', 'US', '2024-03-04', true),
    assess('quiet', 'FR', '2024-03-01', true, { preparation: 'well-advanced' }),
  ],
});

describe('divergence', () => {
  it('shows every assessor side by side, with how far apart they are', () => {
    const d = divergence(roadmap, 'courts', '2024-07-01', [
      member('FR'),
      member('HU'),
      member('PL'),
    ]);
    expect(d.rows.map((r) => [r.assessor, r.counts, r.latest?.met])).toEqual([
      [member('FR'), true, true],
      [member('HU'), true, false],
      [member('PL'), true, undefined],
      [member('US'), false, true],
      [secretariat, true, true],
    ]);
    expect(d.rows[0]?.history.length).toBe(2);
    expect(d.rows[0]?.evidence).toEqual([
      {
        id: 'venice',
        title: 'Venice Commission opinion',
        kind: 'document',
        speaksFor: '2024-01-15',
        expired: true,
      },
    ]);
    expect(d).toMatchObject({ met: 2, notMet: 1, missing: 1, divergent: true });
    expect(d.preparation).toEqual({
      lowest: 'some-level-of-preparation',
      highest: 'good-level-of-preparation',
      steps: 2,
    });
    expect(d.progress).toEqual({
      lowest: 'limited-progress',
      highest: 'good-progress',
      steps: 2,
    });
    expect(d.verification.verified).toBe(false);
  });

  it('lists only the benchmarks whose judgements diverge', () => {
    const list = divergentBenchmarks(roadmap, '2024-07-01', [member('FR'), member('HU')]);
    expect(list.map((d) => d.benchmark)).toEqual(['courts']);
  });
});
