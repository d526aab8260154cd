/**
 * Members' position changes: a transition model whose rates are parameters, fitted where history
 * allows, and the consensus it implies on a decision in one simulated run (docs/forecasting.md).
 *
 * The ladder is block → oppose → incremental → support_with_conditions → support; an undeclared
 * member moves straight to support. Each stance below support has a per-day hazard of moving one
 * step up (the time in a stance is exponential, so what matters is the rate, not the age of the
 * stance). A member whose position lists conditions (a demand, a benchmark the roadmap links)
 * comes round once they are met in that run, by the core consensus rules (standingOf).
 *
 * On a ratification decision the act is what counts: a member that simply supports (or has not
 * spoken) ratifies after a delay drawn from past members' protocol → ratification times (one
 * past round per run); a holdout ratifies in one move at its current stance's rate (the ladder
 * collapses: Turkey and Hungary went from holding out to ratifying), or a lag after its
 * conditions are met, whichever comes first.
 *
 * Consensus per run comes from evaluateConsensus (src/core/consensus.ts) on the sampled positions.
 * Pure: the random source is a parameter; every member draws the same number of uniforms per run,
 * so assumptions and the graph never shift another member's draws.
 */
import { AccordError } from '../errors.js';
import { evaluateConsensus, standingOf, type ConsensusResult } from '../consensus.js';
import { fromDayNumber, isIsoDate, toDayNumber } from '../dates.js';
import { membersAsOf } from '../membership.js';
import { effectivePosition, positionsByMember, type EffectivePosition } from '../positions.js';
import { sourceIndex } from '../status.js';
import {
  STANCES,
  type Decision,
  type DecisionRule,
  type IsoDate,
  type Iso2,
  type Scenario,
  type Stance,
} from '../types.js';
import type { AccessionCase } from './ratification.js';
import type { Rng } from './rng.js';

/** The stances a member can move from (support is where the ladder ends). */
export const MOVING_STANCES = [
  'block',
  'oppose',
  'incremental',
  'support_with_conditions',
  'undeclared',
] as const;
export type MovingStance = (typeof MOVING_STANCES)[number];

/** The ladder, lowest first. Undeclared sits beside it and moves straight to support. */
export const LADDER: readonly Stance[] = [
  'block',
  'oppose',
  'incremental',
  'support_with_conditions',
  'support',
];

/** The stance one step up the ladder (undeclared → support; support stays). */
export function nextStance(stance: Stance): Stance {
  switch (stance) {
    case 'block':
      return 'oppose';
    case 'oppose':
      return 'incremental';
    case 'incremental':
      return 'support_with_conditions';
    case 'support_with_conditions':
    case 'undeclared':
    case 'support':
      return 'support';
  }
}

/** Position on the ladder (undeclared: -1, below everything). */
export function ladderRank(stance: Stance): number {
  return LADDER.indexOf(stance);
}

/**
 * Illustrative mean days in each stance before moving one step up: modelling assumptions, not
 * measurements. Each counts as one pseudo-episode in the fit, so data move the rate and a stance
 * without data keeps this mean.
 */
export const DEFAULT_MEAN_DAYS: Readonly<Record<MovingStance, number>> = {
  block: 365,
  oppose: 270,
  incremental: 365,
  support_with_conditions: 180,
  undeclared: 180,
};
/** Illustrative mean days from a holdout's conditions being met to its act (one pseudo-lag). */
export const DEFAULT_CONDITION_LAG_DAYS = 30;
/** Illustrative mean of the extra wait of a pending act once past every recorded delay. */
export const DEFAULT_ACT_TAIL_DAYS = 90;
/** Runs in which consensus does not come within this many days count at the horizon. */
export const HORIZON_DAYS = 10_957; // 30 years
/** Uniform draws per member per decision per run (ladder steps 0–3, act 4, lag 5). */
export const DRAWS_PER_MEMBER = 6;

/** Time spent in a stance: `moved` when it ended by a move up, otherwise censored. */
export interface HoldEpisode {
  readonly stance: MovingStance;
  readonly days: number;
  readonly moved: boolean;
  /** Where it comes from: `scenario:<decision>:<member>` or `reference:<candidate>:<member>`. */
  readonly source: string;
}

