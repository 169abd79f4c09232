// `npm run eval`: runs the labelled synthetic corpus through the real pipeline (HTTP API, Temporal,
// MinIO, worker) and scores recall, over-redaction and leaks. Options:
//   --seed N          corpus seed (default: the generator's)        --documents N   corpus size (default: generator's)
//   --regression      the small fixed subset only     --show-misses   print missed words (synthetic PHI)
//   --out DIR         where results.json goes (default eval/out)
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, spawnManaged, waitUntil } from '../scripts/lib/servers.js';
import { TesseractPool } from '../src/ocr/tesseract-pool.js';
import type { SourceType } from '../src/imaging/sniff.js';
import { startBenchStack, startWorker } from '../bench/lib/harness.js';
import {
  DEFAULT_SEED,
  FACILITY_PUBLIC_NUMBERS,
  generateCorpus,
  regressionSubset,
} from './corpus/index.js';
import type { CorpusDocument } from './corpus/types.js';
import { pageMisses } from './context.js';
import { entitiesOf, metadataLeaks, ocrLeaks, pdfTextLeaks } from './leaks.js';
import {
  computeMetrics,
  corpusShape,
  documentOutcome,
  type DocumentOutcome,
  type WordOutcome,
} from './metrics.js';
import { rasterise } from './rasters.js';
import { printReport } from './report.js';
import { MASKED, OVER_REDACTED, scorePage } from './score.js';

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    documents: { type: 'string' },
    regression: { type: 'boolean', default: false },
    'show-misses': { type: 'boolean', default: false },
    out: { type: 'string', default: 'eval/out' },
  },
});

const EXTENSIONS: Record<CorpusDocument['format'], string> = {
  png: 'png',
  jpeg: 'jpg',
  tiff: 'tiff',
  pdf: 'pdf',
};

interface JobView {
  id: string;
  status: string;
  result: { outputType: SourceType; review: string } | null;
  error: { code: string } | null;
}

const started = performance.now();
const corpus = args.regression
  ? await regressionSubset()
  : await generateCorpus({
      seed: Number(args.seed),
      ...(args.documents && { documents: Number(args.documents) }),
    });
console.log(`corpus: ${JSON.stringify(corpusShape(corpus))}`);

const stack = await startBenchStack();
const taskQueue = `eval-${randomUUID()}`;
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

  // Submit through the HTTP API, as a client would; the facility's public main lines are allowed.
  const ids: string[] = [];
  for (let i = 0; i < corpus.length; i += 50) {
    const form = new FormData();
    for (const doc of corpus.slice(i, i + 50))
      form.append('files', new Blob([doc.bytes]), `${doc.id}.${EXTENSIONS[doc.format]}`);
    form.append('options', JSON.stringify({ allow: FACILITY_PUBLIC_NUMBERS }));
    const response = await fetch(`${base}/v1/jobs`, { method: 'POST', body: form });
    if (response.status !== 202)
      throw new Error(`submit answered ${response.status}: ${await response.text()}`);
    ids.push(...((await response.json()) as { jobs: Array<{ id: string }> }).jobs.map((j) => j.id));
  }
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
    if (!view?.result)
      throw new Error(`${doc.id}: job ${view?.id} ${view?.status} ${view?.error?.code ?? ''}`);
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
      if (args['show-misses']) misses.push(...pageMisses(page.words, scored));
    });
    const entities = entitiesOf(doc.pages);
    const ocrLeaked = await ocrLeaks(ocr, outputs, doc.pages, entities);
    const pdfLeaked =
      view.result.outputType === 'pdf' ? (await pdfTextLeaks(output, entities)).leaks : [];
    const metaLeaked = metadataLeaks(output, entities);
    if (args['show-misses'])
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
  const metrics = computeMetrics(outcomes, { masked: MASKED, overRedacted: OVER_REDACTED });
  printReport(outcomes, metrics, { masked: MASKED, overRedacted: OVER_REDACTED });
  if (misses.length > 0)
    console.log(`\nmisses and over-redactions (synthetic data):\n  ${misses.join('\n  ')}`);
  await mkdir(args.out, { recursive: true });
  await writeFile(
    join(args.out, args.regression ? 'regression-results.json' : 'results.json'),
    `${JSON.stringify({ corpus: corpusShape(corpus), metrics, documents: outcomes.map(({ words: _w, ...d }) => d), pipelineSeconds }, null, 2)}\n`,
  );
  const m = metrics;
  console.log(
    `\neval: entity_recall=${m.entityRecall.rate.toFixed(4)} clean=${m.entityRecallClean.rate.toFixed(4)} scans=${m.entityRecallScans.rate.toFixed(4)} ` +
      `word_recall=${m.wordRecall.rate.toFixed(4)} over_redaction=${m.overRedaction.rate.toFixed(4)} leaks=${m.leaks.total} ` +
      `documents=${outcomes.length} pages=${outcomes.reduce((n, d) => n + d.pages, 0)} pipeline_s=${pipelineSeconds.toFixed(1)} total_s=${((performance.now() - started) / 1000).toFixed(1)}`,
  );
} finally {
  await ocr.close();
  await api.stop();
  await worker.stop();
  await stack.stop();
}
