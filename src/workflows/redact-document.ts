// redactDocument: one durable run per file. History carries keys, boxes, counts and timings only.
import {
  CancellationScope,
  executeChild,
  isCancellation,
  log,
  proxyActivities,
  proxySinks,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { isVideoType } from '../imaging/sniff.js';
import type { JobEnd } from '../jobs/lifecycle.js';
import { addCounts } from '../jobs/report.js';
import { FLAG_ONLY, withConfidenceFlags } from '../jobs/review.js';
import {
  PROGRESS_MEMO_KEY,
  RESULT_MEMO_KEY,
  progressQuery,
  SEARCH_ATTRIBUTES,
  type JobProgress,
  type JobSinks,
  type JobStage,
  type PageSummary,
  type RedactDocumentInput,
  type RedactionResult,
  type ReviewOutcome,
} from './contract.js';
import { addTiming } from '../jobs/stage-timing.js';
import { failureCode } from '../util/failure.js';
import { ACTIVITY_OPTIONS, CLEANUP_OPTIONS } from './activity-options.js';
import { cutOut } from './cut-out.js';
import { blurPhotoPages, blurVideo } from './blur-faces.js';
import { redactPageRange, redactPages } from './redact-pages.js';
import { holdForReview } from './review.js';

const { fetchSource, splitPages, assembleOutput } = proxyActivities<Activities>(ACTIVITY_OPTIONS);
const { cleanUpJob } = proxyActivities<Activities>(CLEANUP_OPTIONS);
const { jobEvents } = proxySinks<JobSinks>();

/**
 * Redacts one document: fetch → split → per page (OCR → detect → mask) → assemble; or, for
 * `operation: "remove-background"`, fetch → split → cut out → assemble. However the run ends
 * (completed, failed or cancelled), its intermediates are deleted before it closes.
 */
export async function redactDocument(input: RedactDocumentInput): Promise<RedactionResult> {
  let end: JobEnd = 'failed';
  try {
    const result = await redact(input);
    end = 'completed';
    jobEvents.jobFinished({
      status: 'completed',
      pages: result.pages,
      entities: result.entitiesMasked,
    });
    return result;
  } catch (err) {
    if (isCancellation(err)) end = 'cancelled';
    else jobEvents.jobFinished({ status: 'failed', code: failureCode(err) });
    throw err;
  } finally {
    await cleanUp(input.jobId, end);
  }
}

/**
 * Deletes the job's intermediates, in a scope a cancellation does not reach. A clean-up that fails
 * after its retries leaves the result as it is: the sweep deletes the rest when results expire.
 */
async function cleanUp(jobId: string, end: JobEnd): Promise<void> {
  try {
    await CancellationScope.nonCancellable(() => cleanUpJob({ jobId, end }));
  } catch (err) {
    log.warn('intermediates not deleted; the sweep will delete them', {
      jobId,
      code: failureCode(err),
    });
  }
}

async function redact({
  jobId,
  pageConcurrency,
  pagesPerChild,
  review = FLAG_ONLY,
  operation = 'redact',
  ocrEngine = 'tesseract',
}: RedactDocumentInput): Promise<RedactionResult> {
  const plan = { jobId, pageConcurrency, operation, ocrEngine };
  const progress: JobProgress = { stage: 'fetching', pagesDone: 0, pagesTotal: 0 };
  setHandler(progressQuery, () => progress);
  const report = (stage: JobStage) => {
    progress.stage = stage;
    upsertMemo({ [PROGRESS_MEMO_KEY]: { ...progress } });
  };
  report('fetching');

  const source = await fetchSource({ jobId });
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.sourceType, value: source.sourceType }]);

  if (isVideoType(source.sourceType)) {
    // fetchSource let a video through for blur-faces only.
    report('splitting');
    const result = await blurVideo({
      jobId,
      sourceType: source.sourceType,
      concurrency: pageConcurrency,
      fetched: source,
      startedAtMs: workflowInfo().startTime.getTime(),
      onSegments: (total) => {
        progress.pagesTotal = total;
        upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.pageCount, value: total }]);
        report('redacting');
      },
      onSegmentDone: () => {
        progress.pagesDone++;
        report(progress.pagesDone < progress.pagesTotal ? 'redacting' : 'assembling');
      },
    });
    return finish({ operation, ...result });
  }

  report('splitting');
  const split = await splitPages({ jobId, sourceType: source.sourceType });
  progress.pagesTotal = split.pages.length;
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.pageCount, value: split.pages.length }]);

  if (operation === 'remove-background') {
    report('removing-background');
    const result = await cutOut({
      jobId,
      sourceType: source.sourceType,
      pages: split.pages,
      timings: addTiming(addTiming({}, 'fetch', source), 'split', split),
    });
    progress.pagesDone = result.pages;
    return finish(result);
  }

  report('redacting');
  const pageDone = () => {
    progress.pagesDone++;
    report('redacting');
  };
  let summaries: PageSummary[];
  if (operation === 'blur-faces') {
    summaries = await blurPhotoPages(jobId, split.pages, pageConcurrency, pageDone);
  } else if (split.pages.length <= pagesPerChild) {
    summaries = await redactPageRange({ ...plan, pages: split.pages }, pageDone);
  } else {
    // Long documents: one child workflow per range, one range at a time.
    summaries = [];
    for (let start = 0, n = 1; start < split.pages.length; start += pagesPerChild, n++) {
      const pages = split.pages.slice(start, start + pagesPerChild);
      const range = await executeChild(redactPages, {
        workflowId: `${jobId}-pages-${n}`,
        args: [{ ...plan, pages }],
      });
      summaries.push(...range);
      progress.pagesDone += pages.length;
      report('redacting');
    }
  }

  let reviewed: ReviewOutcome | undefined;
  if (review.mode === 'hold') {
    summaries = withConfidenceFlags(summaries, review.confidenceBelow);
    if (summaries.some((s) => s.flags.length > 0)) {
      ({ summaries, reviewed } = await holdForReview({
        jobId,
        pages: split.pages,
        summaries,
        settings: review,
        onWaiting: () => report('review'),
      }));
    }
  }

  report('assembling');
  const output = await assembleOutput({
    jobId,
    operation,
    sourceType: source.sourceType,
    pages: split.pages,
    summaries,
    timings: addTiming(addTiming({}, 'fetch', source), 'split', split),
    startedAtMs: workflowInfo().startTime.getTime(),
  });

  const byCategory = summaries.reduce((all, s) => addCounts(all, s.byCategory), {});
  const entitiesMasked = summaries.reduce((n, s) => n + s.entities, 0);
  const pagesFlagged = summaries.filter((s) => s.flags.length > 0).map((s) => s.index);
  return finish({
    operation,
    ocrEngine,
    pageEngines: summaries.map((s) => s.engine ?? 'none'),
    pages: split.pages.length,
    entitiesMasked,
    byCategory,
    processingMs: output.processingMs,
    outputType: output.outputType,
    review: pagesFlagged.length > 0 ? 'required' : 'none',
    pagesFlagged,
    ...(reviewed && { reviewed }),
    outputKey: output.outputKey,
    reportKey: output.reportKey,
  });

  /** Publishes the result: its PHI count as a search attribute, and the result in the memo. */
  function finish(result: RedactionResult): RedactionResult {
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.phiCount, value: result.entitiesMasked }]);
    // In the memo too, so a status read is one `describe` (counts and keys only, no text).
    upsertMemo({ [RESULT_MEMO_KEY]: result });
    report('done');
    return result;
  }
}
