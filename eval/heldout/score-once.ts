// Scores one frozen held-out seed through the real pipeline (HTTP API, Temporal, MinIO, worker),
// the way eval/run.ts scores its own corpus, with HELDOUT_ALLOW as `options.allow`. The sealed
// seed prints aggregate figures only and never its misses.
// `npx tsx eval/heldout/score-once.ts --seed dev|sealed [--misses FILE] [--out DIR]`
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBenchStack, startWorker } from '../../bench/lib/harness.js';
import { freePort, spawnManaged, waitUntil } from '../../scripts/lib/servers.js';
import type { SourceType } from '../../src/imaging/sniff.js';
import { TesseractPool } from '../../src/ocr/tesseract-pool.js';
import { pageMisses } from '../context.js';
import { entitiesOf, metadataLeaks, ocrLeaks, pdfTextLeaks } from '../leaks.js';
import {
  computeMetrics,
  corpusShape,
  documentOutcome,
  type DocumentOutcome,
  type Metrics,
  type Rate,
  type WordOutcome,
} from '../metrics.js';
import { rasterise } from '../rasters.js';
import { printReport } from '../report.js';
import { MASKED, OVER_REDACTED, scorePage } from '../score.js';
import { compareFrozen, hashCorpus, readFrozen } from './freeze.js';
import { generateHeldoutCorpus, HELDOUT_ALLOW, HELDOUT_SEEDS, type HeldoutSeed } from './index.js';

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: 'dev' },
    misses: { type: 'string' },
    out: { type: 'string', default: 'eval/out' },
  },
});
const seed = args.seed as HeldoutSeed;
if (!HELDOUT_SEEDS.includes(seed)) throw new Error('--seed must be dev or sealed');
if (seed === 'sealed' && args.misses) throw new Error('the sealed seed never prints its misses');

const EXTENSIONS = { png: 'png', jpeg: 'jpg', tiff: 'tiff', pdf: 'pdf' } as const;

interface JobView {
  id: string;
  status: string;
  result: { outputType: SourceType; review: string } | null;
  error: { code: string } | null;
}

const pct = (r: Rate) => `${(r.rate * 100).toFixed(2)}% (${r.hit}/${r.total})`;

/** Word recall of clean and of scanned documents (the runner reports entities only). */
function wordRecallBy(outcomes: readonly DocumentOutcome[], scanned: boolean): Rate {
  const phi = outcomes
    .filter((d) => d.scanned === scanned)
    .flatMap((d) => d.words.filter((w) => w.category));
  const hit = phi.filter((w) => w.coverage >= MASKED).length;
  return { hit, total: phi.length, rate: phi.length === 0 ? 1 : hit / phi.length };
}

function printAggregate(m: Metrics) {
  console.table(
    Object.fromEntries(
      Object.entries(m.byCategory).map(([category, r]) => [
        category,
        {
          entities: r.entities.total,
          entity_recall: r.entities.rate.toFixed(4),
          words: r.words.total,
          word_recall: r.words.rate.toFixed(4),
        },
      ]),
    ),
  );
  console.log(`
entity recall   ${pct(m.entityRecall)}   clean ${pct(m.entityRecallClean)}   scans ${pct(m.entityRecallScans)}
word recall     ${pct(m.wordRecall)}
over-redaction  ${pct(m.overRedaction)} of safe words
leaks           ${m.leaks.total} (re-OCR ${m.leaks.ocr}, PDF text layer ${m.leaks.pdfText}, metadata ${m.leaks.metadata})`);
}

const started = performance.now();
const corpus = await generateHeldoutCorpus({ seed });
const generatedSeconds = (performance.now() - started) / 1000;
const problems = compareFrozen(hashCorpus(corpus), (await readFrozen())[seed]);
if (problems.length > 0)
  throw new Error(`held-out ${seed} does not match frozen.json: ${problems.join('; ')}`);
console.log(`heldout ${seed} (frozen hashes match): ${JSON.stringify(corpusShape(corpus))}`);

