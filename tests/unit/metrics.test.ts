// The metrics' pure parts: what the worker and API record, the exposition, stage split, queue stats.
import { describe, expect, it } from 'vitest';
import {
  summariseTaskQueue,
  unpolledQueues,
  type TaskQueueStatus,
} from '../../src/api/task-queues.js';
import { parseConfig } from '../../src/config/env.js';
import { createApiMetrics } from '../../src/metrics/api-metrics.js';
import { createRegistry } from '../../src/metrics/registry.js';
import { serveMetrics } from '../../src/metrics/serve.js';
import { metricsAuthorized } from '../../src/metrics/token.js';
import { createWorkerMetrics } from '../../src/metrics/worker-metrics.js';
import { stageSamples } from '../../src/worker/stage-metrics.js';
import { parsePrometheusText, sampleValue } from '../support/prom-text.js';

const scrape = async (registry: ReturnType<typeof createRegistry>) =>
  parsePrometheusText(await registry.metrics());

describe('worker metrics', () => {
  it('counts jobs by outcome and code, pages by flag, PHI by category, stage times and OCR slots', async () => {
    const registry = createRegistry({ processMetrics: false });
    const ocr = { size: 2, busy: 1 };
    const metrics = createWorkerMetrics(registry, { ocr });
    metrics.recordJob({ status: 'completed', pages: 2, entities: 5 });
    metrics.recordJob({ status: 'failed', code: 'CORRUPT_INPUT' });
    metrics.recordJob({ status: 'failed', code: 'CORRUPT_INPUT' });
    metrics.recordPage({ byCategory: { NAME: 2, DATE: 1 }, flags: [] });
    metrics.recordPage({ byCategory: { NAME: 1, UNREADABLE: 1 }, flags: ['unreadable'] });
    metrics.recordStage(stageSamples('ocrPage', { readable: true, ms: 1500, storageMs: 100 }));
    const m = await scrape(registry);
    expect(sampleValue(m, 'redactify_jobs_completed_total')).toBe(1);
    expect(sampleValue(m, 'redactify_jobs_failed_total', { code: 'CORRUPT_INPUT' })).toBe(2);
    expect(sampleValue(m, 'redactify_pages_total')).toBe(2);
    expect(sampleValue(m, 'redactify_pages_flagged_total', { flag: 'unreadable' })).toBe(1);
    expect(sampleValue(m, 'redactify_phi_entities_total', { category: 'NAME' })).toBe(3);
    expect(sampleValue(m, 'redactify_phi_entities_total', { category: 'DATE' })).toBe(1);
    expect(sampleValue(m, 'redactify_stage_duration_seconds_sum', { stage: 'ocr' })).toBeCloseTo(
      1.4,
    );
    expect(
      sampleValue(m, 'redactify_stage_duration_seconds_sum', { stage: 'storage' }),
    ).toBeCloseTo(0.1);
    expect(
      sampleValue(m, 'redactify_stage_duration_seconds_bucket', { stage: 'ocr', le: '1' }),
    ).toBe(0);
    expect(
      sampleValue(m, 'redactify_stage_duration_seconds_bucket', { stage: 'ocr', le: '2.5' }),
    ).toBe(1);
    expect(sampleValue(m, 'redactify_ocr_slots')).toBe(2);
    expect(sampleValue(m, 'redactify_ocr_slots_busy')).toBe(1);
    ocr.busy = 0;
    expect(sampleValue(await scrape(registry), 'redactify_ocr_slots_busy')).toBe(0);
  });

  it('names every metric in the redactify_ namespace, process metrics included', async () => {
    const registry = createRegistry();
    createWorkerMetrics(registry);
    const names = [...(await scrape(registry)).keys()];
    expect(names).toContain('redactify_process_resident_memory_bytes');
    expect(names.filter((n) => !n.startsWith('redactify_'))).toEqual([]);
  });
});

