import { isCountryCode } from './countries.js';
import type { Problem } from './errors.js';
import { isMemberOn } from './membership.js';
import { validateRoadmap } from './roadmap/validate.js';
import type { Citation, Iso2, Member, Scenario } from './types.js';

/**
 * Cross-reference checks that a schema cannot express: unknown country codes, duplicate ids,
 * citations of undeclared sources, positions by countries that are not members on their date,
 * references to missing decisions, conditions, candidates. Returns every problem, not the first.
 */
/**
 * Ids that exist in the input but whose entries failed the schema: references to them are not
 * reported again (the schema problem already was), so a file's problems all come out at once.
 */
export interface KnownIds {
  readonly sources?: ReadonlySet<string>;
  readonly members?: ReadonlySet<string>;
  readonly candidates?: ReadonlySet<string>;
  readonly decisions?: ReadonlySet<string>;
  readonly conditions?: ReadonlySet<string>;
}

export function validateScenario(s: Scenario, known: KnownIds = {}): Problem[] {
  const problems: Problem[] = [];
  const add = (path: (string | number)[], message: string): void => {
    problems.push({ path: path.join('.'), message });
  };

  const sourceIds = new Set(s.sources.map((x) => x.id));
  const citations = (path: (string | number)[], list: readonly Citation[]): void => {
    list.forEach((c, i) => {
      if (!sourceIds.has(c.source) && known.sources?.has(c.source) !== true) {
        add(
          [...path, 'sources', i, 'source'],
          `cites '${c.source}', which is not in the scenario's sources`,
        );
      }
    });
  };
  const country = (path: (string | number)[], code: Iso2): boolean => {
    if (isCountryCode(code)) return true;
    add(path, `'${code}' is not an ISO 3166-1 alpha-2 country code`);
    return false;
  };
  const unique = <T>(
    section: string,
    items: readonly T[],
    key: (x: T) => string,
    field: string,
  ): void => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const k = key(item);
      const first = seen.get(k);
      if (first !== undefined)
        add([section, i, field], `duplicate ${field} '${k}' (first used at ${section}.${first})`);
      else seen.set(k, i);
    });
  };

  unique('sources', s.sources, (x) => x.id, 'id');
  unique('members', s.members, (x) => x.iso2, 'iso2');
  unique('groups', s.groups, (x) => x.id, 'id');
  unique('candidates', s.candidates, (x) => x.iso2, 'iso2');
  unique('decisions', s.decisions, (x) => x.id, 'id');
  unique('conditions', s.conditions, (x) => x.id, 'id');
  unique('positions', s.positions, (x) => x.id, 'id');
  unique('events', s.events, (x) => x.id, 'id');

  const members = new Map<Iso2, Member>(s.members.map((m) => [m.iso2, m]));
  const memberRef = (path: (string | number)[], code: Iso2): Member | undefined => {
    if (!country(path, code)) return undefined;
    const m = members.get(code);
    if (m === undefined && known.members?.has(code) !== true)
      add(path, `'${code}' is not a member of ${s.alliance.id} in this scenario`);
    return m;
  };

  s.members.forEach((m, i) => {
    country(['members', i, 'iso2'], m.iso2);
    if (m.left !== undefined && m.left <= m.joined) {
      add(['members', i, 'left'], `must be after joined (${m.joined})`);
    }
    citations(['members', i], m.sources);
  });

  s.groups.forEach((g, i) => {
    g.members.forEach((code, j) => memberRef(['groups', i, 'members', j], code));
    citations(['groups', i], g.sources);
  });

  const stages = new Set(s.alliance.stages);
  const candidates = new Set(s.candidates.map((c) => c.iso2));
  s.candidates.forEach((c, i) => {
    country(['candidates', i, 'iso2'], c.iso2);
    citations(['candidates', i], c.sources);
    c.stages.forEach((st, j) => {
      if (!stages.has(st.stage)) {
        add(
          ['candidates', i, 'stages', j, 'stage'],
          `'${st.stage}' is not one of the alliance's stages (${[...stages].join(', ')})`,
        );
      }
      citations(['candidates', i, 'stages', j], st.sources);
    });
    c.ratifications.forEach((r, j) => {
      const path = ['candidates', i, 'ratifications', j];
      const m = memberRef([...path, 'member'], r.member);
      if (m !== undefined && !isMemberOn(m, r.date)) {
        add(
          [...path, 'member'],
          `${r.member} is not a member on ${r.date} (joined ${m.joined}), so it cannot ratify then`,
        );
      }
      if (c.protocolSigned === undefined) {
        add([...path, 'date'], `a ratification needs the candidate's protocolSigned date`);
      } else if (r.date < c.protocolSigned) {
        add([...path, 'date'], `${r.date} is before the protocol was signed (${c.protocolSigned})`);
      }
      citations(path, r.sources);
    });
    unique(`candidates.${i}.ratifications`, c.ratifications, (r) => r.member, 'member');
    if (c.accession !== undefined) {
      if (c.protocolSigned !== undefined && c.accession < c.protocolSigned) {
        add(
          ['candidates', i, 'accession'],
          `${c.accession} is before the protocol was signed (${c.protocolSigned})`,
        );
      }
      const asMember = members.get(c.iso2);
      if (asMember !== undefined && asMember.joined !== c.accession) {
        add(
          ['candidates', i, 'accession'],
          `${c.accession} differs from the date ${c.iso2} joined as a member (${asMember.joined})`,
        );
      }
    }
  });

  const decisions = new Set(s.decisions.map((d) => d.id));
  s.decisions.forEach((d, i) => {
    if (
      d.candidate !== undefined &&
      !candidates.has(d.candidate) &&
      known.candidates?.has(d.candidate) !== true
    ) {
      add(['decisions', i, 'candidate'], `'${d.candidate}' is not a candidate in this scenario`);
    }
    if (d.kind === 'ratification' && d.candidate === undefined) {
      add(['decisions', i, 'candidate'], 'a ratification decision needs its candidate');
    }
    if (d.rule === 'silence' && d.silenceDeadline === undefined) {
      add(['decisions', i, 'silenceDeadline'], 'a silence procedure needs a silenceDeadline');
    }
    if (d.rule === 'qualified-majority' && d.threshold === undefined) {
      add(
        ['decisions', i, 'threshold'],
        'a qualified-majority decision needs a threshold between 0 and 1',
      );
    }
    citations(['decisions', i], d.sources);
    if (d.outcome !== undefined) citations(['decisions', i, 'outcome'], d.outcome.sources);
  });

  const conditions = new Set(s.conditions.map((c) => c.id));
  s.conditions.forEach((c, i) => {
    if (c.holder !== undefined) memberRef(['conditions', i, 'holder'], c.holder);
    citations(['conditions', i], c.sources);
    c.statuses.forEach((st, j) => {
      citations(['conditions', i, 'statuses', j], st.sources);
    });
  });

  s.positions.forEach((p, i) => {
    const m = memberRef(['positions', i, 'member'], p.member);
    if (m !== undefined && !isMemberOn(m, p.date)) {
      add(
        ['positions', i, 'member'],
        `${p.member} is not a member of ${s.alliance.id} on ${p.date} (joined ${m.joined}${m.left === undefined ? '' : `, left ${m.left}`})`,
      );
    }
    if (!decisions.has(p.decision) && known.decisions?.has(p.decision) !== true) {
      add(['positions', i, 'decision'], `no decision with id '${p.decision}' in this scenario`);
    }
    p.conditions.forEach((c, j) => {
      if (!conditions.has(c) && known.conditions?.has(c) !== true)
        add(['positions', i, 'conditions', j], `no condition with id '${c}' in this scenario`);
    });
    if (p.stance === 'support_with_conditions' && p.conditions.length === 0) {
      add(['positions', i, 'conditions'], 'support_with_conditions needs at least one condition');
    }
    citations(['positions', i], p.sources);
  });

  s.events.forEach((e, i) => {
    if (e.end !== undefined && e.end < e.start)
      add(['events', i, 'end'], `must not be before start (${e.start})`);
    e.participants.forEach((p, j) => {
      if (p.iso2 !== undefined) country(['events', i, 'participants', j, 'iso2'], p.iso2);
    });
    e.statements.forEach((st, j) => {
      st.parties.forEach((code, k) => {
        country(['events', i, 'statements', j, 'parties', k], code);
      });
    });
    citations(['events', i], e.sources);
  });

  unique('roadmaps', s.roadmaps, (x) => x.id, 'id');
  s.roadmaps.forEach((r, i) => {
    const root = `roadmaps.${i}`;
    problems.push(...validateRoadmap(r, root));
    // The approach's own rule: a sequenced plan dates every gate and milestone, an incremental one none.
    r.gates.forEach((g, j) => {
      if (r.approach === 'sequenced' && g.targets.length === 0)
        add(
          ['roadmaps', i, 'gates', j, 'targets'],
          'a sequenced plan sets a target date for every gate',
        );
      if (r.approach === 'incremental' && g.targets.length > 0)
        add(
          ['roadmaps', i, 'gates', j, 'targets'],
          'an incremental plan sets no target date for a gate',
        );
    });
    r.milestones.forEach((m, j) => {
      if (r.approach === 'sequenced' && m.targets.length === 0)
        add(
          ['roadmaps', i, 'milestones', j, 'targets'],
          'a sequenced plan sets a target date for every milestone',
        );
      if (r.approach === 'incremental' && m.targets.length > 0)
        add(
          ['roadmaps', i, 'milestones', j, 'targets'],
          'an incremental plan sets no target date for a milestone',
        );
    });
    if (!candidates.has(r.candidate) && known.candidates?.has(r.candidate) !== true) {
      add(['roadmaps', i, 'candidate'], `'${r.candidate}' is not a candidate in this scenario`);
    }
    r.gates.forEach((g, j) => {
      if (
        g.decision !== undefined &&
        !decisions.has(g.decision) &&
        known.decisions?.has(g.decision) !== true
      ) {
        add(
          ['roadmaps', i, 'gates', j, 'decision'],
          `no decision with id '${g.decision}' in this scenario`,
        );
      }
      citations(['roadmaps', i, 'gates', j], g.sources);
    });
    r.conditionLinks.forEach((l, j) => {
      if (!conditions.has(l.condition) && known.conditions?.has(l.condition) !== true) {
        add(
          ['roadmaps', i, 'conditionLinks', j, 'condition'],
          `no condition with id '${l.condition}' in this scenario`,
        );
      }
    });
    r.benchmarks.forEach((b, j) => {
      citations(['roadmaps', i, 'benchmarks', j], b.sources);
      b.statuses.forEach((st, k) => {
        citations(['roadmaps', i, 'benchmarks', j, 'statuses', k], st.sources ?? []);
      });
      b.targets.forEach((t, k) => {
        citations(['roadmaps', i, 'benchmarks', j, 'targets', k], t.sources ?? []);
      });
    });
    r.milestones.forEach((m, j) => {
      citations(['roadmaps', i, 'milestones', j], m.sources);
    });
    r.assessments.forEach((a, j) => {
      if (a.assessor.kind !== 'member') return;
      const m = memberRef(['roadmaps', i, 'assessments', j, 'assessor', 'iso2'], a.assessor.iso2);
      if (m !== undefined && !isMemberOn(m, a.date)) {
        add(
          ['roadmaps', i, 'assessments', j, 'assessor', 'iso2'],
          `${a.assessor.iso2} is not a member of ${s.alliance.id} on ${a.date}, so it cannot assess then`,
        );
      }
    });
  });

  return problems;
}
