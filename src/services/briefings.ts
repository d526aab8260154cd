/**
 * Briefings in, reviewed facts out. Ingest stores a text once per scenario (by its SHA-256) with
 * the facts the extractor proposes; a reviewer accepts each (it becomes positions or an event,
 * citing the briefing as a source), merges it into a fact already stored (which gains the
 * briefing as a further source), or rejects it with a reason. Every change goes through
 * runWrite: authorized by the policy table, in one transaction with its audit entries.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import {
  eventFromProposal,
  independenceKey,
  mergeCitations,
  participantsOf,
  positionsFromStance,
  quoteOf,
  suggestedCredibility,
  type ReviewEdit,
  type StoredProposal,
} from '../core/briefings.js';
import { AccordError } from '../core/errors.js';
import { extractFacts } from '../core/extract/index.js';
import type { Fact } from '../core/extract/types.js';
import { CREDIBILITIES } from '../core/types.js';
import type { Citation, Credibility, EventFact, Participant } from '../core/types.js';
import {
  AcceptBody,
  BriefingCreateBody,
  FactIdSchema,
  MergeBody,
  RejectBody,
  ReviewListQuery,
  type FactEdit,
} from '../contracts/briefings.js';
import {
  findBriefingByHash,
  getBriefing,
  getProposal,
  insertBriefing,
  insertSource,
  listBriefings,
  listProposals,
  reviewProposal,
  setBriefingSource,
  updateEventSources,
  type BriefingRecord,
  type NewProposal,
  type ProposalRecord,
  type ResultRef,
  type StatusCounts,
} from '../db/briefing-repository.js';
import { bumpScenarioVersion, getPosition, updatePosition } from '../db/fact-repository.js';
import { getScenarioVersion } from '../db/scenario-repository.js';
import type { Database } from '../db/schema.js';
import { appendAudit, sha256 } from './audit.js';
import { scenarioForWrite } from './checks.js';
import type { Actor, ServiceDeps } from './context.js';
import { insertCheckedEvent, insertCheckedPosition } from './facts.js';
import { parseInput } from './input.js';
import type { ScenarioService } from './scenarios.js';
import { requireAllowed, runWrite } from './write.js';

type Db = Kysely<Database>;

export type BriefingSummary = BriefingRecord & { readonly facts: StatusCounts };

export interface IngestResult {
  readonly briefing: BriefingRecord;
  /** True when the same text was already stored for the scenario: nothing new was written. */
  readonly duplicate: boolean;
  readonly facts: readonly ProposalRecord[];
}

export interface BriefingDetail {
  readonly briefing: BriefingRecord;
  readonly text: string;
  readonly facts: readonly ProposalRecord[];
}

export interface ReviewResult {
  readonly fact: ProposalRecord;
  /** What the review created or changed: positions, an event. */
  readonly result: readonly ResultRef[];
}

export interface BriefingService {
  ingest(actor: Actor, body: z.input<typeof BriefingCreateBody>): Promise<IngestResult>;
  list(scenario?: string): Promise<{ briefings: BriefingSummary[] }>;
  get(id: string): Promise<BriefingDetail>;
  reviewList(query: z.input<typeof ReviewListQuery>): Promise<{ facts: ProposalRecord[] }>;
  getFact(id: string): Promise<ProposalRecord>;
  accept(actor: Actor, factId: string, body: z.input<typeof AcceptBody>): Promise<ReviewResult>;
  merge(actor: Actor, factId: string, body: z.input<typeof MergeBody>): Promise<ReviewResult>;
  reject(actor: Actor, factId: string, body: z.input<typeof RejectBody>): Promise<ReviewResult>;
}

/** The proposal's own fields, without what every stored fact has in columns. */
function payloadOf(f: Fact): Record<string, unknown> {
  const columns = new Set(['kind', 'span', 'text', 'confidence']);
  // JSON drops undefined fields, so the payload reads back exactly as it is written.
  const json: unknown = JSON.parse(JSON.stringify(f));
  if (typeof json !== 'object' || json === null) return {};
  return Object.fromEntries(Object.entries(json).filter(([k]) => !columns.has(k)));
}

