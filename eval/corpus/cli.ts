// Writes the corpus to disk: `npx tsx eval/corpus/cli.ts [--out eval/out/corpus] [--seed N] [--documents N]`.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DOCUMENTS, DEFAULT_SEED, generateCorpus } from './generate.js';
import { formatSummary, summariseCorpus } from './summary.js';
import { truthJson } from './truth-file.js';

const EXTENSIONS = { png: 'png', jpeg: 'jpg', tiff: 'tif', pdf: 'pdf' } as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'eval/out/corpus' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      documents: { type: 'string', default: String(DEFAULT_DOCUMENTS) },
    },
  });
  const seed = Number(values.seed);
  const documents = Number(values.documents);
  if (!Number.isInteger(seed) || !Number.isInteger(documents) || documents < 1) {
    throw new Error('--seed and --documents must be integers (documents >= 1)');
  }
  const started = performance.now();
  const corpus = await generateCorpus({ seed, documents });
  await mkdir(values.out, { recursive: true });
  for (const doc of corpus) {
    await writeFile(path.join(values.out, `${doc.id}.${EXTENSIONS[doc.format]}`), doc.bytes);
    await writeFile(path.join(values.out, `${doc.id}.truth.json`), truthJson(doc));
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`corpus seed ${seed} -> ${values.out} (${seconds} s)`);
  console.log(formatSummary(summariseCorpus(corpus)));
}

await main();
