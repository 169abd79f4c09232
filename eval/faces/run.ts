// `npm run eval:faces`: face recall, false positives and cost of the face detector, through the
// same calls the product makes (a `redact` page: read by OCR, then `detectFaces` searched for the
// page's DPI without what OCR read confidently, as the findFaces activity does; a photo: the
// blur-faces operation's finder), on the sets of sets.ts.
//   --faceless-documents N   generated text documents for false positives and the OCR comparison (4)
//   --min-confidence X       the detector's threshold, to measure another than the default
//   --ignore-text            search document pages whole, as before faces came after OCR
//   --no-video               leave out the video clips (clips.ts), which take about 3 minutes
//   --docs                   also write the table into docs/evaluation.md and the README
//                            (default threshold only)
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { detectFaces } from '../../src/faces/detect.js';
import { faceRegion } from '../../src/faces/hide.js';
import { faceSearchSize } from '../../src/faces/search-size.js';
import { confidentTextBoxes } from '../../src/faces/text-boxes.js';
import { area, intersect, type Box } from '../../src/imaging/geometry.js';
import { encodeRawPng } from '../../src/imaging/raw.js';
import { readPage } from '../../src/ocr/read-page.js';
import { TesseractPool } from '../../src/ocr/tesseract-pool.js';
import { faceFinders } from '../../src/video/face-finder.js';
import { resolveVideoTools } from '../../src/video/tools.js';
import { machineLine, writeBlock } from '../../scripts/lib/generated-docs.js';
import { markdownTable, textTable, type Table } from '../report.js';
import { scoreImage } from './score.js';
import {
  documentCases,
  facelessDocumentCases,
  heldOutPhotoCases,
  photoCases,
  videoClips,
  type FaceCase,
} from './sets.js';
import { fetchSources } from './sources.js';
import { runClip, type ClipResult } from './video.js';

const { values: args } = parseArgs({
  options: {
    'faceless-documents': { type: 'string', default: '4' },
    docs: { type: 'boolean', default: false },
    'min-confidence': { type: 'string' },
    'ignore-text': { type: 'boolean', default: false },
    video: { type: 'boolean', default: true },
  },
  allowNegative: true,
});
const minConfidence =
  args['min-confidence'] === undefined ? undefined : Number(args['min-confidence']);
if (minConfidence !== undefined && !(minConfidence > 0 && minConfidence < 1))
  throw new Error('--min-confidence must lie between 0 and 1');
if ((minConfidence !== undefined || args['ignore-text'] || !args.video) && args.docs)
  throw new Error('--docs records the defaults and every set only');
const settings = minConfidence === undefined ? {} : { minConfidence };

interface CaseResult {
  name: string;
  set: FaceCase['set'];
  faces: number;
  hidden: number;
  falseRegions: number;
  ms: number;
}

const finders = faceFinders(settings);
const photoFinder = finders.photo;

// OCR, as a `redact` page is read before its faces are searched (what it read confidently is
// left out of the search), and for the cost of detection against reading.
const ocr = new TesseractPool({
  size: 1,
  model: 'best_int',
  recycleAfterPages: 100,
  timeoutMs: 300_000,
});

/**
 * The faces the product would find on this image, how long that took, and for a document page how
 * long reading it took first.
 */
async function findOn(
  c: FaceCase,
): Promise<{ boxes: FaceCase['truth']; ms: number; ocrMs?: number; text?: Box[] }> {
  if (c.path !== 'document') {
    const started = performance.now();
    const found = await photoFinder(c.image);
    return { boxes: found.map((f) => f.bbox), ms: performance.now() - started };
  }
  const page = { width: c.image.width, height: c.image.height, dpi: c.dpi };
  const png = await encodeRawPng(c.image);
  const read = performance.now();
  const text = await readPage(ocr, png, page, { minDpi: 300 });
  const started = performance.now();
  const minFacePx = faceSearchSize(page);
  const confident = confidentTextBoxes(text, minFacePx);
  const found = await detectFaces(
    c.image,
    { ...settings, minFacePx },
    args['ignore-text'] ? [] : confident,
  );
  return {
    boxes: found.map((f) => f.bbox),
    ms: performance.now() - started,
    ocrMs: started - read,
    text: confident,
  };
}

