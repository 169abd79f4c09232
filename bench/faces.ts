// `npm run bench:faces`: milliseconds per page of the face detector (as the findFaces activity
// calls it, tiles planned from the page's DPI), with the process's RSS and tfjs tensor count after
// each round, on faceless text pages and a 300 dpi page carrying a small portrait. No servers.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { detectFaces, type FaceImage } from '../src/faces/detect.js';
import { tfMemory } from '../src/faces/engine.js';
import { faceSearchSize } from '../src/faces/search-size.js';
import { formPage, intakeLines, PATIENTS } from '../tests/fixtures/documents.js';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const rounds = Number(args.rounds);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
const mb = (n: number) => Math.round(n / 1024 / 1024);
sharp.concurrency(1);

async function raw(png: Buffer): Promise<FaceImage> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

async function portraitPage(): Promise<Buffer> {
  const astronaut = await readFile(
    new URL('../tests/fixtures/faces/astronaut.jpg', import.meta.url),
  );
  const portrait = await sharp(astronaut)
    .extract({ left: 150, top: 50, width: 150, height: 170 })
    .toBuffer();
  return sharp({ create: { width: 2550, height: 3300, channels: 3, background: '#f4f4f0' } })
    .composite([{ input: portrait, left: 1700, top: 2400 }])
    .png()
    .toBuffer();
}

// The first test patient (PATIENTS is a non-empty fixture list).
const patient = PATIENTS[0] as (typeof PATIENTS)[number];
const pages: Array<{ name: string; png: Buffer; dpi: number }> = [
  {
    name: 'text form, 150 dpi (large.test TIFF page)',
    ...(await formPage(intakeLines(patient), { dpi: 150 })),
  },
  {
    name: 'text form, 300 dpi letter',
    ...(await formPage(intakeLines(patient), { dpi: 300 })),
  },
  { name: 'portrait on a 300 dpi letter page', dpi: 300, png: await portraitPage() },
];

for (const page of pages) {
  const image = await raw(page.png);
  const minFacePx = faceSearchSize({ ...image, dpi: page.dpi });
  const times: number[] = [];
  let found = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    found = (await detectFaces(image, { minFacePx })).length;
    times.push(performance.now() - t0);
  }
  const tf = await tfMemory();
  console.log(
    `${page.name} (${image.width}×${image.height}): median ${Math.round(median(times))} ms ` +
      `(${times.map(Math.round).join(', ')}), faces ${found}, rss ${mb(process.memoryUsage().rss)} MB` +
      (tf ? `, tensors ${tf.numTensors}, tf bytes ${mb(tf.numBytes)} MB` : ''),
  );
}
