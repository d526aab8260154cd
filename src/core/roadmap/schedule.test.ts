import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.js';
import { AccordError } from '../errors.js';
import { roadmapGraph } from './graph.js';
import { scheduledItem, scheduleRoadmap, type Schedule, type ScheduledItem } from './schedule.js';
import {
  dagArb,
  dep,
  makeBenchmark,
  makeGate,
  makeMilestone,
  makeRoadmap,
  START,
  statuses,
} from './test-factories.js';
import type { Roadmap } from './types.js';

function item(s: Schedule, id: string): ScheduledItem {
  const found = scheduledItem(s, id);
  if (found === undefined) throw new Error(`no item ${id}`);
  return found;
}

/**
 *   a(10) ──5──▶ b(20) ──▶ m
 *   c(5) ────────────────▶ m ──▶ gate needs a, c
 */
const example: Roadmap = makeRoadmap({
  benchmarks: [
    makeBenchmark('a', { durationDays: 10 }),
    makeBenchmark('b', { durationDays: 20 }),
    makeBenchmark('c', { durationDays: 5 }),
  ],
  milestones: [makeMilestone('m')],
  gates: [makeGate('g', ['a', 'c'])],
  dependencies: [dep('a', 'b', 5), dep('b', 'm'), dep('c', 'm'), dep('m', 'g')],
});

