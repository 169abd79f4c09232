// A page's text at two levels: OCR lines, and blocks (a paragraph's lines joined, so PHI that
// wraps onto the next line is one match) with the map back to lines.
import type { OcrPage } from '../ocr/types.js';
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

/** Builds lines and blocks; consecutive lines of one OCR block form one block of text. */
export function pageText(page: OcrPage): PageText {
  const lines = page.lines.map(lineText);
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
