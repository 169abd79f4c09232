// The S3 lifecycle rule that expires job objects: the store's own backstop for RESULT_TTL.
import { S3Error } from 'minio';
import { expiryDays } from '../jobs/lifecycle.js';
import type { Logger } from '../log.js';
import type { ObjectStore } from './object-store.js';

/** Every job object lives under this prefix (see `jobKeys`). */
export const JOBS_PREFIX = 'jobs/';

/**
 * Sets the bucket's lifecycle rule: objects under `jobs/` expire `expiryDays(ttlMs)` days after
 * they were written. A store that refuses (no lifecycle support, no permission) is logged and
 * left as it is: the sweep schedule enforces RESULT_TTL on any S3-compatible store.
 */
export async function applyBucketExpiry(
  store: ObjectStore,
  ttlMs: number,
  log: Logger,
): Promise<'applied' | 'refused'> {
  const days = expiryDays(ttlMs);
  try {
    await store.expireAfterDays(JOBS_PREFIX, days);
  } catch (err) {
    if (!(err instanceof S3Error)) throw err;
    log.warn(
      { s3Code: err.code },
      'the store refused a lifecycle rule; the sweep alone expires results',
    );
    return 'refused';
  }
  log.info({ days }, 'bucket lifecycle rule: job objects expire');
  return 'applied';
}
