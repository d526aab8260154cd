/**
 * Scenario use cases: list, read as of a date, import, export. Reads go through a small cache
 * keyed by the scenario's version, so a status request costs one indexed lookup plus the
 * (pure, fast) core computation; a write bumps the version and the next read reloads.
 */
import { AccordError, formatProblem } from '../core/errors.js';
import { membersAsOf } from '../core/membership.js';
import { positionHistory } from '../core/positions.js';
import { ratificationStatus, type RatificationStatus } from '../core/ratification.js';
import {
  decisionStatus,
  evaluationDate,
  scenarioStatus,
  summarizeStatus,
  type DecisionStatus,
  type StatusSummary,
} from '../core/status.js';
import type {
  Candidate,
  Decision,
  EventFact,
  IsoDate,
  Iso2,
  Member,
  Position,
  Scenario,
  Source,
} from '../core/types.js';
import { parseScenarioText, scenarioToYaml } from '../contracts/scenario-file.js';
import {
  latestPositions,
  positionsOf,
  deleteScenario,
  getScenarioVersion,
  insertScenario,
  listScenarios,
  loadScenario,
  type ScenarioSummary,
} from '../db/scenario-repository.js';
import { canonicalJson } from '../core/audit.js';
import { sha256 } from './audit.js';
import { resolveAsOf, type Actor, type ServiceDeps } from './context.js';
import { runWrite } from './write.js';

export interface ImportOptions {
  /** Replace an existing scenario with the same id instead of refusing. */
  readonly replace?: boolean | undefined;
}

export interface ImportResult {
  readonly id: string;
  readonly title: string;
  readonly version: number;
  readonly replaced: boolean;
  readonly counts: Readonly<Record<string, number>>;
}

export interface ScenarioDetail extends ScenarioSummary {
  readonly keyDates: Scenario['keyDates'];
  readonly alliance: Scenario['alliance'];
  readonly candidates: readonly { readonly iso2: Iso2; readonly name: string }[];
  readonly decisionList: readonly {
    readonly id: string;
    readonly title: string;
    readonly kind: string;
    readonly due: IsoDate | null;
  }[];
  /** Named groups of members (the dashboard shows each group's stance). */
  readonly groups: Scenario['groups'];
  /** Conditions by id, so views can name a member's unmet conditions. */
  readonly conditions: readonly { readonly id: string; readonly title: string }[];
}

/** A candidate as of a date: its ratification status plus the dated, sourced facts behind it. */
export interface CandidateView extends RatificationStatus {
  readonly stages: Candidate['stages'];
  readonly ratifications: Candidate['ratifications'];
}

export interface ScenarioService {
  list(): Promise<ScenarioSummary[]>;
  get(id: string): Promise<ScenarioDetail>;
  /** The scenario as stored, every position included (export, tests). */
  load(id: string): Promise<Scenario>;
  /** The scenario without its positions, cached by version: for reads that do not need them. */
  frame(id: string): Promise<Scenario>;
  /** Consensus and ratifications as of a date, without per-member positions (see decision). */
  status(id: string, asOf?: string): Promise<StatusSummary>;
  decision(id: string, decisionId: string, asOf?: string): Promise<DecisionStatus>;
  positionHistory(id: string, decisionId: string, member: string): Promise<Position[]>;
  members(id: string, asOf?: string): Promise<{ asOf: IsoDate; members: Member[] }>;
  candidate(id: string, iso2: string, asOf?: string): Promise<CandidateView>;
  events(id: string, from?: string, to?: string): Promise<EventFact[]>;
  sources(id: string): Promise<readonly Source[]>;
  exportYaml(id: string): Promise<string>;
  importText(
    actor: Actor,
    text: string,
    file: string,
    options?: ImportOptions,
  ): Promise<ImportResult>;
  importScenario(actor: Actor, scenario: Scenario, options?: ImportOptions): Promise<ImportResult>;
  delete(actor: Actor, id: string): Promise<void>;
  /** Forget cached answers for a scenario after a write elsewhere in this process. */
  invalidate(id: string): void;
}

function counts(s: Scenario): Record<string, number> {
  return {
    sources: s.sources.length,
    members: s.members.length,
    groups: s.groups.length,
    candidates: s.candidates.length,
    decisions: s.decisions.length,
    conditions: s.conditions.length,
    positions: s.positions.length,
    events: s.events.length,
  };
}