export interface StanceRate {
  /** Per-day hazard of moving one step up. */
  readonly hazardPerDay: number;
  readonly meanDays: number;
  /** Observed moves and days of exposure (the pseudo-episode not included). */
  readonly events: number;
  readonly exposureDays: number;
  /** `fitted` when at least one observed move informs it; `illustrative` when only the default. */
  readonly basis: 'fitted' | 'illustrative';
}

export interface TransitionModel {
  readonly rates: Readonly<Record<MovingStance, StanceRate>>;
  /** Mean days from a holdout's conditions met to its act. */
  readonly conditionLag: {
    readonly meanDays: number;
    readonly observed: readonly number[];
    readonly basis: 'fitted' | 'illustrative';
  };
  /**
   * Days from protocol to ratification of members that did not hold out, per past round
   * (ascending). A run draws one round for each decision and every pending member's delay from
   * it, so a slow round is slow for all (rounds, not members, are the independent units).
   */
  readonly actDelays: readonly { readonly round: number; readonly days: readonly number[] }[];
  /** The episodes the rates were fitted on. */
  readonly episodes: readonly HoldEpisode[];
}

function isMoving(stance: Stance): stance is MovingStance {
  return stance !== 'support';
}

/** Rates from episodes: (moves + 1) / (exposure + default mean), the default as one pseudo-move. */
export function fitRates(
  episodes: readonly HoldEpisode[],
  defaults: Readonly<Record<MovingStance, number>> = DEFAULT_MEAN_DAYS,
): Record<MovingStance, StanceRate> {
  const out = {} as Record<MovingStance, StanceRate>; // filled for every stance just below
  for (const stance of MOVING_STANCES) {
    let events = 0;
    let exposure = 0;
    for (const e of episodes) {
      if (e.stance !== stance) continue;
      exposure += Math.max(0, e.days);
      if (e.moved) events++;
    }
    const hazard = (events + 1) / (exposure + defaults[stance]);
    out[stance] = {
      hazardPerDay: hazard,
      meanDays: 1 / hazard,
      events,
      exposureDays: exposure,
      basis: events > 0 ? 'fitted' : 'illustrative',
    };
  }
  return out;
}

/**
 * The scenario's own position histories as hold episodes, seen as of `asOf` (no hindsight): each
 * run of one stance by one member on one decision, ended by a move up (an event) or censored by
 * a move down, the decision's outcome or `asOf`. Ratifications count as moves to support.
 */
export function scenarioHoldEpisodes(scenario: Scenario, asOf: IsoDate): HoldEpisode[] {
  const sources = sourceIndex(scenario);
  const out: HoldEpisode[] = [];
  for (const decision of scenario.decisions) {
    const closed =
      decision.outcome !== undefined && decision.outcome.date < asOf ? decision.outcome.date : asOf;
    const byMember = positionsByMember(scenario, decision);
    for (const [member, list] of [...byMember.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const dates = [...new Set(list.map((p) => p.date).filter((d) => d <= closed))].sort();
      const steps = dates.map((d) => ({
        date: d,
        stance: effectivePosition(member, decision.id, list, d, sources).stance,
      }));
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i];
        if (step === undefined || !isMoving(step.stance)) continue;
        const previous = steps[i - 1];
        if (previous !== undefined && previous.stance === step.stance) continue;
        let j = i + 1;
        while (steps[j] !== undefined && steps[j]?.stance === step.stance) j++;
        const next = steps[j];
        const end = next?.date ?? closed;
        const moved =
          next !== undefined &&
          (step.stance === 'undeclared' || ladderRank(next.stance) > ladderRank(step.stance));
        out.push({
          stance: step.stance,
          days: toDayNumber(end) - toDayNumber(step.date),
          moved,
          source: `scenario:${decision.id}:${member}`,
        });
      }
    }
  }
  return out;
}

/**
 * Ratification delays (protocol → a member's ratification) in past cases completed before
 * `asOf`, split into holds and the rest. A hold is a delay longer than both twice the case's
 * median and the median plus 90 days (Turkey and Hungary on Finland and Sweden). Members that
 * joined after the protocol (Finland ratifying Sweden) are left out. Cases of `exclude`
 * candidates are skipped (the scenario's own history already counts them).
 */
