/**
 * The built-in scenarios shipped in `scenarios/`: loaded into an empty database on first start.
 * The files are read by the caller (an edge), so this stays free of file-system details.
 */
import { isAccordError } from '../core/errors.js';
import type { Actor } from './context.js';
import type { ImportResult, ScenarioService } from './scenarios.js';

export interface ScenarioFile {
  readonly name: string;
  readonly text: string;
}

/** Import every file whose scenario is not in the database yet. Returns what was imported. */
export async function loadBuiltins(
  service: ScenarioService,
  actor: Actor,
  files: readonly ScenarioFile[],
): Promise<ImportResult[]> {
  const existing = new Set((await service.list()).map((s) => s.id));
  const imported: ImportResult[] = [];
  for (const file of files) {
    const result = await service
      .importText(actor, file.text, file.name, { replace: false })
      .catch((error: unknown) => {
        // A built-in already in the database stays as it is (it may have been edited since).
        if (isAccordError(error) && error.code === 'ALREADY_EXISTS') return undefined;
        throw error;
      });
    if (result !== undefined && !existing.has(result.id)) imported.push(result);
  }
  return imported;
}
