// Encodes masked page images into the output file: PNG, JPEG, multi-page TIFF or PDF, no metadata.
import { deflateSync } from 'node:zlib';
import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
} from 'pdf-lib';
import sharp from 'sharp';
import type { OutputType, ResultType } from './output-type.js';
import { setJpegDensity, setPngDensity } from './density.js';
import { pngDeflateImage } from './png-chunk.js';
import { muxTiffPages } from './tiff-mux.js';

/** A masked page: PNG bytes and what to record about it in the output. */
export interface EncodablePage {
  png: Buffer;
  dpi: number;
  /** Written as 1-bit CCITT G4 in TIFF output (fax pages stay fax pages). */
  bilevel?: boolean;
}

/** Media types of the result files a client downloads (an `ocr` job's JSON is served as JSON). */
export const OUTPUT_MIME: Record<Exclude<ResultType, 'json'>, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
  pdf: 'application/pdf',
  mp4: 'video/mp4',
};

export const OUTPUT_EXTENSION: Record<ResultType, string> = {
  png: 'png',
  jpeg: 'jpg',
  tiff: 'tiff',
  pdf: 'pdf',
  mp4: 'mp4',
  json: 'json',
};

/**
 * The format a document is written in: the requested one, except that a multi-page document
 * cannot be a single image, so it becomes a TIFF (the result reports the real type).
 */
export function chooseOutputType(requested: OutputType, pageCount: number): OutputType {
  return pageCount > 1 && (requested === 'png' || requested === 'jpeg') ? 'tiff' : requested;
}

/** Encodes one page in a single-image format. sharp writes no metadata unless asked. */
export async function encodeImage(page: EncodablePage, type: 'png' | 'jpeg'): Promise<Buffer> {
  if (type === 'png') {
    return setPngDensity(await sharp(page.png).png({ compressionLevel: 6 }).toBuffer(), page.dpi);
  }
  const jpeg = await sharp(page.png).jpeg({ quality: 90, chromaSubsampling: '4:4:4' }).toBuffer();
  return setJpegDensity(jpeg, page.dpi);
}

/** Encodes one page as a single-page TIFF, ready for `muxTiffPages`. */
export async function encodeTiffPage(page: EncodablePage): Promise<Buffer> {
  const resolution = {
    xres: page.dpi / 25.4,
    yres: page.dpi / 25.4,
    resolutionUnit: 'inch',
  } as const;
  const image = sharp(page.png);
  if (page.bilevel) {
    return image
      .toColourspace('b-w')
      .tiff({ ...resolution, compression: 'ccittfax4', bitdepth: 1 })
      .toBuffer();
  }
  return image.tiff({ ...resolution, compression: 'deflate', predictor: 'horizontal' }).toBuffer();
}

/**
 * Builds the output file from pages loaded one at a time, so at most one page is decoded at once.
 * PDFs hold only the raster pages: no text layer, no scripts, no document information.
 */
export async function encodeDocument(
  type: OutputType,
  pageCount: number,
  loadPage: (index: number) => Promise<EncodablePage>,
): Promise<Buffer> {
  if (type === 'png' || type === 'jpeg') return encodeImage(await loadPage(0), type);
  if (type === 'tiff') {
    const pages: Buffer[] = [];
    for (let i = 0; i < pageCount; i++) pages.push(await encodeTiffPage(await loadPage(i)));
    return muxTiffPages(pages);
  }
  const pdf = await PDFDocument.create({ updateMetadata: false });
  for (let i = 0; i < pageCount; i++) {
    const page = await loadPage(i);
    const { image, width: pixelsWide, height: pixelsHigh } = await pdfImage(pdf, page.png);
    const width = (pixelsWide * 72) / page.dpi;
    const height = (pixelsHigh * 72) / page.dpi;
    const pdfPage = pdf.addPage([width, height]);
    const name = pdfPage.node.newXObject('Im', pdf.context.register(image));
    pdfPage.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(width, 0, 0, height, 0, 0),
      drawObject(name),
      popGraphicsState(),
    );
  }
  return Buffer.from(await pdf.save({ useObjectStreams: true }));
}

/**
 * A page as a lossless (Flate) PDF image, so mask edges stay exact where JPEG would ring around
 * them. A grey or RGB PNG's compressed rows go in as they are (PNG predictors), which costs no
 * compression at all; other PNGs are decoded and deflated.
 */
async function pdfImage(pdf: PDFDocument, png: Buffer) {
  const stored = pngDeflateImage(png);
  if (stored) {
    const { width, height, colors, deflated } = stored;
    const image = pdf.context.stream(deflated, {
      ...imageDictionary(width, height, colors),
      DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: 8, Columns: width },
    });
    return { image, width, height };
  }
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const colors = info.channels === 1 ? 1 : 3;
  const image = pdf.context.stream(
    deflateSync(data, { level: 6 }),
    imageDictionary(info.width, info.height, colors),
  );
  return { image, width: info.width, height: info.height };
}

function imageDictionary(width: number, height: number, colors: 1 | 3) {
  return {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    ColorSpace: colors === 1 ? 'DeviceGray' : 'DeviceRGB',
    BitsPerComponent: 8,
    Filter: 'FlateDecode',
  };
}
