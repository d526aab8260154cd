/** What every page of one scenario shares: its detail, its sources, the date and member names. */
import { createContext, useContext } from 'react';
import type { ScenarioDetail, Source } from './types.ts';

export interface ScenarioContext {
  readonly scenario: ScenarioDetail;
  readonly sources: ReadonlyMap<string, Source>;
  /** The date asked for in the URL, or undefined for "today" (the server's clock). */
  readonly asOf: string | undefined;
  /** Member and candidate names by ISO code. */
  readonly names: ReadonlyMap<string, string>;
}

export const Scenario = createContext<ScenarioContext | null>(null);

export function useScenario(): ScenarioContext {
  const value = useContext(Scenario);
  if (value === null) throw new Error('useScenario outside a scenario view');
  return value;
}

export function nameOf(names: ReadonlyMap<string, string>, iso2: string): string {
  return names.get(iso2) ?? iso2;
}
