import { describe, expect, it } from 'vitest';
import { reviewRoadmap } from './review.js';
import {
  assess,
  makeBenchmark,
  makeGate,
  makeMilestone,
  makeRoadmap,
  member,
  statuses,
  targets,
} from './test-factories.js';

const eligible = [member('FR'), member('HU')];
const roadmap = makeRoadmap({
  tracks: [
    { id: 'law', title: 'Rule of law' },
    { id: 'def', title: 'Defence' },
  ],
  benchmarks: [
    makeBenchmark('courts', {
      track: 'law',
      statuses: statuses(['2024-01-10', 'in-progress'], ['2024-04-01', 'met']),
    }),
    makeBenchmark('police', {
      track: 'law',
      statuses: statuses(['2024-01-10', 'verified'], ['2024-05-01', 'regressed']),
    }),
    makeBenchmark('control', {
      track: 'def',
      targets: targets(['2023-07-11', '2024-06-01'], ['2024-04-15', '2024-09-01']),
    }),
  ],
  milestones: [
    makeMilestone('m', {
      targets: targets(['2023-07-11', '2024-12-01'], ['2024-07-01', '2025-03-01']),
    }),
  ],
  gates: [makeGate('g', ['courts'])],
  assessments: [
    assess('police', 'FR', '2024-01-10', true),
    assess('police', 'HU', '2024-01-10', true),
    assess('courts', 'FR', '2024-04-02', true),
    assess('courts', 'HU', '2024-04-03', true),
    assess('control', 'FR', '2024-04-05', true),
    assess('control', 'HU', '2024-04-06', false),
  ],
  evidence: [
    { id: 'e1', kind: 'text', title: 'law passed', speaksFor: '2024-03-30', submittedBy: 'UA' },
    { id: 'e0', kind: 'text', title: 'old', speaksFor: '2024-02-01', submittedBy: 'UA' },
  ],
});

describe('reviewRoadmap', () => {
  const r = reviewRoadmap(roadmap, { from: '2024-03-01', to: '2024-06-01', eligible });

  it('reports progress since the previous review, per track', () => {
    expect(r.progress.from).toBeCloseTo(1.5 / 3, 10);
    expect(r.progress.to).toBeCloseTo(1 / 3, 10);
    expect(r.progress.tracks.map((t) => [t.track, t.from, t.to])).toEqual([
      ['law', 0.75, 0.5],
      ['def', 0, 0],
    ]);
  });

  it('lists status changes, newly verified and regressed benchmarks', () => {
    expect(r.statusChanges).toEqual([
      { benchmark: 'courts', date: '2024-04-01', from: 'in-progress', to: 'met' },
      { benchmark: 'police', date: '2024-05-01', from: 'verified', to: 'regressed' },
    ]);
    expect(r.newlyVerified).toEqual(['courts']);
    expect(r.noLongerVerified).toEqual(['police']);
    expect(r.regressed).toEqual([{ benchmark: 'police', date: '2024-05-01' }]);
    expect(r.gates).toEqual([{ gate: 'g', from: false, to: true }]);
  });

  it('lists slips in the period only', () => {
    expect(r.slips).toEqual([
      {
        id: 'control',
        kind: 'benchmark',
        title: 'benchmark control',
        move: { date: '2024-04-15', from: '2024-06-01', to: '2024-09-01', days: 92 },
      },
    ]);
  });

  it('lists open dissent, new assessments and evidence', () => {
    expect(r.openDissent).toEqual([
      { benchmark: 'control', verified: false, agree: [member('FR')], dissent: [member('HU')] },
    ]);
    expect(r.assessments).toHaveLength(4);
    expect(r.evidence).toEqual(['e1']);
  });
});
