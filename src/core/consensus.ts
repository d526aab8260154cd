import type { EffectivePosition } from './positions.js';
import type { DecisionRule, IsoDate, Iso2 } from './types.js';

/** How one member's effective position counts under the alliance's rule. */
export type Standing = 'supporter' | 'conditional' | 'incremental' | 'blocker' | 'undeclared';

export interface ConditionalSupport {
  readonly member: Iso2;
  readonly unmet: readonly string[];
}

export interface ConsensusInput {
  readonly rule: DecisionRule;
  readonly asOf: IsoDate;
  /** The members as of the date: the ones whose agreement counts. */
  readonly members: readonly Iso2[];
  readonly positions: ReadonlyMap<Iso2, EffectivePosition>;
  readonly isMet: (conditionId: string) => boolean;
  readonly silenceDeadline?: IsoDate | undefined;
  readonly threshold?: number | undefined;
  /**
   * For decisions that each member takes by a formal act (ratifying a protocol): the members
   * that have acted. Words of support do not count until the act: a member that simply supports
   * but has not acted is listed as undeclared (pending); one that attached conditions or blocked
   * is a blocker until it acts, listed in blockerConditions with its unmet conditions (none left
   * means: conditions met, act pending).
   */
  readonly acted?: ReadonlySet<Iso2> | undefined;
}

export interface ConsensusResult {
  readonly status: 'consensus' | 'no-consensus';
  readonly rule: DecisionRule;
  /** Members that agree: `support`, or conditions all met (a lifted block counts too). */
  readonly supporters: readonly Iso2[];
  /** Conditional supporters whose conditions are not all met yet, with the unmet ones. */
  readonly conditional: readonly ConditionalSupport[];
  readonly incremental: readonly Iso2[];
  /** `oppose` or `block` whose conditions (if any) are not all met. */
  readonly blockers: readonly Iso2[];
  /**
   * Blockers with the conditions that would lift their block. On a decision taken by formal acts,
   * a holdout whose conditions are all met appears with none left: it has yet to act.
   */
  readonly blockerConditions: readonly ConditionalSupport[];
  readonly undeclared: readonly Iso2[];
  /** A sentence on why the status is what it is. */
  readonly explanation: string;
}

/**
 * Classify one member. `incremental` withholds agreement from the decision as framed without
 * vetoing it; `undeclared` keeps the question open without blocking (DESIGN.md, rules).
 */
export function standingOf(
  position: EffectivePosition | undefined,
  isMet: (conditionId: string) => boolean,
): { standing: Standing; unmet: string[] } {
  if (position === undefined) return { standing: 'undeclared', unmet: [] };
  const unmet = position.conditions.filter((c) => !isMet(c));
  switch (position.stance) {
    case 'support':
      return { standing: 'supporter', unmet: [] };
    case 'support_with_conditions':
      return unmet.length === 0
        ? { standing: 'supporter', unmet }
        : { standing: 'conditional', unmet };
    case 'oppose':
    case 'block':
      // A block tied to conditions is lifted once they are all met.
      return position.conditions.length > 0 && unmet.length === 0
        ? { standing: 'supporter', unmet }
        : { standing: 'blocker', unmet };
    case 'incremental':
      return { standing: 'incremental', unmet: [] };
    case 'undeclared':
      return { standing: 'undeclared', unmet: [] };
  }
}

/** Consensus on one decision as of a date. The result never depends on member order. */
export function evaluateConsensus(input: ConsensusInput): ConsensusResult {
  const members = [...new Set(input.members)].sort();
  const supporters: Iso2[] = [];
  const conditional: ConditionalSupport[] = [];
  const incremental: Iso2[] = [];
  const blockers: Iso2[] = [];
  const blockerConditions: ConditionalSupport[] = [];
  const undeclared: Iso2[] = [];
  for (const member of members) {
    const position = input.positions.get(member);
    const judged = standingOf(position, input.isMet);
    let standing = judged.standing;
    const unmet = judged.unmet;
    let holding = false;
    if (input.acted !== undefined && !input.acted.has(member)) {
      // The formal act is still missing. A member that attached conditions or blocked holds out
      // until it acts, even once its conditions are met; one that simply supports is pending.
      const stance = position?.stance;
      holding = stance === 'support_with_conditions' || stance === 'block' || stance === 'oppose';
      if (holding) standing = 'blocker';
      else if (standing === 'supporter') standing = 'undeclared';
    }
    if (standing === 'blocker' && holding) {
      blockers.push(member);
      blockerConditions.push({ member, unmet });
    } else if (standing === 'supporter') supporters.push(member);
    else if (standing === 'conditional') conditional.push({ member, unmet });
    else if (standing === 'incremental') incremental.push(member);
    else if (standing === 'blocker') {
      blockers.push(member);
      if (unmet.length > 0) blockerConditions.push({ member, unmet });
    } else undeclared.push(member);
  }
  const base = {
    rule: input.rule,
    supporters,
    conditional,
    incremental,
    blockers,
    blockerConditions,
    undeclared,
  };
  const n = members.length;
  if (n === 0)
    return {
      ...base,
      status: 'no-consensus',
      explanation: 'the alliance has no members on this date',
    };

  switch (input.rule) {
    case 'unanimity': {
      const ok = supporters.length === n;
      return {
        ...base,
        status: ok ? 'consensus' : 'no-consensus',
        explanation: ok
          ? `all ${n} members agree`
          : `${supporters.length} of ${n} members agree; ${describeMissing(base)}`,
      };
    }
    case 'silence': {
      const deadline = input.silenceDeadline;
      if (blockers.length > 0) {
        return {
          ...base,
          status: 'no-consensus',
          explanation: `silence broken by ${blockers.join(', ')}`,
        };
      }
      if (deadline === undefined || input.asOf < deadline) {
        return {
          ...base,
          status: 'no-consensus',
          explanation: `silence procedure open${deadline === undefined ? '' : ` until ${deadline}`}; no objection so far`,
        };
      }
      return { ...base, status: 'consensus', explanation: `no member objected by ${deadline}` };
    }
    case 'qualified-majority': {
      const threshold = input.threshold ?? 1;
      const share = supporters.length / n;
      const ok = share >= threshold;
      return {
        ...base,
        status: ok ? 'consensus' : 'no-consensus',
        explanation: `${supporters.length} of ${n} members agree (${formatShare(share)}; ${formatShare(threshold)} needed)`,
      };
    }
  }
}

function formatShare(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

function describeMissing(r: {
  conditional: readonly ConditionalSupport[];
  incremental: readonly Iso2[];
  blockers: readonly Iso2[];
  undeclared: readonly Iso2[];
}): string {
  const parts: string[] = [];
  if (r.blockers.length > 0) parts.push(`blocked by ${r.blockers.join(', ')}`);
  if (r.conditional.length > 0)
    parts.push(`conditions unmet for ${r.conditional.map((c) => c.member).join(', ')}`);
  if (r.incremental.length > 0) parts.push(`incremental: ${r.incremental.join(', ')}`);
  if (r.undeclared.length > 0) parts.push(`${r.undeclared.length} undeclared`);
  return parts.join('; ');
}
