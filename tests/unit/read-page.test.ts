import { describe, expect, it } from 'vitest';
import type { OcrEngine, OcrRequest } from '../../src/ocr/engine.js';
import { readPage, scaleOcrPage } from '../../src/ocr/read-page.js';
import type { OcrPage } from '../../src/ocr/types.js';
import sharp from 'sharp';

const page: OcrPage = {
  width: 100,
  height: 50,
  dpi: 300,
  lines: [
    {
      box: { x: 10, y: 10, w: 40, h: 10 },
      block: 0,
      words: [
        {
          text: 'Ann',
          box: { x: 10, y: 10, w: 30, h: 10 },
          confidence: 90,
          chars: [
            [10, 18],
            [20, 28],
            [30, 38],
          ],
        },
      ],
    },
  ],
};

describe('scaleOcrPage', () => {
  it('scales every box and character extent', () => {
    const scaled = scaleOcrPage(page, 0.5, { width: 50, height: 25, dpi: 150 });
    expect(scaled.lines[0]?.words[0]).toEqual({
      text: 'Ann',
      box: { x: 5, y: 5, w: 15, h: 5 },
      confidence: 90,
      chars: [
        [5, 9],
        [10, 14],
        [15, 19],
      ],
    });
    expect([scaled.width, scaled.dpi]).toEqual([50, 150]);
  });
});

describe('readPage', () => {
  // An engine that records what it was asked to read and answers with one word in its own pixels.
  const engine = (seen: OcrRequest[]): OcrEngine => ({
    recognize: async (request) => {
      seen.push(request);
      return { ...page, width: request.width, height: request.height, dpi: request.dpi };
    },
    close: async () => undefined,
  });

  it('upscales a 200-dpi scan to 300 dpi for the engine and maps boxes back to the page', async () => {
    const seen: OcrRequest[] = [];
    const png = await sharp({
      create: { width: 200, height: 100, channels: 3, background: '#fff' },
    })
      .png()
      .toBuffer();
    const read = await readPage(
      engine(seen),
      png,
      { width: 200, height: 100, dpi: 200 },
      { minDpi: 300 },
    );
    expect(seen.map((r) => [r.width, r.height, r.dpi])).toEqual([[300, 150, 300]]);
    expect((await sharp(seen[0]!.png).metadata()).width).toBe(300);
    expect(read.lines[0]?.words[0]?.box).toEqual({
      x: 10 * (2 / 3),
      y: 10 * (2 / 3),
      w: 30 * (2 / 3),
      h: 10 * (2 / 3),
    });
    expect([read.width, read.dpi]).toEqual([200, 200]);
  });

  it('reads pages at or above the minimum as they are', async () => {
    const seen: OcrRequest[] = [];
    await readPage(
      engine(seen),
      Buffer.alloc(0),
      { width: 10, height: 10, dpi: 300 },
      { minDpi: 300 },
    );
    expect(seen[0]?.dpi).toBe(300);
  });
});
