/**
 * Whether a benchmark is verified as of a day, under the roadmap's rule.
 *
 * Each assessor's latest assessment of the benchmark on or before the day is its judgement (of
 * two on one day, the later-listed one). Only eligible assessors count: the members given (as of
 * the day, for a function) and the secretariat — always under `secretariat-and-no-objection`,
 * otherwise once it has assessed the benchmark (or when it is listed as eligible). Assessments by
 * anyone else (a former member, a non-member) are listed as ignored.
 *
 * - `all-assessors-agree`: every eligible assessor's judgement is met (at least one assessor).
 * - `secretariat-and-no-objection`: the secretariat's judgement is met and no member's is not met;
 *   a member that has not assessed does not object.
 * - `quorum` n: at least n eligible assessors' judgements are met. Dissent does not block a
 *   quorum; it is reported (dissent, divergence, reviews) so that it stays visible.
 *
 * A benchmark recorded as `regressed` on the day is not verified, whatever the assessments say,
 * until its status moves on.
 */
import type { IsoDate, Member } from '../types.js';
import { isMemberOn } from '../membership.js';
import { latestEntry, statusEntryAsOf } from './history.js';
import type { Assessment, Assessor, Benchmark, Roadmap, VerificationRule } from './types.js';

/** The assessors whose judgement counts: a fixed list, or the list as of a day. */
export type EligibleAssessors = readonly Assessor[] | ((asOf: IsoDate) => readonly Assessor[]);

export const SECRETARIAT: Assessor = { kind: 'secretariat' };

/** A stable key: `secretariat` or `member:FR`. */
export function assessorKey(assessor: Assessor): string {
  return assessor.kind === 'secretariat' ? 'secretariat' : `member:${assessor.iso2}`;
}

/** For people: `secretariat` or the country code. */
export function assessorLabel(assessor: Assessor): string {
  return assessor.kind === 'secretariat' ? 'secretariat' : assessor.iso2;
}

/** The members of the alliance as of each day, as assessors (join inclusive, leave exclusive). */
export function memberAssessors(
  members: readonly Member[],
  exclude: readonly string[] = [],
): (asOf: IsoDate) => Assessor[] {
  return (asOf) =>
    members
      .filter((m) => isMemberOn(m, asOf) && !exclude.includes(m.iso2))
      .map((m) => ({ kind: 'member', iso2: m.iso2 }));
}

/** The days membership changes: pass them as `changeDates` to verifiedSince. */
export function membershipDates(members: readonly Member[]): IsoDate[] {
  return members.flatMap((m) => (m.left === undefined ? [m.joined] : [m.joined, m.left]));
}

export function eligibleOn(eligible: EligibleAssessors, asOf: IsoDate): readonly Assessor[] {
  return typeof eligible === 'function' ? eligible(asOf) : eligible;
}

/** Each assessor's latest assessment of one benchmark on or before the day, by assessor key. */
export function latestAssessments(
  assessments: readonly Assessment[],
  benchmark: string,
  asOf: IsoDate,
): Map<string, Assessment> {
  const byAssessor = new Map<string, Assessment[]>();
  for (const a of assessments) {
    if (a.benchmark !== benchmark) continue;
    const key = assessorKey(a.assessor);
    const list = byAssessor.get(key);
    if (list === undefined) byAssessor.set(key, [a]);
    else list.push(a);
  }
  const latest = new Map<string, Assessment>();
  for (const [key, list] of byAssessor) {
    const a = latestEntry(list, asOf);
    if (a !== undefined) latest.set(key, a);
  }
  return latest;
}

export interface VerificationInput {
  readonly rule: VerificationRule;
  readonly asOf: IsoDate;
  /** Assessments of one benchmark (others are ignored if `benchmark` is given). */
  readonly assessments: readonly Assessment[];
  readonly benchmark: string;
  readonly eligible: readonly Assessor[];
  /** The day the benchmark was recorded as regressed, when that is its status on `asOf`. */
  readonly regressedOn?: IsoDate | undefined;
  /** Expiry by evidence id, to flag judgements that rest on expired evidence. */
  readonly evidenceExpiry?: ReadonlyMap<string, IsoDate | undefined> | undefined;
}

