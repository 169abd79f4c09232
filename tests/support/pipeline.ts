// A real pipeline for integration tests: Temporal client, object store, OCR pool and workers,
// against the servers started by global-setup. Every test gets its own task queue.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import {
  bundleWorkflowCode,
  DefaultLogger,
  NativeConnection,
  Runtime,
  type WorkflowBundle,
} from '@temporalio/worker';
import { inject } from 'vitest';
import { stackStorage } from '../../scripts/lib/servers.js';
import type { RateLimitSettings } from '../../src/access/rate-limits.js';
import { openAccess, type AccessSettings, type OpenedAccess } from '../../src/access/setup.js';
import type { ActivityDeps } from '../../src/activities/deps.js';
import { createActivities } from '../../src/activities/index.js';
import type { BackgroundRemover } from '../../src/bg/engine.js';
import { createApp } from '../../src/api/app.js';
import { KeyRing, parseKeyRing } from '../../src/crypto/key-ring.js';
import { encryptedDataConverter, EncryptionCodec } from '../../src/crypto/payload-codec.js';
import { readTaskQueues } from '../../src/api/task-queues.js';
import type { JobSettings } from '../../src/api/types.js';
import { createLogger, type Logger } from '../../src/log.js';
import type { SafeFetchOptions } from '../../src/net/safe-fetch.js';
import type { DocumentLimits } from '../../src/config/env.js';
import { createApiMetrics } from '../../src/metrics/api-metrics.js';
import { createRegistry } from '../../src/metrics/registry.js';
import { createWorkerMetrics, type WorkerMetrics } from '../../src/metrics/worker-metrics.js';
import { JobIds } from '../../src/jobs/job-id.js';
import type { KeepSettings } from '../../src/jobs/lifecycle.js';
import { OPERATIONS } from '../../src/jobs/manifest.js';
import type { OperationSettings } from '../../src/jobs/operation.js';
import type { OcrEngine } from '../../src/ocr/engine.js';
import { TesseractPool } from '../../src/ocr/tesseract-pool.js';
import { loadPhiSettings } from '../../src/phi/detector.js';
import { EncryptedObjectStore } from '../../src/storage/encrypted-store.js';
import type { ReviewSettings } from '../../src/workflows/contract.js';
import type { ObjectStore } from '../../src/storage/object-store.js';
import { jobSinks } from '../../src/worker/job-sinks.js';
import { PinoTemporalLogger } from '../../src/worker/temporal-logger.js';
import { createWorkers, WORKFLOWS_PATH } from '../../src/worker/workers.js';
import type { VideoSettings } from '../../src/activities/video-files.js';
import { faceFinders, type FaceFinders } from '../../src/video/face-finder.js';
import { resolveVideoTools } from '../../src/video/tools.js';

/** Tests log errors only, through the same adapter as the worker. */
const quietLog = createLogger('test', 'error');

let runtimeLog: Logger | undefined;
/**
 * Installs Temporal's runtime once per process (each test file has its own), logging to `log`:
 * what workflows and activities log goes there, as in the worker.
 */
export function installRuntime(log: Logger | undefined): void {
  if (runtimeLog) {
    if (log && log !== runtimeLog) {
      throw new Error('Temporal logs to one logger per process: pass `log` to the first open()');
    }
    return;
  }
  runtimeLog = log ?? quietLog;
  Runtime.install({ logger: new PinoTemporalLogger(runtimeLog) });
}

/** The owner of jobs that tests start without the API. */
export const TEST_OWNER = 'test_owner';
/** Shared by the tests' job ids and every API they serve, as by API replicas. */
export const TEST_JOB_ID_SECRET = 'integration-test-job-id-secret-0123456789';
/** `TEMPORAL_PAYLOAD_KEYS` of the tests: for processes started with the tests' key ring. */
export const TEST_PAYLOAD_KEYS = `test1:${Buffer.alloc(32, 7).toString('base64')}`;
/** The key ring of every test pipeline's Temporal client and workers (and its stored objects). */
export const TEST_KEY_RING = new KeyRing(parseKeyRing(TEST_PAYLOAD_KEYS));

