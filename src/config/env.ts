// Service configuration: parsed once from the environment by one zod schema, then passed down.
import { availableParallelism } from 'node:os';
import { msToNumber } from '@temporalio/common/lib/time.js';
import { z } from 'zod';
import { parseKeyRing } from '../crypto/key-ring.js';
import type { LocalEngineOptions } from '../bg/local-engine.js';
import type { RemoteEngineOptions } from '../bg/remote-engine.js';
import { FACE_MODELS } from '../faces/models.js';
import { DEFAULT_FACE_SETTINGS } from '../faces/settings.js';
import { OCR_ENGINES, OPERATIONS } from '../jobs/manifest.js';
import { parseAllowHosts, parsePorts } from '../net/url-policy.js';
import { BG_REMOVAL_ENGINES, type ReviewSettings } from '../workflows/contract.js';

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const positiveNumber = z.coerce.number().positive();
/** A comma-separated list; blanks dropped. */
const list = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );
const secret = z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -hex 32)');

/** `true` or `false`. */
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/**
 * A duration as Temporal writes them (`24h`, `30s`, `1.5h`, `90m`; a bare number is
 * milliseconds), as milliseconds, at least `minMs`.
 */
const duration = (minMs: number) =>
  z.string().transform((value, ctx) => {
    let ms: number;
    try {
      ms = msToNumber(value as Parameters<typeof msToNumber>[0]);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a duration such as 24h, 30m or 30s' });
      return z.NEVER;
    }
    if (!(ms >= minMs)) {
      ctx.addIssue({ code: 'custom', message: `must be at least ${minMs / 1000}s` });
      return z.NEVER;
    }
    return ms;
  });

