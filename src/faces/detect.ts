// Finds faces on a page or photo: every quarter turn, the whole image (fitted and at half size) and
// finer tiles, low threshold; on a document page only where a photo could hold a face the view can
// find, and kept only where its middle is photo (src/faces/photo-regions.ts).
//
// API (stable; other modules build on it):
//   detectFaces(image: FaceImage, settings?: Partial<FaceDetectSettings>, text?: Box[]): Promise<FaceBox[]>
//     (`text`: boxes OCR read confidently, src/faces/text-boxes.ts; not searched on a document page)
//   FaceImage = { data: Buffer; width: number; height: number; channels: 1 | 2 | 3 | 4 }
//     (sharp's raw layout, the same shape as RawImage in src/imaging/mask.ts)
//   FaceBox = { bbox: { x, y, w, h } in image pixels; confidence: number (0..1); detector: string }
import sharp from 'sharp';
import { clampToPage, type Box, type Size } from '../imaging/geometry.js';
import { loadFaceModel, type RawDetection } from './engine.js';
import { mergeDetections } from './merge.js';
import { photoRegions, type PhotoRegions } from './photo-regions.js';
import type { FaceDetectorName } from './models.js';
import { DEFAULT_FACE_SETTINGS, type FaceDetectSettings } from './settings.js';
import { planViews, turnedSize, unturnBox, type QuarterTurn } from './views.js';

export { DEFAULT_FACE_SETTINGS, type FaceDetectSettings } from './settings.js';

/** Decoded pixels, row-major, `channels` bytes per pixel (sharp's raw layout). */
export interface FaceImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/** One face, in image pixels. */
export interface FaceBox {
  bbox: Box;
  confidence: number;
  /** Which model found it, e.g. `face-api/tiny_face_detector`. */
  detector: FaceDetectorName;
}

/** Grey used around a crop that does not fill the square: neutral for the networks. */
const PAD_GREY = 128;

/**
 * A box wider or taller than this many times the image's long side is the network's error, not a
 * face: the half-size view (mostly grey) sometimes answers one, and its union with the real face
 * would hide the whole photo. Dropping them lost no face in eval:faces
 * (docs/decisions/face-detector.md).
 */
const MAX_FACE_TO_IMAGE = 1.5;

/**
 * Finds every face on an image. Each quarter turn of `settings.turns` is searched whole (fitted,
 * then at each of `settings.wholeScales`, so that a face filling a photo is small enough for the
 * network), and those of `settings.tileTurns` also in overlapping tiles (see `planViews`), so that
 * a 1 cm face on a 300 dpi ID card is as visible to the network as a face in a photo. Boxes from
 * all views are merged (unions) and clipped to the image.
 *
 * @example
 *   const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
 *   const faces = await detectFaces({ data, width: info.width, height: info.height,
 *     channels: info.channels });
 */
export async function detectFaces(
  image: FaceImage,
  settings: Partial<FaceDetectSettings> = {},
  text: readonly Box[] = [],
): Promise<FaceBox[]> {
  const s = { ...DEFAULT_FACE_SETTINGS, ...settings };
  const model = await loadFaceModel(s.model);
  const size = { width: image.width, height: image.height };
  const longSide = Math.max(size.width, size.height);
  const rgb = await toRgb(image);
  // On a document page, only where a face photo could be; nothing to search on a text page.
  const regions = photoRegions(rgb, size, s.minFacePx, text);
  if (regions && !regions.any) return [];
  const searchWhole = wholeViewFilter(rgb, size, s, text, regions);
  const found: FaceBox[] = [];
  for (const turn of s.turns) {
    const turnedDims = turnedSize(size, turn);
    const { whole, tiles } = planViews(turnedDims, s);
    const tiled = s.tileTurns.includes(turn);
    // A turn searched whole only is scaled first and turned small: the same pixels, a fraction of
    // the work.
    const turned = turn === 0 || !tiled ? undefined : await turn90s(rgb, size, turn);
    const searched = tiled
      ? tiles.filter((tile) => !regions || regions.touches(unturnBox(tile, turn, size)))
      : [];
    for (const view of [...whole.filter(searchWhole), ...searched]) {
      const input = turned
        ? await viewPixels(turned, turnedDims, view, s.inputSize)
        : await viewPixels(rgb, size, unturnBox(view, turn, size), s.inputSize, turn);
      const detections = await model.detect(input, s.inputSize, s.minConfidence);
      for (const d of detections) {
        const bbox = unturnBox(fromView(d, view, s.inputSize), turn, size);
        if (Math.max(bbox.w, bbox.h) > MAX_FACE_TO_IMAGE * longSide) continue;
        // On a document page, a face's middle is photo, never paper (scan texture over text can
        // fool the network).
        if (regions && !regions.solidMiddle(bbox)) continue;
        found.push({ bbox, confidence: d.score, detector: model.name });
      }
    }
  }
  return mergeDetections(found)
    .map((f) => ({ ...f, bbox: clampToPage(f.bbox, size) }))
    .filter((f) => f.bbox.w > 0 && f.bbox.h > 0);
}

