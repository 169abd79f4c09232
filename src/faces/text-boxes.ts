// Where OCR is sure it read text: to the face prefilter those parts of a page are paper, so dense
// bold text on a scan no longer passes for a photo (src/faces/photo-regions.ts).
import type { Box } from '../imaging/geometry.js';
import type { OcrPage } from '../ocr/types.js';

/**
 * Lowest OCR confidence (0–100) of a word that counts as text. What tesseract reads inside a
 * photograph, when it reads anything, it reads with low confidence; a missed face is a breach, so
 * only words it is sure of are taken away from the search.
 */
export const MIN_TEXT_CONFIDENCE = 80;
/** Two letters or digits at least: a lone mark or stroke may be part of a picture. */
const TEXT_LIKE = /[\p{L}\p{N}].*[\p{L}\p{N}]/u;

/**
 * The boxes of the confidently read words of a page that are shorter than the smallest face
 * searched for (`minFacePx`): a word as tall as a face is not trusted to be only text.
 */
export function confidentTextBoxes(page: OcrPage, minFacePx: number): Box[] {
  return page.lines.flatMap((line) =>
    line.words
      .filter(
        (w) => w.confidence >= MIN_TEXT_CONFIDENCE && w.box.h < minFacePx && TEXT_LIKE.test(w.text),
      )
      .map((w) => w.box),
  );
}