export function referenceDelays(
  cases: readonly AccessionCase[],
  asOf: IsoDate,
  exclude: ReadonlySet<Iso2> = new Set(),
): { holds: HoldEpisode[]; delays: { round: number; days: number[] }[] } {
  const joined = new Map<Iso2, IsoDate>();
  for (const c of cases) if (c.accession !== null) joined.set(c.iso2, c.accession);
  const holds: HoldEpisode[] = [];
  const byRound = new Map<number, number[]>();
  for (const c of cases) {
    const protocol = c.protocol_signed;
    if (protocol === null || c.accession === null || c.accession >= asOf) continue;
    if (exclude.has(c.iso2)) continue;
    const rows = c.ratifications.flatMap((r) => {
      if (r.date === null) return [];
      const memberSince = joined.get(r.iso2);
      if (memberSince !== undefined && memberSince > protocol) return [];
      const days = toDayNumber(r.date) - toDayNumber(protocol);
      return days >= 0 ? [{ iso2: r.iso2, days }] : [];
    });
    if (rows.length === 0) continue;
    const sorted = rows.map((r) => r.days).sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median =
      sorted.length % 2 === 1
        ? (sorted[mid] ?? 0)
        : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
    const limit = Math.max(2 * median, median + 90);
    for (const r of rows) {
      if (r.days > limit) {
        // The record does not say which stance held: the hold informs both holdout stances.
        for (const stance of ['block', 'support_with_conditions'] as const)
          holds.push({
            stance,
            days: r.days,
            moved: true,
            source: `reference:${c.iso2}:${r.iso2}`,
          });
      } else {
        const list = byRound.get(c.round);
        if (list === undefined) byRound.set(c.round, [r.days]);
        else list.push(r.days);
      }
    }
  }
  const delays = [...byRound.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([round, days]) => ({ round, days: days.sort((a, b) => a - b) }));
  return { holds, delays };
}

/** The first day all of a position's conditions were recorded met (as of `asOf`), if any. */
function conditionsMetOn(scenario: Scenario, conditions: readonly string[], asOf: IsoDate) {
  let latest: IsoDate | undefined;
  for (const id of conditions) {
    const c = scenario.conditions.find((x) => x.id === id);
    const met = c?.statuses
      .filter((s) => s.met && s.date <= asOf)
      .map((s) => s.date)
      .sort()[0];
    if (met === undefined) return undefined;
    if (latest === undefined || met > latest) latest = met;
  }
  return latest;
}

/** Lags between conditions met and the act, from the scenario's holdouts that acted by `asOf`. */
function observedConditionLags(scenario: Scenario, asOf: IsoDate): number[] {
  const lags: number[] = [];
  for (const decision of scenario.decisions) {
    if (decision.kind !== 'ratification') continue;
    const candidate = scenario.candidates.find((c) => c.iso2 === decision.candidate);
    for (const r of candidate?.ratifications ?? []) {
      if (r.date > asOf) continue;
      const held = scenario.positions
        .filter((p) => p.decision === decision.id && p.member === r.member && p.date <= r.date)
        .sort((a, b) => (a.date < b.date ? -1 : 1))
        .at(-1);
      if (held === undefined || held.conditions.length === 0) continue;
      const met = conditionsMetOn(scenario, held.conditions, r.date);
      if (met !== undefined) lags.push(toDayNumber(r.date) - toDayNumber(met));
    }
  }
  return lags;
}

/**
 * Fit the transition model as of `asOf` from the scenario's histories and the reference cases
 * (only cases completed before `asOf`; the scenario's own candidates are taken from the scenario).
 */
export function fitTransitionModel(
  scenario: Scenario,
  cases: readonly AccessionCase[],
  asOf: IsoDate,
): TransitionModel {
  const own = new Set(scenario.candidates.map((c) => c.iso2));
  const reference = referenceDelays(cases, asOf, own);
  const episodes = [...scenarioHoldEpisodes(scenario, asOf), ...reference.holds];
  const lags = observedConditionLags(scenario, asOf);
  const lagMean =
    (lags.reduce((s, x) => s + x, 0) + DEFAULT_CONDITION_LAG_DAYS) / (lags.length + 1);
  return {
    rates: fitRates(episodes),
    conditionLag: {
      meanDays: lagMean,
      observed: lags,
      basis: lags.length > 0 ? 'fitted' : 'illustrative',
    },
    actDelays: reference.delays,
    episodes,
  };
}

// ---------------------------------------------------------------------------------------------
// What-if assumptions

/** A member's stance fixed from a day, on one decision or on every decision. */
export interface Assumption {
  readonly member: Iso2;
  readonly stance: Stance;
  readonly from: IsoDate;
  readonly decision?: string | undefined;
}

