// blurVideoSegment: one stored segment's faces blurred frame by frame (on the video queue).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jobKeys } from '../storage/keys.js';
import { withTempDir } from '../util/temp-dir.js';
import { blurSegment } from '../video/blur-segment.js';
import { rotationFilter, type Rotation } from '../video/probe.js';
import type { ActivityDeps } from './deps.js';
import { withHeartbeat } from './heartbeat.js';
import type { JobRef } from './inputs.js';
import { timeAndMapErrors } from './time-and-map-errors.js';
import {
  probeOrRefuse,
  readingInput,
  TOOL_TIMEOUT_MS,
  type BlurredSegment,
  type VideoSegmentRef,
} from './video-files.js';

export interface BlurVideoSegmentInput extends JobRef {
  segment: VideoSegmentRef;
  /** The input's frame rate, kept through every segment. */
  rate: string;
  /** The input's display rotation: frames are turned upright, and written so. */
  rotation: Rotation;
}

export function createBlurVideoSegment({ store, video, faceFinders }: ActivityDeps) {
  /**
   * Blurs every face of one segment (see `blurSegment`), stores the blurred segment and what
   * was found, and returns the counts.
   */
  return async ({ jobId, segment, rate, rotation }: BlurVideoSegmentInput) =>
    timeAndMapErrors(() =>
      withTempDir('redactify-segment', async (dir): Promise<BlurredSegment> => {
        const keys = jobKeys(jobId);
        const input = join(dir, 'segment.mkv');
        const output = join(dir, 'blurred.mkv');
        await writeFile(input, await store.getBuffer(segment.key));
        const stored = await probeOrRefuse(video.tools, input, 'matroska');
        const sideways = rotation === 90 || rotation === 270;
        const stats = await withHeartbeat(
          readingInput(() =>
            blurSegment({
              tools: video.tools,
              input,
              output,
              format: {
                width: sideways ? stored.height : stored.width,
                height: sideways ? stored.width : stored.height,
                rate,
              },
              filter: rotationFilter(rotation),
              findFaces: faceFinders.videoFrame,
              hiding: video.hiding,
              encoder: { ...video.encoder, timeoutMs: TOOL_TIMEOUT_MS },
            }),
          ),
        );
        const blurredKey = keys.videoBlurred(segment.index);
        await Promise.all([
          store.put(blurredKey, await readFile(output), 'video/x-matroska'),
          store.putJson(keys.videoStats(segment.index), stats),
        ]);
        return {
          index: segment.index,
          blurredKey,
          frames: stats.frames,
          framesDetected: stats.framesDetected,
          framesInterpolated: stats.framesInterpolated.reduce((n, [a, b]) => n + b - a + 1, 0),
          faces: stats.faces,
        };
      }),
    );
}
