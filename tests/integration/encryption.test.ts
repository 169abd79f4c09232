// Encryption end to end: a job's raw Temporal history holds only ciphertext payloads, MinIO's disk
// holds no trace of the document's SSN, and the API still serves plaintext downloads.
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import proto from '@temporalio/proto';
import { parse as parseContentDisposition } from 'content-disposition';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stackStorage } from '../../scripts/lib/servers.js';
import { mintApiKey } from '../../src/access/keys.js';
import { ENCRYPTED_ENCODING } from '../../src/crypto/payload-codec.js';
import { jobKeys } from '../../src/storage/keys.js';
import { ObjectStore } from '../../src/storage/object-store.js';
import { formPage, intakeLines, PATIENTS } from '../fixtures/documents.js';
import { TestPipeline, type ServedApi } from '../support/pipeline.js';

/** Distinctive: no other test document carries it, so any copy on disk came from this file. */
const SSN = '587-31-9046';
const patient = { ...PATIENTS[0]!, ssn: SSN };
const adminKey = mintApiKey().apiKey;
const taskQueue = TestPipeline.taskQueue();

let pipeline: TestPipeline;
let api: ServedApi;
let apiKey: string;
let jobId: string;

const authed = (path: string, init: RequestInit = {}, key = apiKey) =>
  fetch(`${api.base}${path}`, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), 'x-api-key': key },
  });

beforeAll(async () => {
  // Everything kept, so the scan of MinIO's disk below sees the OCR word files and the input.
  pipeline = await TestPipeline.open({ lifecycle: { keepIntermediates: true, keepInput: true } });
  api = await pipeline.serveApi(taskQueue, { adminKeys: [adminKey] });
  apiKey = (await api.register()).apiKey;
  const page = await formPage(intakeLines(patient));
  const form = new FormData();
  form.append('files', new Blob([page.png]), `intake-${SSN}.png`);
  const submitted = await authed('/v1/jobs', { method: 'POST', body: form });
  expect(submitted.status).toBe(202);
  jobId = ((await submitted.json()) as { jobs: Array<{ id: string }> }).jobs[0]!.id;
  const done = async () => {
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline) {
      const job = (await (await authed(`/v1/jobs/${jobId}`)).json()) as { status: string };
      if (job.status !== 'queued' && job.status !== 'running') return job.status;
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error('job did not finish in time');
  };
  expect(await pipeline.runWorkers(taskQueue, done())).toBe('completed');
});
afterAll(async () => {
  await api.stop();
  await pipeline.close();
});

type Message = Record<string, unknown>;

/** Every payload in a history, but search attributes and headers (which no codec encodes). */
function payloadsIn(value: unknown, found: Message[] = []): Message[] {
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return found;
  if (Array.isArray(value)) {
    for (const item of value) payloadsIn(item, found);
    return found;
  }
  const message = value as Message;
  if (message.data instanceof Uint8Array && typeof message.metadata === 'object') {
    found.push(message);
    return found;
  }
  for (const [key, field] of Object.entries(message)) {
    if (key === 'searchAttributes' || key === 'header') continue;
    payloadsIn(field, found);
  }
  return found;
}

async function rawHistory() {
  const events: proto.temporal.api.history.v1.IHistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  for (let page = 0; page < 50; page++) {
    const response = await pipeline.client.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId: jobId },
      ...(nextPageToken && { nextPageToken }),
    });
    events.push(...(response.history?.events ?? []));
    if (!response.nextPageToken?.length) break;
    nextPageToken = response.nextPageToken;
  }
  return events;
}

