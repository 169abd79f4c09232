// The labelled images of `npm run eval:faces`: real photographs from the scikit-image and
// matplotlib wheels (eval/faces/sources.ts), those photographs composed onto ID cards and document
// pages at several scales and turns, and faceless photos and document pages for false positives;
// and group photos held out from tuning (heldout-photos.json).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import type { Box } from '../../src/imaging/geometry.js';
import type { RawImage } from '../../src/imaging/mask.js';
import { openDocument } from '../../src/imaging/document.js';
import { decodeRaw } from '../../src/imaging/raw.js';
import type { QuarterTurn } from '../../src/faces/views.js';
import { generateCorpus } from '../corpus/index.js';
import type { Clip, Motion } from './clips.js';
import { readNpyAsBytes } from './sources.js';

/** Which product path reads the image: a `redact` page (searched for its DPI) or a photo (`blur-faces`). */
export type FacePath = 'document' | 'photo';

export interface FaceCase {
  name: string;
  set: 'photos' | 'held-out photos' | 'documents' | 'faceless photos' | 'faceless documents';
  path: FacePath;
  image: RawImage;
  dpi: number;
  truth: Box[];
}

/**
 * Faces labelled by hand on the originals (brow to chin, ear to ear; looked at on a 25 px grid),
 * pixels of the image as shipped.
 */
export const LABELLED_PHOTOS = [
  { file: 'skimage/data/astronaut.png', face: { x: 170, y: 55, w: 110, h: 115 } },
  // In profile, half behind the camera: the hard one.
  { file: 'skimage/data/camera.png', face: { x: 180, y: 100, w: 70, h: 90 } },
  {
    file: 'matplotlib/mpl-data/sample_data/grace_hopper.jpg',
    face: { x: 165, y: 140, w: 190, h: 190 },
  },
] as const;

/** Images of both wheels with no human face (a cat's face is not PHI, and counts as false). */
export const FACELESS_PHOTOS = [
  'brick.png',
  'cell.png',
  'chelsea.png',
  'chessboard_RGB.png',
  'clock_motion.png',
  'coffee.png',
  'coins.png',
  'color.png',
  'grass.png',
  'gravel.png',
  'horse.png',
  'hubble_deep_field.jpg',
  'ihc.png',
  'logo.png',
  'microaneurysms.png',
  'moon.png',
  'motorcycle_left.png',
  'phantom.png',
  'retina.jpg',
  'rocket.jpg',
  'text.png',
  'page.png',
]
  .map((f) => `skimage/data/${f}`)
  .concat([
    'matplotlib/mpl-data/sample_data/Minduka_Present_Blue_Pack.png',
    'matplotlib/mpl-data/sample_data/logo2.png',
  ]);

/**
 * Group photos that ship in the detector's package (its demo pictures, 22 faces), labelled by a
 * helper who ran no detector; no setting was chosen on them (docs/decisions/face-detector.md).
 */
export async function heldOutPhotoCases(): Promise<FaceCase[]> {
  return (await heldOutPhotos()).map(({ file, image, faces }) => ({
    name: file,
    set: 'held-out photos',
    path: 'photo',
    image,
    dpi: 72,
    truth: faces,
  }));
}

/** The held-out group photos with their labels (see `heldOutPhotoCases`). */
async function heldOutPhotos(): Promise<Array<{ file: string; image: RawImage; faces: Box[] }>> {
  const labels = JSON.parse(
    await readFile(new URL('./heldout-photos.json', import.meta.url), 'utf8'),
  ) as { images: Record<string, { faces: Box[] }> };
  const demo = join(
    dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json')),
    'demo',
  );
  const photos = [];
  for (const [file, { faces }] of Object.entries(labels.images))
    photos.push({ file, image: await raw(await readFile(join(demo, file))), faces });
  return photos;
}

/** Every clip of a still: 640 × 360 at 25 frames per second, 4 s. */
const CLIP = { width: 640, height: 360, fps: 25, seconds: 4 } as const;
const MOTIONS: readonly Motion[] = ['pan', 'zoom', 'enter'];
/**
 * Held-out photos made into clips. The first run (2026-12-08) had sample1 and sample5 as its
 * held-out clips; the video settings were then chosen looking at their misses, so they became
 * development clips. sample3 and sample4 were first run as clips on the settings so chosen
 * (4 of 588 frames leaked, `4ae40dd`); their misses were looked at then, so the set keeps its
 * name but holds nothing out any more (docs/evaluation.md).
 */
