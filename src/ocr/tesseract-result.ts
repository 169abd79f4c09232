// Converts tesseract.js block output into our OcrPage shape.
import type Tesseract from 'tesseract.js';
import { fromCorners } from '../imaging/geometry.js';
import type { OcrLine, OcrPage, OcrWord } from './types.js';

type Bbox = Tesseract.Bbox;
const box = (b: Bbox) => fromCorners(b.x0, b.y0, b.x1, b.y1);

function toWord(word: Tesseract.Word): OcrWord | undefined {
  const text = word.text.trim();
  if (text === '') return undefined;
  // Symbol boxes give sub-word geometry only when they line up one-to-one with the characters.
  const chars =
    word.symbols.length === [...text].length
      ? word.symbols.map((s): [number, number] => [s.bbox.x0, s.bbox.x1])
      : undefined;
  return { text, box: box(word.bbox), confidence: word.confidence, ...(chars && { chars }) };
}

/** Flattens tesseract's blocks → paragraphs → lines → words into lines tagged with their block. */
export function toOcrPage(
  blocks: readonly Tesseract.Block[] | null,
  page: { width: number; height: number; dpi: number },
): OcrPage {
  const lines: OcrLine[] = [];
  (blocks ?? []).forEach((block, blockIndex) => {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const words = line.words.map(toWord).filter((w): w is OcrWord => w !== undefined);
        if (words.length > 0) lines.push({ box: box(line.bbox), block: blockIndex, words });
      }
    }
  });
  return { ...page, lines };
}
