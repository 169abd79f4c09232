// Stage durations for the metrics, read from what each activity already returns (`ms`, `storageMs`).
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { Activities } from '../activities/index.js';
import type { WorkerMetrics } from '../metrics/worker-metrics.js';
import type { StageName } from '../jobs/stage-timing.js';

/** Activities that are no stage of redacting a document (data lifecycle); not timed as stages. */
type HousekeepingActivity = 'cleanUpJob' | 'purgeExpiredJobs';

/** The stage each activity's compute time belongs to (the report's `timings` use the same). */
export const ACTIVITY_STAGE = {
  fetchSource: 'fetch',
  splitPages: 'split',
  ocrPage: 'ocr',
  findFaces: 'faces',
  collectDocumentNames: 'detect',
  detectPhi: 'detect',
  maskPage: 'mask',
  remaskForReview: 'mask',
  verifyPage: 'verify',
  assembleOutput: 'assemble',
  removeBackground: 'cutout',
  assembleCutout: 'assemble',
  // blur-faces: faces found and blurred on a photo page or a video segment.
  blurPageFaces: 'blur',
  splitVideo: 'split',
  blurVideoSegment: 'blur',
  assembleVideo: 'assemble',
} as const satisfies Record<
  Exclude<keyof Activities, HousekeepingActivity>,
  Exclude<StageName, 'storage'>
>;

const isActivityName = (name: string): name is keyof typeof ACTIVITY_STAGE =>
  Object.hasOwn(ACTIVITY_STAGE, name);

/**
 * Seconds per stage for one activity result: its time without object storage to its own stage,
 * its object-storage time to `storage`, as `addTiming` splits them for the report. Nothing for an
 * unknown activity or a result without timings.
 */
export function stageSamples(activityType: string, result: unknown): Array<[StageName, number]> {
  if (!isActivityName(activityType) || typeof result !== 'object' || result === null) return [];
  const { ms, storageMs } = result as { ms?: unknown; storageMs?: unknown };
  if (typeof ms !== 'number' || typeof storageMs !== 'number') return [];
  return [
    [ACTIVITY_STAGE[activityType], Math.max(0, ms - storageMs) / 1000],
    ['storage', storageMs / 1000],
  ];
}

/**
 * Records each successful activity attempt's stage times. An interceptor rather than code in
 * `timeAndMapErrors`, so activities stay unaware of metrics; failed attempts return no timing and
 * are not observed (their failures are counted where the job ends).
 */
export function stageMetricsInterceptor(metrics: WorkerMetrics): ActivityInterceptorsFactory {
  return (context) => ({
    inbound: {
      async execute(input, next) {
        const result = await next(input);
        metrics.recordStage(stageSamples(context.info.activityType, result));
        return result;
      },
    },
  });
}
