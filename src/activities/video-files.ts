// What the video activities share: their settings, the shapes they pass the workflow, and how
// ffmpeg's refusals become typed errors. Files pass through a private temp dir; the store holds
// every segment, so any worker can take any segment and a retry starts from stored objects.
import { z } from 'zod';
import { RedactifyError } from '../errors.js';
import type { FaceHiding } from '../video/blur-segment.js';
import type { EncoderSettings } from '../video/frames.js';
import type { VideoLimits } from '../video/limits.js';
import { probeVideoFile, type Container, type VideoInfo } from '../video/probe.js';
import { VideoToolError, type VideoTools } from '../video/tools.js';

/** How videos are read, limited, cut, blurred and written (VIDEO_* settings). */
export interface VideoSettings {
  tools: VideoTools;
  limits: VideoLimits;
  segmentSeconds: number;
  hiding: FaceHiding;
  encoder: Omit<EncoderSettings, 'timeoutMs'>;
}

/** Below the activities' start-to-close timeout, so a hung ffmpeg fails its attempt in time. */
export const TOOL_TIMEOUT_MS = 9 * 60_000;

/** A stored segment of a video. */
export interface VideoSegmentRef {
  index: number;
  key: string;
}

/** What the workflow learns from a blurred segment: counts and its key. */
export interface BlurredSegment {
  index: number;
  blurredKey: string;
  frames: number;
  framesDetected: number;
  framesInterpolated: number;
  faces: number;
}

/** A segment's `SegmentStats` as stored beside it. */
export const ZSegmentStats = z.object({
  frames: z.number(),
  framesDetected: z.number(),
  framesInterpolated: z.array(z.tuple([z.number(), z.number()])),
  faces: z.number(),
  maxFaces: z.number(),
});

/**
 * ffmpeg or ffprobe refusing the bytes (a non-zero exit) is a damaged input: permanent. A signal
 * (the time limit, memory) may pass on another attempt, so it is rethrown as is and retried.
 */
export async function readingInput<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof VideoToolError && err.signal === null) {
      throw new RedactifyError('CORRUPT_INPUT', 'The video is damaged and cannot be read');
    }
    throw err;
  }
}

/** Probes a local file, refusing one without a readable video stream. */
export async function probeOrRefuse(
  tools: VideoTools,
  path: string,
  container: Container,
): Promise<VideoInfo> {
  const info = await readingInput(() => probeVideoFile(tools, path, container, TOOL_TIMEOUT_MS));
  if (!info) throw new RedactifyError('CORRUPT_INPUT', 'The file holds no readable video stream');
  return info;
}
