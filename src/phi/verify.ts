// The verification pass: read the masked page again and find PHI that is still readable on it.
import { PSM } from 'tesseract.js';
import { coverage, pad, type Box } from '../imaging/geometry.js';
import { readPage } from '../ocr/read-page.js';
import { rereadWords, suspectWords } from '../ocr/regions.js';
import type { OcrEngine } from '../ocr/engine.js';
import type { OcrLine, OcrPage } from '../ocr/types.js';
import { findPhi, type DetectorSettings } from './detect.js';
import type { PhiEntity } from './types.js';

/** What a mask reads as in a re-read line: one opaque token, so labels keep their (masked) value. */
export const MASK_TOKEN = '■';

/**
 * Puts a placeholder word where each mask crosses the line. Without it a label whose value is
 * masked would take the next words as its value ("Patient: ■ DOB" read as "Patient: DOB").
 */
export function withMaskPlaceholders(line: OcrLine, masks: readonly Box[]): OcrLine {
  const top = line.box.y;
  const bottom = line.box.y + line.box.h;
  const crossing = masks.filter(
    (m) =>
      m.y < bottom &&
      m.y + m.h > top &&
      m.x < line.box.x + line.box.w + line.box.h &&
      m.x + m.w > line.box.x - line.box.h,
  );
  if (crossing.length === 0) return line;
  const placeholders = crossing.map((m) => ({
    text: MASK_TOKEN,
    box: { x: m.x, y: top, w: m.w, h: line.box.h },
    confidence: 100,
  }));
  const words = [
    ...line.words.filter((w) => !crossing.some((m) => coverage(w.box, m) > 0.5)),
    ...placeholders,
  ].sort((a, b) => a.box.x - b.box.x);
  return { ...line, words };
}

/** How the masked page is checked: not at all, by re-reading uncertain lines, or by a full second OCR. */
export type VerifyMode = 'off' | 'targeted' | 'full';

export interface VerifyOptions {
  mode: VerifyMode;
  minDpi: number;
  paddingPx: number;
}

/**
 * Re-reads the masked page (`targeted`: only the words the engine was unsure of, cropped,
 * upscaled and read together in one call;
 * `full`: the whole page in sparse-text mode) and detects again over the page's text with those
 * lines replaced. Returns the entities not already under a mask and how many reads it took.
 */
export async function findResidualPhi(
  engine: OcrEngine,
  maskedPng: Buffer,
  firstRead: OcrPage,
  entities: readonly PhiEntity[],
  detector: DetectorSettings,
  { mode, minDpi, paddingPx }: VerifyOptions,
): Promise<{ residual: PhiEntity[]; reread: number }> {
  if (mode === 'off') return { residual: [], reread: 0 };
  const masks = entities.map((e) => pad(e.bbox, paddingPx));
  let second: OcrPage;
  let reread: number;
  if (mode === 'full') {
    const read = await readPage(engine, maskedPng, firstRead, { minDpi, psm: PSM.SPARSE_TEXT });
    second = { ...read, lines: read.lines.map((line) => withMaskPlaceholders(line, masks)) };
    reread = 1;
  } else {
    // The page as first read, with each uncertain word replaced by what a closer look reads.
    const suspects = suspectWords(firstRead, masks);
    const again = await rereadWords(engine, maskedPng, firstRead, suspects);
    const lines = firstRead.lines.map((line, l) => {
      const replaced = line.words.flatMap((word, w) => {
        const index = suspects.findIndex((s) => s.line === l && s.word === w);
        return index < 0 ? [word] : (again[index] ?? []).length > 0 ? (again[index] ?? []) : [word];
      });
      return withMaskPlaceholders({ ...line, words: replaced }, masks);
    });
    second = { ...firstRead, lines };
    reread = suspects.length;
  }
  const found = findPhi(second, detector).entities;
  const residual = found.filter((e) => !masks.some((m) => coverage(e.bbox, m) >= 0.9));
  return { residual, reread };
}
