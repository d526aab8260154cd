import { cohesion, type Cohesion } from './cohesion.js';
import { conditionChecker } from './conditions.js';
import { roadmapConditionChecker } from './roadmap/conditions.js';
import { memberAssessors } from './roadmap/verification.js';
import { evaluateConsensus, type ConditionalSupport } from './consensus.js';
import { membersAsOf } from './membership.js';
import { effectivePosition, positionsByMember, type EffectivePosition } from './positions.js';
import { ratificationStatus, type RatificationStatus } from './ratification.js';
import type { Decision, DecisionOutcome, IsoDate, Iso2, Scenario, Source } from './types.js';

export interface DecisionStatus {
  readonly id: string;
  readonly title: string;
  readonly kind: Decision['kind'];
  readonly rule: Decision['rule'];
  readonly candidate: Iso2 | null;
  readonly due: IsoDate | null;
  /** The date the answer is for: `asOf`, or the day the decision was taken if that is earlier. */
  readonly evaluatedOn: IsoDate;
  readonly status: 'consensus' | 'no-consensus';
  readonly explanation: string;
  readonly supporters: readonly Iso2[];
  readonly blockers: readonly Iso2[];
  readonly undeclared: readonly Iso2[];
  readonly incremental: readonly Iso2[];
  readonly conditional: readonly ConditionalSupport[];
  readonly blockerConditions: readonly ConditionalSupport[];
  /** Members whose effective position won a same-day conflict, with the overruled position ids. */
  readonly conflicts: readonly { readonly member: Iso2; readonly overruled: readonly string[] }[];
  readonly cohesion: Cohesion;
  /** The recorded outcome, once its date has come. */
  readonly outcome: DecisionOutcome | null;
  readonly positions: readonly EffectivePosition[];
}

export interface ScenarioStatus {
  readonly asOf: IsoDate;
  readonly scenario: { readonly id: string; readonly title: string };
  readonly alliance: {
    readonly id: string;
    readonly name: string;
    readonly rule: Scenario['alliance']['rule'];
    readonly members: readonly {
      readonly iso2: Iso2;
      readonly name: string;
      readonly joined: IsoDate;
    }[];
  };
  readonly decisions: readonly DecisionStatus[];
  readonly candidates: readonly RatificationStatus[];
}

/** For a ratification decision, the members that have ratified by the date; otherwise undefined. */
function ratifiedBy(scenario: Scenario, decision: Decision, asOf: IsoDate): Set<Iso2> | undefined {
  if (decision.kind !== 'ratification') return undefined;
  const candidate = scenario.candidates.find((c) => c.iso2 === decision.candidate);
  return new Set(
    (candidate?.ratifications ?? []).filter((r) => r.date <= asOf).map((r) => r.member),
  );
}

export function sourceIndex(scenario: Scenario): Map<string, Source> {
  return new Map(scenario.sources.map((s) => [s.id, s]));
}

/** Consensus, positions and cohesion on one decision as of a date. */
/**
 * The day a decision is answered for as of `asOf`. Once taken, a decision is history: it is
 * answered as it stood on the day it was taken, so members who joined later (Finland after the
 * Madrid invitation) do not reopen it. Likewise a silence procedure closes on its deadline:
 * objections after it come too late, and one made before it is not undone by a change of mind.
 */
export function evaluationDate(decision: Decision, asOf: IsoDate): IsoDate {
  let date = asOf;
  for (const closed of [
    decision.outcome?.date,
    decision.rule === 'silence' ? decision.silenceDeadline : undefined,
  ]) {
    if (closed !== undefined && closed < date) date = closed;
  }
  return date;
}

export function decisionStatus(
  scenario: Scenario,
  decision: Decision,
  asOf: IsoDate,
  sources: ReadonlyMap<string, Source> = sourceIndex(scenario),
): DecisionStatus {
  const date = evaluationDate(decision, asOf);
  return decisionStatusOn(scenario, decision, date, asOf, sources);
}

