// What OCR read confidently is paper to the face prefilter: which words count, and what they hide.
import { describe, expect, it } from 'vitest';
import { photoRegions } from '../../src/faces/photo-regions.js';
import { confidentTextBoxes, MIN_TEXT_CONFIDENCE } from '../../src/faces/text-boxes.js';
import type { Box } from '../../src/imaging/geometry.js';
import type { OcrPage } from '../../src/ocr/types.js';

const word = (text: string, confidence: number, box: Box) => ({ text, confidence, box });

describe('confidentTextBoxes', () => {
  const page: OcrPage = {
    width: 2550,
    height: 3300,
    dpi: 300,
    lines: [
      {
        box: { x: 100, y: 100, w: 900, h: 40 },
        block: 0,
        words: [
          word('Patient', 96, { x: 100, y: 100, w: 200, h: 40 }),
          word('Name:', MIN_TEXT_CONFIDENCE, { x: 320, y: 100, w: 150, h: 40 }),
          // Low confidence: what tesseract reads inside a photo looks like this.
          word('Sdhgf', MIN_TEXT_CONFIDENCE - 1, { x: 500, y: 100, w: 150, h: 40 }),
          // Not text-like: one letter, or strokes.
          word('I', 95, { x: 700, y: 100, w: 10, h: 40 }),
          word('|—', 95, { x: 720, y: 100, w: 30, h: 40 }),
        ],
      },
      {
        box: { x: 100, y: 300, w: 600, h: 120 },
        block: 1,
        // As tall as a face: not trusted to be only text.
        words: [word('HEADLINE', 97, { x: 100, y: 300, w: 600, h: 120 })],
      },
    ],
  };

  it('keeps confident words of two letters or digits that are shorter than a face', () => {
    expect(confidentTextBoxes(page, 94)).toEqual([
      { x: 100, y: 100, w: 200, h: 40 },
      { x: 320, y: 100, w: 150, h: 40 },
    ]);
  });

  it('keeps a tall word once the smallest face searched for is taller', () => {
    expect(confidentTextBoxes(page, 200)).toContainEqual({ x: 100, y: 300, w: 600, h: 120 });
  });
});

describe('photoRegions with text', () => {
  // A white page with one dark block of 200 px: as dense bold text on a scan can look.
  const size = { width: 1000, height: 1000 };
  const block: Box = { x: 400, y: 400, w: 200, h: 200 };
  const rgb = new Uint8Array(size.width * size.height * 3).fill(250);
  for (let y = block.y; y < block.y + block.h; y++)
    rgb.fill(60, (y * size.width + block.x) * 3, (y * size.width + block.x + block.w) * 3);
  const minFacePx = 60;

  it('searches the block when nothing was read there', () => {
    const regions = photoRegions(rgb, size, minFacePx);
    expect(regions?.any).toBe(true);
    expect(regions?.solidMiddle(block)).toBe(true);
  });

  it('leaves out the block when OCR read it confidently, and keeps a detection off it', () => {
    const regions = photoRegions(rgb, size, minFacePx, [block]);
    expect(regions?.any).toBe(false);
    expect(regions?.solidMiddle(block)).toBe(false);
  });

  it('still searches the part of the block that no word covers', () => {
    const top: Box = { ...block, h: 100 };
    const regions = photoRegions(rgb, size, minFacePx, [top]);
    expect(regions?.any).toBe(true);
    expect(regions?.touches({ x: 400, y: 510, w: 200, h: 90 })).toBe(true);
    expect(regions?.touches(top)).toBe(false);
  });

  it('does not let text decide whether the page is a document', () => {
    // A dark photo: text boxes over all of it do not make it paper to search by regions.
    const dark = new Uint8Array(size.width * size.height * 3).fill(40);
    expect(photoRegions(dark, size, minFacePx, [{ x: 0, y: 0, w: 1000, h: 1000 }])).toBe(undefined);
  });
});
