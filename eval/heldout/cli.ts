// Writes the held-out corpus (files + <id>.truth.json) and checks or records its frozen hashes.
// `npx tsx eval/heldout/cli.ts --seed dev|sealed --out DIR [--check-frozen] [--freeze] [--only h07]`
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { truthJson } from '../corpus/truth-file.js';
import { compareFrozen, FROZEN_PATH, hashCorpus, readFrozen } from './freeze.js';
import { generateHeldout, HELDOUT_SEEDS, type HeldoutSeed } from './generate.js';

const EXTENSIONS = { png: 'png', jpeg: 'jpg', tiff: 'tif', pdf: 'pdf' } as const;

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: 'dev' },
    out: { type: 'string' },
    'check-frozen': { type: 'boolean', default: false },
    freeze: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const seed = values.seed as HeldoutSeed;
if (!HELDOUT_SEEDS.includes(seed))
  throw new Error(`--seed must be one of ${HELDOUT_SEEDS.join(', ')}`);

const started = performance.now();
const docs = (await generateHeldout(seed, values.only)).map((d) => d.doc);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (values.out) {
  await mkdir(values.out, { recursive: true });
  for (const doc of docs) {
    await writeFile(path.join(values.out, `${doc.id}.${EXTENSIONS[doc.format]}`), doc.bytes);
    await writeFile(path.join(values.out, `${doc.id}.truth.json`), truthJson(doc));
  }
}
const hashes = hashCorpus(docs);
console.log(
  `heldout ${seed}: ${hashes.documents} documents, ${hashes.pages} pages, generated in ${seconds} s; corpus sha256 ${hashes.corpus}`,
);
if (values.freeze) {
  if (values.only) throw new Error('--freeze needs the whole corpus (no --only)');
  const frozen = await readFrozen();
  await writeFile(
    FROZEN_PATH,
    `${JSON.stringify({ ...frozen, [seed]: { seed, ...hashes } }, null, 2)}\n`,
  );
  console.log(`froze ${seed} in ${FROZEN_PATH.pathname}`);
}
if (values['check-frozen']) {
  const frozen = (await readFrozen())[seed];
  const subset =
    values.only && frozen
      ? { ...frozen, files: frozen.files.filter((f) => f.id.startsWith(values.only ?? '')) }
      : frozen;
  const problems = values.only
    ? compareFrozen(
        hashes,
        subset && { ...subset, documents: subset.files.length, corpus: hashes.corpus },
      )
    : compareFrozen(hashes, frozen);
  if (problems.length > 0) {
    console.error(`frozen check FAILED:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  } else console.log('frozen check: every file and truth hash matches frozen.json');
}
