// Turns laid-out pages into a CorpusDocument: clean or scanned pixels, encoded as PNG, JPEG,
// TIFF or an image-only PDF, with truth in the pixel space of each page.
import sharp from 'sharp';
import { encodeImagePdf, encodeJpeg, encodePng, encodeTiff } from '../corpus/encode.js';
import type { Rng } from '../corpus/random.js';
import type { RawImage } from '../corpus/raster.js';
import type { CorpusDocument, CorpusFormat, TruthPage } from '../corpus/types.js';
import type { PlacedPage } from './layout.js';
import { renderPage } from './render.js';

/** How one document is drawn and written. */
export interface DocumentPlan {
  id: string;
  docType: string;
  format: CorpusFormat;
  scanned: boolean;
  dpi: number;
}

/** What a scan does to a page: our own simple model of a desktop scanner. */
export interface ScanEffects {
  /** Degrees, clockwise. */
  rotation: number;
  /** Gaussian blur sigma in pixels (sharp needs ≥ 0.3). */
  blur: number;
  /** Standard deviation of the grey noise added to every pixel. */
  noise: number;
  /** Paper grey level (255 is white). */
  paper: number;
  jpegQuality: number;
}

/** Draws the scan effects for one document. */
export function drawScanEffects(rng: Rng): ScanEffects {
  return {
    rotation: rng.float(-1.2, 1.2),
    blur: rng.float(0.4, 0.8),
    noise: rng.float(4, 9),
    paper: rng.int(236, 250),
    jpegQuality: rng.int(55, 75),
  };
}

/**
 * Blur, then paper tone and noise. Ink stays dark and paper stays light (the noise is bounded
 * well inside the scorer's ink threshold), so truth boxes keep their meaning.
 */
export async function degrade(image: RawImage, effects: ScanEffects, rng: Rng): Promise<RawImage> {
  const { data } = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 1 },
  })
    .blur(effects.blur)
    // sharp would hand back sRGB for a one-channel raw input: keep it grey.
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (data.length !== image.width * image.height) throw new Error('the blurred page is not grey');
  const scale = effects.paper / 255;
  // Gaussian deviates for every pixel are slow in JS: draw a table once, index it with xorshift32.
  const table = Float64Array.from(
    { length: 4096 },
    () => Math.max(-3, Math.min(3, rng.gaussian())) * effects.noise,
  );
  let x = rng.int(1, 0x7fffffff);
  for (let i = 0; i < data.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const value = (data[i] ?? 255) * scale + (table[x & 4095] ?? 0);
    data[i] = Math.max(0, Math.min(255, Math.round(value)));
  }
  return { data, width: image.width, height: image.height, channels: 1 };
}

/** Renders, degrades (when scanned) and encodes the pages of one document. */
export async function buildDocument(
  plan: DocumentPlan,
  pages: readonly PlacedPage[],
  rng: Rng,
): Promise<CorpusDocument> {
  if ((plan.format === 'png' || plan.format === 'jpeg') && pages.length > 1)
    throw new Error(`${plan.id}: ${plan.format} holds one page`);
  const effects = plan.scanned ? drawScanEffects(rng) : undefined;
  const images: RawImage[] = [];
  const truth: TruthPage[] = [];
  for (const page of pages) {
    const rendered = await renderPage(page, { dpi: plan.dpi, rotation: effects?.rotation ?? 0 });
    images.push(effects ? await degrade(rendered.image, effects, rng) : rendered.image);
    truth.push(rendered.truth);
  }
  const first = images[0];
  if (!first) throw new Error(`${plan.id}: a document needs a page`);
  const quality = effects?.jpegQuality ?? 90;
  const bytes =
    plan.format === 'png'
      ? await encodePng(first, plan.dpi)
      : plan.format === 'jpeg'
        ? await encodeJpeg(first, plan.dpi, quality)
        : plan.format === 'tiff'
          ? await encodeTiff(images, plan.dpi)
          : await encodeImagePdf(images, plan.dpi, quality);
  return {
    id: plan.id,
    docType: plan.docType,
    format: plan.format,
    scanned: plan.scanned,
    textLayer: false,
    pages: truth,
    bytes,
  };
}
