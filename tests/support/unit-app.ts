// The real API app with its access layer (SQLite in a temp dir) but no servers behind it: Temporal
// and storage clients point at a port nothing listens on, so any call reaching them fails.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { expect } from 'vitest';
import { openAccess, type OpenedAccess } from '../../src/access/setup.js';
import { createApp } from '../../src/api/app.js';
import { KeyRing, parseKeyRing } from '../../src/crypto/key-ring.js';
import { EncryptionCodec } from '../../src/crypto/payload-codec.js';
import type { ApiDeps } from '../../src/api/types.js';
import { createLogger, type Logger } from '../../src/log.js';
import { createApiMetrics } from '../../src/metrics/api-metrics.js';
import { createRegistry } from '../../src/metrics/registry.js';
import { ObjectStore } from '../../src/storage/object-store.js';
import { OPERATIONS } from '../../src/jobs/manifest.js';

export interface UnitApp {
  app: ReturnType<typeof createApp>;
  access: OpenedAccess;
  /** Registers an account through the API and returns its key. */
  register(email: string): Promise<string>;
  close(): Promise<void>;
}

/** What a test may replace: the API's dependencies (the Temporal client among them) and its logger. */
export interface UnitAppOptions {
  overrides?: (connection: Connection) => Partial<ApiDeps>;
  log?: Logger;
  /** ADMIN_API_KEYS of the app (none by default). */
  adminKeys?: string[];
}

/** The Web UI's path secret on the unit app's codec server. */
export const UNIT_CODEC_UI_TOKEN = 'unit-codec-ui-token-0123456789abcdef';

/** The key ring of the unit app's codec server. */
export const UNIT_KEY_RING = new KeyRing(
  parseKeyRing(`unit1:${Buffer.alloc(32, 3).toString('base64')}`),
);

export async function buildUnitApp(options: UnitAppOptions = {}): Promise<UnitApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'redactify-unit-'));
  const log = options.log ?? createLogger('api-unit', 'error');
  // No retry interceptor, so no retry timer outlives the connection closed after the tests.
  const connection = Connection.lazy({
    address: '127.0.0.1:1',
    connectTimeout: 500,
    interceptors: [],
  });
  const access = await openAccess(
    {
      dataDir,
      mode: 'keys',
      registration: 'open',
      adminKeys: options.adminKeys ?? [],
      rateLimits: {
        requests: 10_000,
        windowSeconds: 60,
        uploadBytes: 1e9,
        registrations: 100,
        registrationWindowSeconds: 60,
      },
      auditRetentionDays: 30,
    },
    log,
  );
  const app = createApp(
    {
      temporal: new Client({ connection }),
      store: new ObjectStore({
        endpoint: 'http://127.0.0.1:1',
        region: 'us-east-1',
        accessKey: 'k',
        secretKey: 'secret-key',
        bucket: 'none',
      }),
      jobs: { taskQueue: 'unused', pageConcurrency: 1, pagesPerChild: 100 },
      access: access.access,
      jobIds: access.jobIds,
      packNames: ['builtin'],
      maxUploadBytes: 1024 * 1024,
      maxFilesPerBatch: 2,
      maxVideoBytes: 64 * 1024,
      urlPolicy: { allowHosts: [], allowedPorts: [80, 443] },
      maxJsonBodyBytes: 64 * 1024,
      maxMultipartParts: 6,
      maxFormFieldBytes: 64 * 1024,
      resultsMaxIds: 3,
      resultsLookup: { concurrency: 1, visibilityGraceMs: 300_000 },
      resultTtlMs: 86_400_000,
      ocrResultTtlMs: 3_600_000,
      operations: {
        enabled: [...OPERATIONS],
        defaultEngine: 'tesseract',
        engines: ['tesseract'],
        bgRemovalConfigured: false,
      },
      allowedHosts: [],
      trustProxy: false,
      metrics: createApiMetrics(createRegistry({ processMetrics: false })),
      codec: {
        codec: new EncryptionCodec(UNIT_KEY_RING),
        corsOrigins: ['http://127.0.0.1:8233'],
        uiToken: UNIT_CODEC_UI_TOKEN,
      },
      ...options.overrides?.(connection),
    },
    log,
  );
  return {
    app,
    access,
    async register(email) {
      const registered = await app.request('/v1/auth/register', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, name: 'Unit' }),
      });
      if (registered.status !== 201) throw new Error(`register answered ${registered.status}`);
      return ((await registered.json()) as { apiKey: string }).apiKey;
    },
    async close() {
      await access.close();
      await connection.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The error envelope of `response`, checking that it names the response's request id. */
export async function envelope(response: Response) {
  const body = (await response.json()) as {
    error: { code: string; message: string; requestId: string };
  };
  expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
  return body.error;
}
