// Azure AI Document Intelligence (`prebuilt-read`) as an OCR engine: one page image per call,
// through the REST client, with the pipeline's own retry of 429/503 honouring Retry-After.
import DocumentIntelligence, {
  getLongRunningPoller,
  isUnexpected,
  type AnalyzeOperationOutput,
  type DocumentIntelligenceClient,
} from '@azure-rest/ai-document-intelligence';
import pLimit, { type LimitFunction } from 'p-limit';
import { RedactifyError } from '../errors.js';
import { fromAnalyzeResult } from './azure-result.js';
import {
  OcrEngineUnavailableError,
  OcrTimeoutError,
  type OcrEngine,
  type OcrRequest,
} from './engine.js';
import type { OcrPage } from './types.js';

export interface AzureReadOptions {
  /** `https://<resource>.cognitiveservices.azure.com` (AZURE_DI_ENDPOINT). */
  endpoint: string;
  /** AZURE_DI_KEY. */
  key: string;
  /** Pages analysed at once by this process (AZURE_DI_CONCURRENCY). */
  concurrency: number;
  /** Retries of a throttled (429) or unavailable (503) request, each after its Retry-After. */
  maxRetries: number;
  /** Longest wait between two retries, whatever Retry-After says. */
  maxRetryDelayMs: number;
  /** Wait between two polls of a running analysis, unless the service says otherwise. */
  pollIntervalMs: number;
  /** A page not read in this time (retries included) fails with `OcrTimeoutError` (OCR_PAGE_TIMEOUT_MS). */
  timeoutMs: number;
}

/** Statuses that say the key or the resource is wrong: no retry will help. */
const AUTH_STATUSES = new Set(['401', '403']);

/** Reads page images with `prebuilt-read`. Messages carry statuses and codes, never text. */
export class AzureReadEngine implements OcrEngine {
  private readonly client: DocumentIntelligenceClient;
  private readonly limit: LimitFunction;

  constructor(private readonly options: AzureReadOptions) {
    this.client = DocumentIntelligence(
      options.endpoint,
      { key: options.key },
      {
        // Plain http only reaches a loopback endpoint (a local fake): AZURE_DI_ENDPOINT is
        // refused otherwise (src/config/env.ts).
        allowInsecureConnection: new URL(options.endpoint).protocol === 'http:',
        retryOptions: {
          maxRetries: options.maxRetries,
          retryDelayInMs: 500,
          maxRetryDelayInMs: options.maxRetryDelayMs,
        },
      },
    );
    this.limit = pLimit(options.concurrency);
  }

  /** Pages being analysed or waiting for a slot. */
  get pending(): number {
    return this.limit.activeCount + this.limit.pendingCount;
  }

  recognize(request: OcrRequest): Promise<OcrPage> {
    return this.limit(() => this.analyse(request));
  }

  close(): Promise<void> {
    this.limit.clearQueue();
    return Promise.resolve();
  }

  private async analyse({ png, width, height, dpi }: OcrRequest): Promise<OcrPage> {
    const abortSignal = AbortSignal.timeout(this.options.timeoutMs);
    const timedOut = () =>
      abortSignal.aborted
        ? new OcrTimeoutError(`OCR exceeded ${this.options.timeoutMs} ms`)
        : undefined;
    let initial;
    try {
      initial = await this.client.path('/documentModels/{modelId}:analyze', 'prebuilt-read').post({
        contentType: 'application/json',
        body: { base64Source: png.toString('base64') },
        abortSignal,
      });
    } catch (err) {
      throw timedOut() ?? unreachable(err);
    }
    if (isUnexpected(initial)) throw failure(initial.status);
    let done;
    try {
      const poller = getLongRunningPoller(this.client, initial, {
        intervalInMs: this.options.pollIntervalMs,
      });
      done = await poller.pollUntilDone({ abortSignal });
    } catch (err) {
      throw timedOut() ?? unreachable(err);
    }
    if (isUnexpected(done)) throw failure(done.status);
    const body = done.body as AnalyzeOperationOutput;
    if (body.status !== 'succeeded' || !body.analyzeResult) {
      throw new OcrEngineUnavailableError(`Azure analysis ended ${body.status}`);
    }
    return fromAnalyzeResult(body.analyzeResult, { width, height, dpi });
  }
}

/** An answer other than success: auth is permanent, anything else makes the page fall back. */
function failure(status: string): Error {
  if (AUTH_STATUSES.has(status)) {
    return new RedactifyError(
      'OCR_ENGINE_AUTH',
      `Azure Document Intelligence refused the key (HTTP ${status}): check AZURE_DI_KEY and AZURE_DI_ENDPOINT`,
    );
  }
  return new OcrEngineUnavailableError(
    `Azure Document Intelligence answered HTTP ${status}`,
    Number(status),
  );
}

/**
 * A request that never got an answer, or a poll that failed. The poller throws the service's
 * error for a failed analysis; a status on it still tells auth apart.
 */
function unreachable(err: unknown): Error {
  const status = (err as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number') return failure(String(status));
  const code = (err as { code?: unknown }).code;
  return new OcrEngineUnavailableError(
    `Azure Document Intelligence unreachable${typeof code === 'string' ? ` (${code})` : ''}`,
  );
}
