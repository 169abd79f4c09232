// The API's own behaviour with no servers behind it: validation, envelopes, readiness when down.
import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { contentDisposition } from '../../src/api/routes/jobs.js';
import { cleanFilename } from '../../src/api/submit.js';
import { createLogger } from '../../src/log.js';
import { createApiMetrics } from '../../src/metrics/api-metrics.js';
import { createRegistry } from '../../src/metrics/registry.js';
import { ObjectStore } from '../../src/storage/object-store.js';

// Real clients pointed at a port nothing listens on: any request reaching them would fail.
const connection = Connection.lazy({ address: '127.0.0.1:1', connectTimeout: 500 });
const app = createApp(
  {
    temporal: new Client({ connection }),
    store: new ObjectStore({
      endpoint: 'http://127.0.0.1:1',
      region: 'us-east-1',
      accessKey: 'k',
      secretKey: 'secret-key',
      bucket: 'none',
    }),
    jobs: { taskQueue: 'unused', pageConcurrency: 1, pagesPerChild: 100 },
    packNames: ['builtin'],
    maxUploadBytes: 1024,
    maxFilesPerBatch: 2,
    urlPolicy: { allowHosts: [], allowedPorts: [80, 443] },
    resultsMaxIds: 3,
    resultsLookup: { concurrency: 1, visibilityGraceMs: 300_000 },
    metrics: createApiMetrics(createRegistry({ processMetrics: false })),
  },
  createLogger('api-unit', 'error'),
);
afterAll(() => connection.close());

const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

function upload(...files: Array<[bytes: Buffer | string, name: string]>) {
  const form = new FormData();
  for (const [bytes, name] of files) form.append('files', new Blob([bytes]), name);
  return app.request('/v1/jobs', { method: 'POST', body: form });
}

async function envelope(response: Response) {
  const body = (await response.json()) as {
    error: { code: string; message: string; requestId: string };
  };
  expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
  return body.error;
}

describe('POST /v1/jobs validation', () => {
  it('refuses an HTML file named .png as 415 UNSUPPORTED_TYPE, naming it by position', async () => {
    const response = await upload([PNG_HEAD, 'a.png'], ['<!doctype html><html></html>', 'b.png']);
    expect(response.status).toBe(415);
    expect(await envelope(response)).toMatchObject({
      code: 'UNSUPPORTED_TYPE',
      message: 'File 2 of 2 is an HTML page, which is not supported',
    });
  });

  it('refuses an empty file as 400 EMPTY_FILE', async () => {
    const response = await upload(['', 'empty.tiff']);
    expect(response.status).toBe(400);
    expect((await envelope(response)).code).toBe('EMPTY_FILE');
  });

  it('refuses an upload over the size limit as 413', async () => {
    const response = await upload([Buffer.alloc(4096, 1), 'big.png']);
    expect(response.status).toBe(413);
    expect((await envelope(response)).code).toBe('UPLOAD_TOO_LARGE');
  });

  it('refuses too many files, no files, and bad options', async () => {
    expect(
      (await envelope(await upload([PNG_HEAD, '1'], [PNG_HEAD, '2'], [PNG_HEAD, '3']))).code,
    ).toBe('VALIDATION_FAILED');
    const noFiles = await app.request('/v1/jobs', { method: 'POST', body: new FormData() });
    expect(noFiles.status).toBe(400);
    const form = new FormData();
    form.append('files', new Blob([PNG_HEAD]), 'a.png');
    form.append('options', '{"categories":["SHOE_SIZE"]}');
    const badOptions = await app.request('/v1/jobs', { method: 'POST', body: form });
    expect(badOptions.status).toBe(400);
    expect((await envelope(badOptions)).message).toContain('categories');
  });

  it('refuses URLs the policy does not allow with 400 URL_NOT_ALLOWED, before any job exists', async () => {
    const post = (body: unknown) =>
      app.request('/v1/jobs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const cases: Array<[string[], string]> = [
      [['file:///etc/passwd'], 'The URL is not allowed: only http and https URLs are allowed'],
      [
        ['http://user:pw@docs.example/a.tiff'],
        'The URL is not allowed: URLs with credentials are not allowed',
      ],
      [['http://docs.example:8080/a.tiff'], 'The URL is not allowed: port 8080 is not allowed'],
      [
        ['https://docs.example/a.tiff', 'http://0x7f.1/?mrn=123'],
        'URL 2 of 2 is not allowed: the address is in a blocked range (loopback)',
      ],
      [['not a url'], 'The URL is not allowed: it is not a valid URL'],
    ];
    for (const [urls, message] of cases) {
      const response = await post({ urls });
      expect(response.status).toBe(400);
      expect(await envelope(response)).toMatchObject({ code: 'URL_NOT_ALLOWED', message });
    }
    // More URLs than files allowed per batch, a bad body, an unknown pack.
    const three = ['https://a.example/', 'https://b.example/', 'https://c.example/'];
    expect((await envelope(await post({ urls: three }))).code).toBe('VALIDATION_FAILED');
    expect((await envelope(await post({ urls: [] }))).code).toBe('VALIDATION_FAILED');
    expect((await envelope(await post({ urls: [42] }))).code).toBe('VALIDATION_FAILED');
    const packs = await post({ urls: ['https://a.example/'], options: { packs: ['nope'] } });
    expect((await envelope(packs)).code).toBe('UNKNOWN_PATTERN_PACK');
  });
});

describe('other routes', () => {
  it('rejects malformed and too many ids on /v1/results', async () => {
    expect((await app.request('/v1/results?ids=a,b,c,d')).status).toBe(400);
    expect((await app.request('/v1/results?ids=../etc')).status).toBe(400);
    expect((await app.request('/v1/results', { method: 'POST', body: '{}' })).status).toBe(400);
  });

  it('answers unknown routes with the envelope', async () => {
    const response = await app.request('/v2/nothing');
    expect(response.status).toBe(404);
    expect((await envelope(response)).code).toBe('NOT_FOUND');
  });

  it('is live but not ready when Temporal and storage are down', async () => {
    expect((await app.request('/health')).status).toBe(200);
    const ready = await app.request('/health/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'unavailable',
      components: { temporal: 'unavailable', storage: 'unavailable' },
    });
  });
});

describe('file names', () => {
  it('keeps the base name, printable and short', () => {
    expect(cleanFilename('C:\\scans\\"john"\u0007.tiff')).toBe('john.tiff');
    expect(cleanFilename('')).toBe('document');
  });

  it('builds an attachment header safe for any name', () => {
    expect(contentDisposition('redacted_résumé.png')).toBe(
      `attachment; filename="redacted_r_sum_.png"; filename*=UTF-8''redacted_r%C3%A9sum%C3%A9.png`,
    );
  });
});
