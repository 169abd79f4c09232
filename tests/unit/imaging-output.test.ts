import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { setJpegDensity, setPngDensity } from '../../src/imaging/density.js';
import { chooseOutputType, encodeDocument, encodeImage } from '../../src/imaging/encode.js';
import { muxTiffPages } from '../../src/imaging/tiff-mux.js';
import { addTiffTags } from '../fixtures/tiff-tags.js';

const grey = (width: number, height: number, value: number) =>
  sharp(Buffer.alloc(width * height, value), { raw: { width, height, channels: 1 } });

const pngChunks = (png: Buffer) => {
  const types: string[] = [];
  for (let at = 8; at < png.length; at += 12 + png.readUInt32BE(at))
    types.push(png.toString('latin1', at + 4, at + 8));
  return types;
};

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
    expect(pngChunks(png)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
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
