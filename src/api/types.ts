// Types shared by the API's routes.
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { RequestIdVariables } from 'hono/request-id';
import type { Accounts, Principal } from '../access/accounts.js';
import type { Limiters } from '../access/rate-limits.js';
import type { AuditAction } from '../access/store.js';
import type { ErrorCode } from '../errors.js';
import type { JobIds } from '../jobs/job-id.js';
import type { OperationSettings } from '../jobs/operation.js';
import type { Logger } from '../log.js';
import type { ApiMetrics } from '../metrics/api-metrics.js';
import type { UrlPolicy } from '../net/url-policy.js';
import type { ReviewSettings } from '../workflows/contract.js';
import type { ObjectStore } from '../storage/object-store.js';
import type { LookupOptions } from './job-lookup.js';

/** How new jobs' workflows are started. */
export interface JobSettings {
  taskQueue: string;
  /** Pages one workflow redacts at once. */
  pageConcurrency: number;
  /** Documents longer than this are split into child workflows of this many pages. */
  pagesPerChild: number;
  /** REVIEW_*: whether jobs with flagged pages wait for a reviewer (absent: they do not). */
  review?: ReviewSettings;
}

export type ApiEnv = {
  Variables: RequestIdVariables & {
    /** The request's logger, bound to its request id and, once known, its account (see `accessLog`). */
    log: Logger;
    /** Who is calling (set on every /v1 route but registration). */
    principal: Principal;
    /** The client's address, as the audit log and the registration limit see it. */
    clientIp: string;
    /** The code of the error envelope answered, for the audit log. */
    errorCode: ErrorCode;
    /** Jobs a submission created, one audit row each. */
    auditJobIds: string[];
    /** The action a route knows better than its path (a review's decision comes in its body). */
    auditAction: AuditAction;
  };
};

/** Who may call, how much, and where it is written down. */
export interface AccessDeps {
  accounts: Accounts;
  limiters: Limiters;
  /** `off` only when set explicitly: every request acts as one anonymous account. */
  mode: 'keys' | 'off';
  registration: 'open' | 'closed';
}

export interface ApiDeps {
  temporal: Client;
  store: ObjectStore;
  jobs: JobSettings;
  access: AccessDeps;
  /** Mints and checks job ids (HMAC-tagged). */
  jobIds: JobIds;
  /** Names of the pattern packs the workers load, to check `options.packs` at submit. */
  packNames: readonly string[];
  maxUploadBytes: number;
  /** MAX_VIDEO_BYTES: a larger video is refused at submit (the worker checks again). */
  maxVideoBytes: number;
  maxFilesPerBatch: number;
  /** Which submitted URLs are accepted; the worker checks every hop again when it fetches. */
  urlPolicy: UrlPolicy;
  maxJsonBodyBytes: number;
  maxMultipartParts: number;
  maxFormFieldBytes: number;
  resultsMaxIds: number;
  /** How /v1/results reads many jobs beyond its List queries (see `getJobs`). */
  resultsLookup: Omit<LookupOptions, 'jobIds' | 'resultTtlMs' | 'ocrResultTtlMs'>;
  /** RESULT_TTL: a job completed longer ago is `expired` and its downloads answer 410. */
  resultTtlMs: number;
  /** RESULT_TTL_OCR: the same for `ocr` jobs, whose outputs are unmasked PHI (shorter). */
  ocrResultTtlMs: number;
  /** Which operations and engines this deployment offers, checked at submit. */
  operations: OperationSettings;
  /** Host header values accepted; any when empty. */
  allowedHosts: readonly string[];
  /** Read the client address from X-Forwarded-For. */
  trustProxy: boolean;
  metrics: ApiMetrics;
  /** The codec server at /codec: the payload codec of `temporal`, and the browser origins allowed. */
  codec: {
    codec: PayloadCodec;
    corsOrigins: readonly string[];
    /** Secret path segment of `/codec/ui/{token}/decode` for the Web UI; that route is off unset. */
    uiToken?: string | undefined;
  };
  /** When set, /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
}