/** A comma-separated list read by `parse`, whose thrown message becomes the variable's issue. */
const listOf = <T>(parse: (value: string) => T[]) =>
  z.string().transform((value, ctx) => {
    try {
      return parse(value);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  });

/** Three comma-separated numbers (per-channel RGB values). */
const rgbTriple = z
  .string()
  .transform((v) => v.split(',').map((x) => Number(x.trim())))
  .pipe(z.tuple([z.number(), z.number(), z.number()]));

/** The environment variables the API and worker read, with their defaults (see `.env.example`). */
export const ZEnv = z
  .object({
    /** `production` (the Docker image sets it) refuses to run without configured keys. */
    NODE_ENV: z.string().default('development'),
    /** `id:base64key,…`, newest first: the first key encrypts, every key decrypts. */
    TEMPORAL_PAYLOAD_KEYS: listOf(parseKeyRing).optional(),
    /** Browser origins allowed to call /codec (the Temporal Web UI). */
    CODEC_CORS_ORIGINS: list
      .pipe(z.array(z.url()))
      .default(['http://127.0.0.1:8233', 'http://localhost:8233']),
    /** Path secret of /codec/ui/<token>/decode for the Temporal Web UI (which sends no key). */
    CODEC_UI_TOKEN: secret.optional(),
    TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('redactify'),

    S3_ENDPOINT: z.url().default('http://127.0.0.1:9000'),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ACCESS_KEY: z.string().min(1).default('redactify'),
    S3_SECRET_KEY: z.string().min(8).default('redactify-dev-secret'),
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name')
      .default('redactify'),

    API_HOST: z.string().min(1).default('127.0.0.1'),
    API_PORT: port.default(8000),
    MAX_UPLOAD_BYTES: positiveInt.default(100 * 1024 * 1024),
    MAX_FILES_PER_BATCH: positiveInt.default(100),
    RESULTS_MAX_IDS: positiveInt.default(1000),
    RESULTS_CONCURRENCY: positiveInt.default(128),
    RESULTS_VISIBILITY_GRACE_MS: positiveInt.default(300_000),
    /** JSON request bodies (every JSON route); uploads have MAX_UPLOAD_BYTES. */
    MAX_JSON_BODY_BYTES: positiveInt.default(64 * 1024),
    /** Parts of one multipart upload (files and fields). */
    MAX_MULTIPART_PARTS: positiveInt.default(120),
    /** Bytes of one non-file multipart field (`options`). */
    MAX_FORM_FIELD_BYTES: positiveInt.default(64 * 1024),
    /** Host header values accepted (DNS-rebinding guard); any when empty. */
    API_ALLOWED_HOSTS: list,
    /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
    API_TRUST_PROXY: z.enum(['true', 'false']).default('false'),

    /** Keep page images, OCR word files, masked pages and entity files after a job (debugging only). */
    KEEP_INTERMEDIATES: flag.default(false),
    /** Keep the submitted input after a job succeeds. */
    KEEP_INPUT: flag.default(false),
    /** How long a finished job's outputs (masked file, report, text) are kept. */
    RESULT_TTL: duration(1_000).default(24 * 3_600_000),
    /** How long an `ocr` job's outputs (its text and words: PHI, unmasked) are kept; at most RESULT_TTL. */
    RESULT_TTL_OCR: duration(1_000).default(3_600_000),
    /** How often the sweep schedule deletes what is past RESULT_TTL. */
    RESULT_SWEEP_INTERVAL: duration(1_000).default(15 * 60_000),
    /** Set the bucket's lifecycle rule (it replaces the bucket's lifecycle configuration). */
    S3_LIFECYCLE_RULE: flag.default(true),
    /** Workflow history outlives RESULT_TTL by this much (Temporal namespace retention). */
    HISTORY_RETENTION_GRACE: duration(0).default(24 * 3_600_000),

    DATA_DIR: z.string().min(1).default('.data'),
    /** postgres://… to share accounts, keys, audit and rate limits between replicas; SQLite otherwise. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    AUTH_MODE: z.enum(['keys', 'off']).default('keys'),
    AUTH_REGISTRATION: z.enum(['open', 'closed']).default('closed'),
    ADMIN_API_KEYS: list.pipe(
      z.array(
        z
          .string()
          .regex(/^rdk_[A-Za-z0-9_-]{43}$/, 'admin keys are made by `npm run keys -- mint`'),
      ),
    ),
    /** Keys are stored as HMAC-SHA256 under this pepper. Required with DATABASE_URL. */
    API_KEY_PEPPER: secret.optional(),
    /** Job ids carry an HMAC tag under this secret. Required with DATABASE_URL. */
    JOB_ID_SECRET: secret.optional(),
    RATE_LIMIT_REQUESTS: positiveInt.default(600),
    /** Seconds. */
    RATE_LIMIT_WINDOW: positiveNumber.default(60),
    RATE_LIMIT_UPLOAD_BYTES: positiveInt.default(2 * 1024 * 1024 * 1024),
    /** Registrations per client address per window. */
    RATE_LIMIT_REGISTRATIONS: positiveInt.default(10),
    /** Seconds. */
    RATE_LIMIT_REGISTRATION_WINDOW: positiveNumber.default(3600),
    /** Audit rows older than this are deleted (HIPAA asks for six years of documentation). */
    AUDIT_RETENTION_DAYS: positiveInt.default(2190),

    FETCH_ALLOW_HOSTS: listOf(parseAllowHosts).default([]),
    FETCH_ALLOWED_PORTS: listOf(parsePorts)
      .refine((ports) => ports.length > 0, 'must list at least one port')
      .default([80, 443]),
    FETCH_CONNECT_TIMEOUT_MS: positiveInt.default(10_000),
    FETCH_TOTAL_TIMEOUT_MS: positiveInt.default(120_000),
    FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(5).default(5),

    OCR_WORKERS: positiveInt.default(availableParallelism()),
    OCR_MODEL: z.enum(['best_int', 'standard']).default('best_int'),
    OCR_RECYCLE_AFTER_PAGES: positiveInt.default(100),
    OCR_PAGE_TIMEOUT_MS: positiveInt.default(120_000),
    OCR_PSM: z.enum(['3', '4', '6', '11', '12']).default('3'),
    OCR_MIN_DPI: z.coerce.number().int().min(0).max(600).default(300),
    /** The engine that reads pages unless a job asks for another (`options.ocrEngine`). */
    OCR_ENGINE: z.enum(OCR_ENGINES).default('tesseract'),
    /** Debian's `tesseract` (5.x, package tesseract-ocr) for `tesseract-native`; unset, that engine is off. */
    TESSERACT_BIN: z.string().min(1).optional(),
    /** What a page gets when its engine is down: read by tesseract, or masked whole; flagged either way. */
    OCR_FALLBACK: z.enum(['tesseract', 'mask']).default('tesseract'),
    /** Operations this deployment offers; any other is refused at submit (OPERATION_NOT_CONFIGURED). */
    ENABLED_OPERATIONS: list.pipe(z.array(z.enum(OPERATIONS)).min(1)).default([...OPERATIONS]),
    /** Azure AI Document Intelligence resource: both or neither. */
    AZURE_DI_ENDPOINT: z
      .url()
      .refine(
        (u) =>
          /^https:\/\//.test(u) ||
          /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(u),
        'must be https:// (plain http only to a loopback address)',
      )
      .optional(),
    AZURE_DI_KEY: z.string().min(1).optional(),
    /** Pages analysed by Azure at once, per worker process. */
    AZURE_DI_CONCURRENCY: positiveInt.default(4),
    /** Retries of a throttled (429) or unavailable (503) call, each after its Retry-After. */
    AZURE_DI_MAX_RETRIES: z.coerce.number().int().min(0).max(20).default(5),
    AZURE_DI_MAX_RETRY_DELAY_MS: positiveInt.default(60_000),
    AZURE_DI_POLL_INTERVAL_MS: positiveInt.default(1_000),
    VERIFY_MODE: z.enum(['off', 'targeted', 'full']).default('targeted'),
    /** Detection time per page; a page past it is masked whole and flagged. */
    DETECT_PAGE_BUDGET_MS: positiveInt.default(5_000),
    /** Concurrent face detections per worker process (their own queue, not OCR slots). */
    FACE_WORKERS: positiveInt.default(1),
    FACE_MODEL: z.enum(FACE_MODELS).default(DEFAULT_FACE_SETTINGS.model),
    FACE_MIN_CONFIDENCE: z.coerce
      .number()
      .min(0.05)
      .max(0.95)
      .default(DEFAULT_FACE_SETTINGS.minConfidence),
    ACTIVITY_CONCURRENCY: positiveInt.default(8),
    PAGE_CONCURRENCY: positiveInt.default(4),
    PAGES_PER_CHILD_WORKFLOW: positiveInt.default(100),
    MASK_PADDING_PX: z.coerce.number().int().min(0).max(100).default(6),
    DEFAULT_DPI: positiveInt.default(300),
    PDF_DPI: z.coerce.number().int().min(72).max(600).default(300),

    /** `hold`: a job with flagged pages waits for a reviewer before its result is released. */
    REVIEW_MODE: z.enum(['flag', 'hold']).default('flag'),
    /** In `hold` mode, a page with an entity below this confidence (0–1) is flagged too. */
    REVIEW_CONFIDENCE_BELOW: z.coerce.number().min(0).max(1).default(0.7),
    /** How long a held job waits for its reviewer. */
    REVIEW_TIMEOUT: duration(1_000).default(24 * 3_600_000),
    /** What a review not done in time decides: `reject` (fail-safe) or `approve`. */
    REVIEW_TIMEOUT_ACTION: z.enum(['approve', 'reject']).default('reject'),
    /** What a rejection does: mask the flagged pages whole, or fail the job (REVIEW_REJECTED). */
    REVIEW_REJECT_ACTION: z.enum(['mask-pages', 'fail']).default('mask-pages'),

    MAX_PAGES: positiveInt.default(500),
    MAX_PAGE_PIXELS: positiveInt.default(100_000_000),
    MAX_DOCUMENT_PIXELS: positiveInt.default(5_000_000_000),

    /** Videos (blur-faces): longest accepted, largest frame (width × height), largest file. */
    MAX_VIDEO_SECONDS: positiveNumber.default(600),
    MAX_VIDEO_FRAME_PIXELS: positiveInt.default(1920 * 1080),
    MAX_VIDEO_BYTES: positiveInt.default(100 * 1024 * 1024),
    /** A video is cut into segments of about this many seconds, one activity each. */
    VIDEO_SEGMENT_SECONDS: positiveNumber.default(10),
    /** Faces are detected on every k-th frame (and each segment's last); 1: every frame. */
    VIDEO_DETECT_EVERY: positiveInt.default(2),
    /** Boxes on frames between two detections grow by this share of their size on each side. */
    VIDEO_BOX_DILATION: z.coerce.number().min(0).max(2).default(0.25),
    /** A face found before stays hidden through this many detections in a row that miss it. */
    VIDEO_MISSED_FACE_HOLD: z.coerce.number().int().min(0).max(50).default(3),
    /** x264 quality (constant rate factor) and speed preset of the re-encoded video. */
    VIDEO_CRF: z.coerce.number().int().min(0).max(51).default(20),
    VIDEO_PRESET: z
      .enum(['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow'])
      .default('veryfast'),
    /** Video segments one worker process blurs at once (its `<queue>-video` slots). */
    VIDEO_SEGMENT_SLOTS: positiveInt.default(1),
    /** ffmpeg and ffprobe executables; the binaries of the npm packages when unset. */
    FFMPEG_PATH: z.string().min(1).optional(),
    FFPROBE_PATH: z.string().min(1).optional(),

    PHI_PACKS: z.string().default(''),
    PHI_ALLOW_LIST: z.string().default(''),
    PHI_DENY_LIST: z.string().default(''),

    /** Background removal (`options.operation: "remove-background"`): off unless an engine is named. */
    BG_REMOVAL_ENGINE: z.enum(BG_REMOVAL_ENGINES).optional(),
    /** remote: the remove.bg-style endpoint that takes multipart `image_file` and answers a PNG. */
    BG_REMOVAL_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** remote: sent as `X-Api-Key`. */
    BG_REMOVAL_KEY: z.string().min(1).optional(),
    BG_REMOVAL_TIMEOUT_MS: positiveInt.default(60_000),
    /** remote: 429 answers waited out (for their Retry-After) in one attempt before it is retried. */
    BG_REMOVAL_MAX_THROTTLE_WAITS: z.coerce.number().int().min(0).max(10).default(3),
    /** remote: the longest Retry-After honoured, in ms. */
    BG_REMOVAL_MAX_RETRY_AFTER_MS: positiveInt.max(120_000).default(30_000),
    /** local: the .onnx segmentation model (U²-Net/ISNet family), provided by the operator. */
    BG_MODEL_PATH: z.string().min(1).optional(),
    /** local: side of the model's square input (u2net/u2netp: 320, isnet: 1024). */
    BG_MODEL_SIZE: positiveInt.max(2048).default(320),
    BG_MODEL_MEAN: rgbTriple.default([0.485, 0.456, 0.406]),
    BG_MODEL_STD: rgbTriple
      .refine((s) => s.every((v) => v > 0), 'must be positive')
      .default([0.229, 0.224, 0.225]),
    /** local: whether the model's first output holds probabilities (u2net, isnet) or logits. */
    BG_MODEL_OUTPUT: z.enum(['probability', 'logits']).default('probability'),
    /** local: threads of one inference. */
    BG_MODEL_THREADS: positiveInt.max(64).default(1),

    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),

    METRICS_TOKEN: z
      .string()
      .refine((v) => v === '' || v.length >= 16, 'must be at least 16 characters when set')
      .default(''),
    WORKER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  })
  .refine((e) => (e.AZURE_DI_ENDPOINT === undefined) === (e.AZURE_DI_KEY === undefined), {
    path: ['AZURE_DI_KEY'],
    message: 'AZURE_DI_ENDPOINT and AZURE_DI_KEY are set together',
  })
  .refine((e) => e.OCR_ENGINE !== 'azure' || e.AZURE_DI_ENDPOINT !== undefined, {
    path: ['OCR_ENGINE'],
    message: 'azure needs AZURE_DI_ENDPOINT and AZURE_DI_KEY',
  })
  .refine((e) => e.OCR_ENGINE !== 'tesseract-native' || e.TESSERACT_BIN !== undefined, {
    path: ['OCR_ENGINE'],
    message: 'tesseract-native needs TESSERACT_BIN (e.g. /usr/bin/tesseract)',
  })
  .refine((e) => e.NODE_ENV !== 'production' || e.TEMPORAL_PAYLOAD_KEYS !== undefined, {
    path: ['TEMPORAL_PAYLOAD_KEYS'],
    message: 'is required when NODE_ENV=production (e.g. main:$(openssl rand -base64 32))',
  })
  .refine((e) => e.BG_REMOVAL_ENGINE !== 'remote' || e.BG_REMOVAL_URL !== undefined, {
    path: ['BG_REMOVAL_URL'],
    message: 'is required when BG_REMOVAL_ENGINE=remote',
  })
  .refine((e) => e.BG_REMOVAL_ENGINE !== 'remote' || e.BG_REMOVAL_KEY !== undefined, {
    path: ['BG_REMOVAL_KEY'],
    message: 'is required when BG_REMOVAL_ENGINE=remote',
  })
  .refine(
    // Images leave for a third party: never in clear text outside development.
    (e) =>
      e.NODE_ENV !== 'production' ||
      e.BG_REMOVAL_URL === undefined ||
      e.BG_REMOVAL_URL.startsWith('https:'),
    { path: ['BG_REMOVAL_URL'], message: 'must be https:// when NODE_ENV=production' },
  )
  .refine((e) => e.BG_REMOVAL_ENGINE !== 'local' || e.BG_MODEL_PATH !== undefined, {
    path: ['BG_MODEL_PATH'],
    message: 'is required when BG_REMOVAL_ENGINE=local (see README, Background removal)',
  });

