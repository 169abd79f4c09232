// The held-out corpus's own scan degradations on raw pixels: fax-like bilevel (error diffusion or
// a hard threshold) with salt-and-pepper, low-contrast photocopy with toner specks, and a phone
// capture of a card. Skew and shrink are applied at render time (`Placement`), so boxes stay exact.
import sharp from 'sharp';
import type { Rng } from '../corpus/random.js';
import type { RawImage } from './render.js';

/** What happened to a page between printing and the file. */
export type Degradation =
  | { kind: 'none' }
  | {
      kind: 'fax';
      /** Floyd–Steinberg error diffusion, or a hard threshold. */
      binarise: 'diffuse' | 'threshold';
      threshold: number;
      /** Share of pixels flipped to black / to white. */
      pepper: number;
      salt: number;
    }
  | {
      kind: 'photocopy';
      /** Grey of blank paper and of full-black ink after copying. */
      paper: number;
      ink: number;
      /** Standard deviation of grain, grey levels. */
      grain: number;
      /** Paper brightness falls off by up to this much towards one edge. */
      falloff: number;
      /** Toner specks per million pixels. */
      specks: number;
      blur: number;
    }
  | { kind: 'camera'; grain: number; vignette: number; blur: number };

function toGrey(image: RawImage): RawImage {
  if (image.channels === 1) return image;
  const out = Buffer.alloc(image.width * image.height);
  for (let i = 0, j = 0; i < out.length; i++, j += 3)
    out[i] = Math.round(
      0.299 * (image.data[j] ?? 0) +
        0.587 * (image.data[j + 1] ?? 0) +
        0.114 * (image.data[j + 2] ?? 0),
    );
  return { data: out, width: image.width, height: image.height, channels: 1 };
}

async function blur(image: RawImage, sigma: number): Promise<RawImage> {
  if (sigma < 0.3) return image;
  const { width, height, channels } = image;
  // sharp widens one-channel raw input to sRGB unless told to keep it grey.
  const blurred = sharp(image.data, { raw: { width, height, channels } }).blur(sigma);
  const data = await (channels === 1 ? blurred.toColourspace('b-w') : blurred).raw().toBuffer();
  return { data, width, height, channels };
}

/** Bilevel 0/255 grey: error diffusion (Floyd–Steinberg, serpentine) or a threshold, then noise. */
function fax(image: RawImage, rng: Rng, d: Extract<Degradation, { kind: 'fax' }>): RawImage {
  const { width, height } = image;
  const out = Buffer.alloc(width * height);
  if (d.binarise === 'threshold') {
    for (let i = 0; i < out.length; i++) out[i] = (image.data[i] ?? 255) < d.threshold ? 0 : 255;
  } else {
    const err = new Float32Array(width * height);
    for (let i = 0; i < err.length; i++) err[i] = image.data[i] ?? 255;
    for (let y = 0; y < height; y++) {
      const ltr = y % 2 === 0;
      for (let k = 0; k < width; k++) {
        const x = ltr ? k : width - 1 - k;
        const i = y * width + x;
        const old = err[i] ?? 255;
        const v = old < d.threshold ? 0 : 255;
        out[i] = v;
        const e = old - v;
        const dir = ltr ? 1 : -1;
        const spread = (dx: number, dy: number, w: number) => {
          const xx = x + dx * dir;
          const yy = y + dy;
          if (xx < 0 || xx >= width || yy >= height) return;
          const j = yy * width + xx;
          err[j] = (err[j] ?? 0) + (e * w) / 16;
        };
        spread(1, 0, 7);
        spread(-1, 1, 3);
        spread(0, 1, 5);
        spread(1, 1, 1);
      }
    }
  }
  for (let i = 0; i < out.length; i++) {
    const r = rng.next();
    if (r < d.pepper) out[i] = 0;
    else if (r > 1 - d.salt) out[i] = 255;
  }
  return { data: out, width, height, channels: 1 };
}

function photocopy(
  image: RawImage,
  rng: Rng,
  d: Extract<Degradation, { kind: 'photocopy' }>,
): RawImage {
  const { width, height } = image;
  const out = Buffer.alloc(width * height);
  // The lid leaves one side darker; which side is random.
  const side = rng.int(0, 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const t = [x / width, 1 - x / width, y / height, 1 - y / height][side] ?? 0;
      const paper = d.paper - d.falloff * t * t;
      const v = (image.data[i] ?? 255) / 255;
      const grain = rng.gaussian() * d.grain;
      out[i] = Math.max(0, Math.min(255, Math.round(d.ink + (paper - d.ink) * v + grain)));
    }
  }
  const specks = Math.round((width * height * d.specks) / 1e6);
  for (let s = 0; s < specks; s++) {
    const cx = rng.int(0, width - 1);
    const cy = rng.int(0, height - 1);
    const r = rng.float(0.6, 1.8);
    for (let y = Math.floor(cy - r); y <= cy + r; y++)
      for (let x = Math.floor(cx - r); x <= cx + r; x++)
        if (x >= 0 && y >= 0 && x < width && y < height && (x - cx) ** 2 + (y - cy) ** 2 <= r * r)
          out[y * width + x] = Math.min(out[y * width + x] ?? 255, d.ink + 20);
  }
  return { data: out, width, height, channels: 1 };
}

function camera(image: RawImage, rng: Rng, d: Extract<Degradation, { kind: 'camera' }>): RawImage {
  const { width, height, channels } = image;
  const out = Buffer.alloc(image.data.length);
  const cx = width / 2;
  const cy = height / 2;
  const rmax = Math.hypot(cx, cy);
  // A warm cast, as under indoor light.
  const cast = [1, 0.97, 0.9];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const fall = 1 - d.vignette * (Math.hypot(x - cx, y - cy) / rmax) ** 2;
      const grain = rng.gaussian() * d.grain;
      for (let c = 0; c < channels; c++) {
        const i = (y * width + x) * channels + c;
        const v = (image.data[i] ?? 255) * fall * (channels === 3 ? (cast[c] ?? 1) : 1) + grain;
        out[i] = Math.max(0, Math.min(255, Math.round(v)));
      }
    }
  }
  return { data: out, width, height, channels };
}

/** Applies a degradation; `fax` and `photocopy` pages come out grey, `camera` keeps colour. */
export async function degrade(image: RawImage, rng: Rng, d: Degradation): Promise<RawImage> {
  switch (d.kind) {
    case 'none':
      return image;
    case 'fax':
      return fax(await blur(toGrey(image), 0.5), rng, d);
    case 'photocopy':
      return blur(photocopy(toGrey(image), rng, d), d.blur);
    case 'camera':
      return blur(camera(image, rng, d), d.blur);
  }
}
