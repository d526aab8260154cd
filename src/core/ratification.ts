import { memberCodesAsOf } from './membership.js';
import type { Candidate, IsoDate, Iso2, Member } from './types.js';

export interface RatificationStatus {
  readonly iso2: Iso2;
  readonly name: string;
  /** The candidate's stage as of the date, or null before its first recorded stage. */
  readonly stage: string | null;
  readonly protocolSigned: IsoDate | null;
  /** Members that have ratified by the date, in the order they did. */
  readonly ratified: readonly Iso2[];
  /** Members as of the date that have not ratified yet (empty before the protocol is signed). */
  readonly outstanding: readonly Iso2[];
  readonly allRatified: boolean;
  readonly lastRatification: IsoDate | null;
  readonly accession: IsoDate | null;
  readonly isMember: boolean;
}

/**
 * The candidate's stage as of a date: the latest entry on or before it; `member` from accession.
 * Stages reached on one day (protocol signed, ratifying) apply in the order listed.
 */
export function stageAsOf(candidate: Candidate, asOf: IsoDate): string | null {
  if (candidate.accession !== undefined && candidate.accession <= asOf) return 'member';
  let stage: string | null = null;
  let date: IsoDate | undefined;
  for (const s of candidate.stages) {
    if (s.date <= asOf && (date === undefined || s.date >= date)) {
      stage = s.stage;
      date = s.date;
    }
  }
  return stage;
}

/**
 * Ratification as of a date. After the protocol is signed each member ratifies on its date; the
 * candidate joins when all have ratified and it deposits its instrument (its accession date).
 */
export function ratificationStatus(
  candidate: Candidate,
  members: readonly Member[],
  asOf: IsoDate,
): RatificationStatus {
  const isMember = candidate.accession !== undefined && candidate.accession <= asOf;
  const signed = candidate.protocolSigned !== undefined && candidate.protocolSigned <= asOf;
  const done = signed
    ? [...candidate.ratifications]
        .filter((r) => r.date <= asOf)
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.member < b.member ? -1 : 1))
    : [];
  const ratifiedSet = new Set(done.map((r) => r.member));
  const current = memberCodesAsOf(members, asOf);
  current.delete(candidate.iso2);
  const outstanding =
    signed && !isMember ? [...current].filter((m) => !ratifiedSet.has(m)).sort() : [];
  const last = done.at(-1);
  return {
    iso2: candidate.iso2,
    name: candidate.name,
    stage: stageAsOf(candidate, asOf),
    protocolSigned: candidate.protocolSigned ?? null,
    ratified: done.map((r) => r.member),
    outstanding,
    allRatified: signed && outstanding.length === 0,
    lastRatification: last?.date ?? null,
    accession: candidate.accession ?? null,
    isMember,
  };
}
