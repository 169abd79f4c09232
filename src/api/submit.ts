// Turning a submission into jobs: validate every file or URL first, then store inputs and
// manifests and start workflows.
import { randomUUID } from 'node:crypto';
import { isVideoType, SNIFF_BYTES, sniffType } from '../imaging/sniff.js';
import {
  operationOf,
  type Operation,
  type TJobManifest,
  type TJobOptions,
} from '../jobs/manifest.js';
import { checkOperationFits } from '../jobs/operation.js';
import { checkVideoBytes } from '../video/limits.js';
import { checkUrl } from '../net/url-policy.js';
import {
  PROGRESS_MEMO_KEY,
  SEARCH_ATTRIBUTES,
  WORKFLOW_TYPE,
  type JobProgress,
} from '../workflows/contract.js';
import { jobKeys } from '../storage/keys.js';
import type { redactDocument } from '../workflows/index.js';
import { RedactifyError } from '../errors.js';
import type { ApiDeps } from './types.js';

export interface SubmittedFile {
  filename: string;
  bytes: Buffer;
}

export interface SubmittedJob {
  id: string;
  filename: string;
  status: 'queued';
  statusUrl: string;
  resultUrl: string;
}

/** Characters (code points) of a file name kept: the last ones, where the extension is. */
export const MAX_FILENAME_CHARS = 200;

/**
 * Keeps a file name printable and short; it is only ever echoed back to the client. Control and
 * format characters go (U+202E would show `invoice\u202Egnp.exe` as `invoiceexe.png`), as do
 * lone surrogates, and the name is cut by code points, never inside a surrogate pair.
 */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const printable = base.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}"\uFFFD]/gu, '').trim();
  return [...printable].slice(-MAX_FILENAME_CHARS).join('').trim() || 'document';
}

/**
 * Refuses the batch when any file is empty, not a supported format, a video for an operation
 * other than `blur-faces`, or a video over `maxVideoBytes`, naming the file by position.
 */
export function validateFiles(
  files: readonly SubmittedFile[],
  operation: Operation = 'redact',
  maxVideoBytes = Number.POSITIVE_INFINITY,
): void {
  files.forEach((file, i) => {
    const which = files.length > 1 ? `File ${i + 1} of ${files.length}` : 'The file';
    if (file.bytes.length === 0) throw new RedactifyError('EMPTY_FILE', `${which} is empty`);
    const sniffed = sniffType(file.bytes.subarray(0, SNIFF_BYTES));
    if (!sniffed.supported) {
      throw new RedactifyError(
        'UNSUPPORTED_TYPE',
        `${which} is ${sniffed.description}, which is not supported`,
      );
    }
    checkOperationFits(operation, sniffed.type, which);
    if (isVideoType(sniffed.type)) checkVideoBytes(file.bytes.length, { maxBytes: maxVideoBytes });
  });
}

/**
 * Stores each file and its manifest, then starts one workflow per file (workflow id = job id),
 * owned by `ownerId`.
 */
export async function submitUploads(
  deps: JobDeps,
  files: readonly SubmittedFile[],
  options: TJobOptions,
  ownerId: string,
): Promise<{ batchId: string; jobs: SubmittedJob[] }> {
  validateFiles(files, operationOf(options), deps.maxVideoBytes);
  const batchId = `batch-${randomUUID()}`;
  const jobs = await Promise.all(
    files.map((file) => createJob(deps, batchId, file, options, ownerId)),
  );
  return { batchId, jobs };
}

/** `maxVideoBytes` refuses a large video at once; without it the worker refuses it (MAX_VIDEO_BYTES). */
export type JobDeps = Pick<ApiDeps, 'temporal' | 'store' | 'jobs' | 'jobIds'> &
  Partial<Pick<ApiDeps, 'maxVideoBytes'>>;

/** What `submitUrls` needs beyond `JobDeps`: the URL policy and the batch limits. */
export type UrlJobDeps = JobDeps & Pick<ApiDeps, 'urlPolicy' | 'maxFilesPerBatch' | 'packNames'>;