const ASSUMPTION = /^([^:@]+):([^@]+)@([^:]+)(?::(.+))?$/;

function assumptionError(field: string, text: string, what: string): AccordError {
  return new AccordError(
    'VALIDATION_FAILED',
    `${field}: '${text}': ${what}; write MEMBER:stance@YYYY-MM-DD[:decision], e.g. TR:support@2024-01-23`,
    { field, value: text },
  );
}

/** Parse `TR:support@2024-01-23` or `TR:support@2024-01-23:ratify-sweden`; `field` names the flag. */
export function parseAssumption(text: string, field = 'assume'): Assumption {
  const m = ASSUMPTION.exec(text.trim());
  if (m === null) throw assumptionError(field, text, 'not of the form');
  const [, member = '', stance = '', from = '', decision] = m;
  if (!/^[A-Z]{2}$/.test(member))
    throw assumptionError(field, text, `member '${member}' is not a two-letter upper-case code`);
  const known = STANCES.find((s) => s === stance);
  if (known === undefined)
    throw assumptionError(field, text, `stance '${stance}' is not one of ${STANCES.join(', ')}`);
  if (!isIsoDate(from)) throw assumptionError(field, text, `'${from}' is not a real date`);
  if (decision !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(decision))
    throw assumptionError(field, text, `'${decision}' is not a decision id`);
  return { member, stance: known, from, decision };
}

/** Check assumptions against a scenario: the member and the decision must exist. */
export function checkAssumptions(
  scenario: Scenario,
  assumptions: readonly Assumption[],
  field = 'assume',
): void {
  for (const a of assumptions) {
    const text = `${a.member}:${a.stance}@${a.from}${a.decision === undefined ? '' : `:${a.decision}`}`;
    if (!scenario.members.some((m) => m.iso2 === a.member))
      throw new AccordError(
        'VALIDATION_FAILED',
        `${field}: '${text}': ${a.member} is not a member in scenario '${scenario.id}'`,
        { field, value: text },
      );
    if (a.decision !== undefined && !scenario.decisions.some((d) => d.id === a.decision))
      throw new AccordError(
        'VALIDATION_FAILED',
        `${field}: '${text}': decision '${a.decision}' does not exist in scenario '${scenario.id}'`,
        { field, value: text },
      );
  }
}

// ---------------------------------------------------------------------------------------------
// One decision, prepared once and run many times

interface MemberSetup {
  readonly member: Iso2;
  readonly stance: Stance;
  /** The conditions of its effective position (sampled stances keep them). */
  readonly conditions: readonly string[];
  /** Indices of those conditions in the decision's condition list. */
  readonly conditionIndex: Int32Array;
  readonly acted: boolean;
  /** Assumptions on this member and decision, by day. */
  readonly assumed: readonly { readonly day: number; readonly stance: Stance }[];
}

export interface DecisionSetup {
  readonly id: string;
  readonly rule: DecisionRule;
  readonly ratification: boolean;
  readonly threshold: number | undefined;
  readonly silenceDeadline: IsoDate | undefined;
  readonly asOfDay: number;
  /** Day of the protocol (ratification decisions), or asOf when not signed yet. */
  readonly protocolDay: number;
  readonly members: readonly MemberSetup[];
  /** The members' codes, in the same (sorted) order. */
  readonly memberCodes: readonly Iso2[];
  /** Conditions referenced by the members' positions, and each one's index among them. */
  readonly conditions: readonly string[];
  readonly conditionIndex: ReadonlyMap<string, number>;
  /** True when nothing can make a member's standing go back (no assumption below support). */
  readonly monotone: boolean;
}

