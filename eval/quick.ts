// `npx tsx eval/quick.ts`: a fast loop for detector work. OCR of each corpus page is cached in
// eval/out/ocr-cache/<seed> (or <corpus> for another registered corpus), detection and masking
// run in-process, and scoring is the same as `npm run eval`. `--seed N` scores another own
// corpus, so a rule tuned on the default one can be checked on text it has never seen;
// `--corpus heldout-dev|text|names` scores one of the other registered corpora (eval/corpora.ts)
// with its own allow list. A sealed corpus is refused: it is scored once, by `npm run eval`.
// Its figures are for development only; the reported ones come from `npm run eval` (full
// pipeline).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { parseConfig } from '../src/config/env.js';
import { paintBoxes, type RawImage } from '../src/imaging/mask.js';
import { readPage } from '../src/ocr/read-page.js';
import { TesseractPool } from '../src/ocr/tesseract-pool.js';
import { ZOcrPage, type OcrPage } from '../src/ocr/types.js';
import { documentNames, findPhi, pageNames } from '../src/phi/detect.js';
import { detectorSettingsFor, loadPhiSettings } from '../src/phi/detector.js';
import { findResidualPhi, type VerifyMode } from '../src/phi/verify.js';
import { pageMisses } from './context.js';
import { corpusRegistry } from './corpora.js';
import {
  DEFAULT_SEED,
  FACILITY_PUBLIC_NUMBERS,
  generateCorpus,
  regressionSubset,
} from './corpus/index.js';
import type { CorpusDocument } from './corpus/types.js';
import { computeMetrics, documentOutcome, type DocumentOutcome } from './metrics.js';
import { rasterise } from './rasters.js';
import { printReport } from './report.js';
import { MASKED, OVER_REDACTED, scorePage } from './score.js';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    misses: { type: 'boolean', default: false },
    verify: { type: 'string', default: 'targeted' },
    nlp: { type: 'boolean', default: false },
    subset: { type: 'boolean', default: false },
    corpus: { type: 'string', default: 'own' },
  },
});
if (!/^\d+$/.test(args.seed)) throw new Error(`--seed must be a non-negative integer`);

/** The documents to score and the allow list the service is given for them. */
async function loadCorpus(): Promise<{
  docs: CorpusDocument[];
  allow: readonly string[];
  cache: string;
}> {
  if (args.corpus === 'own') {
    const docs = await (args.subset
      ? regressionSubset()
      : generateCorpus({ seed: Number(args.seed) }));
    // The regression subset has its own fixed seed, so its pages get their own cache folder.
    return { docs, allow: FACILITY_PUBLIC_NUMBERS, cache: args.subset ? 'regression' : args.seed };
  }
  const entry = corpusRegistry({ seed: DEFAULT_SEED, regression: false }).find(
    (e) => e.name === args.corpus,
  );
  if (!entry) throw new Error(`unknown corpus ${args.corpus}`);
  if (entry.sealed) throw new Error(`corpus ${entry.name} is sealed: only npm run eval scores it`);
  const loaded = await entry.load();
  const differences = (await entry.frozen?.differences(loaded.docs)) ?? [];
  if (differences.length > 0) throw new Error(`corpus ${entry.name} no longer matches its freeze`);
  return { ...loaded, cache: entry.name };
}
const loaded = await loadCorpus();
const cacheDir = join('eval/out/ocr-cache', loaded.cache);
/** The service's default mask padding (MASK_PADDING_PX). */
const PADDING = parseConfig({}).worker.maskPaddingPx;
await mkdir(cacheDir, { recursive: true });
const corpus = loaded.docs.filter((d) => !args.only || d.id.includes(args.only));
const ocr = new TesseractPool({
  size: 2,
  model: 'best_int',
  recycleAfterPages: 100,
  timeoutMs: 300_000,
});
const detector = {
  ...detectorSettingsFor(loadPhiSettings({ packFiles: [] }), { allow: [...loaded.allow] }),
  nlp: args.nlp,
};
const outcomes: DocumentOutcome[] = [];
let verifyMs = 0;
let verifyReads = 0;
let residualFound = 0;
const residualKinds = new Map<string, number>();
const misses: string[] = [];
try {
  for (const doc of corpus) {
    const inputs = await rasterise(doc.bytes, doc.format, doc.pages);
    const words: DocumentOutcome['words'] = [];
    // Every page is read first: a name found on one page is looked for on the others.
    const read: OcrPage[] = [];
    for (const [p, truth] of doc.pages.entries()) {
      const input = inputs[p];
      if (!input) continue;
      const cache = join(cacheDir, `${doc.id}-${p}.json`);
      let page: OcrPage;
      try {
        page = ZOcrPage.parse(JSON.parse(await readFile(cache, 'utf8')));
      } catch {
        const png = await sharp(Buffer.from(input.data), {
          raw: { width: input.width, height: input.height, channels: 1 },
        })
          .png()
          .toBuffer();
        page = await readPage(
          ocr,
          png,
          { width: input.width, height: input.height, dpi: truth.dpi },
          { minDpi: 300 },
        );
        await writeFile(cache, JSON.stringify(page));
      }
      read[p] = page;
    }
    const documentDetector = {
      ...detector,
      documentNames: documentNames(read.map((page) => pageNames(page, detector))),
    };
    for (const [p, truth] of doc.pages.entries()) {
      const input = inputs[p];
      const page = read[p];
      if (!input || !page) continue;
      const masked: RawImage = { ...input, data: Buffer.from(input.data), channels: 1 };
      const entities = findPhi(page, documentDetector).entities;
      paintBoxes(
        masked,
        entities.map((e) => e.bbox),
        PADDING,
      );
      // The masked page as the mask stage stores it; verification time starts after it.
      const maskedPng = await sharp(masked.data, {
        raw: { width: masked.width, height: masked.height, channels: 1 },
      })
        .png()
        .toBuffer();
      const started = performance.now();
      const check = await findResidualPhi(ocr, maskedPng, page, entities, documentDetector, {
        mode: args.verify as VerifyMode,
        minDpi: 300,
        paddingPx: PADDING,
      });
      verifyMs += performance.now() - started;
      verifyReads += check.reread;
      residualFound += check.residual.length;
      for (const e of check.residual)
        residualKinds.set(
          `${e.category}/${e.detector}/${e.confidence}`,
          (residualKinds.get(`${e.category}/${e.detector}/${e.confidence}`) ?? 0) + 1,
        );
      paintBoxes(
        masked,
        check.residual.map((e) => e.bbox),
        PADDING,
      );
      const scored = scorePage(doc, p, input, masked, truth.words);
      words.push(...scored);
      if (args.misses) misses.push(...pageMisses(truth.words, scored));
    }
    outcomes.push(documentOutcome(doc, words));
  }
} finally {
  await ocr.close();
}
if (misses.length) console.log(misses.join('\n'));
printReport(outcomes, computeMetrics(outcomes, { masked: MASKED, overRedacted: OVER_REDACTED }), {
  masked: MASKED,
  overRedacted: OVER_REDACTED,
});
console.log(
  `verification (${args.verify}): ${residualFound} residual entities, ${verifyReads} re-reads, ${(verifyMs / 1000).toFixed(1)} s`,
);
console.log(
  [...residualKinds]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${n} ${k}`)
    .join(', '),
);
