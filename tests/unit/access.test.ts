// Pure pieces of the access layer: keys, headers, audit targets, limits, secrets, host names.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  API_KEY_PATTERN,
  hashApiKey,
  KEY_ID_PATTERN,
  mintApiKey,
  newAccountId,
  presentedKey,
} from '../../src/access/keys.js';
import { consume, createLimiters, rateLimitHeaders } from '../../src/access/rate-limits.js';
import { MissingSecretError, resolveSecrets } from '../../src/access/secrets.js';
import { auditTarget } from '../../src/api/middleware/audit.js';
import { hostName } from '../../src/api/middleware/client.js';
import { chooseRequestId, REQUEST_ID_PATTERN } from '../../src/api/middleware/request-id.js';
import { OWNER_ID } from '../../src/api/job-lookup.js';

describe('API keys', () => {
  it('mints 256-bit keys with an id, different every time', () => {
    const a = mintApiKey();
    const b = mintApiKey();
    expect(a.apiKey).toMatch(API_KEY_PATTERN);
    expect(a.keyId).toMatch(KEY_ID_PATTERN);
    expect(Buffer.from(a.apiKey.slice(4), 'base64url')).toHaveLength(32);
    expect(a.apiKey).not.toBe(b.apiKey);
    expect(OWNER_ID.test(newAccountId())).toBe(true);
  });

  it('hashes with the pepper: same key and pepper, same hash; another pepper, another hash', () => {
    const { apiKey } = mintApiKey();
    expect(hashApiKey('pepper-one', apiKey)).toBe(hashApiKey('pepper-one', apiKey));
    expect(hashApiKey('pepper-one', apiKey)).not.toBe(hashApiKey('pepper-two', apiKey));
    expect(hashApiKey('pepper-one', apiKey)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey('pepper-one', apiKey)).not.toContain(apiKey.slice(4, 12));
  });

  it('reads a key from X-API-Key or Authorization: Bearer', () => {
    const { apiKey } = mintApiKey();
    expect(presentedKey({ apiKey })).toEqual({ kind: 'key', apiKey });
    expect(presentedKey({ authorization: `Bearer ${apiKey}` })).toEqual({ kind: 'key', apiKey });
    expect(presentedKey({ authorization: `bearer  ${apiKey} ` })).toEqual({ kind: 'key', apiKey });
    expect(presentedKey({ apiKey, authorization: `Bearer ${apiKey}` })).toEqual({
      kind: 'key',
      apiKey,
    });
    expect(presentedKey({})).toEqual({ kind: 'none' });
  });

  it.each([
    ['a key of another shape', { apiKey: 'sk_live_123' }],
    ['a truncated key', { apiKey: mintApiKey().apiKey.slice(0, 30) }],
    ['another scheme', { authorization: `Basic ${mintApiKey().apiKey}` }],
    ['an empty bearer', { authorization: 'Bearer ' }],
    [
      'two different keys',
      { apiKey: mintApiKey().apiKey, authorization: `Bearer ${mintApiKey().apiKey}` },
    ],
  ])('calls %s malformed', (_, headers) => {
    expect(presentedKey(headers)).toEqual({ kind: 'malformed' });
  });
});

describe('request ids', () => {
  it('keeps ids of 8 to 64 letters, digits, "_" and "-", and mints the rest', () => {
    expect(chooseRequestId('0b9d6f0e-1c2a-4b8e-9f00-5a6b7c8d9e0f')).toBe(
      '0b9d6f0e-1c2a-4b8e-9f00-5a6b7c8d9e0f',
    );
    for (const bad of [
      undefined,
      '',
      'short',
      'a b c d e f',
      'x'.repeat(65),
      'id\u202E12345',
      'id;DROP1',
    ]) {
      const chosen = chooseRequestId(bad);
      expect(chosen).not.toBe(bad);
      expect(chosen).toMatch(REQUEST_ID_PATTERN);
    }
  });
});