/** The configured background-removal engine and its settings. */
export type BgRemovalConfig =
  | { engine: 'remote'; remote: RemoteEngineOptions }
  | { engine: 'local'; local: LocalEngineOptions };

type Env = z.infer<typeof ZEnv>;

/** BG_REMOVAL_* and BG_MODEL_* as one engine's settings; undefined when no engine is named. */
function bgRemovalConfig(e: Env): BgRemovalConfig | undefined {
  if (e.BG_REMOVAL_ENGINE === 'remote' && e.BG_REMOVAL_URL && e.BG_REMOVAL_KEY) {
    return {
      engine: 'remote',
      remote: {
        url: e.BG_REMOVAL_URL,
        apiKey: e.BG_REMOVAL_KEY,
        timeoutMs: e.BG_REMOVAL_TIMEOUT_MS,
        maxThrottleWaits: e.BG_REMOVAL_MAX_THROTTLE_WAITS,
        maxRetryAfterMs: e.BG_REMOVAL_MAX_RETRY_AFTER_MS,
        defaultRetryAfterMs: 5_000,
      },
    };
  }
  if (e.BG_REMOVAL_ENGINE === 'local' && e.BG_MODEL_PATH) {
    return {
      engine: 'local',
      local: {
        modelPath: e.BG_MODEL_PATH,
        size: e.BG_MODEL_SIZE,
        mean: e.BG_MODEL_MEAN,
        std: e.BG_MODEL_STD,
        activation: e.BG_MODEL_OUTPUT,
        threads: e.BG_MODEL_THREADS,
      },
    };
  }
  return undefined;
}

