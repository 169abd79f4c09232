// `npx tsx eval/detect-snapshot.ts [--cache DIR] [--seeds 1,2]`: a regression check for refactors
// of the pure detector. Runs `findPhi` over cached OCR pages (eval/out/ocr-cache/**) and over
// pages built from the own corpus's ground-truth words (no OCR: each truth word becomes an OCR
// word, grouped into lines by row), and prints one SHA-256 per source and one over all. The same
// hash before and after a change means the detector's entities and redacted text did not change
// on these pages. Prints hashes and counts only, never the text.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ZOcrPage, type OcrLine, type OcrPage } from '../src/ocr/types.js';
import { findPhi } from '../src/phi/detect.js';
import { detectorSettingsFor, loadPhiSettings } from '../src/phi/detector.js';
import { FACILITY_PUBLIC_NUMBERS, generateCorpus, type TruthPage } from './corpus/index.js';

const { values: args } = parseArgs({
  options: {
    cache: { type: 'string', default: 'eval/out/ocr-cache' },
    seeds: { type: 'string', default: '1,2' },
  },
});

const base = detectorSettingsFor(loadPhiSettings({ packFiles: [] }), {
  allow: [...FACILITY_PUBLIC_NUMBERS],
});
const settings = [base, { ...base, nlp: true }];

/** The detector's output on a page under each setting, as one JSON string. */
const detect = (page: OcrPage) => JSON.stringify(settings.map((s) => findPhi(page, s)));

/** Every cached OCR page under `dir`, sorted by path. */
async function cachedPages(dir: string): Promise<Array<[string, OcrPage]>> {
  let files: string[];
  try {
    files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return Promise.all(
    files.map(async (f): Promise<[string, OcrPage]> => [
      f,
      ZOcrPage.parse(JSON.parse(await readFile(join(dir, f), 'utf8'))),
    ]),
  );
}

/** A page as an OCR engine might read it perfectly: truth words in rows, one block per gap. */
function truthAsOcr(truth: TruthPage): OcrPage {
  const words = [...truth.words].sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
  const rows: Array<typeof words> = [];
  for (const word of words) {
    const row = rows.at(-1);
    const first = row?.[0];
    if (row && first && Math.abs(word.box.y - first.box.y) < 0.5 * first.box.h) row.push(word);
    else rows.push([word]);
  }
  let block = 0;
  let previous: OcrLine | undefined;
  const lines = rows.map((row): OcrLine => {
    row.sort((a, b) => a.box.x - b.box.x);
    const x = Math.min(...row.map((w) => w.box.x));
    const y = Math.min(...row.map((w) => w.box.y));
    const w = Math.max(...row.map((w) => w.box.x + w.box.w)) - x;
    const h = Math.max(...row.map((w) => w.box.y + w.box.h)) - y;
    if (previous && y - (previous.box.y + previous.box.h) > previous.box.h) block++;
    previous = {
      box: { x, y, w, h },
      block,
      words: row.map((t) => ({ text: t.text, box: t.box, confidence: 95 })),
    };
    return previous;
  });
  return { width: truth.width, height: truth.height, dpi: truth.dpi, lines };
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const all = createHash('sha256');

const cached = await cachedPages(args.cache);
const cachedOut = cached.map(([name, page]) => name + '\n' + detect(page)).join('\n');
all.update(cachedOut);
console.log(`ocr-cache  ${cached.length} pages  ${sha(cachedOut)}`);

for (const seed of args.seeds.split(',').filter(Boolean).map(Number)) {
  const docs = await generateCorpus({ seed });
  const pages = docs.flatMap((d) =>
    d.pages.map((p, i) => [`${d.id}-${i}`, truthAsOcr(p)] as const),
  );
  const out = pages.map(([name, page]) => name + '\n' + detect(page)).join('\n');
  all.update(out);
  console.log(`seed ${seed}  ${pages.length} pages  ${sha(out)}`);
}
console.log(`all  ${all.digest('hex')}`);
