// Reads a page image for recall: low-resolution scans are upscaled before OCR, boxes mapped back.
import sharp from 'sharp';
import type { PSM } from 'tesseract.js';
import { isGrey } from '../imaging/raw.js';
import type { OcrEngine } from './engine.js';
import type { OcrPage } from './types.js';

export interface ReadPageOptions {
  /** Pages scanned below this resolution are upscaled to it before OCR (0 turns it off). */
  minDpi: number;
  /** Page segmentation mode for this read; the engine's default otherwise. */
  psm?: PSM;
}

/** Multiplies every coordinate of an OCR page by `factor` (and sets its geometry). */
export function scaleOcrPage(
  page: OcrPage,
  factor: number,
  geometry: { width: number; height: number; dpi: number },
): OcrPage {
  const s = (v: number) => v * factor;
  const box = (b: { x: number; y: number; w: number; h: number }) => ({
    x: s(b.x),
    y: s(b.y),
    w: s(b.w),
    h: s(b.h),
  });
  return {
    ...page,
    ...geometry,
    lines: page.lines.map((line) => ({
      ...line,
      box: box(line.box),
      words: line.words.map((word) => ({
        ...word,
        box: box(word.box),
        ...(word.chars && { chars: word.chars.map(([a, b]): [number, number] => [s(a), s(b)]) }),
      })),
    })),
  };
}

/** OCR of one page in page coordinates, whatever resolution the engine saw. */
export async function readPage(
  engine: OcrEngine,
  png: Buffer,
  page: { width: number; height: number; dpi: number },
  { minDpi, psm }: ReadPageOptions,
): Promise<OcrPage> {
  const mode = psm === undefined ? {} : { psm };
  if (minDpi === 0 || page.dpi >= minDpi) return engine.recognize({ png, ...page, ...mode });
  const factor = minDpi / page.dpi;
  const width = Math.round(page.width * factor);
  const height = Math.round(page.height * factor);
  const image = sharp(png);
  // Grey stays grey: the engine would otherwise inflate three times the bytes for the same read.
  if (isGrey(await image.metadata())) image.toColourspace('b-w');
  const upscaled = await image
    .resize(width, height, { kernel: 'lanczos3' })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const read = await engine.recognize({ png: upscaled, width, height, dpi: minDpi, ...mode });
  return scaleOcrPage(read, 1 / factor, page);
}
