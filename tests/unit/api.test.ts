// The API's own behaviour with no servers behind it: validation, limits, envelopes, readiness.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanFilename } from '../../src/api/submit.js';
import { buildUnitApp, envelope, type UnitApp } from '../support/unit-app.js';

let unit: UnitApp;
let app: UnitApp['app'];
let key: string;

beforeAll(async () => {
  unit = await buildUnitApp();
  app = unit.app;
  key = await unit.register('unit@example.org');
});
afterAll(() => unit.close());

const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

function call(path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (!headers.has('x-api-key')) headers.set('x-api-key', key);
  return app.request(path, { ...init, headers });
}

function upload(files: Array<[bytes: Buffer | string, name: string]>, options?: string) {
  const form = new FormData();
  for (const [bytes, name] of files) form.append('files', new Blob([bytes]), name);
  if (options !== undefined) form.append('options', options);
  return call('/v1/jobs', { method: 'POST', body: form });
}

describe('POST /v1/jobs validation', () => {
  it('refuses an HTML file named .png as 415 UNSUPPORTED_TYPE, naming it by position', async () => {
    const response = await upload([
      [PNG_HEAD, 'a.png'],
      ['<!doctype html><html></html>', 'b.png'],
    ]);
    expect(response.status).toBe(415);
    expect(await envelope(response)).toMatchObject({
      code: 'UNSUPPORTED_TYPE',
      message: 'File 2 of 2 is an HTML page, which is not supported',
    });
  });

  it('refuses an empty file as 400 EMPTY_FILE', async () => {
    const response = await upload([['', 'empty.tiff']]);
    expect(response.status).toBe(400);
    expect((await envelope(response)).code).toBe('EMPTY_FILE');
  });

  it('refuses an upload over the size limit as 413', async () => {
    const response = await upload([[Buffer.alloc(2 * 1024 * 1024, 1), 'big.png']]);
    expect(response.status).toBe(413);
    expect((await envelope(response)).code).toBe('UPLOAD_TOO_LARGE');
  });

  it('refuses too many files, no files, and bad options', async () => {
    const three = await upload([
      [PNG_HEAD, '1'],
      [PNG_HEAD, '2'],
      [PNG_HEAD, '3'],
    ]);
    expect((await envelope(three)).code).toBe('VALIDATION_FAILED');
    const noFiles = await call('/v1/jobs', { method: 'POST', body: new FormData() });
    expect(noFiles.status).toBe(400);
    const badOptions = await upload([[PNG_HEAD, 'a.png']], '{"categories":["SHOE_SIZE"]}');
    expect(badOptions.status).toBe(400);
    expect((await envelope(badOptions)).message).toContain('categories');
  });

  it('refuses 1,000 allow terms over the size cap before any job starts', async () => {
    const allow = Array.from({ length: 1000 }, (_, i) => `Facility Name Number ${i}`);
    const response = await upload([[PNG_HEAD, 'a.png']], JSON.stringify({ allow }));
    expect(response.status).toBe(400);
    expect((await envelope(response)).message).toContain('at most 20000 characters');
  });

  it('refuses URLs the policy does not allow with 400 URL_NOT_ALLOWED, before any job exists', async () => {
    const post = (body: unknown) =>
      call('/v1/jobs', {
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

  it('answers 415 UNSUPPORTED_MEDIA_TYPE for a body that is neither multipart nor JSON', async () => {
    const response = await call('/v1/jobs', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(response.status).toBe(415);
    expect((await envelope(response)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('malformed and oversized bodies', () => {
  const multipart = (contentType: string, body: string) =>
    call('/v1/jobs', { method: 'POST', headers: { 'content-type': contentType }, body });
  const part = (b: string, name: string, value: string, filename?: string) =>
    `--${b}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n\r\n${value}\r\n`;

  it.each([
    ['no boundary', 'multipart/form-data', part('B', 'files', 'x', 'a.png') + '--B--\r\n'],
    [
      'a truncated body',
      'multipart/form-data; boundary=B',
      part('B', 'files', 'x', 'a.png').slice(0, 50),
    ],
    [
      'CRLF inside a part header',
      'multipart/form-data; boundary=B',
      `--B\r\nContent-Disposition: form-data; name="fi\r\nles"; filename="a.png"\r\n\r\nx\r\n--B--\r\n`,
    ],
    ['garbage', 'multipart/form-data; boundary=B', 'not multipart at all'],
  ])('answers 400, not 500, for %s', async (_, type, body) => {
    const response = await multipart(type, body);
    expect(response.status).toBe(400);
    expect((await envelope(response)).code).toBe('VALIDATION_FAILED');
  });

  it('caps the number of parts and the size of a field', async () => {
    const many =
      Array.from({ length: 10 }, (_, i) => part('B', `f${i}`, 'x')).join('') + '--B--\r\n';
    const tooMany = await multipart('multipart/form-data; boundary=B', many);
    expect(tooMany.status).toBe(400);
    expect((await envelope(tooMany)).message).toContain('more than 6 parts');
    const bigField =
      part('B', 'files', 'x', 'a.png') + part('B', 'options', 'x'.repeat(70 * 1024)) + '--B--\r\n';
    const big = await multipart('multipart/form-data; boundary=B', bigField);
    expect(big.status).toBe(400);
    expect((await envelope(big)).message).toContain('"options" is over 65536 bytes');
  });

  it('refuses a results body over the JSON limit with 413 before parsing it', async () => {
    const body = JSON.stringify({ ids: Array.from({ length: 30_000 }, () => ({})) });
    expect(body.length).toBeGreaterThan(64 * 1024);
    const response = await call('/v1/results', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(413);
    expect((await envelope(response)).code).toBe('BODY_TOO_LARGE');
  });

  it('answers malformed JSON with the envelope', async () => {
    const response = await call('/v1/results', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"ids": [',
    });
    expect(response.status).toBe(400);
    expect((await envelope(response)).code).toBe('VALIDATION_FAILED');
  });
});

describe('other routes', () => {
  it('rejects malformed and too many ids on /v1/results', async () => {
    expect((await call('/v1/results?ids=a,b,c,d')).status).toBe(400);
    expect((await call('/v1/results?ids=../etc')).status).toBe(400);
    const empty = await call('/v1/results', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(empty.status).toBe(400);
    expect((await envelope(empty)).code).toBe('VALIDATION_FAILED');
  });

  it('answers a forged job id 404 without asking Temporal (which is unreachable here)', async () => {
    const forged = 'job-019ad3a1-8c3e-7b7a-8afe-0123456789ab-0123456789abcdef';
    const response = await call(`/v1/jobs/${forged}`);
    expect(response.status).toBe(404);
    expect((await envelope(response)).code).toBe('JOB_NOT_FOUND');
  });

  it('answers unknown routes with the envelope', async () => {
    const response = await call('/v2/nothing');
    expect(response.status).toBe(404);
    expect((await envelope(response)).code).toBe('NOT_FOUND');
  });

  it('is live but not ready when Temporal and storage are down, without a key', async () => {
    expect((await app.request('/health')).status).toBe(200);
    const ready = await app.request('/health/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'unavailable',
      components: { temporal: 'unavailable', storage: 'unavailable' },
    });
  });

  it('keeps a strict client request id and replaces any other', async () => {
    const kept = await app.request('/health', { headers: { 'x-request-id': 'client-req-0001' } });
    expect(kept.headers.get('x-request-id')).toBe('client-req-0001');
    for (const bad of ['short', 'has space in it', 'x'.repeat(65), 'evil<script>12']) {
      const replaced = await app.request('/health', { headers: { 'x-request-id': bad } });
      expect(replaced.headers.get('x-request-id')).not.toBe(bad);
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('API_ALLOWED_HOSTS', () => {
  it('answers 421 HOST_NOT_ALLOWED to any other Host, on open routes too', async () => {
    const guarded = await buildUnitApp({
      overrides: () => ({ allowedHosts: ['api.example.org'] }),
    });
    try {
      const ok = await guarded.app.request('/health', {
        headers: { host: 'API.example.org:8000' },
      });
      expect(ok.status).toBe(200);
      const rebound = await guarded.app.request('/health', { headers: { host: 'evil.example' } });
      expect(rebound.status).toBe(421);
      expect((await envelope(rebound)).code).toBe('HOST_NOT_ALLOWED');
    } finally {
      await guarded.close();
    }
  });
});

describe('file names', () => {
  it('keeps the base name, printable and short', () => {
    expect(cleanFilename('C:\\scans\\"john"\u0007.tiff')).toBe('john.tiff');
    expect(cleanFilename('')).toBe('document');
  });

  it('strips bidi and other format characters', () => {
    expect(cleanFilename('invoice\u202Egnp.exe')).toBe('invoicegnp.exe');
    expect(cleanFilename('a\u200Bb\u2066c\uFEFF.png')).toBe('abc.png');
  });

  it('cuts by characters, never inside a surrogate pair, keeping the extension', () => {
    const name = `${'a'.repeat(150)}${'😀'.repeat(100)}.png`;
    const cleaned = cleanFilename(name);
    expect([...cleaned]).toHaveLength(200);
    expect(cleaned.endsWith('😀.png')).toBe(true);
    expect(() => encodeURIComponent(cleaned)).not.toThrow();
    // A lone surrogate (a name cut elsewhere) is dropped, not kept.
    expect(cleanFilename('x\uD83D.png')).toBe('x.png');
  });
});
