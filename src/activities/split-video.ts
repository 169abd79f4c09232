// splitVideo: a video input checked against its limits and cut into stored segments.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Context } from '@temporalio/activity';
import { RedactifyError } from '../errors.js';
import type { VideoType } from '../imaging/sniff.js';
import { jobKeys } from '../storage/keys.js';
import { withTempDir } from '../util/temp-dir.js';
import { checkVideoBytes, checkVideoLimits } from '../video/limits.js';
import { splitIntoSegments } from '../video/segments.js';
import type { ActivityDeps } from './deps.js';
import { withHeartbeat } from './heartbeat.js';
import type { JobRef } from './inputs.js';
import { timeAndMapErrors } from './time-and-map-errors.js';
import {
  probeOrRefuse,
  readingInput,
  TOOL_TIMEOUT_MS,
  type VideoSegmentRef,
} from './video-files.js';

export function createSplitVideo({ store, video }: ActivityDeps) {
  /**
   * Checks the video's size, duration and frame size (typed errors), and stores its video
   * stream as segments of about VIDEO_SEGMENT_SECONDS, cut at keyframes without re-encoding.
   */
  return async ({ jobId, sourceType }: JobRef & { sourceType: VideoType }) =>
    timeAndMapErrors(() =>
      withTempDir('redactify-video', async (dir) => {
        const keys = jobKeys(jobId);
        const bytes = await store.getBuffer(keys.input);
        checkVideoBytes(bytes.length, video.limits);
        const input = join(dir, 'input');
        await writeFile(input, bytes);
        const info = await probeOrRefuse(video.tools, input, sourceType);
        checkVideoLimits(info, video.limits);
        const segmentDir = join(dir, 'segments');
        await mkdir(segmentDir);
        const files = await withHeartbeat(
          readingInput(() =>
            splitIntoSegments(
              video.tools,
              input,
              sourceType,
              segmentDir,
              video.segmentSeconds,
              TOOL_TIMEOUT_MS,
            ),
          ),
        );
        if (files.length === 0)
          throw new RedactifyError('CORRUPT_INPUT', 'The video has no frames');
        const segments: VideoSegmentRef[] = [];
        for (const [index, file] of files.entries()) {
          const key = keys.videoSegment(index);
          await store.put(key, await readFile(file), 'video/x-matroska');
          Context.current().heartbeat(index + 1);
          segments.push({ index, key });
        }
        return { info, segments };
      }),
    );
}
