// The evaluation's only HTTP client of the service: submit files, poll /v1/results, download
// outputs, with the account's API key (`X-API-Key`).
import type { SourceType } from '../src/imaging/sniff.js';

/** A job as /v1/results reports it (the fields the evaluation reads). */
export interface JobView {
  id: string;
  status: string;
  result: { outputType: SourceType; review: string } | null;
  error: { code: string } | null;
}

/** One file to submit. */
export interface Upload {
  name: string;
  bytes: Buffer;
}

/** Options of `ApiClient`. */
export interface ApiClientOptions {
  baseUrl: string;
  /** Sent as `X-API-Key` when set. */
  apiKey?: string;
  /** Files per POST /v1/jobs. */
  batchSize?: number;
  /** Delay between two polls of /v1/results. */
  pollMs?: number;
  /** Longest wait for a set of jobs (default one hour). */
  waitMs?: number;
}

/** Submits, waits and downloads through the public HTTP API, as a client would. */
export class ApiClient {
  private readonly headers: Record<string, string>;

  constructor(private readonly options: ApiClientOptions) {
    this.headers = options.apiKey ? { 'x-api-key': options.apiKey } : {};
  }

  private async call(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.options.baseUrl}${path}`, {
      ...init,
      headers: { ...this.headers, ...(init.headers as Record<string, string> | undefined) },
    });
  }

  /** Submits files with the same options; returns the job ids in file order. */
  async submit(files: readonly Upload[], options: Record<string, unknown>): Promise<string[]> {
    const size = this.options.batchSize ?? 50;
    const ids: string[] = [];
    for (let i = 0; i < files.length; i += size) {
      const form = new FormData();
      for (const file of files.slice(i, i + size))
        form.append('files', new Blob([file.bytes]), file.name);
      form.append('options', JSON.stringify(options));
      const response = await this.call('/v1/jobs', { method: 'POST', body: form });
      if (response.status !== 202)
        throw new Error(`submit answered ${response.status}: ${await response.text()}`);
      const body = (await response.json()) as { jobs: Array<{ id: string }> };
      ids.push(...body.jobs.map((j) => j.id));
    }
    return ids;
  }

  /** Polls /v1/results until every job has finished (bounded by `waitMs`); views in `ids` order. */
  async waitForAll(ids: readonly string[]): Promise<JobView[]> {
    const deadline = Date.now() + (this.options.waitMs ?? 3_600_000);
    while (Date.now() < deadline) {
      const response = await this.call('/v1/results', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ids }),
      });
      if (!response.ok) throw new Error(`/v1/results answered ${response.status}`);
      const body = (await response.json()) as {
        results: JobView[];
        summary: { completed: number; failed: number; cancelled: number };
      };
      const done = body.summary.completed + body.summary.failed + body.summary.cancelled;
      if (done === ids.length) return body.results;
      await new Promise((r) => setTimeout(r, this.options.pollMs ?? 1000));
    }
    throw new Error(`${ids.length} jobs did not finish in time`);
  }

  /** The redacted output of a finished job. */
  async download(id: string): Promise<Buffer> {
    const response = await this.call(`/v1/jobs/${id}/result`);
    if (!response.ok) throw new Error(`result of ${id} answered ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }
}
