// Converts a Document Intelligence `prebuilt-read` analyzeResult into our OcrPage shape.
import type { AnalyzeResultOutput, DocumentPageOutput } from '@azure-rest/ai-document-intelligence';
import { union, type Box } from '../imaging/geometry.js';
import type { OcrLine, OcrPage, OcrWord } from './types.js';

interface Span {
  offset: number;
  length: number;
}

/** Page units per page pixel: `unit` is `pixel` for images and `inch` for PDF pages. */
export function pixelsPerUnit(
  analysed: Pick<DocumentPageOutput, 'unit' | 'width'>,
  page: { width: number; dpi: number },
): number {
  // The service's own width is the truth when it gives one: the ratio covers both units.
  if (analysed.width !== undefined && analysed.width > 0) return page.width / analysed.width;
  return analysed.unit === 'inch' ? page.dpi : 1;
}

/**
 * The axis-aligned box around a polygon `[x1, y1, x2, y2, …]`, scaled to page pixels and clipped
 * to the page. A word on a rotated page has a rotated quadrilateral: its box covers all of it.
 */
export function polygonBox(
  polygon: readonly number[],
  scale: number,
  page: { width: number; height: number },
): Box | undefined {
  if (polygon.length < 4) return undefined;
  const xs = polygon.filter((_, i) => i % 2 === 0).map((v) => v * scale);
  const ys = polygon.filter((_, i) => i % 2 === 1).map((v) => v * scale);
  const x0 = Math.max(0, Math.min(...xs));
  const y0 = Math.max(0, Math.min(...ys));
  const x1 = Math.min(page.width, Math.max(...xs));
  const y1 = Math.min(page.height, Math.max(...ys));
  if (!(x1 > x0 && y1 > y0)) return undefined;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

const within = (offset: number, spans: readonly Span[]) =>
  spans.some((s) => offset >= s.offset && offset < s.offset + s.length);

/** Index of the first span list (paragraphs, lines) holding `offset`, or -1. */
const indexHolding = (offset: number, owners: readonly { spans: readonly Span[] }[]) =>
  owners.findIndex((o) => within(offset, o.spans));

/**
 * Our page from the first analysed page of `result` (we send one page image per call). Words are
 * grouped into the service's lines by their spans; a line's block is the paragraph that holds it,
 * so form cells stay apart as with tesseract's blocks. Confidence 0–1 becomes 0–100.
 */
export function fromAnalyzeResult(
  result: Pick<AnalyzeResultOutput, 'pages' | 'paragraphs'>,
  page: { width: number; height: number; dpi: number },
): OcrPage {
  const analysed = result.pages[0];
  if (!analysed) return { ...page, lines: [] };
  const scale = pixelsPerUnit(analysed, page);
  const paragraphs = result.paragraphs ?? [];
  const serviceLines = analysed.lines ?? [];
  const grouped = serviceLines.map(() => [] as OcrWord[]);
  const loose: OcrWord[][] = [];
  for (const word of analysed.words ?? []) {
    const text = word.content.trim();
    const box = word.polygon && polygonBox(word.polygon, scale, page);
    if (text === '' || !box) continue;
    const ocrWord: OcrWord = { text, box, confidence: Math.round(word.confidence * 1000) / 10 };
    const line = indexHolding(word.span.offset, serviceLines);
    if (line >= 0) grouped[line]?.push(ocrWord);
    else loose.push([ocrWord]);
  }
  let nextBlock = paragraphs.length;
  const lines: OcrLine[] = [];
  const push = (words: OcrWord[], offset: number | undefined) => {
    if (words.length === 0) return;
    const paragraph = offset === undefined ? -1 : indexHolding(offset, paragraphs);
    lines.push({
      box: union(words.map((w) => w.box)) as Box,
      block: paragraph >= 0 ? paragraph : nextBlock++,
      words,
    });
  };
  serviceLines.forEach((line, i) => push(grouped[i] ?? [], line.spans[0]?.offset));
  for (const words of loose) push(words, undefined);
  return { ...page, lines };
}
