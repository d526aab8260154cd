import type { ServiceDeps } from './context.js';
import { createScenarioService, type ScenarioService } from './scenarios.js';

/** Every use case, wired to one database and clock. Server and CLI both call these. */
export interface Services {
  readonly scenarios: ScenarioService;
}

export function createServices(deps: ServiceDeps): Services {
  return { scenarios: createScenarioService(deps) };
}
