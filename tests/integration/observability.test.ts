// The real worker and API processes (`npm run worker` / `npm run api`) on the test stack: their
// logs hold no PHI, file name, query string or key; their metrics move; /v1/queue sees workers.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import {
  freePort,
  spawnManaged,
  waitUntil,
  type ManagedProcess,
} from '../../scripts/lib/servers.js';
import { PROJECT_ROOT } from '../../scripts/lib/tools.js';
import { formPage, intakeLines, phiStrings, type Patient } from '../fixtures/documents.js';
import { parsePrometheusText, sampleValue, type MetricFamily } from '../support/prom-text.js';

/** Fictional and distinctive, so finding it anywhere in the logs can only be a leak. */
const PATIENT: Patient = {
  name: 'Zebulon Quixotehawk',
  dob: '04/19/1963',
  mrn: '90417236',
  ssn: '318-52-4470',
  phone: '(617) 555-0186',
  email: 'z.quixotehawk@example.org',
  visit: '11/03/2026',
};
const FILE_NAME = 'Quixotehawk-Zebulon-intake.png';
const CORRUPT_NAME = 'Quixotehawk-scan-damaged.png';
const QUERY_SECRET = 'Xyloquery4471';
/** A key the API never issued: it must be refused, and appear in no log line. */
const UNKNOWN_KEY = 'rk_test_Vantablack8812';
const METRICS_TOKEN = 'metrics-token-observability';
const SECRETS = [...phiStrings(PATIENT), FILE_NAME, CORRUPT_NAME, QUERY_SECRET, UNKNOWN_KEY];

const lines: Record<'worker' | 'api', string[]> = { worker: [], api: [] };
let worker: ManagedProcess;
let api: ManagedProcess;
let base: string;
let workerMetricsUrl: string;
/** The key registered at the start; it joins SECRETS. */
let apiKey: string;

