import { describe, expect, it } from 'vitest';
import type { OcrLine, OcrPage, OcrWord } from '../../src/ocr/types.js';
import { detectPhi, mergeSpans } from '../../src/phi/detect.js';
import { lineText, spanBox } from '../../src/phi/line-text.js';
import { compilePacks, loadBuiltinPack } from '../../src/phi/pack.js';

const pack = compilePacks([loadBuiltinPack()]);

/** A line of words laid out left to right, 10 px per character and 10 px per space. */
function line(text: string, y = 0, block = 0, withChars = true): OcrLine {
  let x = 0;
  const words: OcrWord[] = text.split(' ').map((t) => {
    const word: OcrWord = {
      text: t,
      box: { x, y, w: t.length * 10, h: 20 },
      confidence: 95,
      ...(withChars && {
        chars: [...t].map((_, i): [number, number] => [x + i * 10, x + i * 10 + 9]),
      }),
    };
    x += t.length * 10 + 10;
    return word;
  });
  return { box: { x: 0, y, w: x - 10, h: 20 }, block, words };
}

const page = (lines: OcrLine[]): OcrPage => ({ width: 1000, height: 1000, dpi: 300, lines });

describe('spanBox', () => {
  it('covers whole words and the space between them', () => {
    const l = lineText(line('Name: John Smith'));
    expect(spanBox(l, 6, 16)).toEqual({ x: 60, y: 0, w: 100, h: 20 });
  });

  it('splits a glued token by character boxes ("Name:John" masks only "John")', () => {
    const l = lineText(line('Name:John'));
    expect(spanBox(l, 5, 9)).toEqual({ x: 50, y: 0, w: 39, h: 20 });
  });

  it('splits proportionally when the engine gave no character boxes', () => {
    const l = lineText(line('Name:John', 0, 0, false));
    expect(spanBox(l, 5, 9)).toEqual({ x: 50, y: 0, w: 40, h: 20 });
  });
});

describe('detectPhi', () => {
  it('finds pattern and label entities with their boxes and replaces them in the text', () => {
    const result = detectPhi(
      page([
        line('Patient Name: John Smith'),
        line('SSN: 512-48-3391 seen 03/14/2020', 40),
        line('Plan: 500 mg daily', 80, 1),
      ]),
      pack,
    );
    expect(result.entities.map((e) => [e.category, e.detector, e.bbox.x, e.bbox.y])).toEqual([
      ['NAME', 'label', 140, 0],
      ['SSN', 'pattern', 50, 40],
      ['DATE', 'pattern', 220, 40],
    ]);
    expect(result.redactedText).toBe(
      'Patient Name: [NAME]\nSSN: [SSN] seen [DATE]\n\nPlan: 500 mg daily',
    );
  });

  it('masks only the selected categories', () => {
    const result = detectPhi(page([line('SSN: 512-48-3391 seen 03/14/2020')]), pack, {
      categories: ['DATE'],
    });
    expect(result.entities.map((e) => e.category)).toEqual(['DATE']);
    expect(result.redactedText).toBe('SSN: 512-48-3391 seen [DATE]');
  });

  it('returns no entities for a page without PHI', () => {
    expect(
      detectPhi(page([line('Assessment: hypertension, lisinopril 10 mg daily')]), pack).entities,
    ).toEqual([]);
  });
});

describe('mergeSpans', () => {
  it('merges overlaps and keeps the most confident category', () => {
    expect(
      mergeSpans([
        { start: 0, end: 5, category: 'NAME', confidence: 0.6, detector: 'label' },
        { start: 3, end: 9, category: 'SSN', confidence: 0.95, detector: 'pattern' },
        { start: 12, end: 14, category: 'DATE', confidence: 0.9, detector: 'pattern' },
      ]),
    ).toEqual([
      { start: 0, end: 9, category: 'SSN', confidence: 0.95, detector: 'pattern' },
      { start: 12, end: 14, category: 'DATE', confidence: 0.9, detector: 'pattern' },
    ]);
  });
});