describe('auditTarget', () => {
  const job = 'job-019ad3a1-8c3e-7b7a-8afe-0123456789ab-0123456789abcdef';
  it.each([
    ['POST', '/v1/jobs', 'submit', null],
    ['GET', `/v1/jobs/${job}`, 'status', job],
    ['GET', `/v1/jobs/${job}/result`, 'result', job],
    ['GET', `/v1/jobs/${job}/report`, 'report', job],
    ['GET', `/v1/jobs/${job}/text`, 'text', job],
    ['DELETE', `/v1/jobs/${job}`, 'delete', job],
    ['POST', '/v1/results', 'results', null],
    ['GET', '/v1/results', 'results', null],
    ['POST', '/v1/auth/register', 'register', null],
    ['POST', '/v1/auth/regenerate', 'regenerate', null],
    ['POST', '/v1/auth/revoke', 'revoke', null],
    ['GET', '/v1/admin/accounts', 'admin.accounts', null],
    ['POST', '/v1/admin/keys/key_0123456789abcdef/revoke', 'admin.revoke', null],
    ['GET', '/v1/audit', 'admin.audit', null],
  ])('%s %s is %s', (method, path, action, jobId) => {
    expect(auditTarget(method, path)).toEqual({ action, jobId });
  });

  it('does not write down a path segment that is not a job id', () => {
    expect(auditTarget('GET', '/v1/jobs/John%20Smith%20DOB/result')).toEqual({
      action: 'result',
      jobId: null,
    });
    expect(auditTarget('GET', '/health')).toBeUndefined();
    expect(auditTarget('GET', '/v1/auth/register')).toBeUndefined();
  });
});

describe('rate limits', () => {
  it('allows the limit, refuses the next with Retry-After, and says what is left', async () => {
    const limiters = await createLimiters({
      requests: 2,
      windowSeconds: 30,
      uploadBytes: 100,
      registrations: 1,
      registrationWindowSeconds: 30,
    });
    const first = await consume(limiters.requests, 'key_a');
    expect(first).toMatchObject({ allowed: true, limit: 2, remaining: 1 });
    expect(rateLimitHeaders(first)).toEqual({
      'RateLimit-Limit': '2',
      'RateLimit-Remaining': '1',
      'RateLimit-Reset': expect.stringMatching(/^(29|30)$/),
    });
    await consume(limiters.requests, 'key_a');
    const third = await consume(limiters.requests, 'key_a');
    expect(third).toMatchObject({ allowed: false, remaining: 0 });
    expect(rateLimitHeaders(third)['Retry-After']).toMatch(/^\d+$/);
    // Another key has its own budget; bytes are counted as points.
    expect((await consume(limiters.requests, 'key_b')).allowed).toBe(true);
    expect((await consume(limiters.uploads, 'key_a', 60)).allowed).toBe(true);
    expect((await consume(limiters.uploads, 'key_a', 60)).allowed).toBe(false);
  });
});

describe('server secrets', () => {
  it('makes them once in the data dir (mode 0600) and reads the same ones back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'redactify-secrets-'));
    try {
      const first = resolveSecrets({ dataDir: dir, shared: false });
      expect(first.keyPepper).toMatch(/^[0-9a-f]{64}$/);
      expect(resolveSecrets({ dataDir: dir, shared: false })).toEqual(first);
      expect((await stat(join(dir, 'secrets.json'))).mode & 0o777).toBe(0o600);
      expect(JSON.parse(await readFile(join(dir, 'secrets.json'), 'utf8'))).toEqual(first);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to invent them for a shared database, where replicas must agree', () => {
    expect(() => resolveSecrets({ dataDir: '/nonexistent', shared: true })).toThrow(
      MissingSecretError,
    );
    const given = { keyPepper: 'p'.repeat(32), jobIdSecret: 's'.repeat(32) };
    expect(resolveSecrets({ dataDir: '/nonexistent', shared: true, ...given })).toEqual(given);
  });
});

describe('hostName', () => {
  it('drops the port and case', () => {
    expect(hostName('API.Example.org:8000')).toBe('api.example.org');
    expect(hostName('[::1]:8000')).toBe('[::1]');
    expect(hostName('127.0.0.1')).toBe('127.0.0.1');
  });
});