const started = performance.now();
const root = await fetchSources();
const facelessDocs = await facelessDocumentCases(Number(args['faceless-documents']));
const cases = [
  ...(await photoCases(root)),
  ...(await heldOutPhotoCases()),
  ...(await documentCases(root)),
  ...facelessDocs,
];
console.log(`eval:faces: ${cases.length} images`);

const results: CaseResult[] = [];
/** OCR time of the faceless document pages, against which their detection time is set. */
const ocrMs: number[] = [];
/** Document faces that a confidently read word overlaps: what the text cue could take away. */
let facesUnderText = 0;
let documentFaces = 0;
try {
  for (const c of cases) {
    const found = await findOn(c);
    if (c.set === 'faceless documents' && found.ocrMs !== undefined) ocrMs.push(found.ocrMs);
    if (found.text) {
      documentFaces += c.truth.length;
      facesUnderText += c.truth.filter((face) =>
        found.text?.some((word) => area(intersect(face, word)) > 0),
      ).length;
    }
    // What is hidden: each box grown as the product grows it (no extra mask padding).
    const regions = found.boxes.map((b) => faceRegion(b, 0, c.image));
    results.push({ name: c.name, set: c.set, ...scoreImage(c.truth, regions), ms: found.ms });
  }
} finally {
  await ocr.close();
}

