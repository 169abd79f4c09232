// The face detector on real photographs (from the scikit-image wheel) and on a faceless page.
import { readFile } from 'node:fs/promises';
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FACE_SETTINGS,
  detectFaces,
  wholeViewFilter,
  type FaceImage,
} from '../../src/faces/detect.js';
import { photoRegions } from '../../src/faces/photo-regions.js';
import { planViews } from '../../src/faces/views.js';
import { coverage, type Box } from '../../src/imaging/geometry.js';
import { formPage, intakeLines, PATIENTS } from '../fixtures/documents.js';

const fixture = (name: string) => new URL(`../fixtures/faces/${name}`, import.meta.url);

async function raw(input: Buffer | Sharp): Promise<FaceImage> {
  const image = Buffer.isBuffer(input) ? sharp(input) : input;
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** The share of `truth` hidden by the union of the detected boxes (sampled on a 2 px grid). */
function hiddenShare(truth: Box, found: readonly Box[]): number {
  let inside = 0;
  let total = 0;
  for (let y = truth.y; y < truth.y + truth.h; y += 2)
    for (let x = truth.x; x < truth.x + truth.w; x += 2) {
      total++;
      const px = { x, y, w: 1, h: 1 };
      if (found.some((b) => coverage(px, b) === 1)) inside++;
    }
  return inside / total;
}

// Hand-labelled face (eyebrows to chin, ear to ear) of astronaut.png, 512 × 512.
const ASTRONAUT_FACE: Box = { x: 180, y: 85, w: 85, h: 100 };
// The cameraman's face, 512 × 512, grey.
const CAMERAMAN_FACE: Box = { x: 205, y: 125, w: 45, h: 60 };

describe('detectFaces', { timeout: 120_000 }, () => {
  it('finds the face in a colour portrait and reports its detector', async () => {
    const image = await raw(await readFile(fixture('astronaut.jpg')));
    const faces = await detectFaces(image);
    expect(faces.length).toBeGreaterThanOrEqual(1);
    expect(
      hiddenShare(
        ASTRONAUT_FACE,
        faces.map((f) => f.bbox),
      ),
    ).toBeGreaterThan(0.6);
    // Not the whole photo: a view's stray box much larger than the image is dropped, so it never
    // joins the face's box.
    expect(
      hiddenShare(
        { x: 0, y: 0, w: 60, h: 60 },
        faces.map((f) => f.bbox),
      ),
    ).toBe(0);
    for (const f of faces) {
      expect(f.detector).toMatch(/^face-api\//);
      expect(f.confidence).toBeGreaterThan(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('finds a face in a grey, single-channel photo', async () => {
    const image = await raw(sharp(await readFile(fixture('camera.jpg'))).toColourspace('b-w'));
    expect(image.channels).toBe(1);
    const faces = await detectFaces(image);
    expect(
      hiddenShare(
        CAMERAMAN_FACE,
        faces.map((f) => f.bbox),
      ),
    ).toBeGreaterThan(0.6);
  });

  it('hides a face that fills the photo whole, which only the half-size view sees whole', async () => {
    // The astronaut's face cut tight and shown at 512 px: about 414 × 427 px, larger than any
    // face the network sees at its 416 px input.
    const crop = { left: 170, top: 75, width: 105, height: 120 };
    const image = await raw(
      sharp(await readFile(fixture('astronaut.jpg')))
        .extract(crop)
        .resize(512, 512, { fit: 'fill' }),
    );
    const face: Box = {
      x: ((ASTRONAUT_FACE.x - crop.left) * 512) / crop.width,
      y: ((ASTRONAUT_FACE.y - crop.top) * 512) / crop.height,
      w: (ASTRONAUT_FACE.w * 512) / crop.width,
      h: (ASTRONAUT_FACE.h * 512) / crop.height,
    };
    const boxes = async (settings: { wholeScales?: number[] } = {}) =>
      (await detectFaces(image, settings)).map((f) => f.bbox);
    expect(hiddenShare(face, await boxes())).toBe(1);
    // Without the half-size view, the network finds only part of the face.
    expect(hiddenShare(face, await boxes({ wholeScales: [] }))).toBeLessThan(0.9);
  });

  it('finds a face on a page turned a quarter, and maps it back onto the page', async () => {
    const turned = await sharp(await readFile(fixture('astronaut.jpg')))
      .rotate(90)
      .toBuffer();
    const faces = await detectFaces(await raw(turned));
    // astronaut.png turned clockwise: (x, y) → (511 - y, x).
    const truth: Box = {
      x: 512 - (ASTRONAUT_FACE.y + ASTRONAUT_FACE.h),
      y: ASTRONAUT_FACE.x,
      w: ASTRONAUT_FACE.h,
      h: ASTRONAUT_FACE.w,
    };
    expect(
      hiddenShare(
        truth,
        faces.map((f) => f.bbox),
      ),
    ).toBeGreaterThan(0.6);
  });

  it('finds a 120 px face on a 300 dpi letter page (a 1 cm photo on a scanned card)', async () => {
    const portrait = await sharp(await readFile(fixture('astronaut.jpg')))
      .extract({ left: 150, top: 50, width: 150, height: 170 })
      .resize(150, 170)
      .toBuffer();
    const page = await sharp({
      create: { width: 2550, height: 3300, channels: 3, background: '#f4f4f0' },
    })
      .composite([{ input: portrait, left: 1700, top: 2400 }])
      .png()
      .toBuffer();
    const faces = await detectFaces(await raw(page));
    const truth: Box = { x: 1700 + 30, y: 2400 + 35, w: 85, h: 100 };
    expect(
      hiddenShare(
        truth,
        faces.map((f) => f.bbox),
      ),
    ).toBeGreaterThan(0.6);
  });

  it('finds nothing on a faceless text page', async () => {
    const page = await formPage(intakeLines(PATIENTS[0]!), { dpi: 200 });
    const faces = await detectFaces(await raw(page.png));
    expect(faces).toEqual([]);
  });
});

describe('wholeViewFilter', () => {
  const settings = DEFAULT_FACE_SETTINGS;
  /** A blank 300 dpi letter page with the astronaut pasted at `side` px; its whole views. */
  async function filterOn(side: number) {
    const photo = await sharp(await readFile(fixture('astronaut.jpg')))
      .resize(side, side)
      .toBuffer();
    const { data, info } = await sharp({
      create: { width: 2550, height: 3300, channels: 3, background: '#f4f4f0' },
    })
      .composite([{ input: photo, left: 200, top: 200 }])
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const rgb = new Uint8Array(data);
    const size = { width: info.width, height: info.height };
    const regions = photoRegions(rgb, size, settings.minFacePx);
    const keep = wholeViewFilter(rgb, size, settings, [], regions);
    return planViews(size, { ...settings }).whole.map(keep);
  }

  it('skips the whole views of a document page whose photo is too small for their smallest face', async () => {
    // The fitted view is searched for faces from 222 px up on a 3300 px page (0.7 of 40 px of its
    // 416 px input), whose solid middle (133 px) a 100 px photo cannot hold.
    expect(await filterOn(100)).toEqual([false, false]);
  });

  it('searches them when the photo could hold such a face', async () => {
    // A 200 px photo holds the middle of a 222 px face, not of the half-size view's 444 px one
    // (267 px); a 400 px photo holds both.
    expect(await filterOn(200)).toEqual([true, false]);
    expect(await filterOn(400)).toEqual([true, true]);
  });

  it('searches every whole view of an image that is not a document', () => {
    const keep = wholeViewFilter(
      new Uint8Array(12),
      { width: 2, height: 2 },
      settings,
      [],
      undefined,
    );
    expect(keep({ x: 0, y: 0, w: 2, h: 2 })).toBe(true);
  });
});
