import { describe, expect, it } from 'vitest';
import { scheduleRoadmap } from './schedule.js';
import {
  assess,
  dep,
  makeBenchmark,
  makeGate,
  makeMilestone,
  makeRoadmap,
  member,
  START,
  statuses,
  targets,
} from './test-factories.js';
import { roadmapTimeline, timelineEntry, type TimelineEntry } from './timeline.js';
import type { NodeKind, Roadmap } from './types.js';

const eligible = [member('FR')];

/** a(30) → b(20) → m (day 50, 2024-02-20); a → m2 (day 30); a → m3; gate g needs a, b. */
const roadmap: Roadmap = makeRoadmap({
  benchmarks: [
    makeBenchmark('a', { durationDays: 30 }),
    makeBenchmark('b', { durationDays: 20, targets: targets(['2023-12-01', '2024-02-15']) }),
  ],
  milestones: [
    makeMilestone('m', { targets: targets(['2023-12-01', '2024-03-01']) }),
    makeMilestone('m2', { targets: targets(['2023-12-01', '2024-06-01']) }),
    makeMilestone('m3', {
      targets: targets(['2023-11-01', '2024-02-01'], ['2023-12-15', '2024-04-01']),
    }),
    makeMilestone('open'),
  ],
  gates: [makeGate('g', ['a', 'b'], { targets: targets(['2023-12-01', '2024-02-10']) })],
  dependencies: [dep('a', 'b'), dep('b', 'm'), dep('a', 'm2'), dep('a', 'm3'), dep('b', 'open')],
});

function byId(entries: readonly TimelineEntry[], id: string): TimelineEntry {
  const e = entries.find((x) => x.id === id);
  if (e === undefined) throw new Error(`no entry ${id}`);
  return e;
}

describe('roadmapTimeline', () => {
  const asOf = START;
  const entries = roadmapTimeline(roadmap, scheduleRoadmap(roadmap, { start: START, asOf }), {
    eligible,
  });

  it('lists milestones then gates', () => {
    expect(entries.map((e) => e.id)).toEqual(['m', 'm2', 'm3', 'open', 'g']);
  });

  it('is at risk on the critical path within the margin of its target', () => {
    expect(byId(entries, 'm')).toMatchObject({
      target: '2024-03-01',
      projected: '2024-02-20',
      marginDays: 10,
      critical: true,
      state: 'at-risk',
      reasons: ['on the critical path, projected 2024-02-20 with 10 days to the target 2024-03-01'],
    });
  });

  it('is on track with slack or room to spare', () => {
    expect(byId(entries, 'm2')).toMatchObject({
      projected: '2024-01-31',
      slack: 20,
      state: 'on-track',
      reasons: ['projected 2024-01-31, 122 days before the target 2024-06-01 (slack 20 days)'],
    });
  });

  it('has slipped when its target moved later, and lists the move', () => {
    expect(byId(entries, 'm3')).toMatchObject({
      target: '2024-04-01',
      originalTarget: '2024-02-01',
      state: 'slipped',
      reasons: ['target moved from 2024-02-01 to 2024-04-01'],
      moves: [{ date: '2023-12-15', from: '2024-02-01', to: '2024-04-01', days: 60 }],
      slipCount: 1,
      slippedDays: 60,
    });
  });

  it('has slipped when projected after its target', () => {
    expect(byId(entries, 'g')).toMatchObject({
      kind: 'gate',
      projected: '2024-02-20',
      state: 'slipped',
      reasons: ['projected 2024-02-20, 10 days after the target 2024-02-10'],
    });
  });

  it('has no state against a target when none is set', () => {
    expect(byId(entries, 'open')).toMatchObject({ state: 'no-target', moves: [], slipCount: 0 });
  });

  it('dates a gate by verification, not by finished work', () => {
    const done = makeRoadmap({
      ...roadmap,
      benchmarks: roadmap.benchmarks.map((b) => ({
        ...b,
        statuses: statuses(['2024-01-25', 'met']),
      })),
      assessments: [assess('a', 'FR', '2024-02-01', true), assess('b', 'FR', '2024-02-05', true)],
    });
    const on = (day: string): TimelineEntry =>
      byId(
        roadmapTimeline(done, scheduleRoadmap(done, { start: START, asOf: day }), { eligible }),
        'g',
      );
    // Work finished on 01-25 but nothing is verified yet: the gate is projected no earlier than today.
    expect(on('2024-01-30')).toMatchObject({ projected: '2024-01-30', done: false });
    expect(on('2024-02-20')).toMatchObject({
      projected: '2024-02-05',
      done: true,
      state: 'on-track',
      reasons: ['reached 2024-02-05, by the target 2024-02-10'],
    });
  });

  it('includes benchmarks on request', () => {
    const withB = roadmapTimeline(roadmap, scheduleRoadmap(roadmap, { start: START, asOf }), {
      eligible,
      includeBenchmarks: true,
    });
    expect(byId(withB, 'b')).toMatchObject({ projected: '2024-02-20', state: 'slipped' });
    expect(byId(withB, 'a')).toMatchObject({ state: 'no-target' });
  });
});

describe('timelineEntry', () => {
  const base: { id: string; kind: NodeKind; title: string; slack: number; critical: boolean } = {
    id: 'x',
    kind: 'milestone',
    title: 'x',
    slack: 0,
    critical: true,
  };

  it('uses the margin given', () => {
    const entry = (margin: number): TimelineEntry =>
      timelineEntry(
        {
          ...base,
          targets: targets(['2024-01-01', '2024-03-01']),
          projection: { projected: '2024-02-20', done: false },
        },
        '2024-01-10',
        margin,
      );
    expect(entry(10).state).toBe('at-risk');
    expect(entry(9).state).toBe('on-track');
  });

  it('counts a target pulled earlier as a move, not a slip', () => {
    const e = timelineEntry(
      {
        ...base,
        critical: false,
        targets: targets(['2024-01-01', '2024-06-01'], ['2024-02-01', '2024-05-01']),
        projection: { projected: '2024-04-01', done: false },
      },
      '2024-03-01',
    );
    expect(e).toMatchObject({ state: 'on-track', slipCount: 0, slippedDays: -31 });
    expect(e.moves).toHaveLength(1);
  });
});
