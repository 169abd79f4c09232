// One segment's frames: decode, find faces on every k-th frame (and the last), hide them on every
// frame (between detections and on the earlier one, the boxes of both neighbours joined and grown;
// a face missed by a detection held for a few more), and encode again.
import type { Box } from '../imaging/geometry.js';
import { faceRegion } from '../faces/hide.js';
import { blurBoxes } from '../imaging/blur.js';
import type { FaceFinder } from './face-finder.js';
import { boxesBetween, toRanges, trackFaces, type TrackedFace } from './face-track.js';
import {
  asImage,
  decodeFrames,
  FrameEncoder,
  type EncoderSettings,
  type FrameFormat,
} from './frames.js';
import type { VideoTools } from './tools.js';

/** How faces are hidden across frames. */
export interface FaceHiding {
  /** Detection runs on every `detectEvery`-th frame, and on each segment's last frame. */
  detectEvery: number;
  /** Boxes on frames between detections grow by this share more, for motion. */
  dilation: number;
  /** A face found before stays hidden through this many detections in a row that miss it. */
  hold: number;
}

/** What one segment did: counts and frame ranges, no pixels. */
export interface SegmentStats {
  frames: number;
  framesDetected: number;
  /** Frames whose boxes come from the detections on each side, as `[first, last]` (segment frames). */
  framesInterpolated: Array<[number, number]>;
  /** Faces found, summed over detected frames. */
  faces: number;
  /** Most faces found on one frame. */
  maxFaces: number;
}

export interface BlurSegmentInput {
  tools: VideoTools;
  /** The segment (Matroska, from `splitIntoSegments`). */
  input: string;
  /** Where the blurred segment is written (H.264 in Matroska). */
  output: string;
  /** The frames as they come out of the decoder (after `filter`). */
  format: FrameFormat;
  /** Turns the stored frames upright (the source's rotation, which segments do not keep). */
  filter?: string | undefined;
  findFaces: FaceFinder;
  hiding: FaceHiding;
  encoder: EncoderSettings;
  /** Told the boxes hidden on each frame (by its index in the segment): for `eval:faces`. */
  onFrameHidden?: (index: number, boxes: readonly Box[]) => void;
}

/**
 * Blurs every face of one segment. A frame is written only after the detection that follows it,
 * so at most `detectEvery` frames wait in memory.
 */
export async function blurSegment({
  tools,
  input,
  output,
  format,
  filter,
  findFaces,
  hiding,
  encoder: settings,
  onFrameHidden,
}: BlurSegmentInput): Promise<SegmentStats> {
  const every = Math.max(1, Math.floor(hiding.detectEvery));
  const stats: SegmentStats = {
    frames: 0,
    framesDetected: 0,
    framesInterpolated: [],
    faces: 0,
    maxFaces: 0,
  };
  const interpolated: number[] = [];
  const encoder = FrameEncoder.start(tools, output, format, settings);
  let tracked: TrackedFace[] = [];
  /** The last detection's frame and what it hides, written once the next detection is known. */
  let detected: { index: number; frame: Buffer; boxes: Box[] } | undefined;
  /** Frames read since the last detection, oldest first. */
  let waiting: Array<{ index: number; frame: Buffer }> = [];

  const detect = async (frame: Buffer): Promise<Box[]> => {
    const found = await findFaces(asImage(frame, format));
    stats.framesDetected++;
    stats.faces += found.length;
    stats.maxFaces = Math.max(stats.maxFaces, found.length);
    // Grown as every hidden face is (a fifth of its longer side on each side).
    return found.map((face) => faceRegion(face.bbox, 0, format));
  };
  const write = async (index: number, frame: Buffer, boxes: Box[]) => {
    await blurBoxes(asImage(frame, format), boxes, 0);
    onFrameHidden?.(index, boxes);
    await encoder.write(frame);
  };
  /**
   * Detects on `next`; writes the previous detection's frame and the frames between, and keeps
   * `next` back until the detection after it. The previous detection's frame also gets what the
   * frames after it get: a face it was too little of for the network (entering at the edge) is
   * found at `next`.
   */
  const flush = async (next: { index: number; frame: Buffer }) => {
    const faces = trackFaces(tracked, await detect(next.frame), hiding.hold, hiding.dilation);
    const boxes = faces.map((face) => face.box);
    const between = boxesBetween(
      tracked.map((face) => face.box),
      boxes,
      hiding.dilation,
    );
    if (detected) await write(detected.index, detected.frame, [...detected.boxes, ...between]);
    for (const { index, frame } of waiting) {
      await write(index, frame, between);
      interpolated.push(index);
    }
    detected = { ...next, boxes };
    tracked = faces;
    waiting = [];
  };

  try {
    for await (const frame of decodeFrames(tools, input, 'matroska', format, settings.timeoutMs, {
      filter,
    })) {
      const index = stats.frames++;
      if (index % every === 0) await flush({ index, frame });
      else waiting.push({ index, frame });
    }
    // The segment's last frame is always a detection, so no frame ends without one after it.
    const last = waiting.pop();
    if (last) await flush(last);
    if (detected) await write(detected.index, detected.frame, detected.boxes);
    await encoder.finish();
  } catch (err) {
    await encoder.abort();
    throw err;
  }
  stats.framesInterpolated = toRanges(interpolated);
  return stats;
}
