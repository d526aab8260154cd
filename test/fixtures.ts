/** A small valid scenario file, and ways to break it, for import tests. */
export const SMALL_SCENARIO = `id: small
title: A small alliance
alliance:
  id: tiny
  name: Tiny Alliance
  rule: unanimity
sources:
  - id: charter
    title: The charter
    reliability: A
  - id: press
    title: A newspaper
    reliability: B
    published: 2020-03-01
members:
  - iso2: FR
    name: France
    joined: 2000-01-01
    sources: [{ source: charter, credibility: 1 }]
  - iso2: DE
    name: Germany
    joined: 2000-01-01
    sources: [{ source: charter, credibility: 1 }]
  - iso2: PL
    name: Poland
    joined: 2010-05-01
    sources: [{ source: charter, credibility: 1 }]
candidates:
  - iso2: UA
    name: Ukraine
    stages:
      - { stage: aspirant, date: 2015-01-01, basis: documented, sources: [{ source: charter, credibility: 1 }] }
    sources: [{ source: charter, credibility: 1 }]
decisions:
  - id: invite
    title: Invite Ukraine
    kind: invitation
    candidate: UA
    rule: unanimity
    sources: [{ source: charter, credibility: 1 }]
conditions:
  - id: reforms
    title: Reforms done
    kind: political
    statuses:
      - { date: 2021-01-01, met: true, basis: reported, sources: [{ source: press, credibility: 2 }] }
    sources: [{ source: press, credibility: 2 }]
positions:
  - id: fr-invite
    member: FR
    decision: invite
    stance: support
    date: 2020-03-01
    basis: reported
    sources: [{ source: press, credibility: 2 }]
  - id: de-invite
    member: DE
    decision: invite
    stance: support_with_conditions
    conditions: [reforms]
    date: 2020-03-01
    basis: reported
    sources: [{ source: press, credibility: 2 }]
  - id: pl-invite
    member: PL
    decision: invite
    stance: block
    date: 2020-03-01
    basis: reported
    sources: [{ source: press, credibility: 3 }]
`;

/** Replace one exact piece of the small scenario; fails loudly if the piece is not there. */
export function breakScenario(find: string, replace: string, text = SMALL_SCENARIO): string {
  if (!text.includes(find)) throw new Error(`fixture does not contain: ${find}`);
  return text.replace(find, replace);
}

/** The 1-based line of the first occurrence of `needle` in the small scenario after a change. */
export function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`not found: ${needle}`);
  return text.slice(0, index).split('\n').length;
}
