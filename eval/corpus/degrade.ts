// Scan degradations (lower dpi, grey, rotation, blur, noise, JPEG) applied to pixels and to truth.
import sharp, { type Sharp } from 'sharp';
import type { Box } from '../../src/imaging/geometry.js';
import type { RasterPage, RawImage } from './raster.js';
import type { Rng } from './random.js';

/** What a "scanner" does to one document; strengths vary per document. */
export interface ScanProfile {
  dpi: 200 | 300;
  grey: boolean;
  /** Largest page rotation in degrees (0 for none); each page draws its own within ±0.3..max. */
  maxRotation: number;
  /** Gaussian blur sigma in pixels (0 for none). */
  blur: number;
  /** Gaussian noise sigma in grey levels (0 for none). */
  noise: number;
  /** JPEG round trip quality (0 for none). */
  jpegQuality: number;
}

/** A clean render: 300 dpi, no degradation. */
export function cleanProfile(grey: boolean): ScanProfile {
  return { dpi: 300, grey, maxRotation: 0, blur: 0, noise: 0, jpegQuality: 0 };
}

/** A random subset of degradations (at least two) with random strengths. */
export function chooseScanProfile(rng: Rng, colour: boolean): ScanProfile {
  const profile: ScanProfile = {
    dpi: rng.chance(0.6) ? 200 : 300,
    grey: !colour || rng.chance(0.6),
    maxRotation: rng.chance(0.75) ? rng.float(0.5, 1.5) : 0,
    blur: rng.chance(0.5) ? rng.float(0.4, 1.0) : 0,
    noise: rng.chance(0.6) ? rng.float(4, 14) : 0,
    jpegQuality: rng.chance(0.5) ? rng.int(40, 70) : 0,
  };
  const active = [
    profile.dpi === 200,
    profile.maxRotation > 0,
    profile.blur > 0,
    profile.noise > 0,
    profile.jpegQuality > 0,
  ];
  if (active.filter(Boolean).length < 2) {
    profile.maxRotation = rng.float(0.5, 1.5);
    profile.noise = rng.float(4, 10);
  }
  return profile;
}

/** A 2x3 affine map `[a, b, c, d, e, f]`: x' = a x + b y + c, y' = d x + e y + f. */
export type Affine = readonly [number, number, number, number, number, number];

/** Rotation by `degrees` (clockwise on screen) about the centre of a `width` x `height` canvas. */
export function rotationAbout(degrees: number, width: number, height: number): Affine {
  const t = (degrees * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  const cx = width / 2;
  const cy = height / 2;
  return [c, -s, cx - c * cx + s * cy, s, c, cy - s * cx - c * cy];
}

/** The axis-aligned bounding box of a box's four corners under an affine map. */
export function transformBox(box: Box, m: Affine): Box {
  const [a, b, c, d, e, f] = m;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [x, y] of [
    [box.x, box.y],
    [box.x + box.w, box.y],
    [box.x, box.y + box.h],
    [box.x + box.w, box.y + box.h],
  ] as const) {
    xs.push(a * x + b * y + c);
    ys.push(d * x + e * y + f);
  }
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  return { x: x0, y: y0, w: Math.max(...xs) - x0, h: Math.max(...ys) - y0 };
}

/**
 * Resamples an image through an affine map onto a canvas of the same size (bilinear, white
 * outside). Pixel (i, j) covers [i, i+1) x [j, j+1), the convention the truth boxes use.
 */
