// Checks held-out truth against the pixels the service sees: every file is generated, opened with
// the service's own reader (pdfjs at 300 dpi for PDFs), and its ink compared with the truth boxes,
// dark ink on light ground and, on dark grounds (films, card bands), light ink.
// `npx tsx eval/heldout/verify.ts --seed dev [--only h14] [--overlay DIR] [--verbose]`
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import type { Box } from '../../src/imaging/geometry.js';
import { openDocument } from '../../src/imaging/document.js';
import type { TruthPage } from '../corpus/types.js';
import { INK_LEVEL, LIGHT_INK_LEVEL } from '../score.js';
import { generateHeldout, HELDOUT_SEEDS, type HeldoutSeed } from './generate.js';

/** Ink statistics of one page against its truth. */
export interface PageCheck {
  darkPixels: number;
  /** Dark pixels farther than `pad` px from every dark word box and rule box. */
  strayDark: number;
  lightPixels: number;
  /** On dark ground: light pixels farther than `pad` px from every light word and bright area. */
  strayLight: number;
  emptyWords: string[];
  /** Per word: largest distance between a truth box edge and the ink's bounding box edge. */
  edgeErrors: number[];
}

function mask(width: number, height: number, boxes: readonly Box[], grow: number): Uint8Array {
  const m = new Uint8Array(width * height);
  for (const b of boxes) {
    const x0 = Math.max(0, Math.floor(b.x - grow));
    const y0 = Math.max(0, Math.floor(b.y - grow));
    const x1 = Math.min(width, Math.ceil(b.x + b.w + grow));
    const y1 = Math.min(height, Math.ceil(b.y + b.h + grow));
    for (let y = y0; y < y1; y++) m.fill(1, y * width + x0, y * width + x1);
  }
  return m;
}

/** Compares a grey image with truth already in its pixel space. */
export function checkPage(
  grey: Uint8Array,
  width: number,
  height: number,
  page: Pick<TruthPage, 'words' | 'rules'>,
  /** 255 where the page is solid dark ground, in the same pixel space. */
  darkGround: Uint8Array,
  brightAreas: readonly Box[],
  pad = 2,
  window = 3,
): PageCheck {
  const darkWords = page.words.filter((w) => w.ink !== 'light').map((w) => w.box);
  const lightWords = page.words.filter((w) => w.ink === 'light').map((w) => w.box);
  const darkAllowed = mask(width, height, [...darkWords, ...page.rules], pad);
  const lightAllowed = mask(width, height, [...lightWords, ...brightAreas], pad);
  // Light ink is only meaningful well inside a dark ground (its anti-aliased edges are grey).
  const r = 3;
  const deep = (x: number, y: number) =>
    [
      [0, 0],
      [-r, -r],
      [r, -r],
      [-r, r],
      [r, r],
    ].every(([dx = 0, dy = 0]) => {
      const xx = x + dx;
      const yy = y + dy;
      return (
        xx >= 0 && yy >= 0 && xx < width && yy < height && (darkGround[yy * width + xx] ?? 0) > 127
      );
    });
  const thinRules = mask(
    width,
    height,
    page.rules.filter((r) => Math.min(r.w, r.h) <= 6),
    1.5,
  );
  let darkPixels = 0;
  let strayDark = 0;
  let lightPixels = 0;
  let strayLight = 0;
  for (let i = 0; i < grey.length; i++) {
    const v = grey[i] ?? 255;
    if (v < INK_LEVEL) {
      darkPixels++;
      if (!darkAllowed[i]) strayDark++;
    } else if (v > LIGHT_INK_LEVEL && deep(i % width, Math.floor(i / width))) {
      lightPixels++;
      if (!lightAllowed[i]) strayLight++;
    }
  }
  const emptyWords: string[] = [];
  const edgeErrors: number[] = [];
  for (const word of page.words) {
    const light = word.ink === 'light';
    const b = word.box;
    const x0 = Math.max(0, Math.floor(b.x - window));
    const y0 = Math.max(0, Math.floor(b.y - window));
    const x1 = Math.min(width, Math.ceil(b.x + b.w + window));
    const y1 = Math.min(height, Math.ceil(b.y + b.h + window));
    let ix0 = Infinity;
    let iy0 = Infinity;
    let ix1 = -Infinity;
    let iy1 = -Infinity;
    for (let y = y0; y < y1; y++)
      for (let x = x0; x < x1; x++) {
        const i = y * width + x;
        const v = grey[i] ?? 255;
        const ink = light ? v > LIGHT_INK_LEVEL : v < INK_LEVEL && !thinRules[i];
        if (!ink) continue;
        ix0 = Math.min(ix0, x);
        iy0 = Math.min(iy0, y);
        ix1 = Math.max(ix1, x + 1);
        iy1 = Math.max(iy1, y + 1);
      }
    if (ix0 === Infinity) {
      emptyWords.push(word.text);
      continue;
    }
    edgeErrors.push(
      Math.max(
        Math.abs(ix0 - b.x),
        Math.abs(iy0 - b.y),
        Math.abs(ix1 - b.x - b.w),
        Math.abs(iy1 - b.y - b.h),
      ),
    );
  }
  return { darkPixels, strayDark, lightPixels, strayLight, emptyWords, edgeErrors };
}