const clips = args.video ? await videoClips(root) : [];
const clipResults: ClipResult[] = [];
const tools = resolveVideoTools();
for (const clip of clips) {
  clipResults.push(await runClip(tools, clip, finders.videoFrame));
  console.log(`  clip ${clip.name}: ${clipResults.at(-1)?.leaked} frames leaked`);
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const sets = [
  'photos',
  'held-out photos',
  'documents',
  'faceless photos',
  'faceless documents',
] as const;
const table: Table = {
  head: ['set', 'images', 'face recall', 'images with a false region', 'ms per image'],
  rows: sets.map((set) => {
    const of = results.filter((r) => r.set === set);
    const faces = of.reduce((n, r) => n + r.faces, 0);
    const hidden = of.reduce((n, r) => n + r.hidden, 0);
    const falseImages = of.filter((r) => r.falseRegions > 0).length;
    return [
      set,
      String(of.length),
      faces ? `${(hidden / faces).toFixed(4)} (${hidden}/${faces})` : '–',
      `${((falseImages / of.length) * 100).toFixed(1)} % (${falseImages}/${of.length})`,
      mean(of.map((r) => r.ms)).toFixed(0),
    ];
  }),
};
const faceMsPerPage = mean(results.filter((r) => r.set === 'faceless documents').map((r) => r.ms));
const costLine =
  `Face detection on a faceless 300 dpi document page: ${faceMsPerPage.toFixed(0)} ms, ` +
  `OCR of the same pages (one tesseract.js worker): ${mean(ocrMs).toFixed(0)} ms, ` +
  `${((faceMsPerPage / mean(ocrMs)) * 100).toFixed(0)} % of OCR (goal ≤ 15 %).`;

const clipSets = ['video', 'held-out video', 'faceless video'] as const;
const share = (n: number, of: number) =>
  of ? `${((n / of) * 100).toFixed(1)} % (${n}/${of})` : '–';
const videoTable: Table = {
  head: [
    'set',
    'clips',
    'frames',
    'frames with a face',
    'leaked frames',
    'leaked strictly',
    'frames changed',
    'ms per video second',
  ],
  rows: clipSets.map((set) => {
    const of = clipResults.filter((r) => r.set === set);
    const total = (count: (r: ClipResult) => number) => of.reduce((n, r) => n + count(r), 0);
    const withFaces = total((r) => r.framesWithFaces);
    return [
      set,
      String(of.length),
      String(total((r) => r.frames)),
      String(withFaces),
      share(
        total((r) => r.leaked),
        withFaces,
      ),
      share(
        total((r) => r.leakedStrictly),
        withFaces,
      ),
      share(
        total((r) => r.changed),
        total((r) => r.frames),
      ),
      mean(of.map((r) => r.msPerVideoSecond)).toFixed(0),
    ];
  }),
};
/** Each set's headline: recall or leaks where there are faces, what changed where there is none. */
interface Headline {
  set: string;
  value: string;
  what: 'recall' | 'changed' | 'frames leaked' | 'frames changed';
}
const headlines: Headline[] = [
  ...table.rows.map(([set = '', , recall = '', changed = '']): Headline =>
    set.startsWith('faceless')
      ? { set, value: changed, what: 'changed' }
      : { set, value: recall, what: 'recall' },
  ),
  ...(clips.length ? videoTable.rows : []).map(
    ([set = '', , , , leaked = '', , changed = '']): Headline =>
      set.startsWith('faceless')
        ? { set, value: changed, what: 'frames changed' }
        : { set, value: leaked, what: 'frames leaked' },
  ),
];
const leakedClips = clipResults
  .filter((r) => r.leaked > 0)
  .map((r) => `${r.name} (${r.leaked}: frames ${r.leakedFrames.join(' ')})`);
const misses = results
  .filter((r) => r.hidden < r.faces)
  .map((r) => `${r.name} (${r.hidden}/${r.faces})`);
const falses = results
  .filter((r) => r.falseRegions > 0)
  .map((r) => `${r.name} (${r.falseRegions})`);

console.log(`\n${textTable(table)}\n\n${costLine}`);
if (clips.length) console.log(`\n${textTable(videoTable)}`);
console.log(
  `\ndocument faces overlapped by a confidently read word: ${facesUnderText} of ${documentFaces}`,
);
console.log(`faces not hidden: ${misses.join(', ') || 'none'}`);
console.log(`images with a false region: ${falses.join(', ') || 'none'}`);
if (clips.length) console.log(`clips with leaked frames: ${leakedClips.join(', ') || 'none'}`);
const seconds = (performance.now() - started) / 1000;
await mkdir('eval/out', { recursive: true });
await writeFile(
  'eval/out/faces.json',
  `${JSON.stringify({ results, ocrMs, clipResults, seconds }, null, 2)}\n`,
);
if (args.docs) {
  const date = new Date().toISOString().slice(0, 10);
  const block = `${markdownTable(table)}\n\n${costLine}\n\n${markdownTable(videoTable)}\n\n\`npm run eval:faces\`, ${date}, ${seconds.toFixed(0)} s. ${machineLine()}`;
  await writeBlock('docs/evaluation.md', 'eval:faces', block);
  // The README keeps one line; the table, cost and misses are in docs/evaluation.md.
  await writeBlock(
    'README.md',
    'eval:faces',
    `${headlines.map((h) => (h.what === 'recall' ? `${h.set} recall ${h.value}` : `${h.set} ${h.value} ${h.what}`)).join('; ')}; detection ${((faceMsPerPage / mean(ocrMs)) * 100).toFixed(0)} % of OCR time on a faceless document page. \`npm run eval:faces\`, ${date}: [docs/evaluation.md](docs/evaluation.md).`,
  );
}
const fields = headlines.map(
  (h) => `${h.set.replaceAll(' ', '_')}=${h.value.split(' (')[0]?.replaceAll(' ', '')}`,
);
console.log(
  `\neval_faces: ${fields.join(' ')} face_ms_per_page=${faceMsPerPage.toFixed(0)} ocr_ms_per_page=${mean(ocrMs).toFixed(0)} total_s=${seconds.toFixed(0)}`,
);
