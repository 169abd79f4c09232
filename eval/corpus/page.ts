// Page building in points (1/72 in, origin top-left): placed words and filled rules, no pixels.
import { measure, type FaceName } from './fonts.js';
import { toWords, type Inline, type Word } from './segments.js';

/** How a piece of text is set. */
export interface TextStyle {
  face: FaceName;
  /** Font size in points. */
  size: number;
  /** CSS colour; black when absent. */
  fill?: string;
}

/** A word placed on a page. */
export interface PlacedWord extends Word {
  x: number;
  baseline: number;
  size: number;
  face: FaceName;
  fill: string;
}

/** A filled rectangle: form rules, box outlines, checkbox squares. */
export interface Rule {
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
}

/** A finished page in points. */
export interface PageSpec {
  width: number;
  height: number;
  words: PlacedWord[];
  rules: Rule[];
}

/** US letter in points. */
export const LETTER = { width: 612, height: 792 } as const;

/** Width of a space in a style. */
export function spaceWidth(style: TextStyle): number {
  return measure(style.face, ' ', style.size);
}

/** Width of words set on one line, separated by single spaces. */
export function wordsWidth(words: readonly Word[], style: TextStyle): number {
  if (words.length === 0) return 0;
  const inner = words.reduce((sum, w) => sum + measure(style.face, w.text, style.size), 0);
  return inner + spaceWidth(style) * (words.length - 1);
}

/** Width of inline content on one line. */
export function textWidth(inline: Inline, style: TextStyle): number {
  return wordsWidth(toWords(inline), style);
}

/**
 * Greedy line breaking. A word wider than the line (a URL, a UDI) is broken between characters,
 * as EHR printouts do; every piece keeps the word's labels.
 */
export function wrap(words: readonly Word[], width: number, style: TextStyle): Word[][] {
  const lines: Word[][] = [];
  let line: Word[] = [];
  let x = 0;
  const space = spaceWidth(style);
  for (const word of words.flatMap((w) => breakWord(w, width, style))) {
    const w = measure(style.face, word.text, style.size);
    if (line.length > 0 && x + space + w > width) {
      lines.push(line);
      line = [];
      x = 0;
    }
    x += (line.length > 0 ? space : 0) + w;
    line.push(word);
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

function breakWord(word: Word, width: number, style: TextStyle): Word[] {
  if (measure(style.face, word.text, style.size) <= width) return [word];
  const pieces: Word[] = [];
  let text = '';
  for (const char of word.text) {
    if (text && measure(style.face, text + char, style.size) > width) {
      pieces.push({ ...word, text });
      text = '';
    }
    text += char;
  }
  if (text) pieces.push({ ...word, text });
  return pieces;
}

/** The largest size not above `style.size` (and not below `minSize`) at which text fits. */
export function fitStyle(
  inline: Inline,
  style: TextStyle,
  width: number,
  minSize: number,
): TextStyle {
  const natural = textWidth(inline, style);
  if (natural <= width) return style;
  return { ...style, size: Math.max(minSize, (style.size * width) / natural) };
}

/** Collects what is drawn on one page. */
export class PageBuilder {
  readonly words: PlacedWord[] = [];
  readonly rules: Rule[] = [];

  constructor(
    readonly width: number,
    readonly height: number,
  ) {}

  /** Sets words left to right from `x`; returns the x after the last word. */
  put(inline: Inline, x: number, baseline: number, style: TextStyle): number {
    return this.putWords(toWords(inline), x, baseline, style);
  }

  /** Sets already-split words left to right from `x`; returns the x after the last word. */
  putWords(words: readonly Word[], x: number, baseline: number, style: TextStyle): number {
    const space = spaceWidth(style);
    let pen = x;
    words.forEach((word, i) => {
      if (i > 0) pen += space;
      this.words.push({
        ...word,
        x: pen,
        baseline,
        size: style.size,
        face: style.face,
        fill: style.fill ?? '#000',
      });
      pen += measure(style.face, word.text, style.size);
    });
    return pen;
  }

  /** Sets text ending at `right`. */
  putRight(inline: Inline, right: number, baseline: number, style: TextStyle): number {
    const words = toWords(inline);
    return this.putWords(words, right - wordsWidth(words, style), baseline, style);
  }

  /** Sets text centred on `centre`. */
  putCentred(inline: Inline, centre: number, baseline: number, style: TextStyle): number {
    const words = toWords(inline);
    return this.putWords(words, centre - wordsWidth(words, style) / 2, baseline, style);
  }

  /** A filled rectangle. */
  rule(x: number, y: number, w: number, h: number, fill = '#000'): void {
    this.rules.push({ x, y, w, h, fill });
  }

  /** The outline of a rectangle, drawn as four thin rules. */
  frame(x: number, y: number, w: number, h: number, thickness = 0.6, fill = '#000'): void {
    this.rule(x, y, w, thickness, fill);
    this.rule(x, y + h - thickness, w, thickness, fill);
    this.rule(x, y, thickness, h, fill);
    this.rule(x + w - thickness, y, thickness, h, fill);
  }

  /** A checkbox on a baseline, ticked with an "X" word; returns the x after it. */
  checkbox(x: number, baseline: number, style: TextStyle, checked: boolean): number {
    const side = style.size * 0.72;
    this.frame(x, baseline - side, side, side, 0.6, style.fill);
    if (checked) {
      const mark: TextStyle = { ...style, size: style.size * 0.8 };
      this.putCentred('X', x + side / 2, baseline - side * 0.12, mark);
    }
    return x + side + spaceWidth(style) * 0.8;
  }

  /** The finished page. */
  toSpec(): PageSpec {
    return { width: this.width, height: this.height, words: this.words, rules: this.rules };
  }
}
