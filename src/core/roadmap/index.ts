/** The roadmap's pure domain, in one import for storage, services and the CLI. */
export * from './types.js';
export * from './history.js';
export * from './graph.js';
export * from './validate.js';
export * from './schedule.js';
export * from './progress.js';
export * from './verification.js';
export * from './gates.js';
export * from './conditions.js';
export * from './divergence.js';
export * from './timeline.js';
export * from './review.js';
export * from './compare.js';
