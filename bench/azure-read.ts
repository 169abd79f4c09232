// `npm run bench:azure`: a document through the Document Intelligence fake, page by page (what the
// pipeline does) against the whole document in one analyze call. The fake reads with tesseract.js,
// so this measures the protocol's overhead and parallelism here, not the real service's speed.
import { parseArgs } from 'node:util';
import DocumentIntelligence, {
  getLongRunningPoller,
  isUnexpected,
} from '@azure-rest/ai-document-intelligence';
import { AzureReadEngine } from '../src/ocr/azure-engine.js';
import { TesseractPool } from '../src/ocr/tesseract-pool.js';
import { formPage, intakeLines, multiPageTiff, PATIENTS } from '../tests/fixtures/documents.js';
import { FAKE_DI_KEY, startFakeDocumentIntelligence } from '../tests/support/azure-di-fake.js';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '3' },
    'poll-ms': { type: 'string', default: '250' },
  },
});
const pageCount = Number(values.pages);
const rounds = Number(values.rounds);
const pollMs = Number(values['poll-ms']);

const reader = new TesseractPool({
  size: 2,
  model: 'best_int',
  recycleAfterPages: 500,
  timeoutMs: 300_000,
});
const fake = await startFakeDocumentIntelligence({ reader });
const pages = await Promise.all(
  Array.from({ length: pageCount }, (_, i) =>
    formPage(intakeLines(PATIENTS[i % PATIENTS.length] as (typeof PATIENTS)[number], i + 1)),
  ),
);
const tiff = await multiPageTiff(pages);
const engine = new AzureReadEngine({
  endpoint: fake.endpoint,
  key: FAKE_DI_KEY,
  concurrency: 4,
  maxRetries: 3,
  maxRetryDelayMs: 5_000,
  pollIntervalMs: pollMs,
  timeoutMs: 300_000,
});
const client = DocumentIntelligence(
  fake.endpoint,
  { key: FAKE_DI_KEY },
  { allowInsecureConnection: true },
);

/** Page by page, as `ocrPage` does: one call per page image, AZURE_DI_CONCURRENCY at a time. */
async function pageByPage(): Promise<number> {
  const read = await Promise.all(
    pages.map((p) =>
      engine.recognize({ png: p.png, width: p.width, height: p.height, dpi: p.dpi }),
    ),
  );
  return read.reduce((n, p) => n + p.lines.reduce((m, l) => m + l.words.length, 0), 0);
}

/** The whole document (a multi-page TIFF) in one analyze call. */
async function wholeDocument(): Promise<number> {
  const initial = await client.path('/documentModels/{modelId}:analyze', 'prebuilt-read').post({
    contentType: 'application/json',
    body: { base64Source: tiff.toString('base64') },
  });
  if (isUnexpected(initial)) throw new Error(`analyze answered ${initial.status}`);
  const done = await getLongRunningPoller(client, initial, {
    intervalInMs: pollMs,
  }).pollUntilDone();
  if (isUnexpected(done)) throw new Error(`poll answered ${done.status}`);
  const body = done.body as { analyzeResult?: { pages: Array<{ words?: unknown[] }> } };
  return (body.analyzeResult?.pages ?? []).reduce((n, p) => n + (p.words?.length ?? 0), 0);
}

const results: Record<'page by page' | 'whole document', number[]> = {
  'page by page': [],
  'whole document': [],
};
let words = { 'page by page': 0, 'whole document': 0 };
await pageByPage(); // warm the tesseract workers
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of [
    ['page by page', pageByPage],
    ['whole document', wholeDocument],
  ] as const) {
    const calls = fake.calls.length;
    const started = performance.now();
    const count = await run();
    results[name].push(performance.now() - started);
    words = { ...words, [name]: count };
    if (round === 0) console.log(`${name}: ${fake.calls.length - calls} HTTP requests`);
  }
}
for (const [name, ms] of Object.entries(results)) {
  const sorted = [...ms].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(
    `${name}: ${pageCount} pages, median ${(median / 1000).toFixed(2)} s over ${rounds} rounds ` +
      `(${ms.map((m) => (m / 1000).toFixed(2)).join(', ')} s), ${words[name as keyof typeof words]} words`,
  );
}
await fake.close();
await reader.close();
