// The audit trail: one append-only row per access to PHI-bearing data and per key event, written
// before the response leaves, so an access the log could not record is answered with an error.
import type { MiddlewareHandler } from 'hono';
import type { AccessStore, AuditAction, AuditEntry } from '../../access/store.js';
import { JOB_ID } from '../job-view.js';
import type { ApiEnv } from '../types.js';

const AUDITED: ReadonlyArray<[methods: string[], path: RegExp, action: AuditAction | 'kind']> = [
  [['POST'], /^\/v1\/jobs\/?$/, 'submit'],
  [['GET'], /^\/v1\/jobs\/([^/]+)\/?$/, 'status'],
  [['DELETE'], /^\/v1\/jobs\/([^/]+)\/?$/, 'delete'],
  [['GET'], /^\/v1\/jobs\/([^/]+)\/(result|report|text|words)\/?$/, 'kind'],
  [['GET', 'POST'], /^\/v1\/results\/?$/, 'results'],
  [['GET'], /^\/v1\/batches\/[^/]+\/?$/, 'batch'],
  [['GET'], /^\/v1\/batches\/[^/]+\/result\.zip$/, 'batch.result'],
  [['GET'], /^\/v1\/reviews\/?$/, 'reviews'],
  [['GET'], /^\/v1\/jobs\/([^/]+)\/review\/pages\/[^/]+\/?$/, 'review.page'],
  [['POST'], /^\/v1\/jobs\/([^/]+)\/review\/?$/, 'review'],
  [['POST'], /^\/v1\/auth\/register\/?$/, 'register'],
  [['POST'], /^\/v1\/auth\/regenerate\/?$/, 'regenerate'],
  [['POST'], /^\/v1\/auth\/revoke\/?$/, 'revoke'],
  [['GET'], /^\/v1\/auth\/stats\/?$/, 'stats'],
  [['GET'], /^\/v1\/admin\/accounts\/?$/, 'admin.accounts'],
  [['POST'], /^\/v1\/admin\/keys\/[^/]+\/revoke\/?$/, 'admin.revoke'],
  [['GET'], /^\/v1\/audit\/?$/, 'admin.audit'],
  [['PUT', 'DELETE'], /^\/v1\/admin\/accounts\/[^/]+\/scopes\/[^/]+\/?$/, 'admin.scope'],
];

/**
 * What a request is, for the audit log: its action and the job it names (only a well-formed
 * job id; any other path segment is not written down). `undefined` for requests not audited.
 */
export function auditTarget(
  method: string,
  path: string,
): { action: AuditAction; jobId: string | null } | undefined {
  for (const [methods, pattern, action] of AUDITED) {
    if (!methods.includes(method)) continue;
    const match = pattern.exec(path);
    if (!match) continue;
    const id = match[1] !== undefined && JOB_ID.test(match[1]) ? match[1] : null;
    return { action: action === 'kind' ? (match[2] as AuditAction) : action, jobId: id };
  }
  return undefined;
}

/** Writes the rows of audited requests, whatever their outcome (a 401 is a row too). */
export function auditTrail(store: AccessStore): MiddlewareHandler<ApiEnv> {
  return async function audit(c, next) {
    await next();
    const target = auditTarget(c.req.method, c.req.path);
    if (!target) return;
    const principal = c.get('principal') as ApiEnv['Variables']['principal'] | undefined;
    const errorCode = c.get('errorCode') as string | undefined;
    const jobIds = (c.get('auditJobIds') as string[] | undefined) ?? [target.jobId];
    const base = {
      at: new Date().toISOString(),
      accountId: principal?.accountId ?? null,
      keyId: principal?.keyId ?? null,
      action: (c.get('auditAction') as AuditAction | undefined) ?? target.action,
      requestId: c.get('requestId'),
      clientIp: c.get('clientIp'),
      outcome: c.res.status < 400 ? 'ok' : (errorCode ?? String(c.res.status)),
    };
    const rows: AuditEntry[] = (jobIds.length > 0 ? jobIds : [null]).map((jobId) => ({
      ...base,
      jobId,
    }));
    await store.appendAudit(rows);
  };
}
