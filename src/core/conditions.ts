import type { Condition, ConditionStatus, IsoDate } from './types.js';

/**
 * The status of a condition as of a date: its latest status entry, or unmet before any. Two
 * entries on one day apply in the order listed, so the later-listed one holds at day's end.
 */
export function conditionStatusAsOf(
  condition: Condition,
  asOf: IsoDate,
): ConditionStatus | undefined {
  let latest: ConditionStatus | undefined;
  for (const s of condition.statuses) {
    if (s.date <= asOf && (latest === undefined || s.date >= latest.date)) latest = s;
  }
  return latest;
}

export function isConditionMet(condition: Condition, asOf: IsoDate): boolean {
  return conditionStatusAsOf(condition, asOf)?.met ?? false;
}

/** A lookup `id -> met?` as of a date; an unknown id is never met. */
export function conditionChecker(
  conditions: readonly Condition[],
  asOf: IsoDate,
): (id: string) => boolean {
  const met = new Map(conditions.map((c) => [c.id, isConditionMet(c, asOf)]));
  return (id) => met.get(id) ?? false;
}
