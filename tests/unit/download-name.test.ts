// The download's file name follows the type written, not the type uploaded.
import { describe, expect, it } from 'vitest';
import { downloadName } from '../../src/jobs/download-name.js';

describe('downloadName', () => {
  it('replaces the extension when the output type changed (PNG asked for as PDF)', () => {
    expect(downloadName('scan1.png', 'pdf')).toBe('redacted_scan1.pdf');
    expect(downloadName('fax.TIF', 'png')).toBe('redacted_fax.png');
    expect(downloadName('photo.webp', 'jpeg')).toBe('redacted_photo.jpg');
    expect(downloadName('letter.pdf', 'tiff')).toBe('redacted_letter.tiff');
  });

  it('keeps a name whose extension already says the output type', () => {
    expect(downloadName('scan1.png', 'png')).toBe('redacted_scan1.png');
    expect(downloadName('fax.tif', 'tiff')).toBe('redacted_fax.tif');
    expect(downloadName('photo.JPEG', 'jpeg')).toBe('redacted_photo.JPEG');
  });

  it('adds the extension to a name without a document extension', () => {
    expect(downloadName('John.Smith', 'pdf')).toBe('redacted_John.Smith.pdf');
    expect(downloadName('document', 'png')).toBe('redacted_document.png');
    expect(downloadName('.png', 'pdf')).toBe('redacted_.png.pdf');
  });
});
