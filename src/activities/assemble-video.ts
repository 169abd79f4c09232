// assembleVideo: the blurred segments and the input's audio joined into output.mp4, and the report.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { create as contentDisposition } from 'content-disposition';
import { OUTPUT_MIME } from '../imaging/encode.js';
import type { VideoType } from '../imaging/sniff.js';
import { downloadName } from '../jobs/download-name.js';
import { ZJobManifest } from '../jobs/manifest.js';
import type { StageName } from '../jobs/stage-timing.js';
import { jobKeys } from '../storage/keys.js';
import { withTempDir } from '../util/temp-dir.js';
import { joinSegments } from '../video/segments.js';
import { videoReport } from '../video/video-report.js';
import type { VideoSummary } from '../workflows/contract.js';
import type { ActivityDeps } from './deps.js';
import { withHeartbeat } from './heartbeat.js';
import type { JobRef } from './inputs.js';
import { timeAndMapErrors } from './time-and-map-errors.js';
import {
  probeOrRefuse,
  TOOL_TIMEOUT_MS,
  ZSegmentStats,
  type BlurredSegment,
} from './video-files.js';

export interface AssembleVideoInput extends JobRef {
  sourceType: VideoType;
  hasAudio: boolean;
  segments: BlurredSegment[];
  /** Milliseconds per stage (fetch, split, blur). */
  timings: Partial<Record<StageName, number>>;
  /** Workflow start, epoch ms, for the end-to-end processing time. */
  startedAtMs: number;
}

export function createAssembleVideo({ store, video }: ActivityDeps) {
  /**
   * Joins the blurred segments with the input's audio into `output.mp4` (H.264/AAC, no
   * metadata), and writes the report (per segment: faces, frames interpolated) and an empty text.
   */
  return async (input: AssembleVideoInput) =>
    timeAndMapErrors(() =>
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
            video.tools,
            files,
            { path: original, type: input.sourceType, hasAudio: input.hasAudio },
            out,
            dir,
            TOOL_TIMEOUT_MS,
          ),
        );
        const written = await probeOrRefuse(video.tools, out, 'mp4');
        const outputKey = keys.output('mp4');
        // The download's name goes with the output: the manifest is deleted once the job succeeds.
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
    );
}
