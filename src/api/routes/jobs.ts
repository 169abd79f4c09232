// /v1/jobs: submit a batch, read a job, download its masked file, report and text.
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { OUTPUT_MIME } from '../../imaging/encode.js';
import { ZJobManifest, ZJobOptions, type TJobOptions } from '../../jobs/manifest.js';
import { jobKeys } from '../../storage/keys.js';
import { AppError, errorResponse } from '../errors.js';
import { getJob, JOB_ID, type Job } from '../job-view.js';
import { submitUploads, submitUrls, type SubmittedFile } from '../submit.js';
import type { ApiDeps, ApiEnv } from '../types.js';

const ZJobId = z.string().regex(JOB_ID);

const ZUrlSubmission = z.object({
  // Strings: `submitUrls` judges each URL and names the problem (URL_NOT_ALLOWED).
  urls: z.array(z.string()).min(1),
  options: ZJobOptions.optional(),
});

function parseOptions(raw: unknown): TJobOptions {
  if (raw === undefined || raw === '') return {};
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new AppError('VALIDATION_FAILED', 'options must be a JSON object');
    }
  }
  const parsed = ZJobOptions.safeParse(value);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', `Invalid options: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export function jobRoutes(deps: ApiDeps) {
  const app = new Hono<ApiEnv>();

  /** Reads a job or answers 404 with the envelope. */
  const requireJob = async (id: string): Promise<Job> => {
    const job = ZJobId.safeParse(id).success ? await getJob(deps.temporal, id) : undefined;
    if (!job) throw new AppError('JOB_NOT_FOUND', `No job with id ${id}`);
    return job;
  };

  /** Reads a completed job's result, or answers 409 with its current status. */
  const requireResult = async (id: string) => {
    const { view, result } = await requireJob(id);
    if (!result) {
      throw new AppError('JOB_NOT_COMPLETED', `The job is ${view.status}`, { status: view.status });
    }
    return result;
  };

  const streamObject = async (key: string) =>
    Readable.toWeb(await deps.store.getStream(key)) as ReadableStream;

  app.post(
    '/',
    bodyLimit({
      maxSize: deps.maxUploadBytes,
      onError: (c) =>
        errorResponse(c, 'UPLOAD_TOO_LARGE', `The upload exceeds ${deps.maxUploadBytes} bytes`),
    }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      if (type.startsWith('application/json')) {
        const parsed = ZUrlSubmission.safeParse(await c.req.json().catch(() => undefined));
        if (!parsed.success) {
          throw new AppError('VALIDATION_FAILED', `Invalid body: ${z.prettifyError(parsed.error)}`);
        }
        return c.json(await submitUrls(deps, parsed.data.urls, parsed.data.options ?? {}), 202);
      }
      if (!type.startsWith('multipart/form-data')) {
        throw new AppError(
          'VALIDATION_FAILED',
          'Send multipart/form-data with "files" fields, or JSON {"urls":[…]}',
        );
      }
      const body = await c.req.parseBody({ all: true });
      const fields = [body.files ?? []].flat();
      const uploads = fields.filter((f): f is File => f instanceof File);
      if (uploads.length === 0 || uploads.length !== fields.length) {
        throw new AppError('VALIDATION_FAILED', 'Attach one or more files in "files" fields');
      }
      if (uploads.length > deps.maxFilesPerBatch) {
        throw new AppError('VALIDATION_FAILED', `At most ${deps.maxFilesPerBatch} files per batch`);
      }
      const options = parseOptions([body.options].flat()[0]);
      const unknown = (options.packs ?? []).filter((name) => !deps.packNames.includes(name));
      if (unknown.length > 0) {
        throw new AppError('UNKNOWN_PATTERN_PACK', `Unknown pattern pack: ${unknown.join(', ')}`);
      }
      const files: SubmittedFile[] = await Promise.all(
        uploads.map(async (f) => ({ filename: f.name, bytes: Buffer.from(await f.arrayBuffer()) })),
      );
      const batch = await submitUploads(deps, files, options);
      deps.metrics.jobsSubmitted.inc(batch.jobs.length);
      return c.json(batch, 202);
    },
  );

  app.get('/:id', async (c) => c.json((await requireJob(c.req.param('id'))).view));

  app.get('/:id/result', async (c) => {
    const id = c.req.param('id');
    const result = await requireResult(id);
    const manifest = await deps.store.getJson(jobKeys(id).manifest, ZJobManifest);
    return c.body(await streamObject(result.outputKey), 200, {
      'Content-Type': OUTPUT_MIME[result.outputType],
      'Content-Disposition': contentDisposition(`redacted_${manifest.filename}`),
      'X-Pages-Processed': String(result.pages),
      'X-PHI-Entities-Masked': String(result.entitiesMasked),
      'X-Processing-Time-MS': String(result.processingMs),
    });
  });

  app.get('/:id/report', async (c) => {
    const result = await requireResult(c.req.param('id'));
    return c.body(await streamObject(result.reportKey), 200, {
      'Content-Type': 'application/json',
    });
  });

  app.get('/:id/text', async (c) => {
    const id = c.req.param('id');
    await requireResult(id);
    return c.body(await streamObject(jobKeys(id).text), 200, {
      'Content-Type': 'text/plain; charset=utf-8',
    });
  });

  return app;
}

/** An attachment header that survives any file name (ASCII fallback plus RFC 5987 UTF-8). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
