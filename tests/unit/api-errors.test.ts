// One error class: a RedactifyError thrown anywhere below a route answers with its own code and
// status from ERROR_STATUS, not 500 INTERNAL; anything else stays a detail-free 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS, RedactifyError } from '../../src/errors.js';
import { checkLimits } from '../../src/imaging/reader.js';
import { buildUnitApp, envelope, type UnitApp } from '../support/unit-app.js';

let unit: UnitApp;
let key: string;

const LIMITS = { maxPages: 2, maxPagePixels: 100, maxDocumentPixels: 150 };

beforeAll(async () => {
  unit = await buildUnitApp();
  // Probe routes on the real app, behind its request id, access and error middleware (added
  // before the first request, which freezes Hono's router).
  unit.app.get('/v1/probe/limits/:pages', (c) => {
    const pages = Number(c.req.param('pages'));
    checkLimits(pages, [], LIMITS);
    return c.text('within limits');
  });
  unit.app.get('/v1/probe/retryable', () => {
    throw new RedactifyError('URL_TIMEOUT', 'The server did not answer in time', {
      retryable: true,
      headers: { 'Retry-After': '7' },
    });
  });
  unit.app.get('/v1/probe/plain', () => {
    throw new Error('something private went wrong');
  });
  key = await unit.register('errors@example.org');
});
afterAll(() => unit.close());

const get = (path: string) => unit.app.request(path, { headers: { 'x-api-key': key } });

describe('a RedactifyError reaching the API', () => {
  it('answers a domain module’s error (no pages) with its code and status', async () => {
    const response = await get('/v1/probe/limits/0');
    expect(response.status).toBe(ERROR_STATUS.NO_PAGES);
    expect(response.status).toBe(422);
    expect(await envelope(response)).toMatchObject({
      code: 'NO_PAGES',
      message: 'The document has no pages',
    });
  });

  it('answers another code of the same module with that code’s status', async () => {
    const response = await get('/v1/probe/limits/3');
    expect(response.status).toBe(422);
    expect((await envelope(response)).code).toBe('TOO_MANY_PAGES');
    expect(await (await get('/v1/probe/limits/1')).text()).toBe('within limits');
  });

  it('keeps a retryable error’s code and status, and sends its headers', async () => {
    const response = await get('/v1/probe/retryable');
    expect(response.status).toBe(504);
    expect(response.headers.get('retry-after')).toBe('7');
    expect((await envelope(response)).code).toBe('URL_TIMEOUT');
  });

  it('answers any other error as 500 INTERNAL without its message', async () => {
    const response = await get('/v1/probe/plain');
    expect(response.status).toBe(500);
    const error = await envelope(response);
    expect(error).toMatchObject({ code: 'INTERNAL', message: 'Internal server error' });
    expect(JSON.stringify(error)).not.toContain('private');
  });
});