export function warp(image: RawImage, m: Affine): RawImage {
  const { width, height, channels, data } = image;
  const [a, b, c, d, e, f] = m;
  // Inverse of the 2x2 part, to pull each output pixel from the source.
  const det = a * e - b * d;
  const ia = e / det;
  const ib = -b / det;
  const id = -d / det;
  const ie = a / det;
  const out = Buffer.alloc(data.length, 255);
  for (let j = 0; j < height; j++) {
    const py = j + 0.5 - f;
    for (let i = 0; i < width; i++) {
      const px = i + 0.5 - c;
      const sx = ia * px + ib * py - 0.5;
      const sy = id * px + ie * py - 0.5;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < -1 || y0 < -1 || x0 >= width || y0 >= height) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      for (let k = 0; k < channels; k++) {
        const p00 = sample(data, width, height, channels, x0, y0, k);
        const p10 = sample(data, width, height, channels, x0 + 1, y0, k);
        const p01 = sample(data, width, height, channels, x0, y0 + 1, k);
        const p11 = sample(data, width, height, channels, x0 + 1, y0 + 1, k);
        const top = p00 + (p10 - p00) * fx;
        const bottom = p01 + (p11 - p01) * fx;
        out[(j * width + i) * channels + k] = Math.round(top + (bottom - top) * fy);
      }
    }
  }
  return { ...image, data: out };
}

function sample(
  data: Buffer,
  width: number,
  height: number,
  channels: number,
  x: number,
  y: number,
  k: number,
): number {
  if (x < 0 || y < 0 || x >= width || y >= height) return 255;
  return data[(y * width + x) * channels + k] ?? 255;
}

/** Adds gaussian noise of `sigma` grey levels (the same draw on every channel of a pixel). */
export function addNoise(image: RawImage, sigma: number, rng: Rng): RawImage {
  const out = Buffer.from(image.data);
  const { channels } = image;
  for (let p = 0; p < out.length; p += channels) {
    const n = rng.gaussian() * sigma;
    for (let k = 0; k < channels; k++) {
      const v = (out[p + k] ?? 255) + n;
      out[p + k] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
    }
  }
  return { ...image, data: out };
}

/** Gaussian blur through sharp. */
export async function blur(image: RawImage, sigma: number): Promise<RawImage> {
  return {
    ...image,
    data: await pixels(
      sharp(image.data, { raw: rawOptions(image) }).blur(Math.max(0.3, sigma)),
      image,
    ),
  };
}

/** Encodes to JPEG at `quality` and decodes again, keeping the artefacts. */
export async function jpegRoundTrip(image: RawImage, quality: number): Promise<RawImage> {
  const jpeg = await sharp(image.data, { raw: rawOptions(image) })
    .jpeg({ quality })
    .toBuffer();
  return { ...image, data: await pixels(sharp(jpeg), image) };
}

/** Raw pixels with the channel count of `like` (sharp widens grey to sRGB in some operations). */
async function pixels(pipeline: Sharp, like: RawImage): Promise<Buffer> {
  const data = await pipeline
    .toColourspace(like.channels === 1 ? 'b-w' : 'srgb')
    .removeAlpha()
    .raw()
    .toBuffer();
  if (data.length !== like.width * like.height * like.channels)
    throw new Error('unexpected pixel layout');
  return data;
}

/** Sharp's description of a raw image. */
export function rawOptions(image: RawImage): { width: number; height: number; channels: 1 | 3 } {
  return { width: image.width, height: image.height, channels: image.channels };
}

/**
 * Applies a profile to one rendered page (already at the profile's dpi and colour): rotation
 * (truth boxes follow, as the bounding box of their rotated corners), blur, noise, JPEG.
 */
export async function degradePage(
  page: RasterPage,
  profile: ScanProfile,
  rng: Rng,
): Promise<RasterPage> {
  let { image, words, rules } = page;
  if (profile.maxRotation > 0) {
    const angle = (rng.chance(0.5) ? 1 : -1) * rng.float(0.3, profile.maxRotation);
    const m = rotationAbout(angle, image.width, image.height);
    image = warp(image, m);
    words = words.map((w) => ({ ...w, box: transformBox(w.box, m) }));
    rules = rules.map((r) => transformBox(r, m));
  }
  if (profile.blur > 0) image = await blur(image, profile.blur);
  if (profile.noise > 0) image = addNoise(image, profile.noise, rng);
  if (profile.jpegQuality > 0) image = await jpegRoundTrip(image, profile.jpegQuality);
  return { ...page, image, words, rules };
}
