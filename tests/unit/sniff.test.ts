import { describe, expect, it } from 'vitest';
import { sniffType } from '../../src/imaging/sniff.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const text = (s: string) => new TextEncoder().encode(s);

describe('sniffType', () => {
  it.each([
    ['png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0)],
    ['jpeg', bytes(0xff, 0xd8, 0xff, 0xe0)],
    ['tiff', bytes(0x49, 0x49, 0x2a, 0x00)],
    ['tiff', bytes(0x4d, 0x4d, 0x00, 0x2a)],
    ['pdf', text('%PDF-1.7\n')],
    ['webp', text('RIFF\0\0\0\0WEBPVP8 ')],
    ['gif', text('GIF89a')],
  ])('recognises %s by its magic bytes', (type, head) => {
    expect(sniffType(head)).toEqual({ supported: true, type });
  });

  it.each([
    ['<!DOCTYPE html><html>', 'an HTML page'],
    ['  <svg xmlns="http://www.w3.org/2000/svg">', 'an SVG image'],
    [
      '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>',
      'an SVG image',
    ],
    ['MZ\x90\x00', 'a Windows executable'],
    ['hello world', 'an unrecognised format'],
  ])('refuses %j as %s', (head, description) => {
    expect(sniffType(text(head))).toEqual({ supported: false, description });
  });

  const box = (type: string, brand: string) =>
    Uint8Array.from([0, 0, 0, 0x20, ...text(type), ...text(brand), 0, 0, 2, 0]);

  it.each([
    ['mp4', box('ftyp', 'isom')],
    ['mp4', box('ftyp', 'mp42')],
    ['mp4', box('ftyp', 'M4V ')],
    ['mov', box('ftyp', 'qt  ')],
    ['mov', box('moov', 'mvhd')],
    [
      'webm',
      Uint8Array.from([
        0x1a,
        0x45,
        0xdf,
        0xa3,
        0x9f,
        0x42,
        0x86,
        0x81,
        1,
        ...text('B\x82\x84webm'),
      ]),
    ],
    ['avi', text('RIFF\0\0\0\0AVI LIST')],
  ])('recognises a %s video by its magic bytes', (type, head) => {
    expect(sniffType(head)).toEqual({ supported: true, type });
  });

  it.each([
    [box('ftyp', 'heic'), 'a HEIF/AVIF image'],
    [box('ftyp', 'jp2 '), 'an ISO media file that is not an MP4 video'],
    [
      Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88, ...text('matroska')]),
      'a Matroska video (WebM is supported)',
    ],
  ])('refuses ISO and EBML files that are not our videos (%#)', (head, description) => {
    expect(sniffType(head)).toEqual({ supported: false, description });
  });

  it('finds a PDF header after a preamble, as PDF readers do (why file-type is not used)', () => {
    expect(sniffType(text('From: scanner@example.org\r\n\r\n%PDF-1.4\n'))).toEqual({
      supported: true,
      type: 'pdf',
    });
  });

  it('ignores the file name entirely: an empty head is unrecognised', () => {
    expect(sniffType(new Uint8Array())).toMatchObject({ supported: false });
  });
});
