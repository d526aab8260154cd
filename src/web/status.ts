/**
 * What the overview and the positions matrix both read: the scenario's status and every
 * decision with its members' effective positions, as of the view's date.
 */
import { asOfQuery, scenarioPath, useApi, useApiAll, type Loaded } from './api.ts';
import { useScenario } from './context.ts';
import type { DecisionStatus, StatusSummary } from './types.ts';

export function useStatusAndDecisions(): {
  readonly status: Loaded<StatusSummary>;
  readonly decisions: Loaded<DecisionStatus[]>;
} {
  const { scenario, asOf } = useScenario();
  const status = useApi<StatusSummary>(scenarioPath(scenario.id, `/status${asOfQuery(asOf)}`));
  const decisions = useApiAll<DecisionStatus>(
    scenario.decisionList.map((d) =>
      scenarioPath(scenario.id, `/decisions/${encodeURIComponent(d.id)}${asOfQuery(asOf)}`),
    ),
  );
  return { status, decisions };
}
