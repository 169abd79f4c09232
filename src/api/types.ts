// Types shared by the API's routes.
import type { Client } from '@temporalio/client';
import type { RequestIdVariables } from 'hono/request-id';
import type { Logger } from '../log.js';
import type { ApiMetrics } from '../metrics/api-metrics.js';
import type { UrlPolicy } from '../net/url-policy.js';
import type { ObjectStore } from '../storage/object-store.js';
import type { LookupOptions } from './job-lookup.js';

/** How new jobs' workflows are started. */
export interface JobSettings {
  taskQueue: string;
  /** Pages one workflow redacts at once. */
  pageConcurrency: number;
  /** Documents longer than this are split into child workflows of this many pages. */
  pagesPerChild: number;
}

/** `log`: the request's logger, bound to its request id (see `accessLog`). */
export type ApiEnv = { Variables: RequestIdVariables & { log: Logger } };

export interface ApiDeps {
  temporal: Client;
  store: ObjectStore;
  jobs: JobSettings;
  /** Names of the pattern packs the workers load, to check `options.packs` at submit. */
  packNames: readonly string[];
  maxUploadBytes: number;
  maxFilesPerBatch: number;
  /** Which submitted URLs are accepted; the worker checks every hop again when it fetches. */
  urlPolicy: UrlPolicy;
  resultsMaxIds: number;
  /** How /v1/results reads many jobs beyond its List queries (see `getJobs`). */
  resultsLookup: LookupOptions;
  metrics: ApiMetrics;
  /** When set, /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
}
