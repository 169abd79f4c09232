// Human review (REVIEW_MODE=hold): the caller's pending reviews, the masked pages under review,
// and the decision, sent to the job's workflow as a signal of boxes and a decision (never text).
import { Readable } from 'node:stream';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { RedactifyError } from '../../errors.js';
import { reviewBoxProblem } from '../../jobs/review.js';
import { PHI_CATEGORIES } from '../../phi/types.js';
import { reviewSignal, type PendingReview } from '../../workflows/contract.js';
import { jobKeys } from '../../storage/keys.js';
import { validationHook } from '../errors.js';
import { listPendingReviews } from '../job-lookup.js';
import type { Job } from '../job-view.js';
import { AUTH_ERRORS, errorResponses, json, SECURITY } from '../openapi.js';
import type { ApiDeps, ApiEnv } from '../types.js';
import { jsonBodyLimit, PHI_RESPONSE_HEADERS, requireJob, ZJobReview, ZJobView } from './jobs.js';

/** Pending reviews answered at most (the oldest a reviewer has not reached wait in the list). */
export const REVIEWS_LIMIT = 500;

/** Categories a reviewer may give an added box (`UNREADABLE` is the fail-safe's, not theirs). */
const REVIEW_CATEGORIES = PHI_CATEGORIES.filter((c) => c !== 'UNREADABLE') as [
  (typeof PHI_CATEGORIES)[number],
  ...(typeof PHI_CATEGORIES)[number][],
];

const ZReviewBody = z
  .object({
    decision: z.enum(['approve', 'reject']),
    addBoxes: z
      .array(
        z.object({
          page: z.number().int().min(0),
          bbox: z.object({
            x: z.number().int().min(0),
            y: z.number().int().min(0),
            w: z.number().int().positive(),
            h: z.number().int().positive(),
          }),
          category: z.enum(REVIEW_CATEGORIES),
        }),
      )
      .max(500)
      .default([]),
  })
  .openapi('ReviewDecision');

const ZPendingReviews = z
  .object({ reviews: z.array(z.object({ id: z.string(), review: ZJobReview })) })
  .openapi('PendingReviews');

const ZJobParams = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'job-…' }),
});

/** The job's pending review, or 409 JOB_NOT_IN_REVIEW. */
function inReview(job: Job): NonNullable<Job['view']['review']> {
  if (job.view.status !== 'review' || !job.view.review) {
    throw new RedactifyError(
      'JOB_NOT_IN_REVIEW',
      `The job is not waiting for a review (status: ${job.view.status})`,
      { details: { status: job.view.status } },
    );
  }
  return job.view.review;
}

/** GET /v1/reviews. */
export function reviewListRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: "The caller's jobs waiting for a reviewer (REVIEW_MODE=hold), with their pages",
      security: SECURITY,
      responses: {
        200: json(ZPendingReviews, 'Pending reviews, at most 500'),
        ...errorResponses(...AUTH_ERRORS),
      },
    }),
    async (c) => {
      const jobs = await listPendingReviews(deps.temporal, c.get('principal').accountId, {
        limit: REVIEWS_LIMIT,
        resultTtlMs: deps.resultTtlMs,
      });
      const reviews = jobs.flatMap(({ view }) =>
        view.review ? [{ id: view.id, review: view.review }] : [],
      );
      return c.json({ reviews }, 200);
    },
  );
  return app;
}

/** POST /v1/jobs/:id/review and GET /v1/jobs/:id/review/pages/:page. */
export function reviewRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/review/pages/{page}',
      summary: 'A page under review, masked as it would be released (PNG); only while in review',
      security: SECURITY,
      request: {
        params: ZJobParams.extend({
          page: z
            .string()
            .regex(/^\d{1,6}$/, 'a page index')
            .openapi({ param: { name: 'page', in: 'path' }, example: '0' }),
        }),
      },
      responses: {
        200: {
          description: 'The masked page',
          content: { 'image/png': { schema: { type: 'string', format: 'binary' } } },
        },
        ...errorResponses(...AUTH_ERRORS, 'JOB_NOT_FOUND', 'JOB_NOT_IN_REVIEW', 'NOT_FOUND'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const page = Number(c.req.valid('param').page);
      const review = inReview(await requireJob(deps, id, c.get('principal').accountId));
      if (!review.pages.some((p) => p.index === page)) {
        throw new RedactifyError('NOT_FOUND', `Page ${page} is not under review`);
      }
      const stream = await deps.store.getStream(jobKeys(id).masked(page));
      return c.body(Readable.toWeb(stream) as ReadableStream, 200, {
        ...PHI_RESPONSE_HEADERS,
        'Content-Type': 'image/png',
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/review',
      summary:
        'Decide a held job: approve (with any added masks) or reject (flagged pages masked whole, or the job fails)',
      security: SECURITY,
      middleware: [jsonBodyLimit(deps.maxJsonBodyBytes)] as const,
      request: {
        params: ZJobParams,
        body: { required: true, content: { 'application/json': { schema: ZReviewBody } } },
      },
      responses: {
        202: json(ZJobView, 'The decision was sent; the job continues (poll its status)'),
        ...errorResponses(
          ...AUTH_ERRORS,
          'JOB_NOT_FOUND',
          'JOB_NOT_IN_REVIEW',
          'VALIDATION_FAILED',
          'BODY_TOO_LARGE',
          'UNSUPPORTED_MEDIA_TYPE',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const job = await requireJob(deps, id, c.get('principal').accountId);
      const review = inReview(job);
      const pending: PendingReview = { pages: review.pages, dueAtMs: 0 };
      const problem = body.addBoxes.map((b) => reviewBoxProblem(b, pending)).find(Boolean);
      if (problem) throw new RedactifyError('VALIDATION_FAILED', `Invalid addBoxes: ${problem}`);
      if (body.decision === 'reject' && body.addBoxes.length > 0) {
        throw new RedactifyError(
          'VALIDATION_FAILED',
          'addBoxes go with approve; a rejection masks the flagged pages whole',
        );
      }
      c.set('auditAction', body.decision === 'approve' ? 'review.approve' : 'review.reject');
      await deps.temporal.workflow
        .getHandle(id)
        .signal(reviewSignal, { decision: body.decision, addBoxes: body.addBoxes });
      return c.json(job.view, 202);
    },
  );
  return app;
}
