/**
 * Writing single facts into a scenario: positions, condition statuses, decision outcomes and
 * events. Each write is checked against the whole scenario with the same rules as an import
 * (a position by a non-member on its date is refused), authorized, versioned and audited.
 */
import { AccordError } from '../core/errors.js';
import type { ConditionStatus, EventFact, Position } from '../core/types.js';
import type { z } from 'zod';
import {
  ConditionStatusBody,
  EventCreateBody,
  OutcomeBody,
  PositionCreateBody,
  PositionUpdateBody,
} from '../contracts/writes.js';
import { parseInput } from './input.js';
import {
  bumpScenarioVersion,
  deletePosition,
  getDecisionVersion,
  getPosition,
  insertConditionStatus,
  insertEvent,
  insertPosition,
  updateDecisionOutcome,
  updatePosition,
} from '../db/fact-repository.js';
import { positionExists } from '../db/scenario-repository.js';
import { freshId, problemsAt, rejectProblems, scenarioForWrite } from './checks.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Actor, ServiceDeps } from './context.js';
import type { ScenarioService } from './scenarios.js';
import { requireAllowed, runWrite } from './write.js';

export interface VersionedPosition {
  readonly position: Position;
  readonly version: number;
}

export interface FactService {
  recordPosition(
    actor: Actor,
    scenarioId: string,
    body: z.input<typeof PositionCreateBody>,
  ): Promise<VersionedPosition>;
  getPosition(scenarioId: string, positionId: string): Promise<VersionedPosition>;
  updatePosition(
    actor: Actor,
    scenarioId: string,
    positionId: string,
    body: z.input<typeof PositionUpdateBody>,
  ): Promise<VersionedPosition>;
  deletePosition(
    actor: Actor,
    scenarioId: string,
    positionId: string,
    expectedVersion: number,
  ): Promise<void>;
  recordConditionStatus(
    actor: Actor,
    scenarioId: string,
    conditionId: string,
    body: z.input<typeof ConditionStatusBody>,
  ): Promise<ConditionStatus>;
  setOutcome(
    actor: Actor,
    scenarioId: string,
    decisionId: string,
    body: z.input<typeof OutcomeBody>,
  ): Promise<{ outcome: OutcomeBody['outcome']; version: number }>;
  recordEvent(
    actor: Actor,
    scenarioId: string,
    body: z.input<typeof EventCreateBody>,
  ): Promise<EventFact>;
  getOutcome(
    scenarioId: string,
    decisionId: string,
  ): Promise<{ outcome: OutcomeBody['outcome']; version: number }>;
}

type Db = Kysely<Database>;

function positionNotFound(scenarioId: string, id: string): AccordError {
  return new AccordError(
    'NOT_FOUND',
    `position '${id}' does not exist in scenario '${scenarioId}'`,
    {
      field: 'position',
      value: id,
    },
  );
}

function stale(what: string, current: number): AccordError {
  return new AccordError(
    'CONFLICT',
    `expectedVersion: ${what} has changed since you read it; it is now at version ${current}. Read it again and retry.`,
    { field: 'expectedVersion', currentVersion: current },
  );
}

/** A readable position id not yet taken in the scenario (asks the table, not a loaded list). */
async function freshPositionId(db: Db, scenarioId: string, base: string): Promise<string> {
  const first = freshId(base, new Set());
  if (!(await positionExists(db, scenarioId, first))) return first;
  for (let n = 2; ; n++) {
    const id = `${first}-${n}`;
    if (!(await positionExists(db, scenarioId, id))) return id;
  }
}

/**
 * Check a new position against the scenario (the same rules as an import) and store it. Runs
 * inside a write's transaction: recordPosition and accepted briefing stances both come here.
 */
export async function insertCheckedPosition(
  trx: Db,
  scenarioId: string,
  body: Omit<Position, 'id'> & { readonly id?: string | undefined },
  now: string,
): Promise<Position> {
  const s = await scenarioForWrite(trx, scenarioId);
  const id =
    body.id ??
    (await freshPositionId(trx, scenarioId, `${body.member}-${body.decision}-${body.date}`));
  if (await positionExists(trx, scenarioId, id)) {
    throw new AccordError('ALREADY_EXISTS', `id: position '${id}' already exists`, {
      field: 'id',
      value: id,
    });
  }
  const position: Position = { ...body, id };
  rejectProblems(problemsAt({ ...s, positions: [position] }, 'positions.0'));
  await insertPosition(trx, scenarioId, position);
  await bumpScenarioVersion(trx, scenarioId, now);
  return position;
}

