// Public entry point of the "text written by others" corpus (see CONVENTIONS.md).
export { TEXT_SEALED_SEED, TEXT_PLANS, TEXT_SEED, generateTextCorpus } from './generate.js';
export { PRESIDIO_EVALUATOR } from './presidio.js';