const DEVELOPMENT_CLIP_PHOTOS = ['sample1.jpg', 'sample5.jpg'];
const HELD_OUT_CLIP_PHOTOS = ['sample3.jpg', 'sample4.jpg'];
/** Faceless photos made into clips, with the motion each makes. */
const FACELESS_CLIPS: ReadonlyArray<[file: string, motion: Motion]> = [
  ['skimage/data/coffee.png', 'pan'],
  ['skimage/data/chelsea.png', 'zoom'],
  ['skimage/data/horse.png', 'enter'],
];

/**
 * The video clips: each labelled photo (not the profile) and four of the held-out photos in every
 * motion, and three faceless photos.
 */
export async function videoClips(root: string): Promise<Clip[]> {
  const still = async (path: string) => raw(await sharp(path).png().toBuffer());
  const stills: Array<{ name: string; set: Clip['set']; image: RawImage; faces: Box[] }> = [];
  for (const photo of LABELLED_PHOTOS.filter((p) => !p.file.endsWith('camera.png')))
    stills.push({
      name: photo.file.split('/').at(-1) ?? photo.file,
      set: 'video',
      image: await still(join(root, photo.file)),
      faces: [photo.face],
    });
  for (const { file, image, faces } of await heldOutPhotos()) {
    if (DEVELOPMENT_CLIP_PHOTOS.includes(file))
      stills.push({ name: file, set: 'video', image, faces });
    if (HELD_OUT_CLIP_PHOTOS.includes(file))
      stills.push({ name: file, set: 'held-out video', image, faces });
  }
  const clips = stills.flatMap((s) =>
    MOTIONS.map((motion) => ({
      ...CLIP,
      name: `${s.name} ${motion}`,
      set: s.set,
      still: s.image,
      faces: s.faces,
      motion,
    })),
  );
  for (const [file, motion] of FACELESS_CLIPS)
    clips.push({
      ...CLIP,
      name: `${file.split('/').at(-1) ?? file} ${motion}`,
      set: 'faceless video',
      still: await still(join(root, file)),
      faces: [],
      motion,
    });
  return clips;
}

/** `lfw_subset.npy`: 200 grey crops of 25 × 25, the first 100 faces, the other 100 not (skimage's docs). */
const LFW = 'skimage/data/lfw_subset.npy';
const LFW_SIDE = 25;
/** An LFW crop is shown at this size in the middle of a 2× canvas, as a small photo. */
const LFW_SHOWN = 100;

/**
 * The face in an LFW frame (see `lfwCrops`) shown `k` times larger: the crop is cut around the
 * face, and its middle 80 % is the face.
 */
function lfwFace(k: number): Box {
  const inset = LFW_SHOWN * 0.1;
  return scaleBox(
    { x: LFW_SHOWN / 2 + inset, y: LFW_SHOWN / 2 + inset, w: LFW_SHOWN * 0.8, h: LFW_SHOWN * 0.8 },
    k,
  );
}

/** A box on an image turned clockwise by `turn` (the inverse of `unturnBox`). */
export function turnBox(b: Box, turn: QuarterTurn, size: { width: number; height: number }): Box {
  switch (turn) {
    case 0:
      return b;
    case 90:
      return { x: size.height - (b.y + b.h), y: b.x, w: b.h, h: b.w };
    case 180:
      return { x: size.width - (b.x + b.w), y: size.height - (b.y + b.h), w: b.w, h: b.h };
    case 270:
      return { x: b.y, y: size.width - (b.x + b.w), w: b.h, h: b.w };
  }
}

const scaleBox = (b: Box, k: number, dx = 0, dy = 0): Box => ({
  x: dx + b.x * k,
  y: dy + b.y * k,
  w: b.w * k,
  h: b.h * k,
});

async function raw(png: Buffer): Promise<RawImage> {
  return decodeRaw(png);
}

/** The photo turned and, for a scan, grey with JPEG artefacts. */
async function photoVariant(src: Buffer, turn: QuarterTurn, scan: boolean): Promise<Buffer> {
  let image = sharp(src).rotate(turn);
  if (scan) image = sharp(await image.greyscale().jpeg({ quality: 35 }).toBuffer());
  return image.png().toBuffer();
}

