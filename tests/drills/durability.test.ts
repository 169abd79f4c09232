// Durability drills on one real stack (Temporal on SQLite, MinIO, the API and worker processes):
// a worker SIGKILLed, MinIO stopped for 30 s, Temporal restarted, 200 submissions at once — and,
// over everything those drills logged and stored in history, not one trace of the patient.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../scripts/lib/servers.js';
import { PROJECT_ROOT } from '../../scripts/lib/tools.js';
import type { JobReport } from '../../src/jobs/report.js';
import { jobKeys } from '../../src/storage/keys.js';
import { formPage, type TestPage } from '../fixtures/documents.js';
import { DrillStack, type JobView } from '../support/drill-stack.js';
import { historyText } from '../support/history.js';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.js';

/** Fictional and distinctive: found anywhere but in the input, it can only be a leak. */
const NAME = 'Ottoline Vranckxhaven';
const MRN = '73019482';
/** The string and its parts, as a leak could show them. */
const PHI = [NAME, ...NAME.split(' '), MRN];
/** File names and URLs are PHI too. */
const fileName = (tag: string, i: number) => `Vranckxhaven-Ottoline-${tag}-${i}.png`;

let stack: DrillStack;
let documents: TestPage[];
/** One line, for the 200 submissions: their OCR is most of the drill's time. */
let burstPage: TestPage;
let source: LoopbackServer;
/** Every job any drill submitted, for the PHI drill's history check. */
const allJobs: string[] = [];

/** Serves a document at any path; `/missing…` answers 404. */
function serveDocument(req: IncomingMessage, res: ServerResponse) {
  if (req.url?.startsWith('/missing')) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'image/png' }).end(documents[0]?.png);
}

beforeAll(async () => {
  // Small pages with a few words: the drills test durability, not OCR speed.
  documents = await Promise.all(
    [1, 2, 3, 4].map((visit) =>
      formPage(
        [
          [['Patient Name:'], [NAME, 'NAME']],
          [['MRN:'], [MRN, 'MRN'], ['visit'], [String(visit)]],
        ],
        { dpi: 300, width: 1100 },
      ),
    ),
  );
  burstPage = await formPage([[['Patient Name:'], [NAME, 'NAME']]], { dpi: 300, width: 1000 });
  source = await startLoopbackServer('127.0.0.1', serveDocument);
  stack = await DrillStack.start({
    FETCH_ALLOW_HOSTS: source.hostPort,
    FETCH_ALLOWED_PORTS: `80,443,${source.port}`,
  });
});

afterAll(async () => {
  await stack?.stop();
  await source?.close();
});

/** `count` uploads named after the patient, cycling through the documents. */
const batch = (tag: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    name: fileName(tag, i),
    bytes: documents[i % documents.length]?.png ?? Buffer.alloc(0),
  }));

async function submit(tag: string, count: number): Promise<string[]> {
  const ids = await stack.submitIds(batch(tag, count));
  allJobs.push(...ids);
  return ids;
}

/**
 * A completed job left exactly one masked file, its report and its text: the masked PNG decodes
 * at the input's size, the report is this job's and agrees with its result, nothing else is left.
 */
