/**
 * Generating a large synthetic scenario and storing it: one transaction, one audit entry. The
 * entry records the generator's options and the counts, not the scenario itself (a million
 * positions would make one enormous audit row; the options reproduce it exactly).
 */
import { AccordError, formatProblem } from '../core/errors.js';
import {
  generateScenario,
  mulberry32,
  seedFromText,
  type GenerateOptions,
} from '../core/generate.js';
import type { Scenario } from '../core/types.js';
import { validateScenario } from '../core/validate.js';
import { deleteScenario, getScenarioVersion, insertScenario } from '../db/scenario-repository.js';
import type { Actor, ServiceDeps } from './context.js';
import { runWrite } from './write.js';

export type GeneratePhase = 'generating' | 'inserting' | 'done';

export interface GenerateResult {
  readonly id: string;
  readonly version: number;
  readonly replaced: boolean;
  readonly counts: Readonly<Record<string, number>>;
  /** Milliseconds spent building the scenario in memory, and writing it. */
  readonly generateMs: number;
  readonly insertMs: number;
}

export interface GenerateRequest extends GenerateOptions {
  readonly replace?: boolean | undefined;
}

export function generatedCounts(s: Scenario): Record<string, number> {
  const roadmap = s.roadmaps[0];
  return {
    members: s.members.length,
    candidates: s.candidates.length,
    decisions: s.decisions.length,
    conditions: s.conditions.length,
    positions: s.positions.length,
    benchmarks: roadmap?.benchmarks.length ?? 0,
    dependencies: roadmap?.dependencies.length ?? 0,
  };
}

/**
 * Build the scenario from the seed and insert it. `onPhase` is told when each phase starts, so
 * the CLI can show progress; `invalidate` lets a caller drop its cached copy of the id.
 */
export async function generateAndStore(
  deps: ServiceDeps,
  actor: Actor,
  request: GenerateRequest,
  onPhase: (phase: GeneratePhase) => void = () => undefined,
  invalidate: (id: string) => void = () => undefined,
): Promise<GenerateResult> {
  onPhase('generating');
  const t0 = performance.now();
  const options: GenerateOptions = {
    id: request.id,
    members: request.members,
    candidates: request.candidates,
    benchmarks: request.benchmarks,
    positions: request.positions,
    seed: request.seed,
  };
  const scenario = generateScenario(options, mulberry32(seedFromText(request.seed)));
  // Valid by construction, but checked anyway: the full validation costs about 0.6 s for a
  // million positions (measured), little next to the insert, and a generator bug must not
  // store a scenario the rest of Accord would reject on import.
  const problems = validateScenario(scenario);
  if (problems.length > 0) {
    const first = problems.slice(0, 5).map(formatProblem);
    throw new AccordError(
      'SCENARIO_INVALID',
      `the generator produced an invalid scenario (a bug): ${first.join('; ')}`,
      { problems: problems.slice(0, 100) },
    );
  }
  const counts = generatedCounts(scenario);
  const t1 = performance.now();
  onPhase('inserting');
  const outcome = await runWrite(deps, actor, 'scenario.import', {}, async (trx, now) => {
    const existing = await getScenarioVersion(trx, scenario.id);
    if (existing !== undefined && request.replace !== true) {
      throw new AccordError(
        'ALREADY_EXISTS',
        `scenario '${scenario.id}' already exists; pass --replace to overwrite it`,
        { field: 'id', value: scenario.id, version: existing },
      );
    }
    if (existing !== undefined) await deleteScenario(trx, scenario.id);
    const version = (existing ?? 0) + 1;
    await insertScenario(trx, scenario, now, version);
    return {
      entity: { type: 'scenario', id: scenario.id, scenario: scenario.id },
      before: existing === undefined ? null : { version: existing },
      after: { version, generated: options, counts },
      result: { version, replaced: existing !== undefined },
    };
  });
  invalidate(scenario.id);
  const t2 = performance.now();
  onPhase('done');
  return {
    id: scenario.id,
    ...outcome,
    counts,
    generateMs: Math.round(t1 - t0),
    insertMs: Math.round(t2 - t1),
  };
}