export async function photoCases(root: string): Promise<FaceCase[]> {
  const cases: FaceCase[] = [];
  for (const photo of LABELLED_PHOTOS) {
    const src = await sharp(join(root, photo.file)).png().toBuffer();
    const meta = await sharp(src).metadata();
    const size = { width: meta.width ?? 0, height: meta.height ?? 0 };
    const variants: Array<[string, QuarterTurn, boolean]> = [
      ['upright', 0, false],
      ['grey JPEG q35', 0, true],
      ['turned 90', 90, false],
      ['turned 180', 180, false],
      ['turned 270', 270, false],
    ];
    for (const [label, turn, scan] of variants) {
      cases.push({
        name: `${photo.file.split('/').at(-1)} ${label}`,
        set: 'photos',
        path: 'photo',
        image: await raw(await photoVariant(src, turn, scan)),
        dpi: 72,
        truth: [turnBox(photo.face, turn, size)],
      });
    }
  }
  const lfw = await lfwCrops(root);
  for (const [i, crop] of lfw.entries()) {
    const isFace = i < 100;
    cases.push({
      name: `lfw_subset #${i}`,
      set: isFace ? 'photos' : 'faceless photos',
      path: 'photo',
      image: await raw(crop),
      dpi: 72,
      truth: isFace ? [lfwFace(1)] : [],
    });
  }
  for (const file of FACELESS_PHOTOS) {
    cases.push({
      name: file.split('/').at(-1) ?? file,
      set: 'faceless photos',
      path: 'photo',
      image: await raw(await sharp(join(root, file)).png().toBuffer()),
      dpi: 72,
      truth: [],
    });
  }
  return cases;
}

/** Every LFW crop, shown at 100 px in a 200 px grey frame (PNG). */
async function lfwCrops(root: string): Promise<Buffer[]> {
  const { shape, data } = await readNpyAsBytes(join(root, LFW));
  const [count = 0] = shape;
  const crops: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const pixels = data.subarray(i * LFW_SIDE * LFW_SIDE, (i + 1) * LFW_SIDE * LFW_SIDE);
    const shown = await sharp(pixels, { raw: { width: LFW_SIDE, height: LFW_SIDE, channels: 1 } })
      .resize(LFW_SHOWN, LFW_SHOWN, { kernel: 'cubic' })
      .png()
      .toBuffer();
    const half = LFW_SHOWN / 2;
    crops.push(
      await sharp({
        create: { width: 2 * LFW_SHOWN, height: 2 * LFW_SHOWN, channels: 3, background: '#c8c8c8' },
      })
        .composite([{ input: shown, left: half, top: half }])
        .png()
        .toBuffer(),
    );
  }
  return crops;
}

const DPI = 300;
const LETTER = { width: 8.5 * DPI, height: 11 * DPI };
/** A CR80 card (85.6 × 54 mm) at 300 dpi. */
const CARD = { width: 1011, height: 638 };