/** Prepare a decision as of `asOf`: who votes, where each stands, what it waits for. */
export function prepareDecision(
  scenario: Scenario,
  decision: Decision,
  asOf: IsoDate,
  assumptions: readonly Assumption[] = [],
): DecisionSetup {
  const sources = sourceIndex(scenario);
  const voters = membersAsOf(scenario.members, asOf)
    .map((m) => m.iso2)
    .filter((m) => m !== decision.candidate)
    .sort();
  const byMember = positionsByMember(scenario, decision);
  const candidate =
    decision.kind === 'ratification'
      ? scenario.candidates.find((c) => c.iso2 === decision.candidate)
      : undefined;
  const ratification = decision.kind === 'ratification';
  const acted = new Set(
    (candidate?.ratifications ?? []).filter((r) => r.date <= asOf).map((r) => r.member),
  );
  const conditions: string[] = [];
  const asOfDay = toDayNumber(asOf);
  let monotone = true;
  const members = voters.map((member): MemberSetup => {
    const p = effectivePosition(member, decision.id, byMember.get(member) ?? [], asOf, sources);
    const index = p.conditions.map((c) => {
      let i = conditions.indexOf(c);
      if (i === -1) i = conditions.push(c) - 1;
      return i;
    });
    const assumed = assumptions
      .filter(
        (a) => a.member === member && (a.decision === undefined || a.decision === decision.id),
      )
      .map((a) => ({ day: Math.max(asOfDay, toDayNumber(a.from)), stance: a.stance }))
      .sort((a, b) => a.day - b.day);
    if (assumed.some((a) => a.stance !== 'support')) monotone = false;
    return {
      member,
      stance: p.stance,
      conditions: p.conditions,
      conditionIndex: Int32Array.from(index),
      acted: ratification && acted.has(member),
      assumed,
    };
  });
  const protocol = candidate?.protocolSigned;
  return {
    id: decision.id,
    rule: decision.rule,
    ratification,
    threshold: decision.threshold,
    silenceDeadline: decision.silenceDeadline,
    asOfDay,
    protocolDay: protocol !== undefined && protocol <= asOf ? toDayNumber(protocol) : asOfDay,
    members,
    memberCodes: members.map((m) => m.member),
    conditions,
    conditionIndex: new Map(conditions.map((c, i) => [c, i])),
    monotone,
  };
}

const MAX_CHANGES = 8;

/** Scratch space for one decision's runs (reused: no allocation per run). */
export interface DecisionScratch {
  /** Per member, up to MAX_CHANGES states: start day, stance, acted, carries conditions. */
  readonly day: Float64Array;
  readonly stance: Uint8Array;
  readonly acted: Uint8Array;
  readonly carries: Uint8Array;
  readonly count: Int32Array;
  /** Per member: the first day it counts as a supporter (monotone decisions). */
  readonly supporterDay: Float64Array;
  readonly sorted: Float64Array;
  readonly draws: Float64Array;
  /** Positions as the core sees them, per member, stance and whether it carries conditions. */
  readonly positions: (EffectivePosition | undefined)[];
  /**
   * Per position slot: 1 supporter, 0 not, -1 not known yet or depends on the day (conditions).
   * standingOf is pure, so a position without conditions to check always stands the same.
   */
  readonly standing: Int8Array;
  readonly positionMap: Map<Iso2, EffectivePosition>;
  readonly actedSet: Set<Iso2>;
  /**
   * The inputs (position slot and act per member) and result of the last evaluateConsensus
   * call. evaluateConsensus is pure, so the same inputs give the same result; runs often end in
   * the same states. Only used when no position has conditions to check and the rule is not
   * silence (whose answer depends on the day).
   */
  readonly lastKey: Int32Array;
  last: ConsensusResult | undefined;
}

export function decisionScratch(setup: DecisionSetup): DecisionScratch {
  const n = setup.members.length;
  return {
    day: new Float64Array(n * MAX_CHANGES),
    stance: new Uint8Array(n * MAX_CHANGES),
    acted: new Uint8Array(n * MAX_CHANGES),
    carries: new Uint8Array(n * MAX_CHANGES),
    count: new Int32Array(n),
    supporterDay: new Float64Array(n),
    sorted: new Float64Array(n),
    draws: new Float64Array(DRAWS_PER_MEMBER),
    positions: new Array<EffectivePosition | undefined>(n * STANCES.length * 2),
    standing: new Int8Array(n * STANCES.length * 2).fill(-1),
    positionMap: new Map<Iso2, EffectivePosition>(),
    actedSet: new Set<Iso2>(),
    lastKey: new Int32Array(n).fill(-1),
    last: undefined,
  };
}

function stanceAt(index: number): Stance {
  return STANCES[index] ?? 'undeclared';
}
const STANCE_INDEX: Readonly<Record<Stance, number>> = {
  support: 0,
  support_with_conditions: 1,
  incremental: 2,
  undeclared: 3,
  oppose: 4,
  block: 5,
};

function exponential(u: number, meanDays: number): number {
  return -Math.log(1 - u) * meanDays;
}

