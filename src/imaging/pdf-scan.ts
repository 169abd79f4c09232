// Scanned PDF pages read without rendering: a page that only draws one JPEG over itself is that JPEG.
// pdfjs decodes JPEG in JavaScript and then redraws it; libjpeg in sharp does the same work natively
// in a fraction of the time. Anything less plain (text, vector art, masks, other colour spaces)
// returns `undefined` and is rendered by pdfjs as before.
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
  type PDFPage,
} from 'pdf-lib';

/** A page that is one JPEG covering the page box. */
export interface ScannedPdfPage {
  /** The JPEG as stored in the PDF. */
  jpeg: Buffer;
  /** Pixel size of the JPEG as the PDF declares it. */
  width: number;
  height: number;
  /** Resolution of the image on the page (pixels per inch across). */
  dpi: number;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
/** How far (in points) the image may fall short of the page box and still count as covering it. */
const TOLERANCE_PT = 0.5;

/** `m` applied after `n`, as PDF's `cm` composes with the current matrix. */
function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

/**
 * Reads a content stream made only of `q`, `Q`, `cm` and a single `Do`; returns the name drawn
 * and the matrix it is drawn with, or `undefined` for any other content.
 */
export function singleDraw(content: string): { name: string; matrix: Matrix } | undefined {
  const tokens = content.split(/\s+|(?=\/)/).filter(Boolean);
  const stack: Matrix[] = [];
  let ctm = IDENTITY;
  let operands: string[] = [];
  let drawn: { name: string; matrix: Matrix } | undefined;
  for (const token of tokens) {
    if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(token) || token.startsWith('/')) {
      operands.push(token);
      continue;
    }
    if (token === 'q' && operands.length === 0) stack.push(ctm);
    else if (token === 'Q' && operands.length === 0) ctm = stack.pop() ?? IDENTITY;
    else if (token === 'cm' && operands.length === 6 && operands.every((o) => !o.startsWith('/')))
      ctm = multiply(operands.map(Number) as Matrix, ctm);
    else if (token === 'Do' && operands.length === 1 && !drawn)
      drawn = { name: (operands[0] ?? '').slice(1), matrix: ctm };
    else return undefined;
    operands = [];
  }
  return operands.length === 0 ? drawn : undefined;
}

/** The decoded bytes of a page's content streams, or `undefined` if they cannot be read. */
function pageContent(page: PDFPage): string | undefined {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray() : [contents];
  const parts: string[] = [];
  for (const ref of streams) {
    const stream = ref && page.doc.context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) return undefined;
    parts.push(Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1'));
  }
  return parts.join('\n');
}

/** The image stream a page draws, if it is a plain 8-bit grey or RGB JPEG with no mask or decode. */
function plainJpeg(page: PDFPage, name: string): PDFRawStream | undefined {
  const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  const image = xobjects?.lookup(PDFName.of(name));
  if (!(image instanceof PDFRawStream)) return undefined;
  const dict = image.dict;
  const filter = dict.lookup(PDFName.of('Filter'));
  const filters = filter instanceof PDFArray ? filter.asArray() : [filter];
  const colourSpace = dict.lookup(PDFName.of('ColorSpace'));
  const plain =
    dict.lookup(PDFName.of('Subtype')) === PDFName.of('Image') &&
    filters.length === 1 &&
    filters[0] === PDFName.of('DCTDecode') &&
    (colourSpace === PDFName.of('DeviceGray') || colourSpace === PDFName.of('DeviceRGB')) &&
    numberIn(dict, 'BitsPerComponent') === 8 &&
    ['Decode', 'DecodeParms', 'SMask', 'Mask', 'ImageMask'].every((k) => !dict.has(PDFName.of(k)));
  return plain ? image : undefined;
}

function numberIn(dict: PDFDict, key: string): number {
  const value = dict.lookup(PDFName.of(key));
  return value instanceof PDFNumber ? value.asNumber() : 0;
}

/** The page as one JPEG, or `undefined` when it draws anything else or not over the whole page. */
function scannedPage(page: PDFPage): ScannedPdfPage | undefined {
  if (page.getRotation().angle % 360 !== 0) return undefined;
  const content = pageContent(page);
  const draw = content === undefined ? undefined : singleDraw(content);
  const image = draw && plainJpeg(page, draw.name);
  if (!draw || !image) return undefined;
  const [a, b, c, d, e, f] = draw.matrix;
  const box = page.getCropBox();
  const covers =
    b === 0 &&
    c === 0 &&
    Math.abs(a - box.width) <= TOLERANCE_PT &&
    Math.abs(d - box.height) <= TOLERANCE_PT &&
    Math.abs(e - box.x) <= TOLERANCE_PT &&
    Math.abs(f - box.y) <= TOLERANCE_PT;
  const width = numberIn(image.dict, 'Width');
  const height = numberIn(image.dict, 'Height');
  if (!covers || width <= 0 || height <= 0) return undefined;
  const { buffer, byteOffset, byteLength } = image.contents; // a view of the input, not a copy
  const jpeg = Buffer.from(buffer, byteOffset, byteLength);
  return { jpeg, width, height, dpi: (width * 72) / box.width };
}

/**
 * For each page, its JPEG when the page is a plain scan (see the file comment), else `undefined`.
 * A file pdf-lib cannot parse gives no scanned pages: pdfjs, which already opened it, renders them.
 */
export async function findScannedPages(input: Buffer): Promise<Array<ScannedPdfPage | undefined>> {
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(input, { updateMetadata: false, throwOnInvalidObject: true });
  } catch {
    return [];
  }
  return pdf.getPages().map((page) => {
    try {
      return scannedPage(page);
    } catch {
      return undefined;
    }
  });
}
