// `npm run eval`: runs every registered corpus (eval/corpora.ts) through the real pipeline (HTTP
// API, Temporal, MinIO, worker) in one stack, and scores recall, over-redaction and leaks.
//   --corpus a,b      corpora to run (default: all; own, heldout-dev, heldout-sealed, text, text-sealed, names)
//   --seed N          own corpus seed (default: the generator's)   --documents N  own corpus size
//   --regression      the own corpus's small fixed subset only
//   --show-misses     print missed words (synthetic PHI), never for a sealed corpus
//   --out DIR         where results.json and evaluation.md go (default eval/out)
//   --markdown FILE   also write the Markdown tables there
//   --docs            also put them, with the machine, in docs/evaluation.md (eval:latest block)
//   --ocr-engine E    the pipeline's OCR engine: tesseract (default) or tesseract-native
// The API it starts has registration open; the run registers one account and uses its key.
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { machineLine, writeBlock } from '../scripts/lib/generated-docs.js';
import { TesseractPool } from '../src/ocr/tesseract-pool.js';
import { ocrEngineEnv, startApi, startBenchStack, startWorker } from '../bench/lib/harness.js';
import { ApiClient, type JobView } from './api-client.js';
import { pageMisses } from './context.js';
import { corpusRegistry, OWN_DEFAULT_SEED, type CorpusEntry } from './corpora.js';
import type { CorpusDocument } from './corpus/types.js';
import { entitiesOf, metadataLeaks, ocrLeaks, pdfTextLeaks } from './leaks.js';
import {
  computeMetrics,
  corpusShape,
  documentOutcome,
  type DocumentOutcome,
  type WordOutcome,
} from './metrics.js';
import { rasterise } from './rasters.js';
import {
  markdownReport,
  markdownTable,
  perTypeTable,
  pickColumns,
  printReport,
  summaryTable,
  textTable,
  type CorpusResult,
} from './report.js';
import { MASKED, OVER_REDACTED, scorePage } from './score.js';

const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string' },
    seed: { type: 'string', default: String(OWN_DEFAULT_SEED) },
    documents: { type: 'string' },
    regression: { type: 'boolean', default: false },
    'show-misses': { type: 'boolean', default: false },
    out: { type: 'string', default: 'eval/out' },
    markdown: { type: 'string' },
    docs: { type: 'boolean', default: false },
    'ocr-engine': { type: 'string', default: 'tesseract' },
  },
});

const EXTENSIONS: Record<CorpusDocument['format'], string> = {
  png: 'png',
  jpeg: 'jpg',
  tiff: 'tiff',
  pdf: 'pdf',
};
const THRESHOLDS = { masked: MASKED, overRedacted: OVER_REDACTED };
/** The README's table: the headline figures of each corpus (docs/evaluation.md has them all). */
const README_COLUMNS = [
  'corpus',
  'pages',
  'entity recall',
  'word recall',
  'over-redaction',
  'leaks (re-OCR / PDF text / metadata)',
];

const engineEnv = await ocrEngineEnv(args['ocr-engine']);
const started = performance.now();
const machine = machineLine();
const registry = corpusRegistry({
  seed: Number(args.seed),
  ...(args.documents && { documents: Number(args.documents) }),
  regression: args.regression,
});
const wanted = args.corpus?.split(',').map((c) => c.trim());
const unknown = wanted?.filter((w) => !registry.some((e) => e.name === w)) ?? [];
if (unknown.length > 0)
  throw new Error(
    `unknown corpus ${unknown.join(', ')}; known: ${registry.map((e) => e.name).join(', ')}`,
  );

interface Run {
  entry: CorpusEntry;
  docs: CorpusDocument[];
  allow: readonly string[];
  frozen: boolean;
  ids: string[];
}

/** Loads a corpus and checks it against its freeze. */
async function load(entry: CorpusEntry): Promise<Omit<Run, 'ids'>> {
  const loaded = await entry.load();
  let frozen = false;
  if (entry.frozen) {
    const differences = await entry.frozen.differences(loaded.docs);
    if (differences.length > 0)
      throw new Error(
        `corpus ${entry.name} no longer matches ${entry.frozen.file} (${differences.slice(0, 5).join('; ')}); ` +
          `re-freeze only on purpose: npx tsx eval/freeze.ts ${entry.name}`,
      );
    frozen = true;
  }
  console.log(
    `corpus ${entry.name}: ${JSON.stringify(corpusShape(loaded.docs))}${frozen ? ' frozen: ok' : ''}`,
  );
  return { entry, docs: loaded.docs, allow: loaded.allow, frozen };
}

const runs: Run[] = [];
for (const entry of registry.filter((e) => !wanted || wanted.includes(e.name))) {
  runs.push({ ...(await load(entry)), ids: [] });
}
if (runs.length === 0) throw new Error('no corpus to run');

const stack = await startBenchStack();
const taskQueue = `eval-${randomUUID()}`;
const serviceEnv = stack.env(taskQueue, engineEnv);
const worker = await startWorker(serviceEnv);
const api = await startApi(serviceEnv);
const client = new ApiClient({ baseUrl: api.base, apiKey: api.apiKey });
const ocr = new TesseractPool({
  size: 2,
  model: 'best_int',
  recycleAfterPages: 100,
  timeoutMs: 120_000,
});

