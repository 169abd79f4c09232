// Shared by the benchmarks: an ephemeral stack, worker processes, and their memory readings.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import {
  freePort,
  spawnManaged,
  stackStorage,
  startEphemeralStack,
  waitUntil,
  type EphemeralStack,
  type LineSink,
  type ManagedProcess,
} from '../../scripts/lib/servers.js';
import { generateKeyEntry, KeyRing, parseKeyRing } from '../../src/crypto/key-ring.js';
import { encryptedDataConverter } from '../../src/crypto/payload-codec.js';
import { JobIds } from '../../src/jobs/job-id.js';
import { EncryptedObjectStore } from '../../src/storage/encrypted-store.js';
import type { ObjectStore } from '../../src/storage/object-store.js';
import { findTesseract } from '../../scripts/lib/tesseract.js';

/** The job-id secret of every API the benchmarks start, so ids minted here are theirs too. */
export const BENCH_JOB_ID_SECRET = 'bench-job-id-secret-0123456789abcdef';
export const benchJobIds = new JobIds(BENCH_JOB_ID_SECRET);
/** One key ring for the run: the benchmark's client and every process it starts share it. */
export const BENCH_PAYLOAD_KEYS = generateKeyEntry('bench1');
export const benchKeyRing = new KeyRing(parseKeyRing(BENCH_PAYLOAD_KEYS));

/** The engines `--ocr-engine` offers the bench and the eval; Azure has its own bench (azure-read.ts). */
export const BENCH_OCR_ENGINES = ['tesseract', 'tesseract-native'] as const;

/**
 * Service environment that makes `engine` the deployment's default OCR engine: for
 * `tesseract-native`, the binary bootstrap installed (or TESSERACT_BIN). Fails before any server
 * starts when the engine is unknown or its binary missing.
 */
export async function ocrEngineEnv(engine = 'tesseract'): Promise<Record<string, string>> {
  if (engine === 'tesseract') return {};
  if (engine !== 'tesseract-native')
    throw new Error(`--ocr-engine ${engine}: known are ${BENCH_OCR_ENGINES.join(', ')}`);
  const binary = await findTesseract();
  if (!binary)
    throw new Error('--ocr-engine tesseract-native: no tesseract binary (npm run bootstrap)');
  return { OCR_ENGINE: engine, TESSERACT_BIN: binary };
}

export interface BenchStack extends EphemeralStack {
  client: Client;
  store: ObjectStore;
  /** Environment for service processes pointed at this stack. */
  env(taskQueue: string, extra?: Record<string, string>): Record<string, string>;
}

export async function startBenchStack(): Promise<BenchStack> {
  const stack = await startEphemeralStack();
  const client = new Client({
    connection: await Connection.connect({ address: stack.temporalAddress }),
    dataConverter: encryptedDataConverter(benchKeyRing),
  });
  const store = new EncryptedObjectStore(stackStorage(stack, 'bench'), benchKeyRing);
  await store.ensureBucket();
  return {
    ...stack,
    client,
    store,
    env: (taskQueue, extra = {}) => ({
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
      S3_ENDPOINT: stack.s3Endpoint,
      S3_ACCESS_KEY: stack.accessKey,
      S3_SECRET_KEY: stack.secretKey,
      S3_BUCKET: 'bench',
      TEMPORAL_PAYLOAD_KEYS: BENCH_PAYLOAD_KEYS,
      LOG_LEVEL: 'warn',
      // Several workers may run at once here; none needs a metrics port.
      WORKER_METRICS_PORT: '0',
      ...extra,
    }),
    async stop() {
      await client.connection.close();
      await stack.stop();
    },
  };
}

const quiet: LineSink = (name, line) => {
  if (/error/i.test(line)) process.stderr.write(`[${name}] ${line}\n`);
};

/** Starts `npm run worker`'s entry point as its own process and waits until it polls. */
export async function startWorker(
  env: Record<string, string>,
  name = 'worker',
): Promise<ManagedProcess> {
  const worker = spawnManaged(name, process.execPath, ['--import', 'tsx', 'src/worker/main.ts'], {
    env: { ...env, LOG_LEVEL: 'info' },
    sink: quiet,
  });
  await worker.waitForLine(/"msg":"worker ready"/);
  return worker;
}

