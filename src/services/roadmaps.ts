/**
 * Roadmap use cases: show a roadmap as of a date (schedule, progress, verification, gates,
 * credible timelines), compare two approaches, review a monitoring cycle, validate a file, and
 * the two writes — evidence (the candidate) and assessments (each ally, the secretariat).
 */
import { parse as parseYaml } from 'yaml';
import { AccordError, type Problem } from '../core/errors.js';
import {
  compareVariants,
  divergence,
  divergentBenchmarks,
  gateStatuses,
  membershipDates,
  memberAssessors,
  reviewRoadmap,
  roadmapProgress,
  roadmapTimeline,
  scheduleRoadmap,
  statusAsOf,
  targetAsOf,
  validateRoadmap,
  verifyBenchmark,
  type Assessment,
  type Divergence,
  type Evidence,
  type GateStatus,
  type Review,
  type RoadmapProgress,
  type Schedule,
  type TimelineEntry,
  type Variant,
  type VariantComparison,
  type Verification,
} from '../core/roadmap/index.js';
import { reviewMarkdown } from '../core/roadmap/report.js';
import type { RoadmapVariant, Scenario } from '../core/types.js';
import { AssessmentBody, EvidenceBody } from '../contracts/roadmap-writes.js';
import { RoadmapSchema } from '../contracts/roadmap.js';
import { parseScenarioText } from '../contracts/scenario-file.js';
import { bumpScenarioVersion } from '../db/fact-repository.js';
import { insertAssessment, insertEvidence } from '../db/roadmap-repository.js';
import { resolveAsOf, type Actor, type ServiceDeps } from './context.js';
import { parseInput } from './input.js';
import type { ScenarioService } from './scenarios.js';
import { freshId, problemsAt, rejectProblems, scenarioForWrite } from './checks.js';
import { runWrite } from './write.js';

export interface BenchmarkView {
  readonly id: string;
  readonly title: string;
  readonly description?: string | undefined;
  readonly owner: string;
  readonly weight: number;
  readonly basis: RoadmapVariant['benchmarks'][number]['basis'];
  readonly status: string;
  readonly target?: string | undefined;
  readonly verification: Pick<
    Verification,
    'verified' | 'agree' | 'dissent' | 'missing' | 'needed' | 'explanation'
  >;
  readonly schedule?: Schedule['items'][number] | undefined;
}

export interface RoadmapView {
  readonly asOf: string;
  readonly scenario: string;
  readonly roadmap: {
    readonly id: string;
    readonly title: string;
    readonly candidate: string;
    readonly approach: RoadmapVariant['approach'];
    readonly description?: string | undefined;
    readonly rule: RoadmapVariant['rule'];
    readonly start: string;
    readonly commitments: readonly string[];
  };
  readonly progress: RoadmapProgress;
  readonly tracks: readonly {
    readonly id: string;
    readonly title: string;
    readonly description?: string | undefined;
    readonly progress: number;
    readonly benchmarks: readonly BenchmarkView[];
  }[];
  readonly milestones: readonly {
    readonly id: string;
    readonly title: string;
    readonly basis: string;
  }[];
  readonly dependencies: RoadmapVariant['dependencies'];
  readonly criticalPath: readonly string[];
  readonly finish: string;
  readonly gates: readonly GateStatus[];
  readonly timeline: readonly TimelineEntry[];
  readonly divergent: readonly string[];
  readonly evidence: number;
  readonly assessments: number;
}

export interface ValidationReport {
  readonly ok: boolean;
  readonly kind: 'scenario' | 'roadmap';
  readonly problems: readonly Problem[];
}

