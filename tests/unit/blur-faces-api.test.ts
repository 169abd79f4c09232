// blur-faces and batches at the API, with no servers behind it: what is refused before any job
// exists, the batch routes' 404s, and the zip's entry names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_ID, batchQuery } from '../../src/api/batch-lookup.js';
import { zipEntryName } from '../../src/api/batch-zip.js';
import { downloadName } from '../../src/jobs/download-name.js';
import { ZJobOptions } from '../../src/jobs/manifest.js';
import { buildUnitApp, envelope, type UnitApp } from '../support/unit-app.js';

let unit: UnitApp;
let key: string;

beforeAll(async () => {
  unit = await buildUnitApp();
  key = await unit.register('faces@example.org');
});
afterAll(() => unit.close());

const call = (path: string, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  headers.set('x-api-key', key);
  return unit.app.request(path, { ...init, headers });
};

/** The first bytes of an MP4 (an `ftyp` box, brand isom), padded past the sniffing window. */
const mp4Head = (size: number) =>
  Buffer.concat([
    Buffer.from([0, 0, 0, 0x20]),
    Buffer.from('ftypisom'),
    Buffer.alloc(Math.max(0, size - 12)),
  ]);

function upload(bytes: Buffer, options?: object) {
  const form = new FormData();
  form.append('files', new Blob([bytes]), 'clip.mp4');
  if (options) form.append('options', JSON.stringify(options));
  return call('/v1/jobs', { method: 'POST', body: form });
}

describe('options.operation', () => {
  it('is redact or blur-faces, and nothing else', () => {
    expect(ZJobOptions.safeParse({ operation: 'blur-faces' }).success).toBe(true);
    expect(ZJobOptions.safeParse({ operation: 'redact' }).success).toBe(true);
    expect(ZJobOptions.safeParse({ operation: 'blur' }).success).toBe(false);
  });

  it('refuses a video for redact (the default) with 422 OPERATION_NOT_SUPPORTED', async () => {
    const response = await upload(mp4Head(1024));
    expect(response.status).toBe(422);
    expect(await envelope(response)).toMatchObject({ code: 'OPERATION_NOT_SUPPORTED' });
  });

  it('refuses a video over MAX_VIDEO_BYTES with 413 VIDEO_TOO_LARGE before any job starts', async () => {
    // The unit app allows 64 KiB of video (1 MiB uploads); Temporal is unreachable, so a job
    // start would be a 5xx.
    const response = await upload(mp4Head(64 * 1024 + 1), { operation: 'blur-faces' });
    expect(response.status).toBe(413);
    expect(await envelope(response)).toMatchObject({ code: 'VIDEO_TOO_LARGE' });
  });
});

describe('/v1/batches', () => {
  it('answers a malformed batch id 404 BATCH_NOT_FOUND without asking Temporal', async () => {
    for (const path of ['/v1/batches/nope', "/v1/batches/batch-1' OR 1=1/result.zip"]) {
      const response = await call(path);
      expect(response.status).toBe(404);
      expect(await envelope(response)).toMatchObject({ code: 'BATCH_NOT_FOUND' });
    }
  });

  it('needs a key', async () => {
    const response = await unit.app.request(
      '/v1/batches/batch-00000000-0000-0000-0000-000000000000',
    );
    expect(response.status).toBe(401);
  });

  it('queries only well-formed batch and owner ids', () => {
    const id = 'batch-0b6c3f0e-5d7a-4f3e-9a51-2f0c8c1d9e77';
    expect(BATCH_ID.test(id)).toBe(true);
    expect(batchQuery(id, 'acct_1')).toBe(
      `WorkflowType = 'redactDocument' AND BatchId = '${id}' AND OwnerId = 'acct_1'`,
    );
    expect(() => batchQuery("batch-x' OR 'a'='a", 'acct_1')).toThrow();
    expect(() => batchQuery(id, "x' OR 'a'='a")).toThrow();
  });
});

describe('zipEntryName', () => {
  const disposition = (name: string) => `attachment; filename="${name}"`;
  const fallback = { jobId: 'job-1', outputType: 'png' as const };

  it('uses the download name and makes repeats unique before the extension', () => {
    const taken = new Set<string>();
    expect(zipEntryName(disposition('redacted_scan.png'), fallback, taken)).toBe(
      'redacted_scan.png',
    );
    expect(zipEntryName(disposition('redacted_scan.png'), fallback, taken)).toBe(
      'redacted_scan (2).png',
    );
    expect(zipEntryName(disposition('REDACTED_SCAN.png'), fallback, taken)).toBe(
      'REDACTED_SCAN (3).png',
    );
  });

  it('never lets a name climb out of the folder, and falls back to the job id', () => {
    const taken = new Set<string>();
    expect(zipEntryName(disposition('../../etc/passwd'), fallback, taken)).toBe('passwd');
    expect(zipEntryName(disposition('..'), fallback, taken)).toBe('job-1.png');
    expect(zipEntryName(undefined, { jobId: 'job-2', outputType: 'mp4' }, taken)).toBe('job-2.mp4');
  });

  it("names a video's output .mp4 whatever it came in as", () => {
    expect(downloadName('visit.mov', 'mp4')).toBe('redacted_visit.mp4');
    expect(downloadName('visit.mp4', 'mp4')).toBe('redacted_visit.mp4');
    expect(downloadName('clip.webm', 'mp4')).toBe('redacted_clip.mp4');
  });
});
