// Sets tagged words as running text on pages, in points: wraps lines, stacks blocks, paginates.
// Pure; the widths come from the same glyph layout that draws the page, so ink and layout agree.
import type { Box } from '../../src/imaging/geometry.js';
import { layoutGlyphs } from '../../tests/fixtures/draw.js';
import type { DecoyKind, PhiTag } from '../corpus/types.js';
import { faceStack, type FaceId } from './faces.js';

/** One word to set (no spaces) with its truth. */
export interface Token {
  text: string;
  phi?: PhiTag;
  decoy?: DecoyKind;
}

/** A paragraph: hard lines, each wrapped to the text width. A block never breaks across pages. */
export interface Block {
  lines: Token[][];
  face?: FaceId;
  /** Font size in points. */
  size?: number;
  align?: 'left' | 'right';
  /** Space above the block, in line heights (default 0.7). */
  gapBefore?: number;
  /** Left indent in points. */
  indent?: number;
  /** Draws a thin frame this many points around the block (an image border, a form box). */
  framePadding?: number;
}

/** Page geometry and default type, in points. */
export interface PageFrame {
  width: number;
  height: number;
  margin: number;
  face: FaceId;
  size: number;
  /** Line height as a multiple of the font size. */
  leading: number;
}

/** A word at its place, in points. */
export interface PlacedWord extends Token {
  x: number;
  baseline: number;
  size: number;
  face: FaceId;
}

/** One laid-out page, in points. */
export interface PlacedPage {
  width: number;
  height: number;
  words: PlacedWord[];
  /** Filled rectangles (frame lines). */
  rules: Box[];
}

const advances = new Map<string, number>();

/** Advance width of `text` set in `face` at `size` (cached: layout measures every word often). */
export function advance(face: FaceId, text: string, size: number): number {
  const key = `${face}\u0000${size}\u0000${text}`;
  let width = advances.get(key);
  if (width === undefined) {
    width = layoutGlyphs({ text, x: 0, baseline: 0, size, font: faceStack(face) }).width;
    advances.set(key, width);
  }
  return width;
}

interface SetLine {
  tokens: Token[];
  width: number;
}

/** Greedy word wrap of one hard line; a word wider than the line stands alone. */
function wrap(tokens: readonly Token[], face: FaceId, size: number, width: number): SetLine[] {
  const space = advance(face, ' ', size);
  const lines: SetLine[] = [];
  let current: SetLine = { tokens: [], width: 0 };
  for (const token of tokens) {
    const w = advance(face, token.text, size);
    const next = current.tokens.length === 0 ? w : current.width + space + w;
    if (current.tokens.length > 0 && next > width) {
      lines.push(current);
      current = { tokens: [token], width: w };
    } else {
      current.tokens.push(token);
      current.width = next;
    }
  }
  lines.push(current);
  return lines;
}

const RULE = 0.75;

/**
 * Places blocks top to bottom, starting a new page when the next block does not fit.
 * Throws when one block is taller than a page.
 */
export function paginate(blocks: readonly Block[], frame: PageFrame): PlacedPage[] {
  const pages: PlacedPage[] = [];
  const textWidth = frame.width - 2 * frame.margin;
  const bottom = frame.height - frame.margin;
  let page: PlacedPage | undefined;
  let y = 0;
  const newPage = () => {
    page = { width: frame.width, height: frame.height, words: [], rules: [] };
    pages.push(page);
    y = frame.margin;
  };
  for (const block of blocks) {
    const face = block.face ?? frame.face;
    const size = block.size ?? frame.size;
    const lineHeight = size * frame.leading;
    const indent = block.indent ?? 0;
    const pad = block.framePadding ?? 0;
    const width = textWidth - indent - 2 * pad;
    const lines = block.lines.flatMap((line) => wrap(line, face, size, width));
    const height = lines.length * lineHeight + 2 * pad;
    const gap = (block.gapBefore ?? 0.7) * lineHeight;
    if (height > bottom - frame.margin) throw new Error('a block is taller than the page');
    if (!page || (page.words.length > 0 && y + gap + height > bottom)) newPage();
    if (!page) throw new Error('unreachable: no page');
    if (page.words.length > 0) y += gap;
    const left = frame.margin + indent;
    if (pad > 0) {
      const w = textWidth - indent;
      page.rules.push(
        { x: left, y, w, h: RULE },
        { x: left, y: y + height - RULE, w, h: RULE },
        { x: left, y, w: RULE, h: height },
        { x: left + w - RULE, y, w: RULE, h: height },
      );
    }
    const space = advance(face, ' ', size);
    lines.forEach((line, i) => {
      // The baseline sits just under one em below the line's top: ascenders fit, descenders too.
      const baseline = y + pad + i * lineHeight + size * 0.95;
      let x = block.align === 'right' ? left + pad + width - line.width : left + pad;
      for (const token of line.tokens) {
        page?.words.push({ ...token, x, baseline, size, face });
        x += advance(face, token.text, size) + space;
      }
    });
    y += height;
  }
  return pages;
}