export interface RoadmapService {
  list(
    scenarioId: string,
  ): Promise<{ id: string; title: string; approach: string; candidate: string }[]>;
  show(scenarioId: string, roadmapId: string | undefined, asOf?: string): Promise<RoadmapView>;
  divergence(
    scenarioId: string,
    roadmapId: string,
    benchmarkId: string,
    asOf?: string,
  ): Promise<Divergence>;
  compare(scenarioId: string, a: string, b: string, asOf?: string): Promise<VariantComparison>;
  review(
    scenarioId: string,
    roadmapId: string | undefined,
    asOf?: string,
    since?: string,
  ): Promise<{ review: Review; markdown: string }>;
  validateText(text: string, file: string): ValidationReport;
  /** The body is checked against EvidenceBody first (any caller: HTTP, CLI, tests). */
  addEvidence(
    actor: Actor,
    scenarioId: string,
    roadmapId: string,
    body: unknown,
  ): Promise<Evidence>;
  /** The body is checked against AssessmentBody first. */
  assess(actor: Actor, scenarioId: string, roadmapId: string, body: unknown): Promise<Assessment>;
}

/** Check a scenario file with roadmaps, or a file holding one roadmap. Pure: no database. */
export function validateRoadmapText(text: string, file: string): ValidationReport {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch {
    data = undefined;
  }
  const isScenario = data !== null && typeof data === 'object' && 'alliance' in data;
  if (isScenario || data === undefined) {
    const parsed = parseScenarioText(text, file);
    return { ok: parsed.ok, kind: 'scenario', problems: parsed.ok ? [] : parsed.problems };
  }
  const result = RoadmapSchema.safeParse(data);
  if (!result.success) {
    return {
      ok: false,
      kind: 'roadmap',
      problems: result.error.issues.map((i) => ({
        file,
        path: i.path.map(String).join('.'),
        message: i.message,
      })),
    };
  }
  const problems = validateRoadmap(result.data, '').map((p) => ({
    ...p,
    file,
    path: p.path.replace(/^\./, ''),
  }));
  return { ok: problems.length === 0, kind: 'roadmap', problems };
}

export function asVariant(r: RoadmapVariant): Variant {
  // The schedule's start is passed separately; the variant's roadmap is the rest.
  const { approach, description, commitments, ...roadmap } = r;
  return { id: r.id, title: r.title, approach, description, commitments, roadmap };
}

function findRoadmap(s: Scenario, roadmapId: string | undefined): RoadmapVariant {
  const r = roadmapId === undefined ? s.roadmaps[0] : s.roadmaps.find((x) => x.id === roadmapId);
  if (r === undefined) {
    throw new AccordError(
      'NOT_FOUND',
      roadmapId === undefined
        ? `scenario '${s.id}' has no roadmap`
        : `roadmap '${roadmapId}' does not exist in scenario '${s.id}' (it has: ${s.roadmaps.map((x) => x.id).join(', ') || 'none'})`,
      { field: 'roadmap', value: roadmapId ?? null },
    );
  }
  return r;
}

/** Who may assess: the members as of the day, without the candidate itself. */
function eligibleFor(s: Scenario, r: RoadmapVariant) {
  return memberAssessors(s.members, [r.candidate]);
}

