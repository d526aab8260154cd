import { bestScore } from './grading.js';
import type {
  Basis,
  Citation,
  Decision,
  IsoDate,
  Iso2,
  Position,
  Scenario,
  Source,
  Stance,
} from './types.js';

/** The position that holds for one member on one decision as of a date. */
export interface EffectivePosition {
  readonly member: Iso2;
  readonly decision: string;
  readonly stance: Stance;
  /** The date the position was taken; undefined for a member no source speaks for. */
  readonly date?: IsoDate | undefined;
  /** The id of the position chosen, or `ratification:<candidate>:<member>` when derived. */
  readonly positionId?: string | undefined;
  readonly conditions: readonly string[];
  readonly reasons: readonly string[];
  readonly sources: readonly Citation[];
  readonly basis?: Basis | undefined;
  /** Same-day positions with another stance that lost on source grading. */
  readonly conflict?: { readonly overruled: readonly string[] } | undefined;
}

/**
 * A ratification is a documented act of support for the candidate's ratification decision:
 * it becomes a position dated on the ratification day, so the holds recorded before it end.
 */
export function ratificationPositions(scenario: Scenario, decision: Decision): Position[] {
  if (decision.kind !== 'ratification' || decision.candidate === undefined) return [];
  const candidate = scenario.candidates.find((c) => c.iso2 === decision.candidate);
  if (candidate === undefined) return [];
  return candidate.ratifications.map((r) => ({
    id: `ratification:${candidate.iso2}:${r.member}`,
    member: r.member,
    decision: decision.id,
    stance: 'support' as const,
    date: r.date,
    conditions: [],
    reasons: [`ratified the accession protocol of ${candidate.name} (${r.kind})`],
    sources: r.sources,
    basis: r.basis,
  }));
}

/**
 * Pick the effective position from one member's positions on one decision.
 * The latest by date wins; on the same day the better-graded source wins (A1 beats B2), and a
 * different stance that lost is reported as a conflict. Ties on grade fall back to the id, so
 * the answer never depends on input order.
 */
export function effectivePosition(
  member: Iso2,
  decision: string,
  positions: readonly Position[],
  asOf: IsoDate,
  sources: ReadonlyMap<string, Source>,
): EffectivePosition {
  let latest: IsoDate | undefined;
  for (const p of positions) {
    if (p.date <= asOf && (latest === undefined || p.date > latest)) latest = p.date;
  }
  if (latest === undefined) {
    return { member, decision, stance: 'undeclared', conditions: [], reasons: [], sources: [] };
  }
  const sameDay = positions
    .filter((p) => p.date === latest)
    .map((p) => ({ p, score: bestScore(p.sources, sources) }))
    .sort((a, b) => a.score - b.score || (a.p.id < b.p.id ? -1 : a.p.id > b.p.id ? 1 : 0));
  const winner = sameDay[0];
  if (winner === undefined) {
    return { member, decision, stance: 'undeclared', conditions: [], reasons: [], sources: [] };
  }
  const overruled = sameDay
    .slice(1)
    .filter((x) => x.p.stance !== winner.p.stance)
    .map((x) => x.p.id);
  return {
    member,
    decision,
    stance: winner.p.stance,
    date: winner.p.date,
    positionId: winner.p.id,
    conditions: winner.p.conditions,
    reasons: winner.p.reasons,
    sources: winner.p.sources,
    basis: winner.p.basis,
    conflict: overruled.length > 0 ? { overruled } : undefined,
  };
}

/** Every position (recorded or derived) on a decision, grouped by member. */
export function positionsByMember(scenario: Scenario, decision: Decision): Map<Iso2, Position[]> {
  const byMember = new Map<Iso2, Position[]>();
  const all = [
    ...scenario.positions.filter((p) => p.decision === decision.id),
    ...ratificationPositions(scenario, decision),
  ];
  for (const p of all) {
    const list = byMember.get(p.member);
    if (list === undefined) byMember.set(p.member, [p]);
    else list.push(p);
  }
  return byMember;
}

/** A member's position history on a decision, oldest first (recorded and derived). */
export function positionHistory(scenario: Scenario, decision: Decision, member: Iso2): Position[] {
  const list = positionsByMember(scenario, decision).get(member) ?? [];
  return [...list].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1,
  );
}
