// The hostile-input corpus through the HTTP API: exact error codes or correct page counts, every
// job reaches a final status, and the worker's memory stays bounded afterwards.
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Expectation } from '../fixtures/hostile.js';
import { TestPipeline, type ServedApi } from '../support/pipeline.js';

const dir = fileURLToPath(new URL('../fixtures/bad/', import.meta.url));
const expected = JSON.parse(await readFile(`${dir}expected.json`, 'utf8')) as Record<
  string,
  Expectation & { why: string }
>;

let pipeline: TestPipeline;
let api: ServedApi;
let apiKey: string;
/** `fetch` with this file's API key. */
const authed = (url: string, init: RequestInit = {}) =>
  fetch(url, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), 'x-api-key': apiKey },
  });
const taskQueue = TestPipeline.taskQueue();

beforeAll(async () => {
  pipeline = await TestPipeline.open();
  api = await pipeline.serveApi(taskQueue);
  apiKey = (await api.register()).apiKey;
});
afterAll(async () => {
  await api.stop();
  await pipeline.close();
});

interface Outcome {
  file: string;
  submitStatus: number;
  code?: string;
  status?: string;
  pages?: number;
  outputType?: string;
  entities?: number;
  output?: Buffer;
}

/** Text items in a PDF's text layer (a redacted PDF has none). */
async function pdfTextItems(pdf: Buffer): Promise<number> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 })
    .promise;
  let items = 0;
  for (let n = 1; n <= doc.numPages; n++)
    items += (await (await doc.getPage(n)).getTextContent()).items.length;
  await doc.destroy();
  return items;
}

async function submit(file: string): Promise<Outcome> {
  const form = new FormData();
  form.append('files', new Blob([await readFile(`${dir}${file}`)]), file);
  const response = await authed(`${api.base}/v1/jobs`, { method: 'POST', body: form });
  const body = (await response.json()) as {
    jobs?: Array<{ id: string }>;
    error?: { code: string };
  };
  if (!response.ok) return { file, submitStatus: response.status, code: body.error?.code };
  const id = body.jobs?.[0]?.id ?? '';
  for (;;) {
    const job = (await (await authed(`${api.base}/v1/jobs/${id}`)).json()) as {
      status: string;
      result: { pages: number; outputType: string; entitiesMasked: number } | null;
      error: { code: string } | null;
    };
    if (job.status === 'completed') {
      const output = Buffer.from(
        await (await authed(`${api.base}/v1/jobs/${id}/result`)).arrayBuffer(),
      );
      return {
        file,
        submitStatus: 202,
        status: job.status,
        pages: job.result?.pages,
        outputType: job.result?.outputType,
        entities: job.result?.entitiesMasked,
        output,
      };
    }
    if (job.status !== 'queued' && job.status !== 'running')
      return { file, submitStatus: 202, status: job.status, code: job.error?.code };
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('hostile inputs', () => {
  it('holds at least 25 generated files, each with an expectation', async () => {
    const files = (await readdir(dir)).filter((f) => f !== 'expected.json' && f !== 'generate.ts');
    expect(files.sort()).toEqual(Object.keys(expected).sort());
    expect(files.length).toBeGreaterThanOrEqual(25);
  });

  it('refuses, fails or redacts each file exactly as expected, and the worker survives it', async () => {
    const files = Object.keys(expected);
    // Twice: the first pass warms up (OCR threads, PDF parser); a leak would show in the second.
    const passes = await pipeline.runWorkers(
      taskQueue,
      (async () => {
        const runs: Array<{ outcomes: Outcome[]; rss: number }> = [];
        for (let pass = 0; pass < 2; pass++) {
          const outcomes: Outcome[] = [];
          for (const file of files) outcomes.push(await submit(file)); // one at a time: a crash points at its file
          runs.push({ outcomes, rss: process.memoryUsage().rss });
        }
        return runs;
      })(),
    );
    for (const outcome of passes.flatMap((p) => p.outcomes)) {
      const want = expected[outcome.file]!;
      if ('refusedAtSubmit' in want) {
        expect({
          file: outcome.file,
          code: outcome.code,
          clientError: outcome.submitStatus < 500,
        }).toEqual({
          file: outcome.file,
          code: want.refusedAtSubmit,
          clientError: true,
        });
      } else if ('jobFails' in want) {
        expect({ file: outcome.file, status: outcome.status, code: outcome.code }).toEqual({
          file: outcome.file,
          status: 'failed',
          code: want.jobFails,
        });
      } else {
        expect({
          file: outcome.file,
          pages: outcome.pages,
          outputType: outcome.outputType,
        }).toEqual({
          file: outcome.file,
          pages: want.pages,
          outputType: want.outputType,
        });
        if (want.outputType !== 'pdf')
          expect((await sharp(outcome.output).metadata()).pages ?? 1).toBe(want.pages);
        expect(
          outcome.output!.includes('JavaScript'),
          `${outcome.file}: no script in the output`,
        ).toBe(false);
        // Every format is redacted, not only read: all but the text-free BMPs carry the form's PHI.
        if (!outcome.file.endsWith('.bmp'))
          expect(outcome.entities, `${outcome.file}: PHI masked`).toBeGreaterThan(0);
        if (want.outputType === 'pdf')
          expect(await pdfTextItems(outcome.output!), `${outcome.file}: no text layer`).toBe(0);
      }
    }
    const [first, second] = passes.map((p) => Math.round(p.rss / 1e6));
    console.log(`worker process RSS after pass 1: ${first} MB, after pass 2: ${second} MB`);
    expect(second! - first!).toBeLessThan(150);
  });
});
