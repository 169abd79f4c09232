// URL batches end to end through the HTTP API, with document servers on 127.0.0.1 and ::1 that
// FETCH_ALLOW_HOSTS lets in, and a trap server on loopback that must never be reached.
import type { ServerResponse } from 'node:http';
import { parse as parseContentDisposition } from 'content-disposition';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedAddress } from '../../src/net/safe-fetch.js';
import { parseAllowHosts } from '../../src/net/url-policy.js';
import {
  darkFraction,
  formPage,
  intakeLines,
  PATIENTS,
  type TestPage,
} from '../fixtures/documents.js';
import { historyText } from '../support/history.js';
import { captureLog } from '../support/log-capture.js';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.js';
import { TestPipeline, type ServedApi } from '../support/pipeline.js';

/** A distinctive query string: it must reach the document server and nowhere else. */
const TOKEN = 'mrn=URLSECRET4471';
const MAX_BYTES = 2 * 1024 * 1024;

let page: TestPage;
let blank: Buffer;
let docs4: LoopbackServer;
let docs6: LoopbackServer;
let trap: LoopbackServer;
let pipeline: TestPipeline;
let api: ServedApi;
let apiKey: string;
const taskQueue = TestPipeline.taskQueue();
/** What the workers log, to search it. */
const workerLog = captureLog('worker-test', 'debug');
const logLines = workerLog.lines;

const attemptsBy = new Map<string, number>();

function route(res: ServerResponse, path: string) {
  const [, name, arg = ''] = /^\/([a-z-]+)\/?([^?]*)/.exec(path) ?? [];
  const attempt = (attemptsBy.get(path) ?? 0) + 1;
  attemptsBy.set(path, attempt);
  switch (name) {
    case 'scans':
      res.writeHead(200, { 'content-type': 'image/png' }).end(page.png);
      return;
    case 'hops': {
      const n = Number(arg);
      if (n === 0) res.writeHead(200).end(page.png);
      else res.writeHead(302, { location: `/hops/${n - 1}?${TOKEN}` }).end();
      return;
    }
    case 'to':
      res.writeHead(302, { location: decodeURIComponent(arg) }).end();
      return;
    case 'missing':
      res.writeHead(404).end();
      return;
    case 'flaky':
      if (attempt === 1) res.writeHead(503).end();
      else res.writeHead(200).end(blank);
      return;
    case 'slow':
      return; // never answers
    case 'big':
      res.writeHead(200);
      res.write(blank.subarray(0, 16));
      for (let sent = 0; sent <= MAX_BYTES; sent += 64 * 1024) res.write(Buffer.alloc(64 * 1024));
      res.end();
      return;
    case 'page':
      res
        .writeHead(200, { 'content-type': 'image/png' })
        .end('<!doctype html><html><body>hi</body></html>');
      return;
    case 'trap':
      res.writeHead(302, { location: `http://127.0.0.1:${trap.port}/stolen?${TOKEN}` }).end();
      return;
    case 'trap-name':
      res.writeHead(302, { location: `http://trap.test:${trap.port}/stolen?${TOKEN}` }).end();
      return;
    default:
      res.writeHead(500).end();
  }
}

/** The test's DNS: trap.test points at the trap; no other name exists (nothing leaves the machine). */
async function resolve(hostname: string): Promise<ResolvedAddress[]> {
  if (hostname === 'trap.test') return [{ address: '127.0.0.1', family: 4 }];
  throw Object.assign(new Error('no such name'), { code: 'ENOTFOUND' });
}

beforeAll(async () => {
  page = await formPage(intakeLines(PATIENTS[0]!));
  blank = await sharp({ create: { width: 600, height: 300, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  docs4 = await startLoopbackServer('127.0.0.1', (req, res) => route(res, req.url ?? ''));
  docs6 = await startLoopbackServer('::1', (req, res) => route(res, req.url ?? ''));
  trap = await startLoopbackServer('127.0.0.1', (_req, res) => res.writeHead(200).end(blank));
  pipeline = await TestPipeline.open({
    urlFetch: {
      // The trap's port is an allowed port, so what stops redirects to it is the address check.
      policy: {
        allowHosts: parseAllowHosts(`${docs4.hostPort},${docs6.hostPort}`),
        allowedPorts: [80, 443, trap.port],
      },
      totalTimeoutMs: 2_000,
      maxBytes: MAX_BYTES,
      resolve,
    },
    log: workerLog.log,
  });
  api = await pipeline.serveApi(taskQueue);
  apiKey = (await api.register()).apiKey;
});

/** `fetch` with this file's API key. */
const authed = (url: string, init: RequestInit = {}) =>
  fetch(url, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), 'x-api-key': apiKey },
  });
afterAll(async () => {
  await api.stop();
  await pipeline.close();
  for (const server of [docs4, docs6, trap]) await server.close();
});

interface JobBody {
  id: string;
  status: string;
  result: { pages: number; entitiesMasked: number } | null;
  error: { code: string; message: string } | null;
}

