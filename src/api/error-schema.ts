// The error envelope as an OpenAPI schema, for routes defined with @hono/zod-openapi.
import { z } from '@hono/zod-openapi';

/** `{error:{code, message, requestId}}`, as `errorResponse` writes it. */
export const ZErrorEnvelope = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'SERVICE_UNAVAILABLE' }),
      message: z.string(),
      requestId: z.string(),
    }),
  })
  .openapi('ErrorEnvelope');

/** An error response entry for `createRoute`'s `responses`. */
export const errorContent = (description: string) => ({
  description,
  content: { 'application/json': { schema: ZErrorEnvelope } },
});
