// /v1/auth: self-service keys (register, stats, regenerate, revoke). A key is shown once.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { consume, rateLimitHeaders } from '../../access/rate-limits.js';
import { EmailTakenError } from '../../access/store.js';
import { RedactifyError } from '../../errors.js';
import { validationHook } from '../errors.js';
import { getJobs } from '../job-lookup.js';
import { AUTH_ERRORS, errorResponses, json, SECURITY } from '../openapi.js';
import type { ApiDeps, ApiEnv } from '../types.js';
import { jsonBodyLimit } from './jobs.js';

/** Responses holding a key must never sit in a cache. */
const KEY_RESPONSE_HEADERS = { 'Cache-Control': 'no-store' } as const;

const ZIssuedKey = z
  .object({
    apiKey: z.string().openapi({ description: 'Shown once; only its hash is stored' }),
    keyId: z.string(),
    email: z.string(),
    name: z.string(),
  })
  .openapi('IssuedKey');

const ZStats = z
  .object({
    accountId: z.string(),
    email: z.string(),
    requestCount: z.number(),
    lastUsedAt: z.string().nullable(),
    jobsSubmitted: z.number(),
    pagesProcessed: z.number(),
  })
  .openapi('AccountStats');

/** Jobs whose page count is settled per stats request, oldest first. */
const COUNT_BATCH = 1000;

/**
 * Settles the page counts of the account's jobs that have finished since the last look: a
 * completed job counts its pages, a failed or cancelled one 0, one Temporal no longer knows
 * (past retention, or never started) 0.
 */
async function countFinishedJobs(deps: ApiDeps, accountId: string): Promise<void> {
  const store = deps.access.accounts.store;
  const pending = await store.uncountedJobs(accountId, COUNT_BATCH);
  if (pending.length === 0) return;
  const lookup = {
    ...deps.resultsLookup,
    jobIds: deps.jobIds,
    resultTtlMs: deps.resultTtlMs,
    ocrResultTtlMs: deps.ocrResultTtlMs,
  };
  const jobs = await getJobs(
    deps.temporal,
    pending.map((p) => p.jobId),
    accountId,
    lookup,
  );
  const settledBefore = Date.now() - deps.resultsLookup.visibilityGraceMs;
  const counted = pending.flatMap(({ jobId, submittedAt }, i) => {
    const view = jobs[i]?.view;
    if (!view) return Date.parse(submittedAt) < settledBefore ? [{ jobId, pages: 0 }] : [];
    if (view.status === 'completed' || view.status === 'expired') {
      return [{ jobId, pages: view.result?.pages ?? 0 }];
    }
    if (view.status === 'failed' || view.status === 'cancelled') return [{ jobId, pages: 0 }];
    return [];
  });
  await store.countJobs(counted);
}

export function authRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  const { accounts, limiters } = deps.access;
  const bodyLimit = jsonBodyLimit(deps.maxJsonBodyBytes);

  app.openapi(
    createRoute({
      method: 'post',
      path: '/register',
      summary: 'Create an account and its first key (AUTH_REGISTRATION=open)',
      middleware: [bodyLimit] as const,
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                email: z.email().max(254),
                name: z.string().trim().min(1).max(200),
              }),
            },
          },
        },
      },
      responses: {
        201: json(ZIssuedKey, 'The account and its key'),
        ...errorResponses(
          'VALIDATION_FAILED',
          'BODY_TOO_LARGE',
          'UNSUPPORTED_MEDIA_TYPE',
          'REGISTRATION_CLOSED',
          'EMAIL_TAKEN',
          'RATE_LIMITED',
          'INTERNAL',
        ),
      },
    }),
    async (c) => {
      if (deps.access.registration !== 'open') {
        throw new RedactifyError(
          'REGISTRATION_CLOSED',
          'Registration is closed here; ask an administrator for a key',
        );
      }
      const limit = await consume(limiters.registrations, `ip:${c.get('clientIp')}`);
      if (!limit.allowed) {
        throw new RedactifyError(
          'RATE_LIMITED',
          'Too many registrations from this address; retry later',
          { headers: rateLimitHeaders(limit) },
        );
      }
      const { email, name } = c.req.valid('json');
      let issued;
      try {
        issued = await accounts.register(email, name);
      } catch (err) {
        if (err instanceof EmailTakenError) throw new RedactifyError('EMAIL_TAKEN', err.message);
        throw err;
      }
      c.set('principal', { accountId: issued.accountId, keyId: issued.keyId, admin: false });
      return c.json(
        { apiKey: issued.apiKey, keyId: issued.keyId, email: issued.email, name: name.trim() },
        201,
        KEY_RESPONSE_HEADERS,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/stats',
      summary: "The caller's account: requests, last use, jobs and pages",
      security: SECURITY,
      responses: { 200: json(ZStats, 'Usage'), ...errorResponses(...AUTH_ERRORS) },
    }),
    async (c) => {
      const { accountId } = c.get('principal');
      await countFinishedJobs(deps, accountId);
      const account = await accounts.store.getAccount(accountId);
      if (!account) throw new RedactifyError('UNAUTHORIZED', 'The account no longer exists');
      return c.json(
        {
          accountId,
          email: account.email,
          requestCount: account.requestCount,
          lastUsedAt: account.lastUsedAt,
          jobsSubmitted: account.jobsSubmitted,
          pagesProcessed: account.pagesProcessed,
        },
        200,
      );
    },
  );

  const ownKey = (principal: ApiEnv['Variables']['principal']) => {
    if (!principal.keyId || principal.admin) {
      throw new RedactifyError(
        'FORBIDDEN',
        'Admin keys and AUTH_MODE=off have no key to change here',
      );
    }
    return principal.keyId;
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/regenerate',
      summary: "A new key for the caller's account; the key used for this call stops at once",
      security: SECURITY,
      responses: {
        200: json(ZIssuedKey.pick({ apiKey: true, keyId: true }), 'The new key (shown once)'),
        ...errorResponses(...AUTH_ERRORS, 'FORBIDDEN'),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const issued = await accounts.regenerate(principal.accountId, ownKey(principal));
      if (!issued) throw new RedactifyError('UNAUTHORIZED', 'The API key is unknown or revoked');
      return c.json(issued, 200, KEY_RESPONSE_HEADERS);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/revoke',
      summary: 'Revoke the key used for this call, at once',
      security: SECURITY,
      responses: {
        200: json(z.object({ revoked: z.string() }), 'The key id revoked'),
        ...errorResponses(...AUTH_ERRORS, 'FORBIDDEN'),
      },
    }),
    async (c) => {
      const keyId = ownKey(c.get('principal'));
      if (!(await accounts.revoke(keyId))) {
        throw new RedactifyError('UNAUTHORIZED', 'The API key is unknown or revoked');
      }
      return c.json({ revoked: keyId }, 200);
    },
  );
  return app;
}
