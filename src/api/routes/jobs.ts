// /v1/jobs: submit a batch, read a job, download its masked file, report and text. Every job
// route answers another account's job exactly like a missing one (404 JOB_NOT_FOUND).
import { Readable } from 'node:stream';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { create as contentDisposition } from 'content-disposition';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { consume, rateLimitHeaders } from '../../access/rate-limits.js';
import { OUTPUT_MIME } from '../../imaging/encode.js';
import { downloadName } from '../../jobs/download-name.js';
import {
  OCR_ENGINES,
  OPERATIONS,
  ZJobManifest,
  ZJobOptions,
  type TJobOptions,
} from '../../jobs/manifest.js';
import { planJob, SCOPES, type Scope } from '../../jobs/operation.js';
import type { Principal } from '../../access/accounts.js';
import { RESULT_TYPES, type ResultType } from '../../imaging/output-type.js';
import { BG_REMOVAL_ENGINES } from '../../workflows/contract.js';
import { jobKeys } from '../../storage/keys.js';
import { isNotFound } from '../../storage/object-store.js';
import { deleteJob } from '../delete-job.js';
import { RedactifyError } from '../../errors.js';
import { errorResponse, validationHook } from '../errors.js';
import { getJob, JOB_ID, JOB_STATUSES, type Job } from '../job-view.js';
import { parseMultipart } from '../multipart.js';
import { AUTH_ERRORS, errorResponses, json, SECURITY } from '../openapi.js';
import { submitUploads, submitUrls, type SubmittedFile } from '../submit.js';
import type { ApiDeps, ApiEnv } from '../types.js';

/** Headers of every response that carries document content (or a derived report). */
export const PHI_RESPONSE_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
} as const;

const ZUrlSubmission = z
  // Strings: `submitUrls` judges each URL and names the problem (URL_NOT_ALLOWED).
  .object({ urls: z.array(z.string()).min(1), options: ZJobOptions.optional() })
  .openapi('UrlSubmission');

const ZSubmittedJob = z.object({
  id: z.string(),
  filename: z.string(),
  status: z.literal('queued'),
  statusUrl: z.string(),
  resultUrl: z.string(),
});
const ZSubmission = z
  .object({ batchId: z.string(), jobs: z.array(ZSubmittedJob) })
  .openapi('Submission');

const ZReviewOutcome = z.object({
  decision: z.enum(['approve', 'reject']),
  by: z.enum(['reviewer', 'timeout']),
  boxesAdded: z.number(),
  pagesMasked: z.array(z.number()),
});

/** A held job's pages to review (REVIEW_MODE=hold). */
export const ZJobReview = z
  .object({
    pages: z.array(
      z.object({
        index: z.number(),
        width: z.number(),
        height: z.number(),
        flags: z.array(z.string()),
      }),
    ),
    dueAt: z.string().openapi({ description: 'When the review times out (REVIEW_TIMEOUT_ACTION)' }),
  })
  .openapi('JobReview');

const ZProgress = z.object({ stage: z.string(), pagesDone: z.number(), pagesTotal: z.number() });
export const ZJobView = z
  .object({
    id: z.string(),
    status: z.enum(JOB_STATUSES),
    progress: ZProgress.nullable(),
    result: z
      .object({
        operation: z.enum(OPERATIONS).optional().openapi({ description: '`redact` when absent' }),
        ocrEngine: z.enum(OCR_ENGINES).optional().openapi({ description: 'The engine asked for' }),
        pageEngines: z
          .array(z.enum([...OCR_ENGINES, 'none']))
          .optional()
          .openapi({
            description:
              'Which engine read each page, by index (`none`: masked whole unread); a fallback is also in `pagesFlagged`',
          }),
        pages: z.number(),
        entitiesMasked: z.number(),
        byCategory: z.record(z.string(), z.number()),
        processingMs: z.number(),
        outputType: z.enum(RESULT_TYPES).openapi({
          description: '`json` for an `ocr` job: its result is `words.json`; `mp4` for a video',
        }),
        /** Videos only; `pages` then counts the video's segments. */
        video: z
          .object({
            frames: z.number(),
            framesDetected: z.number(),
            framesInterpolated: z.number(),
            faces: z.number(),
            segments: z.number(),
            durationS: z.number(),
            hasAudio: z.boolean(),
          })
          .optional(),
        review: z.enum(['none', 'required']),
        pagesFlagged: z.array(z.number()),
        reviewed: ZReviewOutcome.optional(),
        engine: z.enum(BG_REMOVAL_ENGINES).optional().openapi({
          description: 'The background-removal engine (remove-background jobs)',
        }),
      })
      .nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    review: ZJobReview.nullable(),
  })
  .openapi('Job');

