// How small a face the detector is asked to find on a page: physical size, bounded by image size.

/** The smallest face searched for: 8 mm tall, under the 1 cm photo of an ID card. */
export const MIN_FACE_MM = 8;
/** …but at least this share of the image's long side, so huge photos do not explode in tiles. */
export const MIN_FACE_SHARE = 1 / 48;

/** Smallest face (pixels) to plan tiles for on a page of this geometry. */
export function faceSearchSize(page: { width: number; height: number; dpi: number }): number {
  const physical = (MIN_FACE_MM / 25.4) * page.dpi;
  const relative = Math.max(page.width, page.height) * MIN_FACE_SHARE;
  return Math.max(16, Math.round(Math.max(physical, relative)));
}
