// OCR lines as strings, with the map from character offsets back to pixel boxes.
import { union, type Box } from '../imaging/geometry.js';
import type { OcrLine, OcrWord } from '../ocr/types.js';

export interface PlacedWord {
  word: OcrWord;
  /** Offset of the word's first character in the line text. */
  start: number;
  end: number;
  /** Pixels between this word and the previous one (0 for the first). */
  gapBefore: number;
}

export interface LineText {
  text: string;
  words: PlacedWord[];
  box: Box;
  block: number;
}

/** Joins a line's words with single spaces and remembers where each word sits. */
export function lineText(line: OcrLine): LineText {
  const words: PlacedWord[] = [];
  let text = '';
  let previousRight: number | undefined;
  for (const word of line.words) {
    const gapBefore = previousRight === undefined ? 0 : Math.max(0, word.box.x - previousRight);
    if (text !== '') text += ' ';
    words.push({ word, start: text.length, end: text.length + word.text.length, gapBefore });
    text += word.text;
    previousRight = word.box.x + word.box.w;
  }
  return { text, words, box: line.box, block: line.block };
}

/**
 * The part of a word's box that holds characters `[from, to)` of the word. Uses the engine's
 * character boxes when present, else splits the box in proportion to character count.
 */
export function subWordBox(word: OcrWord, from: number, to: number): Box {
  const length = word.text.length;
  if (from <= 0 && to >= length) return word.box;
  const first = word.chars?.[from];
  const last = word.chars?.[to - 1];
  if (first && last) {
    return { x: first[0], y: word.box.y, w: Math.max(1, last[1] - first[0]), h: word.box.h };
  }
  const x0 = word.box.x + (word.box.w * from) / length;
  const x1 = word.box.x + (word.box.w * to) / length;
  return { x: x0, y: word.box.y, w: x1 - x0, h: word.box.h };
}

/** The box covering characters `[start, end)` of the line, or `undefined` if they are all spaces. */
export function spanBox(line: LineText, start: number, end: number): Box | undefined {
  const pieces: Box[] = [];
  for (const placed of line.words) {
    const from = Math.max(start, placed.start) - placed.start;
    const to = Math.min(end, placed.end) - placed.start;
    if (to > from) pieces.push(subWordBox(placed.word, from, to));
  }
  return union(pieces);
}

/** Index of the word holding character `offset`, or of the next word after it. */
export function wordAt(line: LineText, offset: number): number {
  const index = line.words.findIndex((w) => w.end > offset);
  return index < 0 ? line.words.length : index;
}
