// Who may use the API and what they see, on real Temporal, MinIO and the access store: the auth
// matrix, tenancy on every job endpoint, rate limits, the audit trail, and the abuse cases that
// need a real job (forged ids, an emoji at the file-name cut, PHI response headers).
import { parse as parseContentDisposition } from 'content-disposition';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mintApiKey } from '../../src/access/keys.js';
import { formPage, intakeLines, PATIENTS } from '../fixtures/documents.js';
import { GENEROUS_LIMITS, TestPipeline, type ServedApi } from '../support/pipeline.js';

const ADMIN_KEY = mintApiKey().apiKey;
// 202 UTF-16 units, 201 characters: cutting the last 200 units would split the emoji's pair.
const EMOJI_NAME = `x😀${'b'.repeat(195)}.png`;

let pipeline: TestPipeline;
let api: ServedApi;
const taskQueue = TestPipeline.taskQueue();
let alice: string;
let bob: string;
let jobId: string;

type Headers = Record<string, string>;
const get = (path: string, headers: Headers = {}) => fetch(`${api.base}${path}`, { headers });
const as = (key: string): Headers => ({ 'x-api-key': key });
const postJson = (path: string, body: unknown, headers: Headers = {}) =>
  fetch(`${api.base}${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function errorCode(response: Response): Promise<string> {
  const body = (await response.json()) as { error: { code: string; requestId: string } };
  expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
  return body.error.code;
}

beforeAll(async () => {
  // The manifest is read after the job completed: kept, as KEEP_INPUT=true keeps it.
  pipeline = await TestPipeline.open({ lifecycle: { keepInput: true } });
  api = await pipeline.serveApi(taskQueue, { adminKeys: [ADMIN_KEY] });
  alice = (await api.register('alice@example.org')).apiKey;
  bob = (await api.register('bob@example.org')).apiKey;
  const page = await formPage(intakeLines(PATIENTS[0]!));
  const form = new FormData();
  form.append('files', new Blob([page.png]), EMOJI_NAME);
  const submitted = await fetch(`${api.base}/v1/jobs`, {
    method: 'POST',
    body: form,
    headers: as(alice),
  });
  expect(submitted.status).toBe(202);
  jobId = ((await submitted.json()) as { jobs: Array<{ id: string }> }).jobs[0]!.id;
  await pipeline.runWorkers(taskQueue, pipeline.client.workflow.getHandle(jobId).result());
});
afterAll(async () => {
  await api.stop();
  await pipeline.close();
});

describe('the auth matrix', () => {
  it('answers 401 for no key, a malformed key, and an unknown key, on every /v1 route', async () => {
    const unknown = mintApiKey().apiKey;
    for (const headers of [{}, as('not-a-key'), { authorization: 'Basic abc' }, as(unknown)]) {
      for (const path of [
        `/v1/jobs/${jobId}`,
        `/v1/jobs/${jobId}/result`,
        '/v1/results?ids=a',
        '/v1/audit',
        '/v1/auth/stats',
      ]) {
        const response = await get(path, headers);
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(response.headers.get('www-authenticate')).toBe('Bearer');
        expect(await errorCode(response)).toBe('UNAUTHORIZED');
      }
    }
    const submit = await fetch(`${api.base}/v1/jobs`, { method: 'POST', body: new FormData() });
    expect(submit.status).toBe(401);
  });

  it('takes the key as X-API-Key or Authorization: Bearer', async () => {
    expect((await get(`/v1/jobs/${jobId}`, as(alice))).status).toBe(200);
    expect((await get(`/v1/jobs/${jobId}`, { authorization: `Bearer ${alice}` })).status).toBe(200);
  });

  it('stops a revoked key at once', async () => {
    const { apiKey } = await api.register();
    expect((await get('/v1/auth/stats', as(apiKey))).status).toBe(200);
    const revoked = await postJson('/v1/auth/revoke', {}, as(apiKey));
    expect(revoked.status).toBe(200);
    const after = await get('/v1/auth/stats', as(apiKey));
    expect(after.status).toBe(401);
    expect(await errorCode(after)).toBe('UNAUTHORIZED');
  });

  it('stops the old key of a regenerated pair at once and accepts the new one', async () => {
    const old = await api.register();
    const regenerated = await postJson('/v1/auth/regenerate', {}, as(old.apiKey));
    expect(regenerated.status).toBe(200);
    expect(regenerated.headers.get('cache-control')).toBe('no-store');
    const fresh = (await regenerated.json()) as { apiKey: string; keyId: string };
    expect(fresh.keyId).not.toBe(old.keyId);
    expect((await get('/v1/auth/stats', as(old.apiKey))).status).toBe(401);
    expect((await get('/v1/auth/stats', as(fresh.apiKey))).status).toBe(200);
  });

  it('answers 403 on admin routes for a user key, and serves them for an admin key', async () => {
    for (const path of ['/v1/audit', '/v1/admin/accounts']) {
      const refused = await get(path, as(alice));
      expect(refused.status).toBe(403);
      expect(await errorCode(refused)).toBe('FORBIDDEN');
      expect((await get(path, as(ADMIN_KEY))).status).toBe(200);
    }
    const accounts = (await (await get('/v1/admin/accounts', as(ADMIN_KEY))).json()) as {
      accounts: Array<{ email: string; activeKeys: string[] }>;
    };
    expect(accounts.accounts.map((a) => a.email)).toEqual(
      expect.arrayContaining(['alice@example.org', 'bob@example.org']),
    );
  });

  it('lets an admin revoke any key', async () => {
    const victim = await api.register();
    const revoked = await fetch(`${api.base}/v1/admin/keys/${victim.keyId}/revoke`, {
      method: 'POST',
      headers: as(ADMIN_KEY),
    });
    expect(revoked.status).toBe(200);
    expect((await get('/v1/auth/stats', as(victim.apiKey))).status).toBe(401);
    const again = await fetch(`${api.base}/v1/admin/keys/${victim.keyId}/revoke`, {
      method: 'POST',
      headers: as(ADMIN_KEY),
    });
    expect(again.status).toBe(404);
    expect(await errorCode(again)).toBe('KEY_NOT_FOUND');
  });

  it('keeps /health, /health/ready, /openapi.json and /docs open', async () => {
    for (const path of ['/health', '/health/ready', '/openapi.json', '/docs']) {
      expect((await get(path)).status, path).toBe(200);
    }
  });
});

describe('tenancy', () => {
  it("answers 404 JOB_NOT_FOUND on every endpoint of another account's job", async () => {
    for (const suffix of ['', '/result', '/report', '/text']) {
      const own = await get(`/v1/jobs/${jobId}${suffix}`, as(alice));
      expect(own.status, `own ${suffix}`).toBe(200);
      const other = await get(`/v1/jobs/${jobId}${suffix}`, as(bob));
      expect(other.status, `other ${suffix}`).toBe(404);
      expect(await errorCode(other)).toBe('JOB_NOT_FOUND');
    }
  });

  it("never shows another account's jobs in /v1/results", async () => {
    const forBob = (await (await postJson('/v1/results', { ids: [jobId] }, as(bob))).json()) as {
      results: unknown[];
      summary: Record<string, number>;
    };
    expect(forBob).toEqual({
      results: [{ id: jobId, status: 'not_found' }],
      summary: {
        queued: 0,
        running: 0,
        review: 0,
        completed: 0,
        failed: 0,
        cancelled: 0,
        expired: 0,
        notFound: 1,
      },
    });
    const viaGet: unknown = await (await get(`/v1/results?ids=${jobId}`, as(bob))).json();
    expect(viaGet).toEqual(forBob);
    const forAlice = (await (await get(`/v1/results?ids=${jobId}`, as(alice))).json()) as {
      summary: Record<string, number>;
    };
    expect(forAlice.summary.completed).toBe(1);
  });

  it('records the owner in the job manifest and in the OwnerId search attribute', async () => {
    const stats = (await (await get('/v1/auth/stats', as(alice))).json()) as {
      accountId: string;
      jobsSubmitted: number;
      pagesProcessed: number;
      requestCount: number;
    };
    expect(stats).toMatchObject({ jobsSubmitted: 1, pagesProcessed: 1 });
    expect(stats.requestCount).toBeGreaterThan(1);
    const manifest = JSON.parse(
      (await pipeline.store.getBuffer(`jobs/${jobId}/manifest.json`)).toString('utf8'),
    ) as { ownerId: string };
    expect(manifest.ownerId).toBe(stats.accountId);
    const description = await pipeline.client.workflow.getHandle(jobId).describe();
    expect(description.searchAttributes.OwnerId).toEqual([stats.accountId]);
  });
});

describe('abuse limits that need a real job', () => {
  it('serves the download of a file whose name had an emoji at the cut', async () => {
    const download = await get(`/v1/jobs/${jobId}/result`, as(alice));
    expect(download.status).toBe(200);
    const disposition = parseContentDisposition(download.headers.get('content-disposition') ?? '');
    expect(disposition.type).toBe('attachment');
    expect(disposition.parameters.filename).toBe(`redacted_😀${'b'.repeat(195)}.png`);
    expect((await download.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it('marks result, report and text no-store and nosniff', async () => {
    for (const suffix of ['/result', '/report', '/text']) {
      const response = await get(`/v1/jobs/${jobId}${suffix}`, as(alice));
      expect(response.headers.get('cache-control'), suffix).toBe('no-store');
      expect(response.headers.get('x-content-type-options'), suffix).toBe('nosniff');
      await response.arrayBuffer();
    }
  });

  it('asks Temporal nothing about forged fresh job ids', async () => {
    const service = pipeline.client.workflowService;
    const describe = vi.spyOn(service, 'describeWorkflowExecution');
    const list = vi.spyOn(service, 'listWorkflowExecutions');
    try {
      // A fresh UUIDv7 in our shape, with a tag that is not ours.
      const forged = Array.from(
        { length: 1000 },
        (_, i) => `${pipeline.jobIds.mint().slice(0, 40)}-${i.toString(16).padStart(16, '0')}`,
      );
      const single = await get(`/v1/jobs/${forged[0]}`, as(alice));
      expect(single.status).toBe(404);
      const many = (await (await postJson('/v1/results', { ids: forged }, as(alice))).json()) as {
        summary: { notFound: number };
      };
      expect(many.summary.notFound).toBe(1000);
      expect(describe).not.toHaveBeenCalled();
      expect(list).not.toHaveBeenCalled();
      // The spies do see the calls a real id makes.
      expect((await get(`/v1/jobs/${jobId}`, as(alice))).status).toBe(200);
      expect(describe).toHaveBeenCalled();
    } finally {
      describe.mockRestore();
      list.mockRestore();
    }
  });
});

describe('the audit trail', () => {
  it('holds a row for every access and key event, with outcomes, and no file name', async () => {
    const read = async (query: string) =>
      (
        (await (await get(`/v1/audit?${query}`, as(ADMIN_KEY))).json()) as {
          entries: Array<Record<string, string | number | null>>;
        }
      ).entries;
    const forJob = await read(`jobId=${jobId}&limit=1000`);
    const actions = (account: 'alice' | 'bob', outcome: string) =>
      forJob
        .filter((r) => r.outcome === outcome && r.keyId === keyIds[account])
        .map((r) => r.action);
    const keyIds = {
      alice: forJob.find((r) => r.action === 'submit')?.keyId,
      bob: forJob.find((r) => r.outcome === 'JOB_NOT_FOUND')?.keyId,
    };
    expect(new Set(actions('alice', 'ok'))).toEqual(
      new Set(['submit', 'status', 'result', 'report', 'text']),
    );
    expect(new Set(actions('bob', 'JOB_NOT_FOUND'))).toEqual(
      new Set(['status', 'result', 'report', 'text']),
    );
    expect(keyIds.alice).not.toBe(keyIds.bob);
    for (const row of forJob) {
      expect(row).toMatchObject({
        at: expect.any(String),
        // Attempts without a valid key are written down too, with no account.
        accountId: row.outcome === 'UNAUTHORIZED' ? null : expect.any(String),
        requestId: expect.any(String),
        clientIp: '127.0.0.1',
      });
    }
    expect(forJob.some((r) => r.outcome === 'UNAUTHORIZED')).toBe(true);
    const events = new Set(
      (await read('limit=1000')).map((r) => `${String(r.action)}:${String(r.outcome)}`),
    );
    for (const event of [
      'register:ok',
      'regenerate:ok',
      'revoke:ok',
      'results:ok',
      'stats:UNAUTHORIZED',
      'admin.accounts:ok',
      'admin.accounts:FORBIDDEN',
      'admin.revoke:ok',
      'admin.revoke:KEY_NOT_FOUND',
    ]) {
      expect(events, event).toContain(event);
    }
    const everything = JSON.stringify(await read('limit=1000'));
    expect(everything).not.toContain('bbbbbbbb');
    expect(everything).not.toContain('😀');
    const byAction = await read('action=register&limit=1000');
    expect(byAction.every((r) => r.action === 'register')).toBe(true);
    const future = await read(
      `from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(future).toEqual([]);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After and RateLimit headers past the limit, and recovers after the window', async () => {
    const limited = await pipeline.serveApi(taskQueue, {
      rateLimits: { ...GENEROUS_LIMITS, requests: 2, windowSeconds: 2 },
    });
    try {
      const { apiKey } = await limited.register();
      const call = () => fetch(`${limited.base}/v1/auth/stats`, { headers: as(apiKey) });
      const first = await call();
      expect(first.status).toBe(200);
      expect(first.headers.get('ratelimit-limit')).toBe('2');
      expect(first.headers.get('ratelimit-remaining')).toBe('1');
      expect((await call()).status).toBe(200);
      const refused = await call();
      expect(refused.status).toBe(429);
      expect(await errorCode(refused)).toBe('RATE_LIMITED');
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(refused.headers.get('ratelimit-remaining')).toBe('0');
      expect(Number(refused.headers.get('ratelimit-reset'))).toBe(retryAfter);
      await new Promise((r) => setTimeout(r, retryAfter * 1000 + 50));
      expect((await call()).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  it("counts failed attempts against the client address's budget", async () => {
    const limited = await pipeline.serveApi(taskQueue, {
      rateLimits: { ...GENEROUS_LIMITS, requests: 2, windowSeconds: 60 },
    });
    try {
      const guess = () =>
        fetch(`${limited.base}/v1/auth/stats`, { headers: as(mintApiKey().apiKey) });
      expect((await guess()).status).toBe(401);
      expect((await guess()).status).toBe(401);
      const refused = await guess();
      expect(refused.status).toBe(429);
      expect(await errorCode(refused)).toBe('RATE_LIMITED');
    } finally {
      await limited.stop();
    }
  });

  it('limits registrations per client address', async () => {
    const limited = await pipeline.serveApi(taskQueue, {
      rateLimits: { ...GENEROUS_LIMITS, registrations: 1, registrationWindowSeconds: 60 },
    });
    try {
      await limited.register();
      const again = await fetch(`${limited.base}/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'second@example.org', name: 'Second' }),
      });
      expect(again.status).toBe(429);
      expect(again.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await limited.stop();
    }
  });

  it('refuses registration when closed, and acts as one anonymous account with AUTH_MODE=off', async () => {
    const closed = await pipeline.serveApi(taskQueue, { registration: 'closed', mode: 'off' });
    try {
      const refused = await fetch(`${closed.base}/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'x@example.org', name: 'X' }),
      });
      expect(refused.status).toBe(403);
      expect(await errorCode(refused)).toBe('REGISTRATION_CLOSED');
      // No key needed, and still nobody else's jobs.
      const results = await fetch(`${closed.base}/v1/results?ids=${jobId}`);
      expect(results.status).toBe(200);
      expect(((await results.json()) as { summary: { notFound: number } }).summary.notFound).toBe(
        1,
      );
    } finally {
      await closed.stop();
    }
  });
});