export function createScenarioService(deps: ServiceDeps): ScenarioService {
  const cache = new Map<string, { version: number; scenario: Scenario }>();
  // Status answers by scenario, version and date: the same question gets the same (immutable)
  // object, which also lets the HTTP layer reuse its serialized form.
  const statusCache = new Map<string, StatusSummary>();
  const STATUS_CACHE_LIMIT = 512;

  async function fetch(id: string): Promise<Scenario> {
    return (await fetchVersioned(id)).scenario;
  }

  // The change token seen when the caches were last known to be current.
  let checkedToken: number | undefined;

  async function fetchVersioned(id: string): Promise<{ version: number; scenario: Scenario }> {
    const token = deps.changeToken?.();
    if (token !== undefined && token === checkedToken) {
      const fresh = cache.get(id);
      if (fresh !== undefined) return fresh;
    } else if (token !== undefined) {
      // Another process wrote: every cached version must be checked again.
      cache.clear();
      statusCache.clear();
      checkedToken = token;
    }
    const version = await getScenarioVersion(deps.db, id);
    if (version === undefined) {
      cache.delete(id);
      throw new AccordError('NOT_FOUND', `scenario '${id}' does not exist`, {
        field: 'scenario',
        value: id,
      });
    }
    const hit = cache.get(id);
    if (hit !== undefined && hit.version === version) return hit;
    // The frame: everything but the positions, which can run to millions; reads that need them
    // ask the database for just the ones that can be effective (latestPositions).
    const scenario = await loadScenario(deps.db, id, { positions: false });
    if (scenario === undefined) {
      throw new AccordError('NOT_FOUND', `scenario '${id}' does not exist`, {
        field: 'scenario',
        value: id,
      });
    }
    const entry = { version, scenario };
    cache.set(id, entry);
    return entry;
  }

  /** The frame with the positions that can be effective on `asOf` for each decision. */
  async function asOfScenario(frame: Scenario, asOf: IsoDate, only?: Decision): Promise<Scenario> {
    const byDate = new Map<IsoDate, string[]>();
    for (const d of only === undefined ? frame.decisions : [only]) {
      const date = evaluationDate(d, asOf);
      byDate.set(date, [...(byDate.get(date) ?? []), d.id]);
    }
    const lists = await Promise.all(
      [...byDate].map(([date, ids]) => latestPositions(deps.db, frame.id, ids, date)),
    );
    return { ...frame, positions: lists.flat() };
  }

  /** The whole scenario, positions included (export, checks of a write). */
  async function loadFull(id: string): Promise<Scenario> {
    const scenario = await loadScenario(deps.db, id);
    if (scenario === undefined) {
      throw new AccordError('NOT_FOUND', `scenario '${id}' does not exist`, {
        field: 'scenario',
        value: id,
      });
    }
    return scenario;
  }

  function findDecision(s: Scenario, decisionId: string) {
    const d = s.decisions.find((x) => x.id === decisionId);
    if (d === undefined) {
      throw new AccordError(
        'NOT_FOUND',
        `decision '${decisionId}' does not exist in scenario '${s.id}'`,
        {
          field: 'decision',
          value: decisionId,
        },
      );
    }
    return d;
  }

  async function importScenario(
    actor: Actor,
    scenario: Scenario,
    options: ImportOptions = {},
  ): Promise<ImportResult> {
    const result = await runWrite(deps, actor, 'scenario.import', {}, async (trx, now) => {
      const existing = await getScenarioVersion(trx, scenario.id);
      if (existing !== undefined && options.replace !== true) {
        throw new AccordError(
          'ALREADY_EXISTS',
          `scenario '${scenario.id}' already exists; pass replace to overwrite it`,
          { field: 'id', value: scenario.id, version: existing },
        );
      }
      const before = existing === undefined ? null : await fingerprint(trx, scenario.id, existing);
      if (existing !== undefined) await deleteScenario(trx, scenario.id);
      const version = (existing ?? 0) + 1;
      await insertScenario(trx, scenario, now, version);
      const after = { version, sha256: sha256(canonicalJson(scenario)), counts: counts(scenario) };
      return {
        entity: { type: 'scenario', id: scenario.id, scenario: scenario.id },
        before,
        after,
        result: { version, replaced: existing !== undefined },
      };
    });
    invalidate(scenario.id);
    return { id: scenario.id, title: scenario.title, ...result, counts: counts(scenario) };
  }

  /** What the audit log keeps of a whole scenario: its version and content hash. */
  async function fingerprint(db: typeof deps.db, id: string, version: number) {
    const stored = await loadScenario(db, id);
    return stored === undefined
      ? null
      : { version, sha256: sha256(canonicalJson(stored)), counts: counts(stored) };
  }

  function invalidate(id: string): void {
    cache.delete(id);
    for (const key of statusCache.keys())
      if (key.startsWith(`${id}\u0000`)) statusCache.delete(key);
  }

  async function deleteScenarioById(actor: Actor, id: string): Promise<void> {
    await runWrite(deps, actor, 'scenario.delete', {}, async (trx) => {
      const version = await getScenarioVersion(trx, id);
      if (version === undefined) {
        throw new AccordError('NOT_FOUND', `scenario '${id}' does not exist`, {
          field: 'scenario',
          value: id,
        });
      }
      const before = await fingerprint(trx, id, version);
      await deleteScenario(trx, id);
      return {
        entity: { type: 'scenario', id, scenario: id },
        before,
        after: null,
        result: undefined,
      };
    });
    invalidate(id);
  }

  return {
    list: () => listScenarios(deps.db),

    async get(id) {
      const s = await fetch(id);
      const summary = (await listScenarios(deps.db)).find((x) => x.id === id);
      if (summary === undefined)
        throw new AccordError('NOT_FOUND', `scenario '${id}' does not exist`);
      return {
        ...summary,
        keyDates: s.keyDates,
        alliance: s.alliance,
        candidates: s.candidates.map((c) => ({ iso2: c.iso2, name: c.name })),
        decisionList: s.decisions.map((d) => ({
          id: d.id,
          title: d.title,
          kind: d.kind,
          due: d.due ?? null,
        })),
        groups: s.groups,
        conditions: s.conditions.map((c) => ({ id: c.id, title: c.title })),
      };
    },

    load: loadFull,
    frame: fetch,

    async status(id, asOf) {
      const date = resolveAsOf(deps, asOf);
      const { version, scenario } = await fetchVersioned(id);
      const key = `${id}\u0000${version}\u0000${date}`;
      const hit = statusCache.get(key);
      if (hit !== undefined) return hit;
      const summary = summarizeStatus(scenarioStatus(await asOfScenario(scenario, date), date));
      if (statusCache.size >= STATUS_CACHE_LIMIT) {
        // Drop the oldest entry (Map keeps insertion order).
        const oldest = statusCache.keys().next();
        if (oldest.done !== true) statusCache.delete(oldest.value);
      }
      statusCache.set(key, summary);
      return summary;
    },

    async decision(id, decisionId, asOf) {
      const date = resolveAsOf(deps, asOf);
      const s = await fetch(id);
      const d = findDecision(s, decisionId);
      return decisionStatus(await asOfScenario(s, date, d), d, date);
    },

    async positionHistory(id, decisionId, member) {
      const s = await fetch(id);
      const d = findDecision(s, decisionId);
      if (!s.members.some((m) => m.iso2 === member)) {
        throw new AccordError('NOT_FOUND', `member '${member}' is not in scenario '${id}'`, {
          field: 'member',
          value: member,
        });
      }
      const positions = await positionsOf(deps.db, id, decisionId, member);
      return positionHistory({ ...s, positions }, d, member);
    },

    async members(id, asOf) {
      const date = resolveAsOf(deps, asOf);
      return { asOf: date, members: membersAsOf((await fetch(id)).members, date) };
    },

    async candidate(id, iso2, asOf) {
      const date = resolveAsOf(deps, asOf);
      const s = await fetch(id);
      const c = s.candidates.find((x) => x.iso2 === iso2);
      if (c === undefined) {
        throw new AccordError('NOT_FOUND', `candidate '${iso2}' is not in scenario '${id}'`, {
          field: 'candidate',
          value: iso2,
        });
      }
      return {
        ...ratificationStatus(c, s.members, date),
        stages: c.stages.filter((x) => x.date <= date),
        ratifications: c.ratifications.filter((r) => r.date <= date),
      };
    },

    async events(id, from, to) {
      const start = from === undefined ? undefined : resolveAsOf(deps, from, 'from');
      const end = to === undefined ? undefined : resolveAsOf(deps, to, 'to');
      const s = await fetch(id);
      return s.events.filter(
        (e) =>
          (start === undefined || (e.end ?? e.start) >= start) &&
          (end === undefined || e.start <= end),
      );
    },

    async sources(id) {
      return (await fetch(id)).sources;
    },

    async exportYaml(id) {
      return scenarioToYaml(await loadFull(id));
    },

    async importText(actor, text, file, options) {
      const parsed = parseScenarioText(text, file);
      if (!parsed.ok) {
        const lines = parsed.problems.map(formatProblem);
        throw new AccordError(
          'SCENARIO_INVALID',
          `${file}: ${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'}; nothing was imported\n${lines.join('\n')}`,
          { problems: parsed.problems, lines },
        );
      }
      return importScenario(actor, parsed.scenario, options);
    },

    importScenario,
    delete: deleteScenarioById,
    invalidate,
  };
}

export type { ScenarioSummary };
