// Shared pieces of the OpenAPI contract: the error envelope and the responses for error codes.
import { z } from '@hono/zod-openapi';
import { ERROR_STATUS, type ErrorCode } from '../errors.js';

export const ZErrorEnvelope = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'JOB_NOT_FOUND' }),
      message: z.string(),
      requestId: z.string(),
    }),
  })
  .openapi('Error');

/** Every request under /v1 needs one of these. */
export const SECURITY: Array<Record<string, string[]>> = [{ apiKey: [] }, { bearer: [] }];

/** Error responses for `codes`, grouped by HTTP status, each listing the codes it may carry. */
export function errorResponses(...codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      status,
      {
        description: list.join(', '),
        content: { 'application/json': { schema: ZErrorEnvelope } },
      },
    ]),
  );
}

/** Errors every authenticated route may answer (421 only with API_ALLOWED_HOSTS set). */
export const AUTH_ERRORS: ErrorCode[] = [
  'UNAUTHORIZED',
  'RATE_LIMITED',
  'HOST_NOT_ALLOWED',
  'INTERNAL',
];

/** A JSON response with `schema`. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}
