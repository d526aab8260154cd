/**
 * What every single-fact write shares: the scenario to check it against (without its positions,
 * which can run to millions), the scenario's own rules applied to the one new entry, and readable
 * ids for new facts.
 */
import type { Kysely } from 'kysely';
import { AccordError, type Problem } from '../core/errors.js';
import type { Scenario } from '../core/types.js';
import { validateScenario } from '../core/validate.js';
import { loadScenario } from '../db/scenario-repository.js';
import type { Database } from '../db/schema.js';

/** The scenario a write is checked against, positions left out; NOT_FOUND when there is none. */
export async function scenarioForWrite(db: Kysely<Database>, id: string): Promise<Scenario> {
  const s = await loadScenario(db, id, { positions: false });
  if (s === undefined) {
    throw new AccordError('NOT_FOUND', `scenario '${id}' does not exist`, {
      field: 'scenario',
      value: id,
    });
  }
  return s;
}

/** Problems of one entry of a scenario, with the entry's path prefix removed (`member: …`). */
export function problemsAt(s: Scenario, prefix: string): Problem[] {
  return validateScenario(s)
    .filter((p) => p.path === prefix || p.path.startsWith(`${prefix}.`))
    .map((p) => ({ ...p, path: p.path.slice(prefix.length + 1) }));
}

/** Refuse the write, naming every field that is wrong. */
export function rejectProblems(problems: readonly Problem[]): void {
  if (problems.length === 0) return;
  const lines = problems.map((p) => (p.path === '' ? p.message : `${p.path}: ${p.message}`));
  throw new AccordError('VALIDATION_FAILED', lines.join('; '), { problems });
}

/** A readable, unique id for a new fact: `pl-membership-timeline-2023-07-10`, then `-2`, `-3`. */
export function freshId(base: string, taken: ReadonlySet<string>): string {
  const clean = base
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 72);
  if (!taken.has(clean)) return clean;
  for (let n = 2; ; n++) if (!taken.has(`${clean}-${n}`)) return `${clean}-${n}`;
}
