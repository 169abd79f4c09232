// Where a second look is worth it: lines the OCR engine was unsure of, and how to re-read them.
import sharp from 'sharp';
import { PSM } from 'tesseract.js';
import { coverage, type Box } from '../imaging/geometry.js';
import type { OcrEngine } from './tesseract-pool.js';
import type { OcrLine, OcrPage } from './types.js';

/** Words below this confidence make their line worth re-reading. */
export const VERIFY_CONFIDENCE = 80;

/**
 * Indexes of lines with at least one word the engine was unsure of and that is not already under
 * a mask: the places a first pass most often misreads PHI.
 */
export function suspectLines(
  page: OcrPage,
  masked: readonly Box[],
  threshold = VERIFY_CONFIDENCE,
): number[] {
  const isMasked = (box: Box) => masked.some((m) => coverage(box, m) > 0.8);
  return page.lines.flatMap((line, index) =>
    line.words.some((w) => w.confidence < threshold && !isMasked(w.box)) ? [index] : [],
  );
}

/**
 * Re-reads one line from the page image: cropped with a margin, upscaled 2×, read as a single
 * line. Returns the words in page coordinates, as a line of the same block.
 */
export async function rereadLine(
  engine: OcrEngine,
  pagePng: Buffer,
  page: OcrPage,
  line: OcrLine,
): Promise<OcrLine | undefined> {
  const margin = Math.round(line.box.h * 0.6);
  const left = Math.max(0, Math.floor(line.box.x - margin));
  const top = Math.max(0, Math.floor(line.box.y - margin));
  const width = Math.min(page.width - left, Math.ceil(line.box.w + 2 * margin));
  const height = Math.min(page.height - top, Math.ceil(line.box.h + 2 * margin));
  if (width <= 0 || height <= 0) return undefined;
  const scale = 2;
  const crop = await sharp(pagePng)
    .extract({ left, top, width, height })
    .resize(width * scale, height * scale, { kernel: 'lanczos3' })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const read = await engine.recognize({
    png: crop,
    width: width * scale,
    height: height * scale,
    dpi: page.dpi * scale,
    psm: PSM.SINGLE_LINE,
  });
  const words = read.lines.flatMap((l) => l.words);
  if (words.length === 0) return undefined;
  const map = (b: Box): Box => ({
    x: left + b.x / scale,
    y: top + b.y / scale,
    w: b.w / scale,
    h: b.h / scale,
  });
  return {
    box: line.box,
    block: line.block,
    words: words.map((w) => ({
      ...w,
      box: map(w.box),
      ...(w.chars && {
        chars: w.chars.map(([a, b]): [number, number] => [left + a / scale, left + b / scale]),
      }),
    })),
  };
}