describe('scheduleRoadmap', () => {
  it('computes earliest and latest dates, slack and the critical path', () => {
    const s = scheduleRoadmap(example, { start: START });
    expect(s.finish).toBe(35);
    expect(s.finishDate).toBe('2024-02-05');
    expect(s.criticalPath).toEqual(['a', 'b', 'm', 'g']);
    expect(item(s, 'a')).toMatchObject({
      earlyStart: 0,
      earlyFinish: 10,
      slack: 0,
      critical: true,
    });
    expect(item(s, 'b')).toMatchObject({ earlyStart: 15, earlyFinish: 35, lateFinish: 35 });
    expect(item(s, 'c')).toMatchObject({
      earlyStart: 0,
      earlyFinish: 5,
      lateStart: 30,
      lateFinish: 35,
      slack: 30,
      critical: false,
    });
    expect(item(s, 'm')).toMatchObject({ kind: 'milestone', earlyStart: 35, earlyFinish: 35 });
    expect(item(s, 'c').dates).toEqual({
      earlyStart: '2024-01-01',
      earlyFinish: '2024-01-06',
      lateStart: '2024-01-31',
      lateFinish: '2024-02-05',
    });
    expect(s.items.map((i) => i.id)).toEqual(['a', 'b', 'c', 'm', 'g']);
  });

  it('counts work met or verified by the as-of date as finished on that status date', () => {
    const r = makeRoadmap({
      ...example,
      benchmarks: [
        makeBenchmark('a', {
          durationDays: 10,
          statuses: statuses(
            ['2024-01-03', 'in-progress'],
            ['2024-01-08', 'met'],
            ['2024-01-20', 'verified'],
          ),
        }),
        makeBenchmark('b', { durationDays: 20 }),
        makeBenchmark('c', { durationDays: 5 }),
      ],
    });
    const s = scheduleRoadmap(r, { start: START, asOf: '2024-01-25' });
    expect(item(s, 'a')).toMatchObject({
      done: true,
      earlyFinish: 7,
      remainingDays: 0,
      status: 'verified',
      slack: 0,
      critical: false,
    });
    // b waits for a (day 7) + 5 days lag = day 12, but cannot start before the as-of day (24).
    expect(item(s, 'b')).toMatchObject({ earlyStart: 24, earlyFinish: 44, critical: true });
    expect(s.criticalPath).toEqual(['b', 'm', 'g']);
  });

  it('continues in-progress work from the as-of date with the share left', () => {
    const r = makeRoadmap({
      benchmarks: [
        makeBenchmark('x', {
          durationDays: 10,
          statuses: statuses(['2024-01-02', 'in-progress', 0.3]),
        }),
        makeBenchmark('y', { durationDays: 10, statuses: statuses(['2024-01-02', 'in-progress']) }),
        makeBenchmark('z', {
          durationDays: 10,
          statuses: statuses(['2024-01-02', 'met'], ['2024-01-05', 'regressed']),
        }),
      ],
    });
    const s = scheduleRoadmap(r, { start: START, asOf: '2024-01-11' });
    expect(item(s, 'x')).toMatchObject({ remainingDays: 7, earlyStart: 10, earlyFinish: 17 });
    expect(item(s, 'y')).toMatchObject({ remainingDays: 5, earlyFinish: 15 });
    expect(item(s, 'z')).toMatchObject({ remainingDays: 10, earlyFinish: 20, status: 'regressed' });
  });

  it('reaches a milestone when its predecessors are done, even in the past', () => {
    const r = makeRoadmap({
      benchmarks: [makeBenchmark('a', { statuses: statuses(['2024-01-05', 'met']) })],
      milestones: [makeMilestone('m')],
      dependencies: [dep('a', 'm', 2)],
    });
    const s = scheduleRoadmap(r, { start: START, asOf: '2024-03-01' });
    expect(item(s, 'm')).toMatchObject({ done: true, earlyFinish: 6 });
    expect(item(s, 'm').dates.earlyFinish).toBe('2024-01-07');
    expect(s.criticalPath).toEqual([]);
  });

  it('rejects a cycle naming it, and unknown ids naming the field', () => {
    const cyclic = makeRoadmap({
      ...example,
      dependencies: [...example.dependencies, dep('m', 'a')],
    });
    expect(() => scheduleRoadmap(cyclic, { start: START })).toThrow(
      'roadmap: dependencies form a cycle: a → b → m → a',
    );
    const unknown = makeRoadmap({ ...example, dependencies: [dep('a', 'nope')] });
    expect(() => scheduleRoadmap(unknown, { start: START })).toThrow(
      "roadmap.dependencies.0.to: no benchmark, milestone or gate 'nope'",
    );
    try {
      scheduleRoadmap(makeRoadmap({ benchmarks: [makeBenchmark('a', { durationDays: -1 })] }), {
        start: START,
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AccordError);
      if (err instanceof AccordError) {
        expect(err.code).toBe('VALIDATION_FAILED');
        expect(err.details['problems']).toEqual([
          {
            path: 'roadmap.benchmarks.0.durationDays',
            message: 'must be a whole number of days ≥ 0, not -1',
          },
        ]);
      }
    }
  });

  it('schedules an empty roadmap at its start', () => {
    const s = scheduleRoadmap(makeRoadmap(), { start: START });
    expect(s).toMatchObject({ finish: 0, finishDate: START, items: [], criticalPath: [] });
  });
});

describe('schedule properties', () => {
  const asOfArb = fc.integer({ min: 0, max: 90 });

  it('slack is never negative, and unfinished work respects every dependency', () => {
    fc.assert(
      fc.property(dagArb({ withStatuses: true }), asOfArb, ({ roadmap }, day) => {
        const asOf = addDays(START, day);
        const s = scheduleRoadmap(roadmap, { start: START, asOf });
        for (const i of s.items) {
          expect(i.slack).toBeGreaterThanOrEqual(0);
          expect(i.earlyFinish).toBeLessThanOrEqual(s.finish);
          expect(i.lateFinish).toBeLessThanOrEqual(s.finish);
        }
        for (const e of roadmapGraph(roadmap).edges) {
          const to = item(s, e.to);
          if (!to.done)
            expect(to.earlyStart).toBeGreaterThanOrEqual(item(s, e.from).earlyFinish + e.lagDays);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("the critical path's length equals the roadmap's finish", () => {
    fc.assert(
      fc.property(dagArb(), ({ roadmap }) => {
        const s = scheduleRoadmap(roadmap, { start: START });
        const edges = roadmapGraph(roadmap).edges;
        const path = s.criticalPath.map((id) => item(s, id));
        let length = 0;
        path.forEach((node, k) => {
          expect(node.critical).toBe(true);
          length += node.durationDays;
          const prev = path[k - 1];
          if (prev !== undefined) {
            const lag = edges.find(
              (e) =>
                e.from === prev.id &&
                e.to === node.id &&
                prev.earlyFinish + e.lagDays === node.earlyStart,
            )?.lagDays;
            expect(lag).toBeDefined();
            length += lag ?? 0;
          }
        });
        expect(length).toBe(s.finish);
        if (s.finish > 0) expect(path.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('adding an edge never makes anything finish earlier', () => {
    fc.assert(
      fc.property(
        dagArb({ withStatuses: true }),
        asOfArb,
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 10 }),
        ({ roadmap, rank }, day, i, j, lag) => {
          const p = i % rank.length;
          const q = j % rank.length;
          fc.pre(p !== q);
          const [lo, hi] = p < q ? [p, q] : [q, p];
          const more = makeRoadmap({
            ...roadmap,
            dependencies: [...roadmap.dependencies, dep(rank[lo] ?? '', rank[hi] ?? '', lag)],
          });
          const asOf = addDays(START, day);
          const before = scheduleRoadmap(roadmap, { start: START, asOf });
          const after = scheduleRoadmap(more, { start: START, asOf });
          for (const x of before.items) {
            expect(item(after, x.id).earlyFinish).toBeGreaterThanOrEqual(x.earlyFinish);
          }
          expect(after.finish).toBeGreaterThanOrEqual(before.finish);
        },
      ),
      { numRuns: 200 },
    );
  });
});
