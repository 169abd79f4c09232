// The face detector as the blur-faces operation uses it: photos searched at every quarter turn
// (a photo may be scanned sideways), video frames upright only (frames are decoded turned upright
// by the container's rotation, see `rotationFilter`), which costs a quarter as much per frame.
import { detectFaces, type FaceBox, type FaceDetectSettings } from '../faces/detect.js';
import type { RawImage } from '../imaging/mask.js';

/** One face found: where, how sure, by which network (the detector name a FACE entity stores). */
export type FoundFace = FaceBox;

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