/** Scores one document's output: word coverage, and leaks by re-OCR, PDF text and metadata. */
async function scoreDocument(
  doc: CorpusDocument,
  view: JobView | undefined,
  misses: string[] | undefined,
): Promise<DocumentOutcome> {
  if (!view?.result)
    throw new Error(`${doc.id}: job ${view?.id} ${view?.status} ${view?.error?.code ?? ''}`);
  const output = await client.download(view.id);
  const [inputs, outputs] = await Promise.all([
    rasterise(doc.bytes, doc.format, doc.pages),
    rasterise(output, view.result.outputType, doc.pages),
  ]);
  const words: WordOutcome[] = [];
  doc.pages.forEach((page, p) => {
    const input = inputs[p];
    const masked = outputs[p];
    if (!input || !masked) throw new Error(`${doc.id}: page ${p + 1} missing from the output`);
    const scored = scorePage(doc, p, input, masked, page.words);
    words.push(...scored);
    misses?.push(...pageMisses(page.words, scored));
  });
  const entities = entitiesOf(doc.pages);
  const ocrLeaked = await ocrLeaks(ocr, outputs, doc.pages, entities);
  const pdfLeaked =
    view.result.outputType === 'pdf' ? (await pdfTextLeaks(output, entities)).leaks : [];
  const metaLeaked = metadataLeaks(output, entities);
  for (const e of [...ocrLeaked, ...pdfLeaked, ...metaLeaked])
    misses?.push(`${doc.id} LEAK ${e.category} "${e.text}"`);
  return documentOutcome(doc, words, view.result.review, {
    ocr: ocrLeaked.length,
    pdfText: pdfLeaked.length,
    metadata: metaLeaked.length,
  });
}

try {
  // Submit every corpus through the HTTP API, as a client would, each with its own allow list;
  // the stack then works on all of them at once.
  for (const run of runs) {
    const files = run.docs.map((d) => ({
      name: `${d.id}.${EXTENSIONS[d.format]}`,
      bytes: d.bytes,
    }));
    run.ids = await client.submit(files, { allow: run.allow });
  }
  const submitted = performance.now();
  const views = await client.waitForAll(runs.flatMap((r) => r.ids));
  const pipelineSeconds = (performance.now() - submitted) / 1000;
  const byId = new Map(views.map((v) => [v.id, v]));

  const results: CorpusResult[] = [];
  const details: Record<string, unknown> = {};
  const machineLines: string[] = [];
  for (const run of runs) {
    const misses = args['show-misses'] && !run.entry.sealed ? [] : undefined;
    const outcomes: DocumentOutcome[] = [];
    for (const [i, doc] of run.docs.entries())
      outcomes.push(await scoreDocument(doc, byId.get(run.ids[i] ?? ''), misses));
    const metrics = computeMetrics(outcomes, THRESHOLDS);
    const shape = corpusShape(run.docs);
    console.log(`\n=== corpus ${run.entry.name}${run.entry.sealed ? ' (sealed)' : ''}`);
    // A sealed corpus shows only its totals: per-document figures would point at what to tune.
    if (!run.entry.sealed) printReport(outcomes, metrics, THRESHOLDS);
    if (misses && misses.length > 0)
      console.log(`\nmisses and over-redactions (synthetic data):\n  ${misses.join('\n  ')}`);
    results.push({
      name: run.entry.name,
      sealed: run.entry.sealed,
      frozen: run.frozen,
      documents: outcomes.length,
      pages: shape.pages,
      metrics,
    });
    details[run.entry.name] = {
      corpus: shape,
      sealed: run.entry.sealed,
      frozen: run.frozen,
      metrics,
      ...(!run.entry.sealed && { documents: outcomes.map(({ words: _w, ...d }) => d) }),
    };
    const m = metrics;
    machineLines.push(
      `eval: corpus=${run.entry.name} entity_recall=${m.entityRecall.rate.toFixed(4)} clean=${m.entityRecallClean.rate.toFixed(4)} scans=${m.entityRecallScans.rate.toFixed(4)} ` +
        `word_recall=${m.wordRecall.rate.toFixed(4)} over_redaction=${m.overRedaction.rate.toFixed(4)} leaks=${m.leaks.total} ` +
        `documents=${outcomes.length} pages=${shape.pages}`,
    );
  }
  const totalSeconds = (performance.now() - started) / 1000;
  console.log(`\nall corpora\n${textTable(summaryTable(results))}`);
  console.log(`\nentity recall per PHI type\n${textTable(perTypeTable(results))}`);

  await mkdir(args.out, { recursive: true });
  await writeFile(
    join(args.out, args.regression ? 'regression-results.json' : 'results.json'),
    `${JSON.stringify({ corpora: details, pipelineSeconds, totalSeconds }, null, 2)}\n`,
  );
  const date = new Date().toISOString().slice(0, 10);
  const markdown = markdownReport(results, {
    date,
    command: `npm run eval${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    seconds: totalSeconds,
  });
  await writeFile(join(args.out, 'evaluation.md'), markdown);
  if (args.markdown) await writeFile(args.markdown, markdown);
  if (args.docs) {
    await writeBlock('docs/evaluation.md', 'eval:latest', `${markdown}\n${machine}`);
    const headline = pickColumns(summaryTable(results), README_COLUMNS);
    await writeBlock(
      'README.md',
      'eval:summary',
      `${markdownTable(headline)}\n\n${date}. ${machine}`,
    );
  }

  console.log(
    `\n${machineLines.join('\n')}\neval: pipeline_s=${pipelineSeconds.toFixed(1)} total_s=${totalSeconds.toFixed(1)}`,
  );
} finally {
  await ocr.close();
  await api.process.stop();
  await worker.stop();
  await stack.stop();
}
