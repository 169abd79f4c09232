// The CLI's view of the HTTP API: submit a batch, read jobs, download a result. Every call
// carries the key in `x-api-key`; an error answer becomes an `ApiError` with the envelope's code.
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { z } from 'zod';
import type { TJobOptions } from '../jobs/manifest.js';

/** An error answer from the API (or no answer): its HTTP status (0 when unreachable) and code. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** From `Retry-After` on a 429 or 503. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** `Retry-After` in seconds (the API sends seconds; dates are not used). */
export function retryAfter(header: string | null): number | undefined {
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

const ZErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

const ZSubmission = z.object({
  batchId: z.string(),
  jobs: z.array(z.object({ id: z.string(), filename: z.string() })),
});
export type TSubmission = z.infer<typeof ZSubmission>;

/** A job as the API shows it. Statuses are strings: a newer API may add some (e.g. `review`). */
export const ZJobView = z.object({
  id: z.string(),
  status: z.string(),
  progress: z
    .object({ stage: z.string(), pagesDone: z.number(), pagesTotal: z.number() })
    .nullable()
    .optional(),
  result: z
    .object({
      pages: z.number(),
      entitiesMasked: z.number(),
      byCategory: z.record(z.string(), z.number()),
      processingMs: z.number(),
      outputType: z.string(),
      review: z.string(),
      pagesFlagged: z.array(z.number()),
    })
    .nullable()
    .optional(),
  error: z.object({ code: z.string(), message: z.string() }).nullable().optional(),
});
export type TJobView = z.infer<typeof ZJobView>;

/** Ids the caller does not own, or that do not exist, come back with status `not_found`. */
const ZResults = z.object({ results: z.array(ZJobView) });

/** The API's limit on ids per /v1/results request is configurable; stay well under its default. */
const RESULTS_CHUNK = 500;

export interface UploadFile {
  name: string;
  bytes: Uint8Array;
}

export class ApiClient {
  constructor(
    private readonly base: string,
    private readonly key: string,
    /** Per request; a stuck server fails the call rather than hanging the run. */
    private readonly timeoutMs = 120_000,
  ) {}

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), 'x-api-key': this.key },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const reason =
        err instanceof Error
          ? err.cause instanceof Error
            ? err.cause.message
            : err.message
          : 'unknown';
      throw new ApiError(0, 'UNREACHABLE', `Cannot reach the API at ${this.base} (${reason})`);
    }
    if (!response.ok) {
      const body = ZErrorBody.safeParse(await response.json().catch(() => undefined));
      const wait = retryAfter(response.headers.get('retry-after'));
      throw body.success
        ? new ApiError(response.status, body.data.error.code, body.data.error.message, wait)
        : new ApiError(response.status, 'HTTP_ERROR', `The API answered ${response.status}`, wait);
    }
    return response;
  }

  private async json<T>(schema: z.ZodType<T>, path: string, init?: RequestInit): Promise<T> {
    const response = await this.request(path, init);
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      throw new ApiError(response.status, 'BAD_RESPONSE', `Unexpected answer from ${path}`);
    }
    return parsed.data;
  }

  /** Submits one batch; the API answers one job per file, in order. */
  async submit(files: readonly UploadFile[], options: TJobOptions): Promise<TSubmission> {
    const form = new FormData();
    for (const f of files) form.append('files', new Blob([f.bytes]), f.name);
    if (Object.keys(options).length > 0) form.append('options', JSON.stringify(options));
    const submission = await this.json(ZSubmission, '/v1/jobs', { method: 'POST', body: form });
    if (submission.jobs.length !== files.length) {
      throw new ApiError(202, 'BAD_RESPONSE', 'The API answered a different number of jobs');
    }
    return submission;
  }

  /** Many jobs at once; ids of jobs the caller does not own come back `not_found`. */
  async results(ids: readonly string[]): Promise<TJobView[]> {
    const all: TJobView[] = [];
    for (let i = 0; i < ids.length; i += RESULTS_CHUNK) {
      const body = await this.json(ZResults, '/v1/results', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ids: ids.slice(i, i + RESULTS_CHUNK) }),
      });
      all.push(...body.results);
    }
    return all;
  }

  async job(id: string): Promise<TJobView> {
    return this.json(ZJobView, `/v1/jobs/${encodeURIComponent(id)}`);
  }

  /** Checks the key (any account's stats answer). */
  async stats(): Promise<{ accountId: string; jobsSubmitted: number }> {
    return this.json(
      z.object({ accountId: z.string(), jobsSubmitted: z.number() }),
      '/v1/auth/stats',
    );
  }

  /** Streams a completed job's result to `dest` (through a temp file, so no half file stays). */
  async download(id: string, dest: string): Promise<void> {
    const response = await this.request(`/v1/jobs/${encodeURIComponent(id)}/result`);
    if (!response.body) throw new ApiError(response.status, 'BAD_RESPONSE', 'Empty result');
    await mkdir(dirname(dest), { recursive: true });
    const temp = `${dest}.${process.pid}.part`;
    try {
      await pipeline(
        Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
        createWriteStream(temp, { mode: 0o600 }),
      );
      await rename(temp, dest);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }
}