function defaultTitle(text: string): string {
  const first = text.split('\n').find((l) => l.trim() !== '') ?? 'briefing';
  const t = first.trim().replace(/\s+/g, ' ');
  return t.length <= 80 ? t : `${t.slice(0, 79)}…`;
}

function factNotFound(id: string): AccordError {
  return new AccordError('NOT_FOUND', `fact: proposed fact '${id}' does not exist`, {
    field: 'fact',
    value: id,
  });
}

function stale(id: string, current: number): AccordError {
  return new AccordError(
    'CONFLICT',
    `expectedVersion: proposed fact '${id}' has changed since you read it; it is now at version ${current}. Read it again and retry.`,
    { field: 'expectedVersion', currentVersion: current },
  );
}

/** The fact at the version the reviewer read, still waiting for review. */
async function proposalForReview(
  trx: Db,
  id: string,
  expectedVersion: number,
): Promise<ProposalRecord> {
  const p = await getProposal(trx, id);
  if (p === undefined) throw factNotFound(id);
  if (p.version !== expectedVersion) throw stale(id, p.version);
  if (p.status !== 'proposed') {
    throw new AccordError(
      'CONFLICT',
      `fact: proposed fact '${id}' was already ${p.status}${p.reviewer !== undefined ? ` by ${p.reviewer}` : ''}`,
      { field: 'fact', status: p.status },
    );
  }
  return p;
}

function stored(p: ProposalRecord): StoredProposal {
  return { id: p.id, kind: p.kind, span: p.span, quote: p.text, payload: p.payload };
}

function toEdit(edit: FactEdit | undefined): ReviewEdit {
  return edit ?? {};
}

/** The briefing as a source of its scenario, registered on first use. */
async function ensureSource(trx: Db, briefingId: string): Promise<BriefingRecord> {
  const found = await getBriefing(trx, briefingId);
  if (found === undefined) throw factNotFound(briefingId);
  const b = found.briefing;
  if (b.sourceId !== undefined) return b;
  const s = await scenarioForWrite(trx, b.scenario);
  if (!s.sources.some((x) => x.id === b.id)) {
    await insertSource(trx, b.scenario, {
      id: b.id,
      title: b.title,
      publisher: b.source,
      published: b.published,
      reliability: b.reliability,
      note: `briefing ingested by ${b.ingestedBy} on ${b.ingestedAt.slice(0, 10)}; sha256 ${b.sha256}`,
    });
  }
  await setBriefingSource(trx, b.id, b.id);
  return { ...b, sourceId: b.id };
}

/** The credibility the attributions of a briefing suggest for a span (or the reviewer's). */
async function credibilityFor(
  trx: Db,
  p: ProposalRecord,
  chosen: Credibility | undefined,
): Promise<Credibility> {
  if (chosen !== undefined) return chosen;
  const attributions = (await listProposals(trx, { briefing: p.briefing, kind: 'attribution' }))
    .filter((a) => a.status !== 'rejected')
    .flatMap((a) => {
      const scope = a.payload.scope;
      const credibility = a.payload.credibility;
      if (
        !Array.isArray(scope) ||
        typeof scope[0] !== 'number' ||
        typeof scope[1] !== 'number' ||
        typeof credibility !== 'number'
      )
        return [];
      const grade = CREDIBILITIES.find((g) => g === credibility);
      const span: readonly [number, number] = [scope[0], scope[1]];
      return grade === undefined ? [] : [{ scope: span, credibility: grade }];
    });
  return suggestedCredibility(p.span, attributions);
}

const RECORDED_KINDS = new Set(['stance', 'event', 'engagement', 'statement']);

