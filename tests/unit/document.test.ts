import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { DocumentLimits } from '../../src/config/env.js';
import { openDocument } from '../../src/imaging/document.js';
import { plausibleDpi } from '../../src/imaging/reader.js';
import { RedactifyError } from '../../src/errors.js';
import { muxTiffPages } from '../../src/imaging/tiff-mux.js';
import { pngDeclaring } from '../fixtures/hostile.js';

const limits: DocumentLimits = {
  maxPages: 5,
  maxPagePixels: 1_000_000,
  maxDocumentPixels: 2_000_000,
};
const options = { limits, defaultDpi: 300, pdfDpi: 150 };
const grey = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#888' } });

async function expectCode(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toBeInstanceOf(RedactifyError);
  await expect(promise).rejects.toMatchObject({ code });
}

describe('openDocument', () => {
  it('reads each TIFF page with its own size and resolution, and renders pages on demand', async () => {
    const pages = await Promise.all([
      grey(300, 400)
        .tiff({ xres: 200 / 25.4, yres: 200 / 25.4 })
        .toBuffer(),
      grey(500, 100)
        .tiff({ xres: 300 / 25.4, yres: 300 / 25.4 })
        .toBuffer(),
    ]);
    const doc = await openDocument(muxTiffPages(pages), 'tiff', options);
    expect(doc.pages).toEqual([
      { width: 300, height: 400, dpi: 200 },
      { width: 500, height: 100, dpi: 300 },
    ]);
    const second = await sharp(await doc.renderPage(1)).metadata();
    expect([second.format, second.width, second.height, second.exif]).toEqual([
      'png',
      500,
      100,
      undefined,
    ]);
  });

  it('applies EXIF orientation 6, so pages are upright', async () => {
    const jpeg = await grey(400, 200).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const doc = await openDocument(jpeg, 'jpeg', options);
    expect(doc.pages[0]).toMatchObject({ width: 200, height: 400 });
    expect(await sharp(await doc.renderPage(0)).metadata()).toMatchObject({
      width: 200,
      height: 400,
    });
  });

  it('renders 16-bit and alpha PNGs as 8-bit pages with alpha flattened', async () => {
    const png16 = await sharp({
      create: { width: 20, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    const page = await (await openDocument(png16, 'png', options)).renderPage(0);
    const meta = await sharp(page).metadata();
    expect([meta.depth, meta.hasAlpha]).toEqual(['uchar', false]);
    expect((await sharp(page).stats()).channels[0]?.mean).toBe(255);
  });

  it('uses the default DPI when the file declares an implausible one', () => {
    expect([plausibleDpi(72, 300), plausibleDpi(undefined, 300), plausibleDpi(204, 300)]).toEqual([
      300, 300, 204,
    ]);
  });

  it('refuses a decompression bomb from its header, before decoding', async () => {
    await expectCode(openDocument(pngDeclaring(60_000, 60_000), 'png', options), 'PAGE_TOO_LARGE');
  });

  it('refuses too many pages and too many pixels in all', async () => {
    const page = await grey(10, 10).tiff().toBuffer();
    await expectCode(
      openDocument(muxTiffPages(Array(6).fill(page) as Buffer[]), 'tiff', options),
      'TOO_MANY_PAGES',
    );
    const big = await grey(1000, 1000).tiff().toBuffer();
    await expectCode(
      openDocument(muxTiffPages([big, big, big]), 'tiff', options),
      'DOCUMENT_TOO_LARGE',
    );
  });

  it('refuses truncated and corrupt files as CORRUPT_INPUT', async () => {
    const png = await grey(200, 200).png().toBuffer();
    await expectCode(
      openDocument(png.subarray(0, 60), 'png', options).then((d) => d.renderPage(0)),
      'CORRUPT_INPUT',
    );
    await expectCode(openDocument(Buffer.from('II*\0garbage'), 'tiff', options), 'CORRUPT_INPUT');
  });
});
