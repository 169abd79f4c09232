// Converts native Tesseract's TSV output (`tesseract … tsv`) into our OcrPage shape: the same
// blocks → lines → words as tesseract.js gives, without character boxes (TSV has none, so a
// partial word is masked in proportion to its characters, as for any engine without them).
import type { OcrLine, OcrPage } from './types.js';

/** TSV levels: 1 page, 2 block, 3 paragraph, 4 line, 5 word. */
const LINE = 4;
const WORD = 5;
const COLUMNS = [
  'level',
  'page_num',
  'block_num',
  'par_num',
  'line_num',
  'word_num',
  'left',
  'top',
  'width',
  'height',
  'conf',
  'text',
] as const;

/** Thrown when the output is not Tesseract's TSV: the engine is broken, not the page. */
export class TesseractTsvError extends Error {
  override readonly name = 'TesseractTsvError';
}

export function fromTesseractTsv(
  tsv: string,
  page: { width: number; height: number; dpi: number },
): OcrPage {
  const [header, ...rows] = tsv.split('\n');
  if (header?.trim() !== COLUMNS.join('\t')) {
    throw new TesseractTsvError('tesseract did not answer with its TSV header');
  }
  const lines: OcrLine[] = [];
  const byKey = new Map<string, OcrLine>();
  for (const row of rows) {
    if (row.trim() === '') continue;
    const cells = row.split('\t');
    if (cells.length < COLUMNS.length) throw new TesseractTsvError('a TSV row is short');
    const n = (column: number) => Number(cells[column]);
    const [level, block, paragraph, line] = [n(0), n(2), n(3), n(4)];
    // A word's text may itself hold no tab, but keep whatever follows the eleventh tab.
    const text = cells
      .slice(COLUMNS.length - 1)
      .join('\t')
      .trim();
    const box = { x: n(6), y: n(7), w: n(8), h: n(9) };
    const key = `${block}.${paragraph}.${line}`;
    if (level === LINE) {
      const entry: OcrLine = { box, block: block - 1, words: [] };
      byKey.set(key, entry);
      lines.push(entry);
    } else if (level === WORD && text !== '') {
      byKey.get(key)?.words.push({ text, box, confidence: Math.max(0, n(10)) });
    }
  }
  return { ...page, lines: lines.filter((l) => l.words.length > 0) };
}
