// A synthetic chest radiograph (PA view) as a grey raster: dark film, bright anatomy inside a
// known box, so an overlay can be burned into the dark corners as viewers and modalities do.
import sharp from 'sharp';
import { Rng } from '../corpus/random.js';
import type { Backdrop } from './sheet.js';

const smooth = (edge: number, v: number) => Math.min(1, Math.max(0, v / edge));

/** Inside-ness of the ellipse (cx, cy, rx, ry) at (x, y): 1 deep inside, 0 outside, soft edge. */
function inside(
  x: number,
  y: number,
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  edge: number,
) {
  const d = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2;
  return smooth(edge, 1 - d);
}

/**
 * Grey pixels of the film, `width`×`height`, `scale` pixels per point. Everything brighter than
 * the film's ground lies inside `backdrop.body`.
 */
export async function xrayBackdrop(
  backdrop: Backdrop,
  width: number,
  height: number,
  scale: number,
): Promise<Buffer> {
  const rng = new Rng(backdrop.seed);
  const bx = backdrop.body.x * scale;
  const by = backdrop.body.y * scale;
  const bw = backdrop.body.w * scale;
  const bh = backdrop.body.h * scale;
  const tilt = rng.float(-0.04, 0.04);
  const heart = rng.float(0.22, 0.32);
  const ribPhase = rng.float(-0.03, 0.03);
  const data = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = 12 + rng.next() * 8;
      const nx = ((x - bx) / bw) * 2 - 1;
      const ny = ((y - by) / bh) * 2 - 1 + tilt * nx;
      if (nx > -1 && nx < 1 && ny > -1 && ny < 1) {
        const torso = inside(nx, ny * 0.92, 0, 0.05, 0.96, 1.04, 0.25);
        let body = 92 * torso;
        const lungs =
          inside(nx, ny, -0.42, -0.08, 0.31, 0.6, 0.35) +
          inside(nx, ny, 0.42, -0.08, 0.31, 0.6, 0.35);
        body -= 48 * Math.min(1, lungs);
        body += 40 * inside(nx, ny, 0.1, 0.3, heart, 0.3, 0.4);
        body += 46 * torso * smooth(0.04, 0.09 - Math.abs(nx));
        for (let k = 0; k < 9; k++) {
          const ribY = -0.72 + k * 0.155 + ribPhase + 0.3 * nx * nx;
          const rib = smooth(0.012, 0.026 - Math.abs(ny - ribY));
          body += 26 * rib * smooth(0.2, 0.92 - Math.abs(nx)) * smooth(0.05, Math.abs(nx) - 0.1);
        }
        body +=
          34 *
          smooth(0.02, 0.03 - Math.abs(ny + 0.78 - 0.18 * Math.abs(nx))) *
          smooth(0.1, 0.7 - Math.abs(nx));
        // The body box's own edge fades to the film's ground, so nothing bright lies outside it.
        const fade = smooth(0.08, 1 - Math.abs(nx)) * smooth(0.06, 1 - Math.abs(ny));
        v += Math.max(0, body) * fade * (1.3 + 0.15 * (1 - ny));
      }
      data[y * width + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  return sharp(data, { raw: { width, height, channels: 1 } })
    .blur(Math.max(0.6, scale * 0.8))
    .toColourspace('b-w')
    .raw()
    .toBuffer();
}
