// Admin routes (ADMIN_API_KEYS only): list accounts, revoke any key, read the audit log.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { AUDIT_ACTIONS } from '../../access/store.js';
import { RedactifyError } from '../../errors.js';
import { SCOPES } from '../../jobs/operation.js';
import { validationHook } from '../errors.js';
import { requireAdmin } from '../middleware/access.js';
import { AUTH_ERRORS, errorResponses, json, SECURITY } from '../openapi.js';
import type { ApiDeps, ApiEnv } from '../types.js';

const ADMIN_ERRORS = [...AUTH_ERRORS, 'FORBIDDEN', 'VALIDATION_FAILED'] as const;

const ZAccount = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    createdAt: z.string(),
    requestCount: z.number(),
    lastUsedAt: z.string().nullable(),
    jobsSubmitted: z.number(),
    pagesProcessed: z.number(),
    activeKeys: z.array(z.string()),
  })
  .openapi('Account');

const ZAuditRow = z
  .object({
    id: z.number(),
    at: z.string(),
    accountId: z.string().nullable(),
    keyId: z.string().nullable(),
    action: z.enum(AUDIT_ACTIONS),
    jobId: z.string().nullable(),
    requestId: z.string(),
    clientIp: z.string(),
    outcome: z.string(),
  })
  .openapi('AuditRow');

const ZLimit = z.coerce.number().int().min(1).max(1000).default(100);
/** Any ISO 8601 time, stored and compared as UTC milliseconds (`…T…Z`). */
const ZTime = z.iso
  .datetime({ offset: true })
  .transform((t) => new Date(t).toISOString())
  .optional();

/** `/v1/admin/…` routes. */
export function adminRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  const { store } = deps.access.accounts;
  app.use('*', requireAdmin());

  app.openapi(
    createRoute({
      method: 'get',
      path: '/accounts',
      summary: 'Accounts, oldest first, with usage and active key ids',
      security: SECURITY,
      request: { query: z.object({ limit: ZLimit, after: z.string().max(64).optional() }) },
      responses: {
        200: json(
          z.object({ accounts: z.array(ZAccount), next: z.string().nullable() }),
          'A page of accounts; `next` is the `after` of the next page',
        ),
        ...errorResponses(...ADMIN_ERRORS),
      },
    }),
    async (c) => {
      const { limit, after } = c.req.valid('query');
      const accounts = await store.listAccounts({ limit, after });
      const next = accounts.length === limit ? (accounts.at(-1)?.id ?? null) : null;
      return c.json({ accounts, next }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/keys/{keyId}/revoke',
      summary: 'Revoke any key at once',
      security: SECURITY,
      request: { params: z.object({ keyId: z.string().max(64) }) },
      responses: {
        200: json(z.object({ revoked: z.string() }), 'The key id revoked'),
        ...errorResponses(...ADMIN_ERRORS, 'KEY_NOT_FOUND'),
      },
    }),
    async (c) => {
      const { keyId } = c.req.valid('param');
      if (!(await deps.access.accounts.revoke(keyId))) {
        throw new RedactifyError('KEY_NOT_FOUND', 'No active key with this id');
      }
      return c.json({ revoked: keyId }, 200);
    },
  );

  const scopeRoute = (method: 'put' | 'delete', summary: string) =>
    createRoute({
      method,
      path: '/accounts/{accountId}/scopes/{scope}',
      summary,
      security: SECURITY,
      request: {
        params: z.object({ accountId: z.string().max(64), scope: z.enum(SCOPES) }),
      },
      responses: {
        200: json(
          z.object({ accountId: z.string(), scopes: z.array(z.string()) }).openapi('AccountScopes'),
          "The account's scopes now",
        ),
        ...errorResponses(...ADMIN_ERRORS, 'NOT_FOUND'),
      },
    });

  app.openapi(
    scopeRoute('put', 'Grant an account a scope (`ocr`: jobs that return unmasked text)'),
    async (c) => {
      const { accountId, scope } = c.req.valid('param');
      if (!(await store.grantScope(accountId, scope, new Date().toISOString()))) {
        throw new RedactifyError('NOT_FOUND', 'No account with this id');
      }
      return c.json({ accountId, scopes: await store.accountScopes(accountId) }, 200);
    },
  );

  app.openapi(scopeRoute('delete', 'Withdraw a scope from an account'), async (c) => {
    const { accountId, scope } = c.req.valid('param');
    if (!(await store.getAccount(accountId))) {
      throw new RedactifyError('NOT_FOUND', 'No account with this id');
    }
    await store.revokeScope(accountId, scope);
    return c.json({ accountId, scopes: await store.accountScopes(accountId) }, 200);
  });
  return app;
}

/** `/v1/audit`: the audit log, newest first, filtered by account, job, action and time. */
export function auditRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  const { store } = deps.access.accounts;
  app.use('*', requireAdmin());
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Audit rows (admin); `before` pages back from the last id seen',
      security: SECURITY,
      request: {
        query: z.object({
          accountId: z.string().max(64).optional(),
          jobId: z.string().max(128).optional(),
          action: z.enum(AUDIT_ACTIONS).optional(),
          from: ZTime,
          to: ZTime,
          before: z.coerce.number().int().positive().optional(),
          limit: ZLimit,
        }),
      },
      responses: {
        200: json(
          z.object({ entries: z.array(ZAuditRow), next: z.number().nullable() }),
          'Newest first; `next` is the `before` of the next page',
        ),
        ...errorResponses(...ADMIN_ERRORS),
      },
    }),
    async (c) => {
      const filter = c.req.valid('query');
      const entries = await store.queryAudit(filter);
      const next = entries.length === filter.limit ? (entries.at(-1)?.id ?? null) : null;
      return c.json({ entries, next }, 200);
    },
  );
  return app;
}
