// The corpora `npm run eval` scores: how each is generated, what the service is told to allow,
// whether it is sealed (its misses are never printed), and where its freeze is kept.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../scripts/lib/tools.js';
import {
  DEFAULT_SEED,
  FACILITY_PUBLIC_NUMBERS,
  generateCorpus,
  regressionSubset,
} from './corpus/index.js';
import type { CorpusDocument } from './corpus/types.js';
import { freeze, frozenDifferences, readFrozen, writeFrozen, type Frozen } from './frozen.js';
import {
  compareFrozen,
  FROZEN_PATH as HELDOUT_FROZEN_PATH,
  hashCorpus,
  readFrozen as readHeldoutFrozen,
} from './heldout/freeze.js';
import { generateHeldoutCorpus, HELDOUT_ALLOW, type HeldoutSeed } from './heldout/index.js';
import { NAME_PROBE_SEED, generateNameProbe } from './name-probe/index.js';
import {
  PRESIDIO_EVALUATOR,
  TEXT_SEALED_SEED,
  TEXT_SEED,
  generateTextCorpus,
} from './text-corpus/index.js';

/** A loaded corpus. */
export type Loaded = { docs: CorpusDocument[]; allow: readonly string[] };

/** One registered corpus. */
export interface CorpusEntry {
  name: string;
  /** Sealed corpora are scored but their misses are never printed (they must not be tuned on). */
  sealed: boolean;
  load(): Promise<Loaded>;
  /** Where its freeze is kept, and what a freeze of freshly generated documents records. */
  frozen?: FrozenCheck;
}

/** How a frozen corpus is checked against its recorded hashes, and re-frozen on purpose. */
export interface FrozenCheck {
  file: string;
  /** Differences from the freeze; empty when the generated documents match it. */
  differences(docs: readonly CorpusDocument[]): Promise<string[]>;
  /** Records these documents as the freeze (`npx tsx eval/freeze.ts NAME`). */
  write(docs: readonly CorpusDocument[]): Promise<void>;
}

/** A freeze in eval/frozen.ts's format. */
function frozenFile(
  file: string,
  record: (docs: readonly CorpusDocument[]) => Frozen,
): FrozenCheck {
  return {
    file,
    differences: async (docs) => frozenDifferences(await readFrozen(file), record(docs)),
    write: (docs) => writeFrozen(file, record(docs)),
  };
}

/** The held-out generator's own freeze, both seeds in one file (eval/heldout/freeze.ts). */
function heldoutFrozen(seed: HeldoutSeed): FrozenCheck {
  return {
    file: fileURLToPath(HELDOUT_FROZEN_PATH),
    differences: async (docs) => compareFrozen(hashCorpus(docs), (await readHeldoutFrozen())[seed]),
    write: () =>
      Promise.reject(
        new Error(`re-freeze with: npx tsx eval/heldout/cli.ts --seed ${seed} --freeze`),
      ),
  };
}

/** Options of the own corpus (`--seed`, `--documents`, `--regression`). */
export interface OwnCorpusOptions {
  seed: number;
  documents?: number;
  regression: boolean;
}

/** The held-out corpus of one frozen seed (its freeze is checked by eval/heldout/freeze.ts). */
async function heldout(seed: HeldoutSeed): Promise<Loaded> {
  return { docs: await generateHeldoutCorpus({ seed }), allow: HELDOUT_ALLOW };
}

/** The text corpus of one seed, frozen in `eval/text-corpus/<file>`. */
function textCorpus(name: string, seed: number, file: string, sealed: boolean): CorpusEntry {
  return {
    name,
    sealed,
    load: async () => ({ docs: await generateTextCorpus({ seed }), allow: [] }),
    frozen: frozenFile(join(PROJECT_ROOT, 'eval/text-corpus', file), (docs) =>
      freeze(name, String(seed), { [PRESIDIO_EVALUATOR.wheel]: PRESIDIO_EVALUATOR.sha256 }, docs),
    ),
  };
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
    {
      name: 'heldout-dev',
      sealed: false,
      load: () => heldout('dev'),
      frozen: heldoutFrozen('dev'),
    },
    {
      name: 'heldout-sealed',
      sealed: true,
      load: () => heldout('sealed'),
      frozen: heldoutFrozen('sealed'),
    },
    textCorpus('text', TEXT_SEED, 'frozen.json', false),
    textCorpus('text-sealed', TEXT_SEALED_SEED, 'frozen-sealed.json', true),
    {
      name: 'names',
      sealed: false,
      load: async () => ({ docs: await generateNameProbe({ seed: NAME_PROBE_SEED }), allow: [] }),
      frozen: frozenFile(join(PROJECT_ROOT, 'eval/name-probe/frozen.json'), (docs) =>
        freeze(
          'names',
          String(NAME_PROBE_SEED),
          { [PRESIDIO_EVALUATOR.wheel]: PRESIDIO_EVALUATOR.sha256 },
          docs,
        ),
      ),
    },
  ];
}

/** The own corpus's default seed, for option parsing. */
export const OWN_DEFAULT_SEED = DEFAULT_SEED;
