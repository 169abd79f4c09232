// A whole Redactify stack the durability drills may break: Temporal on a SQLite file, MinIO on a
// temp dir, and the real API and worker processes, all on free loopback ports, every line of
// their output kept. Each server can be killed and started again on the same port and data.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import {
  freePort,
  spawnManaged,
  stackStorage,
  startMinio,
  startTemporal,
  waitUntil,
  type LineSink,
  type ManagedProcess,
} from '../../scripts/lib/servers.js';
import { ensureMinio, ensureTemporal } from '../../scripts/lib/tools.js';
import { readTaskQueues, unpolledQueues } from '../../src/api/task-queues.js';
import { encryptedDataConverter } from '../../src/crypto/payload-codec.js';
import { EncryptedObjectStore } from '../../src/storage/encrypted-store.js';
import { TEST_KEY_RING, TEST_PAYLOAD_KEYS } from './pipeline.js';

export type DrillProcess = 'temporal' | 'minio' | 'api' | 'worker';

/** What the API answers for a job (GET /v1/jobs/:id, /v1/results entries). */
export interface JobView {
  id: string;
  status: string;
  result: {
    pages: number;
    entitiesMasked: number;
    byCategory: Partial<Record<string, number>>;
    outputType: string;
    review: string;
    pagesFlagged: number[];
  } | null;
  error: { code: string; message: string } | null;
}