/** Far above what any test sends, unless a test asks for a limit. */
export const GENEROUS_LIMITS: RateLimitSettings = {
  requests: 100_000,
  windowSeconds: 60,
  uploadBytes: 10 * 1024 * 1024 * 1024,
  registrations: 1_000,
  registrationWindowSeconds: 60,
};

export interface ServeOptions extends Partial<AccessSettings> {
  /** RESULT_TTL of the API (default 24 h). */
  resultTtlMs?: number;
  /** RESULT_TTL_OCR of the API (default 1 h). */
  ocrResultTtlMs?: number;
  /** Operations and engines offered (default: every operation; Azure and background removal if the pipeline has them). */
  operations?: OperationSettings;
  maxJsonBodyBytes?: number;
  maxMultipartParts?: number;
  maxFormFieldBytes?: number;
  allowedHosts?: string[];
  codecCorsOrigins?: string[];
  /** REVIEW_* of the jobs this API starts (default: review off, `flag`). */
  review?: ReviewSettings;
}

/** An API served for a test: its URL, its access layer, and a one-call registration. */
export interface ServedApi {
  base: string;
  access: OpenedAccess;
  /** Registers an account (registration is open unless closed by the test); returns its key. */
  register(email?: string): Promise<{ apiKey: string; keyId: string }>;
  stop(): Promise<void>;
}

export const DEFAULT_TEST_LIMITS: DocumentLimits = {
  maxPages: 50,
  maxPagePixels: 40_000_000,
  maxDocumentPixels: 400_000_000,
};

export interface PipelineOptions {
  ocrTimeoutMs?: number;
  limits?: DocumentLimits;
  /** PDF rasterisation resolution; tests default to 200 dpi for speed, production to 300. */
  pdfDpi?: number;
  /** Mask padding; tests default to 2 px, production to 6 (`MASK_PADDING_PX`). */
  maskPaddingPx?: number;
  /** URL fetching for the workers; the API's URL policy is the same `policy`. Tests default to short caps. */
  urlFetch?: Partial<SafeFetchOptions>;
  /**
   * Where Temporal's runtime logs (workflows' and activities' `log`); tests that read log lines
   * pass their own, to the first pipeline of their file.
   */
  log?: Logger;
  /** Detection time per page (production default 5 s). */
  detectBudgetMs?: number;
  /** What a finished job keeps; nothing but its outputs unless a test asks (as in production). */
  lifecycle?: Partial<KeepSettings>;
  /** The engine of remove-background jobs (none unless a test gives one). */
  backgroundRemover?: BackgroundRemover;
  /** Video settings; tests default to 1-second segments, detection every 3rd frame, small limits. */
  video?: Partial<VideoSettings>;
  /** The blur-faces operation's detector (default: the project's face detector). */
  faceFinders?: FaceFinders;
  /** Azure Document Intelligence for jobs with `ocrEngine: "azure"` (tests point it at the fake). */
  azure?: OcrEngine;
  /** Native Tesseract for jobs with `ocrEngine: "tesseract-native"`. */
  nativeTesseract?: OcrEngine;
  /** OCR_FALLBACK (default tesseract). */
  ocrFallback?: 'tesseract' | 'mask';
}

type ResolvedPipelineOptions = Required<
  Omit<
    PipelineOptions,
    'urlFetch' | 'lifecycle' | 'log' | 'video' | 'azure' | 'nativeTesseract' | 'backgroundRemover'
  >
> & {
  azure: OcrEngine | undefined;
  nativeTesseract: OcrEngine | undefined;
  urlFetch: SafeFetchOptions;
  lifecycle: KeepSettings;
  backgroundRemover: BackgroundRemover | undefined;
  video: VideoSettings;
};

/** Small and quick: a test video is a few seconds at a small size. */
export const TEST_VIDEO_SETTINGS: VideoSettings = {
  tools: resolveVideoTools(),
  limits: { maxSeconds: 20, maxFramePixels: 640 * 480, maxBytes: 20 * 1024 * 1024 },
  segmentSeconds: 1,
  hiding: { detectEvery: 3, dilation: 0.25, hold: 3 },
  encoder: { crf: 23, preset: 'ultrafast' },
};

/** Servers, clients and workers for one test file. */
export class TestPipeline {
  readonly jobIds = new JobIds(TEST_JOB_ID_SECRET);
  /** What the client and the workers encode payloads with; tests' own workers need it too. */
  readonly dataConverter = encryptedDataConverter(TEST_KEY_RING);