describe('stageSamples', () => {
  it("splits an activity's time into its stage and storage, in seconds", () => {
    expect(stageSamples('maskPage', { maskedKey: 'k', ms: 250, storageMs: 50 })).toEqual([
      ['mask', 0.2],
      ['storage', 0.05],
    ]);
    expect(stageSamples('assembleOutput', { ms: 10, storageMs: 12 })).toEqual([
      ['assemble', 0],
      ['storage', 0.012],
    ]);
  });

  it('records nothing for other activities or results without timings', () => {
    expect(stageSamples('somethingElse', { ms: 1, storageMs: 0 })).toEqual([]);
    expect(stageSamples('ocrPage', { readable: false })).toEqual([]);
    expect(stageSamples('ocrPage', undefined)).toEqual([]);
  });
});

describe('summariseTaskQueue', () => {
  const long = (n: number) => ({ toString: () => String(n) }); // as protobufjs's Long prints

  it('reads backlog, its age and pollers per type, and counts each worker once', () => {
    const status = summariseTaskQueue('redactify', 'main', [
      [
        'workflow',
        {
          pollers: [{ identity: '11@host-a' }, { identity: '12@host-b' }],
          stats: {
            approximateBacklogCount: long(5),
            approximateBacklogAge: { seconds: long(3), nanos: 500_000_000 },
          },
        },
      ],
      ['activity', { pollers: [{ identity: '11@host-a' }], stats: { approximateBacklogAge: {} } }],
    ]);
    expect(status).toEqual({
      name: 'redactify',
      role: 'main',
      backlog: 5,
      workers: 2,
      byType: {
        workflow: { backlog: 5, backlogAgeSeconds: 3.5, pollers: 2 },
        activity: { backlog: 0, backlogAgeSeconds: 0, pollers: 1 },
      },
    });
  });

  it('reads an answer without stats or pollers as empty', () => {
    expect(summariseTaskQueue('q-ocr', 'ocr', [['activity', {}]])).toEqual({
      name: 'q-ocr',
      role: 'ocr',
      backlog: 0,
      workers: 0,
      byType: { activity: { backlog: 0, backlogAgeSeconds: 0, pollers: 0 } },
    });
  });
});

describe('unpolledQueues (what npm start waits on)', () => {
  const polled = (n: number) => ({ backlog: 0, backlogAgeSeconds: 0, pollers: n });
  const main = (workflow: number, activity: number): TaskQueueStatus => ({
    name: 'redactify',
    role: 'main',
    backlog: 0,
    workers: 1,
    byType: { workflow: polled(workflow), activity: polled(activity) },
  });
  const ocr = (activity: number): TaskQueueStatus => ({
    name: 'redactify-ocr',
    role: 'ocr',
    backlog: 0,
    workers: activity > 0 ? 1 : 0,
    byType: { activity: polled(activity) },
  });

  it('is empty only when every type of both queues has a poller', () => {
    expect(unpolledQueues([main(1, 2), ocr(1)])).toEqual([]);
  });

  it('names each queue and type nobody polls yet', () => {
    expect(unpolledQueues([main(1, 1), ocr(0)])).toEqual(['redactify-ocr/activity']);
    expect(unpolledQueues([main(0, 0), ocr(0)])).toEqual([
      'redactify/workflow',
      'redactify/activity',
      'redactify-ocr/activity',
    ]);
  });
});

