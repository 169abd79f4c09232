// `npm run bench:encryption`: what client-side AES-256-GCM of stored objects costs per page, next
// to the OCR of the same page. No servers: the objects a page makes are sealed and opened in
// memory as the pipeline does (each written once, read twice), so storage I/O is not counted.
import { parseArgs } from 'node:util';
import { generateCorpus } from '../eval/corpus/index.js';
import { generateKeyEntry, KeyRing, parseKeyRing } from '../src/crypto/key-ring.js';
import { openObject, sealObject, STORAGE_PURPOSE } from '../src/crypto/object-envelope.js';
import { openDocument } from '../src/imaging/document.js';
import { readPage } from '../src/ocr/read-page.js';
import { TesseractPool } from '../src/ocr/tesseract-pool.js';

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '7' },
    documents: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '5' },
  },
});
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

const ring = new KeyRing(parseKeyRing(generateKeyEntry('bench'))).derive(STORAGE_PURPOSE);
const corpus = await generateCorpus({
  seed: Number(args.seed),
  documents: Number(args.documents),
});
const limits = { maxPages: 500, maxPagePixels: 100_000_000, maxDocumentPixels: 5_000_000_000 };
const pool = new TesseractPool({
  size: 1,
  model: 'best_int',
  recycleAfterPages: 100,
  timeoutMs: 600_000,
});

/** The objects one page leaves in storage, with their real sizes. */
interface PageObjects {
  inputShare: Buffer;
  page: Buffer;
  ocr: Buffer;
  text: Buffer;
  masked: Buffer;
  entities: Buffer;
  ocrMs: number;
}

const pages: PageObjects[] = [];
try {
  for (const doc of corpus) {
    const reader = await openDocument(doc.bytes, doc.format, {
      limits,
      defaultDpi: 300,
      pdfDpi: 300,
    });
    const share = doc.bytes.subarray(0, Math.ceil(doc.bytes.length / reader.pages.length));
    for (const [index, info] of reader.pages.entries()) {
      const png = await reader.renderPage(index);
      const started = performance.now();
      const ocr = await readPage(pool, png, info, { minDpi: 300 });
      const ocrMs = performance.now() - started;
      const words = ocr.lines.flatMap((l) => l.words);
      const text = ocr.lines.map((l) => l.words.map((w) => w.text).join(' ')).join('\n');
      pages.push({
        inputShare: share,
        page: png,
        ocr: Buffer.from(JSON.stringify(ocr)),
        text: Buffer.from(text),
        // The masked page is a PNG of the same size class as the page.
        masked: png,
        entities: Buffer.from(JSON.stringify(words.slice(0, 12))),
        ocrMs,
      });
    }
    await reader.close();
  }
} finally {
  await pool.close();
}

/** Seal once and open twice, as the pipeline writes and reads each object. */
function cryptoMs(objects: Buffer[]): number {
  const started = performance.now();
  for (const [i, plain] of objects.entries()) {
    const key = `jobs/bench/${i}`;
    const sealed = sealObject(ring, key, plain);
    openObject(ring, key, sealed);
    openObject(ring, key, sealed);
  }
  return performance.now() - started;
}

const perPage = pages.map((p) => {
  const objects = [p.inputShare, p.page, p.ocr, p.text, p.masked, p.entities];
  cryptoMs(objects); // warm-up
  const ms = median(Array.from({ length: Number(args.rounds) }, () => cryptoMs(objects)));
  const bytes = objects.reduce((n, o) => n + o.length, 0);
  return { ms, bytes, ocrMs: p.ocrMs };
});
const totalMs = perPage.reduce((n, p) => n + p.ms, 0);
const totalBytes = perPage.reduce((n, p) => n + p.bytes, 0);
const ocrMs = perPage.reduce((n, p) => n + p.ocrMs, 0);
const result = {
  pages: pages.length,
  storedMbPerPage: round(totalBytes / pages.length / 1e6),
  cryptoMsPerPage: round(totalMs / pages.length),
  cryptoMsPerPageP50: round(median(perPage.map((p) => p.ms))),
  sealOpenOpenMbPerSecond: round(totalBytes / 1e6 / (totalMs / 1000), 0),
  ocrMsPerPage: round(ocrMs / pages.length, 0),
  cryptoShareOfOcr: `${round((100 * totalMs) / ocrMs, 3)}%`,
};
console.log(JSON.stringify(result, null, 2));
