// The face detector's settings and their fail-safe defaults (pure: config reads them too).
import type { FaceModelName } from './models.js';
import type { QuarterTurn } from './views.js';

export interface FaceDetectSettings {
  /** Which network runs. */
  model: FaceModelName;
  /** Lowest score kept: low, because a missed face is a breach and a masked logo is not. */
  minConfidence: number;
  /** Side of the square the network sees (a multiple of 32). */
  inputSize: number;
  /** Smallest face (image pixels) the tiles are planned for. */
  minFacePx: number;
  /** Smallest face (network input pixels) the model finds reliably; sets how far tiles go. */
  detectorMinFacePx: number;
  /** Quarter turns searched whole: a page scanned sideways or upside down carries turned faces. */
  turns: readonly QuarterTurn[];
  /**
   * Quarter turns also searched in finer tiles. Tiles cost most of the time, so by default only
   * the upright page gets them (see docs/decisions/face-detector.md).
   */
  tileTurns: readonly QuarterTurn[];
  /** Scales below 1 at which each turn is also searched whole (see `planViews`). */
  wholeScales: readonly number[];
}

/** Fail-safe defaults; `eval/faces` measures them (docs/decisions/face-detector.md). */
export const DEFAULT_FACE_SETTINGS: FaceDetectSettings = {
  model: 'tiny',
  minConfidence: 0.3,
  inputSize: 416,
  minFacePx: 64,
  // tiny_face_detector found real faces from 36 px up in a 416 px input (28 px: 1 of 3).
  detectorMinFacePx: 40,
  turns: [0, 90, 180, 270],
  tileTurns: [0],
  // A face filling a photo is beyond the sizes tiny_face_detector knows at 416 px: each turn is
  // also searched at half size (eval:faces photos 49 → 94 of 115, docs/decisions/face-detector.md).
  wholeScales: [0.5],
};
