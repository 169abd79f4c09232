// cleanUpJob: deletes what a finished job leaves in object storage that it no longer needs.
import { keysToClean, type JobEnd } from '../jobs/lifecycle.js';
import { jobKeys } from '../storage/keys.js';
import type { ActivityDeps } from './deps.js';
import { timeAndMapErrors } from './time-and-map-errors.js';

export interface CleanUpInput {
  jobId: string;
  end: JobEnd;
}

export function createCleanUpJob({ store, lifecycle }: ActivityDeps) {
  /**
   * Deletes a finished job's intermediates (page images, OCR words, masked pages, entities,
   * page texts) unless `KEEP_INTERMEDIATES`, and its input after success unless `KEEP_INPUT`.
   * Idempotent: a retry lists again and deletes what is left.
   */
  return async ({ jobId, end }: CleanUpInput) =>
    timeAndMapErrors(async () => {
      const keys = await store.listKeys(`${jobKeys(jobId).root}/`);
      const doomed = keysToClean(jobId, keys, end, lifecycle);
      await store.removeKeys(doomed);
      return { deleted: doomed.length };
    });
}
