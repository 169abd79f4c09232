// Workflow entry point for the worker's bundler.
export { redactDocument } from './redact-document.js';
export { redactPages } from './redact-pages.js';
export { sweepExpiredResults } from './sweep-results.js';
