/**
 * Histories as of a day: the status of a benchmark, the target of an item, when it finished and
 * how its target moved. An entry holds from its date; of two entries on one day the later-listed
 * one wins (as for conditions in src/core/conditions.ts).
 */
import { daysBetween } from '../dates.js';
import type { IsoDate } from '../types.js';
import type { Benchmark, BenchmarkStatus, StatusEntry, TargetEntry } from './types.js';

/** The entries dated on or before `asOf`, oldest first; same-day entries keep their list order. */
export function entriesUpTo<T extends { readonly date: IsoDate }>(
  entries: readonly T[],
  asOf: IsoDate,
): T[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => entry.date <= asOf)
    .sort((a, b) =>
      a.entry.date < b.entry.date ? -1 : a.entry.date > b.entry.date ? 1 : a.index - b.index,
    )
    .map(({ entry }) => entry);
}

/** The entry that holds on `asOf`: the latest dated on or before it. */
export function latestEntry<T extends { readonly date: IsoDate }>(
  entries: readonly T[],
  asOf: IsoDate,
): T | undefined {
  let latest: T | undefined;
  for (const entry of entries) {
    if (entry.date <= asOf && (latest === undefined || entry.date >= latest.date)) latest = entry;
  }
  return latest;
}

export function isDoneStatus(status: BenchmarkStatus): boolean {
  return status === 'met' || status === 'verified';
}

/** The status entry that holds on a day, or undefined before the first (`not-started`). */
export function statusEntryAsOf(benchmark: Benchmark, asOf: IsoDate): StatusEntry | undefined {
  return latestEntry(benchmark.statuses, asOf);
}

export function statusAsOf(benchmark: Benchmark, asOf: IsoDate): BenchmarkStatus {
  return statusEntryAsOf(benchmark, asOf)?.status ?? 'not-started';
}

/** The share done credited for a status: met/verified 1, in-progress its `progress` or 0.5. */
export function completionOf(entry: StatusEntry | undefined): number {
  if (entry === undefined) return 0;
  switch (entry.status) {
    case 'met':
    case 'verified':
      return 1;
    case 'in-progress':
      return clamp01(entry.progress ?? 0.5);
    case 'not-started':
    case 'regressed':
      return 0;
  }
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

/**
 * The day a benchmark that is met or verified on `asOf` finished: the first day of its current,
 * unbroken run of met/verified statuses. Undefined when it is not done on `asOf`.
 */
export function finishedOn(benchmark: Benchmark, asOf: IsoDate): IsoDate | undefined {
  const entries = entriesUpTo(benchmark.statuses, asOf);
  let since: IsoDate | undefined;
  for (const entry of entries) {
    if (!isDoneStatus(entry.status)) since = undefined;
    else since ??= entry.date;
  }
  return since;
}

/** The target date in force on `asOf`, or undefined when none was set by then. */
export function targetAsOf(targets: readonly TargetEntry[], asOf: IsoDate): IsoDate | undefined {
  return latestEntry(targets, asOf)?.target;
}

/** The first target ever set on or before `asOf`. */
export function originalTarget(
  targets: readonly TargetEntry[],
  asOf: IsoDate,
): IsoDate | undefined {
  return entriesUpTo(targets, asOf)[0]?.target;
}

/** One move of a target: on `date` it went from `from` to `to` (`days` > 0 is a slip). */
export interface TargetMove {
  readonly date: IsoDate;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly days: number;
  readonly note?: string | undefined;
}

/** Every time the target moved, oldest first, up to `asOf`. Re-stating the same date is no move. */
export function targetMoves(targets: readonly TargetEntry[], asOf: IsoDate): TargetMove[] {
  const moves: TargetMove[] = [];
  let current: IsoDate | undefined;
  for (const entry of entriesUpTo(targets, asOf)) {
    if (current !== undefined && entry.target !== current) {
      moves.push({
        date: entry.date,
        from: current,
        to: entry.target,
        days: daysBetween(current, entry.target),
        ...(entry.note === undefined ? {} : { note: entry.note }),
      });
    }
    current = entry.target;
  }
  return moves;
}