describe('Temporal history', () => {
  it('holds only ciphertext payloads: no object keys, boxes or counts in the clear', async () => {
    const events = await rawHistory();
    expect(events.length).toBeGreaterThan(10);
    // Patch markers (from workflow `patched()` calls) are written by the SDK's core, past the
    // codec: their one payload is the patch id in json/plain, and it must hold nothing else.
    const isPatchMarker = (event: (typeof events)[number]) =>
      event.markerRecordedEventAttributes?.markerName === 'core_patch';
    const patchMarkers = events.flatMap((event) =>
      isPatchMarker(event) && event.markerRecordedEventAttributes
        ? [event.markerRecordedEventAttributes]
        : [],
    );
    expect(patchMarkers.length).toBeGreaterThan(0); // redact-pages.ts patches per page
    for (const marker of patchMarkers) {
      const patch = marker.details?.['patch-data']?.payloads?.[0];
      expect(Buffer.from(patch?.metadata?.encoding ?? []).toString()).toBe('json/plain');
      expect(JSON.parse(Buffer.from(patch?.data ?? []).toString())).toEqual({
        id: expect.stringMatching(/^[a-z]+(-[a-z]+)*$/),
        deprecated: expect.any(Boolean),
      });
    }
    const payloads = payloadsIn(events.filter((event) => !isPatchMarker(event)));
    // Workflow input, activity inputs and results, memos, the workflow result.
    expect(payloads.length).toBeGreaterThan(10);
    for (const payload of payloads) {
      const metadata = payload.metadata as Record<string, Uint8Array>;
      expect(Buffer.from(metadata.encoding ?? []).toString()).toBe(ENCRYPTED_ENCODING);
      expect(Object.keys(metadata).sort()).toEqual(['encoding', 'encryption-key-id']);
    }
    const bytes = Buffer.from(
      proto.temporal.api.history.v1.History.encode({ events }).finish(),
    ).toString('latin1');
    // (Search attributes stay json/plain for visibility: owner id, page and PHI counts.)
    for (const clear of [
      `jobs/${jobId}/`,
      'pageConcurrency',
      'maskedKey',
      'entitiesMasked',
      'byCategory',
      SSN,
    ]) {
      expect(bytes, clear).not.toContain(clear);
    }
  });

  it('is decoded by the codec server for an admin key, and only for one', async () => {
    const started = (await rawHistory())[0]?.workflowExecutionStartedEventAttributes;
    const sealed = started?.input?.payloads?.[0];
    expect(sealed).toBeDefined();
    const body = JSON.stringify({
      payloads: [
        {
          metadata: Object.fromEntries(
            Object.entries(sealed?.metadata ?? {}).map(([k, v]) => [
              k,
              Buffer.from(v).toString('base64'),
            ]),
          ),
          data: Buffer.from(sealed?.data ?? []).toString('base64'),
        },
      ],
    });
    const request = (key: string) =>
      authed(
        '/codec/decode',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body },
        key,
      );
    expect((await request(apiKey)).status).toBe(403);
    const response = await request(adminKey);
    expect(response.status).toBe(200);
    const decoded = (await response.json()) as { payloads: Array<{ data: string }> };
    const input = JSON.parse(Buffer.from(decoded.payloads[0]!.data, 'base64').toString()) as {
      jobId: string;
    };
    expect(input.jobId).toBe(jobId);
  });
});

/** Every file under `dir`, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function filesContaining(needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const file of await filesUnder(inject('stack').minioDataDir)) {
    const content = await readFile(file).catch(() => Buffer.alloc(0)); // MinIO may move files
    if (content.includes(needle)) hits.push(file);
  }
  return hits;
}

describe('object storage at rest', () => {
  it("leaves the document's SSN nowhere on MinIO's disk", async () => {
    // The scan sees what MinIO writes: a plaintext object put past the encryption is found.
    const control = `plaintext-control-${randomUUID()}`;
    const raw = new ObjectStore(stackStorage(inject('stack'), pipeline.store.bucket));
    await raw.putText(`control/${randomUUID()}.txt`, control);
    expect((await filesContaining(control)).length).toBeGreaterThan(0);

    // OCR read the SSN (the word file holds it, decrypted on read), yet no file on disk does.
    const ocr = jobKeys(jobId).ocr(0);
    expect((await pipeline.store.getBuffer(ocr)).toString()).toContain(SSN);
    expect(await filesContaining(SSN)).toEqual([]);
    expect(await filesContaining(SSN.replaceAll('-', ''))).toEqual([]);
    expect(await filesContaining(`intake-${SSN}`)).toEqual([]);
  });

  it('still serves plaintext downloads through the API', async () => {
    const result = await authed(`/v1/jobs/${jobId}/result`);
    expect(result.status).toBe(200);
    // The download name (sealed on the output object: S3 keeps headers in the clear).
    expect(parseContentDisposition(result.headers.get('content-disposition') ?? '')).toEqual({
      type: 'attachment',
      parameters: { filename: `redacted_intake-${SSN}.png` },
    });
    const output = Buffer.from(await result.arrayBuffer());
    expect((await sharp(output).metadata()).format).toBe('png');
    const text = await (await authed(`/v1/jobs/${jobId}/text`)).text();
    expect(text).toContain('SSN');
    expect(text).not.toContain(SSN);
    const report = (await (await authed(`/v1/jobs/${jobId}/report`)).json()) as {
      totals: { pages: number };
    };
    expect(report.totals.pages).toBe(1);
  });
});
