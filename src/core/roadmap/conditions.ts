/**
 * Member conditions as roadmap items. A member's `block` or `support_with_conditions` position
 * lists condition ids; a roadmap links a condition to benchmarks (`roadmap.conditionLinks`), and
 * the condition counts as met on a day when all of them are verified that day. Conditions the
 * roadmap does not link fall back to the scenario's own record (src/core/conditions.ts), so the
 * checker plugs straight into evaluateConsensus's `isMet`.
 */
import type { IsoDate, Position } from '../types.js';
import { verifyBenchmark, type EligibleAssessors } from './verification.js';
import type { Roadmap } from './types.js';

export interface LinkedConditionStatus {
  readonly condition: string;
  /** False when the roadmap does not link the condition (then `met` comes from the fallback). */
  readonly linked: boolean;
  readonly met: boolean;
  readonly benchmarks: readonly { readonly id: string; readonly verified: boolean }[];
}

/** One condition as of a day. */
export function linkedConditionStatus(
  roadmap: Roadmap,
  condition: string,
  asOf: IsoDate,
  eligible: EligibleAssessors,
  fallback: (condition: string) => boolean = () => false,
): LinkedConditionStatus {
  const link = roadmap.conditionLinks.find((c) => c.condition === condition);
  if (link === undefined)
    return { condition, linked: false, met: fallback(condition), benchmarks: [] };
  const benchmarks = link.benchmarks.map((id) => ({
    id,
    verified: verifyBenchmark(roadmap, id, asOf, eligible).verified,
  }));
  return {
    condition,
    linked: true,
    met: benchmarks.length > 0 && benchmarks.every((b) => b.verified),
    benchmarks,
  };
}

/**
 * `id → met?` as of a day: linked conditions by verification (of each roadmap given, the first
 * that links the condition), others by `fallback` (unmet by default).
 */
export function roadmapConditionChecker(
  roadmaps: readonly Roadmap[],
  asOf: IsoDate,
  eligible: EligibleAssessors,
  fallback: (condition: string) => boolean = () => false,
): (condition: string) => boolean {
  const cache = new Map<string, boolean>();
  return (condition) => {
    const known = cache.get(condition);
    if (known !== undefined) return known;
    const roadmap = roadmaps.find((r) => r.conditionLinks.some((c) => c.condition === condition));
    const met =
      roadmap === undefined
        ? fallback(condition)
        : linkedConditionStatus(roadmap, condition, asOf, eligible).met;
    cache.set(condition, met);
    return met;
  };
}

export interface PositionConditions {
  readonly position: string;
  readonly member: string;
  readonly stance: Position['stance'];
  /** True when every condition the position lists is met (vacuously for none). */
  readonly met: boolean;
  readonly conditions: readonly LinkedConditionStatus[];
}

/** Where a member's conditional position stands: each of its conditions, met or not. */
export function positionConditions(
  position: Position,
  roadmap: Roadmap,
  asOf: IsoDate,
  eligible: EligibleAssessors,
  fallback: (condition: string) => boolean = () => false,
): PositionConditions {
  const conditions = position.conditions.map((c) =>
    linkedConditionStatus(roadmap, c, asOf, eligible, fallback),
  );
  return {
    position: position.id,
    member: position.member,
    stance: position.stance,
    met: conditions.every((c) => c.met),
    conditions,
  };
}
