// Freezing a generated corpus: its seed, the digests of the sources it was built from, and a
// sha256 per document (file bytes and truth), so a score always names exactly what it scored.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { CorpusDocument } from './corpus/types.js';

const ZDigests = z.object({ bytes: z.string(), truth: z.string() });

const ZFrozen = z.object({
  corpus: z.string(),
  seed: z.string(),
  /** sha256 of the external inputs (e.g. the presidio-evaluator wheel). */
  sources: z.record(z.string(), z.string()),
  documents: z.record(z.string(), ZDigests),
});
/** The content of a corpus's `frozen.json`. */
export type Frozen = z.infer<typeof ZFrozen>;

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** sha256 of a document's file and of its truth (pages as JSON). */
export function documentDigests(doc: CorpusDocument): z.infer<typeof ZDigests> {
  return { bytes: sha256(doc.bytes), truth: sha256(JSON.stringify(doc.pages)) };
}

/** What a freeze records for these documents. */
export function freeze(
  corpus: string,
  seed: string,
  sources: Record<string, string>,
  docs: readonly CorpusDocument[],
): Frozen {
  return {
    corpus,
    seed,
    sources,
    documents: Object.fromEntries(docs.map((d) => [d.id, documentDigests(d)])),
  };
}

/** Differences between a freeze and freshly generated documents (empty when they match). */
export function frozenDifferences(expected: Frozen, actual: Frozen): string[] {
  const out: string[] = [];
  if (expected.seed !== actual.seed) out.push(`seed ${actual.seed}, frozen ${expected.seed}`);
  for (const [name, digest] of Object.entries(expected.sources))
    if (actual.sources[name] !== digest) out.push(`source ${name} differs`);
  const ids = new Set([...Object.keys(expected.documents), ...Object.keys(actual.documents)]);
  for (const id of [...ids].sort()) {
    const e = expected.documents[id];
    const a = actual.documents[id];
    if (!e || !a) out.push(`${id}: ${e ? 'missing' : 'not frozen'}`);
    else if (e.bytes !== a.bytes || e.truth !== a.truth)
      out.push(`${id}: ${e.truth === a.truth ? 'bytes' : 'truth'} differ`);
  }
  return out;
}

/** Reads a `frozen.json`. */
export async function readFrozen(file: string): Promise<Frozen> {
  return ZFrozen.parse(JSON.parse(await readFile(file, 'utf8')));
}

/** Writes a `frozen.json`. */
export async function writeFrozen(file: string, frozen: Frozen): Promise<void> {
  await writeFile(file, `${JSON.stringify(frozen, null, 2)}\n`);
}
