// The face detector as the blur-faces operation uses it: photos searched at every quarter turn
// (a photo may be scanned sideways), video frames upright only (frames are decoded turned upright
// by the container's rotation, see `rotationFilter`), which costs a quarter as much per frame.
import { detectFaces, type FaceDetectSettings } from '../faces/detect.js';
import type { Box } from '../imaging/geometry.js';
import type { RawImage } from '../imaging/mask.js';

/** One face found: where, how sure, by which model. */
export interface FoundFace {
  bbox: Box;
  confidence: number;
  detector: string;
}

/** Finds the faces on one image, boxes in its pixels. */
export type FaceFinder = (image: RawImage) => Promise<FoundFace[]>;

/** The finder for photo pages and the one for video frames. */
export interface FaceFinders {
  photo: FaceFinder;
  videoFrame: FaceFinder;
}

/** Both finders on the project's detector (`src/faces/detect.ts`), with `settings` over its defaults. */
export function faceFinders(settings: Partial<FaceDetectSettings> = {}): FaceFinders {
  return {
    photo: (image) => detectFaces(image, settings),
    videoFrame: (image) => detectFaces(image, { ...settings, turns: [0] }),
  };
}
