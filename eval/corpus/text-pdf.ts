// PDFs with a live text layer: words drawn with the standard Helvetica font by pdf-lib, and truth
// computed as pdfjs renders them (Liberation Sans outlines at the service's 300 dpi).
import { PDFDocument, rgb, StandardFonts, type RGB } from 'pdf-lib';
import type { Box } from '../../src/imaging/geometry.js';
import { measure, wordInk } from './fonts.js';
import type { PageSpec, PlacedWord } from './page.js';
import type { TruthPage, TruthWord } from './types.js';

/** The resolution text-PDF truth is given at (the service's default PDF_DPI). */
export const TEXT_PDF_DPI = 300;

/** Truth for one page of a text PDF, in pixels at `TEXT_PDF_DPI`. */
export function textPdfTruth(spec: PageSpec): TruthPage {
  const s = TEXT_PDF_DPI / 72;
  const words: TruthWord[] = [];
  for (const w of spec.words) {
    const ink = wordInk('helvetica', w.text, w.x * s, w.baseline * s, w.size * s);
    if (!ink.box) continue;
    words.push({
      text: w.text,
      box: ink.box,
      ...(w.phi && { phi: w.phi }),
      ...(w.decoy && { decoy: w.decoy }),
    });
  }
  const rules = spec.rules.map((r): Box => ({ x: r.x * s, y: r.y * s, w: r.w * s, h: r.h * s }));
  return {
    width: Math.ceil(spec.width * s),
    height: Math.ceil(spec.height * s),
    dpi: TEXT_PDF_DPI,
    words,
    rules,
  };
}

/** Groups words drawn as one string: same line, style and exactly one space apart. */
export function textRuns(words: readonly PlacedWord[]): PlacedWord[][] {
  const runs: PlacedWord[][] = [];
  let run: PlacedWord[] = [];
  let end = 0;
  for (const w of words) {
    const last = run[run.length - 1];
    const joins =
      last !== undefined &&
      last.baseline === w.baseline &&
      last.size === w.size &&
      last.fill === w.fill &&
      Math.abs(end + measure('helvetica', ' ', w.size) - w.x) < 0.01;
    if (!joins && run.length > 0) {
      runs.push(run);
      run = [];
    }
    run.push(w);
    end = w.x + measure('helvetica', w.text, w.size);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** Writes the pages as a PDF with Helvetica text and filled rules; returns bytes and truth. */
export async function encodeTextPdf(
  specs: readonly PageSpec[],
): Promise<{ bytes: Buffer; pages: TruthPage[] }> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const spec of specs) {
    if (spec.words.some((w) => w.face !== 'helvetica'))
      throw new Error('text PDFs are set in Helvetica only');
    const page = pdf.addPage([spec.width, spec.height]);
    for (const r of spec.rules) {
      page.drawRectangle({
        x: r.x,
        y: spec.height - r.y - r.h,
        width: r.w,
        height: r.h,
        color: colour(r.fill),
      });
    }
    for (const run of textRuns(spec.words)) {
      const first = run[0];
      if (!first) continue;
      page.drawText(run.map((w) => w.text).join(' '), {
        x: first.x,
        y: spec.height - first.baseline,
        size: first.size,
        font,
        color: colour(first.fill),
      });
    }
  }
  return { bytes: Buffer.from(await pdf.save()), pages: specs.map(textPdfTruth) };
}

function colour(css: string): RGB {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(css)?.[1] ?? '000';
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const n = parseInt(full, 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}
