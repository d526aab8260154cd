/**
 * A whole scenario's forecast, in seeded chunks: the roadmap (benchmarks, milestones, gates),
 * consensus on each decision from members' sampled positions, and each candidate's accession.
 *
 * Runs are split into chunks of CHUNK_RUNS; chunk k draws from streams seeded `seed:k:…`, so a
 * chunk's result depends only on the inputs, the seed and k. Chunks can run anywhere (one
 * thread, or worker threads) and merge in index order to the same bytes. Pure: no I/O.
 */
import { conditionChecker } from '../conditions.js';
import { fromDayNumber, toDayNumber } from '../dates.js';
import { ratificationStatus, stageAsOf } from '../ratification.js';
import { roadmapConditionChecker } from '../roadmap/conditions.js';
import { targetAsOf } from '../roadmap/history.js';
import { memberAssessors } from '../roadmap/verification.js';
import type { Decision, IsoDate, RoadmapVariant, Scenario } from '../types.js';
import {
  HORIZON_DAYS,
  decisionScratch,
  prepareDecision,
  runDecision,
  type Assumption,
  type DecisionSetup,
  type TransitionModel,
} from './members.js';
import {
  sampleDaysToAccession,
  sampleInterval,
  type AccessionFit,
  type AccessionStage,
} from './ratification.js';
import { createRng, quantileSorted, shareAtMost } from './rng.js';
import {
  compileRoadmap,
  nodeSamples,
  pointDriverCounts,
  runRoadmap,
  type CompiledRoadmap,
  type Driver,
} from './simulate.js';

/** Runs per chunk: fixed, so results do not depend on how chunks are spread over threads. */
export const CHUNK_RUNS = 2500;

export type TargetKind = 'benchmark' | 'milestone' | 'gate' | 'decision' | 'accession';

export interface ScenarioForecastInput {
  readonly scenario: Scenario;
  readonly asOf: IsoDate;
  /** The roadmap to simulate (default: the scenario's first). */
  readonly roadmap?: string | undefined;
  readonly fit: AccessionFit;
  readonly model: TransitionModel;
  readonly assumptions: readonly Assumption[];
}

export interface ForecastTarget {
  readonly id: string;
  readonly kind: TargetKind;
  readonly roadmap?: string | undefined;
  readonly candidate?: string | undefined;
  readonly target?: IsoDate | undefined;
  readonly p10: IsoDate;
  readonly p50: IsoDate;
  readonly p90: IsoDate;
  /** P(done by the date), for the target date (its credibility) and every date asked about. */
  readonly pBy: Readonly<Record<IsoDate, number>>;
  readonly drivers: readonly Driver[];
  readonly note?: string | undefined;
}

/** One chunk's raw results, per target in the order of `forecastTargets`. */
export interface ForecastChunk {
  readonly index: number;
  readonly runs: number;
  /** Per target: the day per run, and how often each driver (id) held it up. */
  readonly samples: readonly Float64Array[];
  readonly drivers: readonly Readonly<Record<string, number>>[];
}

interface TargetMeta {
  readonly id: string;
  readonly kind: TargetKind;
  readonly roadmap?: string | undefined;
  readonly candidate?: string | undefined;
  readonly target?: IsoDate | undefined;
  readonly note?: string | undefined;
}

type AccessionPlan =
  | { readonly kind: 'fixed'; readonly day: number }
  | { readonly kind: 'stage'; readonly stage: AccessionStage; readonly since: number }
  | {
      readonly kind: 'decision';
      readonly decision: number;
      readonly then: 'ratified' | 'invited';
    }
  | { readonly kind: 'gate'; readonly node: number };

interface DecisionPlan {
  readonly decision: Decision;
  readonly target: number;
  /** Set when the decision was taken (adopted) by the forecast's day. */
  readonly fixedDay?: number | undefined;
  readonly setup?: DecisionSetup | undefined;
  /** Gates standing for it: node indices in the compiled roadmap, with their ids. */
  readonly gates: readonly { readonly node: number; readonly id: string }[];
  /** Per condition of the setup: 'met', 'never', or the roadmap nodes it waits for. */
  readonly conditions: readonly ('met' | 'never' | readonly number[])[];
}

