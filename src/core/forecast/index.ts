/** The forecast engine: seeded sampling, roadmap Monte Carlo, accession timing (docs/forecasting.md). */
export * from './rng.js';
export * from './durations.js';
export * from './simulate.js';
export * from './ratification.js';
export * from './members.js';
export * from './scenario.js';
