// The remove-background path of redactDocument: one image → the engine → a PNG with alpha. No OCR.
import { ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { SourceType } from '../imaging/sniff.js';
import { addTiming, type StageName } from '../jobs/stage-timing.js';
import { ocrTaskQueue, type PageRef, type RedactionResult } from './contract.js';
import { ACTIVITY_OPTIONS } from './activity-options.js';

const { assembleCutout } = proxyActivities<Activities>(ACTIVITY_OPTIONS);

/** The engine is CPU-heavy when local: it runs on the OCR queue, in its slots, like OCR. */
const cpuActivities = () =>
  proxyActivities<Activities>({
    ...ACTIVITY_OPTIONS,
    taskQueue: ocrTaskQueue(workflowInfo().taskQueue),
  });

export interface CutOutInput {
  jobId: string;
  sourceType: SourceType;
  pages: PageRef[];
  /** Time of the stages before (fetch, split). */
  timings: Partial<Record<StageName, number>>;
}

/**
 * Removes the background of a single-image job and stores the cut-out as its output. A document
 * of several pages is refused (`TOO_MANY_PAGES`): the output is one PNG.
 */
export async function cutOut({
  jobId,
  sourceType,
  pages,
  timings,
}: CutOutInput): Promise<RedactionResult> {
  const [page] = pages;
  if (!page || pages.length > 1) {
    throw ApplicationFailure.create({
      type: 'TOO_MANY_PAGES',
      nonRetryable: true,
      message: `Background removal takes single images; this file has ${pages.length} pages`,
    });
  }
  const cutout = await cpuActivities().removeBackground({ jobId, page });
  const output = await assembleCutout({
    jobId,
    sourceType,
    page,
    cutout: { cutoutKey: cutout.cutoutKey, engine: cutout.engine, foreground: cutout.foreground },
    timings: addTiming({ ...timings }, 'cutout', cutout),
    startedAtMs: workflowInfo().startTime.getTime(),
  });
  return {
    operation: 'remove-background',
    engine: cutout.engine,
    pages: 1,
    entitiesMasked: 0,
    byCategory: {},
    processingMs: output.processingMs,
    outputType: output.outputType,
    review: 'none',
    pagesFlagged: [],
    outputKey: output.outputKey,
    reportKey: output.reportKey,
  };
}