interface Prepared {
  readonly targets: readonly TargetMeta[];
  readonly roadmap?:
    { readonly variant: RoadmapVariant; readonly compiled: CompiledRoadmap } | undefined;
  readonly decisions: readonly DecisionPlan[];
  readonly accessions: readonly { readonly target: number; readonly plan: AccessionPlan }[];
  /** Roadmap nodes whose per-run finish the decisions and accessions read. */
  readonly watched: readonly number[];
}

function describeAssumption(a: Assumption): string {
  return `${a.member} ${a.stance} from ${a.from}`;
}

function prepare(input: ScenarioForecastInput): Prepared {
  const { scenario: s, asOf } = input;
  const targets: TargetMeta[] = [];
  const variant =
    input.roadmap === undefined ? s.roadmaps[0] : s.roadmaps.find((r) => r.id === input.roadmap);
  let roadmap: Prepared['roadmap'];
  if (variant !== undefined) {
    const compiled = compileRoadmap(variant, {
      start: variant.start,
      asOf: asOf < variant.start ? variant.start : asOf,
    });
    roadmap = { variant, compiled };
    const items = new Map<
      string,
      { readonly targets: readonly { date: string; target: string }[] }
    >([...variant.benchmarks, ...variant.milestones, ...variant.gates].map((x) => [x.id, x]));
    compiled.ids.forEach((id, i) => {
      targets.push({
        id,
        kind: compiled.kinds[i] ?? 'milestone',
        roadmap: variant.id,
        target: targetAsOf(items.get(id)?.targets ?? [], asOf),
      });
    });
  }
  const watched = new Set<number>();
  const isMetNow = roadmapConditionChecker(
    s.roadmaps,
    asOf,
    memberAssessors(s.members),
    conditionChecker(s.conditions, asOf),
  );
  const decisions: DecisionPlan[] = [];
  for (const d of s.decisions) {
    const taken = d.outcome !== undefined && d.outcome.date <= asOf ? d.outcome : undefined;
    if (taken?.result === 'not-adopted') continue;
    const target = targets.length;
    const gates = (variant?.gates ?? [])
      .filter((g) => g.decision === d.id)
      .flatMap((g) => {
        const node = roadmap?.compiled.index.get(g.id);
        return node === undefined ? [] : [{ node, id: g.id }];
      });
    if (taken !== undefined) {
      targets.push({
        id: d.id,
        kind: 'decision',
        candidate: d.candidate,
        target: d.due,
        note: `decided ${taken.date}`,
      });
      decisions.push({
        decision: d,
        target,
        fixedDay: toDayNumber(taken.date),
        gates: [],
        conditions: [],
      });
      continue;
    }
    const setup = prepareDecision(s, d, asOf, input.assumptions);
    const conditions = setup.conditions.map((c): 'met' | 'never' | readonly number[] => {
      if (isMetNow(c)) return 'met';
      const link = variant?.conditionLinks.find((l) => l.condition === c);
      const nodes = (link?.benchmarks ?? []).flatMap((b) => {
        const node = roadmap?.compiled.index.get(b);
        return node === undefined ? [] : [node];
      });
      return nodes.length === 0 ? 'never' : nodes;
    });
    for (const g of gates) watched.add(g.node);
    for (const c of conditions) if (typeof c !== 'string') for (const n of c) watched.add(n);
    const pending = setup.members.filter((m) =>
      setup.ratification ? !m.acted : m.stance !== 'support',
    );
    const assumed = input.assumptions.filter(
      (a) => a.decision === undefined || a.decision === d.id,
    );
    const parts = [
      `consensus (${d.rule}) from members' sampled positions: ${pending.length} of ${setup.members.length} yet to ${setup.ratification ? 'ratify' : 'agree'} as of ${asOf}`,
      gates.length > 0 ? `no earlier than gate ${gates.map((g) => g.id).join(', ')}` : '',
      assumed.length > 0 ? `assumed: ${assumed.map(describeAssumption).join('; ')}` : '',
    ];
    targets.push({
      id: d.id,
      kind: 'decision',
      candidate: d.candidate,
      target: d.due,
      note: parts.filter((p) => p !== '').join('; '),
    });
    decisions.push({ decision: d, target, setup, gates, conditions });
  }

  const accessions: { target: number; plan: AccessionPlan }[] = [];
  const fit = input.fit;
  for (const c of s.candidates) {
    const status = ratificationStatus(c, s.members, asOf);
    const id = `accession-${c.iso2.toLowerCase()}`;
    const meta = { id, kind: 'accession' as const, candidate: c.iso2 };
    const add = (plan: AccessionPlan, note: string) => {
      accessions.push({ target: targets.length, plan });
      targets.push({ ...meta, note });
    };
    if (status.isMember && c.accession !== undefined) {
      add({ kind: 'fixed', day: toDayNumber(c.accession) }, 'already a member');
      continue;
    }
    if (fit.protocolToAccession.length === 0) continue;
    const modelled = (kind: Decision['kind']) =>
      decisions.findIndex(
        (p) => p.setup !== undefined && p.decision.kind === kind && p.decision.candidate === c.iso2,
      );
    const since = (name: string) =>
      [...c.stages]
        .filter((x) => x.stage === name && x.date <= asOf)
        .map((x) => x.date)
        .sort()
        .at(-1);
    const ratify = modelled('ratification');
    const signed = c.protocolSigned !== undefined && c.protocolSigned <= asOf;
    if (status.allRatified && status.lastRatification !== null) {
      add(
        { kind: 'stage', stage: 'ratified', since: toDayNumber(status.lastRatification) },
        `every member has ratified (last ${status.lastRatification}); deposit of instruments to come`,
      );
    } else if (signed && ratify >= 0 && fit.lastRatificationToAccession.length > 0) {
      add(
        { kind: 'decision', decision: ratify, then: 'ratified' },
        `protocol signed ${c.protocolSigned ?? ''}; the last ratification from members' sampled positions (${decisions[ratify]?.decision.id ?? ''}), then last ratification → accession fitted on earlier rounds`,
      );
    } else if (signed && c.protocolSigned !== undefined) {
      add(
        { kind: 'stage', stage: 'protocol-signed', since: toDayNumber(c.protocolSigned) },
        `protocol signed ${c.protocolSigned}; timings fitted on NATO's earlier rounds (docs/forecasting.md)`,
      );
    } else if (stageAsOf(c, asOf) === 'invited' && since('invited') !== undefined) {
      const from = since('invited') ?? asOf;
      add(
        { kind: 'stage', stage: 'invited', since: toDayNumber(from) },
        `invited ${from}; timings fitted on NATO's earlier rounds`,
      );
    } else {
      const invite = modelled('invitation');
      const gate = (variant?.gates ?? []).find(
        (g) => s.decisions.find((d) => d.id === g.decision)?.candidate === c.iso2,
      );
      const node = gate === undefined ? undefined : roadmap?.compiled.index.get(gate.id);
      if (invite >= 0) {
        add(
          { kind: 'decision', decision: invite, then: 'invited' },
          `consensus on ${decisions[invite]?.decision.id ?? ''} from members' sampled positions, then invitation → accession fitted on earlier rounds`,
        );
      } else if (node !== undefined) {
        watched.add(node);
        add(
          { kind: 'gate', node },
          "the roadmap's invitation gate, then invitation-to-accession timings fitted on earlier rounds",
        );
      }
    }
  }
  return {
    targets,
    roadmap,
    decisions,
    accessions,
    watched: [...watched].sort((a, b) => a - b),
  };
}

