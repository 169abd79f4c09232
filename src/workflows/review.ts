// The review step (REVIEW_MODE=hold): flagged pages wait on the review signal, or the timeout.
import {
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { pendingReview, reviewMasks } from '../jobs/review.js';
import {
  REVIEW_MEMO_KEY,
  reviewSignal,
  SEARCH_ATTRIBUTES,
  type PageRef,
  type PageSummary,
  type ReviewDecision,
  type ReviewOutcome,
  type ReviewSettings,
} from './contract.js';
import { ACTIVITY_OPTIONS } from './activity-options.js';

const { remaskForReview } = proxyActivities<Activities>(ACTIVITY_OPTIONS);

export interface ReviewInput {
  jobId: string;
  pages: PageRef[];
  summaries: PageSummary[];
  settings: ReviewSettings;
  /** Called once the job waits for its reviewer (the API then answers `status: "review"`). */
  onWaiting: () => void;
}

/**
 * Holds the job until a reviewer decides (the first review signal wins) or the review times out,
 * then applies the decision: approve masks the added boxes; reject masks the flagged pages whole
 * or fails the job with `REVIEW_REJECTED`. Returns the pages' summaries after the decision.
 */
export async function holdForReview({
  jobId,
  pages,
  summaries,
  settings,
  onWaiting,
}: ReviewInput): Promise<{ summaries: PageSummary[]; reviewed: ReviewOutcome }> {
  // Workflow time (the current task's, identical on replay), only to tell the reviewer the due time.
  // eslint-disable-next-line no-restricted-properties
  const pending = pendingReview(pages, summaries, Date.now(), settings.timeoutMs);
  let decided: ReviewDecision | undefined;
  setHandler(reviewSignal, (decision) => {
    decided ??= decision;
  });
  upsertMemo({ [REVIEW_MEMO_KEY]: pending });
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.reviewStatus, value: 'pending' }]);
  onWaiting();

  const inTime = await condition(() => decided !== undefined, settings.timeoutMs);
  const decision: ReviewDecision =
    inTime && decided ? decided : { decision: settings.timeoutAction, addBoxes: [] };
  upsertMemo({ [REVIEW_MEMO_KEY]: undefined });
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.reviewStatus, value: 'done' }]);

  const by = inTime ? 'reviewer' : 'timeout';
  if (decision.decision === 'reject' && settings.rejectAction === 'fail') {
    throw ApplicationFailure.create({
      type: 'REVIEW_REJECTED',
      message:
        by === 'reviewer'
          ? 'A reviewer rejected the flagged pages'
          : 'The review was not done in time, and a review not done is a rejection',
      nonRetryable: true,
    });
  }
  const masks =
    decision.decision === 'approve'
      ? reviewMasks(decision, pending)
      : new Map(pending.pages.map((p) => [p.index, []]));
  const whole = decision.decision === 'reject';
  const updated = [...summaries];
  await Promise.all(
    [...masks].map(async ([index, added]) => {
      const page = pages[index];
      const summary = updated[index];
      if (!page || !summary) return;
      const masked = await remaskForReview({ jobId, page, added, whole });
      updated[index] = {
        ...summary,
        maskedKey: masked.maskedKey,
        entities: masked.entities,
        byCategory: masked.byCategory,
      };
    }),
  );
  return {
    summaries: updated,
    reviewed: {
      decision: decision.decision,
      by,
      boxesAdded: [...masks.values()].reduce((n, added) => n + added.length, 0),
      pagesMasked: whole ? [...masks.keys()] : [],
    },
  };
}