export interface Verification {
  readonly benchmark: string;
  readonly asOf: IsoDate;
  readonly rule: VerificationRule;
  readonly verified: boolean;
  /** Eligible assessors whose judgement is met. */
  readonly agree: readonly Assessor[];
  /** Eligible assessors whose judgement is not met. */
  readonly dissent: readonly Assessor[];
  /** Eligible assessors with no assessment yet. */
  readonly missing: readonly Assessor[];
  /** Assessors whose assessments do not count on the day (not eligible). */
  readonly ignored: readonly Assessor[];
  /** How many more agreeing judgements the rule needs (0 when verified, unless regressed). */
  readonly needed: number;
  /** The judgements that count, one per eligible assessor that has one. */
  readonly judgements: readonly Assessment[];
  /** Evidence cited by those judgements that has expired by the day. */
  readonly expiredEvidence: readonly string[];
  readonly regressedOn?: IsoDate | undefined;
  /** A sentence on why. */
  readonly explanation: string;
}

function list(assessors: readonly Assessor[]): string {
  return assessors.map(assessorLabel).join(', ');
}

/** Sorted by label, secretariat last, for stable answers whatever the input order. */
function sortAssessors(assessors: readonly Assessor[]): Assessor[] {
  const rank = (a: Assessor): string => (a.kind === 'secretariat' ? '~' : a.iso2);
  return [...assessors].sort((x, y) => (rank(x) < rank(y) ? -1 : rank(x) > rank(y) ? 1 : 0));
}

/** The rule applied to one benchmark's assessments as of a day. */
export function evaluateVerification(input: VerificationInput): Verification {
  const { rule, asOf, benchmark } = input;
  const latest = latestAssessments(input.assessments, benchmark, asOf);
  const counted = new Map<string, Assessor>();
  for (const a of input.eligible) counted.set(assessorKey(a), a);
  if (rule.kind === 'secretariat-and-no-objection' || latest.has('secretariat'))
    counted.set('secretariat', SECRETARIAT);
  const agree: Assessor[] = [];
  const dissent: Assessor[] = [];
  const missing: Assessor[] = [];
  const judgements: Assessment[] = [];
  for (const [key, assessor] of counted) {
    const a = latest.get(key);
    if (a === undefined) missing.push(assessor);
    else {
      judgements.push(a);
      (a.met ? agree : dissent).push(assessor);
    }
  }
  const ignored = [...latest.entries()]
    .filter(([key]) => !counted.has(key))
    .map(([, a]) => a.assessor);

  const secretariatSays = latest.get('secretariat')?.met;
  const memberDissent = dissent.filter((a) => a.kind === 'member');
  let verified: boolean;
  let needed: number;
  let why: string;
  switch (rule.kind) {
    case 'all-assessors-agree': {
      verified = counted.size > 0 && dissent.length === 0 && missing.length === 0;
      needed = counted.size === 0 ? 1 : dissent.length + missing.length;
      why = verified
        ? `all ${counted.size} assessors agree it is met`
        : counted.size === 0
          ? 'no eligible assessor'
          : [
              `${agree.length} of ${counted.size} assessors agree it is met`,
              dissent.length > 0 ? `not met for ${list(sortAssessors(dissent))}` : '',
              missing.length > 0 ? `no assessment yet from ${list(sortAssessors(missing))}` : '',
            ]
              .filter((s) => s !== '')
              .join('; ');
      break;
    }
    case 'secretariat-and-no-objection': {
      verified = secretariatSays === true && memberDissent.length === 0;
      needed = (secretariatSays === true ? 0 : 1) + memberDissent.length;
      const parts = [
        secretariatSays === undefined
          ? 'the secretariat has not assessed it'
          : secretariatSays
            ? 'the secretariat says it is met'
            : 'the secretariat says it is not met',
        memberDissent.length > 0
          ? `objection from ${list(sortAssessors(memberDissent))}`
          : 'no member objects',
      ];
      why = parts.join('; ');
      break;
    }
    case 'quorum': {
      verified = agree.length >= rule.n;
      needed = Math.max(0, rule.n - agree.length);
      why = `${agree.length} of the ${rule.n} agreeing assessors needed say it is met${
        dissent.length > 0 ? `; not met for ${list(sortAssessors(dissent))}` : ''
      }`;
      break;
    }
  }
  if (input.regressedOn !== undefined) {
    verified = false;
    why = `recorded as regressed on ${input.regressedOn}; ${why}`;
  }
  const expiry = input.evidenceExpiry;
  const expiredEvidence =
    expiry === undefined
      ? []
      : [
          ...new Set(
            judgements.flatMap((a) =>
              a.evidence.filter((id) => {
                const e = expiry.get(id);
                return e !== undefined && e <= asOf;
              }),
            ),
          ),
        ].sort();
  return {
    benchmark,
    asOf,
    rule,
    verified,
    agree: sortAssessors(agree),
    dissent: sortAssessors(dissent),
    missing: sortAssessors(missing),
    ignored: sortAssessors(ignored),
    needed,
    judgements: [...judgements].sort((x, y) =>
      assessorKey(x.assessor) < assessorKey(y.assessor) ? -1 : 1,
    ),
    expiredEvidence,
    ...(input.regressedOn === undefined ? {} : { regressedOn: input.regressedOn }),
    explanation: `${verified ? 'verified' : 'not verified'}: ${why}`,
  };
}