/** Peak and current resident memory of a process, in MB (Linux /proc). */
export async function memoryOf(pid: number): Promise<{ peakMb: number; rssMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { peakMb: Math.round(kb('VmHWM') / 1024), rssMb: Math.round(kb('VmRSS') / 1024) };
}

export const seconds = (ms: number) => Math.round(ms / 10) / 100;

/** Samples a process's RSS every `everyMs` until stopped; returns the highest reading in MB. */
export function sampleRss(pid: number, everyMs = 200): { stop(): Promise<number> } {
  let peak = 0;
  let last = Promise.resolve();
  const timer = setInterval(() => {
    last = memoryOf(pid).then(
      (m) => void (peak = Math.max(peak, m.rssMb)),
      () => undefined,
    );
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await last;
      return peak;
    },
  };
}

/** An API process the benchmark talks to, with the key of the account it registered. */
export interface BenchApi {
  base: string;
  process: ManagedProcess;
  apiKey: string;
  /** The account the key belongs to (the owner of the jobs it submits). */
  accountId: string;
}

/** `fetch` against the API with its key. */
export function apiFetch(
  api: Pick<BenchApi, 'base' | 'apiKey'>,
  path: string,
  init: RequestInit = {},
) {
  const headers = new Headers(init.headers);
  headers.set('x-api-key', api.apiKey);
  return fetch(`${api.base}${path}`, { ...init, headers });
}

/**
 * Starts `npm run api`'s entry point on a free port with its own data dir (registration open),
 * waits until it is ready and registers an account; with `AUTH_MODE: 'off'` in `env` the key is
 * unused and the account is the anonymous one.
 */
export async function startApi(env: Record<string, string>): Promise<BenchApi> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'redactify-bench-api-'));
  const api = spawnManaged('api', process.execPath, ['--import', 'tsx', 'src/api/main.ts'], {
    env: {
      AUTH_REGISTRATION: 'open',
      DATA_DIR: dataDir,
      JOB_ID_SECRET: BENCH_JOB_ID_SECRET,
      RATE_LIMIT_REQUESTS: '1000000',
      ...env,
      API_PORT: String(port),
    },
    sink: quiet,
  });
  const base = `http://127.0.0.1:${port}`;
  await waitUntil('API', async () => (await fetch(`${base}/health/ready`)).ok, { process: api });
  const registered = await fetch(`${base}/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench-${randomUUID()}@example.org`, name: 'bench' }),
  });
  if (registered.status !== 201) throw new Error(`register answered ${registered.status}`);
  const { apiKey } = (await registered.json()) as { apiKey: string };
  const stats = (await (await apiFetch({ base, apiKey }, '/v1/auth/stats')).json()) as {
    accountId: string;
  };
  return { base, process: api, apiKey, accountId: stats.accountId };
}

/** Polls `POST /v1/results` until every job has a final status; returns the last answer. */
export async function waitForResults<T extends { status: string }>(
  api: Pick<BenchApi, 'base' | 'apiKey'>,
  ids: readonly string[],
  everyMs = 500,
): Promise<T[]> {
  for (;;) {
    const response = await apiFetch(api, '/v1/results', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids }),
    });
    const body = (await response.json()) as {
      results: T[];
      summary: { queued: number; running: number };
    };
    if (body.summary.queued + body.summary.running === 0) return body.results;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * CPU seconds (user + system) a process has used so far, with its children that have exited
 * (the `tesseract-native` engine's one process per page), or one of its threads alone (Linux /proc).
 */
export async function cpuSeconds(pid: number, thread?: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}${thread ? `/task/${thread}` : ''}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  let ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
  if (thread === undefined) ticks += Number(fields[13]) + Number(fields[14]); // cutime + cstime
  return ticks / 100; // USER_HZ is 100 on Linux
}
