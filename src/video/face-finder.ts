// The face detector as the blur-faces operation uses it: photos searched at every quarter turn
// (a photo may be scanned sideways), video frames upright only (frames are decoded turned upright
// by the container's rotation, see `rotationFilter`), which costs a quarter as much per frame.
import { detectFaces, type FaceBox, type FaceDetectSettings } from '../faces/detect.js';
import type { RawImage } from '../imaging/mask.js';

/**
 * The smallest face (frame pixels) the views of a video frame are planned for. People in video
 * are often small: at 64 px, the photo default, a 640 × 360 frame was searched whole only, and
 * the 33–54 px faces of a group were missed on most frames (eval:faces clips, 2026-12-08). 48 px
 * plans the same views as 64 px for a 1080p frame (21 tiles) and adds 6 tiles to a 360p frame.
 */
export const VIDEO_MIN_FACE_PX = 48;

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
    videoFrame: (image) =>
      detectFaces(image, { minFacePx: VIDEO_MIN_FACE_PX, ...settings, turns: [0] }),
  };
}
