// The independent held-out evaluation corpus (see CONVENTIONS.md): generator and allow list.
import type { CorpusDocument } from '../corpus/types.js';
import { generateHeldout, type HeldoutSeed } from './generate.js';

export { HELDOUT_ALLOW } from './world.js';
export { HELDOUT_SEEDS, type HeldoutSeed } from './generate.js';

/**
 * The held-out corpus for a frozen seed: the same bytes on every run (`frozen.json` holds their
 * hashes). Pass `HELDOUT_ALLOW` as `options.allow` when submitting it, as `npm run eval` does with
 * its own corpus's main lines.
 *
 * @example const docs = await generateHeldoutCorpus({ seed: 'dev' });
 */
export async function generateHeldoutCorpus(options: {
  seed: HeldoutSeed;
}): Promise<CorpusDocument[]> {
  return (await generateHeldout(options.seed)).map((d) => d.doc);
}
