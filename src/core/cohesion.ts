import type { Stance } from './types.js';

export interface Cohesion {
  /** Share of members in the largest bloc of one stance (1 = all alike). */
  readonly largestBlocShare: number;
  readonly largestBloc: Stance | undefined;
  /** Shannon entropy of stances, normalised to [0, 1] by log(number of stances): 0 = united. */
  readonly entropy: number;
  readonly counts: Readonly<Partial<Record<Stance, number>>>;
}

const STANCE_COUNT = 6;

/** How united the members are on a decision (DESIGN.md: cohesion). Order-independent. */
export function cohesion(stances: readonly Stance[]): Cohesion {
  const counts: Partial<Record<Stance, number>> = {};
  for (const s of stances) counts[s] = (counts[s] ?? 0) + 1;
  const n = stances.length;
  if (n === 0) return { largestBlocShare: 0, largestBloc: undefined, entropy: 0, counts };
  let largestBloc: Stance | undefined;
  let largest = 0;
  let h = 0;
  // Sorted, so the floating-point sum (and the tie-break) never depend on input order.
  const entries = (Object.entries(counts) as [Stance, number][]).sort(([a], [b]) =>
    a < b ? -1 : 1,
  );
  for (const [stance, count] of entries) {
    // Object.entries loses the key type; the keys were written from Stance values above.
    if (
      count > largest ||
      (count === largest && largestBloc !== undefined && stance < largestBloc)
    ) {
      largest = count;
      largestBloc = stance;
    }
    const p = count / n;
    h -= p * Math.log(p);
  }
  return {
    largestBlocShare: largest / n,
    largestBloc,
    entropy: h / Math.log(STANCE_COUNT),
    counts,
  };
}
