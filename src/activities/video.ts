// Video activities of the blur-faces operation: cut into segments, blur each segment (on the
// video queue), join them with the audio. Files pass through a private temp dir; the store holds
// every segment, so any worker can take any segment and a retry starts from stored objects.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Context } from '@temporalio/activity';
import { create as contentDisposition } from 'content-disposition';
import { z } from 'zod';
import { RedactifyError } from '../errors.js';
import { OUTPUT_MIME } from '../imaging/encode.js';
import type { VideoType } from '../imaging/sniff.js';
import { downloadName } from '../jobs/download-name.js';
import { ZJobManifest } from '../jobs/manifest.js';
import type { StageName, VideoSummary } from '../shared.js';
import { jobKeys } from '../storage/keys.js';
import { withTempDir } from '../util/temp-dir.js';
import { blurSegment, type FaceHiding, type SegmentStats } from '../video/blur-segment.js';
import type { EncoderSettings } from '../video/frames.js';
import { checkVideoBytes, checkVideoLimits, type VideoLimits } from '../video/limits.js';
import {
  probeVideoFile,
  rotationFilter,
  type Container,
  type Rotation,
  type VideoInfo,
} from '../video/probe.js';
import { joinSegments, splitIntoSegments } from '../video/segments.js';
import { VideoToolError, type VideoTools } from '../video/tools.js';
import { videoReport } from '../video/video-report.js';
import { runStage, withHeartbeat, type ActivityDeps } from './deps.js';

/** How videos are read, limited, cut, blurred and written (VIDEO_* settings). */
export interface VideoSettings {
  tools: VideoTools;
  limits: VideoLimits;
  segmentSeconds: number;
  hiding: FaceHiding;
  encoder: Omit<EncoderSettings, 'timeoutMs'>;
}

/** Below the activities' start-to-close timeout, so a hung ffmpeg fails its attempt in time. */
const TOOL_TIMEOUT_MS = 9 * 60_000;

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

const ZSegmentStats = z.object({
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
async function readingInput<T>(work: () => Promise<T>): Promise<T> {
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
async function probe(tools: VideoTools, path: string, container: Container): Promise<VideoInfo> {
  const info = await readingInput(() => probeVideoFile(tools, path, container, TOOL_TIMEOUT_MS));
  if (!info) throw new RedactifyError('CORRUPT_INPUT', 'The file holds no readable video stream');
  return info;
}

export function videoActivities({ store, video, findFaces }: ActivityDeps) {
  const { tools } = video;
  return {
    /**
     * Checks the video's size, duration and frame size (typed errors), and stores its video
     * stream as segments of about VIDEO_SEGMENT_SECONDS, cut at keyframes without re-encoding.
     */
    splitVideo: async ({ jobId, sourceType }: { jobId: string; sourceType: VideoType }) =>
      runStage(() =>
        withTempDir('redactify-video', async (dir) => {
          const keys = jobKeys(jobId);
          const bytes = await store.getBuffer(keys.input);
          checkVideoBytes(bytes.length, video.limits);
          const input = join(dir, 'input');
          await writeFile(input, bytes);
          const info = await probe(tools, input, sourceType);
          checkVideoLimits(info, video.limits);
          const segmentDir = join(dir, 'segments');
          await mkdir(segmentDir);
          const files = await withHeartbeat(
            readingInput(() =>
              splitIntoSegments(
                tools,
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
      ),

    /**
     * Blurs every face of one segment (see `blurSegment`), stores the blurred segment and what
     * was found, and returns the counts. Runs on the video task queue.
     */
    blurVideoSegment: async ({
      jobId,
      segment,
      rate,
      rotation,
    }: {
      jobId: string;
      segment: VideoSegmentRef;
      /** The input's frame rate, kept through every segment. */
      rate: string;
      /** The input's display rotation: frames are turned upright, and written so. */
      rotation: Rotation;
    }) =>
      runStage(() =>
        withTempDir('redactify-segment', async (dir): Promise<BlurredSegment> => {
          const keys = jobKeys(jobId);
          const input = join(dir, 'segment.mkv');
          const output = join(dir, 'blurred.mkv');
          await writeFile(input, await store.getBuffer(segment.key));
          const stored = await probe(tools, input, 'matroska');
          const sideways = rotation === 90 || rotation === 270;
          const width = sideways ? stored.height : stored.width;
          const height = sideways ? stored.width : stored.height;
          const stats: SegmentStats = await withHeartbeat(
            readingInput(() =>
              blurSegment({
                tools,
                input,
                output,
                format: { width, height, rate },
                filter: rotationFilter(rotation),
                findFaces: findFaces.videoFrame,
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
      ),

    /**
     * Joins the blurred segments with the input's audio into `output.mp4` (H.264/AAC, no
     * metadata), and writes the report (per segment: faces, frames interpolated) and an empty text.
     */
    assembleVideo: async (input: {
      jobId: string;
      sourceType: VideoType;
      hasAudio: boolean;
      segments: BlurredSegment[];
      timings: Partial<Record<StageName, number>>;
      startedAtMs: number;
    }) =>
      runStage(() =>
        withTempDir('redactify-join', async (dir) => {
          const { jobId, segments } = input;
          const keys = jobKeys(jobId);
          const manifest = await store.getJson(keys.manifest, ZJobManifest);
          const files: string[] = [];
          for (const segment of segments) {
            const file = join(dir, `${String(segment.index).padStart(5, '0')}.mkv`);
            await writeFile(file, await store.getBuffer(segment.blurredKey));
            files.push(file);
          }
          const original = join(dir, 'input');
          if (input.hasAudio) await writeFile(original, await store.getBuffer(keys.input));
          const out = join(dir, 'output.mp4');
          await withHeartbeat(
            joinSegments(
              tools,
              files,
              { path: original, type: input.sourceType, hasAudio: input.hasAudio },
              out,
              dir,
              TOOL_TIMEOUT_MS,
            ),
          );
          const written = await probe(tools, out, 'mp4');
          const outputKey = keys.output('mp4');
          await store.put(
            outputKey,
            await readFile(out),
            OUTPUT_MIME.mp4,
            contentDisposition(downloadName(manifest.filename, 'mp4')),
          );
          const stats = await Promise.all(
            segments.map((s) => store.getJson(keys.videoStats(s.index), ZSegmentStats)),
          );
          const { segments: perSegment, totals } = videoReport(stats);
          const processingMs = Date.now() - input.startedAtMs;
          const summary: VideoSummary = {
            ...totals,
            segments: segments.length,
            durationS: written.durationS,
            hasAudio: written.hasAudio,
          };
          await Promise.all([
            store.putJson(keys.report, {
              jobId,
              operation: 'blur-faces',
              sourceType: input.sourceType,
              outputType: 'mp4',
              review: 'none',
              totals: {
                pages: segments.length,
                entities: totals.faces,
                byCategory: totals.faces > 0 ? { FACE: totals.faces } : {},
              },
              timings: { ...input.timings, processingMs },
              video: {
                width: written.width,
                height: written.height,
                fps: written.fps,
                detectEvery: video.hiding.detectEvery,
                ...summary,
                segments: perSegment,
              },
            }),
            store.putText(keys.text, ''),
          ]);
          return { outputKey, reportKey: keys.report, processingMs, video: summary };
        }),
      ),
  };
}