export function createBriefingService(
  deps: ServiceDeps,
  scenarios: ScenarioService,
): BriefingService {
  async function finish(
    scenarioId: string,
    id: string,
    result: ReviewResult['result'],
  ): Promise<ReviewResult> {
    scenarios.invalidate(scenarioId);
    const fact = await getProposal(deps.db, id);
    if (fact === undefined) throw factNotFound(id);
    return { fact, result };
  }

  return {
    async ingest(actor, input) {
      const body = parseInput(BriefingCreateBody, input);
      requireAllowed(actor, 'briefing.ingest');
      const hash = sha256(body.text);
      const existing = await findBriefingByHash(deps.db, body.scenario, hash);
      if (existing !== undefined) {
        return {
          briefing: existing,
          duplicate: true,
          facts: await listProposals(deps.db, { briefing: existing.id }),
        };
      }
      // Extraction is pure and the slow part: it runs before the transaction opens.
      const proposals: NewProposal[] = extractFacts(body.text, {
        published: body.published,
      }).map((f) => ({
        kind: f.kind,
        span: f.span,
        text: f.text,
        confidence: f.confidence,
        payload: payloadOf(f),
      }));
      const id = `brf-${sha256(`${body.scenario}\n${hash}`).slice(0, 12)}`;
      const outcome = await runWrite(deps, actor, 'briefing.ingest', {}, async (trx, now) => {
        if ((await getScenarioVersion(trx, body.scenario)) === undefined) {
          throw new AccordError('NOT_FOUND', `scenario: '${body.scenario}' does not exist`, {
            field: 'scenario',
            value: body.scenario,
          });
        }
        const again = await findBriefingByHash(trx, body.scenario, hash);
        if (again !== undefined) {
          // Another writer stored the same text a moment ago: report it, write nothing new.
          return {
            entity: { type: 'briefing', id: again.id, scenario: body.scenario },
            before: { sha256: hash },
            after: { sha256: hash, duplicate: true },
            result: { briefing: again, duplicate: true },
          };
        }
        const briefing: BriefingRecord = {
          id,
          scenario: body.scenario,
          sha256: hash,
          title: body.title ?? defaultTitle(body.text),
          published: body.published,
          source: body.source,
          reliability: body.reliability ?? 'F',
          ingestedBy: actor.name,
          ingestedAt: now,
        };
        await insertBriefing(trx, briefing, body.text, proposals);
        return {
          entity: { type: 'briefing', id, scenario: body.scenario },
          before: null,
          after: {
            sha256: hash,
            title: briefing.title,
            published: briefing.published ?? null,
            source: briefing.source ?? null,
            reliability: briefing.reliability,
            characters: body.text.length,
            proposed: proposals.length,
          },
          result: { briefing, duplicate: false },
        };
      });
      return {
        ...outcome,
        facts: await listProposals(deps.db, { briefing: outcome.briefing.id }),
      };
    },

    async list(scenario) {
      return { briefings: await listBriefings(deps.db, scenario) };
    },

    async get(id) {
      const found = await getBriefing(deps.db, id);
      if (found === undefined) {
        throw new AccordError('NOT_FOUND', `briefing: '${id}' does not exist`, {
          field: 'briefing',
          value: id,
        });
      }
      return { ...found, facts: await listProposals(deps.db, { briefing: id }) };
    },

    async reviewList(input) {
      const q = parseInput(ReviewListQuery, input);
      return { facts: await listProposals(deps.db, q) };
    },

    async getFact(id) {
      const p = await getProposal(deps.db, id);
      if (p === undefined) throw factNotFound(id);
      return p;
    },

    async accept(actor, factId, input) {
      const body = parseInput(AcceptBody, input);
      const edit = toEdit(body.edit);
      const outcome = await runWrite(deps, actor, 'fact.review', {}, async (trx, now) => {
        const p = await proposalForReview(trx, factId, body.expectedVersion);
        const result: ResultRef[] = [];
        if (RECORDED_KINDS.has(p.kind)) {
          const b = await ensureSource(trx, p.briefing);
          const context = { published: b.published, sourceId: b.id };
          const credibility = await credibilityFor(trx, p, edit.credibility);
          if (p.kind === 'stance') {
            const s = await scenarioForWrite(trx, p.scenario);
            const positions = positionsFromStance(
              stored(p),
              edit,
              s.decisions,
              context,
              credibility,
              s.members,
            );
            for (const [i, position] of positions.entries()) {
              requireAllowed(actor, 'position.record', { member: position.member });
              const saved = await insertCheckedPosition(
                trx,
                p.scenario,
                { ...position, id: positions.length === 1 ? edit.id : undefined },
                now,
              );
              result.push({ type: 'position', id: saved.id });
              await appendAudit(trx, {
                at: now,
                principal: actor,
                action: 'position.record',
                entity: { type: 'position', id: saved.id, scenario: p.scenario },
                before: null,
                after: { ...saved, from: p.id, index: i },
              });
            }
          } else {
            requireAllowed(actor, 'event.record');
            const event = eventFromProposal(stored(p), edit, context, credibility);
            const saved = await insertCheckedEvent(trx, p.scenario, { ...event, id: edit.id }, now);
            result.push({ type: 'event', id: saved.id });
            await appendAudit(trx, {
              at: now,
              principal: actor,
              action: 'event.record',
              entity: { type: 'event', id: saved.id, scenario: p.scenario },
              before: null,
              after: { ...saved, from: p.id },
            });
          }
        }
        const version = await reviewProposal(trx, p.id, body.expectedVersion, {
          status: 'accepted',
          reviewer: actor.name,
          at: now,
          result,
          payload: body.edit === undefined ? p.payload : { ...p.payload, ...body.edit },
        });
        if (version === undefined) throw stale(p.id, body.expectedVersion + 1);
        return {
          entity: { type: 'briefing-fact', id: p.id, scenario: p.scenario },
          before: { status: p.status, version: p.version },
          after: { status: 'accepted', version, result, edit: body.edit ?? null },
          result: { scenario: p.scenario, result },
        };
      });
      return finish(outcome.scenario, factId, outcome.result);
    },

    async merge(actor, factId, input) {
      const body = parseInput(MergeBody, input);
      const outcome = await runWrite(deps, actor, 'fact.review', {}, async (trx, now) => {
        const p = await proposalForReview(trx, factId, body.expectedVersion);
        if (!RECORDED_KINDS.has(p.kind)) {
          throw new AccordError(
            'VALIDATION_FAILED',
            `fact: a proposed ${p.kind} is not stored as a fact of its own; accept or reject it`,
            { field: 'fact', kind: p.kind },
          );
        }
        const target = await resolveTarget(trx, p, body.into);
        const b = await ensureSource(trx, p.briefing);
        const credibility = await credibilityFor(trx, p, body.credibility);
        const s = await scenarioForWrite(trx, p.scenario);
        const keyOf = (sourceId: string): string => {
          const src = s.sources.find((x) => x.id === sourceId);
          return src === undefined ? sourceId : independenceKey(src);
        };
        const added: Citation = { source: b.id, credibility, quote: quoteOf(p.text) };
        let independent: boolean;
        if (target.type === 'position') {
          const current = await getPosition(trx, p.scenario, target.id);
          if (current === undefined) throw intoNotFound(body.into, p.scenario);
          requireAllowed(actor, 'position.record', { member: current.value.member });
          const merged = mergeCitations(current.value.sources, added, keyOf);
          independent = merged.independent;
          const position = { ...current.value, sources: merged.citations };
          const version = await updatePosition(trx, p.scenario, position, current.version);
          if (version === undefined) throw stale(target.id, current.version + 1);
          await bumpScenarioVersion(trx, p.scenario, now);
          await appendAudit(trx, {
            at: now,
            principal: actor,
            action: 'position.record',
            entity: { type: 'position', id: target.id, scenario: p.scenario },
            before: { sources: current.value.sources, version: current.version },
            after: { sources: merged.citations, version, from: p.id },
          });
        } else {
          requireAllowed(actor, 'event.record');
          const event = s.events.find((e) => e.id === target.id);
          if (event === undefined) throw intoNotFound(body.into, p.scenario);
          const merged = mergeCitations(event.sources, added, keyOf);
          independent = merged.independent;
          const participants = joinParticipants(event, p);
          await updateEventSources(trx, p.scenario, event.id, merged.citations, participants);
          await bumpScenarioVersion(trx, p.scenario, now);
          await appendAudit(trx, {
            at: now,
            principal: actor,
            action: 'event.record',
            entity: { type: 'event', id: event.id, scenario: p.scenario },
            before: { sources: event.sources, participants: event.participants },
            after: { sources: merged.citations, participants, from: p.id },
          });
        }
        const result = [target];
        const version = await reviewProposal(trx, p.id, body.expectedVersion, {
          status: 'merged',
          reviewer: actor.name,
          at: now,
          result,
          payload: p.payload,
        });
        if (version === undefined) throw stale(p.id, body.expectedVersion + 1);
        return {
          entity: { type: 'briefing-fact', id: p.id, scenario: p.scenario },
          before: { status: p.status, version: p.version },
          after: { status: 'merged', version, result, independent },
          result: { scenario: p.scenario, result },
        };
      });
      return finish(outcome.scenario, factId, outcome.result);
    },

    async reject(actor, factId, input) {
      const body = parseInput(RejectBody, input);
      const outcome = await runWrite(deps, actor, 'fact.review', {}, async (trx, now) => {
        const p = await proposalForReview(trx, factId, body.expectedVersion);
        const version = await reviewProposal(trx, p.id, body.expectedVersion, {
          status: 'rejected',
          reason: body.reason,
          reviewer: actor.name,
          at: now,
          result: [],
          payload: p.payload,
        });
        if (version === undefined) throw stale(p.id, body.expectedVersion + 1);
        return {
          entity: { type: 'briefing-fact', id: p.id, scenario: p.scenario },
          before: { status: p.status, version: p.version },
          after: { status: 'rejected', version, reason: body.reason },
          result: { scenario: p.scenario, result: [] },
        };
      });
      return finish(outcome.scenario, factId, outcome.result);
    },
  };
}