/**
 * The share of `detectorMinFacePx` a whole view is still searched for: the network finds some
 * faces from 28 px of its 416 px input up, below the 40 px it finds reliably (settings.ts).
 */
const WHOLE_VIEW_FACE_SHARE = 0.7;

/**
 * Which whole views are worth a search. A view finds faces from about `detectorMinFacePx` of its
 * input up, so on a document page it is searched only when some region could hold a face of
 * `WHOLE_VIEW_FACE_SHARE` of that size (the tiles find the smaller ones, upright). Any other
 * image is searched in every view.
 */
export function wholeViewFilter(
  rgb: Uint8Array,
  size: Size,
  s: FaceDetectSettings,
  text: readonly Box[],
  regions: PhotoRegions | undefined,
): (view: Box) => boolean {
  if (!regions) return () => true;
  const holds = new Map<number, boolean>();
  return (view) => {
    const smallestFace = (view.w * WHOLE_VIEW_FACE_SHARE * s.detectorMinFacePx) / s.inputSize;
    let answer = holds.get(smallestFace);
    if (answer === undefined) {
      answer = photoRegions(rgb, size, smallestFace, text)?.any ?? true;
      holds.set(smallestFace, answer);
    }
    return answer;
  };
}

/** Three interleaved channels, whatever came in (grey is spread, alpha dropped). */
async function toRgb(image: FaceImage): Promise<Buffer> {
  if (image.channels === 3) return image.data;
  const { width, height, channels } = image;
  return sharp(image.data, { raw: { width, height, channels } })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer();
}

async function turn90s(rgb: Buffer, size: { width: number; height: number }, turn: QuarterTurn) {
  return sharp(rgb, { raw: { width: size.width, height: size.height, channels: 3 } })
    .rotate(turn)
    .raw()
    .toBuffer();
}

/**
 * The view's square, scaled to `side`, the part outside the image grey. With `turn`, `view` is on
 * the unturned image and its scaled pixels are turned by it (the square's grey stays right and
 * below, as on a turned image).
 */
async function viewPixels(
  rgb: Buffer,
  size: { width: number; height: number },
  view: Box,
  side: number,
  turn: QuarterTurn = 0,
): Promise<Uint8Array> {
  const inside = clampToPage(view, size);
  const scale = side / view.w;
  const w = Math.max(1, Math.min(side, Math.round(inside.w * scale)));
  const h = Math.max(1, Math.min(side, Math.round(inside.h * scale)));
  let scaled = sharp(rgb, { raw: { width: size.width, height: size.height, channels: 3 } })
    .extract({ left: inside.x, top: inside.y, width: inside.w, height: inside.h })
    .resize(w, h, { fit: 'fill', kernel: 'cubic' });
  if (turn !== 0)
    // sharp turns before it resizes within one pipeline: the small image is turned in a second one.
    scaled = sharp(await scaled.raw().toBuffer(), {
      raw: { width: w, height: h, channels: 3 },
    }).rotate(turn);
  const [tw, th] = turn === 90 || turn === 270 ? [h, w] : [w, h];
  const pixels = await scaled
    .extend({
      right: side - tw,
      bottom: side - th,
      background: { r: PAD_GREY, g: PAD_GREY, b: PAD_GREY },
    })
    .raw()
    .toBuffer();
  return new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength);
}

/** A detection in network pixels → the turned image's pixels. */
function fromView(d: RawDetection, view: Box, side: number): Box {
  const k = view.w / side;
  return { x: view.x + d.x * k, y: view.y + d.y * k, w: d.w * k, h: d.h * k };
}