function decisionStatusOn(
  scenario: Scenario,
  decision: Decision,
  date: IsoDate,
  asOf: IsoDate,
  sources: ReadonlyMap<string, Source>,
): DecisionStatus {
  // A candidate does not vote on its own accession, even on the day it joins.
  const members = membersAsOf(scenario.members, date)
    .map((m) => m.iso2)
    .filter((m) => m !== decision.candidate);
  const byMember = positionsByMember(scenario, decision);
  const effective = new Map<Iso2, EffectivePosition>();
  for (const member of members) {
    effective.set(
      member,
      effectivePosition(member, decision.id, byMember.get(member) ?? [], date, sources),
    );
  }
  const result = evaluateConsensus({
    rule: decision.rule,
    asOf: date,
    members,
    positions: effective,
    // A condition a roadmap links to benchmarks is met once they are verified; others by their
    // recorded statuses.
    isMet: roadmapConditionChecker(
      scenario.roadmaps,
      date,
      memberAssessors(scenario.members),
      conditionChecker(scenario.conditions, date),
    ),
    silenceDeadline: decision.silenceDeadline,
    threshold: decision.threshold,
    acted: ratifiedBy(scenario, decision, date),
  });
  const positions = [...effective.values()].sort((a, b) => (a.member < b.member ? -1 : 1));
  return {
    id: decision.id,
    title: decision.title,
    kind: decision.kind,
    rule: decision.rule,
    candidate: decision.candidate ?? null,
    due: decision.due ?? null,
    evaluatedOn: date,
    status: result.status,
    explanation: result.explanation,
    supporters: result.supporters,
    blockers: result.blockers,
    undeclared: result.undeclared,
    incremental: result.incremental,
    conditional: result.conditional,
    blockerConditions: result.blockerConditions,
    conflicts: positions.flatMap((p) =>
      p.conflict === undefined ? [] : [{ member: p.member, overruled: p.conflict.overruled }],
    ),
    cohesion: cohesion(positions.map((p) => p.stance)),
    outcome:
      decision.outcome !== undefined && decision.outcome.date <= asOf ? decision.outcome : null,
    positions,
  };
}

/** The whole scenario as the world stood on `asOf`. */
export function scenarioStatus(scenario: Scenario, asOf: IsoDate): ScenarioStatus {
  const sources = sourceIndex(scenario);
  return {
    asOf,
    scenario: { id: scenario.id, title: scenario.title },
    alliance: {
      id: scenario.alliance.id,
      name: scenario.alliance.name,
      rule: scenario.alliance.rule,
      members: membersAsOf(scenario.members, asOf).map((m) => ({
        iso2: m.iso2,
        name: m.name,
        joined: m.joined,
      })),
    },
    decisions: scenario.decisions.map((d) => decisionStatus(scenario, d, asOf, sources)),
    candidates: scenario.candidates.map((c) => ratificationStatus(c, scenario.members, asOf)),
  };
}

/**
 * The status without every member's effective position: what `accord status --json` prints and
 * `GET …/status` returns. Per-member positions and their sources come from the decision view.
 */
export function summarizeStatus(status: ScenarioStatus) {
  return {
    asOf: status.asOf,
    scenario: status.scenario,
    alliance: {
      id: status.alliance.id,
      name: status.alliance.name,
      rule: status.alliance.rule,
      members: status.alliance.members.map((m) => ({ iso2: m.iso2, name: m.name })),
    },
    decisions: status.decisions.map((d) => ({
      id: d.id,
      title: d.title,
      rule: d.rule,
      status: d.status,
      evaluatedOn: d.evaluatedOn,
      supporters: d.supporters,
      blockers: d.blockers,
      undeclared: d.undeclared,
      incremental: d.incremental,
      conditional: d.conditional,
      blockerConditions: d.blockerConditions,
      explanation: d.explanation,
      outcome: d.outcome === null ? null : { result: d.outcome.result, date: d.outcome.date },
      cohesion: { largestBlocShare: d.cohesion.largestBlocShare, entropy: d.cohesion.entropy },
      conflicts: d.conflicts,
    })),
    candidates: status.candidates.map((c) => ({
      iso2: c.iso2,
      name: c.name,
      stage: c.stage,
      ratified: c.ratified,
      outstanding: c.outstanding,
      accession: c.accession,
      isMember: c.isMember,
    })),
  };
}

export type StatusSummary = ReturnType<typeof summarizeStatus>;
