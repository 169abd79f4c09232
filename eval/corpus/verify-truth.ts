// Checks truth boxes against the pixels the service sees: opens every written document with the
// service's own reader (pdfjs for PDFs), then measures ink inside and outside the boxes.
// `npx tsx eval/corpus/verify-truth.ts [--dir eval/out/corpus] [--overlay DIR]`
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import type { Box } from '../../src/imaging/geometry.js';
import { openDocument } from '../../src/imaging/document.js';
import { isVideoType, sniffType } from '../../src/imaging/sniff.js';
import { wordInk } from './fonts.js';
import { DEFAULT_DOCUMENTS, DEFAULT_SEED, drawDocument, regressionPlans } from './generate.js';
import type { PageSpec } from './page.js';
import { planCorpus } from './plan.js';
import type { CorpusDocument, TruthPage } from './types.js';

const DARK = 128;

/** Ink statistics of one page against its truth. */
export interface PageCheck {
  darkPixels: number;
  /** Dark pixels farther than `pad` px from every word and rule box. */
  strayPixels: number;
  /** Words with no dark pixel inside their box. */
  emptyWords: string[];
  /** Per word: largest distance between a truth box edge and the ink's bounding box edge. */
  edgeErrors: Array<{ text: string; error: number }>;
}

/** Compares a grey image with truth boxes (already in the image's pixel space). */
export function checkPage(
  grey: Uint8Array,
  width: number,
  height: number,
  page: Pick<TruthPage, 'words' | 'rules'>,
  pad: number,
  window: number,
): PageCheck {
  const covered = new Uint8Array(width * height);
  const ruled = new Uint8Array(width * height);
  const mark = (target: Uint8Array, b: Box, p: number) => {
    const x0 = Math.max(0, Math.floor(b.x - p));
    const y0 = Math.max(0, Math.floor(b.y - p));
    const x1 = Math.min(width, Math.ceil(b.x + b.w + p));
    const y1 = Math.min(height, Math.ceil(b.y + b.h + p));
    for (let y = y0; y < y1; y++) target.fill(1, y * width + x0, y * width + x1);
  };
  page.words.forEach((w) => mark(covered, w.box, pad));
  page.rules.forEach((r) => {
    mark(covered, r, pad);
    // Only straight thin rules are masked out of word windows; a rotated rule's box is too coarse.
    if (Math.min(r.w, r.h) <= 6) mark(ruled, r, 1.5);
  });
  let darkPixels = 0;
  let strayPixels = 0;
  for (let i = 0; i < grey.length; i++) {
    if ((grey[i] ?? 255) < DARK) {
      darkPixels++;
      if (!covered[i]) strayPixels++;
    }
  }
  const emptyWords: string[] = [];
  const edgeErrors: PageCheck['edgeErrors'] = [];
  for (const { box, text } of page.words) {
    const x0 = Math.max(0, Math.floor(box.x - window));
    const y0 = Math.max(0, Math.floor(box.y - window));
    const x1 = Math.min(width, Math.ceil(box.x + box.w + window));
    const y1 = Math.min(height, Math.ceil(box.y + box.h + window));
    let ix0 = Infinity;
    let iy0 = Infinity;
    let ix1 = -Infinity;
    let iy1 = -Infinity;
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const i = y * width + x;
        if ((grey[i] ?? 255) >= DARK || ruled[i]) continue;
        ix0 = Math.min(ix0, x);
        iy0 = Math.min(iy0, y);
        ix1 = Math.max(ix1, x + 1);
        iy1 = Math.max(iy1, y + 1);
      }
    }
    if (ix0 === Infinity) {
      emptyWords.push(text);
      continue;
    }
    const error = Math.max(
      Math.abs(ix0 - box.x),
      Math.abs(iy0 - box.y),
      Math.abs(ix1 - box.x - box.w),
      Math.abs(iy1 - box.y - box.h),
    );
    edgeErrors.push({ text, error });
  }
  return { darkPixels, strayPixels, emptyWords, edgeErrors };
}

/** Pairs of words whose ink boxes overlap on a page (in points): a layout bug, e.g. text running into a neighbour. */
export function overlappingWords(spec: PageSpec): Array<[string, string]> {
  const boxes = spec.words.flatMap((w) => {
    const box = wordInk(w.face, w.text, w.x, w.baseline, w.size).box;
    return box ? [{ text: w.text, box }] : [];
  });
  boxes.sort((a, b) => a.box.x - b.box.x);
  const pairs: Array<[string, string]> = [];
  const slack = 0.15;
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    if (!a) continue;
    for (let j = i + 1; j < boxes.length; j++) {
      const b = boxes[j];
      if (!b || b.box.x > a.box.x + a.box.w - slack) break;
      const dy = Math.min(a.box.y + a.box.h, b.box.y + b.box.h) - Math.max(a.box.y, b.box.y);
      if (dy > slack) pairs.push([a.text, b.text]);
    }
  }
  return pairs;
}