async function submitUrls(urls: string[]) {
  const response = await authed(`${api.base}/v1/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ urls }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      jobs: Array<{ id: string; filename: string }>;
      error?: { code: string; message: string };
    },
  };
}

/** Runs the workers until every job is completed or failed, polling at most 400 times (≈ 2 min). */
async function runUntilSettled(ids: readonly string[]): Promise<Map<string, JobBody>> {
  const poll = async () => {
    for (let i = 0; i < 400; i++) {
      const body = (await (await authed(`${api.base}/v1/results?ids=${ids.join(',')}`)).json()) as {
        results: JobBody[];
        summary: { completed: number; failed: number };
      };
      if (body.summary.completed + body.summary.failed === ids.length) {
        return new Map(body.results.map((r) => [r.id, r]));
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error('jobs did not settle in time');
  };
  return pipeline.runWorkers(taskQueue, poll());
}

describe('URL intake', () => {
  it('redacts a URL batch from 127.0.0.1 and, through redirects, from ::1, keeping the URL out of history and logs', async () => {
    const direct = `${docs4.origin}/scans/intake.png?${TOKEN}`;
    const redirected = `${docs4.origin}/to/${encodeURIComponent(`${docs6.origin}/hops/2?${TOKEN}`)}`;
    const submitted = await submitUrls([direct, redirected]);
    expect(submitted.status).toBe(202);
    const ids = submitted.body.jobs.map((j) => j.id);
    expect(submitted.body.jobs[0]?.filename).toBe('intake.png');

    const jobs = await runUntilSettled(ids);
    for (const id of ids) {
      expect(jobs.get(id)).toMatchObject({
        status: 'completed',
        result: { pages: 1, entitiesMasked: 7 },
      });
    }
    expect(docs6.requests.map((r) => r.path)).toEqual([
      `/hops/2?${TOKEN}`,
      `/hops/1?${TOKEN}`,
      `/hops/0?${TOKEN}`,
    ]);

    const download = await authed(`${api.base}/v1/jobs/${ids[0]}/result`);
    expect(parseContentDisposition(download.headers.get('content-disposition') ?? '')).toEqual({
      type: 'attachment',
      parameters: { filename: 'redacted_intake.png' },
    });
    const output = Buffer.from(await download.arrayBuffer());
    for (const word of page.words) {
      const dark = await darkFraction(output, word.box);
      if (word.phi) expect(dark, `PHI word masked`).toBeGreaterThan(0.97);
      else expect(dark, `"${word.text}" left readable`).toBeLessThan(0.75);
    }

    for (const id of ids) {
      const history = await historyText(pipeline.client, id);
      // The search sees payload bytes: the workflow input's JSON keys are only there.
      expect(history).toContain('"pageConcurrency"');
      for (const secret of ['URLSECRET4471', '/scans/', 'intake.png', '/hops/']) {
        expect(history.includes(secret), `${secret} in the history of ${id}`).toBe(false);
      }
    }
    const fetched = logLines.filter((l) => l.includes('url input fetched'));
    expect(fetched.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ jobId: ids[0], origin: 'http://127.0.0.1', redirects: 0 }),
        expect.objectContaining({ jobId: ids[1], origin: 'http://127.0.0.1', redirects: 3 }),
      ]),
    );
    for (const line of logLines) expect(line).not.toMatch(/URLSECRET|scans|hops/);
  });

  it('fails each bad URL with its code, retries transient ones, and never reaches the trap', async () => {
    const cases: Array<[path: string, outcome: string]> = [
      ['/missing', 'URL_HTTP_ERROR'],
      ['/hops/6', 'URL_TOO_MANY_REDIRECTS'],
      ['/trap', 'URL_BLOCKED'],
      ['/trap-name', 'URL_BLOCKED'],
      ['/big', 'URL_TOO_LARGE'],
      ['/page.html', 'UNSUPPORTED_TYPE'],
      ['/slow', 'URL_TIMEOUT'],
      ['/flaky/1', 'completed'],
    ];
    const submitted = await submitUrls(cases.map(([path]) => `${docs4.origin}${path}?${TOKEN}`));
    expect(submitted.status).toBe(202);
    const ids = submitted.body.jobs.map((j) => j.id);
    const jobs = await runUntilSettled(ids);

    for (const [i, [path, outcome]] of cases.entries()) {
      const job = jobs.get(ids[i]!);
      if (outcome === 'completed') expect(job?.status, path).toBe('completed');
      else expect([job?.status, job?.error?.code], path).toEqual(['failed', outcome]);
      expect(JSON.stringify(job?.error ?? null)).not.toMatch(/URLSECRET|127\.0\.0\.1|missing|trap/);
      expect(await historyText(pipeline.client, ids[i]!)).not.toContain('URLSECRET');
    }
    const attempts = (path: string) => attemptsBy.get(`${path}?${TOKEN}`);
    // Permanent errors are tried once; timeouts and 503 are retried (5 attempts at most).
    expect([
      attempts('/missing'),
      attempts('/page.html'),
      attempts('/slow'),
      attempts('/flaky/1'),
    ]).toEqual([1, 1, 5, 2]);
    expect(trap.requests).toEqual([]);
    const blocked = logLines.filter(
      (l) => l.includes('url input not fetched') && l.includes('URL_BLOCKED'),
    );
    expect(blocked).toHaveLength(2);
  });

  it('refuses at submit a URL to a loopback port not allow-listed, in any spelling', async () => {
    for (const url of [
      `http://127.0.0.1:${trap.port}/x`,
      `http://[::ffff:7f00:1]:${docs4.port}/scans/intake.png`,
      `http://2130706433:${trap.port}/`,
      `http://user@${docs4.hostPort}/scans/intake.png`,
    ]) {
      const { status, body } = await submitUrls([url]);
      expect([status, body.error?.code], url).toEqual([400, 'URL_NOT_ALLOWED']);
    }
    expect(trap.requests).toEqual([]);
  });
});
