import { createAccessService, type AccessService } from './access.js';
import { createAuditService, type AuditService } from './audit-service.js';
import { createBriefingService, type BriefingService } from './briefings.js';
import type { ServiceDeps } from './context.js';
import { createFactService, type FactService } from './facts.js';
import { createForecastService, type ForecastService } from './forecast.js';
import { createRoadmapService, type RoadmapService } from './roadmaps.js';
import { createScenarioService, type ScenarioService } from './scenarios.js';

/** Every use case, wired to one database and clock. Server and CLI both call these. */
export interface Services {
  readonly scenarios: ScenarioService;
  readonly facts: FactService;
  readonly access: AccessService;
  readonly audit: AuditService;
  readonly roadmaps: RoadmapService;
  readonly forecasts: ForecastService;
  readonly briefings: BriefingService;
}

export function createServices(deps: ServiceDeps): Services {
  const scenarios = createScenarioService(deps);
  return {
    scenarios,
    facts: createFactService(deps, scenarios),
    access: createAccessService(deps),
    audit: createAuditService(deps),
    roadmaps: createRoadmapService(deps, scenarios),
    forecasts: createForecastService(deps, scenarios, deps.accessionCases ?? []),
    briefings: createBriefingService(deps, scenarios),
  };
}
