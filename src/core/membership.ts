import type { IsoDate, Iso2, Member } from './types.js';

/** A member belongs to the alliance from the day it joins until the day before it leaves. */
export function isMemberOn(member: Member, asOf: IsoDate): boolean {
  return member.joined <= asOf && (member.left === undefined || asOf < member.left);
}

/** The members as of a date, in the order given. */
export function membersAsOf(members: readonly Member[], asOf: IsoDate): Member[] {
  return members.filter((m) => isMemberOn(m, asOf));
}

export function memberCodesAsOf(members: readonly Member[], asOf: IsoDate): Set<Iso2> {
  return new Set(membersAsOf(members, asOf).map((m) => m.iso2));
}
