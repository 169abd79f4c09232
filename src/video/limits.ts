// The limits a video must keep before any frame is decoded: checked from ffprobe's numbers.
import { RedactifyError } from '../errors.js';
import type { VideoInfo } from './probe.js';

export interface VideoLimits {
  /** MAX_VIDEO_SECONDS. */
  maxSeconds: number;
  /** MAX_VIDEO_FRAME_PIXELS: width × height of one frame, whatever its orientation. */
  maxFramePixels: number;
  /** MAX_VIDEO_BYTES. */
  maxBytes: number;
}

/** Refuses a video over its size cap (`VIDEO_TOO_LARGE`); known before it is probed. */
export function checkVideoBytes(bytes: number, { maxBytes }: Pick<VideoLimits, 'maxBytes'>): void {
  if (bytes > maxBytes) {
    throw new RedactifyError('VIDEO_TOO_LARGE', `The video exceeds ${maxBytes} bytes`);
  }
}

/**
 * Refuses a video longer than `maxSeconds` (`VIDEO_TOO_LONG`) or with frames over
 * `maxFramePixels` (`VIDEO_RESOLUTION_TOO_HIGH`). Messages give the limits and the video's own
 * numbers, nothing from its metadata.
 */
export function checkVideoLimits(info: VideoInfo, limits: VideoLimits): void {
  if (info.durationS > limits.maxSeconds) {
    throw new RedactifyError(
      'VIDEO_TOO_LONG',
      `The video lasts ${info.durationS.toFixed(1)} s; at most ${limits.maxSeconds} s are accepted`,
    );
  }
  if (info.width * info.height > limits.maxFramePixels) {
    throw new RedactifyError(
      'VIDEO_RESOLUTION_TOO_HIGH',
      `The video's frames are ${info.width}×${info.height}; at most ${limits.maxFramePixels} pixels a frame are accepted`,
    );
  }
}
