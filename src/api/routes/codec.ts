// The codec server of the Temporal Web UI and CLI: `POST /codec/decode` and `/codec/encode`
// (Temporal's codec protocol: Payloads as protobuf JSON), for admin keys only.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Payload } from '@temporalio/common';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { RedactifyError } from '../../errors.js';
import { errorResponse, validationHook } from '../errors.js';
import { consume } from '../../access/rate-limits.js';
import { requireAdmin, requireKey } from '../middleware/access.js';
import { AUTH_ERRORS, errorResponses, json, SECURITY } from '../openapi.js';
import type { ApiDeps, ApiEnv } from '../types.js';

/** A history page's payloads in one request: far above Temporal's 2 MB payload limit. */
export const CODEC_MAX_BODY_BYTES = 16 * 1024 * 1024;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const ZPayloads = z
  .object({
    payloads: z
      .array(
        z.object({
          metadata: z.record(z.string(), base64).optional(),
          data: base64.optional(),
        }),
      )
      .max(10_000),
  })
  .openapi('Payloads', {
    description: 'temporal.api.common.v1.Payloads as protobuf JSON (bytes in base64)',
  });
type TPayloads = z.infer<typeof ZPayloads>;

const CODEC_ERRORS = [...AUTH_ERRORS, 'FORBIDDEN', 'VALIDATION_FAILED', 'BODY_TOO_LARGE'] as const;

const fromJson = ({ payloads }: TPayloads): Payload[] =>
  payloads.map((p) => ({
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
    ),
    data: Buffer.from(p.data ?? '', 'base64'),
  }));

const toJson = (payloads: Payload[]): TPayloads => ({
  payloads: payloads.map((p) => ({
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    ),
    data: Buffer.from(p.data ?? []).toString('base64'),
  })),
});

const codecRoute = (path: '/decode' | '/encode', summary: string) =>
  createRoute({
    method: 'post',
    path,
    summary,
    security: SECURITY,
    request: { body: { content: { 'application/json': { schema: ZPayloads } }, required: true } },
    responses: {
      200: json(ZPayloads, 'The payloads, in the same order'),
      ...errorResponses(...CODEC_ERRORS),
    },
  });

const uiDecodeRoute = createRoute({
  method: 'post',
  path: '/ui/{token}/decode',
  summary: 'Decrypt payloads for the Temporal Web UI (CODEC_UI_TOKEN in the path)',
  request: {
    params: z.object({ token: z.string().max(256) }),
    body: { content: { 'application/json': { schema: ZPayloads } }, required: true },
  },
  responses: {
    200: json(ZPayloads, 'The payloads, in the same order'),
    ...errorResponses('UNAUTHORIZED', 'RATE_LIMITED', 'VALIDATION_FAILED', 'BODY_TOO_LARGE'),
  },
});

const digest = (s: string) => createHash('sha256').update(s).digest();
/** Constant-time: the digests are compared, so neither length nor prefix leaks. */
const sameToken = (given: string, expected: string) =>
  timingSafeEqual(digest(given), digest(expected));

/**
 * `/codec/…`: CORS for the Temporal UI's origins first (its preflight carries no key), then an
 * admin key (`X-API-Key` or `Authorization: Bearer`), as for /v1/admin. The Web UI cannot send a
 * key, so `/codec/ui/{CODEC_UI_TOKEN}/decode` decodes for whoever can read the UI's settings:
 * set it only where the UI itself sits behind authentication (npm start makes one per start).
 */
export function codecRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.use(
    '*',
    cors({
      origin: [...deps.codec.corsOrigins],
      allowMethods: ['POST', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'X-Namespace', 'Authorization', 'X-API-Key'],
      credentials: true,
      maxAge: 600,
    }),
  );
  const admin = [requireKey(deps.access), requireAdmin()] as const;
  app.use('/decode', ...admin);
  app.use('/encode', ...admin);
  app.use(
    '*',
    bodyLimit({
      maxSize: CODEC_MAX_BODY_BYTES,
      onError: (c) =>
        errorResponse(
          c,
          'BODY_TOO_LARGE',
          `The request body exceeds ${CODEC_MAX_BODY_BYTES} bytes`,
        ),
    }),
  );

  const decode = async (body: TPayloads) => {
    try {
      return toJson(await deps.codec.codec.decode(fromJson(body)));
    } catch {
      // The codec's message names a key id at most; the envelope says only what failed.
      throw new RedactifyError(
        'VALIDATION_FAILED',
        'A payload could not be decrypted with the key ring',
      );
    }
  };

  app.openapi(codecRoute('/decode', 'Decrypt payloads (Temporal codec server)'), async (c) =>
    c.json(await decode(c.req.valid('json')), 200),
  );

  app.openapi(uiDecodeRoute, async (c) => {
    const { uiToken } = deps.codec;
    if (!uiToken || !sameToken(c.req.valid('param').token, uiToken)) {
      // A wrong token spends the client address's budget, as a wrong key does.
      const limit = await consume(deps.access.limiters.requests, `ip:${c.get('clientIp')}`);
      if (!limit.allowed) throw new RedactifyError('RATE_LIMITED', 'Too many failed attempts');
      throw new RedactifyError('UNAUTHORIZED', 'Unknown codec token');
    }
    return c.json(await decode(c.req.valid('json')), 200);
  });

  app.openapi(codecRoute('/encode', 'Encrypt payloads (Temporal codec server)'), async (c) => {
    const encoded = await deps.codec.codec.encode(fromJson(c.req.valid('json')));
    return c.json(toJson(encoded), 200);
  });
  return app;
}