const ZOcrBox = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });
const ZWordsDocument = z
  .object({
    jobId: z.string(),
    pages: z.array(
      z.object({
        index: z.number(),
        width: z.number(),
        height: z.number(),
        dpi: z.number(),
        engine: z.enum([...OCR_ENGINES, 'none']),
        flags: z.array(z.string()),
        lines: z.array(
          z.object({
            box: ZOcrBox,
            block: z.number(),
            words: z.array(z.object({ text: z.string(), box: ZOcrBox, confidence: z.number() })),
          }),
        ),
      }),
    ),
  })
  .openapi('Words');

/** Multipart bodies are parsed by `parseMultipart` (with limits), so they are described, not validated here. */
const MULTIPART_SCHEMA = {
  type: 'object' as const,
  required: ['files'],
  properties: {
    files: { type: 'array' as const, items: { type: 'string' as const, format: 'binary' } },
    options: {
      type: 'string' as const,
      description: 'JSON job options (see UrlSubmission.options)',
    },
  },
};

const ZJobParams = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'job-…' }),
});

const BINARY = { schema: { type: 'string' as const, format: 'binary' } };

const submitRoute = createRoute({
  method: 'post',
  path: '/',
  summary: 'Submit a batch: multipart `files` (and `options`), or JSON `{urls}`',
  security: SECURITY,
  request: {
    body: {
      content: {
        'multipart/form-data': { schema: MULTIPART_SCHEMA },
        'application/json': { schema: ZUrlSubmission },
      },
    },
  },
  responses: {
    202: json(ZSubmission, 'One job per file, queued'),
    ...errorResponses(
      ...AUTH_ERRORS,
      'VALIDATION_FAILED',
      'EMPTY_FILE',
      'UNKNOWN_PATTERN_PACK',
      'OPERATION_NOT_CONFIGURED',
      'UNSUPPORTED_TYPE',
      'UNSUPPORTED_MEDIA_TYPE',
      'UPLOAD_TOO_LARGE',
      'BODY_TOO_LARGE',
      'URL_NOT_ALLOWED',
      'RATE_LIMITED',
      'OPERATION_NOT_CONFIGURED',
      'OPERATION_NOT_ALLOWED',
      'OCR_ENGINE_NOT_CONFIGURED',
    ),
  },
});

const statusRoute = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'One job: status, progress, result summary or error',
  security: SECURITY,
  request: { params: ZJobParams },
  responses: {
    200: json(ZJobView, 'The job'),
    ...errorResponses(...AUTH_ERRORS, 'JOB_NOT_FOUND'),
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/{id}',
  summary:
    'Delete a job: cancel it if it runs, delete every object of it and its workflow history; afterwards it is 404',
  security: SECURITY,
  request: { params: ZJobParams },
  responses: {
    204: { description: 'Deleted' },
    ...errorResponses(...AUTH_ERRORS, 'JOB_NOT_FOUND'),
  },
});

const OUTPUT_ERRORS = errorResponses(
  ...AUTH_ERRORS,
  'JOB_NOT_FOUND',
  'JOB_NOT_COMPLETED',
  'RESULT_EXPIRED',
);

