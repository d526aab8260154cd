export { extractFacts } from './extract.js';
export { findDates, type DateMention } from './dates.js';
export * from './types.js';
