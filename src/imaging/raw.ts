// Page PNG ⇄ raw pixels without widening grey pages: sharp turns one channel into sRGB unless told.
import sharp, { type Metadata } from 'sharp';
import type { RawImage } from './mask.js';

/** True when a decoded image has one colour channel (grey, with or without alpha). */
export function isGrey(meta: Metadata): boolean {
  return (meta.channels ?? 3) - (meta.hasAlpha ? 1 : 0) === 1;
}

/** Decodes a page image to raw pixels; grey pages stay one channel (plus alpha if they have it). */
export async function decodeRaw(png: Buffer): Promise<RawImage> {
  const image = sharp(png);
  if (isGrey(await image.metadata())) image.toColourspace('b-w');
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** Encodes raw pixels as a PNG; grey stays grey, so later stages move a third of the bytes. */
export function encodeRawPng({ data, width, height, channels }: RawImage, compressionLevel = 1) {
  const image = sharp(data, { raw: { width, height, channels } });
  if (channels <= 2) image.toColourspace('b-w');
  return image.png({ compressionLevel }).toBuffer();
}
