/**
 * Cross-reference checks of a roadmap: duplicate ids, references to unknown benchmarks,
 * tracks and evidence, impossible numbers and dates, cycles. Returns every problem, each named by
 * its path (`roadmap.dependencies.3.to`), never only the first.
 */
import { isIsoDate } from '../dates.js';
import { AccordError, formatProblem, type Problem } from '../errors.js';
import { describeCycle, findCycles, roadmapGraph } from './graph.js';
import { APPROACHES, type Roadmap, type TargetEntry, type Variant } from './types.js';

type Path = readonly (string | number)[];

const ISO2 = /^[A-Z]{2}$/;

function isWholeDays(x: number, min: number): boolean {
  return Number.isInteger(x) && x >= min;
}

export function validateRoadmap(roadmap: Roadmap, root = 'roadmap'): Problem[] {
  const problems: Problem[] = [];
  const add = (path: Path, message: string): void => {
    problems.push({ path: [root, ...path].join('.'), message });
  };
  const date = (path: Path, value: string): void => {
    if (!isIsoDate(value)) add(path, `'${value}' is not a calendar date written YYYY-MM-DD`);
  };
  const targets = (path: Path, list: readonly TargetEntry[]): void => {
    list.forEach((t, i) => {
      date([...path, 'targets', i, 'date'], t.date);
      date([...path, 'targets', i, 'target'], t.target);
    });
  };

  // Ids: tracks, evidence and assessments each have their own namespace; benchmarks, milestones
  // and gates share one, because dependencies may point at any of them.
  const unique = (section: string, ids: readonly string[], seen = new Map<string, string>()) => {
    ids.forEach((id, i) => {
      const where = `${root}.${section}.${i}`;
      const first = seen.get(id);
      if (first !== undefined)
        add([section, i, 'id'], `duplicate id '${id}' (first used at ${first})`);
      else seen.set(id, where);
    });
  };
  unique(
    'tracks',
    roadmap.tracks.map((t) => t.id),
  );
  const nodeIds = new Map<string, string>();
  unique(
    'benchmarks',
    roadmap.benchmarks.map((b) => b.id),
    nodeIds,
  );
  unique(
    'milestones',
    roadmap.milestones.map((m) => m.id),
    nodeIds,
  );
  unique(
    'gates',
    roadmap.gates.map((g) => g.id),
    nodeIds,
  );
  unique(
    'evidence',
    roadmap.evidence.map((e) => e.id),
  );
  unique(
    'assessments',
    roadmap.assessments.map((a) => a.id),
  );

  const trackIds = new Set(roadmap.tracks.map((t) => t.id));
  const benchmarkIds = new Set(roadmap.benchmarks.map((b) => b.id));
  const evidence = new Map(roadmap.evidence.map((e) => [e.id, e]));

  const rule = roadmap.rule;
  if (rule.kind === 'quorum' && !isWholeDays(rule.n, 1))
    add(['rule', 'n'], `a quorum must be a whole number ≥ 1, not ${rule.n}`);

  roadmap.benchmarks.forEach((b, i) => {
    const at: Path = ['benchmarks', i];
    if (!trackIds.has(b.track)) add([...at, 'track'], `no track with id '${b.track}'`);
    if (!isWholeDays(b.durationDays, 0))
      add([...at, 'durationDays'], `must be a whole number of days ≥ 0, not ${b.durationDays}`);
    if (!Number.isFinite(b.weight) || b.weight < 0)
      add([...at, 'weight'], `must be a number ≥ 0, not ${b.weight}`);
    targets(at, b.targets);
    b.statuses.forEach((s, j) => {
      date([...at, 'statuses', j, 'date'], s.date);
      if (s.progress !== undefined) {
        if (s.status !== 'in-progress')
          add([...at, 'statuses', j, 'progress'], `only an in-progress status has a progress`);
        else if (!(s.progress >= 0 && s.progress <= 1))
          add([...at, 'statuses', j, 'progress'], `must be between 0 and 1, not ${s.progress}`);
      }
    });
  });

  roadmap.milestones.forEach((m, i) => {
    if (m.track !== undefined && !trackIds.has(m.track))
      add(['milestones', i, 'track'], `no track with id '${m.track}'`);
    targets(['milestones', i], m.targets);
  });

  roadmap.dependencies.forEach((d, i) => {
    const at: Path = ['dependencies', i];
    if (!nodeIds.has(d.from)) add([...at, 'from'], `no benchmark, milestone or gate '${d.from}'`);
    if (!nodeIds.has(d.to)) add([...at, 'to'], `no benchmark, milestone or gate '${d.to}'`);
    if (!isWholeDays(d.lagDays, 0))
      add([...at, 'lagDays'], `must be a whole number of days ≥ 0, not ${d.lagDays}`);
  });

  roadmap.gates.forEach((g, i) => {
    const at: Path = ['gates', i];
    if (g.requires.length === 0)
      add([...at, 'requires'], 'a gate must require at least one benchmark');
    g.requires.forEach((b, j) => {
      if (!benchmarkIds.has(b)) add([...at, 'requires', j], `no benchmark with id '${b}'`);
    });
    targets(at, g.targets);
  });

  roadmap.evidence.forEach((e, i) => {
    const at: Path = ['evidence', i];
    date([...at, 'speaksFor'], e.speaksFor);
    if (e.submitted !== undefined) date([...at, 'submitted'], e.submitted);
    if (e.expires !== undefined) {
      date([...at, 'expires'], e.expires);
      if (e.expires <= e.speaksFor)
        add(
          [...at, 'expires'],
          `expires on ${e.expires}, not after the date it speaks for (${e.speaksFor})`,
        );
    }
    (e.benchmarks ?? []).forEach((b, j) => {
      if (!benchmarkIds.has(b)) add([...at, 'benchmarks', j], `no benchmark with id '${b}'`);
    });
  });

  roadmap.assessments.forEach((a, i) => {
    const at: Path = ['assessments', i];
    if (!benchmarkIds.has(a.benchmark))
      add([...at, 'benchmark'], `no benchmark with id '${a.benchmark}'`);
    if (a.assessor.kind === 'member' && !ISO2.test(a.assessor.iso2))
      add([...at, 'assessor', 'iso2'], `'${a.assessor.iso2}' is not a two-letter country code`);
    date([...at, 'date'], a.date);
    a.evidence.forEach((id, j) => {
      const e = evidence.get(id);
      if (e === undefined) add([...at, 'evidence', j], `no evidence with id '${id}'`);
      else if (e.speaksFor > a.date)
        add(
          [...at, 'evidence', j],
          `cites '${id}', which speaks for ${e.speaksFor}, after the assessment (${a.date})`,
        );
    });
  });

  const conditionSeen = new Map<string, number>();
  roadmap.conditionLinks.forEach((c, i) => {
    const first = conditionSeen.get(c.condition);
    if (first !== undefined)
      add(
        ['conditionLinks', i, 'condition'],
        `condition '${c.condition}' is already linked at ${root}.conditionLinks.${first}`,
      );
    else conditionSeen.set(c.condition, i);
    if (c.benchmarks.length === 0)
      add(['conditionLinks', i, 'benchmarks'], 'a condition must link at least one benchmark');
    c.benchmarks.forEach((b, j) => {
      if (!benchmarkIds.has(b))
        add(['conditionLinks', i, 'benchmarks', j], `no benchmark with id '${b}'`);
    });
  });

  // Cycles, each reported once at a dependency that closes it.
  const graph = roadmapGraph(roadmap);
  for (const cycle of findCycles(
    graph.nodes.map((n) => n.id),
    graph.edges,
  )) {
    const closing = closingDependency(roadmap, cycle);
    add(closing === undefined ? ['dependencies'] : ['dependencies', closing], describeCycle(cycle));
  }
  return problems;
}

