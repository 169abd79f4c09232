// `redactify redact`: submit the files in batches (at most --concurrency jobs in flight), poll
// their progress, download each result as it completes, and keep the state file up to date so
// that a stopped run resumes by job id without uploading anything twice.
import { openAsBlob } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TJobOptions } from '../jobs/manifest.js';
import { OUTPUT_TYPES, type OutputType } from '../imaging/output-type.js';
import { ApiError, type ApiClient, type TJobView } from './api-client.js';
import { collectInputs, outputPath, type InputFile } from './inputs.js';
import type { Reporter } from './progress.js';
import {
  inFlight,
  loadState,
  recordFile,
  recordRefused,
  recordSubmitted,
  saveState,
  unsubmitted,
  type TFileState,
  type TRunState,
} from './state.js';
import { summaryRows, type SummaryRow } from './summary.js';

export interface RedactSettings {
  inputs: readonly string[];
  out: string;
  options: TJobOptions;
  /** Jobs in flight at once. */
  concurrency: number;
  /** Files per submission (the API's MAX_FILES_PER_BATCH bounds it too). */
  batchSize: number;
  pollMs: number;
  /** The whole run stops (resumable) after this long. */
  timeoutMs: number;
}

export interface RedactRun {
  rows: SummaryRow[];
  /** Why the run stopped before every file finished, if it did. */
  stopped: 'interrupted' | 'timeout' | null;
}

/** Statuses after which a job changes no more. */
const ENDED = new Set(['completed', 'failed', 'cancelled', 'review', 'not_found']);

/** An answer that a retry cannot change: the batch (or file) itself is refused. */
const isRefusal = (err: unknown): err is ApiError =>
  err instanceof ApiError &&
  err.status >= 400 &&
  err.status < 500 &&
  ![401, 403, 408, 429].includes(err.status);

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** What a finished job makes of a file's entry. */
export function finishedEntry(view: TJobView): Partial<TFileState> {
  if (view.status === 'not_found') {
    return {
      status: 'failed',
      error: { code: 'JOB_NOT_FOUND', message: 'The API no longer knows this job' },
    };
  }
  if (!view.result) {
    if (view.status === 'review') return { status: 'review' };
    return {
      status: 'failed',
      error: view.error ?? { code: 'JOB_CANCELLED', message: `The job was ${view.status}` },
    };
  }
  const r = view.result;
  return {
    status: r.review === 'required' || view.status === 'review' ? 'review' : 'completed',
    pages: r.pages,
    entities: r.entitiesMasked,
    byCategory: r.byCategory,
    pagesFlagged: r.pagesFlagged,
    processingMs: r.processingMs,
  };
}

const asOutputType = (type: string): OutputType | undefined => OUTPUT_TYPES.find((t) => t === type);

export async function runRedact(
  settings: RedactSettings,
  deps: { client: ApiClient; api: string; reporter: Reporter; signal: AbortSignal },
): Promise<RedactRun> {
  const { client, reporter, signal } = deps;
  const files = await collectInputs(settings.inputs, settings.out);
  let state: TRunState = await loadState(settings.out, deps.api);
  const save = async (next: TRunState) => {
    state = next;
    await saveState(settings.out, state);
  };
  reporter.start(files.map((f) => f.relative));

  // Finished in an earlier run: shown as they are; asked about again when the result went
  // missing, or when a job held for review had released nothing yet.
  for (const f of files) {
    const entry = state.files[f.relative];
    if (!entry?.jobId || entry.status === 'submitted') continue;
    const again =
      entry.status !== 'failed' &&
      (entry.output === undefined || !(await exists(join(settings.out, entry.output))));
    if (again) state = recordFile(state, f.relative, { status: 'submitted' });
    else reporter.update(f.relative, entry.status, entry.pages ?? 0, entry.pages ?? 0);
  }

  const queue = unsubmitted(state, files);
  const deadline = Date.now() + settings.timeoutMs;
  let stopped: RedactRun['stopped'] = null;
  let backoffMs = settings.pollMs;

  /** Submits `batch`; a refused batch of several is retried file by file to find the bad one. */
  const submit = async (batch: InputFile[]): Promise<void> => {
    const uploads = await Promise.all(
      batch.map(async (f) => ({ name: basename(f.path), blob: await openAsBlob(f.path) })),
    );
    try {
      const submission = await client.submit(uploads, settings.options);
      let next = state;
      submission.jobs.forEach((job, i) => {
        const file = batch[i];
        if (file) next = recordSubmitted(next, file.relative, job.id, new Date());
      });
      // Saved before anything else happens: from here on these files are never uploaded again.
      await save(next);
      for (const f of batch) reporter.update(f.relative, 'queued', 0, 0);
    } catch (err) {
      if (!isRefusal(err)) throw err;
      if (batch.length > 1) {
        for (const f of batch) await submit([f]);
        return;
      }
      const [file] = batch;
      if (!file) return;
      await save(
        recordRefused(state, file.relative, { code: err.code, message: err.message }, new Date()),
      );
      reporter.update(file.relative, 'failed', 0, 0);
      reporter.note(`${file.relative}: refused (${err.code}): ${err.message}`);
    }
  };

  const settle = async (file: InputFile, view: TJobView) => {
    const update = finishedEntry(view);
    if (view.result) {
      const output = outputPath(file.relative, asOutputType(view.result.outputType));
      await client.download(view.id, join(settings.out, output));
      update.output = output;
    }
    await save(recordFile(state, file.relative, update));
    reporter.update(file.relative, update.status ?? 'failed', update.pages ?? 0, update.pages ?? 0);
    if (update.error)
      reporter.note(`${file.relative}: ${update.error.code}: ${update.error.message}`);
  };

  while (!signal.aborted) {
    const flying = inFlight(state, files);
    if (flying.length === 0 && queue.length === 0) break;
    if (Date.now() > deadline) {
      stopped = 'timeout';
      break;
    }
    try {
      const room = settings.concurrency - flying.length;
      if (room > 0 && queue.length > 0) {
        const batch = queue.slice(0, Math.min(room, settings.batchSize));
        await submit(batch);
        queue.splice(0, batch.length);
        continue;
      }
      const ids = flying.map((f) => state.files[f.relative]?.jobId ?? '');
      const views = new Map((await client.results(ids)).map((v) => [v.id, v]));
      for (const [i, file] of flying.entries()) {
        const view = views.get(ids[i] ?? '');
        if (!view || signal.aborted) continue;
        if (ENDED.has(view.status)) await settle(file, view);
        else {
          const p = view.progress;
          reporter.update(file.relative, view.status, p?.pagesDone ?? 0, p?.pagesTotal ?? 0);
        }
      }
      backoffMs = settings.pollMs;
    } catch (err) {
      if (!(err instanceof ApiError) || [401, 403].includes(err.status)) throw err;
      // Unreachable, rate limited or a server error: wait longer and try again, until the deadline.
      reporter.note(`${err.code}: ${err.message}; retrying`);
      backoffMs = Math.min(Math.max(backoffMs * 2, (err.retryAfterSeconds ?? 0) * 1000), 60_000);
    }
    await sleep(backoffMs, undefined, { signal }).catch(() => undefined);
  }
  if (signal.aborted) stopped = 'interrupted';
  return {
    rows: summaryRows(
      state,
      files.map((f) => f.relative),
    ),
    stopped,
  };
}