const stack = await startBenchStack();
const taskQueue = `heldout-${randomUUID()}`;
const worker = await startWorker(stack.env(taskQueue));
const apiPort = await freePort();
const api = spawnManaged('api', process.execPath, ['--import', 'tsx', 'src/api/main.ts'], {
  env: stack.env(taskQueue, { API_PORT: String(apiPort) }),
  sink: () => undefined,
});
const base = `http://127.0.0.1:${apiPort}`;
const ocr = new TesseractPool({
  size: 2,
  model: 'best_int',
  recycleAfterPages: 100,
  timeoutMs: 120_000,
});
try {
  await waitUntil('API', async () => (await fetch(`${base}/health/ready`)).ok, { process: api });
  const form = new FormData();
  for (const doc of corpus)
    form.append('files', new Blob([doc.bytes]), `${doc.id}.${EXTENSIONS[doc.format]}`);
  form.append('options', JSON.stringify({ allow: HELDOUT_ALLOW }));
  const response = await fetch(`${base}/v1/jobs`, { method: 'POST', body: form });
  if (response.status !== 202) throw new Error(`submit answered ${response.status}`);
  const ids = ((await response.json()) as { jobs: Array<{ id: string }> }).jobs.map((j) => j.id);
  const submitted = performance.now();
  let views: JobView[] = [];
  for (;;) {
    const body = (await (
      await fetch(`${base}/v1/results`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ids }),
      })
    ).json()) as {
      results: JobView[];
      summary: { completed: number; failed: number; cancelled: number };
    };
    views = body.results;
    if (body.summary.completed + body.summary.failed + body.summary.cancelled === ids.length) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const pipelineSeconds = (performance.now() - submitted) / 1000;

  const outcomes: DocumentOutcome[] = [];
  const misses: string[] = [];
  for (const [i, doc] of corpus.entries()) {
    const view = views[i];
    if (!view?.result) throw new Error(`${doc.id}: job ${view?.status} ${view?.error?.code ?? ''}`);
    const output = Buffer.from(
      await (await fetch(`${base}/v1/jobs/${view.id}/result`)).arrayBuffer(),
    );
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
      if (args.misses) misses.push(...pageMisses(page.words, scored));
    });
    const entities = entitiesOf(doc.pages);
    const ocrLeaked = await ocrLeaks(ocr, outputs, doc.pages, entities);
    const pdfLeaked =
      view.result.outputType === 'pdf' ? (await pdfTextLeaks(output, entities)).leaks : [];
    const metaLeaked = metadataLeaks(output, entities);
    if (args.misses)
      for (const e of [...ocrLeaked, ...pdfLeaked, ...metaLeaked])
        misses.push(`${doc.id} LEAK ${e.category} "${e.text}"`);
    outcomes.push(
      documentOutcome(doc, words, view.result.review, {
        ocr: ocrLeaked.length,
        pdfText: pdfLeaked.length,
        metadata: metaLeaked.length,
      }),
    );
  }
  const m = computeMetrics(outcomes, { masked: MASKED, overRedacted: OVER_REDACTED });
  if (seed === 'dev') printReport(outcomes, m, { masked: MASKED, overRedacted: OVER_REDACTED });
  else printAggregate(m);
  const clean = wordRecallBy(outcomes, false);
  const scans = wordRecallBy(outcomes, true);
  console.log(`word recall     clean ${pct(clean)}   scans ${pct(scans)}`);
  if (args.misses) {
    await writeFile(args.misses, `${misses.join('\n')}\n`);
    console.log(
      `misses and over-redactions (synthetic data): ${misses.length} lines in ${args.misses}`,
    );
  }
  await mkdir(args.out, { recursive: true });
  await writeFile(
    join(args.out, `heldout-${seed}-results.json`),
    `${JSON.stringify({ seed, corpus: corpusShape(corpus), metrics: m, wordRecallClean: clean, wordRecallScans: scans, ...(seed === 'dev' && { documents: outcomes.map(({ words: _w, ...d }) => d) }), pipelineSeconds, generatedSeconds }, null, 2)}\n`,
  );
  console.log(
    `\nheldout-${seed}: entity_recall=${m.entityRecall.rate.toFixed(4)} clean=${m.entityRecallClean.rate.toFixed(4)} scans=${m.entityRecallScans.rate.toFixed(4)} ` +
      `word_recall=${m.wordRecall.rate.toFixed(4)} over_redaction=${m.overRedaction.rate.toFixed(4)} leaks=${m.leaks.total} ` +
      `documents=${outcomes.length} pages=${outcomes.reduce((n, d) => n + d.pages, 0)} generate_s=${generatedSeconds.toFixed(1)} pipeline_s=${pipelineSeconds.toFixed(1)} total_s=${((performance.now() - started) / 1000).toFixed(1)}`,
  );
} finally {
  await ocr.close();
  await api.stop();
  await worker.stop();
  await stack.stop();
}
