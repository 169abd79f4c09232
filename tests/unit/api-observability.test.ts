// The API's access lines, /metrics and /v1/queue with no servers behind it.
import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTaskQueues } from '../../src/api/task-queues.js';
import { createApiMetrics } from '../../src/metrics/api-metrics.js';
import { createRegistry } from '../../src/metrics/registry.js';
import { captureLog } from '../support/log-capture.js';
import { parsePrometheusText, sampleValue } from '../support/prom-text.js';
import { buildUnitApp, type UnitApp } from '../support/unit-app.js';

const TOKEN = 'metrics-token-for-tests';
const captured = captureLog('api', 'debug');
let unit: UnitApp;
let app: UnitApp['app'];
let key: string;

beforeAll(async () => {
  unit = await buildUnitApp({
    log: captured.log,
    overrides: (connection) => {
      // Temporal at a port nothing listens on: every call fails, as when it is down.
      const temporal = new Client({ connection });
      return {
        temporal,
        metrics: createApiMetrics(createRegistry(), {
          taskQueues: () => readTaskQueues(temporal, 'unused', 1_000),
        }),
        metricsToken: TOKEN,
      };
    },
  });
  app = unit.app;
  key = await unit.register('observability@example.org');
});
afterAll(() => unit.close());

/** A request with the test account's key. */
const call = (path: string, init: RequestInit = {}) =>
  app.request(path, { ...init, headers: { 'x-api-key': key, ...init.headers } });

const metrics = async () =>
  parsePrometheusText(
    await (await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).text(),
  );

describe('access log', () => {
  it('writes one line per request with the route pattern, never the path or query string', async () => {
    captured.lines.length = 0;
    const secret = 'Zebulon-Quixotehawk';
    // Not a well-formed id, so the route answers 404 without asking the (absent) Temporal.
    const response = await call(`/v1/jobs/job~${secret}?name=${secret}`, {
      headers: { 'x-request-id': 'req-abc12345' },
    });
    expect(response.status).toBe(404);
    expect(captured.lines.join('')).not.toContain(secret);
    expect(captured.lines.join('')).not.toContain(key);
    expect(captured.records()).toEqual([
      {
        level: 'info',
        time: expect.any(String),
        component: 'api',
        requestId: 'req-abc12345',
        method: 'GET',
        route: '/v1/jobs/:id',
        status: 404,
        durationMs: expect.any(Number),
        msg: 'request',
      },
    ]);
  });

  it('counts requests by method, route and status', async () => {
    await call('/v1/results?ids=a,b,c,d');
    await call('/v1/results?ids=x,y,z,w');
    const m = await metrics();
    const labels = { method: 'GET', route: '/v1/results', status: '400' };
    expect(sampleValue(m, 'redactify_http_request_duration_seconds_count', labels)).toBe(2);
  });

  it('logs probes at DEBUG so scrapes do not fill the log', async () => {
    captured.lines.length = 0;
    await app.request('/health');
    expect(captured.records().map((r) => [r.level, r.route])).toEqual([['debug', '/health']]);
  });
});

describe('GET /metrics', () => {
  it('needs the token when one is set, in the error envelope', async () => {
    const response = await app.request('/metrics');
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe('UNAUTHORIZED');
    expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('serves the Prometheus text format; a refused upload is not a submitted job', async () => {
    const form = new FormData();
    form.append('files', new Blob(['']), 'empty.tiff');
    expect((await call('/v1/jobs', { method: 'POST', body: form })).status).toBe(400);
    const response = await app.request('/metrics', {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const m = parsePrometheusText(await response.text());
    expect(m.get('redactify_jobs_submitted_total')?.type).toBe('counter');
    expect(sampleValue(m, 'redactify_jobs_submitted_total')).toBe(0);
    expect(m.has('redactify_process_cpu_seconds_total')).toBe(true);
    // Temporal is down: no queue samples, one describe error per scrape.
    expect(m.get('redactify_task_queue_backlog')?.samples).toEqual([]);
    expect(sampleValue(m, 'redactify_task_queue_describe_errors_total')).toBeGreaterThanOrEqual(1);
  });
});

describe('GET /v1/queue', () => {
  it(
    'answers 503 SERVICE_UNAVAILABLE when Temporal does not answer',
    { timeout: 10_000 },
    async () => {
      const response = await call('/v1/queue');
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'SERVICE_UNAVAILABLE',
      );
    },
  );
});
