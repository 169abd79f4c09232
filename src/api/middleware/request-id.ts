// Request ids: a client's X-Request-Id is kept only when it matches a strict pattern, else one is
// minted, so no header value of a client's choosing reaches logs and the audit log unchecked.
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../types.js';

/** Letters, digits, "_" and "-", 8 to 64 of them (a UUID fits). */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** The client's id when it is acceptable, else a fresh UUID. */
export function chooseRequestId(fromClient: string | undefined): string {
  return fromClient !== undefined && REQUEST_ID_PATTERN.test(fromClient)
    ? fromClient
    : randomUUID();
}

/** Sets `requestId` and echoes it in X-Request-Id on every response. */
export function requestId(): MiddlewareHandler<ApiEnv> {
  return async function setRequestId(c, next) {
    const id = chooseRequestId(c.req.header('x-request-id'));
    c.set('requestId', id);
    await next();
    c.res.headers.set('X-Request-Id', id);
  };
}
