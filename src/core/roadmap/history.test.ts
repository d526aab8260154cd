import { describe, expect, it } from 'vitest';
import {
  completionOf,
  entriesUpTo,
  finishedOn,
  originalTarget,
  statusAsOf,
  targetAsOf,
  targetMoves,
} from './history.js';
import { makeBenchmark, statuses, targets } from './test-factories.js';

describe('statuses as of a day', () => {
  const b = makeBenchmark('b', {
    statuses: statuses(
      ['2024-03-01', 'met'],
      ['2024-01-10', 'in-progress', 0.4],
      ['2024-04-01', 'verified'],
      ['2024-06-01', 'regressed'],
      ['2024-06-01', 'in-progress'],
    ),
  });

  it('is not-started before the first entry, then the latest entry on or before the day', () => {
    expect(statusAsOf(b, '2024-01-09')).toBe('not-started');
    expect(statusAsOf(b, '2024-01-10')).toBe('in-progress');
    expect(statusAsOf(b, '2024-03-31')).toBe('met');
    expect(statusAsOf(b, '2024-05-01')).toBe('verified');
  });

  it('applies same-day entries in list order', () => {
    expect(statusAsOf(b, '2024-06-01')).toBe('in-progress');
    expect(entriesUpTo(b.statuses, '2024-06-01').map((s) => s.status)).toEqual([
      'in-progress',
      'met',
      'verified',
      'regressed',
      'in-progress',
    ]);
  });

  it('finishes on the first day of the current met/verified run', () => {
    expect(finishedOn(b, '2024-02-01')).toBeUndefined();
    expect(finishedOn(b, '2024-03-01')).toBe('2024-03-01');
    expect(finishedOn(b, '2024-05-01')).toBe('2024-03-01');
    expect(finishedOn(b, '2024-06-01')).toBeUndefined();
  });

  it('credits met/verified 1, in-progress its share or 0.5, others 0', () => {
    expect(completionOf(undefined)).toBe(0);
    expect(completionOf({ date: '2024-01-01', status: 'in-progress', progress: 0.4 })).toBe(0.4);
    expect(completionOf({ date: '2024-01-01', status: 'in-progress' })).toBe(0.5);
    expect(completionOf({ date: '2024-01-01', status: 'verified' })).toBe(1);
    expect(completionOf({ date: '2024-01-01', status: 'regressed' })).toBe(0);
  });
});

describe('targets and their moves', () => {
  const t = targets(
    ['2023-07-11', '2024-07-09'],
    ['2024-02-01', '2024-07-09'],
    ['2024-03-15', '2024-12-01'],
    ['2024-09-01', '2024-10-01'],
  );

  it('holds the latest target set on or before the day', () => {
    expect(targetAsOf(t, '2023-07-10')).toBeUndefined();
    expect(targetAsOf(t, '2024-03-14')).toBe('2024-07-09');
    expect(targetAsOf(t, '2024-03-15')).toBe('2024-12-01');
    expect(originalTarget(t, '2024-12-31')).toBe('2024-07-09');
  });

  it('lists every move from what to what, ignoring restatements', () => {
    expect(targetMoves(t, '2024-12-31')).toEqual([
      { date: '2024-03-15', from: '2024-07-09', to: '2024-12-01', days: 145 },
      { date: '2024-09-01', from: '2024-12-01', to: '2024-10-01', days: -61 },
    ]);
    expect(targetMoves(t, '2024-03-14')).toEqual([]);
  });
});