/** A pending act: a recorded delay longer than the time already passed, or a tail beyond them. */
function actDelay(delays: readonly number[], elapsed: number, u: number): number {
  let lo = 0;
  let hi = delays.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((delays[mid] ?? 0) <= elapsed) lo = mid + 1;
    else hi = mid;
  }
  const left = delays.length - lo;
  if (left === 0) return elapsed + exponential(u, DEFAULT_ACT_TAIL_DAYS);
  return delays[lo + Math.min(left - 1, Math.floor(u * left))] ?? elapsed;
}

/** The result of one run on one decision. */
export interface DecisionRun {
  /** Consensus day, or Infinity when not within the horizon. */
  readonly day: number;
  /** Members (indices) that were the last to come round, or still out at the horizon. */
  readonly holdouts: readonly number[];
  /** True when the lower bound (the roadmap's gate), not a member, set the day. */
  readonly bound: boolean;
}

/**
 * One run: sample every member's path, then find the first day from `lowerBound` on which the
 * core rules give consensus. `conditionDay[i]` is the day condition i is met in this run
 * (-Infinity: already met; Infinity: not within the run).
 */
export function runDecision(
  setup: DecisionSetup,
  model: TransitionModel,
  rng: Rng,
  conditionDay: Float64Array,
  lowerBound: number,
  scratch: DecisionScratch,
): DecisionRun {
  const { members, asOfDay, ratification } = setup;
  const horizon = asOfDay + HORIZON_DAYS;
  const { day, acted, count, draws, supporterDay } = scratch;
  let at = 0;
  const isMet = (condition: string): boolean => {
    const k = setup.conditionIndex.get(condition);
    return k !== undefined && (conditionDay[k] ?? Infinity) <= at;
  };
  const lagMean = model.conditionLag.meanDays;
  // One past round per run and decision for the pending acts (always drawn: streams stay aligned).
  const pick = rng();
  const rounds = model.actDelays;
  const round = rounds[Math.min(rounds.length - 1, Math.floor(pick * rounds.length))]?.days ?? [];
  for (let m = 0; m < members.length; m++) {
    for (let k = 0; k < DRAWS_PER_MEMBER; k++) draws[k] = rng();
    const setupM = members[m];
    if (setupM === undefined) continue;
    const base = m * MAX_CHANGES;
    let c = 0;
    c = pushState(scratch, base, c, asOfDay, setupM.stance, setupM.acted, true);
    const done = ratification ? setupM.acted : setupM.stance === 'support';
    const pending =
      ratification &&
      !setupM.acted &&
      (setupM.stance === 'support' || setupM.stance === 'undeclared');
    if (pending) {
      const elapsed = asOfDay - setup.protocolDay;
      // A recorded delay of the drawn round, ±10 % so members of one round do not all tie.
      const delay = actDelay(round, elapsed, draws[4] ?? 0) * (0.9 + 0.2 * (draws[5] ?? 0.5));
      const act = setup.protocolDay + Math.max(elapsed, delay);
      c = pushState(scratch, base, c, Math.max(asOfDay, Math.round(act)), 'support', true, false);
    } else if (!done) {
      // When its own conditions are met in this run, it moves to support (on a ratification:
      // acts, a lag later).
      let metDay = setupM.conditions.length === 0 ? Infinity : -Infinity;
      for (const i of setupM.conditionIndex) metDay = Math.max(metDay, conditionDay[i] ?? Infinity);
      const viaConditions =
        metDay === Infinity
          ? Infinity
          : Math.max(asOfDay, metDay) +
            (ratification ? Math.round(exponential(draws[5] ?? 0, lagMean)) : 0);
      let t = asOfDay;
      let cur: Stance = setupM.stance;
      for (let k = 0; k < 4 && cur !== 'support'; k++) {
        const rate = model.rates[cur];
        t += Math.round(exponential(draws[k] ?? 0, rate.meanDays));
        if (t >= viaConditions || t > horizon) break;
        // On a ratification the only move that counts is the act: a holdout goes from holding
        // straight to ratifying (as Turkey and Hungary did), at its current stance's rate.
        cur = ratification ? 'support' : nextStance(cur);
        c = pushState(scratch, base, c, t, cur, ratification && cur === 'support', true);
      }
      if (cur !== 'support' && viaConditions <= horizon)
        c = pushState(scratch, base, c, viaConditions, 'support', ratification, false);
    }
    // Assumptions: the path up to the day, then the stance fixed (an act, on a ratification).
    for (const a of setupM.assumed) {
      while (c > 0 && (day[base + c - 1] ?? 0) >= a.day) c--;
      const actedBefore = c > 0 && (acted[base + c - 1] ?? 0) === 1;
      const act = actedBefore || (ratification && a.stance === 'support');
      c = pushState(scratch, base, c, a.day, a.stance, act, false);
    }
    count[m] = c;
    let first = Infinity;
    for (let j = 0; j < c; j++) {
      const d = day[base + j] ?? 0;
      at = d;
      if (supporterAt(setup, scratch, m, j, isMet)) {
        first = d;
        break;
      }
    }
    supporterDay[m] = first;
  }
  return consensusDay(setup, scratch, conditionDay, Math.max(lowerBound, asOfDay), horizon);
}