/** The runs of each chunk for `runs` runs in all. */
export function chunkSizes(runs: number): number[] {
  const out: number[] = [];
  for (let done = 0; done < runs; done += CHUNK_RUNS) out.push(Math.min(CHUNK_RUNS, runs - done));
  return out;
}

function bump(counts: Record<string, number>, id: string, by = 1): void {
  counts[id] = (counts[id] ?? 0) + by;
}

/** Run chunk `index` (of `runs` runs) with streams seeded `seed:index:…`. */
export function runForecastChunk(
  input: ScenarioForecastInput,
  chunk: { readonly seed: string; readonly index: number; readonly runs: number },
): ForecastChunk {
  const p = prepare(input);
  const { seed, index, runs } = chunk;
  const samples = p.targets.map(() => new Float64Array(runs));
  const drivers = p.targets.map((): Record<string, number> => ({}));
  const asOfDay = toDayNumber(input.asOf);
  const horizon = asOfDay + HORIZON_DAYS;

  // The roadmap: per target samples and drivers; per watched node, its finish in each run.
  const watched = new Map<number, Float64Array>(p.watched.map((n) => [n, new Float64Array(runs)]));
  const watchedNodes = Int32Array.from(watched.keys());
  const watchedDays = [...watched.values()];
  if (p.roadmap !== undefined) {
    const { variant, compiled } = p.roadmap;
    const raw = runRoadmap(
      compiled,
      createRng(`${seed}:${index}:${variant.id}`),
      runs,
      (finish, run) => {
        for (let w = 0; w < watchedNodes.length; w++) {
          const days = watchedDays[w];
          if (days !== undefined) days[run] = finish[watchedNodes[w] ?? 0] ?? 0;
        }
      },
      false,
    );
    const n = compiled.ids.length;
    for (let i = 0; i < n; i++) {
      const into = samples[i];
      if (into !== undefined) nodeSamples(raw, n, i, into);
    }
    raw.points.forEach((node, row) => {
      const counts = drivers[node];
      if (counts !== undefined)
        for (const [id, c] of pointDriverCounts(raw, compiled.ids, row)) bump(counts, id, c);
    });
  }

  // Decisions: consensus per run from sampled positions.
  const rng = createRng(`${seed}:${index}:members`);
  const decisionDays = p.decisions.map(() => new Float64Array(runs));
  const scratches = p.decisions.map((d) =>
    d.setup === undefined ? undefined : decisionScratch(d.setup),
  );
  const conditionDays = p.decisions.map((d) => new Float64Array(d.conditions.length));
  for (let run = 0; run < runs; run++) {
    p.decisions.forEach((d, k) => {
      const out = decisionDays[k];
      const setup = d.setup;
      const scratch = scratches[k];
      const cond = conditionDays[k];
      if (out === undefined || cond === undefined) return;
      if (setup === undefined || scratch === undefined) {
        out[run] = d.fixedDay ?? horizon;
        return;
      }
      for (let i = 0; i < d.conditions.length; i++) {
        const c = d.conditions[i];
        if (c === 'met') cond[i] = -Infinity;
        else if (c === 'never' || c === undefined) cond[i] = Infinity;
        else {
          let day = -Infinity;
          for (const n of c) day = Math.max(day, watched.get(n)?.[run] ?? Infinity);
          cond[i] = day;
        }
      }
      let bound = asOfDay;
      let gate: string | undefined;
      for (const g of d.gates) {
        const day = watched.get(g.node)?.[run] ?? asOfDay;
        if (day > bound) {
          bound = day;
          gate = g.id;
        }
      }
      const r = runDecision(setup, input.model, rng, cond, bound, scratch);
      out[run] = Math.min(r.day, horizon);
      const counts = drivers[d.target];
      if (counts === undefined) return;
      if (r.bound && gate !== undefined) bump(counts, gate);
      for (const m of r.holdouts) bump(counts, setup.members[m]?.member ?? '?');
    });
  }
  p.decisions.forEach((d, k) => {
    const out = decisionDays[k];
    if (out !== undefined) samples[d.target]?.set(out);
  });

  // Accession per candidate.
  for (const a of p.accessions) {
    const out = samples[a.target];
    if (out === undefined) continue;
    const candidate = p.targets[a.target]?.candidate ?? '';
    const arng = createRng(`${seed}:${index}:accession-${candidate.toLowerCase()}`);
    for (let run = 0; run < runs; run++) {
      let day: number;
      const plan = a.plan;
      switch (plan.kind) {
        case 'fixed':
          day = plan.day;
          break;
        case 'stage':
          day = plan.since + sampleDaysToAccession(arng, input.fit, plan.stage);
          break;
        case 'gate':
          day =
            (watched.get(plan.node)?.[run] ?? asOfDay) +
            sampleDaysToAccession(arng, input.fit, 'invited');
          break;
        case 'decision': {
          const decided = decisionDays[plan.decision]?.[run] ?? horizon;
          const after =
            plan.then === 'ratified'
              ? sampleInterval(
                  arng,
                  input.fit.lastRatificationToAccession,
                  'last ratification → accession',
                )
              : sampleDaysToAccession(arng, input.fit, 'invited');
          day = decided >= horizon ? horizon : Math.max(decided, asOfDay) + after;
          break;
        }
      }
      out[run] = Math.min(horizon, plan.kind === 'fixed' ? day : Math.max(day, asOfDay));
    }
  }
  // An accession through a modelled decision is held up by what held the decision up.
  for (const a of p.accessions) {
    if (a.plan.kind !== 'decision') continue;
    const from = drivers[p.decisions[a.plan.decision]?.target ?? -1];
    const to = drivers[a.target];
    if (from !== undefined && to !== undefined)
      for (const [id, n] of Object.entries(from)) bump(to, id, n);
  }
  return { index, runs, samples, drivers };
}