/** Check a new event against the scenario and store it, inside a write's transaction. */
export async function insertCheckedEvent(
  trx: Db,
  scenarioId: string,
  body: Omit<EventFact, 'id'> & { readonly id?: string | undefined },
  now: string,
): Promise<EventFact> {
  const s = await scenarioForWrite(trx, scenarioId);
  const taken = new Set(s.events.map((e) => e.id));
  const id = body.id ?? freshId(`${body.kind}-${body.start}-${body.title}`, taken);
  if (taken.has(id)) {
    throw new AccordError('ALREADY_EXISTS', `id: event '${id}' already exists`, {
      field: 'id',
      value: id,
    });
  }
  const event: EventFact = { ...body, id };
  rejectProblems(problemsAt({ ...s, events: [...s.events, event] }, `events.${s.events.length}`));
  await insertEvent(trx, scenarioId, event);
  await bumpScenarioVersion(trx, scenarioId, now);
  return event;
}

export function createFactService(deps: ServiceDeps, scenarios: ScenarioService): FactService {
  const done = <T>(scenarioId: string, value: T): T => {
    scenarios.invalidate(scenarioId);
    return value;
  };

  return {
    async recordPosition(actor, scenarioId, input) {
      const body = parseInput(PositionCreateBody, input);
      const result = await runWrite(
        deps,
        actor,
        'position.record',
        { member: body.member },
        async (trx, now) => {
          const position = await insertCheckedPosition(trx, scenarioId, body, now);
          const id = position.id;
          return {
            entity: { type: 'position', id, scenario: scenarioId },
            before: null,
            after: position,
            result: { position, version: 1 },
          };
        },
      );
      return done(scenarioId, result);
    },

    async getPosition(scenarioId, positionId) {
      const found = await getPosition(deps.db, scenarioId, positionId);
      if (found === undefined) throw positionNotFound(scenarioId, positionId);
      return { position: found.value, version: found.version };
    },

    async updatePosition(actor, scenarioId, positionId, input) {
      const { expectedVersion, ...fields } = parseInput(PositionUpdateBody, input);
      const result = await runWrite(
        deps,
        actor,
        'position.record',
        { member: fields.member },
        async (trx, now) => {
          const current = await getPosition(trx, scenarioId, positionId);
          if (current === undefined) throw positionNotFound(scenarioId, positionId);
          // A delegation may not take over another member's position by rewriting its member.
          requireAllowed(actor, 'position.record', { member: current.value.member });
          if (current.version !== expectedVersion)
            throw stale(`position '${positionId}'`, current.version);
          const position: Position = { ...fields, id: positionId };
          const s = await scenarioForWrite(trx, scenarioId);
          rejectProblems(problemsAt({ ...s, positions: [position] }, 'positions.0'));
          const version = await updatePosition(trx, scenarioId, position, expectedVersion);
          if (version === undefined) {
            const now2 = await getPosition(trx, scenarioId, positionId);
            throw stale(`position '${positionId}'`, now2?.version ?? expectedVersion + 1);
          }
          await bumpScenarioVersion(trx, scenarioId, now);
          return {
            entity: { type: 'position', id: positionId, scenario: scenarioId },
            before: { ...current.value, version: current.version },
            after: { ...position, version },
            result: { position, version },
          };
        },
      );
      return done(scenarioId, result);
    },

    async deletePosition(actor, scenarioId, positionId, expectedVersion) {
      await runWrite(
        deps,
        actor,
        'position.record',
        actor.kind === 'user' ? { member: actor.member } : {},
        async (trx, now) => {
          const current = await getPosition(trx, scenarioId, positionId);
          if (current === undefined) throw positionNotFound(scenarioId, positionId);
          requireAllowed(actor, 'position.record', { member: current.value.member });
          if (current.version !== expectedVersion)
            throw stale(`position '${positionId}'`, current.version);
          if (!(await deletePosition(trx, scenarioId, positionId, expectedVersion))) {
            throw stale(`position '${positionId}'`, expectedVersion + 1);
          }
          await bumpScenarioVersion(trx, scenarioId, now);
          return {
            entity: { type: 'position', id: positionId, scenario: scenarioId },
            before: { ...current.value, version: current.version },
            after: null,
            result: undefined,
          };
        },
      );
      done(scenarioId, undefined);
    },

    async recordConditionStatus(actor, scenarioId, conditionId, input) {
      const body = parseInput(ConditionStatusBody, input);
      // The role is checked before anything is read; the holder only once the condition is loaded.
      const result = await runWrite(
        deps,
        actor,
        'condition.status',
        actor.kind === 'user' ? { member: actor.member } : {},
        async (trx, now) => {
          const s = await scenarioForWrite(trx, scenarioId);
          const ci = s.conditions.findIndex((c) => c.id === conditionId);
          const condition = s.conditions[ci];
          if (condition === undefined) {
            throw new AccordError(
              'NOT_FOUND',
              `condition '${conditionId}' does not exist in scenario '${scenarioId}'`,
              {
                field: 'condition',
                value: conditionId,
              },
            );
          }
          requireAllowed(actor, 'condition.status', { member: condition.holder });
          const status: ConditionStatus = body;
          const conditions = s.conditions.map((c, i) =>
            i === ci ? { ...c, statuses: [...c.statuses, status] } : c,
          );
          rejectProblems(
            problemsAt(
              { ...s, conditions },
              `conditions.${ci}.statuses.${condition.statuses.length}`,
            ),
          );
          await insertConditionStatus(trx, scenarioId, conditionId, status);
          await bumpScenarioVersion(trx, scenarioId, now);
          return {
            entity: { type: 'condition', id: conditionId, scenario: scenarioId },
            before: { statuses: condition.statuses.length },
            after: status,
            result: status,
          };
        },
      );
      return done(scenarioId, result);
    },

    async setOutcome(actor, scenarioId, decisionId, input) {
      const body = parseInput(OutcomeBody, input);
      const result = await runWrite(deps, actor, 'decision.outcome', {}, async (trx, now) => {
        const s = await scenarioForWrite(trx, scenarioId);
        const di = s.decisions.findIndex((d) => d.id === decisionId);
        const decision = s.decisions[di];
        const version = await getDecisionVersion(trx, scenarioId, decisionId);
        if (decision === undefined || version === undefined) {
          throw new AccordError(
            'NOT_FOUND',
            `decision '${decisionId}' does not exist in scenario '${scenarioId}'`,
            {
              field: 'decision',
              value: decisionId,
            },
          );
        }
        if (version !== body.expectedVersion) throw stale(`decision '${decisionId}'`, version);
        const decisions = s.decisions.map((d, i) =>
          i === di ? { ...d, outcome: body.outcome ?? undefined } : d,
        );
        rejectProblems(problemsAt({ ...s, decisions }, `decisions.${di}.outcome`));
        const next = await updateDecisionOutcome(
          trx,
          scenarioId,
          decisionId,
          body.outcome,
          body.expectedVersion,
        );
        if (next === undefined) throw stale(`decision '${decisionId}'`, version + 1);
        await bumpScenarioVersion(trx, scenarioId, now);
        return {
          entity: { type: 'decision', id: decisionId, scenario: scenarioId },
          before: { outcome: decision.outcome ?? null, version },
          after: { outcome: body.outcome, version: next },
          result: { outcome: body.outcome, version: next },
        };
      });
      return done(scenarioId, result);
    },

    async getOutcome(scenarioId, decisionId) {
      const s = await scenarios.frame(scenarioId);
      const decision = s.decisions.find((d) => d.id === decisionId);
      const version = await getDecisionVersion(deps.db, scenarioId, decisionId);
      if (decision === undefined || version === undefined) {
        throw new AccordError(
          'NOT_FOUND',
          `decision '${decisionId}' does not exist in scenario '${scenarioId}'`,
          {
            field: 'decision',
            value: decisionId,
          },
        );
      }
      return { outcome: decision.outcome ?? null, version };
    },

    async recordEvent(actor, scenarioId, input) {
      const body = parseInput(EventCreateBody, input);
      const result = await runWrite(deps, actor, 'event.record', {}, async (trx, now) => {
        const event = await insertCheckedEvent(trx, scenarioId, body, now);
        const id = event.id;
        return {
          entity: { type: 'event', id, scenario: scenarioId },
          before: null,
          after: event,
          result: event,
        };
      });
      return done(scenarioId, result);
    },
  };
}