/** Limits applied to every document, whatever its format. */
export interface DocumentLimits {
  maxPages: number;
  maxPagePixels: number;
  maxDocumentPixels: number;
}

/**
 * Parses the environment into the typed configuration. Throws one readable error naming every
 * bad variable, so a misconfigured process fails at boot, not mid-job.
 */
export function parseConfig(env: Record<string, string | undefined> = process.env) {
  const result = ZEnv.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const e = result.data;
  return {
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
    },
    s3: {
      endpoint: e.S3_ENDPOINT,
      region: e.S3_REGION,
      accessKey: e.S3_ACCESS_KEY,
      secretKey: e.S3_SECRET_KEY,
      bucket: e.S3_BUCKET,
    },
    api: {
      host: e.API_HOST,
      port: e.API_PORT,
      maxUploadBytes: e.MAX_UPLOAD_BYTES,
      maxFilesPerBatch: e.MAX_FILES_PER_BATCH,
      resultsMaxIds: e.RESULTS_MAX_IDS,
      resultsConcurrency: e.RESULTS_CONCURRENCY,
      resultsVisibilityGraceMs: e.RESULTS_VISIBILITY_GRACE_MS,
      maxJsonBodyBytes: e.MAX_JSON_BODY_BYTES,
      maxMultipartParts: e.MAX_MULTIPART_PARTS,
      maxFormFieldBytes: e.MAX_FORM_FIELD_BYTES,
      allowedHosts: e.API_ALLOWED_HOSTS,
      trustProxy: e.API_TRUST_PROXY === 'true',
    },
    access: {
      dataDir: e.DATA_DIR,
      databaseUrl: e.DATABASE_URL,
      mode: e.AUTH_MODE,
      registration: e.AUTH_REGISTRATION,
      adminKeys: e.ADMIN_API_KEYS,
      keyPepper: e.API_KEY_PEPPER,
      jobIdSecret: e.JOB_ID_SECRET,
      rateLimits: {
        requests: e.RATE_LIMIT_REQUESTS,
        windowSeconds: e.RATE_LIMIT_WINDOW,
        uploadBytes: e.RATE_LIMIT_UPLOAD_BYTES,
        registrations: e.RATE_LIMIT_REGISTRATIONS,
        registrationWindowSeconds: e.RATE_LIMIT_REGISTRATION_WINDOW,
      },
      auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    },
    worker: {
      ocrWorkers: e.OCR_WORKERS,
      ocrModel: e.OCR_MODEL,
      ocrRecycleAfterPages: e.OCR_RECYCLE_AFTER_PAGES,
      ocrPageTimeoutMs: e.OCR_PAGE_TIMEOUT_MS,
      ocrPsm: e.OCR_PSM,
      ocrMinDpi: e.OCR_MIN_DPI,
      verifyMode: e.VERIFY_MODE,
      detectBudgetMs: e.DETECT_PAGE_BUDGET_MS,
      faceWorkers: e.FACE_WORKERS,
      faces: { model: e.FACE_MODEL, minConfidence: e.FACE_MIN_CONFIDENCE },
      activityConcurrency: e.ACTIVITY_CONCURRENCY,
      pageConcurrency: e.PAGE_CONCURRENCY,
      pagesPerChild: e.PAGES_PER_CHILD_WORKFLOW,
      maskPaddingPx: e.MASK_PADDING_PX,
      defaultDpi: e.DEFAULT_DPI,
      pdfDpi: e.PDF_DPI,
    },
    /** Whether flagged pages wait for a person (see README, Review). */
    review: {
      mode: e.REVIEW_MODE,
      confidenceBelow: e.REVIEW_CONFIDENCE_BELOW,
      timeoutMs: e.REVIEW_TIMEOUT,
      timeoutAction: e.REVIEW_TIMEOUT_ACTION,
      rejectAction: e.REVIEW_REJECT_ACTION,
    } satisfies ReviewSettings,
    /** What is kept, and for how long (see README, Data lifecycle). */
    lifecycle: {
      keepIntermediates: e.KEEP_INTERMEDIATES,
      keepInput: e.KEEP_INPUT,
      resultTtlMs: e.RESULT_TTL,
      // Never longer than RESULT_TTL: unmasked text is not kept longer than masked files.
      ocrResultTtlMs: Math.min(e.RESULT_TTL_OCR, e.RESULT_TTL),
      sweepIntervalMs: e.RESULT_SWEEP_INTERVAL,
      bucketRule: e.S3_LIFECYCLE_RULE,
      historyRetentionMs: e.RESULT_TTL + e.HISTORY_RETENTION_GRACE,
    },
    /** How URL inputs are checked at submit and downloaded by the worker. */
    fetch: {
      policy: { allowHosts: e.FETCH_ALLOW_HOSTS, allowedPorts: e.FETCH_ALLOWED_PORTS },
      connectTimeoutMs: e.FETCH_CONNECT_TIMEOUT_MS,
      totalTimeoutMs: e.FETCH_TOTAL_TIMEOUT_MS,
      maxRedirects: e.FETCH_MAX_REDIRECTS,
      maxBytes: e.MAX_UPLOAD_BYTES,
    },
    /** Which operations run, and who reads the pages (see README, OCR engines). */
    operations: {
      enabled: e.ENABLED_OPERATIONS,
      defaultEngine: e.OCR_ENGINE,
      engines: OCR_ENGINES.filter(
        (engine) =>
          (engine !== 'azure' || e.AZURE_DI_ENDPOINT !== undefined) &&
          (engine !== 'tesseract-native' || e.TESSERACT_BIN !== undefined),
      ),
      bgRemovalConfigured: e.BG_REMOVAL_ENGINE !== undefined,
    },
    ocr: {
      fallback: e.OCR_FALLBACK,
      tesseractBin: e.TESSERACT_BIN,
      azure:
        e.AZURE_DI_ENDPOINT !== undefined && e.AZURE_DI_KEY !== undefined
          ? {
              endpoint: e.AZURE_DI_ENDPOINT,
              key: e.AZURE_DI_KEY,
              concurrency: e.AZURE_DI_CONCURRENCY,
              maxRetries: e.AZURE_DI_MAX_RETRIES,
              maxRetryDelayMs: e.AZURE_DI_MAX_RETRY_DELAY_MS,
              pollIntervalMs: e.AZURE_DI_POLL_INTERVAL_MS,
              timeoutMs: e.OCR_PAGE_TIMEOUT_MS,
            }
          : undefined,
    },
    limits: {
      maxPages: e.MAX_PAGES,
      maxPagePixels: e.MAX_PAGE_PIXELS,
      maxDocumentPixels: e.MAX_DOCUMENT_PIXELS,
    } satisfies DocumentLimits,
    /** Videos and the blur-faces operation (see docs/api.md#blur-faces-photos-and-video). */
    video: {
      limits: {
        maxSeconds: e.MAX_VIDEO_SECONDS,
        maxFramePixels: e.MAX_VIDEO_FRAME_PIXELS,
        maxBytes: e.MAX_VIDEO_BYTES,
      },
      segmentSeconds: e.VIDEO_SEGMENT_SECONDS,
      hiding: {
        detectEvery: e.VIDEO_DETECT_EVERY,
        dilation: e.VIDEO_BOX_DILATION,
        hold: e.VIDEO_MISSED_FACE_HOLD,
      },
      encoder: { crf: e.VIDEO_CRF, preset: e.VIDEO_PRESET },
      segmentSlots: e.VIDEO_SEGMENT_SLOTS,
      tools: { ffmpeg: e.FFMPEG_PATH, ffprobe: e.FFPROBE_PATH },
    },
    phi: {
      /** Extra pattern-pack YAML files, on top of the built-in pack. */
      packFiles: e.PHI_PACKS.split(',')
        .map((f) => f.trim())
        .filter(Boolean),
      allowListFile: e.PHI_ALLOW_LIST || undefined,
      denyListFile: e.PHI_DENY_LIST || undefined,
    },
    /** Background removal's engine; undefined when `remove-background` is not offered. */
    bgRemoval: bgRemovalConfig(e),
    logLevel: e.LOG_LEVEL,
    /** Keys of Temporal payloads and stored objects (one ring, a subkey per use). */
    encryption: {
      production: e.NODE_ENV === 'production',
      /** Unset outside production: a dev ring kept in `dataDir` is used (see `resolveKeyRing`). */
      keys: e.TEMPORAL_PAYLOAD_KEYS,
      dataDir: e.DATA_DIR,
      codecCorsOrigins: e.CODEC_CORS_ORIGINS,
      codecUiToken: e.CODEC_UI_TOKEN,
    },
    metrics: {
      /** Bearer token for /metrics on the API and the worker; open when unset. */
      token: e.METRICS_TOKEN || undefined,
      workerHost: e.WORKER_METRICS_HOST,
      /** 0: the worker serves no metrics. */
      workerPort: e.WORKER_METRICS_PORT,
    },
  };
}