const { PendingActivityState } = proto.temporal.api.enums.v1;
const ACCESS_KEY = 'redactify-drill';
const SECRET_KEY = 'redactify-drill-secret';
const TASK_QUEUE = 'drills';
/** Waits for every start, even when one fails, so a failed start leaves nothing unstopped. */
async function allStarted(starts: Array<Promise<void>>): Promise<void> {
  const failed = (await Promise.allSettled(starts)).find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class DrillStack {
  /** Every output line of every process, by process, in order (restarts append). */
  readonly lines: Record<DrillProcess, string[]> = { temporal: [], minio: [], api: [], worker: [] };
  readonly client: Client;
  /** The bucket as the pipeline sees it (decrypting). */
  readonly store: EncryptedObjectStore;
  readonly base: string;
  readonly workerMetricsUrl: string;
  private apiKey = '';
  private temporal?: ManagedProcess;
  private minio?: ManagedProcess;
  private api?: ManagedProcess;
  private worker?: ManagedProcess;

  private constructor(
    private readonly dir: string,
    private readonly bins: { temporal: string; minio: string },
    private readonly ports: { temporal: number; minio: number; console: number },
    private readonly env: Record<string, string>,
  ) {
    this.client = new Client({
      // Lazy: the client reconnects by itself after the drills restart Temporal.
      connection: Connection.lazy({ address: env.TEMPORAL_ADDRESS ?? '' }),
      dataConverter: encryptedDataConverter(TEST_KEY_RING),
    });
    this.store = new EncryptedObjectStore(
      stackStorage(this.s3(), env.S3_BUCKET ?? ''),
      TEST_KEY_RING,
    );
    this.base = `http://127.0.0.1:${env.API_PORT}`;
    this.workerMetricsUrl = `http://127.0.0.1:${env.WORKER_METRICS_PORT}/metrics`;
  }

  private s3() {
    return {
      s3Endpoint: `http://127.0.0.1:${this.ports.minio}`,
      accessKey: ACCESS_KEY,
      secretKey: SECRET_KEY,
    };
  }

  private sink: LineSink = (name, line) => void this.lines[name as DrillProcess].push(line);

  /** Starts every server and process, and registers an account; `extraEnv` goes to API and worker. */
  static async start(extraEnv: Record<string, string> = {}): Promise<DrillStack> {
    const dir = await mkdtemp(join(tmpdir(), 'redactify-drill-'));
    const bins = { temporal: await ensureTemporal(), minio: await ensureMinio() };
    const ports = {
      temporal: await freePort(),
      minio: await freePort(),
      console: await freePort(),
    };
    const env = {
      TEMPORAL_ADDRESS: `127.0.0.1:${ports.temporal}`,
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      TEMPORAL_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
      S3_ENDPOINT: `http://127.0.0.1:${ports.minio}`,
      S3_ACCESS_KEY: ACCESS_KEY,
      S3_SECRET_KEY: SECRET_KEY,
      S3_BUCKET: `drill-${randomUUID().slice(0, 8)}`,
      API_PORT: String(await freePort()),
      WORKER_METRICS_PORT: String(await freePort()),
      DATA_DIR: join(dir, 'data'),
      AUTH_REGISTRATION: 'open',
      // 200 submissions and their polling come from one key in a minute.
      RATE_LIMIT_REQUESTS: '100000',
      OCR_WORKERS: '2',
      // The most verbose level: a leak at any level fails the PHI drill.
      LOG_LEVEL: 'debug',
      ...extraEnv,
    };
    const stack = new DrillStack(dir, bins, ports, env);
    try {
      await allStarted([stack.startTemporal(), stack.startMinio()]);
      await stack.store.ensureBucket();
      await allStarted([stack.startWorker(), stack.startApi()]);
      stack.apiKey = await stack.register();
      return stack;
    } catch (err) {
      await stack.stop();
      throw err;
    }
  }

  async startTemporal(): Promise<void> {
    this.temporal = await startTemporal({
      bin: this.bins.temporal,
      port: this.ports.temporal,
      dbFile: join(this.dir, 'temporal', 'temporal.db'),
      sink: this.sink,
    });
  }

  /** Stops the Temporal dev server (SIGTERM) and starts it again on the same SQLite file. */
  async restartTemporal(): Promise<void> {
    await this.temporal?.stop();
    await this.startTemporal();
  }

  async startMinio(): Promise<void> {
    this.minio = await startMinio({
      bin: this.bins.minio,
      port: this.ports.minio,
      consolePort: this.ports.console,
      dataDir: join(this.dir, 'minio'),
      accessKey: ACCESS_KEY,
      secretKey: SECRET_KEY,
      sink: this.sink,
    });
  }

  async stopMinio(): Promise<void> {
    await this.minio?.stop();
    this.minio = undefined;
  }

  private spawn(name: 'api' | 'worker', entry: string) {
    return spawnManaged(name, process.execPath, ['--import', 'tsx', entry], {
      env: this.env,
      sink: this.sink,
    });
  }

  /** Starts a worker process and resolves once Temporal sees it polling both task queues. */
  async startWorker(): Promise<void> {
    const worker = this.spawn('worker', 'src/worker/main.ts');
    this.worker = worker;
    let ready = false;
    void worker.waitForLine(/"msg":"worker ready"/).then(() => (ready = true));
    await waitUntil('worker ready', () => Promise.resolve(ready), {
      process: worker,
      timeoutMs: 120_000,
    }).catch((err: unknown) => {
      throw new Error(`${(err as Error).message}\n${this.lines.worker.slice(-20).join('\n')}`);
    });
    await waitUntil(
      'worker polling',
      async () => unpolledQueues(await readTaskQueues(this.client, TASK_QUEUE)).length === 0,
      { process: worker, timeoutMs: 60_000 },
    );
  }

  /** SIGKILL: the worker gets no chance to finish or report anything. */
  async killWorker(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    worker.child.kill('SIGKILL');
    await worker.exited;
    this.worker = undefined;
  }

  private async startApi(): Promise<void> {
    const api = this.spawn('api', 'src/api/main.ts');
    this.api = api;
    await waitUntil('API', async () => (await fetch(`${this.base}/health/ready`)).ok, {
      process: api,
      timeoutMs: 60_000,
    });
  }

  /** Registers an account; returns its key. */
  async register(): Promise<string> {
    const response = await fetch(`${this.base}/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${randomUUID()}@example.org`, name: 'Drill' }),
    });
    if (response.status !== 201) throw new Error(`register answered ${response.status}`);
    return ((await response.json()) as { apiKey: string }).apiKey;
  }

  /** `fetch` on the API with the stack's key. */
  request(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.base}${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), 'x-api-key': this.apiKey },
    });
  }

  /** Submits files as one batch; returns the response (202 with the jobs, or the error). */
  submit(files: ReadonlyArray<{ name: string; bytes: Buffer }>): Promise<Response> {
    const form = new FormData();
    for (const file of files) form.append('files', new Blob([file.bytes]), file.name);
    return this.request('/v1/jobs', { method: 'POST', body: form });
  }

  /** Submits files as one batch and returns the job ids; throws unless answered 202. */
  async submitIds(files: ReadonlyArray<{ name: string; bytes: Buffer }>): Promise<string[]> {
    const response = await this.submit(files);
    if (response.status !== 202) {
      throw new Error(`POST /v1/jobs answered ${response.status}: ${await response.text()}`);
    }
    return ((await response.json()) as { jobs: Array<{ id: string }> }).jobs.map((j) => j.id);
  }

  /** The jobs as /v1/results reports them, in `ids` order. */
  async results(ids: readonly string[]): Promise<JobView[]> {
    const response = await this.request('/v1/results', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids }),
    });
    if (response.status !== 200) throw new Error(`/v1/results answered ${response.status}`);
    return ((await response.json()) as { results: JobView[] }).results;
  }

  /**
   * Polls until every job is completed or failed (at most `timeoutMs`, twice a second); a
   * /v1/results that fails meanwhile (a server is down) is retried.
   */
  async settled(ids: readonly string[], timeoutMs: number): Promise<JobView[]> {
    const deadline = Date.now() + timeoutMs;
    let last: JobView[] = [];
    while (Date.now() < deadline) {
      last = await this.results(ids).catch(() => last);
      if (
        last.length === ids.length &&
        last.every((j) => ['completed', 'failed'].includes(j.status))
      ) {
        return last;
      }
      await sleep(500);
    }
    const open = last.filter((j) => !['completed', 'failed'].includes(j.status)).length;
    throw new Error(
      `${open || ids.length} of ${ids.length} jobs not settled after ${timeoutMs} ms`,
    );
  }

  /** Waits until at least `count` of `ids` are in one of `statuses` (bounded). */
  async waitFor(ids: readonly string[], count: number, statuses: string[], timeoutMs: number) {
    await waitUntil(
      `${count} jobs ${statuses.join('/')}`,
      async () =>
        (await this.results(ids)).filter((j) => statuses.includes(j.status)).length >= count,
      { timeoutMs },
    );
  }

  /** Activities of `ids` that a worker has started and not finished, as Temporal sees them. */
  async runningActivities(ids: readonly string[]): Promise<number> {
    const described = await Promise.all(
      ids.map((id) => this.client.workflow.getHandle(id).describe()),
    );
    return described
      .flatMap((d) => d.raw.pendingActivities ?? [])
      .filter((a) => a.state === PendingActivityState.PENDING_ACTIVITY_STATE_STARTED).length;
  }

  /**
   * Activity attempts of `ids` that followed a failed one, as their last attempt's history event
   * records it (history keeps an activity's last attempt only, with the failure before it);
   * `timedOut` counts only those whose earlier attempt timed out (a worker died under it).
   */
  async retriedActivities(ids: readonly string[], { timedOut = false } = {}): Promise<number> {
    const histories = await Promise.all(
      ids.map((id) => this.client.workflow.getHandle(id).fetchHistory()),
    );
    return histories
      .flatMap((h) => h.events ?? [])
      .map((e) => e.activityTaskStartedEventAttributes)
      .filter((a) => (a?.attempt ?? 0) > 1 && (!timedOut || a?.lastFailure?.timeoutFailureInfo))
      .length;
  }

  /** Ends every process it started and deletes the temp dir. */
  async stop(): Promise<void> {
    await Promise.allSettled([this.api?.stop(), this.worker?.stop()]);
    await Promise.allSettled([this.temporal?.stop(), this.minio?.stop()]);
    await this.client.connection.close().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}
