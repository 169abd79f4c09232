import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { setJpegDensity, setPngDensity } from '../../src/imaging/density.js';
import { chooseOutputType, encodeDocument, encodeImage } from '../../src/imaging/encode.js';
import { openDocument } from '../../src/imaging/document.js';
import { paintBoxes } from '../../src/imaging/mask.js';
import { pngChunks, pngDeflateImage } from '../../src/imaging/png-chunk.js';
import { decodeRaw, encodeRawPng } from '../../src/imaging/raw.js';
import { muxTiffPages } from '../../src/imaging/tiff-mux.js';
import { addTiffTags } from '../fixtures/tiff-tags.js';

const grey = (width: number, height: number, value: number) =>
  sharp(Buffer.alloc(width * height, value), { raw: { width, height, channels: 1 } });

const chunkTypes = (png: Buffer) => [...pngChunks(png)].map((c) => c.type);

describe('muxTiffPages', () => {
  it('joins pages of different sizes, compressions and resolutions, in order', async () => {
    const pages = await Promise.all([
      grey(100, 200, 10)
        .tiff({ compression: 'deflate', xres: 300 / 25.4, yres: 300 / 25.4 })
        .toBuffer(),
      grey(300, 50, 200)
        .tiff({ compression: 'lzw', xres: 200 / 25.4, yres: 200 / 25.4 })
        .toBuffer(),
      grey(64, 64, 0)
        .toColourspace('b-w')
        .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: 204 / 25.4, yres: 196 / 25.4 })
        .toBuffer(),
      grey(80, 80, 128)
        .tiff({ compression: 'jpeg', xres: 150 / 25.4, yres: 150 / 25.4 })
        .toBuffer(),
    ]);
    const tiff = muxTiffPages(pages);
    expect((await sharp(tiff).metadata()).pages).toBe(4);
    const read = await Promise.all(
      [0, 1, 2, 3].map(async (page) => {
        const meta = await sharp(tiff, { page }).metadata();
        const stats = await sharp(tiff, { page }).stats();
        return [meta.width, meta.height, meta.density, Math.round(stats.channels[0]?.mean ?? -1)];
      }),
    );
    expect(read).toEqual([
      [100, 200, 300, 10],
      [300, 50, 200, 200],
      [64, 64, 204, 0],
      [80, 80, 150, 128],
    ]);
  });

  it('drops descriptive tags such as ImageDescription and Artist', async () => {
    const plain = await grey(20, 20, 255)
      .withXmp(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">MRN 123</rdf:RDF></x:xmpmeta>',
      )
      .tiff()
      .toBuffer();
    const page = addTiffTags(plain, {
      ImageDescription: 'Patient Jane Roe',
      Artist: 'Dr Who',
      PageName: 'Roe chart',
    });
    expect((await sharp(page).metadata()).width).toBe(20); // still a valid TIFF
    for (const secret of ['Jane Roe', 'Dr Who', 'MRN 123'])
      expect(page.includes(secret)).toBe(true);
    const tiff = muxTiffPages([page]);
    for (const secret of ['Jane Roe', 'Dr Who', 'MRN 123', 'Roe chart'])
      expect(tiff.includes(secret)).toBe(false);
    expect((await sharp(tiff).metadata()).width).toBe(20);
  });
});

