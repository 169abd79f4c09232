// Hand-built OCR output for detector tests: words laid out left to right with simple geometry.
import type { OcrLine, OcrPage, OcrWord } from '../../src/ocr/types.js';
import { findPhi } from '../../src/phi/detect.js';
import { detectorSettingsFor, loadPhiSettings } from '../../src/phi/detector.js';

export interface LineOptions {
  y?: number;
  x?: number;
  block?: number;
  /** Character extents on (default) or off. */
  chars?: boolean;
  /** Confidence per word, by word index; 95 otherwise. */
  confidence?: Record<number, number>;
}

/**
 * A line of words, 10 px per character, 20 px high. Three or more spaces in `text` make a column
 * gap of 200 px, as between form columns.
 */
export function ocrLine(text: string, options: LineOptions = {}): OcrLine {
  let x = options.x ?? 0;
  const y = options.y ?? 0;
  const words: OcrWord[] = [];
  for (const [i, part] of text.split(/( {3,}| )/).entries()) {
    if (part === ' ') {
      x += 10;
      continue;
    }
    if (/^ {3,}$/.test(part)) {
      x += 200;
      continue;
    }
    if (part === '') continue;
    const index = words.length;
    words.push({
      text: part,
      box: { x, y, w: part.length * 10, h: 20 },
      confidence: options.confidence?.[index] ?? 95,
      ...(options.chars !== false && {
        chars: [...part].map((_, c): [number, number] => [x + c * 10, x + c * 10 + 9]),
      }),
    });
    x += part.length * 10;
    void i;
  }
  const first = words[0]?.box.x ?? 0;
  return { box: { x: first, y, w: x - first, h: 20 }, block: options.block ?? 0, words };
}

/** A page of lines stacked 40 px apart (or at their own `y`). */
export function ocrPage(lines: Array<string | [string, LineOptions]>): OcrPage {
  return {
    width: 2000,
    height: 2000,
    dpi: 300,
    lines: lines.map((entry, i) => {
      const [text, options] = typeof entry === 'string' ? [entry, {}] : entry;
      return ocrLine(text, { y: i * 40, ...options });
    }),
  };
}

const builtinSettings = loadPhiSettings({ packFiles: [] });

/** The redacted text of a page of these lines, under the built-in rules and default options. */
export function redactLines(...lines: Array<string | [string, LineOptions]>): string {
  return findPhi(ocrPage(lines), detectorSettingsFor(builtinSettings, {})).redactedText;
}