const resultRoute = createRoute({
  method: 'get',
  path: '/{id}/result',
  summary:
    'The masked file, same format and page count as the input; for an `ocr` job, `words.json` (unmasked: PHI)',
  security: SECURITY,
  request: { params: ZJobParams },
  responses: {
    200: {
      description:
        'The masked file (Content-Disposition: attachment); for an `ocr` job, `application/json`: the same body as `/words`',
      content: Object.fromEntries(Object.values(OUTPUT_MIME).map((mime) => [mime, BINARY])),
    },
    ...OUTPUT_ERRORS,
  },
});

const reportRoute = createRoute({
  method: 'get',
  path: '/{id}/report',
  summary: 'The JSON report: pages, entity boxes and categories, totals, timings; no text',
  security: SECURITY,
  request: { params: ZJobParams },
  responses: {
    200: json(z.record(z.string(), z.unknown()), 'The report'),
    ...OUTPUT_ERRORS,
  },
});

const textRoute = createRoute({
  method: 'get',
  path: '/{id}/text',
  summary:
    'The de-identified text, PHI replaced by [CATEGORY], pages separated by a form feed; for an `ocr` job, the text as read (unmasked: PHI)',
  security: SECURITY,
  request: { params: ZJobParams },
  responses: {
    200: {
      description: 'The text',
      content: { 'text/plain': { schema: z.string() } },
    },
    ...OUTPUT_ERRORS,
  },
});

const wordsRoute = createRoute({
  method: 'get',
  path: '/{id}/words',
  summary:
    "An `ocr` job's words.json: every page's lines and words with boxes and confidence (unmasked: PHI; needs the ocr scope to create)",
  security: SECURITY,
  request: { params: ZJobParams },
  responses: {
    200: json(ZWordsDocument, 'The words, page by page'),
    ...OUTPUT_ERRORS,
    ...errorResponses('NOT_FOUND'),
  },
});