describe('API queue gauges', () => {
  const queues: TaskQueueStatus[] = [
    {
      name: 'redactify',
      role: 'main',
      backlog: 1,
      workers: 1,
      byType: {
        workflow: { backlog: 1, backlogAgeSeconds: 2, pollers: 1 },
        activity: { backlog: 0, backlogAgeSeconds: 0, pollers: 1 },
      },
    },
    {
      name: 'redactify-ocr',
      role: 'ocr',
      backlog: 7,
      workers: 1,
      byType: { activity: { backlog: 7, backlogAgeSeconds: 9, pollers: 2 } },
    },
  ];

  it('asks Temporal once per scrape for all three gauges', async () => {
    const registry = createRegistry({ processMetrics: false });
    let reads = 0;
    createApiMetrics(registry, { taskQueues: () => (reads++, Promise.resolve(queues)) });
    const m = await scrape(registry);
    expect(reads).toBe(1);
    const ocr = { task_queue: 'redactify-ocr', role: 'ocr', task_type: 'activity' };
    expect(sampleValue(m, 'redactify_task_queue_backlog', ocr)).toBe(7);
    expect(sampleValue(m, 'redactify_task_queue_backlog_age_seconds', ocr)).toBe(9);
    expect(sampleValue(m, 'redactify_task_queue_pollers', ocr)).toBe(2);
    expect(
      sampleValue(m, 'redactify_task_queue_backlog', { role: 'main', task_type: 'workflow' }),
    ).toBe(1);
  });

  it('leaves the gauges empty and counts an error when Temporal does not answer', async () => {
    const registry = createRegistry({ processMetrics: false });
    createApiMetrics(registry, { taskQueues: () => Promise.reject(new Error('unavailable')) });
    const m = await scrape(registry);
    expect(m.get('redactify_task_queue_backlog')?.samples).toEqual([]);
    expect(sampleValue(m, 'redactify_task_queue_describe_errors_total')).toBe(1);
  });
});

describe('metrics access', () => {
  it('is open without a token, and needs exactly Bearer <token> with one', () => {
    expect(metricsAuthorized(undefined, undefined)).toBe(true);
    const token = 'a-long-metrics-token';
    expect(metricsAuthorized(undefined, token)).toBe(false);
    expect(metricsAuthorized(`Bearer ${token}x`, token)).toBe(false);
    expect(metricsAuthorized(token, token)).toBe(false);
    expect(metricsAuthorized(`Bearer ${token}`, token)).toBe(true);
  });

  it("serves the worker's registry on /metrics only, behind the token", async () => {
    const registry = createRegistry({ processMetrics: false });
    createWorkerMetrics(registry).recordJob({ status: 'completed', pages: 1, entities: 0 });
    const server = await serveMetrics({
      registry,
      host: '127.0.0.1',
      port: 0,
      token: 'worker-token-123456',
    });
    try {
      const base = server.url.replace(/\/metrics$/, '');
      expect((await fetch(server.url)).status).toBe(401);
      const ok = await fetch(`${server.url}?x=1`, {
        headers: { authorization: 'Bearer worker-token-123456' },
      });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(
        sampleValue(parsePrometheusText(await ok.text()), 'redactify_jobs_completed_total'),
      ).toBe(1);
      expect((await fetch(`${base}/`)).status).toBe(404);
      expect((await fetch(server.url, { method: 'POST' })).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('parsePrometheusText', () => {
  it('refuses what is not the text format', () => {
    expect(() => parsePrometheusText('no_type_declared 1\n')).toThrow(/outside its family/);
    expect(() => parsePrometheusText('# TYPE a counter\na{x="1} 1\n')).toThrow();
    expect(() => parsePrometheusText('# TYPE a gauge\na one\n')).toThrow(/bad value/);
    expect(() =>
      parsePrometheusText(
        '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_count 1\n',
      ),
    ).toThrow(/cumulative/);
  });
});

describe('metrics configuration', () => {
  it('is open on the API and serves the worker on 127.0.0.1:9464 by default; port 0 is off', () => {
    expect(parseConfig({}).metrics).toEqual({
      token: undefined,
      workerHost: '127.0.0.1',
      workerPort: 9464,
    });
    expect(parseConfig({ WORKER_METRICS_PORT: '0' }).metrics.workerPort).toBe(0);
  });

  it('refuses a token shorter than 16 characters', () => {
    expect(() => parseConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(parseConfig({ METRICS_TOKEN: 'sixteen-chars-ok' }).metrics.token).toBe(
      'sixteen-chars-ok',
    );
  });
});
