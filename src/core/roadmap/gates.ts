/**
 * Gates: a decision that needs a set of benchmarks verified. A gate is ready on a day when every
 * benchmark it requires is verified that day under the roadmap's rule.
 */
import type { IsoDate } from '../types.js';
import {
  verifiedSince,
  verifyBenchmark,
  type EligibleAssessors,
  type Verification,
} from './verification.js';
import type { Gate, Roadmap } from './types.js';

export interface GateStatus {
  readonly gate: string;
  readonly title: string;
  readonly decision?: string | undefined;
  readonly asOf: IsoDate;
  readonly ready: boolean;
  /** The first day of the unbroken run of ready days ending on `asOf`. */
  readonly readySince?: IsoDate | undefined;
  readonly verified: readonly string[];
  /** Required benchmarks not verified yet, each with the answer saying why. */
  readonly outstanding: readonly Verification[];
}

export function gateStatus(
  roadmap: Roadmap,
  gate: Gate,
  asOf: IsoDate,
  eligible: EligibleAssessors,
  changeDates: readonly IsoDate[] = [],
): GateStatus {
  const answers = [...new Set(gate.requires)].map((b) =>
    verifyBenchmark(roadmap, b, asOf, eligible),
  );
  const outstanding = answers.filter((v) => !v.verified);
  const verified = answers.filter((v) => v.verified).map((v) => v.benchmark);
  const ready = answers.length > 0 && outstanding.length === 0;
  let readySince: IsoDate | undefined;
  if (ready) {
    for (const b of verified) {
      const since = verifiedSince(roadmap, b, asOf, eligible, changeDates) ?? asOf;
      if (readySince === undefined || since > readySince) readySince = since;
    }
  }
  return {
    gate: gate.id,
    title: gate.title,
    ...(gate.decision === undefined ? {} : { decision: gate.decision }),
    asOf,
    ready,
    ...(readySince === undefined ? {} : { readySince }),
    verified,
    outstanding,
  };
}

/** Every gate of the roadmap, in list order. */
export function gateStatuses(
  roadmap: Roadmap,
  asOf: IsoDate,
  eligible: EligibleAssessors,
  changeDates: readonly IsoDate[] = [],
): GateStatus[] {
  return roadmap.gates.map((g) => gateStatus(roadmap, g, asOf, eligible, changeDates));
}
