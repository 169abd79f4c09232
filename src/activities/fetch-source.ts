// fetchSource: from the submitted object or URL to a checked input in object storage.
import { Context, log } from '@temporalio/activity';
import { RedactifyError } from '../errors.js';
import { isVideoType, SNIFF_BYTES, sniffType } from '../imaging/sniff.js';
import { operationOf, ZJobManifest } from '../jobs/manifest.js';
import { checkOperationFits } from '../jobs/operation.js';
import { checkVideoBytes } from '../video/limits.js';
import { safeFetch } from '../net/safe-fetch.js';
import { logOrigin } from '../net/url-policy.js';
import { jobKeys } from '../storage/keys.js';
import { withinAttempts } from '../util/retry-budget.js';
import type { ActivityDeps } from './deps.js';
import { withHeartbeat } from './heartbeat.js';
import type { JobRef } from './inputs.js';
import { timeAndMapErrors } from './time-and-map-errors.js';

/** Attempts at a URL that times out or answers 5xx; the store's outages get the whole retry policy. */
export const URL_FETCH_ATTEMPTS = 5;

/** Refuses a downloaded body that is empty or, judged by its first bytes, not a supported format. */
function checkDownloadedHead(head: Buffer): void {
  if (head.length === 0) throw new RedactifyError('EMPTY_FILE', 'The document is empty');
  const sniffed = sniffType(head.subarray(0, SNIFF_BYTES));
  if (!sniffed.supported) {
    throw new RedactifyError(
      'UNSUPPORTED_TYPE',
      `The document is ${sniffed.description}, which is not supported`,
    );
  }
}

export function createFetchSource({ store, urlFetch, video }: ActivityDeps) {
  /**
   * Downloads a URL input to the job's input key: the body is read as it arrives and cut off past
   * the size cap; one that is empty or not a supported format is refused before it is stored. An
   * S3 object appears only once written whole, so an input left by an earlier attempt is complete
   * and is kept: retries do not fetch again.
   */
  const downloadInput = async (jobId: string, url: string) => {
    const key = jobKeys(jobId).input;
    if (await store.stat(key)) return;
    // Logs name the scheme and host only: a URL's path and query can carry identifiers. The
    // activity logger adds the job (its workflow id) and the attempt.
    const origin = logOrigin(url);
    try {
      const fetched = await withHeartbeat(
        safeFetch(url, urlFetch, async ({ body, redirects }) => {
          // Collected, then stored with one PUT: minio-js cannot abort an upload whose source
          // stream fails (it leaves that error unhandled and the upload waiting), and for a body
          // of unknown length it buffers parts of ~550 MiB anyway. The size cap bounds the memory.
          const chunks: Buffer[] = [];
          let length = 0;
          let headChecked = false;
          for await (const chunk of body) {
            chunks.push(chunk);
            length += chunk.length;
            if (!headChecked && length >= SNIFF_BYTES) {
              checkDownloadedHead(Buffer.concat(chunks)); // an HTML page stops here, unread
              headChecked = true;
            }
          }
          const bytes = Buffer.concat(chunks);
          if (!headChecked) checkDownloadedHead(bytes);
          await store.put(key, bytes, 'application/octet-stream');
          return { redirects };
        }),
      );
      log.info('url input fetched', { origin, redirects: fetched.redirects });
    } catch (err) {
      const code = err instanceof RedactifyError ? err.code : 'UNEXPECTED';
      log.warn('url input not fetched', { origin, errorCode: code });
      throw withinAttempts(err, Context.current().info.attempt, URL_FETCH_ATTEMPTS);
    }
  };

  /**
   * Downloads a URL input, makes sure the input is in object storage, and sniffs its format,
   * refusing a video for any operation but `blur-faces` (the workflow input carries the operation).
   */
  return async ({ jobId }: JobRef) => {
    return timeAndMapErrors(async () => {
      const keys = jobKeys(jobId);
      const manifest = await store.getJson(keys.manifest, ZJobManifest);
      if (manifest.source.kind === 'url') await downloadInput(jobId, manifest.source.url);
      const stored = await store.stat(keys.input);
      if (!stored) throw new Error(`input object for job ${jobId} is missing`); // retried: upload may lag
      if (stored.size === 0) throw new RedactifyError('EMPTY_FILE', 'The file is empty');
      const sniffed = sniffType(await store.getHead(keys.input, SNIFF_BYTES));
      if (!sniffed.supported) {
        throw new RedactifyError(
          'UNSUPPORTED_TYPE',
          `The file is ${sniffed.description}, which is not supported`,
        );
      }
      checkOperationFits(operationOf(manifest.options), sniffed.type);
      if (isVideoType(sniffed.type)) checkVideoBytes(stored.size, video.limits);
      return { sourceType: sniffed.type, bytes: stored.size };
    });
  };
}
