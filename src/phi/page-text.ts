// A page's text at two levels: OCR lines, and blocks (a paragraph's lines joined, so PHI that
// wraps onto the next line is one match) with the map back to lines.
import { right, sameRow, union } from '../imaging/geometry.js';
import type { OcrLine, OcrPage } from '../ocr/types.js';
import { lineText, type LineText } from './line-text.js';
import type { Span } from './span.js';

export interface BlockText {
  text: string;
  /** Where each line sits in `text`. */
  parts: Array<{ line: number; offset: number; length: number }>;
}

export interface PageText {
  lines: LineText[];
  blocks: BlockText[];
  width: number;
}

/**
 * The line that continues `line` on its row: it starts to the right, less than a line height
 * after `line` ends (a word space or two, not a column gap).
 */
function continuation(line: OcrLine, lines: readonly OcrLine[]): OcrLine | undefined {
  let best: OcrLine | undefined;
  for (const other of lines) {
    const gap = other.box.x - right(line.box);
    if (other === line || gap < 0 || gap > line.box.h || !sameRow(line.box, other.box)) continue;
    if (!best || other.box.x < best.box.x) best = other;
  }
  return best;
}

/**
 * Lines with the pieces OCR split off them put back: the engine sometimes reads the end of a
 * printed line as a block of its own ("SIGNED … DATE 03" and "20 25"), which would cut a value
 * from its label. Each piece joins the line it continues, in reading order.
 */
export function joinSplitLines(lines: readonly OcrLine[]): OcrLine[] {
  const next = new Map<OcrLine, OcrLine>();
  const pieces = new Set<OcrLine>();
  for (const line of lines) {
    const piece = continuation(line, lines);
    if (piece && !pieces.has(piece)) {
      next.set(line, piece);
      pieces.add(piece);
    }
  }
  // Pieces lie strictly to the right of the line they continue, so every chain ends.
  return lines
    .filter((line) => !pieces.has(line))
    .map((line) => {
      let joined = line;
      for (let piece = next.get(line); piece; piece = next.get(piece))
        joined = {
          ...joined,
          box: union([joined.box, piece.box]) ?? joined.box,
          words: [...joined.words, ...piece.words],
        };
      return joined;
    });
}

/** Builds lines and blocks; consecutive lines of one OCR block form one block of text. */
export function pageText(page: OcrPage): PageText {
  const lines = joinSplitLines(page.lines).map(lineText);
  const blocks: BlockText[] = [];
  lines.forEach((line, index) => {
    const current = blocks.at(-1);
    const previous = lines[index - 1];
    if (current && previous && previous.block === line.block) {
      current.parts.push({
        line: index,
        offset: current.text.length + 1,
        length: line.text.length,
      });
      current.text += ` ${line.text}`;
    } else {
      blocks.push({
        text: line.text,
        parts: [{ line: index, offset: 0, length: line.text.length }],
      });
    }
  });
  return { lines, blocks, width: page.width };
}

/** A match in a block's text, cut into the pieces that fall on each line. */
export function toLineSpans(block: BlockText, span: Omit<Span, 'line'>): Span[] {
  const pieces: Span[] = [];
  for (const part of block.parts) {
    const start = Math.max(span.start, part.offset) - part.offset;
    const end = Math.min(span.end, part.offset + part.length) - part.offset;
    if (end > start) pieces.push({ ...span, line: part.line, start, end });
  }
  return pieces;
}