/** Record state c of member (at `base`): its start day, stance, act and conditions. */
function pushState(
  scratch: DecisionScratch,
  base: number,
  c: number,
  d: number,
  s: Stance,
  act: boolean,
  carry: boolean,
): number {
  if (c >= MAX_CHANGES) return c;
  scratch.day[base + c] = d;
  scratch.stance[base + c] = STANCE_INDEX[s];
  scratch.acted[base + c] = act ? 1 : 0;
  scratch.carries[base + c] = carry ? 1 : 0;
  return c + 1;
}

/** Whether the member counts as a supporter in state j, by the core rules (isMet as of then). */
function supporterAt(
  setup: DecisionSetup,
  scratch: DecisionScratch,
  m: number,
  j: number,
  isMet: (condition: string) => boolean,
): boolean {
  const i = m * MAX_CHANGES + j;
  if (setup.ratification) return (scratch.acted[i] ?? 0) === 1;
  const slot = positionSlot(scratch, m, j);
  const known = scratch.standing[slot] ?? -1;
  if (known >= 0) return known === 1;
  const position = positionOf(setup, scratch, m, j);
  const supporter = standingOf(position, isMet).standing === 'supporter';
  if (position.conditions.length === 0) scratch.standing[slot] = supporter ? 1 : 0;
  return supporter;
}

/** The slot of member m's state j among the cached positions: member, stance, conditions. */
function positionSlot(scratch: DecisionScratch, m: number, j: number): number {
  const i = m * MAX_CHANGES + j;
  return (
    (m * STANCES.length + (scratch.stance[i] ?? 3)) * 2 + ((scratch.carries[i] ?? 0) === 1 ? 1 : 0)
  );
}

/** The position of member m in state j as the core sees it (one object per kind, reused). */
function positionOf(
  setup: DecisionSetup,
  scratch: DecisionScratch,
  m: number,
  j: number,
): EffectivePosition {
  const i = m * MAX_CHANGES + j;
  const stanceIndex = scratch.stance[i] ?? 3;
  const carry = (scratch.carries[i] ?? 0) === 1 ? 1 : 0;
  const slot = positionSlot(scratch, m, j);
  const known = scratch.positions[slot];
  if (known !== undefined) return known;
  const member = setup.members[m];
  const position: EffectivePosition = {
    member: member?.member ?? '',
    decision: setup.id,
    stance: stanceAt(stanceIndex),
    conditions: carry === 1 ? (member?.conditions ?? []) : [],
    reasons: [],
    sources: [],
  };
  scratch.positions[slot] = position;
  return position;
}