/** The index of a dependency on the cycle, preferring the edge that closes it. */
function closingDependency(roadmap: Roadmap, cycle: readonly string[]): number | undefined {
  let found: number | undefined;
  for (let k = 0; k + 1 < cycle.length; k++) {
    const from = cycle[k];
    const to = cycle[k + 1];
    const i = roadmap.dependencies.findIndex((d) => d.from === from && d.to === to);
    if (i >= 0) found = i;
  }
  return found;
}

/** Throws VALIDATION_FAILED with every problem in `details.problems` when there is any. */
export function assertValidRoadmap(roadmap: Roadmap, root = 'roadmap'): void {
  const problems = validateRoadmap(roadmap, root);
  const first = problems[0];
  if (first === undefined) return;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new AccordError('VALIDATION_FAILED', `${formatProblem(first)}${more}`, { problems });
}

/**
 * A variant's roadmap checks, plus its approach: a sequenced plan puts a target date on every
 * gate and milestone; an incremental, conditions-based plan puts none on them.
 */
export function validateVariant(variant: Variant, root = 'variant'): Problem[] {
  const problems = validateRoadmap(variant.roadmap, `${root}.roadmap`);
  const add = (path: Path, message: string): void => {
    problems.push({ path: [root, ...path].join('.'), message });
  };
  if (!APPROACHES.some((a) => a === variant.approach))
    add(['approach'], `must be sequenced or incremental, not '${variant.approach}'`);
  const items = [
    ...variant.roadmap.gates.map((g, i) => ({
      at: ['roadmap', 'gates', i],
      item: g,
      kind: 'gate',
    })),
    ...variant.roadmap.milestones.map((m, i) => ({
      at: ['roadmap', 'milestones', i],
      item: m,
      kind: 'milestone',
    })),
  ];
  for (const { at, item, kind } of items) {
    if (variant.approach === 'sequenced' && item.targets.length === 0)
      add([...at, 'targets'], `a sequenced plan sets a target date for every ${kind}`);
    if (variant.approach === 'incremental' && item.targets.length > 0)
      add([...at, 'targets'], `an incremental plan sets no target date for a ${kind}`);
  }
  return problems;
}

/** Two variants compared must be of the same candidate. */
export function validateVariantPair(a: Variant, b: Variant): Problem[] {
  const problems = [...validateVariant(a, 'variants.0'), ...validateVariant(b, 'variants.1')];
  if (a.roadmap.candidate !== b.roadmap.candidate)
    problems.push({
      path: 'variants.1.roadmap.candidate',
      message: `is '${b.roadmap.candidate}', but the first variant is for '${a.roadmap.candidate}'`,
    });
  if (a.id === b.id)
    problems.push({
      path: 'variants.1.id',
      message: `duplicate id '${b.id}' (first used at variants.0)`,
    });
  return problems;
}
