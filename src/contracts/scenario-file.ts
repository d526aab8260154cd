/**
 * Scenario files: text in (YAML or JSON, which is YAML too), a valid Scenario or every problem
 * out, each as `file:line: path.to.field: what is wrong`. Pure: the caller reads the file.
 */
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  stringify,
  type Node,
} from 'yaml';
import type { z } from 'zod';
import { DEFAULT_STAGES } from '../core/types.js';
import type { Problem } from '../core/errors.js';
import type { Scenario } from '../core/types.js';
import { validateScenario, type KnownIds } from '../core/validate.js';
import {
  AllianceSchema,
  CandidateSchema,
  ConditionSchema,
  DecisionSchema,
  EventSchema,
  GroupSchema,
  MemberSchema,
  PositionSchema,
  ScenarioSchema,
  SourceSchema,
} from './scenario.js';
import { RoadmapSchema } from './roadmap.js';

export type ParseResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly problems: readonly Problem[] };

type Segment = string | number;

/** Parse and check a scenario file. All problems are reported at once, with their lines. */
export function parseScenarioText(text: string, file = '<input>'): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        file,
        line: lineCounter.linePos(e.pos[0]).line,
        path: '',
        message: `YAML syntax: ${firstLine(e.message)}`,
      })),
    };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  const lineOf = (path: readonly Segment[], key = false): number | undefined => {
    const offset = locate(doc.contents, path, key);
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };

  const parsed = ScenarioSchema.safeParse(data);
  if (!parsed.success) {
    const structural = parsed.error.issues.flatMap((i) => zodProblems(i, data, file, lineOf));
    // Check cross-references among the entries that did parse, so every problem comes out at once.
    const partial = partialScenario(data);
    const semantic =
      partial === undefined
        ? []
        : validateScenario(partial.scenario, partial.known).map((p) => {
            const path = partial.remap(p.path);
            return { ...p, path, file, line: lineOf(splitPath(path)) };
          });
    return { ok: false, problems: sortProblems(dedupe([...structural, ...semantic])) };
  }
  const semantic = validateScenario(parsed.data);
  if (semantic.length > 0) {
    return {
      ok: false,
      problems: sortProblems(
        semantic.map((p) => ({ ...p, file, line: lineOf(splitPath(p.path)) })),
      ),
    };
  }
  return { ok: true, scenario: parsed.data };
}

/** A scenario as YAML text; parsing it back gives the same Scenario. */
export function scenarioToYaml(scenario: Scenario): string {
  return stringify(stripUndefined(scenario), { lineWidth: 0 });
}

function stripUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripUndefined);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = stripUndefined(v);
    return out;
  }
  return value;
}

function zodProblems(
  issue: z.core.$ZodIssue,
  data: unknown,
  file: string,
  lineOf: (path: readonly Segment[], key?: boolean) => number | undefined,
): Problem[] {
  const path = issue.path.filter((p): p is Segment => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      file,
      line: lineOf([...path, key], true),
      path: [...path, key].join('.'),
      message: 'unknown field',
    }));
  }
  const missing = valueAt(data, path) === undefined;
  return [
    {
      file,
      line: lineOf(path, missing),
      path: path.join('.'),
      message: missing ? 'is required' : issue.message,
    },
  ];
}

function valueAt(data: unknown, path: readonly Segment[]): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
    // Arrays and objects are both indexable by string or number keys.
  }
  return cur;
}