interface RoadmapIndex {
  readonly assessments: ReadonlyMap<string, readonly Assessment[]>;
  readonly benchmarks: ReadonlyMap<string, Benchmark>;
  readonly evidenceExpiry: ReadonlyMap<string, IsoDate | undefined>;
}

/**
 * Lookups built once per roadmap value. Roadmaps are immutable, so remembering them by identity
 * cannot change an answer; it only keeps whole-roadmap views linear in the assessments.
 */
const indexes = new WeakMap<Roadmap, RoadmapIndex>();

function indexOf(roadmap: Roadmap): RoadmapIndex {
  const known = indexes.get(roadmap);
  if (known !== undefined) return known;
  const assessments = new Map<string, Assessment[]>();
  for (const a of roadmap.assessments) {
    const list = assessments.get(a.benchmark);
    if (list === undefined) assessments.set(a.benchmark, [a]);
    else list.push(a);
  }
  const index: RoadmapIndex = {
    assessments,
    benchmarks: new Map(roadmap.benchmarks.map((b) => [b.id, b])),
    evidenceExpiry: new Map(roadmap.evidence.map((e) => [e.id, e.expires])),
  };
  indexes.set(roadmap, index);
  return index;
}

/** One benchmark of a roadmap, verified or not as of a day, with who agrees and who dissents. */
export function verifyBenchmark(
  roadmap: Roadmap,
  benchmark: string,
  asOf: IsoDate,
  eligible: EligibleAssessors,
): Verification {
  const index = indexOf(roadmap);
  const b = index.benchmarks.get(benchmark);
  const entry = b === undefined ? undefined : statusEntryAsOf(b, asOf);
  return evaluateVerification({
    rule: roadmap.rule,
    asOf,
    benchmark,
    assessments: index.assessments.get(benchmark) ?? [],
    eligible: eligibleOn(eligible, asOf),
    regressedOn: entry?.status === 'regressed' ? entry.date : undefined,
    evidenceExpiry: index.evidenceExpiry,
  });
}

/** Every benchmark, in list order. */
export function verifyRoadmap(
  roadmap: Roadmap,
  asOf: IsoDate,
  eligible: EligibleAssessors,
): Verification[] {
  return roadmap.benchmarks.map((b) => verifyBenchmark(roadmap, b.id, asOf, eligible));
}

export function isVerified(
  roadmap: Roadmap,
  benchmark: string,
  asOf: IsoDate,
  eligible: EligibleAssessors,
): boolean {
  return verifyBenchmark(roadmap, benchmark, asOf, eligible).verified;
}

/**
 * The first day of the unbroken run of days, ending on `asOf`, on which the benchmark is
 * verified; undefined when it is not verified on `asOf`. The answer can change only on a day an
 * assessment or a status is dated, or on a day in `changeDates` (pass membershipDates when the
 * eligible set follows membership).
 */
export function verifiedSince(
  roadmap: Roadmap,
  benchmark: string,
  asOf: IsoDate,
  eligible: EligibleAssessors,
  changeDates: readonly IsoDate[] = [],
): IsoDate | undefined {
  const index = indexOf(roadmap);
  const b = index.benchmarks.get(benchmark);
  const days = [
    ...(index.assessments.get(benchmark) ?? []).map((a) => a.date),
    ...(b?.statuses ?? []).map((s) => s.date),
    ...changeDates,
  ].filter((d) => d <= asOf);
  const sorted = [...new Set(days)].sort();
  if (!isVerified(roadmap, benchmark, asOf, eligible)) return undefined;
  let since: IsoDate | undefined;
  for (const day of sorted) {
    if (isVerified(roadmap, benchmark, day, eligible)) since ??= day;
    else since = undefined;
  }
  return since ?? asOf;
}
