// The corpora `npm run eval` scores: how each is generated, what the service is told to allow,
// whether it is sealed (its misses are never printed), and where its freeze is kept.
import { join } from 'node:path';
import { PROJECT_ROOT } from '../scripts/lib/tools.js';
import {
  DEFAULT_SEED,
  FACILITY_PUBLIC_NUMBERS,
  generateCorpus,
  regressionSubset,
} from './corpus/index.js';
import type { CorpusDocument } from './corpus/types.js';
import { freeze, type Frozen } from './frozen.js';
import { NAME_PROBE_SEED, generateNameProbe } from './name-probe/index.js';
import { PRESIDIO_EVALUATOR, TEXT_SEED, generateTextCorpus } from './text-corpus/index.js';

/** A loaded corpus, or why it is not available on this checkout. */
export type Loaded = { docs: CorpusDocument[]; allow: readonly string[] } | { missing: string };

/** One registered corpus. */
export interface CorpusEntry {
  name: string;
  /** Sealed corpora are scored but their misses are never printed (they must not be tuned on). */
  sealed: boolean;
  load(): Promise<Loaded>;
  /** Where its freeze is kept, and what a freeze of freshly generated documents records. */
  frozen?: { file: string; record(docs: readonly CorpusDocument[]): Frozen };
}

/** Options of the own corpus (`--seed`, `--documents`, `--regression`). */
export interface OwnCorpusOptions {
  seed: number;
  documents?: number;
  regression: boolean;
}

/** What eval/heldout/index.ts exports (written on another branch). */
interface HeldoutModule {
  generateHeldoutCorpus(options: { seed: 'dev' | 'sealed' }): Promise<CorpusDocument[]>;
  HELDOUT_ALLOW: string[];
}

const isHeldoutModule = (m: unknown): m is HeldoutModule =>
  typeof m === 'object' &&
  m !== null &&
  typeof (m as Partial<HeldoutModule>).generateHeldoutCorpus === 'function' &&
  Array.isArray((m as Partial<HeldoutModule>).HELDOUT_ALLOW);

/**
 * The held-out generator, loaded only when eval/heldout/ is present. The specifier is a value,
 * not a literal, so this branch type-checks without it; at merge it can become a static import.
 */
async function heldout(seed: 'dev' | 'sealed'): Promise<Loaded> {
  const specifier = './heldout/index.js';
  let module: unknown;
  try {
    module = await import(specifier);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND')
      return { missing: 'eval/heldout/index.ts is not on this checkout' };
    throw err;
  }
  if (!isHeldoutModule(module))
    throw new Error(
      'eval/heldout/index.ts does not export generateHeldoutCorpus and HELDOUT_ALLOW',
    );
  return { docs: await module.generateHeldoutCorpus({ seed }), allow: module.HELDOUT_ALLOW };
}

/** Every corpus, in report order. */
export function corpusRegistry(own: OwnCorpusOptions): CorpusEntry[] {
  return [
    {
      name: 'own',
      sealed: false,
      load: async () => ({
        docs: own.regression
          ? await regressionSubset()
          : await generateCorpus({
              seed: own.seed,
              ...(own.documents !== undefined && { documents: own.documents }),
            }),
        allow: FACILITY_PUBLIC_NUMBERS,
      }),
    },
    { name: 'heldout-dev', sealed: false, load: () => heldout('dev') },
    { name: 'heldout-sealed', sealed: true, load: () => heldout('sealed') },
    {
      name: 'text',
      sealed: false,
      load: async () => ({ docs: await generateTextCorpus({ seed: TEXT_SEED }), allow: [] }),
      frozen: {
        file: join(PROJECT_ROOT, 'eval/text-corpus/frozen.json'),
        record: (docs) =>
          freeze(
            'text',
            String(TEXT_SEED),
            { [PRESIDIO_EVALUATOR.wheel]: PRESIDIO_EVALUATOR.sha256 },
            docs,
          ),
      },
    },
    {
      name: 'names',
      sealed: false,
      load: async () => ({ docs: await generateNameProbe({ seed: NAME_PROBE_SEED }), allow: [] }),
      frozen: {
        file: join(PROJECT_ROOT, 'eval/name-probe/frozen.json'),
        record: (docs) =>
          freeze(
            'names',
            String(NAME_PROBE_SEED),
            { [PRESIDIO_EVALUATOR.wheel]: PRESIDIO_EVALUATOR.sha256 },
            docs,
          ),
      },
    },
  ];
}

/** The own corpus's default seed, for option parsing. */
export const OWN_DEFAULT_SEED = DEFAULT_SEED;
