// What of a job is kept, and for how long: pure rules, applied by the lifecycle activities, the
// sweep and the API.
import { jobKeys } from '../storage/keys.js';

/** How a job's run ended. */
export type JobEnd = 'completed' | 'failed' | 'cancelled';

export interface KeepSettings {
  /** Keep page images, OCR word files, masked pages and entity files (debugging). */
  keepIntermediates: boolean;
  /**
   * Keep the input and its manifest after success (after a failure both are kept until the
   * sweep, so the job can be looked into; a completed job's download needs neither).
   */
  keepInput: boolean;
}

/** What an object of a job is, by its key. */
export type JobObjectKind = 'manifest' | 'input' | 'output' | 'intermediate';

/**
 * Classifies a key under `jobs/{jobId}/`. Outputs are the masked file, the report and the text;
 * anything not known to be kept counts as an intermediate, so nothing unexpected outlives a job.
 */
export function jobObjectKind(jobId: string, key: string): JobObjectKind {
  const keys = jobKeys(jobId);
  if (key === keys.manifest) return 'manifest';
  if (key === keys.input) return 'input';
  if (key === keys.report || key === keys.text || key === keys.words) return 'output';
  if (/^output\.[a-z0-9]+$/.test(key.slice(keys.root.length + 1))) return 'output';
  return 'intermediate';
}

/**
 * The keys to delete when a job ends: intermediates (unless kept), and after success the input
 * and manifest (unless kept), which leaves a completed job only its output, report and text.
 */
export function keysToClean(
  jobId: string,
  keys: readonly string[],
  end: JobEnd,
  { keepIntermediates, keepInput }: KeepSettings,
): string[] {
  const prefix = `${jobKeys(jobId).root}/`;
  return keys.filter((key) => {
    if (!key.startsWith(prefix)) return false;
    const kind = jobObjectKind(jobId, key);
    if (kind === 'intermediate') return !keepIntermediates;
    if (kind === 'output') return false;
    return end === 'completed' && !keepInput;
  });
}

/** The TTL of a job's outputs: RESULT_TTL_OCR for `ocr` jobs (unmasked PHI), RESULT_TTL otherwise. */
export function resultTtlFor(
  operation: string | undefined,
  { resultTtlMs, ocrResultTtlMs }: { resultTtlMs: number; ocrResultTtlMs?: number | undefined },
): number {
  return operation === 'ocr' ? (ocrResultTtlMs ?? resultTtlMs) : resultTtlMs;
}

const DAY_MS = 86_400_000;

/**
 * Days for an S3 lifecycle expiration covering `ttlMs`: S3 counts whole days (at least one), so the
 * rule is a backstop and the sweep enforces a TTL shorter than a day.
 */
export function expiryDays(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs / DAY_MS));
}

/** Whether a run that closed at `closeTime` is past `ttlMs` at `nowMs`. */
export function isPastTtl(closeTime: Date | undefined, ttlMs: number, nowMs: number): boolean {
  return closeTime !== undefined && closeTime.getTime() + ttlMs <= nowMs;
}

/** The visibility query for jobs (of workflow type `workflowType`) that closed before `cutoff`. */
export function closedBeforeQuery(workflowType: string, cutoff: Date): string {
  return `WorkflowType = '${workflowType}' AND ExecutionStatus != 'Running' AND CloseTime < '${cutoff.toISOString()}'`;
}

/** A duration in whole seconds as Temporal's CLI takes it (`--retention 172800s`). */
export function durationFlag(ms: number): string {
  return `${Math.ceil(ms / 1000)}s`;
}
