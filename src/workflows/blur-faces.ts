// The blur-faces operation: faces hidden, no OCR. Photos page by page; a video segment by segment,
// each segment one activity on the video queue, so a long video spreads over every video worker
// and a restart repeats only the segments that were not finished.
import { proxyActivities, proxySinks, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { VideoType } from '../imaging/sniff.js';
import { addTiming, type StageTiming } from '../jobs/stage-timing.js';
import {
  videoTaskQueue,
  type JobSinks,
  type PageRef,
  type PageSummary,
  type RedactionResult,
} from './contract.js';
import { mapBounded } from '../util/concurrency.js';
import { ACTIVITY_OPTIONS } from './activity-options.js';

const { blurPageFaces, splitVideo, assembleVideo } = proxyActivities<Activities>(ACTIVITY_OPTIONS);
const { jobEvents } = proxySinks<JobSinks>();

const videoActivities = () =>
  proxyActivities<Activities>({
    ...ACTIVITY_OPTIONS,
    taskQueue: videoTaskQueue(workflowInfo().taskQueue),
  });

/** Blurs the faces of each page, `concurrency` at a time, calling `onPageDone` after each. */
export function blurPhotoPages(
  jobId: string,
  pages: readonly PageRef[],
  concurrency: number,
  onPageDone: () => void,
): Promise<PageSummary[]> {
  return mapBounded(pages, concurrency, async (page) => {
    const blurred = await blurPageFaces({ jobId, page });
    const summary: PageSummary = {
      index: page.index,
      maskedKey: blurred.maskedKey,
      entities: blurred.entities,
      byCategory: blurred.entities > 0 ? { FACE: blurred.entities } : {},
      flags: [],
      timings: addTiming({}, 'blur', blurred),
    };
    jobEvents.pageRedacted({ byCategory: summary.byCategory, flags: summary.flags });
    onPageDone();
    return summary;
  });
}

export interface BlurVideoInput {
  jobId: string;
  sourceType: VideoType;
  /** Segments blurred at once by this workflow (PAGE_CONCURRENCY). */
  concurrency: number;
  /** The fetch activity's time, for the report. */
  fetched: StageTiming;
  startedAtMs: number;
  /** Progress: the segments are known; one more segment is done. */
  onSegments: (total: number) => void;
  onSegmentDone: () => void;
}

/** Cuts, blurs and joins one video; the result counts segments as pages and faces as entities. */
export async function blurVideo(input: BlurVideoInput): Promise<RedactionResult> {
  const { jobId, sourceType } = input;
  const split = await splitVideo({ jobId, sourceType });
  input.onSegments(split.segments.length);
  const { blurVideoSegment } = videoActivities();
  const timings = addTiming(addTiming({}, 'fetch', input.fetched), 'split', split);
  const blurred = await mapBounded(split.segments, input.concurrency, async (segment) => {
    const done = await blurVideoSegment({
      jobId,
      segment,
      rate: split.info.rate,
      rotation: split.info.rotation,
    });
    addTiming(timings, 'blur', done);
    input.onSegmentDone();
    return done;
  });
  const output = await assembleVideo({
    jobId,
    sourceType,
    hasAudio: split.info.hasAudio,
    segments: blurred.map(({ ms: _ms, storageMs: _storageMs, ...segment }) => segment),
    timings,
    startedAtMs: input.startedAtMs,
  });
  const faces = output.video.faces;
  return {
    pages: blurred.length,
    entitiesMasked: faces,
    byCategory: faces > 0 ? { FACE: faces } : {},
    processingMs: output.processingMs,
    outputType: 'mp4',
    video: output.video,
    review: 'none',
    pagesFlagged: [],
    outputKey: output.outputKey,
    reportKey: output.reportKey,
  };
}