beforeAll(async () => {
  const stack = inject('stack');
  const [apiPort, metricsPort] = [await freePort(), await freePort()];
  const env = {
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_TASK_QUEUE: `obs-${randomUUID()}`,
    S3_ENDPOINT: stack.s3Endpoint,
    S3_ACCESS_KEY: stack.accessKey,
    S3_SECRET_KEY: stack.secretKey,
    S3_BUCKET: `obs-${randomUUID().slice(0, 8)}`,
    OCR_WORKERS: '1',
    API_PORT: String(apiPort),
    WORKER_METRICS_PORT: String(metricsPort),
    METRICS_TOKEN,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'redactify-obs-')),
    AUTH_REGISTRATION: 'open',
    // The most verbose level: a leak at any level fails the test.
    LOG_LEVEL: 'debug',
  };
  const sink = (name: string, line: string) => lines[name as 'worker' | 'api'].push(line);
  const start = (name: 'worker' | 'api', entry: string) =>
    spawnManaged(name, process.execPath, ['--import', 'tsx', entry], { env, sink });
  worker = start('worker', 'src/worker/main.ts');
  await Promise.race([
    worker.waitForLine(/"msg":"worker ready"/),
    worker.exited.then(() => Promise.reject(new Error(lines.worker.join('\n')))),
  ]);
  api = start('api', 'src/api/main.ts');
  base = `http://127.0.0.1:${apiPort}`;
  workerMetricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  await waitUntil('API', async () => (await fetch(`${base}/health/ready`)).ok, { process: api });
  const registered = await fetch(`${base}/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ops@example.org', name: 'Observability test' }),
  });
  expect(registered.status).toBe(201);
  apiKey = ((await registered.json()) as { apiKey: string }).apiKey;
  SECRETS.push(apiKey);
});

/** `fetch` with the registered key. */
const authed = (url: string, init: RequestInit = {}) =>
  fetch(url, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), 'x-api-key': apiKey },
  });

afterAll(async () => {
  await api?.stop();
  await worker?.stop();
});

const bearer = { authorization: `Bearer ${METRICS_TOKEN}` };

async function scrape(url: string): Promise<Map<string, MetricFamily>> {
  const response = await fetch(url, { headers: bearer });
  expect(response.status).toBe(200);
  return parsePrometheusText(await response.text());
}

async function submit(name: string, bytes: Buffer): Promise<{ id: string; requestId: string }> {
  const form = new FormData();
  form.append('files', new Blob([bytes]), name);
  const response = await authed(`${base}/v1/jobs?note=${QUERY_SECRET}`, {
    method: 'POST',
    body: form,
  });
  expect(response.status).toBe(202);
  const body = (await response.json()) as { jobs: Array<{ id: string }> };
  return { id: body.jobs[0]?.id ?? '', requestId: response.headers.get('x-request-id') ?? '' };
}

/** Polls a job (at most 150 s, twice a second) until it is completed or failed. */
async function finished(id: string): Promise<{ status: string; error: { code: string } | null }> {
  for (let i = 0; i < 300; i++) {
    const response = await authed(`${base}/v1/jobs/${id}?probe=${QUERY_SECRET}`);
    const job = (await response.json()) as { status: string; error: { code: string } | null };
    if (job.status === 'completed' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`job ${id} did not finish`);
}

const records = (name: 'worker' | 'api') =>
  lines[name].map((line) => JSON.parse(line) as Record<string, unknown>);

describe('observability of the real processes', () => {
  it('counts a completed and a failed job, their pages, PHI and stages, in both /metrics', async () => {
    const [apiBefore, workerBefore] = [
      await scrape(`${base}/metrics`),
      await scrape(workerMetricsUrl),
    ];
    const page = await formPage(intakeLines(PATIENT));
    const good = await submit(FILE_NAME, page.png);
    const corrupt = await submit(
      CORRUPT_NAME,
      readFileSync(join(PROJECT_ROOT, 'tests/fixtures/bad/corrupt.png')),
    );
    expect(await finished(good.id)).toMatchObject({ status: 'completed' });
    expect(await finished(corrupt.id)).toMatchObject({ error: { code: 'CORRUPT_INPUT' } });

    const [apiAfter, workerAfter] = [
      await scrape(`${base}/metrics`),
      await scrape(workerMetricsUrl),
    ];
    const moved = (before: typeof apiBefore, after: typeof apiBefore, name: string, labels = {}) =>
      sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(moved(apiBefore, apiAfter, 'redactify_jobs_submitted_total')).toBe(2);
    expect(moved(workerBefore, workerAfter, 'redactify_jobs_completed_total')).toBe(1);
    expect(
      moved(workerBefore, workerAfter, 'redactify_jobs_failed_total', { code: 'CORRUPT_INPUT' }),
    ).toBe(1);
    expect(moved(workerBefore, workerAfter, 'redactify_pages_total')).toBe(1);
    expect(
      moved(workerBefore, workerAfter, 'redactify_phi_entities_total', { category: 'NAME' }),
    ).toBeGreaterThanOrEqual(1);
    for (const stage of [
      'fetch',
      'split',
      'ocr',
      'detect',
      'mask',
      'verify',
      'assemble',
      'storage',
    ]) {
      expect(
        moved(workerBefore, workerAfter, 'redactify_stage_duration_seconds_count', { stage }),
        stage,
      ).toBeGreaterThanOrEqual(1);
    }
    expect(sampleValue(workerAfter, 'redactify_ocr_slots')).toBe(1);
    expect(workerAfter.get('redactify_ocr_slots_busy')?.samples).toHaveLength(1);
    expect(
      sampleValue(apiAfter, 'redactify_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/v1/jobs',
        status: '202',
      }),
    ).toBeGreaterThanOrEqual(2);

    // One access line per request, with the route pattern and the request id the client saw.
    const access = records('api').filter((r) => r.msg === 'request' && r.method === 'POST');
    expect(access).toContainEqual(
      expect.objectContaining({ requestId: good.requestId, route: '/v1/jobs', status: 202 }),
    );
    // The worker logs each job's end once, with its id; a corrupt upload is one WARN line with
    // its code (not Temporal's stack traces of the activity and the workflow).
    const ofJob = (id: string) => records('worker').filter((r) => r.jobId === id);
    expect(ofJob(good.id).filter((r) => r.msg === 'job completed')).toEqual([
      expect.objectContaining({ level: 'info', pages: 1 }),
    ]);
    expect(ofJob(corrupt.id).filter((r) => r.level === 'warn' || r.level === 'error')).toEqual([
      expect.objectContaining({ msg: 'job failed', errorCode: 'CORRUPT_INPUT' }),
    ]);
  });

  it('lists both task queues with workers polling on GET /v1/queue and in the queue gauges', async () => {
    const response = await authed(`${base}/v1/queue`);
    expect(response.status).toBe(200);
    const { queues } = (await response.json()) as {
      queues: Array<{
        name: string;
        role: string;
        workers: number;
        backlog: number;
        byType: Record<string, { pollers: number; backlog: number }>;
      }>;
    };
    expect(queues.map((q) => q.role)).toEqual(['main', 'ocr']);
    const [main, ocr] = queues;
    expect(ocr?.name).toBe(`${main?.name}-ocr`);
    expect(main?.byType.workflow?.pollers).toBeGreaterThanOrEqual(1);
    expect(main?.byType.activity?.pollers).toBeGreaterThanOrEqual(1);
    expect(ocr?.byType.activity?.pollers).toBeGreaterThanOrEqual(1);
    expect(ocr?.byType.workflow).toBeUndefined();
    for (const queue of queues) {
      expect(queue.workers).toBeGreaterThanOrEqual(1);
      expect(queue.backlog).toBeGreaterThanOrEqual(0);
    }
    const metrics = await scrape(`${base}/metrics`);
    expect(
      sampleValue(metrics, 'redactify_task_queue_pollers', { role: 'ocr', task_type: 'activity' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('refuses an unknown key with 401', async () => {
    const response = await fetch(`${base}/v1/queue`, { headers: { 'x-api-key': UNKNOWN_KEY } });
    expect(response.status).toBe(401);
  });

  it('guards both metrics endpoints with METRICS_TOKEN', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(workerMetricsUrl)).status).toBe(401);
    expect((await fetch(workerMetricsUrl, { headers: bearer })).status).toBe(200);
  });

  it('writes only JSON lines, none holding PHI, a file name, a query string or a key', () => {
    for (const name of ['worker', 'api'] as const) {
      expect(lines[name].length).toBeGreaterThan(0);
      for (const line of lines[name]) {
        expect(() => void JSON.parse(line), `${name}: ${line}`).not.toThrow();
        for (const secret of SECRETS) expect(line, name).not.toContain(secret);
      }
    }
    // At debug level the worker logged Temporal's per-activity lines, tied to the job.
    expect(records('worker').some((r) => r.msg === 'Activity completed' && r.jobId)).toBe(true);
  });
});
