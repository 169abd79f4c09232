// PDF input through pdfjs-dist: geometry from the page tree, pages rasterised one at a time.
// The text layer is never read: PDFs are OCR'd like scans, so what is seen is what is redacted.
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import {
  getDocument,
  GlobalWorkerOptions,
  type PDFDocumentProxy,
  type PDFPageProxy,
} from 'pdfjs-dist/legacy/build/pdf.mjs';
import { RedactifyError } from '../errors.js';
import { findScannedPages, type ScannedPdfPage } from './pdf-scan.js';
import {
  checkLimits,
  type DocumentReader,
  type OpenDocumentOptions,
  type PageInfo,
} from './reader.js';

const require = createRequire(import.meta.url);
const PDFJS_DIR = path.dirname(require.resolve('pdfjs-dist/package.json'));
// No worker thread in Node: pdfjs runs its worker code in-process, loaded from this file.
GlobalWorkerOptions.workerSrc = path.join(PDFJS_DIR, 'legacy', 'build', 'pdf.worker.mjs');

/** The parts of pdfjs's Node canvas factory (backed by @napi-rs/canvas) used here. */
interface CanvasAndContext {
  canvas: { width: number; height: number; data(): Buffer };
  context: unknown;
}
interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(canvasAndContext: CanvasAndContext): void;
}

type RenderParameters = Parameters<PDFPageProxy['render']>[0];

const POINTS_PER_INCH = 72;

async function loadPdf(input: Buffer, maxImagePixels: number): Promise<PDFDocumentProxy> {
  try {
    return await getDocument({
      // A copy: pdfjs may transfer (detach) the array it is given, and `input` may share memory.
      data: new Uint8Array(input),
      standardFontDataUrl: `${path.join(PDFJS_DIR, 'standard_fonts')}/`,
      cMapUrl: `${path.join(PDFJS_DIR, 'cmaps')}/`,
      isEvalSupported: false,
      enableXfa: false,
      useSystemFonts: false,
      maxImageSize: maxImagePixels,
      verbosity: 0,
    }).promise;
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'PasswordException') {
      throw new RedactifyError(
        'ENCRYPTED_PDF',
        'The PDF is password-protected; remove the password and resubmit',
      );
    }
    throw new RedactifyError('CORRUPT_INPUT', 'The PDF is damaged and cannot be read');
  }
}

/**
 * Opens a PDF. Page count and page sizes are checked against the limits before any page is
 * rendered; embedded images larger than a page's pixel limit are not decoded. Pages are rendered
 * at `pdfDpi`, except plain scans (one JPEG over the page), which are read at the scan's own
 * resolution, capped at `pdfDpi`.
 */
export async function openPdfDocument(
  input: Buffer,
  { limits, pdfDpi }: OpenDocumentOptions,
): Promise<DocumentReader> {
  const pdf = await loadPdf(input, limits.maxPagePixels);
  try {
    checkLimits(pdf.numPages, [], limits);
    const scale = pdfDpi / POINTS_PER_INCH;
    const scans = await plainScans(input, pdf.numPages, pdfDpi, limits.maxPagePixels);
    const pages: PageInfo[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const scan = scans[n - 1];
      if (scan) {
        pages.push(scan.page);
        continue;
      }
      const page = await pdf.getPage(n);
      const viewport = page.getViewport({ scale });
      pages.push({
        width: Math.ceil(viewport.width),
        height: Math.ceil(viewport.height),
        dpi: pdfDpi,
      });
      page.cleanup();
    }
    checkLimits(pdf.numPages, pages, limits);
    return {
      type: 'pdf',
      pages,
      renderPage: (index) => {
        const scan = scans[index];
        return scan ? renderScan(scan) : renderPdfPage(pdf, index, scale);
      },
      close: () => pdf.destroy(),
    };
  } catch (err) {
    await pdf.destroy();
    if (err instanceof RedactifyError) throw err;
    throw new RedactifyError('CORRUPT_INPUT', 'The PDF is damaged and cannot be read');
  }
}