async function expectCleanOutputs(job: JobView): Promise<void> {
  expect(job.status, job.id).toBe('completed');
  const keys = jobKeys(job.id);
  const stored = (await stack.store.listKeys(`${keys.root}/`)).map((k) =>
    k.slice(keys.root.length + 1),
  );
  expect(stored.sort(), job.id).toEqual(['output.png', 'report.json', 'text.txt']);
  const bytes = await stack.store.getBuffer(keys.output('png'));
  // Decoded whole, so a torn file fails here, not only a bad header.
  const { info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  expect([(await sharp(bytes).metadata()).format, info.width, info.height]).toEqual([
    'png',
    documents[0]?.width,
    documents[0]?.height,
  ]);
  const report = JSON.parse(
    (await stack.store.getBuffer(keys.report)).toString('utf8'),
  ) as JobReport;
  expect(report.jobId).toBe(job.id);
  expect(report.totals.pages).toBe(1);
  expect(report.pages).toHaveLength(1);
  expect(report.totals.entities).toBe(job.result?.entitiesMasked);
  // Read through the API too: what a client downloads is that same object.
  const download = await stack.request(`/v1/jobs/${job.id}/result`);
  expect(download.status).toBe(200);
  expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
}

describe('durability drills', () => {
  it('worker SIGKILLed mid-batch, a new worker started: every job completes once, cleanly', async () => {
    // Enough jobs that the batch is still mid-way at the kill on an idle machine too (with 8, the
    // last ones could finish between the checks below and the kill).
    const ids = await submit('kill', 24);
    // Mid-batch: some jobs done, the rest queued or in flight on the worker about to die.
    await stack.waitFor(ids, 2, ['completed'], 120_000);
    // Killed while an activity runs on it, so that activity's result never reaches Temporal.
    await waitUntil('an activity running', async () => (await stack.runningActivities(ids)) > 0, {
      timeoutMs: 60_000,
    });
    await stack.killWorker();
    expect((await stack.results(ids)).some((j) => j.status !== 'completed')).toBe(true);
    await stack.startWorker();
    const jobs = await stack.settled(ids, 240_000);
    for (const job of jobs) await expectCleanOutputs(job);
    // Temporal timed the lost activity out and ran it again on the new worker.
    expect(await stack.retriedActivities(ids, { timedOut: true })).toBeGreaterThanOrEqual(1);
  });

  it('MinIO stopped for 30 s mid-batch: /health/ready is 503 meanwhile; every job completes', async () => {
    // 24 jobs for the reason the kill drill has 24: with 8, CI once saw every job finish before
    // MinIO stopped, so no activity met the outage.
    const ids = await submit('minio', 24);
    await stack.waitFor(ids, 1, ['completed'], 120_000);
    await stack.stopMinio();
    expect((await stack.results(ids)).some((j) => j.status !== 'completed')).toBe(true);
    const readiness: Array<{ status: number; storage: string }> = [];
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      const response = await fetch(`${stack.base}/health/ready`);
      const body = (await response.json()) as { components: { storage: string } };
      readiness.push({ status: response.status, storage: body.components.storage });
      await new Promise((r) => setTimeout(r, 1_000));
    }
    await stack.startMinio();
    expect(readiness.length).toBeGreaterThanOrEqual(10);
    expect(readiness.filter((r) => r.status !== 503 || r.storage !== 'unavailable')).toEqual([]);
    expect((await fetch(`${stack.base}/health/ready`)).status).toBe(200);
    const jobs = await stack.settled(ids, 240_000);
    for (const job of jobs) {
      await expectCleanOutputs(job);
      // Retried through the outage, not given up on: no page was masked whole as unreadable.
      expect(job.result?.pagesFlagged, job.id).toEqual([]);
    }
    expect(await stack.retriedActivities(ids)).toBeGreaterThanOrEqual(1);
  });

  it('Temporal restarted mid-batch on its SQLite file: ids and results unchanged, every job completes', async () => {
    // 24 jobs for the reason the kill drill has 24: with 8, CI once saw all of them finish
    // between the wait below and the check that the batch is still mid-way.
    const response = await stack.submit(batch('temporal', 24));
    expect(response.status).toBe(202);
    const { batchId, jobs: submitted } = (await response.json()) as {
      batchId: string;
      jobs: Array<{ id: string }>;
    };
    const ids = submitted.map((j) => j.id);
    allJobs.push(...ids);
    await stack.waitFor(ids, 2, ['completed'], 120_000);
    const before = await stack.results(ids);
    const doneBefore = before.filter((j) => j.status === 'completed');
    expect(doneBefore.length).toBeLessThan(ids.length);

    await stack.restartTemporal();

    const after = await stack.settled(ids, 240_000);
    expect(after.map((j) => j.id)).toEqual(ids);
    for (const job of doneBefore) expect(after.find((j) => j.id === job.id)).toEqual(job);
    for (const job of after) await expectCleanOutputs(job);
    // Temporal's own index of the batch, read back from the SQLite file, lists the same jobs.
    const listed: string[] = [];
    for await (const run of stack.client.workflow.list({ query: `BatchId = '${batchId}'` })) {
      listed.push(run.workflowId);
    }
    expect(listed.sort()).toEqual([...ids].sort());
  });

  it('200 concurrent submissions: no 5xx, every job completes', async () => {
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        stack.submit([{ name: fileName('burst', i), bytes: burstPage.png }]),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s !== 202)).toEqual([]);
    const ids = (
      await Promise.all(
        responses.map(async (r) => ((await r.json()) as { jobs: Array<{ id: string }> }).jobs),
      )
    ).flatMap((jobs) => jobs.map((j) => j.id));
    expect(new Set(ids).size).toBe(200);
    allJobs.push(...ids);
    const jobs = await stack.settled(ids, 600_000);
    expect(jobs.filter((j) => j.status !== 'completed')).toEqual([]);
  });

  it('a distinctive PHI string: in the input, absent from every log line, error, history and /metrics', async () => {
    // More paths for the string to leak by: a URL carrying it, one answering 404, a corrupt file.
    const urls = await stack.request('/v1/jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        urls: [
          `${source.origin}/scans/${encodeURIComponent(NAME)}.png?mrn=${MRN}`,
          `${source.origin}/missing/${MRN}.png?patient=${encodeURIComponent(NAME)}`,
        ],
      }),
    });
    expect(urls.status).toBe(202);
    const urlIds = ((await urls.json()) as { jobs: Array<{ id: string }> }).jobs.map((j) => j.id);
    const corrupt = readFileSync(join(PROJECT_ROOT, 'tests/fixtures/bad/corrupt.png'));
    const [corruptId = ''] = await stack.submitIds([
      { name: fileName('corrupt', 0), bytes: corrupt },
    ]);
    const refused = await stack.request('/v1/jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ urls: [`http://${MRN}:${MRN}@127.0.0.1/${NAME}.png`] }),
    });
    expect(refused.status).toBe(400);
    const ids = [...urlIds, corruptId];
    allJobs.push(...ids);
    const jobs = await stack.settled(ids, 120_000);
    expect(jobs.map((j) => j.status)).toEqual(['completed', 'failed', 'failed']);
    expect(jobs.map((j) => j.error?.code ?? null)).toEqual([
      null,
      'URL_HTTP_ERROR',
      'CORRUPT_INPUT',
    ]);

    const errors = [await refused.text(), ...jobs.map((j) => JSON.stringify(j.error))];
    const histories = await Promise.all(allJobs.map((id) => historyText(stack.client, id)));
    const metrics = [
      await (await fetch(`${stack.base}/metrics`)).text(),
      await (await fetch(stack.workerMetricsUrl)).text(),
    ];
    const logs = Object.values(stack.lines).flat();

    // The string is in the input (drawn on every page, in every file name and URL) …
    expect(documents[0]?.words.map((w) => w.text).join(' ')).toContain(NAME);
    expect(source.requests.map((r) => decodeURIComponent(r.path)).join('\n')).toContain(NAME);
    // … the pipeline read it (a name was masked on every page) …
    const completed = (await stack.results(allJobs)).filter((j) => j.status === 'completed');
    expect(completed.length).toBeGreaterThanOrEqual(1);
    expect(completed.filter((j) => !j.result?.byCategory.NAME)).toEqual([]);
    // … and every capture holds what it should: lines of each process, decoded histories, metrics.
    for (const name of ['api', 'worker'] as const)
      expect(stack.lines[name].length).toBeGreaterThan(50);
    // Each history decoded: its encrypted input names its own job.
    expect(histories.filter((h, i) => !h.includes(`"jobId":"${allJobs[i]}"`))).toEqual([]);
    expect(metrics[1]).toContain('redactify_jobs_completed_total');
    expect(errors.join('\n')).toContain('CORRUPT_INPUT');

    const captured = { logs, errors, histories, metrics };
    for (const [where, texts] of Object.entries(captured)) {
      for (const secret of PHI) {
        const leaks = texts.filter((t) => t.includes(secret));
        expect(leaks.slice(0, 3), `${secret} in ${where}`).toEqual([]);
      }
    }
  });
});
