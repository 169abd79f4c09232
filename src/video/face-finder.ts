// What the blur-faces operation needs of a face detector: faces on one decoded image.
import type { Box } from '../imaging/geometry.js';
import type { RawImage } from '../imaging/mask.js';

/** One face found: where, how sure. */
export interface FoundFace {
  bbox: Box;
  confidence: number;
}

/** Finds the faces on one image (a photo page or a video frame), boxes in its pixels. */
export type FaceFinder = (image: RawImage) => Promise<FoundFace[]>;