/** Evaluate the core consensus rules on the sampled state as of day t. */
function evaluateOn(
  setup: DecisionSetup,
  scratch: DecisionScratch,
  conditionDay: Float64Array,
  t: number,
): ConsensusResult {
  const n = setup.members.length;
  let cacheable = setup.rule !== 'silence';
  let same = scratch.last !== undefined;
  for (let m = 0; m < n; m++) {
    const base = m * MAX_CHANGES;
    const c = scratch.count[m] ?? 0;
    let j = 0;
    while (j + 1 < c && (scratch.day[base + j + 1] ?? Infinity) <= t) j++;
    const key = c === 0 ? -2 : positionSlot(scratch, m, j) * 2 + (scratch.acted[base + j] ?? 0);
    if (
      c > 0 &&
      (scratch.carries[base + j] ?? 0) === 1 &&
      (setup.members[m]?.conditions.length ?? 0) > 0
    )
      cacheable = false;
    if (scratch.lastKey[m] !== key) {
      same = false;
      scratch.lastKey[m] = key;
    }
  }
  if (cacheable && same && scratch.last !== undefined) return scratch.last;
  // Reused between calls: evaluateConsensus reads them and keeps nothing.
  const positions = scratch.positionMap;
  positions.clear();
  const actedSet = setup.ratification ? scratch.actedSet : undefined;
  actedSet?.clear();
  setup.members.forEach((member, m) => {
    const base = m * MAX_CHANGES;
    const c = scratch.count[m] ?? 0;
    let j = 0;
    while (j + 1 < c && (scratch.day[base + j + 1] ?? Infinity) <= t) j++;
    if (c === 0) return;
    positions.set(member.member, positionOf(setup, scratch, m, j));
    if ((scratch.acted[base + j] ?? 0) === 1) actedSet?.add(member.member);
  });
  const asOf = fromDayNumber(Math.floor(t));
  const result = evaluateConsensus({
    rule: setup.rule,
    asOf,
    members: setup.memberCodes,
    positions,
    isMet: (c) => {
      const k = setup.conditionIndex.get(c);
      return k !== undefined && (conditionDay[k] ?? Infinity) <= t;
    },
    silenceDeadline: setup.silenceDeadline,
    threshold: setup.threshold,
    acted: actedSet,
  });
  scratch.last = cacheable ? result : undefined;
  return result;
}

function nonSupporters(result: ReturnType<typeof evaluateConsensus>, setup: DecisionSetup) {
  const supporters = new Set(result.supporters);
  const out: number[] = [];
  setup.members.forEach((m, i) => {
    if (!supporters.has(m.member)) out.push(i);
  });
  return out;
}

function consensusDay(
  setup: DecisionSetup,
  scratch: DecisionScratch,
  conditionDay: Float64Array,
  lowerBound: number,
  horizon: number,
): DecisionRun {
  const n = setup.members.length;
  if (setup.monotone && setup.rule !== 'silence' && n > 0) {
    // Standings only improve, so consensus holds from the day enough members support.
    const threshold = setup.rule === 'unanimity' ? 1 : (setup.threshold ?? 1);
    let k = n;
    for (let i = 1; i <= n; i++) {
      if (i / n >= threshold) {
        k = i;
        break;
      }
    }
    // The k-th earliest supporter day (for unanimity, the latest: no sort needed).
    let needed = -Infinity;
    if (k === n) {
      for (let m = 0; m < n; m++) needed = Math.max(needed, scratch.supporterDay[m] ?? Infinity);
    } else {
      const days = scratch.sorted;
      days.set(scratch.supporterDay);
      days.sort();
      needed = days[k - 1] ?? Infinity;
    }
    const t = Math.max(lowerBound, needed);
    if (t > horizon) {
      const holdouts: number[] = [];
      for (let m = 0; m < n; m++)
        if ((scratch.supporterDay[m] ?? Infinity) > horizon) holdouts.push(m);
      return { day: Infinity, holdouts, bound: false };
    }
    const result = evaluateOn(setup, scratch, conditionDay, t);
    if (result.status === 'consensus') {
      const bound = lowerBound > needed;
      const holdouts: number[] = [];
      if (!bound && needed > setup.asOfDay)
        for (let m = 0; m < n; m++) if (scratch.supporterDay[m] === needed) holdouts.push(m);
      return { day: t, holdouts, bound };
    }
  }
  // General case: walk the days on which anything changes.
  const events = new Set<number>([lowerBound]);
  for (let m = 0; m < n; m++) {
    const c = scratch.count[m] ?? 0;
    for (let j = 0; j < c; j++) {
      const d = scratch.day[m * MAX_CHANGES + j] ?? 0;
      if (d > lowerBound && d <= horizon) events.add(d);
    }
  }
  for (const d of conditionDay) if (d > lowerBound && d <= horizon) events.add(d);
  if (setup.silenceDeadline !== undefined) {
    const deadline = toDayNumber(setup.silenceDeadline);
    if (deadline > lowerBound && deadline <= horizon) events.add(deadline);
  }
  let previous: number[] = [];
  let first = true;
  for (const t of [...events].sort((a, b) => a - b)) {
    const result = evaluateOn(setup, scratch, conditionDay, t);
    if (result.status === 'consensus')
      return { day: t, holdouts: previous, bound: first && t > setup.asOfDay };
    previous = nonSupporters(result, setup);
    first = false;
  }
  return { day: Infinity, holdouts: previous, bound: false };
}
