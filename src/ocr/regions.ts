// Where a second look is worth it: words the OCR engine was unsure of, and reading them again.
import sharp from 'sharp';
import { PSM } from 'tesseract.js';
import { coverage, type Box } from '../imaging/geometry.js';
import { decodeRaw } from '../imaging/raw.js';
import type { OcrEngine } from './engine.js';
import type { OcrPage, OcrWord } from './types.js';

/** Words below this confidence are read again. */
export const VERIFY_CONFIDENCE = 80;

/** A word to read again: where it sits in the page. */
export interface Suspect {
  line: number;
  word: number;
}

/**
 * Words the engine was unsure of, not already under a mask, and long enough to hold PHI
 * (checkbox marks and stray strokes, "X", "|", are often uncertain and never PHI).
 */
export function suspectWords(
  page: OcrPage,
  masked: readonly Box[],
  threshold = VERIFY_CONFIDENCE,
): Suspect[] {
  const isMasked = (box: Box) => masked.some((m) => coverage(box, m) > 0.8);
  return page.lines.flatMap((line, l) =>
    line.words.flatMap((w, i) =>
      w.confidence < threshold &&
      (w.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= 3 &&
      !isMasked(w.box)
        ? [{ line: l, word: i }]
        : [],
    ),
  );
}

const SCALE = 2;

/**
 * Reads the suspect words again in one engine call: each word is cropped with a margin, upscaled
 * 2×, and the crops are stacked into one image read as a block. Returns, for each suspect, the
 * words read in its crop, in page coordinates (empty when nothing was read there).
 */
export async function rereadWords(
  engine: OcrEngine,
  pagePng: Buffer,
  page: OcrPage,
  suspects: readonly Suspect[],
): Promise<OcrWord[][]> {
  const crops: Array<{ left: number; top: number; width: number; height: number }> = [];
  for (const s of suspects) {
    const box = page.lines[s.line]?.words[s.word]?.box;
    if (!box) {
      crops.push({ left: 0, top: 0, width: 1, height: 1 });
      continue;
    }
    const margin = Math.round(box.h * 0.5);
    const left = Math.max(0, Math.floor(box.x - margin));
    const top = Math.max(0, Math.floor(box.y - margin / 2));
    crops.push({
      left,
      top,
      width: Math.max(1, Math.min(page.width - left, Math.ceil(box.w + 2 * margin))),
      height: Math.max(1, Math.min(page.height - top, Math.ceil(box.h + margin))),
    });
  }
  if (crops.length === 0) return [];
  const gap = 40;
  const width = Math.max(...crops.map((c) => c.width)) * SCALE + 2 * gap;
  // Rows in suspect order, so the same page always makes the same image.
  let y = gap;
  const rows = crops.map((crop) => {
    const row = { crop, top: y, left: gap };
    y += crop.height * SCALE + gap;
    return row;
  });
  // One decode of the page; each crop is cut from the raw pixels.
  const { data, ...info } = await decodeRaw(pagePng);
  const pixels = { raw: info };
  const inputs = await Promise.all(
    rows.map(({ crop }) =>
      sharp(data, pixels)
        .extract(crop)
        .resize(crop.width * SCALE, crop.height * SCALE, { kernel: 'lanczos3' })
        .png({ compressionLevel: 0 })
        .toBuffer(),
    ),
  );
  const png = await sharp({ create: { width, height: y, channels: 3, background: '#ffffff' } })
    .composite(rows.map(({ top, left }, i) => ({ input: inputs[i], top, left })))
    .png({ compressionLevel: 1 })
    .toBuffer();
  const read = await engine.recognize({
    png,
    width,
    height: y,
    dpi: page.dpi * SCALE,
    psm: PSM.SINGLE_BLOCK,
  });
  const found: OcrWord[][] = rows.map(() => []);
  for (const word of read.lines.flatMap((l) => l.words)) {
    const middle = word.box.y + word.box.h / 2;
    const index = rows.findIndex((r) => middle >= r.top && middle < r.top + r.crop.height * SCALE);
    const row = rows[index];
    if (!row) continue;
    const toPage = (x: number) => row.crop.left + (x - gap) / SCALE;
    found[index]?.push({
      ...word,
      box: {
        x: toPage(word.box.x),
        y: row.crop.top + (word.box.y - row.top) / SCALE,
        w: word.box.w / SCALE,
        h: word.box.h / SCALE,
      },
      ...(word.chars && {
        chars: word.chars.map(([a, b]): [number, number] => [toPage(a), toPage(b)]),
      }),
    });
  }
  return found;
}
