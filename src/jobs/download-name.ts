// The file name a masked document downloads as: `redacted_<name>` with the extension of what was
// written, so a PNG asked for as PDF downloads as `.pdf`, not as `.png` with a PDF inside.
import { OUTPUT_EXTENSION } from '../imaging/encode.js';
import type { ResultType } from '../imaging/output-type.js';

/** Extensions of the formats we read or write, by the output type they name (if any). */
const EXTENSIONS: Record<string, ResultType | 'other'> = {
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jpe: 'jpeg',
  tif: 'tiff',
  tiff: 'tiff',
  pdf: 'pdf',
  webp: 'other',
  gif: 'other',
  bmp: 'other',
  dib: 'other',
  mp4: 'mp4',
  m4v: 'other',
  mov: 'other',
  qt: 'other',
  webm: 'other',
  avi: 'other',
};

/**
 * `redacted_<name>`, its extension made to match `outputType`: a name that already says the type
 * (`scan.tif` for TIFF) keeps it; a document extension naming another type is replaced; any other
 * name gets the extension added (`John.Smith` is not a format).
 *
 * @example downloadName('scan1.png', 'pdf') // 'redacted_scan1.pdf'
 * @example downloadName('photo.jpg', 'png', 'cutout') // 'cutout_photo.png'
 */
export function downloadName(
  filename: string,
  outputType: ResultType,
  prefix = 'redacted',
): string {
  const dot = filename.lastIndexOf('.');
  const extension = dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
  const named = EXTENSIONS[extension];
  if (named === outputType) return `${prefix}_${filename}`;
  const stem = named === undefined ? filename : filename.slice(0, dot);
  return `${prefix}_${stem}.${OUTPUT_EXTENSION[outputType]}`;
}
