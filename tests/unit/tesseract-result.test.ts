import type Tesseract from 'tesseract.js';
import { describe, expect, it } from 'vitest';
import { toOcrPage } from '../../src/ocr/tesseract-result.js';

const bbox = (x0: number, y0: number, x1: number, y1: number) => ({ x0, y0, x1, y1 });
const word = (text: string, x0: number, symbols: number): Tesseract.Word =>
  ({
    text,
    confidence: 91,
    bbox: bbox(x0, 10, x0 + text.length * 10, 30),
    symbols: Array.from({ length: symbols }, (_, i) => ({
      text: text[i] ?? '',
      bbox: bbox(x0 + i * 10, 10, x0 + i * 10 + 8, 30),
    })),
  }) as unknown as Tesseract.Word;

const blocks = (words: Tesseract.Word[][]) =>
  words.map((lineWords) => ({
    paragraphs: [{ lines: [{ bbox: bbox(0, 10, 500, 30), words: lineWords }] }],
  })) as unknown as Tesseract.Block[];

describe('toOcrPage', () => {
  it('keeps lines, block indexes, boxes, confidences and character extents', () => {
    const page = toOcrPage(blocks([[word('Name:', 0, 5), word('Ann', 60, 3)], [word('x', 0, 1)]]), {
      width: 600,
      height: 100,
      dpi: 300,
    });
    expect(page.lines).toHaveLength(2);
    expect(page.lines[1]?.block).toBe(1);
    expect(page.lines[0]?.words[1]).toEqual({
      text: 'Ann',
      box: { x: 60, y: 10, w: 30, h: 20 },
      confidence: 91,
      chars: [
        [60, 68],
        [70, 78],
        [80, 88],
      ],
    });
  });

  it('drops character extents that do not line up with the text, and empty words', () => {
    const page = toOcrPage(blocks([[word('Ann', 0, 2), word('  ', 40, 0)]]), {
      width: 100,
      height: 100,
      dpi: 300,
    });
    expect(page.lines[0]?.words).toEqual([
      { text: 'Ann', box: { x: 0, y: 10, w: 30, h: 20 }, confidence: 91 },
    ]);
  });

  it('handles a page with no blocks', () => {
    expect(toOcrPage(null, { width: 1, height: 1, dpi: 300 }).lines).toEqual([]);
  });
});
