// The document-page prefilter of the face detector: text gives no region, every kind of photo does.
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { photoRegions } from '../../src/faces/photo-regions.js';
import { faceSearchSize } from '../../src/faces/search-size.js';
import type { Box } from '../../src/imaging/geometry.js';
import { formPage, intakeLines, PATIENTS } from '../fixtures/documents.js';

const PATIENT = PATIENTS[0] as (typeof PATIENTS)[number];
const astronaut = () => readFile(new URL('../fixtures/faces/astronaut.jpg', import.meta.url));
// The astronaut's face (eyebrows to chin) inside this crop of the photo.
const HEAD = { left: 140, top: 40, width: 170, height: 190 };
const FACE_IN_HEAD: Box = { x: 40, y: 45, w: 85, h: 100 };

async function rgbOf(png: Buffer) {
  const { data, info } = await sharp(png)
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { rgb: new Uint8Array(data), size: { width: info.width, height: info.height } };
}

/** A 300 dpi text form with `photo` pasted at (left, top). */
async function pageWith(photo: Buffer | undefined, left: number, top: number) {
  const page = await formPage(intakeLines(PATIENT), { dpi: 300 });
  if (!photo) return { png: page.png, dpi: page.dpi };
  const png = await sharp(page.png)
    .composite([{ input: photo, left, top }])
    .png()
    .toBuffer();
  return { png, dpi: page.dpi };
}

async function regionsOf(png: Buffer, dpi: number) {
  const { rgb, size } = await rgbOf(png);
  return photoRegions(rgb, size, faceSearchSize({ ...size, dpi }));
}

/** The head, grey and dithered to black and white dots (a fax or a bilevel scan). */
async function ditheredHead(): Promise<Buffer> {
  const { data, info } = await sharp(await astronaut())
    .extract(HEAD)
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const bayer = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5];
  for (let y = 0; y < info.height; y++)
    for (let x = 0; x < info.width; x++) {
      const i = y * info.width + x;
      const threshold = ((bayer[(y % 4) * 4 + (x % 4)] ?? 0) + 0.5) * 16;
      data[i] = (data[i] ?? 0) > threshold ? 255 : 0;
    }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } })
    .png()
    .toBuffer();
}

describe('photoRegions', () => {
  it('finds no region on a text form at 150 and 300 dpi', async () => {
    for (const dpi of [150, 300]) {
      const page = await formPage(intakeLines(PATIENT), { dpi });
      const regions = await regionsOf(page.png, dpi);
      expect(regions?.any).toBe(false);
    }
  });

  it('finds the face of a colour portrait, and only around it', async () => {
    const head = await sharp(await astronaut())
      .extract(HEAD)
      .toBuffer();
    const at = { left: 1900, top: 100 };
    const { png, dpi } = await pageWith(head, at.left, at.top);
    const regions = await regionsOf(png, dpi);
    expect(regions?.any).toBe(true);
    const face = { ...FACE_IN_HEAD, x: at.left + FACE_IN_HEAD.x, y: at.top + FACE_IN_HEAD.y };
    expect(regions?.touches(face)).toBe(true);
    expect(regions?.solidMiddle(face)).toBe(true);
    expect(regions?.touches({ x: 0, y: 600, w: 1000, h: 300 })).toBe(false);
  });

  it('calls the middle of a text block paper, so a false face on it is dropped', async () => {
    const page = await formPage(intakeLines(PATIENT), { dpi: 300 });
    // The dark photo makes the page a document with a candidate region; the text is still text.
    const png = await sharp(page.png)
      .composite([
        {
          input: await sharp(await astronaut())
            .extract(HEAD)
            .toBuffer(),
          left: 1900,
          top: 100,
        },
      ])
      .png()
      .toBuffer();
    const regions = await regionsOf(png, page.dpi);
    expect(regions?.solidMiddle({ x: 100, y: 100, w: 1200, h: 1200 })).toBe(false);
    expect(regions?.solidMiddle({ x: 1900, y: 100, w: HEAD.width, h: HEAD.height })).toBe(true);
  });

  it('finds a grey face and a dithered (bilevel) one', async () => {
    const grey = await sharp(await astronaut())
      .extract(HEAD)
      .greyscale()
      .toBuffer();
    for (const photo of [grey, await ditheredHead()]) {
      const { png, dpi } = await pageWith(photo, 1900, 100);
      const regions = await regionsOf(png, dpi);
      expect(regions?.touches({ ...FACE_IN_HEAD, x: 1940, y: 145 })).toBe(true);
      expect(regions?.solidMiddle({ ...FACE_IN_HEAD, x: 1940, y: 145 })).toBe(true);
    }
  });

  it('follows the paper of a shaded scan, and still finds a face on it', async () => {
    const form = await formPage(intakeLines(PATIENT), { dpi: 300 });
    // The form on a letter-high sheet, blank paper below it.
    const size = { width: form.width, height: 3300 };
    const sheet = await sharp(form.png)
      .extend({ bottom: size.height - form.height, background: '#ffffff' })
      .png()
      .toBuffer();
    const head = await sharp(await astronaut())
      .extract(HEAD)
      .toBuffer();
    // Paper 16 levels darker at the bottom than at the top, as under a scanner's uneven light.
    const shaded = async (png: Buffer) => {
      const data = await sharp(png).greyscale().raw().toBuffer();
      for (let y = 0; y < size.height; y++)
        for (let x = 0; x < size.width; x++) {
          const i = y * size.width + x;
          data[i] = Math.max(0, (data[i] ?? 0) - Math.round((16 * y) / size.height));
        }
      return sharp(data, { raw: { ...size, channels: 1 } })
        .png()
        .toBuffer();
    };
    expect((await regionsOf(await shaded(sheet), form.dpi))?.any).toBe(false);
    const withHead = await sharp(sheet)
      .composite([{ input: head, left: 1900, top: 2800 }])
      .png()
      .toBuffer();
    const regions = await regionsOf(await shaded(withHead), form.dpi);
    const face = { ...FACE_IN_HEAD, x: 1900 + FACE_IN_HEAD.x, y: 2800 + FACE_IN_HEAD.y };
    expect(regions?.touches(face)).toBe(true);
    expect(regions?.solidMiddle(face)).toBe(true);
    expect(regions?.solidMiddle({ x: 200, y: 2700, w: 600, h: 400 })).toBe(false);
  });

  it('finds half a face cut off by the page edge', async () => {
    const page = await formPage(intakeLines(PATIENT), { dpi: 300 });
    const head = await sharp(await astronaut())
      .extract(HEAD)
      .toBuffer();
    // The head's left half only, flush with the page's right edge.
    const half = await sharp(head)
      .extract({ left: 0, top: 0, width: 85, height: HEAD.height })
      .toBuffer();
    const png = await sharp(page.png)
      .composite([{ input: half, left: page.width - 85, top: 100 }])
      .png()
      .toBuffer();
    const regions = await regionsOf(png, page.dpi);
    expect(regions?.touches({ x: page.width - 45, y: 145, w: 45, h: 100 })).toBe(true);
    // The network's box for it runs past the edge; outside the page counts as photo.
    expect(regions?.solidMiddle({ x: page.width - 45, y: 145, w: 90, h: 100 })).toBe(true);
  });

  it('leaves a photograph (not a document page) to the full search', async () => {
    const { rgb, size } = await rgbOf(await astronaut());
    expect(photoRegions(rgb, size, 64)).toBeUndefined();
  });
});
