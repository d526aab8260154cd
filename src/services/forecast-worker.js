// A piscina worker for forecast chunks (src/services/forecast.ts). Worker threads do not inherit
// the tsx loader that bin/accord.js (or vitest) gives the main thread, so this plain JavaScript
// entry registers tsx itself and then loads the TypeScript engine (ADR 0002).
import { register } from 'tsx/esm/api';

register();
const { runForecastChunk } = await import('../core/forecast/scenario.ts');

/** One chunk: `{ input, seed, index, runs }` → ForecastChunk (pure, seeded). */
export default function forecastChunk(task) {
  return runForecastChunk(task.input, { seed: task.seed, index: task.index, runs: task.runs });
}