/** True when a sample of RGB(A) pixels has no colour (every channel within a few levels). */
export function isColourless(
  pixels: Uint8Array,
  channels: 3 | 4 = 4,
  samples = 20_000,
  tolerance = 12,
): boolean {
  const count = Math.floor(pixels.length / channels);
  const step = Math.max(1, Math.floor(count / samples));
  for (let p = 0; p < count; p += step) {
    const i = p * channels;
    const r = pixels[i] ?? 0;
    const g = pixels[i + 1] ?? 0;
    const b = pixels[i + 2] ?? 0;
    if (Math.max(r, g, b) - Math.min(r, g, b) > tolerance) return false;
  }
  return true;
}

async function renderPdfPage(pdf: PDFDocumentProxy, index: number, scale: number): Promise<Buffer> {
  const page = await pdf.getPage(index + 1);
  const viewport = page.getViewport({ scale });
  // pdfjs types its factory as Object; in Node it is the @napi-rs/canvas one described above.
  const factory = pdf.canvasFactory as CanvasFactory;
  const target = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  try {
    await page.render({
      canvas: null,
      // The context type is a DOM type this Node project does not load; pdfjs accepts the Node canvas.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
      canvasContext: target.context as RenderParameters['canvasContext'],
      viewport,
      background: '#ffffff',
    }).promise;
    const { width, height } = target.canvas;
    const rgba = target.canvas.data();
    // Most pages are black and white: stored grey they are a third of the size at every later step.
    return await sharp(rgba, { raw: { width, height, channels: 4 } })
      .flatten({ background: '#ffffff' })
      .toColourspace(isColourless(rgba) ? 'b-w' : 'srgb')
      .png({ compressionLevel: 1 })
      .toBuffer();
  } catch (err) {
    if (err instanceof RedactifyError) throw err;
    throw new RedactifyError('CORRUPT_INPUT', `Page ${index + 1} of the PDF cannot be rendered`);
  } finally {
    factory.destroy(target);
    page.cleanup();
  }
}

/** A plain scan and the geometry its page is read at. */
interface PlainScan {
  scan: ScannedPdfPage;
  page: PageInfo;
  grey: boolean;
}

/**
 * The pages that are plain scans, with their geometry: the scan's own resolution, or `pdfDpi` if
 * the scan is finer. A JPEG whose header disagrees with what the PDF declares, or larger than the
 * page pixel limit, is left to pdfjs (which does not decode images over the limit). When pdf-lib
 * counts other pages than pdfjs, no page is taken as a scan: the two must agree on which is which.
 */
async function plainScans(
  input: Buffer,
  pageCount: number,
  pdfDpi: number,
  maxPixels: number,
): Promise<Array<PlainScan | undefined>> {
  const scans = await findScannedPages(input);
  if (scans.length !== pageCount) return [];
  return Promise.all(
    scans.map(async (scan) => {
      if (!scan) return undefined;
      const meta = await sharp(scan.jpeg)
        .metadata()
        .catch(() => undefined);
      const sameImage =
        meta?.format === 'jpeg' && meta.width === scan.width && meta.height === scan.height;
      if (!sameImage || (meta.channels !== 1 && meta.channels !== 3)) return undefined;
      if (scan.width * scan.height > maxPixels) return undefined;
      const factor = Math.min(1, pdfDpi / scan.dpi);
      const page = {
        width: Math.round(scan.width * factor),
        height: Math.round(scan.height * factor),
        dpi: Math.min(scan.dpi, pdfDpi),
      };
      return { scan, page, grey: meta.channels === 1 };
    }),
  );
}

/** Decodes a plain scan with libjpeg, sized as its page says; colourless scans are stored grey. */
async function renderScan({ scan, page, grey }: PlainScan): Promise<Buffer> {
  const resize = [page.width, page.height, { kernel: 'lanczos3', fit: 'fill' }] as const;
  try {
    if (grey) {
      return await sharp(scan.jpeg)
        .resize(...resize)
        .toColourspace('b-w')
        .png({ compressionLevel: 1 })
        .toBuffer();
    }
    const { data, info } = await sharp(scan.jpeg)
      .resize(...resize)
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { width: info.width, height: info.height, channels: info.channels };
    return await sharp(data, { raw })
      .toColourspace(isColourless(data, 3) ? 'b-w' : 'srgb')
      .png({ compressionLevel: 1 })
      .toBuffer();
  } catch {
    throw new RedactifyError('CORRUPT_INPUT', 'A scanned page of the PDF cannot be decoded');
  }
}