function scaled(page: TruthPage, factor: number): TruthPage {
  const s = (b: Box): Box => ({
    x: b.x * factor,
    y: b.y * factor,
    w: b.w * factor,
    h: b.h * factor,
  });
  return {
    ...page,
    words: page.words.map((w) => ({ ...w, box: s(w.box) })),
    rules: page.rules.map(s),
  };
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function overlay(png: Buffer, page: TruthPage, file: string): Promise<void> {
  const { width = 0, height = 0 } = await sharp(png).metadata();
  const rect = (b: Box, colour: string) =>
    `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" fill="none" stroke="${colour}" stroke-width="2"/>`;
  const boxes = page.words.map((w) => rect(w.box, w.phi ? '#e00' : w.decoy ? '#0a0' : '#06f'));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${boxes.join('')}</svg>`;
  await sharp(png)
    .composite([{ input: Buffer.from(svg) }])
    .png()
    .toFile(file);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: 'eval/out/corpus' },
      overlay: { type: 'string' },
      only: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  });
  const only = values.only;
  const files = (await readdir(values.dir))
    .filter((f) => f.endsWith('.truth.json') && (!only || f.startsWith(only)))
    .sort();
  const groups = new Map<
    string,
    { pages: number; dark: number; stray: number; empty: number; words: number; errors: number[] }
  >();
  if (values.overlay) await mkdir(values.overlay, { recursive: true });
  for (const file of files) {
    const truth = JSON.parse(await readFile(path.join(values.dir, file), 'utf8')) as Omit<
      CorpusDocument,
      'bytes'
    >;
    const ext = { png: 'png', jpeg: 'jpg', tiff: 'tif', pdf: 'pdf' }[truth.format];
    const bytes = await readFile(path.join(values.dir, `${truth.id}.${ext}`));
    const sniffed = sniffType(bytes.subarray(0, 512));
    if (!sniffed.supported || isVideoType(sniffed.type)) {
      throw new Error(`${truth.id}: not a known document format`);
    }
    const reader = await openDocument(bytes, sniffed.type, {
      limits: { maxPages: 500, maxPagePixels: 100_000_000, maxDocumentPixels: 5_000_000_000 },
      defaultDpi: 300,
      pdfDpi: 300,
    });
    try {
      if (reader.pages.length !== truth.pages.length)
        throw new Error(`${truth.id}: page count differs`);
      for (const [i, page] of truth.pages.entries()) {
        const info = reader.pages[i];
        if (!info) continue;
        const factor = info.width / page.width;
        if (
          Math.abs(info.height / page.height - factor) > 0.01 ||
          (!truth.format.startsWith('pdf') && info.dpi !== page.dpi)
        ) {
          throw new Error(
            `${truth.id} page ${i + 1}: reader sees ${info.width}x${info.height}@${info.dpi}, truth ${page.width}x${page.height}@${page.dpi}`,
          );
        }
        const png = await reader.renderPage(i);
        const { data, info: raw } = await sharp(png)
          .toColourspace('b-w')
          .raw()
          .toBuffer({ resolveWithObject: true });
        const inPixels = scaled(page, factor);
        const check = checkPage(data, raw.width, raw.height, inPixels, 2, 3);
        const group = truth.textLayer
          ? 'text PDF (pdfjs render)'
          : truth.scanned
            ? `scanned ${truth.format}`
            : `clean ${truth.format}`;
        const g = groups.get(group) ?? {
          pages: 0,
          dark: 0,
          stray: 0,
          empty: 0,
          words: 0,
          errors: [],
        };
        g.pages++;
        g.dark += check.darkPixels;
        g.stray += check.strayPixels;
        g.empty += check.emptyWords.length;
        g.words += page.words.length;
        g.errors.push(...check.edgeErrors.map((e) => e.error));
        groups.set(group, g);
        if (values.verbose) {
          const worst = [...check.edgeErrors].sort((a, b) => b.error - a.error).slice(0, 3);
          const list = worst.map((w) => `${w.text} ${w.error.toFixed(1)}`).join(', ');
          console.log(
            `${truth.id} p${i + 1}: ${check.strayPixels}/${check.darkPixels} stray, empty [${check.emptyWords.join(' ')}], worst: ${list}`,
          );
        }
        if (values.overlay)
          await overlay(png, inPixels, path.join(values.overlay, `${truth.id}-p${i + 1}.png`));
      }
    } finally {
      await reader.close();
    }
  }
  let overlaps = 0;
  for (const plan of [...planCorpus(DEFAULT_SEED, DEFAULT_DOCUMENTS), ...regressionPlans()]) {
    drawDocument(plan).specs.forEach((spec, i) => {
      for (const [a, b] of overlappingWords(spec)) {
        overlaps++;
        console.log(`overlap ${plan.id} p${i + 1}: "${a}" / "${b}"`);
      }
    });
  }
  console.log(
    `layout: ${overlaps} overlapping word pairs in the default corpus and regression subset`,
  );
  console.log(
    'group                      pages  words  empty  stray-ink  edge-err p50/p95/max (px)',
  );
  for (const [name, g] of groups) {
    const stray = ((100 * g.stray) / Math.max(1, g.dark)).toFixed(3);
    const e = [0.5, 0.95, 1].map((q) => quantile(g.errors, q).toFixed(2)).join(' / ');
    console.log(
      `${name.padEnd(26)} ${String(g.pages).padStart(5)} ${String(g.words).padStart(6)} ${String(g.empty).padStart(6)} ${stray.padStart(9)}%  ${e}`,
    );
  }
}

// Run as a script only: tests import checkPage without walking the corpus.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