function parseOptions(raw: string | undefined): TJobOptions {
  if (raw === undefined || raw === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new RedactifyError('VALIDATION_FAILED', 'options must be a JSON object');
  }
  const parsed = ZJobOptions.safeParse(value);
  if (!parsed.success) {
    throw new RedactifyError(
      'VALIDATION_FAILED',
      `Invalid options: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** The body limit by content type: uploads get MAX_UPLOAD_BYTES, anything else the JSON limit. */
function submitBodyLimit(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  const uploads = bodyLimit({
    maxSize: deps.maxUploadBytes,
    onError: (c) =>
      errorResponse(c, 'UPLOAD_TOO_LARGE', `The upload exceeds ${deps.maxUploadBytes} bytes`),
  });
  const other = jsonBodyLimit(deps.maxJsonBodyBytes);
  return async function limitSubmission(c, next) {
    const type = c.req.header('content-type') ?? '';
    return /^multipart\/form-data/i.test(type) ? uploads(c, next) : other(c, next);
  };
}

/** The limit of every JSON route. */
export function jsonBodyLimit(maxSize: number): MiddlewareHandler<ApiEnv> {
  return bodyLimit({
    maxSize,
    onError: (c) => errorResponse(c, 'BODY_TOO_LARGE', `The request body exceeds ${maxSize} bytes`),
  });
}

const resultExpired = () =>
  new RedactifyError('RESULT_EXPIRED', 'The results of this job expired and were deleted');

/** Reads the caller's job, or answers 404 (forged ids, other accounts' jobs, missing ones). */
export async function requireJob(deps: ApiDeps, id: string, ownerId: string): Promise<Job> {
  const job =
    JOB_ID.test(id) && deps.jobIds.isMinted(id)
      ? await getJob(deps.temporal, id, ownerId, deps.resultTtlMs, deps.ocrResultTtlMs)
      : undefined;
  if (!job) throw new RedactifyError('JOB_NOT_FOUND', 'No job with this id');
  return job;
}

export function jobRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  const requireOwnJob = (id: string, ownerId: string) => requireJob(deps, id, ownerId);

  /** Reads a completed job's result, or answers 410 when it expired, 409 with its status otherwise. */
  const requireResult = async (id: string, ownerId: string) => {
    const { view, result } = await requireOwnJob(id, ownerId);
    if (view.status === 'expired') throw resultExpired();
    if (!result) {
      throw new RedactifyError(
        'JOB_NOT_COMPLETED',
        `The job has not completed (status: ${view.status})`,
        {
          details: { status: view.status },
        },
      );
    }
    return result;
  };

  /**
   * The output's stored Content-Disposition (outputs written before it was stored: the
   * manifest's). A missing output was expired by the store's lifecycle rule: 410.
   */
  const storedDisposition = async (
    id: string,
    result: { outputKey: string; outputType: ResultType },
  ) => {
    const stored = await deps.store.stat(result.outputKey);
    if (!stored) throw resultExpired();
    if (stored.contentDisposition) return stored.contentDisposition;
    const manifest = await deps.store.getJson(jobKeys(id).manifest, ZJobManifest);
    return contentDisposition(downloadName(manifest.filename, result.outputType));
  };

  const streamObject = async (key: string) =>
    Readable.toWeb(await deps.store.getStream(key)) as ReadableStream;

  /** A small output read whole; one the store no longer has expired (410). */
  const readOutput = async (key: string) => {
    try {
      return (await deps.store.getBuffer(key)).toString('utf8');
    } catch (err) {
      if (isNotFound(err)) throw resultExpired();
      throw err;
    }
  };

  /** The caller's scopes: admin keys and AUTH_MODE=off have every scope; accounts what was granted. */
  const scopesOf = async (principal: Principal): Promise<Scope[]> => {
    if (principal.admin || principal.keyId === null) return [...SCOPES];
    const granted = await deps.access.accounts.store.accountScopes(principal.accountId);
    return SCOPES.filter((s) => granted.includes(s));
  };

  /** Decides the operation and engine (typed refusals), and records them in the options. */
  const plan = async (options: TJobOptions, principal: Principal): Promise<TJobOptions> => {
    const needsScope = (options.operation ?? 'redact') !== 'redact';
    const scopes = needsScope ? await scopesOf(principal) : [];
    return { ...options, ...planJob(options, scopes, deps.operations) };
  };

  /** Refuses options that name a pattern pack the workers do not load. */
  const checkPacks = (options: TJobOptions) => {
    const unknown = (options.packs ?? []).filter((name) => !deps.packNames.includes(name));
    if (unknown.length > 0) {
      throw new RedactifyError(
        'UNKNOWN_PATTERN_PACK',
        `Unknown pattern pack: ${unknown.join(', ')}`,
      );
    }
  };

  app.openapi({ ...submitRoute, middleware: [submitBodyLimit(deps)] }, async (c) => {
    const type = c.req.header('content-type') ?? '';
    const principal = c.get('principal');
    const accept = async (submitted: Awaited<ReturnType<typeof submitUploads>>) => {
      const ids = submitted.jobs.map((j) => j.id);
      await deps.access.accounts.store.recordJobs(
        principal.accountId,
        ids,
        new Date().toISOString(),
      );
      c.set('auditJobIds', ids);
      deps.metrics.jobsSubmitted.inc(ids.length);
      return c.json(submitted, 202);
    };
    if (!/^multipart\/form-data/i.test(type)) {
      // The route's schema has validated a JSON body already; its type is lost with two media types.
      const { urls, options = {} } = ZUrlSubmission.parse(await c.req.json());
      checkPacks(options);
      const planned = await plan(options, principal);
      return accept(await submitUrls(deps, urls, planned, principal.accountId));
    }
    const body = await parseMultipart(type, c.req.raw.body, {
      parts: deps.maxMultipartParts,
      fieldBytes: deps.maxFormFieldBytes,
      fileBytes: deps.maxUploadBytes,
    });
    const uploads = body.files.filter((f) => f.field === 'files');
    if (uploads.length === 0 || uploads.length !== body.files.length) {
      throw new RedactifyError('VALIDATION_FAILED', 'Attach one or more files in "files" fields');
    }
    if (uploads.length > deps.maxFilesPerBatch) {
      throw new RedactifyError(
        'VALIDATION_FAILED',
        `At most ${deps.maxFilesPerBatch} files per batch`,
      );
    }
    const options = await plan(parseOptions(body.fields.get('options')), principal);
    checkPacks(options);
    const bytes = uploads.reduce((n, f) => n + f.bytes.length, 0);
    const budget = await consume(
      deps.access.limiters.uploads,
      principal.keyId ?? `ip:${c.get('clientIp')}`,
      Math.max(1, bytes),
    );
    if (!budget.allowed) {
      throw new RedactifyError(
        'RATE_LIMITED',
        'Upload volume over the limit for this window; retry later',
        { headers: rateLimitHeaders(budget) },
      );
    }
    const files: SubmittedFile[] = uploads.map((f) => ({ filename: f.filename, bytes: f.bytes }));
    return accept(await submitUploads(deps, files, options, principal.accountId));
  });

  app.openapi(statusRoute, async (c) => {
    const { view } = await requireOwnJob(c.req.valid('param').id, c.get('principal').accountId);
    return c.json(view, 200);
  });

  app.openapi(deleteRoute, async (c) => {
    const { id } = c.req.valid('param');
    await requireOwnJob(id, c.get('principal').accountId);
    await deleteJob(deps.temporal, deps.store, id);
    return c.body(null, 204);
  });

  app.openapi(resultRoute, async (c) => {
    const { id } = c.req.valid('param');
    const result = await requireResult(id, c.get('principal').accountId);
    if (result.outputType === 'json') {
      return c.body(await readOutput(result.outputKey), 200, {
        ...PHI_RESPONSE_HEADERS,
        'Content-Type': 'application/json',
        'X-Pages-Processed': String(result.pages),
        'X-Processing-Time-MS': String(result.processingMs),
      });
    }
    const outputType = result.outputType;
    return c.body(await streamObject(result.outputKey), 200, {
      ...PHI_RESPONSE_HEADERS,
      'Content-Type': OUTPUT_MIME[outputType],
      'Content-Disposition': await storedDisposition(id, { ...result, outputType }),
      'X-Pages-Processed': String(result.pages),
      'X-PHI-Entities-Masked': String(result.entitiesMasked),
      'X-Processing-Time-MS': String(result.processingMs),
    });
  });

  // Reports and texts are small (kilobytes a page): read whole, so the contract types the body.
  app.openapi(reportRoute, async (c) => {
    const result = await requireResult(c.req.valid('param').id, c.get('principal').accountId);
    const report = JSON.parse(await readOutput(result.reportKey)) as Record<string, unknown>;
    return c.json(report, 200, PHI_RESPONSE_HEADERS);
  });

  app.openapi(wordsRoute, async (c) => {
    const result = await requireResult(c.req.valid('param').id, c.get('principal').accountId);
    if (result.outputType !== 'json') {
      throw new RedactifyError('NOT_FOUND', 'Only ocr jobs have words; this job redacted');
    }
    const words = ZWordsDocument.parse(JSON.parse(await readOutput(result.outputKey)));
    return c.json(words, 200, PHI_RESPONSE_HEADERS);
  });

  app.openapi(textRoute, async (c) => {
    const { id } = c.req.valid('param');
    await requireResult(id, c.get('principal').accountId);
    const text = await readOutput(jobKeys(id).text);
    return c.text(text, 200, PHI_RESPONSE_HEADERS);
  });

  return app;
}