function intoNotFound(into: string, scenario: string): AccordError {
  return new AccordError(
    'NOT_FOUND',
    `into: no event, position or reviewed proposed fact '${into}' in scenario '${scenario}'`,
    { field: 'into', value: into },
  );
}

/** What a merge joins: an event or position by id, or what a reviewed proposal became. */
async function resolveTarget(trx: Db, p: ProposalRecord, into: string): Promise<ResultRef> {
  let ref: ResultRef | undefined;
  if (FactIdSchema.safeParse(into).success) {
    const other = await getProposal(trx, into);
    if (other === undefined || other.scenario !== p.scenario) throw intoNotFound(into, p.scenario);
    ref = other.result[0];
    if (ref === undefined) {
      throw new AccordError(
        'VALIDATION_FAILED',
        `into: proposed fact '${into}' is ${other.status} and stored nothing to merge into`,
        { field: 'into', value: into },
      );
    }
  } else {
    const s = await scenarioForWrite(trx, p.scenario);
    if (s.events.some((e) => e.id === into)) ref = { type: 'event', id: into };
    else if ((await getPosition(trx, p.scenario, into)) !== undefined)
      ref = { type: 'position', id: into };
  }
  if (ref === undefined) throw intoNotFound(into, p.scenario);
  const wants = p.kind === 'stance' ? 'position' : 'event';
  if (ref.type !== wants) {
    throw new AccordError(
      'VALIDATION_FAILED',
      `into: a proposed ${p.kind} merges into ${wants === 'position' ? 'a position' : 'an event'}, and '${into}' is ${ref.type === 'position' ? 'a position' : 'an event'}`,
      { field: 'into', value: into },
    );
  }
  return ref;
}

/** The event's participants and any the proposal names that it lacks. */
function joinParticipants(event: EventFact, p: ProposalRecord): Participant[] {
  const out: Participant[] = [...event.participants];
  for (const x of participantsOf(p.payload.participants)) {
    if (!out.some((o) => o.name === x.name)) out.push(x);
  }
  return out;
}
