// A video job's report: per segment what was found and which frames were interpolated, in the
// whole video's frame numbers. Pure; no pixels, no text.
import type { SegmentStats } from './blur-segment.js';

export interface SegmentReport {
  index: number;
  /** The segment's first frame in the whole video. */
  firstFrame: number;
  frames: number;
  framesDetected: number;
  faces: number;
  maxFaces: number;
  /** `[first, last]` frame ranges of the whole video whose boxes were interpolated. */
  framesInterpolated: Array<[number, number]>;
}

export interface VideoTotals {
  frames: number;
  framesDetected: number;
  framesInterpolated: number;
  faces: number;
}

/** Numbers segments' frames through the whole video, in segment order, and adds them up. */
export function videoReport(segments: readonly SegmentStats[]): {
  segments: SegmentReport[];
  totals: VideoTotals;
} {
  let firstFrame = 0;
  const totals: VideoTotals = { frames: 0, framesDetected: 0, framesInterpolated: 0, faces: 0 };
  const reports = segments.map((s, index): SegmentReport => {
    const report = {
      index,
      firstFrame,
      frames: s.frames,
      framesDetected: s.framesDetected,
      faces: s.faces,
      maxFaces: s.maxFaces,
      framesInterpolated: s.framesInterpolated.map(([a, b]): [number, number] => [
        a + firstFrame,
        b + firstFrame,
      ]),
    };
    firstFrame += s.frames;
    totals.frames += s.frames;
    totals.framesDetected += s.framesDetected;
    totals.faces += s.faces;
    totals.framesInterpolated += s.framesInterpolated.reduce((n, [a, b]) => n + b - a + 1, 0);
    return report;
  });
  return { segments: reports, totals };
}
