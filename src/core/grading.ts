import type { Citation, Reliability, Source } from './types.js';

/**
 * A comparable grade for a set of citations: the best (lowest) reliability index times 10 plus
 * the credibility, so A1 = 1 is best and F6 = 56 worst. Unknown sources count as F.
 */
export function citationScore(citation: Citation, sources: ReadonlyMap<string, Source>): number {
  const reliability: Reliability = sources.get(citation.source)?.reliability ?? 'F';
  return reliabilityIndex(reliability) * 10 + citation.credibility;
}

export function reliabilityIndex(reliability: Reliability): number {
  return 'ABCDEF'.indexOf(reliability);
}

/** The best grade among a fact's citations (lower is better); Infinity when it has none. */
export function bestScore(
  citations: readonly Citation[],
  sources: ReadonlyMap<string, Source>,
): number {
  let best = Number.POSITIVE_INFINITY;
  for (const c of citations) best = Math.min(best, citationScore(c, sources));
  return best;
}

/** `B2` for a citation, as analysts write Admiralty grades. */
export function gradeLabel(citation: Citation, sources: ReadonlyMap<string, Source>): string {
  return `${sources.get(citation.source)?.reliability ?? 'F'}${citation.credibility}`;
}