describe('density without EXIF', () => {
  it('writes the DPI into PNG pHYs and adds no eXIf chunk', async () => {
    const png = setPngDensity(await grey(10, 10, 1).png().toBuffer(), 204);
    expect((await sharp(png).metadata()).density).toBe(204);
    expect(chunkTypes(png)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
  });

  it('writes the DPI into the JFIF header of a JPEG', async () => {
    const jpeg = setJpegDensity(await grey(10, 10, 1).jpeg().toBuffer(), 300);
    const meta = await sharp(jpeg).metadata();
    expect([meta.density, meta.exif]).toEqual([300, undefined]);
  });
});

describe('output encoding', () => {
  it('keeps the requested type for one page and falls back to TIFF for several', () => {
    expect(chooseOutputType('jpeg', 1)).toBe('jpeg');
    expect(chooseOutputType('png', 3)).toBe('tiff');
    expect(chooseOutputType('tiff', 1)).toBe('tiff');
  });

  it('encodes pages one at a time into a multi-page TIFF', async () => {
    const loaded: number[] = [];
    const tiff = await encodeDocument('tiff', 3, async (i) => {
      loaded.push(i);
      return {
        png: await grey(10 + i, 10, 255)
          .png()
          .toBuffer(),
        dpi: 300,
      };
    });
    expect(loaded).toEqual([0, 1, 2]);
    expect((await sharp(tiff).metadata()).pages).toBe(3);
    expect((await sharp(tiff, { page: 2 }).metadata()).width).toBe(12);
  });

  it('strips EXIF from a page that carried it', async () => {
    const png = await grey(10, 10, 255)
      .withExif({ IFD0: { ImageDescription: 'John Doe' } })
      .png()
      .toBuffer();
    const out = await encodeImage({ png, dpi: 150 }, 'png');
    expect(out.includes('John Doe')).toBe(false);
    expect((await sharp(out).metadata()).density).toBe(150);
  });
});

describe('PDF output pages', () => {
  /** A 60 × 40 page with a gradient and a black box, in `channels` channels. */
  const page = (channels: 1 | 3 | 4) => {
    const data = Buffer.alloc(60 * 40 * channels);
    for (let y = 0; y < 40; y++)
      for (let x = 0; x < 60; x++)
        for (let c = 0; c < channels; c++) {
          const masked = x >= 10 && x < 30 && y >= 5 && y < 20;
          data[(y * 60 + x) * channels + c] = c === 3 ? 255 : masked ? 0 : (x * 4 + c * 40) % 256;
        }
    const image = sharp(data, { raw: { width: 60, height: 40, channels } });
    return channels === 1 ? image.toColourspace('b-w') : image;
  };
  const rendered = async (pdf: Buffer, channels: number) => {
    const reader = await openDocument(pdf, 'pdf', {
      limits: { maxPages: 10, maxPagePixels: 1e6, maxDocumentPixels: 1e7 },
      defaultDpi: 72,
      pdfDpi: 72,
    });
    const png = await reader.renderPage(0);
    await reader.close();
    return sharp(png)
      .toColourspace(channels === 1 ? 'b-w' : 'srgb')
      .raw()
      .toBuffer();
  };

  it('reuses the compressed rows of grey and RGB PNGs, whatever their row filters', async () => {
    for (const [channels, filtering] of [
      [1, false],
      [3, true],
    ] as const) {
      const png = await page(channels).png({ adaptiveFiltering: filtering }).toBuffer();
      const stored = pngDeflateImage(png);
      expect(stored).toMatchObject({ width: 60, height: 40, colors: channels });
      const pdf = await encodeDocument('pdf', 1, () => Promise.resolve({ png, dpi: 72 }));
      expect(pdf.includes(stored?.deflated.subarray(0, 64) ?? Buffer.alloc(1))).toBe(true);
      expect((await rendered(pdf, channels)).equals(await page(channels).raw().toBuffer())).toBe(
        true,
      );
    }
  });

  it('re-encodes PNGs a PDF cannot hold as they are: alpha, 16-bit, palette', async () => {
    const rgba = await page(4).png().toBuffer();
    const deep = await page(1).png().toColourspace('grey16').toBuffer();
    const palette = await page(3).png({ palette: true }).toBuffer();
    expect([rgba, deep, palette].map(pngDeflateImage)).toEqual([undefined, undefined, undefined]);
    const pdf = await encodeDocument('pdf', 1, () => Promise.resolve({ png: rgba, dpi: 72 }));
    expect((await rendered(pdf, 3)).equals(await page(3).raw().toBuffer())).toBe(true);
  });
});

describe('raw page pixels', () => {
  it('keeps a grey page one channel through decode, mask and encode', async () => {
    const png = await grey(30, 20, 200).toColourspace('b-w').png().toBuffer();
    const image = await decodeRaw(png);
    expect([image.channels, image.data.length]).toEqual([1, 600]);
    paintBoxes(image, [{ x: 0, y: 0, w: 10, h: 20 }], 0);
    const out = await encodeRawPng(image);
    const meta = await sharp(out).metadata();
    expect([meta.channels, meta.space]).toEqual([1, 'b-w']);
    expect((await sharp(out).toColourspace('b-w').raw().toBuffer()).subarray(0, 12)).toEqual(
      Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 200, 200]),
    );
  });

  it('keeps a colour page three channels', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#f00' } })
      .png()
      .toBuffer();
    const image = await decodeRaw(png);
    expect(image.channels).toBe(3);
    expect((await sharp(await encodeRawPng(image)).metadata()).channels).toBe(3);
  });
});
