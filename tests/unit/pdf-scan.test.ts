import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { openDocument } from '../../src/imaging/document.js';
import { findScannedPages, singleDraw } from '../../src/imaging/pdf-scan.js';

/** A 200 × 250 px JPEG with a dark band, as a 200 dpi scan of a 1 × 1.25 in page would be. */
const scanJpeg = (channels: 1 | 3 = 1) => {
  const data = Buffer.alloc(200 * 250 * channels, 235);
  data.fill(20, 50 * 200 * channels, 70 * 200 * channels);
  const image = sharp(data, { raw: { width: 200, height: 250, channels } });
  return (channels === 1 ? image.toColourspace('b-w') : image).jpeg({ quality: 95 }).toBuffer();
};
const PAGE: [number, number] = [72, 90]; // 200 × 250 px at 200 dpi, in points

/** A one-page PDF drawing `jpeg` over `rect` (the whole page by default), plus `extra` drawing. */
async function pdfWith(
  jpeg: Buffer,
  { rect = { x: 0, y: 0, width: PAGE[0], height: PAGE[1] }, rotate = 0, text = false } = {},
) {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage(PAGE);
  page.drawImage(await pdf.embedJpg(jpeg), rect);
  if (text)
    page.drawText('Jane Roe', {
      x: 2,
      y: 2,
      size: 6,
      font: await pdf.embedFont(StandardFonts.Helvetica),
    });
  page.setRotation(degrees(rotate));
  return Buffer.from(await pdf.save());
}

const limits = { maxPages: 5, maxPagePixels: 1_000_000, maxDocumentPixels: 2_000_000 };

describe('singleDraw', () => {
  it('follows q/Q and composes cm matrices up to the one Do', () => {
    expect(singleDraw('q 2 0 0 2 10 20 cm q 100 0 0 50 0 0 cm /Im0 Do Q Q')).toEqual({
      name: 'Im0',
      matrix: [200, 0, 0, 100, 10, 20],
    });
    expect(singleDraw('q 1 0 0 1 0 0 cm Q q 612 0 0 792 0 0 cm/Im1 Do Q')?.matrix).toEqual([
      612, 0, 0, 792, 0, 0,
    ]);
  });

  it('refuses anything else a page could draw', () => {
    for (const content of [
      'q 612 0 0 792 0 0 cm /Im0 Do Q BT /F1 12 Tf (Jane Roe) Tj ET', // text
      'q 612 0 0 792 0 0 cm /Im0 Do Q /Im1 Do', // a second image
      '0 0 m 10 10 l S /Im0 Do', // a path
      '612 0 0 792 0 0 cm 5 /Im0 Do', // stray operand
      '/Im0 cm', // wrong operands
      'q 612 0 0 792 0 0 cm Q', // nothing drawn
    ])
      expect(singleDraw(content)).toBeUndefined();
  });
});

describe('findScannedPages', () => {
  it('returns the JPEG of a page that is one image over the whole page, with its resolution', async () => {
    const jpeg = await scanJpeg();
    const [page] = await findScannedPages(await pdfWith(jpeg));
    expect(page?.jpeg.equals(jpeg)).toBe(true);
    expect([page?.width, page?.height, Math.round(page?.dpi ?? 0)]).toEqual([200, 250, 200]);
  });

  it('leaves pages with text, partial images or rotation to the renderer', async () => {
    const jpeg = await scanJpeg();
    const pages = await Promise.all([
      pdfWith(jpeg, { text: true }),
      pdfWith(jpeg, { rect: { x: 0, y: 10, width: PAGE[0], height: PAGE[1] - 10 } }),
      pdfWith(jpeg, { rotate: 90 }),
    ]);
    for (const pdf of pages) expect(await findScannedPages(pdf)).toEqual([undefined]);
  });
});

describe('scanned PDF pages', () => {
  it('are read at the scan resolution, capped at the PDF resolution, and stored grey', async () => {
    const pdf = await pdfWith(await scanJpeg(3));
    const native = await openDocument(pdf, 'pdf', { limits, defaultDpi: 300, pdfDpi: 300 });
    expect(native.pages).toEqual([{ width: 200, height: 250, dpi: 200 }]);
    const png = await native.renderPage(0);
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height, meta.channels]).toEqual([200, 250, 1]);
    const { data } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    // The band stays where it was drawn: row 60 is dark, row 10 light.
    expect(data[60 * 200 * 3 + 80 * 3]).toBeLessThan(60);
    expect(data[10 * 200 * 3 + 80 * 3]).toBeGreaterThan(200);
    await native.close();

    const capped = await openDocument(pdf, 'pdf', { limits, defaultDpi: 300, pdfDpi: 100 });
    expect(capped.pages).toEqual([{ width: 100, height: 125, dpi: 100 }]);
    expect((await sharp(await capped.renderPage(0)).metadata()).width).toBe(100);
    await capped.close();
  });

  it('renders a page with anything besides the scan through pdfjs, at the PDF resolution', async () => {
    const pdf = await pdfWith(await scanJpeg(), { text: true });
    const doc = await openDocument(pdf, 'pdf', { limits, defaultDpi: 300, pdfDpi: 300 });
    expect(doc.pages).toEqual([{ width: 300, height: 375, dpi: 300 }]);
    await doc.close();
  });
});
