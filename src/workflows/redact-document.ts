// redactDocument: one durable run per file. History carries keys, boxes, counts and timings only.
import {
  ActivityFailure,
  isCancellation,
  proxyActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { addCounts, countByCategory } from '../jobs/report.js';
import type { PhiEntity } from '../phi/types.js';
import {
  PROGRESS_MEMO_KEY,
  progressQuery,
  SEARCH_ATTRIBUTES,
  type JobProgress,
  type JobStage,
  type PageRef,
  type PageSummary,
  type RedactDocumentInput,
  type RedactionResult,
  ocrTaskQueue,
} from '../shared.js';
import { mapBounded } from '../util/concurrency.js';

const retry = {
  initialInterval: '1s',
  backoffCoefficient: 2,
  maximumInterval: '1m',
  maximumAttempts: 5,
} as const;

const { fetchSource, splitPages, detectPhi, maskPage, assembleOutput } =
  proxyActivities<Activities>({
    startToCloseTimeout: '10m',
    heartbeatTimeout: '1m',
    retry,
  });

/** OCR runs on its own task queue (`<queue>-ocr`) so OCR capacity scales apart from the rest. */
const ocrActivities = () =>
  proxyActivities<Activities>({
    taskQueue: ocrTaskQueue(workflowInfo().taskQueue),
    startToCloseTimeout: '10m',
    heartbeatTimeout: '1m',
    retry,
  });

/** Redacts one document: fetch → split → per page (OCR → detect → mask) → assemble. */
export async function redactDocument({
  jobId,
  pageConcurrency,
}: RedactDocumentInput): Promise<RedactionResult> {
  const progress: JobProgress = { stage: 'fetching', pagesDone: 0, pagesTotal: 0 };
  setHandler(progressQuery, () => progress);
  const report = (stage: JobStage) => {
    progress.stage = stage;
    upsertMemo({ [PROGRESS_MEMO_KEY]: { ...progress } });
  };
  report('fetching');

  const source = await fetchSource({ jobId });
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.sourceType, value: source.sourceType }]);

  report('splitting');
  const split = await splitPages({ jobId, sourceType: source.sourceType });
  progress.pagesTotal = split.pages.length;
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.pageCount, value: split.pages.length }]);

  report('redacting');
  const summaries = await mapBounded(split.pages, pageConcurrency, async (page) => {
    const summary = await redactPage(jobId, page);
    progress.pagesDone++;
    report('redacting');
    return summary;
  });

  report('assembling');
  const output = await assembleOutput({
    jobId,
    sourceType: source.sourceType,
    pages: split.pages,
    summaries,
    timings: { fetch: source.ms, split: split.ms },
    startedAtMs: workflowInfo().startTime.getTime(),
  });

  const byCategory = summaries.reduce((all, s) => addCounts(all, s.byCategory), {});
  const entitiesMasked = summaries.reduce((n, s) => n + s.entities, 0);
  const pagesFlagged = summaries.filter((s) => s.flags.length > 0).map((s) => s.index);
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.phiCount, value: entitiesMasked }]);
  report('done');

  return {
    pages: split.pages.length,
    entitiesMasked,
    byCategory,
    processingMs: output.processingMs,
    outputType: output.outputType,
    review: pagesFlagged.length > 0 ? 'required' : 'none',
    pagesFlagged,
    outputKey: output.outputKey,
    reportKey: output.reportKey,
  };
}

/** One page. A page that cannot be read is masked whole and flagged, never released as is. */
async function redactPage(jobId: string, page: PageRef): Promise<PageSummary> {
  const read = await readPage(jobId, page);
  if (!read.readable) {
    const whole: PhiEntity = {
      category: 'UNREADABLE',
      bbox: { x: 0, y: 0, w: page.width, h: page.height },
      confidence: 1,
      detector: 'fail-safe',
    };
    const masked = await maskPage({ jobId, page, entities: [whole] });
    return summarise(page, masked.maskedKey, [whole], ['unreadable'], {
      ocr: read.ms,
      mask: masked.ms,
    });
  }
  const detected = await detectPhi({ jobId, page });
  const masked = await maskPage({ jobId, page, entities: detected.entities });
  return summarise(page, masked.maskedKey, detected.entities, [], {
    ocr: read.ms,
    detect: detected.ms,
    mask: masked.ms,
  });
}

/** OCR with fail-safe: an OCR activity that exhausts its retries makes the page unreadable. */
async function readPage(jobId: string, page: PageRef): Promise<{ readable: boolean; ms: number }> {
  try {
    return await ocrActivities().ocrPage({ jobId, page });
  } catch (err) {
    if (err instanceof ActivityFailure && !isCancellation(err)) return { readable: false, ms: 0 };
    throw err;
  }
}

function summarise(
  page: PageRef,
  maskedKey: string,
  entities: readonly PhiEntity[],
  flags: PageSummary['flags'],
  timings: PageSummary['timings'],
): PageSummary {
  return {
    index: page.index,
    maskedKey,
    entities: entities.length,
    byCategory: countByCategory(entities),
    flags,
    timings,
  };
}
