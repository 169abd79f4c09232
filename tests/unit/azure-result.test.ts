// Document Intelligence's analyzeResult → our OcrPage: units, rotated polygons, lines and blocks.
import { describe, expect, it } from 'vitest';
import type { AnalyzeResultOutput } from '@azure-rest/ai-document-intelligence';
import { fromAnalyzeResult, pixelsPerUnit, polygonBox } from '../../src/ocr/azure-result.js';

const PAGE = { width: 1700, height: 2200, dpi: 200 };

/** A result with `words` (content, polygon, offset) on `lines` (offset, length). */
function result(
  unit: 'pixel' | 'inch',
  words: Array<[string, number[], number]>,
  lines: Array<[number, number]>,
  paragraphs: Array<[number, number]> = [],
  size = { width: 1700, height: 2200 },
): Pick<AnalyzeResultOutput, 'pages' | 'paragraphs'> {
  return {
    pages: [
      {
        pageNumber: 1,
        angle: 0,
        unit,
        ...size,
        spans: [],
        words: words.map(([content, polygon, offset]) => ({
          content,
          polygon,
          confidence: 0.987,
          span: { offset, length: content.length },
        })),
        lines: lines.map(([offset, length]) => ({
          content: '',
          polygon: [],
          spans: [{ offset, length }],
        })),
      },
    ],
    paragraphs: paragraphs.map(([offset, length]) => ({
      content: '',
      spans: [{ offset, length }],
    })),
  };
}

describe('pixelsPerUnit', () => {
  it('is 1 for an image read in pixels and the page dpi for inches', () => {
    expect(pixelsPerUnit({ unit: 'pixel', width: 1700 }, PAGE)).toBe(1);
    expect(pixelsPerUnit({ unit: 'inch', width: 8.5 }, PAGE)).toBe(200);
    expect(pixelsPerUnit({ unit: 'inch' }, PAGE)).toBe(200);
    // The service saw a smaller image than the page (a resized upload): boxes scale back.
    expect(pixelsPerUnit({ unit: 'pixel', width: 850 }, PAGE)).toBe(2);
  });
});

describe('polygonBox', () => {
  it('boxes an upright quadrilateral exactly', () => {
    expect(polygonBox([10, 20, 110, 20, 110, 50, 10, 50], 1, PAGE)).toEqual({
      x: 10,
      y: 20,
      w: 100,
      h: 30,
    });
  });

  it('covers all of a word on a page rotated 30°', () => {
    const rad = (30 * Math.PI) / 180;
    const corner = (x: number, y: number) => [
      500 + x * Math.cos(rad) - y * Math.sin(rad),
      500 + x * Math.sin(rad) + y * Math.cos(rad),
    ];
    const quad = [...corner(0, 0), ...corner(200, 0), ...corner(200, 40), ...corner(0, 40)];
    const box = polygonBox(quad, 1, PAGE)!;
    for (let i = 0; i < quad.length; i += 2) {
      expect(quad[i]!).toBeGreaterThanOrEqual(box.x - 1e-9);
      expect(quad[i]!).toBeLessThanOrEqual(box.x + box.w + 1e-9);
      expect(quad[i + 1]!).toBeGreaterThanOrEqual(box.y - 1e-9);
      expect(quad[i + 1]!).toBeLessThanOrEqual(box.y + box.h + 1e-9);
    }
    expect(box.w).toBeGreaterThan(200 * Math.cos(rad));
  });

  it('clips to the page and drops degenerate polygons', () => {
    expect(polygonBox([-5, -5, 20, -5, 20, 10, -5, 10], 1, PAGE)).toEqual({
      x: 0,
      y: 0,
      w: 20,
      h: 10,
    });
    expect(polygonBox([1, 1, 1, 1], 1, PAGE)).toBeUndefined();
    expect(polygonBox([], 1, PAGE)).toBeUndefined();
  });
});

describe('fromAnalyzeResult', () => {
  it('groups words into their lines, blocks by paragraph, confidence as a percentage', () => {
    // "Patient Name: Ada\nDOB: 01/02/1960" in one paragraph, "Notes" in another.
    const page = fromAnalyzeResult(
      result(
        'pixel',
        [
          ['Patient', [100, 100, 200, 100, 200, 130, 100, 130], 0],
          ['Name:', [210, 100, 280, 100, 280, 130, 210, 130], 8],
          ['Ada', [290, 100, 340, 100, 340, 130, 290, 130], 14],
          ['DOB:', [100, 150, 160, 150, 160, 180, 100, 180], 18],
          ['01/02/1960', [170, 150, 300, 150, 300, 180, 170, 180], 23],
          ['Notes', [100, 300, 180, 300, 180, 330, 100, 330], 34],
        ],
        [
          [0, 17],
          [18, 15],
          [34, 5],
        ],
        [
          [0, 33],
          [34, 5],
        ],
      ),
      PAGE,
    );
    expect(page).toMatchObject(PAGE);
    expect(page.lines.map((l) => l.words.map((w) => w.text).join(' '))).toEqual([
      'Patient Name: Ada',
      'DOB: 01/02/1960',
      'Notes',
    ]);
    expect(page.lines.map((l) => l.block)).toEqual([0, 0, 1]);
    expect(page.lines[0]!.box).toEqual({ x: 100, y: 100, w: 240, h: 30 });
    expect(page.lines[0]!.words[0]!.confidence).toBeCloseTo(98.7, 5);
  });

  it('scales inches to page pixels', () => {
    const page = fromAnalyzeResult(
      result('inch', [['MRN', [1, 1, 1.5, 1, 1.5, 1.2, 1, 1.2], 0]], [[0, 3]], [], {
        width: 8.5,
        height: 11,
      }),
      PAGE,
    );
    const box = page.lines[0]!.words[0]!.box;
    expect(box.x).toBeCloseTo(200, 6);
    expect(box.y).toBeCloseTo(200, 6);
    expect(box.w).toBeCloseTo(100, 6);
    expect(box.h).toBeCloseTo(40, 6);
  });

  it('keeps a word outside every line as a line of its own, and drops empty words', () => {
    const page = fromAnalyzeResult(
      result(
        'pixel',
        [
          ['Alone', [10, 10, 60, 10, 60, 30, 10, 30], 50],
          ['  ', [70, 10, 80, 10, 80, 30, 70, 30], 56],
        ],
        [],
      ),
      PAGE,
    );
    expect(page.lines).toHaveLength(1);
    expect(page.lines[0]!.words.map((w) => w.text)).toEqual(['Alone']);
  });

  it('answers an empty page for a result without pages', () => {
    expect(fromAnalyzeResult({ pages: [] }, PAGE)).toEqual({ ...PAGE, lines: [] });
  });
});