/** The targets a forecast reports, in order (no sampling). */
export function forecastTargetCount(input: ScenarioForecastInput): number {
  return prepare(input).targets.length;
}

function probabilities(
  sorted: readonly number[],
  dates: readonly IsoDate[],
): Record<IsoDate, number> {
  const out: Record<IsoDate, number> = {};
  for (const d of [...new Set(dates)].sort()) out[d] = shareAtMost(sorted, toDayNumber(d));
  return out;
}

/**
 * Merge chunks (in index order) into the reported targets: P10/P50/P90, P(by) for the target
 * date and `by`, and the five most frequent drivers with their share of runs.
 */
export function mergeForecastChunks(
  input: ScenarioForecastInput,
  chunks: readonly ForecastChunk[],
  by: readonly IsoDate[] = [],
): ForecastTarget[] {
  const p = prepare(input);
  const ordered = [...chunks].sort((a, b) => a.index - b.index);
  const runs = ordered.reduce((s, c) => s + c.runs, 0);
  const horizon = toDayNumber(input.asOf) + HORIZON_DAYS;
  return p.targets.map((meta, i) => {
    const all = new Float64Array(runs);
    let offset = 0;
    const counts: Record<string, number> = {};
    for (const c of ordered) {
      const part = c.samples[i];
      if (part !== undefined) all.set(part, offset);
      offset += c.runs;
      for (const [id, n] of Object.entries(c.drivers[i] ?? {})) bump(counts, id, n);
    }
    const sorted = Array.from(all.sort());
    const drivers: Driver[] = Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([id, n]) => ({ id, share: n / runs }))
      .sort((a, b) => b.share - a.share || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, 5);
    const beyond = 1 - shareAtMost(sorted, horizon - 1);
    const note =
      beyond > 0 && (meta.kind === 'decision' || meta.kind === 'accession')
        ? `${meta.note ?? ''}${meta.note === undefined ? '' : '; '}in ${Math.round(beyond * 1000) / 10}% of runs not within ${Math.round(HORIZON_DAYS / 365.25)} years (counted at ${fromDayNumber(horizon)})`
        : meta.note;
    return {
      id: meta.id,
      kind: meta.kind,
      roadmap: meta.roadmap,
      candidate: meta.candidate,
      target: meta.target,
      p10: fromDayNumber(quantileSorted(sorted, 0.1)),
      p50: fromDayNumber(quantileSorted(sorted, 0.5)),
      p90: fromDayNumber(quantileSorted(sorted, 0.9)),
      pBy: probabilities(sorted, meta.target === undefined ? by : [meta.target, ...by]),
      drivers,
      note,
    };
  });
}

/** Run every chunk in this thread and merge: what the workers do, without them. */
export function forecastScenario(
  input: ScenarioForecastInput,
  options: { readonly seed: string; readonly runs: number; readonly by?: readonly IsoDate[] },
): ForecastTarget[] {
  const chunks = chunkSizes(options.runs).map((runs, index) =>
    runForecastChunk(input, { seed: options.seed, index, runs }),
  );
  return mergeForecastChunks(input, chunks, options.by);
}