/** A photo-ID card: header band, the portrait on the left scaled so the face is `faceHeightPx`. */
async function idCard(
  photo: Buffer,
  face: Box,
  faceHeightPx: number,
): Promise<{ png: Buffer; face: Box }> {
  const k = faceHeightPx / face.h;
  // The portrait: the face with a head-and-shoulders margin around it.
  const crop = {
    left: Math.max(0, Math.round(face.x - face.w * 0.4)),
    top: Math.max(0, Math.round(face.y - face.h * 0.35)),
  };
  const meta = await sharp(photo).metadata();
  const cropW = Math.min((meta.width ?? 0) - crop.left, Math.round(face.w * 1.8));
  const cropH = Math.min((meta.height ?? 0) - crop.top, Math.round(face.h * 1.8));
  const portrait = await sharp(photo)
    .extract({ ...crop, width: cropW, height: cropH })
    .resize(Math.round(cropW * k), Math.round(cropH * k))
    .png()
    .toBuffer();
  const at = { left: 40, top: 130 };
  const lines = Array.from(
    { length: 6 },
    (_, i) =>
      `<rect x="${at.left + cropW * k + 40}" y="${160 + i * 70}" width="${380 - i * 30}" height="26" fill="#555"/>`,
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD.width}" height="${CARD.height}">
    <rect width="100%" height="100%" rx="30" fill="#eef3f8" stroke="#234" stroke-width="4"/>
    <rect width="100%" height="100" fill="#1f4e8c"/>${lines}</svg>`;
  const png = await sharp(Buffer.from(svg))
    .composite([{ input: portrait, ...at }])
    .png()
    .toBuffer();
  const faceOnCard = scaleBox(
    { x: face.x - crop.left, y: face.y - crop.top, w: face.w, h: face.h },
    k,
    at.left,
    at.top,
  );
  return { png, face: faceOnCard };
}

/** A letter page at 300 dpi with `items` placed on it, turned and scanned as asked. */
async function page(
  items: Array<{ png: Buffer; faces: Box[]; left: number; top: number }>,
  turn: QuarterTurn,
  scan: boolean,
): Promise<{ image: RawImage; truth: Box[] }> {
  let composed = await sharp({ create: { ...LETTER, channels: 3, background: '#ffffff' } })
    .composite(items.map(({ png, left, top }) => ({ input: png, left, top })))
    .png()
    .toBuffer();
  if (scan) composed = await sharp(composed).greyscale().blur(0.8).jpeg({ quality: 45 }).toBuffer();
  const png = await sharp(composed).rotate(turn).png().toBuffer();
  const truth = items
    .flatMap((item) => item.faces.map((f) => ({ ...f, x: f.x + item.left, y: f.y + item.top })))
    .map((f) => turnBox(f, turn, LETTER));
  return { image: await raw(png), truth };
}

export async function documentCases(root: string): Promise<FaceCase[]> {
  const cases: FaceCase[] = [];
  const photos = await Promise.all(
    LABELLED_PHOTOS.map(async (p) => ({
      name: p.file.split('/').at(-1) ?? p.file,
      png: await sharp(join(root, p.file)).png().toBuffer(),
      face: p.face,
    })),
  );
  const doc = (name: string, made: { image: RawImage; truth: Box[] }): FaceCase => ({
    name,
    set: 'documents',
    path: 'document',
    dpi: DPI,
    ...made,
  });
  for (const photo of photos) {
    // A 1 cm face (118 px at 300 dpi) and a 2.5 cm one, on a card scanned onto a letter page.
    for (const faceHeightPx of [118, 295]) {
      const card = await idCard(photo.png, photo.face, faceHeightPx);
      cases.push(
        doc(
          `ID card, ${photo.name}, face ${faceHeightPx} px`,
          await page([{ png: card.png, faces: [card.face], left: 300, top: 400 }], 0, false),
        ),
      );
    }
  }
  const [astronaut, camera, grace] = photos;
  if (!astronaut || !camera || !grace) throw new Error('labelled photos missing');
  const card = await idCard(grace.png, grace.face, 118);
  for (const turn of [90, 180] as const) {
    cases.push(
      doc(
        `ID card, grace_hopper.jpg, page turned ${turn}`,
        await page([{ png: card.png, faces: [card.face], left: 300, top: 400 }], turn, false),
      ),
    );
  }
  cases.push(
    doc(
      'ID card, grace_hopper.jpg, grey scan with JPEG artefacts',
      await page([{ png: card.png, faces: [card.face], left: 300, top: 400 }], 0, true),
    ),
  );
  // Half the card off the page's right edge: the face is cut; its visible part is the truth.
  const astro = await idCard(astronaut.png, astronaut.face, 295);
  const left = LETTER.width - 40 - Math.round(astro.face.x + astro.face.w / 2);
  const cut = { ...astro.face, w: LETTER.width - (left + astro.face.x) };
  const edge = await page([{ png: astro.png, faces: [astro.face], left, top: 1200 }], 0, false);
  cases.push(
    doc('ID card cut by the page edge', {
      image: edge.image,
      truth: [{ ...cut, x: cut.x + left, y: cut.y + 1200 }],
    }),
  );
  // Several faces on one page: three cards and four LFW portraits on an intake sheet.
  const cards = await Promise.all(photos.map((p) => idCard(p.png, p.face, 160)));
  const frameShown = 3 * 2 * LFW_SHOWN; // each 200 px LFW frame shown at 600 px
  const portraits = (await lfwCrops(root)).slice(0, 4);
  const items = [
    ...cards.map((c, i) => ({ png: c.png, faces: [c.face], left: 200, top: 300 + i * 800 })),
    ...(await Promise.all(
      portraits.map(async (frame, i) => ({
        png: await sharp(frame).resize(frameShown, frameShown).png().toBuffer(),
        faces: [lfwFace(3)],
        left: 1400 + (i % 2) * 500,
        top: 400 + Math.floor(i / 2) * 1400,
      })),
    )),
  ];
  cases.push(doc('intake sheet with seven faces', await page(items, 0, false)));
  return cases;
}

/** Pages of the text corpus's generator (seed 11): letters, forms and tables with no face. */
export async function facelessDocumentCases(documents: number): Promise<FaceCase[]> {
  const corpus = await generateCorpus({ seed: 11, documents });
  const limits = { maxPages: 50, maxPagePixels: 100_000_000, maxDocumentPixels: 1_000_000_000 };
  const cases: FaceCase[] = [];
  for (const doc of corpus) {
    const reader = await openDocument(doc.bytes, doc.format, {
      limits,
      defaultDpi: DPI,
      pdfDpi: DPI,
    });
    for (const [index, info] of reader.pages.entries()) {
      cases.push({
        name: `${doc.id} page ${index + 1}`,
        set: 'faceless documents',
        path: 'document',
        image: await raw(await reader.renderPage(index)),
        dpi: info.dpi,
        truth: [],
      });
    }
    await reader.close();
  }
  return cases;
}
