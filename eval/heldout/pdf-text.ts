// PDFs with a live text layer: sheets set in the standard Helvetica fonts by pdf-lib; truth is the
// same sheet laid out with Liberation Sans (what pdfjs draws for them, unkerned) at 300 dpi.
import { PDFDocument, rgb, StandardFonts, type PDFFont, type RGB } from 'pdf-lib';
import type { TruthPage } from '../corpus/types.js';
import { pathData } from './affine.js';
import { measure, PDF_FACES } from './fonts.js';
import { sheetSvg } from './render.js';
import type { Sheet, SheetWord } from './sheet.js';

/** The resolution text-PDF truth is given at (the service's default PDF_DPI). */
export const TEXT_PDF_DPI = 300;

/** Words drawn as one string: same line, face, size and colour, exactly one space apart. */
function runs(words: readonly SheetWord[]): SheetWord[][] {
  const out: SheetWord[][] = [];
  let run: SheetWord[] = [];
  let end = 0;
  for (const w of words) {
    const last = run[run.length - 1];
    const joins =
      last !== undefined &&
      last.baseline === w.baseline &&
      last.face === w.face &&
      last.size === w.size &&
      last.fill === w.fill &&
      Math.abs(end + measure(w.face, ' ', w.size) - w.x) < 0.01;
    if (!joins && run.length > 0) {
      out.push(run);
      run = [];
    }
    run.push(w);
    end = w.x + measure(w.face, w.text, w.size);
  }
  if (run.length > 0) out.push(run);
  return out;
}

function colour(css: string): RGB {
  const n = parseInt(/^#([0-9a-f]{6})$/i.exec(css)?.[1] ?? '000000', 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/** Writes sheets as a PDF with a text layer; returns the bytes and truth at `TEXT_PDF_DPI`. */
export async function encodeTextPdf(
  sheets: readonly Sheet[],
): Promise<{ bytes: Buffer; pages: TruthPage[] }> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const fonts: Record<string, PDFFont> = {
    helvetica: await pdf.embedFont(StandardFonts.Helvetica),
    helveticaBold: await pdf.embedFont(StandardFonts.HelveticaBold),
  };
  const pages: TruthPage[] = [];
  for (const sheet of sheets) {
    if (sheet.backdrop || sheet.words.some((w) => !PDF_FACES.has(w.face) || w.tilt !== 0))
      throw new Error('text PDFs hold upright Helvetica text on plain pages only');
    const page = pdf.addPage([sheet.width, sheet.height]);
    for (const shape of sheet.shapes)
      page.drawSvgPath(pathData(shape.commands), {
        x: 0,
        y: sheet.height,
        color: colour(shape.fill),
        borderWidth: 0,
      });
    for (const run of runs(sheet.words)) {
      const first = run[0];
      const font = first && fonts[first.face];
      if (!first || !font) continue;
      page.drawText(run.map((w) => w.text).join(' '), {
        x: first.x,
        y: sheet.height - first.baseline,
        size: first.size,
        font,
        color: colour(first.fill),
      });
    }
    pages.push(sheetSvg(sheet, TEXT_PDF_DPI).truth);
  }
  return { bytes: Buffer.from(await pdf.save()), pages };
}