/** Offset of the node at `path`, or of its nearest existing ancestor. */
function locate(root: Node | null, path: readonly Segment[], key: boolean): number | undefined {
  let node: Node | null = root;
  let offset = root?.range?.[0];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (node === null || seg === undefined) break;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
      );
      if (pair === undefined) break;
      const keyNode = isScalar(pair.key) ? pair.key : null;
      const last = i === path.length - 1;
      if (last && key && keyNode?.range) return keyNode.range[0];
      const value = pair.value as Node | null;
      // A pair's value is a Node in a parsed document (never a plain JS value).
      offset = value?.range?.[0] ?? keyNode?.range?.[0] ?? offset;
      node = value;
    } else if (isSeq(node)) {
      const item = typeof seg === 'number' ? node.items[seg] : undefined;
      if (item === undefined || item === null) break;
      const itemNode = item as Node;
      // Items of a parsed sequence are Nodes.
      offset = itemNode.range?.[0] ?? offset;
      node = itemNode;
    } else break;
  }
  return offset;
}

const SECTIONS = {
  sources: SourceSchema,
  members: MemberSchema,
  groups: GroupSchema,
  candidates: CandidateSchema,
  decisions: DecisionSchema,
  conditions: ConditionSchema,
  positions: PositionSchema,
  events: EventSchema,
  roadmaps: RoadmapSchema,
} as const;
type Section = keyof typeof SECTIONS;

interface PartialScenario {
  readonly scenario: Scenario;
  readonly known: KnownIds;
  /** Turn a path in the partial scenario (`positions.2.member`) into the file's index. */
  remap(path: string): string;
}

/** The entries of each section that pass the schema, with the ids of those that do not. */
function partialScenario(data: unknown): PartialScenario | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const raw = data as Record<string, unknown>;
  // A non-array, non-null object: its fields are read one by one and each is checked below.
  const alliance = AllianceSchema.safeParse(raw.alliance);
  const indexes: Partial<Record<Section, number[]>> = {};
  const failed: Partial<Record<Section, Set<string>>> = {};
  const section = <K extends Section>(name: K): z.output<(typeof SECTIONS)[K]>[] => {
    const items = Array.isArray(raw[name]) ? (raw[name] as unknown[]) : [];
    // Array.isArray narrows to any[]; the elements are checked one by one by the schema.
    const kept: z.output<(typeof SECTIONS)[K]>[] = [];
    const map: number[] = [];
    const bad = new Set<string>();
    items.forEach((item, index) => {
      const result = SECTIONS[name].safeParse(item);
      if (result.success) {
        kept.push(result.data as z.output<(typeof SECTIONS)[K]>);
        // safeParse on SECTIONS[name] returns that section's output type; TS cannot link them.
        map.push(index);
      } else if (item !== null && typeof item === 'object') {
        for (const key of ['id', 'iso2']) {
          const v = (item as Record<string, unknown>)[key];
          // Any object may be read by key; the value's type is checked next.
          if (typeof v === 'string') bad.add(v);
        }
      }
    });
    indexes[name] = map;
    failed[name] = bad;
    return kept;
  };
  const scenario: Scenario = {
    id: typeof raw.id === 'string' ? raw.id : 'scenario',
    title: typeof raw.title === 'string' ? raw.title : '',
    alliance: alliance.success
      ? alliance.data
      : { id: 'the alliance', name: '', rule: 'unanimity', stages: [...DEFAULT_STAGES] },
    keyDates: [],
    sources: section('sources'),
    members: section('members'),
    groups: section('groups'),
    candidates: section('candidates'),
    decisions: section('decisions'),
    conditions: section('conditions'),
    positions: section('positions'),
    events: section('events'),
    roadmaps: section('roadmaps'),
  };
  return {
    scenario,
    known: {
      sources: failed.sources,
      members: failed.members,
      candidates: failed.candidates,
      decisions: failed.decisions,
      conditions: failed.conditions,
    },
    remap(path) {
      const [name, index, ...rest] = path.split('.');
      const map = name === undefined ? undefined : indexes[name as Section];
      // Unknown section names simply have no map and are returned unchanged.
      const original = map === undefined || index === undefined ? undefined : map[Number(index)];
      return original === undefined ? path : [name, String(original), ...rest].join('.');
    },
  };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function splitPath(path: string): Segment[] {
  if (path === '') return [];
  return path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