/**
 * Checks every URL with the policy (scheme, credentials, port, host, literal IPs) and refuses the
 * batch with `URL_NOT_ALLOWED`, naming the URL by position only; then starts one job per URL,
 * owned by `ownerId`. The URL goes into the job's manifest in object storage, never into
 * workflow history; the worker downloads it in `fetchSource`, checking every hop again.
 *
 * @example await submitUrls(deps, ['https://docs.example/scan.tiff'], {}, principal.accountId)
 */
export async function submitUrls(
  deps: UrlJobDeps,
  urls: readonly string[],
  options: TJobOptions,
  ownerId: string,
): Promise<{ batchId: string; jobs: SubmittedJob[] }> {
  if (urls.length > deps.maxFilesPerBatch) {
    throw new RedactifyError(
      'VALIDATION_FAILED',
      `At most ${deps.maxFilesPerBatch} URLs per batch`,
    );
  }
  const targets = urls.map((raw, i) => {
    const checked = checkUrl(raw, deps.urlPolicy);
    if (checked.ok) return checked.target.url;
    const which = urls.length > 1 ? `URL ${i + 1} of ${urls.length}` : 'The URL';
    throw new RedactifyError('URL_NOT_ALLOWED', `${which} is not allowed: ${checked.reason}`);
  });
  const batchId = `batch-${randomUUID()}`;
  const jobs = await Promise.all(
    targets.map((url) =>
      startJob(deps, batchId, ownerId, {
        filename: filenameFromUrl(url),
        source: { kind: 'url', url: url.href },
        options,
      }),
    ),
  );
  return { batchId, jobs };
}

/** The last segment of a URL's path as a file name, for the download's `redacted_<name>`. */
export function filenameFromUrl(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).pop() ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    decoded = last;
  }
  return cleanFilename(decoded);
}

/** Stores one file and its manifest and starts its workflow. No validation: see `validateFiles`. */
export async function createJob(
  deps: JobDeps,
  batchId: string,
  file: SubmittedFile,
  options: TJobOptions,
  ownerId: string,
): Promise<SubmittedJob> {
  return startJob(
    deps,
    batchId,
    ownerId,
    {
      filename: cleanFilename(file.filename),
      source: { kind: 'upload', size: file.bytes.length },
      options,
    },
    (keys) => deps.store.put(keys.input, file.bytes, 'application/octet-stream'),
  );
}

/** Mints a job id, runs `storeInput` (uploads), writes the manifest and starts the workflow. */
async function startJob(
  deps: JobDeps,
  batchId: string,
  ownerId: string,
  job: Pick<TJobManifest, 'filename' | 'source' | 'options'>,
  storeInput?: (keys: ReturnType<typeof jobKeys>) => Promise<void>,
): Promise<SubmittedJob> {
  const id = deps.jobIds.mint();
  const keys = jobKeys(id);
  const manifest: TJobManifest = {
    jobId: id,
    batchId,
    ownerId,
    ...job,
    submittedAt: new Date().toISOString(),
  };
  await storeInput?.(keys);
  await deps.store.putJson(keys.manifest, manifest);
  const queued: JobProgress = { stage: 'queued', pagesDone: 0, pagesTotal: 0 };
  await deps.temporal.workflow.start<typeof redactDocument>(WORKFLOW_TYPE, {
    workflowId: id,
    taskQueue: deps.jobs.taskQueue,
    args: [
      {
        jobId: id,
        pageConcurrency: deps.jobs.pageConcurrency,
        pagesPerChild: deps.jobs.pagesPerChild,
        ...(deps.jobs.review && { review: deps.jobs.review }),
        // Resolved at submit (`planJob`); neither is PHI, so the workflow may carry them.
        operation: job.options.operation ?? 'redact',
        ocrEngine: job.options.ocrEngine ?? 'tesseract',
      },
    ],
    typedSearchAttributes: [
      { key: SEARCH_ATTRIBUTES.batchId, value: batchId },
      { key: SEARCH_ATTRIBUTES.ownerId, value: ownerId },
    ],
    memo: { [PROGRESS_MEMO_KEY]: queued },
  });
  return {
    id,
    filename: manifest.filename,
    status: 'queued',
    statusUrl: `/v1/jobs/${id}`,
    resultUrl: `/v1/jobs/${id}/result`,
  };
}
