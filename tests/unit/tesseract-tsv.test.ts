// fromTesseractTsv: native Tesseract's TSV into lines and words, as tesseract.js gives them.
import { describe, expect, it } from 'vitest';
import { fromTesseractTsv, TesseractTsvError } from '../../src/ocr/tesseract-tsv.js';

const HEADER =
  'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
const row = (...cells: Array<string | number>) => cells.join('\t');
const PAGE = { width: 1700, height: 2200, dpi: 300 };

describe('fromTesseractTsv', () => {
  it('keeps lines with their block and words with boxes and confidence', () => {
    const tsv = [
      HEADER,
      row(1, 1, 0, 0, 0, 0, 0, 0, 1700, 2200, -1, ''),
      row(2, 1, 1, 0, 0, 0, 100, 100, 500, 60, -1, ''),
      row(3, 1, 1, 1, 0, 0, 100, 100, 500, 60, -1, ''),
      row(4, 1, 1, 1, 1, 0, 100, 100, 400, 26, -1, ''),
      row(5, 1, 1, 1, 1, 1, 100, 100, 120, 26, 96.5, 'Patient'),
      row(5, 1, 1, 1, 1, 2, 230, 101, 90, 25, 91, 'Okafor'),
      row(4, 1, 1, 1, 2, 0, 100, 140, 10, 20, -1, ''),
      row(5, 1, 1, 1, 2, 1, 100, 140, 10, 20, 95, ' '),
      row(2, 1, 2, 0, 0, 0, 100, 300, 300, 30, -1, ''),
      row(3, 1, 2, 1, 0, 0, 100, 300, 300, 30, -1, ''),
      row(4, 1, 2, 1, 1, 0, 100, 300, 300, 30, -1, ''),
      row(5, 1, 2, 1, 1, 1, 100, 300, 300, 30, -1, '1971-09-30'),
      '',
    ].join('\n');
    expect(fromTesseractTsv(tsv, PAGE)).toEqual({
      ...PAGE,
      lines: [
        {
          box: { x: 100, y: 100, w: 400, h: 26 },
          block: 0,
          words: [
            { text: 'Patient', box: { x: 100, y: 100, w: 120, h: 26 }, confidence: 96.5 },
            { text: 'Okafor', box: { x: 230, y: 101, w: 90, h: 25 }, confidence: 91 },
          ],
        },
        {
          box: { x: 100, y: 300, w: 300, h: 30 },
          block: 1,
          words: [{ text: '1971-09-30', box: { x: 100, y: 300, w: 300, h: 30 }, confidence: 0 }],
        },
      ],
    });
  });

  it('gives an empty page for a page with no words', () => {
    expect(
      fromTesseractTsv(`${HEADER}\n${row(1, 1, 0, 0, 0, 0, 0, 0, 1700, 2200, -1, '')}\n`, PAGE),
    ).toEqual({ ...PAGE, lines: [] });
  });

  it('refuses output that is not TSV, or a short row, with a typed error', () => {
    expect(() => fromTesseractTsv('Patient Okafor\n', PAGE)).toThrow(TesseractTsvError);
    expect(() => fromTesseractTsv(`${HEADER}\n5\t1\t1`, PAGE)).toThrow(TesseractTsvError);
  });
});