  private constructor(
    readonly client: Client,
    readonly store: ObjectStore,
    readonly nativeConnection: NativeConnection,
    readonly bundle: WorkflowBundle,
    /** What the workers of this pipeline counted. */
    readonly workerMetrics: WorkerMetrics,
    private readonly ocr: TesseractPool,
    private readonly options: ResolvedPipelineOptions,
  ) {}

  static async open(options: PipelineOptions = {}): Promise<TestPipeline> {
    installRuntime(options.log);
    const stack = inject('stack');
    const bundle = await bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      logger: new DefaultLogger('WARN'),
    });
    const nativeConnection = await NativeConnection.connect({ address: stack.temporalAddress });
    const client = new Client({
      connection: await Connection.connect({ address: stack.temporalAddress }),
      dataConverter: encryptedDataConverter(TEST_KEY_RING),
    });
    const store = new EncryptedObjectStore(
      stackStorage(stack, `it-${randomUUID().slice(0, 8)}`),
      TEST_KEY_RING,
    );
    await store.ensureBucket();
    const resolved = {
      ocrTimeoutMs: options.ocrTimeoutMs ?? 60_000,
      limits: options.limits ?? DEFAULT_TEST_LIMITS,
      pdfDpi: options.pdfDpi ?? 200,
      maskPaddingPx: options.maskPaddingPx ?? 2,
      urlFetch: {
        policy: { allowHosts: [], allowedPorts: [80, 443] },
        connectTimeoutMs: 2_000,
        totalTimeoutMs: 10_000,
        maxRedirects: 5,
        maxBytes: 50 * 1024 * 1024,
        ...options.urlFetch,
      },
      detectBudgetMs: options.detectBudgetMs ?? 5_000,
      lifecycle: { keepIntermediates: false, keepInput: false, ...options.lifecycle },
      video: { ...TEST_VIDEO_SETTINGS, ...options.video },
      faceFinders: options.faceFinders ?? faceFinders(),
      azure: options.azure,
      nativeTesseract: options.nativeTesseract,
      ocrFallback: options.ocrFallback ?? 'tesseract',
      backgroundRemover: options.backgroundRemover,
    };
    const ocr = new TesseractPool({
      size: 2,
      model: 'best_int',
      recycleAfterPages: 50,
      timeoutMs: resolved.ocrTimeoutMs,
    });
    const workerMetrics = createWorkerMetrics(createRegistry({ processMetrics: false }), { ocr });
    return new TestPipeline(client, store, nativeConnection, bundle, workerMetrics, ocr, resolved);
  }

  /** A fresh task queue name, so tests never pick up each other's tasks. */
  static taskQueue(): string {
    return `test-${randomUUID()}`;
  }

  /**
   * Runs the workers on `taskQueue` until `until` settles, and returns its value; against the
   * file's dev server unless given another `connection` (the time-skipping test server);
   * `overrides` replace activity dependencies (another OCR engine, another fallback) for this run.
   */
  async runWorkers<T>(
    taskQueue: string,
    until: Promise<T>,
    {
      connection = this.nativeConnection,
      overrides = {},
    }: { connection?: NativeConnection; overrides?: Partial<ActivityDeps> } = {},
  ): Promise<T> {
    const workers = await createWorkers({
      connection,
      namespace: 'default',
      taskQueue,
      dataConverter: this.dataConverter,
      activities: createActivities({
        store: this.store,
        ocr: this.ocr,
        azure: this.options.azure,
        nativeTesseract: this.options.nativeTesseract,
        ocrFallback: this.options.ocrFallback,
        phi: loadPhiSettings({ packFiles: [] }),
        documents: { limits: this.options.limits, defaultDpi: 300, pdfDpi: this.options.pdfDpi },
        maskPaddingPx: this.options.maskPaddingPx,
        ocrMinDpi: 300,
        verifyMode: 'targeted',
        urlFetch: this.options.urlFetch,
        detectBudgetMs: this.options.detectBudgetMs,
        lifecycle: this.options.lifecycle,
        temporal: this.client,
        backgroundRemover: this.options.backgroundRemover,
        faceFinders: this.options.faceFinders,
        video: this.options.video,
        ...overrides,
      }),
      ocrSlots: 2,
      activityConcurrency: 4,
      videoSlots: 1,
      workflowBundle: this.bundle,
      metrics: this.workerMetrics,
      log: quietLog,
    });
    const [result] = await Promise.all(workers.map((w) => w.runUntil(until)));
    return result as T;
  }

  /** Sinks for a test's own workers: workflows report job and page events through them. */
  jobSinks() {
    return jobSinks(this.workerMetrics, quietLog);
  }

  /** Job settings for `createJob` on `taskQueue`. */
  jobSettings(taskQueue: string, overrides: Partial<JobSettings> = {}): JobSettings {
    return { taskQueue, pageConcurrency: 2, pagesPerChild: 100, ...overrides };
  }

  /** Dependencies for `createJob`/`submitUploads` against this pipeline. */
  jobDeps(taskQueue: string, overrides: Partial<JobSettings> = {}) {
    return {
      temporal: this.client,
      store: this.store,
      jobs: this.jobSettings(taskQueue, overrides),
      jobIds: this.jobIds,
    };
  }

  /**
   * Serves the real API for `taskQueue` on a random port, with its own access store (SQLite in a
   * temp dir, or `databaseUrl`), registration open and generous limits unless `options` say
   * otherwise.
   */
  async serveApi(taskQueue: string, options: ServeOptions = {}): Promise<ServedApi> {
    const dataDir = await mkdtemp(join(tmpdir(), 'redactify-api-'));
    const log = createLogger('api-test', 'error');
    const access = await openAccess(
      {
        dataDir,
        mode: 'keys',
        registration: 'open',
        adminKeys: [],
        keyPepper: 'integration-test-key-pepper-0123456789',
        jobIdSecret: TEST_JOB_ID_SECRET,
        rateLimits: GENEROUS_LIMITS,
        auditRetentionDays: 30,
        ...options,
      },
      log,
    );
    const app = createApp(
      {
        temporal: this.client,
        store: this.store,
        jobs: this.jobSettings(taskQueue, options.review ? { review: options.review } : {}),
        access: access.access,
        jobIds: access.jobIds,
        packNames: ['builtin'],
        maxUploadBytes: 50 * 1024 * 1024,
        maxFilesPerBatch: 10,
        maxVideoBytes: TEST_VIDEO_SETTINGS.limits.maxBytes,
        urlPolicy: this.options.urlFetch.policy,
        maxJsonBodyBytes: options.maxJsonBodyBytes ?? 64 * 1024,
        maxMultipartParts: options.maxMultipartParts ?? 50,
        maxFormFieldBytes: options.maxFormFieldBytes ?? 64 * 1024,
        resultsMaxIds: 1000,
        resultsLookup: { concurrency: 16, visibilityGraceMs: 300_000 },
        resultTtlMs: options.resultTtlMs ?? 86_400_000,
        ocrResultTtlMs: options.ocrResultTtlMs ?? 3_600_000,
        operations: options.operations ?? {
          enabled: [...OPERATIONS],
          defaultEngine: 'tesseract',
          engines: [
            'tesseract',
            ...(this.options.nativeTesseract ? (['tesseract-native'] as const) : []),
            ...(this.options.azure ? (['azure'] as const) : []),
          ],
          bgRemovalConfigured: this.options.backgroundRemover !== undefined,
        },
        allowedHosts: options.allowedHosts ?? [],
        trustProxy: false,
        codec: {
          codec: new EncryptionCodec(TEST_KEY_RING),
          corsOrigins: options.codecCorsOrigins ?? ['http://127.0.0.1:8233'],
        },
        metrics: createApiMetrics(createRegistry({ processMetrics: false }), {
          taskQueues: () => readTaskQueues(this.client, taskQueue),
        }),
      },
      log,
    );
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      base,
      access,
      async register(email = `${randomUUID()}@example.org`) {
        const response = await fetch(`${base}/v1/auth/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, name: 'Test account' }),
        });
        if (response.status !== 201) throw new Error(`register answered ${response.status}`);
        return (await response.json()) as { apiKey: string; keyId: string };
      },
      async stop() {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await access.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }

  async close(): Promise<void> {
    await this.ocr.close();
    await this.client.connection.close();
    await this.nativeConnection.close();
  }
}