export function createRoadmapService(
  deps: ServiceDeps,
  scenarios: ScenarioService,
): RoadmapService {
  // Views by the scenario frame they were computed from: a write produces a new frame object, so
  // stale views are never served, and they are dropped with their frame.
  const views = new WeakMap<Scenario, Map<string, RoadmapView>>();

  return {
    async list(scenarioId) {
      const s = await scenarios.frame(scenarioId);
      return s.roadmaps.map((r) => ({
        id: r.id,
        title: r.title,
        approach: r.approach,
        candidate: r.candidate,
      }));
    },

    async show(scenarioId, roadmapId, asOfInput) {
      const asOf = resolveAsOf(deps, asOfInput);
      const s = await scenarios.frame(scenarioId);
      const r = findRoadmap(s, roadmapId);
      const key = `${r.id}\u0000${asOf}`;
      const cached = views.get(s)?.get(key);
      if (cached !== undefined) return cached;
      const eligible = eligibleFor(s, r);
      const changeDates = membershipDates(s.members);
      const schedule = scheduleRoadmap(r, {
        start: r.start,
        asOf: asOf < r.start ? r.start : asOf,
      });
      const items = new Map(schedule.items.map((i) => [i.id, i]));
      const progress = roadmapProgress(r, asOf);
      const trackProgress = new Map(progress.tracks.map((t) => [t.track, t.progress]));
      const view = (b: RoadmapVariant['benchmarks'][number]): BenchmarkView => {
        const v = verifyBenchmark(r, b.id, asOf, eligible);
        return {
          id: b.id,
          title: b.title,
          description: b.description,
          owner: b.owner,
          weight: b.weight,
          basis: b.basis,
          status: statusAsOf(b, asOf),
          target: targetAsOf(b.targets, asOf),
          verification: {
            verified: v.verified,
            agree: v.agree,
            dissent: v.dissent,
            missing: v.missing,
            needed: v.needed,
            explanation: v.explanation,
          },
          schedule: items.get(b.id),
        };
      };
      const answer: RoadmapView = {
        asOf,
        scenario: s.id,
        roadmap: {
          id: r.id,
          title: r.title,
          candidate: r.candidate,
          approach: r.approach,
          description: r.description,
          rule: r.rule,
          start: r.start,
          commitments: r.commitments,
        },
        progress,
        tracks: r.tracks.map((t) => ({
          id: t.id,
          title: t.title,
          description: t.description,
          progress: trackProgress.get(t.id) ?? 0,
          benchmarks: r.benchmarks.filter((b) => b.track === t.id).map(view),
        })),
        milestones: r.milestones.map((m) => ({ id: m.id, title: m.title, basis: m.basis })),
        dependencies: r.dependencies,
        criticalPath: schedule.criticalPath,
        finish: schedule.finishDate,
        gates: gateStatuses(r, asOf, eligible, changeDates),
        timeline: roadmapTimeline(r, schedule, { eligible, changeDates }),
        divergent: divergentBenchmarks(r, asOf, eligible).map((d) => d.benchmark),
        evidence: r.evidence.length,
        assessments: r.assessments.length,
      };
      const forFrame = views.get(s) ?? new Map<string, RoadmapView>();
      if (forFrame.size > 256) forFrame.clear();
      forFrame.set(key, answer);
      views.set(s, forFrame);
      return answer;
    },

    async divergence(scenarioId, roadmapId, benchmarkId, asOfInput) {
      const asOf = resolveAsOf(deps, asOfInput);
      const s = await scenarios.frame(scenarioId);
      const r = findRoadmap(s, roadmapId);
      if (!r.benchmarks.some((b) => b.id === benchmarkId)) {
        throw new AccordError(
          'NOT_FOUND',
          `benchmark '${benchmarkId}' does not exist in roadmap '${r.id}'`,
          {
            field: 'benchmark',
            value: benchmarkId,
          },
        );
      }
      return divergence(r, benchmarkId, asOf, eligibleFor(s, r));
    },

    async compare(scenarioId, a, b, asOfInput) {
      const asOf = resolveAsOf(deps, asOfInput);
      const s = await scenarios.frame(scenarioId);
      const ra = findRoadmap(s, a);
      const rb = findRoadmap(s, b);
      const start = ra.start < rb.start ? ra.start : rb.start;
      return compareVariants(asVariant(ra), asVariant(rb), {
        start,
        asOf: asOf < start ? start : asOf,
        eligible: eligibleFor(s, ra),
        changeDates: membershipDates(s.members),
      });
    },

    async review(scenarioId, roadmapId, asOfInput, sinceInput) {
      const to = resolveAsOf(deps, asOfInput);
      const s = await scenarios.frame(scenarioId);
      const r = findRoadmap(s, roadmapId);
      // Without --since, the previous review is taken to be a year earlier (the annual cycle).
      const from =
        sinceInput === undefined
          ? `${String(Number(to.slice(0, 4)) - 1)}${to.slice(4)}`
          : resolveAsOf(deps, sinceInput, 'since');
      if (from >= to) {
        throw new AccordError(
          'VALIDATION_FAILED',
          `since: ${from} must be before the review date ${to}`,
          {
            field: 'since',
          },
        );
      }
      const review = reviewRoadmap(r, {
        from,
        to,
        eligible: eligibleFor(s, r),
        changeDates: membershipDates(s.members),
      });
      const titles = new Map<string, string>([
        ...r.benchmarks.map((b): [string, string] => [b.id, b.title]),
        ...r.milestones.map((m): [string, string] => [m.id, m.title]),
        ...r.gates.map((g): [string, string] => [g.id, g.title]),
      ]);
      const illustrative = new Set(
        [...r.benchmarks, ...r.milestones, ...r.gates]
          .filter((x) => x.basis === 'illustrative')
          .map((x) => x.id),
      );
      return {
        review,
        markdown: reviewMarkdown(review, {
          scenarioTitle: s.title,
          roadmapTitle: r.title,
          titles,
          illustrative,
        }),
      };
    },

    validateText: validateRoadmapText,

    async addEvidence(actor, scenarioId, roadmapId, input) {
      const body = parseInput(EvidenceBody, input);
      const loaded = await scenarios.frame(scenarioId);
      const target = findRoadmap(loaded, roadmapId);
      const result = await runWrite(
        deps,
        actor,
        'evidence.submit',
        { candidate: target.candidate },
        async (trx, now) => {
          const s = await scenarioForWrite(trx, scenarioId);
          const r = findRoadmap(s, roadmapId);
          const ri = s.roadmaps.indexOf(r);
          const taken = new Set(r.evidence.map((e) => e.id));
          const id = body.id ?? freshId(`${body.speaksFor}-${body.title}`, taken);
          if (taken.has(id)) {
            throw new AccordError('ALREADY_EXISTS', `id: evidence '${id}' already exists`, {
              field: 'id',
              value: id,
            });
          }
          const evidence: Evidence = { ...body, id, submitted: body.submitted ?? now.slice(0, 10) };
          const roadmaps = s.roadmaps.map((x) =>
            x === r ? { ...x, evidence: [...x.evidence, evidence] } : x,
          );
          rejectProblems(
            problemsAt({ ...s, roadmaps }, `roadmaps.${ri}.evidence.${r.evidence.length}`),
          );
          await insertEvidence(trx, scenarioId, r.id, evidence);
          await bumpScenarioVersion(trx, scenarioId, now);
          return {
            entity: { type: 'evidence', id, scenario: scenarioId },
            before: null,
            after: evidence,
            result: evidence,
          };
        },
      );
      scenarios.invalidate(scenarioId);
      return result;
    },

    async assess(actor, scenarioId, roadmapId, input) {
      const body = parseInput(AssessmentBody, input);
      const member = body.assessor.kind === 'member' ? body.assessor.iso2 : undefined;
      // An account assesses as itself: a delegation as its member, the secretariat as the secretariat.
      if (
        actor.kind === 'user' &&
        actor.role === 'secretariat' &&
        body.assessor.kind !== 'secretariat'
      ) {
        throw new AccordError(
          'FORBIDDEN',
          'forbidden: the secretariat assesses as the secretariat, not for a member',
          {
            field: 'assessor',
          },
        );
      }
      const result = await runWrite(
        deps,
        actor,
        'assessment.record',
        { member },
        async (trx, now) => {
          const s = await scenarioForWrite(trx, scenarioId);
          const r = findRoadmap(s, roadmapId);
          const ri = s.roadmaps.indexOf(r);
          const taken = new Set(r.assessments.map((a) => a.id));
          const who = body.assessor.kind === 'member' ? body.assessor.iso2 : 'secretariat';
          const id = body.id ?? freshId(`${who}-${body.benchmark}-${body.date}`, taken);
          if (taken.has(id)) {
            throw new AccordError('ALREADY_EXISTS', `id: assessment '${id}' already exists`, {
              field: 'id',
              value: id,
            });
          }
          const assessment: Assessment = { ...body, id };
          const roadmaps = s.roadmaps.map((x) =>
            x === r ? { ...x, assessments: [...x.assessments, assessment] } : x,
          );
          rejectProblems(
            problemsAt({ ...s, roadmaps }, `roadmaps.${ri}.assessments.${r.assessments.length}`),
          );
          await insertAssessment(trx, scenarioId, r.id, assessment);
          await bumpScenarioVersion(trx, scenarioId, now);
          return {
            entity: { type: 'assessment', id, scenario: scenarioId },
            before: null,
            after: assessment,
            result: assessment,
          };
        },
      );
      scenarios.invalidate(scenarioId);
      return result;
    },
  };
}