const scale = (b: Box, f: number): Box => ({ x: b.x * f, y: b.y * f, w: b.w * f, h: b.h * f });

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: 'dev' },
      only: { type: 'string' },
      overlay: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  });
  const seed = values.seed as HeldoutSeed;
  if (!HELDOUT_SEEDS.includes(seed)) throw new Error('--seed must be dev or sealed');
  if (values.overlay) await mkdir(values.overlay, { recursive: true });
  const groups = new Map<
    string,
    {
      pages: number;
      words: number;
      empty: number;
      dark: number;
      strayDark: number;
      light: number;
      strayLight: number;
      errors: number[];
    }
  >();
  for (const { doc, rendered } of await generateHeldout(seed, values.only)) {
    const reader = await openDocument(doc.bytes, doc.format, {
      limits: { maxPages: 500, maxPagePixels: 100_000_000, maxDocumentPixels: 5_000_000_000 },
      defaultDpi: 300,
      pdfDpi: 300,
    });
    try {
      if (reader.pages.length !== doc.pages.length)
        throw new Error(`${doc.id}: page count differs`);
      for (const [i, page] of doc.pages.entries()) {
        const png = await reader.renderPage(i);
        const { data, info } = await sharp(png)
          .toColourspace('b-w')
          .raw()
          .toBuffer({ resolveWithObject: true });
        const f = info.width / page.width;
        if (Math.abs(info.height / page.height - f) > 0.01)
          throw new Error(`${doc.id} p${i + 1}: size differs`);
        const extra = rendered[i];
        const truth = {
          words: page.words.map((w) => ({ ...w, box: scale(w.box, f) })),
          rules: page.rules.map((r) => scale(r, f)),
        };
        const ground = extra
          ? await sharp(extra.darkGround, {
              raw: { width: page.width, height: page.height, channels: 1 },
            })
              .resize(info.width, info.height, { kernel: 'nearest' })
              .toColourspace('b-w')
              .raw()
              .toBuffer()
          : new Uint8Array(info.width * info.height);
        const check = checkPage(
          data,
          info.width,
          info.height,
          truth,
          ground,
          (extra?.brightAreas ?? []).map((b) => scale(b, f)),
        );
        const name = doc.textLayer
          ? 'text PDF (pdfjs render)'
          : page.words.some((w) => w.ink === 'light')
            ? `light-on-dark ${doc.scanned ? 'scanned' : 'clean'}`
            : `${doc.scanned ? 'scanned' : 'clean'} ${doc.format}`;
        const g = groups.get(name) ?? {
          pages: 0,
          words: 0,
          empty: 0,
          dark: 0,
          strayDark: 0,
          light: 0,
          strayLight: 0,
          errors: [],
        };
        g.pages++;
        g.words += page.words.length;
        g.empty += check.emptyWords.length;
        g.dark += check.darkPixels;
        g.strayDark += check.strayDark;
        g.light += check.lightPixels;
        g.strayLight += check.strayLight;
        g.errors.push(...check.edgeErrors);
        groups.set(name, g);
        if (values.verbose)
          console.log(
            `${doc.id} p${i + 1}: stray dark ${check.strayDark}/${check.darkPixels}, stray light ${check.strayLight}/${check.lightPixels}, empty [${check.emptyWords.join(' ')}], max edge ${Math.max(0, ...check.edgeErrors).toFixed(1)}`,
          );
        if (values.overlay) {
          const rect = (b: Box, c: string) =>
            `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" fill="none" stroke="${c}" stroke-width="1.5"/>`;
          const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${info.width}" height="${info.height}">${truth.words.map((w) => rect(w.box, w.phi ? '#e00' : w.decoy ? '#0a0' : '#06f')).join('')}</svg>`;
          await sharp(png)
            .composite([{ input: Buffer.from(svg) }])
            .png()
            .toFile(path.join(values.overlay, `${doc.id}-p${i + 1}.png`));
        }
      }
    } finally {
      await reader.close();
    }
  }
  console.log(
    'group                      pages  words  empty  stray-dark  stray-light  edge-err p50/p95/max (px)',
  );
  for (const [name, g] of groups) {
    const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(3)}%`;
    const e = [0.5, 0.95, 1].map((q) => quantile(g.errors, q).toFixed(2)).join(' / ');
    console.log(
      `${name.padEnd(26)} ${String(g.pages).padStart(5)} ${String(g.words).padStart(6)} ${String(g.empty).padStart(6)} ${pct(g.strayDark, g.dark).padStart(11)} ${(g.light ? pct(g.strayLight, g.light) : '-').padStart(12)}  ${e}`,
    );
  }
}

await main();
