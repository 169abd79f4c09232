// Public entry point of the synthetic evaluation corpus.
export { FACILITY_PUBLIC_NUMBERS } from './facilities.js';
export { DEFAULT_DOCUMENTS, DEFAULT_SEED, generateCorpus, regressionSubset } from './generate.js';
export { formatSummary, summariseCorpus, type CorpusSummary } from './summary.js';
export type {
  CorpusDocument,
  CorpusFormat,
  DecoyKind,
  DocType,
  GenerateCorpusOptions,
  PhiTag,
  TruthPage,
  TruthWord,
} from './types.js';
