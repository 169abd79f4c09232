// The access store's contract, run against both back ends: SQLite in a temp dir and a real
// PostgreSQL server (started by global-setup).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../src/access/accounts.js';
import { hashApiKey } from '../../src/access/keys.js';
import { MIGRATIONS } from '../../src/access/migrations.js';
import { PostgresAccessStore } from '../../src/access/postgres-store.js';
import { consume, createLimiters } from '../../src/access/rate-limits.js';
import { SqliteAccessStore } from '../../src/access/sqlite-store.js';
import { EmailTakenError, type AccessStore, type AuditEntry } from '../../src/access/store.js';
import { freshDatabase } from '../support/postgres.js';

interface Backend {
  store: AccessStore;
  /** Opens a second store on the same data (another process or replica). */
  reopen(): Promise<AccessStore>;
  /** Runs raw SQL against the data, bypassing the store. */
  raw(sql: string): Promise<void>;
  close(): Promise<void>;
}

const backends: Array<[string, () => Promise<Backend>]> = [
  [
    'SQLite',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'redactify-store-'));
      const file = join(dir, 'access.sqlite');
      const store = new SqliteAccessStore(file);
      const others: AccessStore[] = [];
      return {
        store,
        async reopen() {
          const other = new SqliteAccessStore(file);
          others.push(other);
          return other;
        },
        async raw(sql) {
          const db = new Database(file);
          try {
            db.exec(sql);
          } finally {
            db.close();
          }
        },
        async close() {
          for (const s of [store, ...others]) await s.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const url = await freshDatabase('store');
      const store = new PostgresAccessStore(url);
      const others: PostgresAccessStore[] = [];
      return {
        store,
        async reopen() {
          const other = new PostgresAccessStore(url);
          others.push(other);
          return other;
        },
        async raw(sql) {
          await store.pool.query(sql);
        },
        async close() {
          for (const s of [store, ...others]) await s.close();
        },
      };
    },
  ],
];

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 12, minute)).toISOString();

describe.each(backends)('access store on %s', (_, open) => {
  let backend: Backend;
  let store: AccessStore;
  beforeAll(async () => {
    backend = await open();
    store = backend.store;
  });
  afterAll(() => backend.close());

  it('migrates to the latest version, idempotently, even from two processes at once', async () => {
    const other = await backend.reopen();
    await Promise.all([store.migrate(), other.migrate()]);
    await store.migrate();
    expect(await store.appliedMigrations()).toEqual(MIGRATIONS.map((m) => m.version));
  });

  const key = (keyId: string, accountId: string, hash: string, minute = 0) => ({
    keyId,
    accountId,
    hash,
    createdAt: at(minute),
  });
  const account = (id: string, email: string, minute = 0) => ({
    id,
    email,
    name: `Name of ${id}`,
    createdAt: at(minute),
  });

  it('creates an account with its key, finds the key by hash, refuses a taken email', async () => {
    await store.createAccount(
      account('acc_a', 'a@example.org', 1),
      key('key_a1', 'acc_a', 'h-a1', 1),
    );
    expect(await store.findActiveKey('h-a1')).toEqual({ keyId: 'key_a1', accountId: 'acc_a' });
    expect(await store.findActiveKey('h-unknown')).toBeUndefined();
    await expect(
      store.createAccount(
        account('acc_dup', 'a@example.org', 2),
        key('key_dup', 'acc_dup', 'h-dup'),
      ),
    ).rejects.toBeInstanceOf(EmailTakenError);
    // Nothing of the refused account was kept.
    expect(await store.findActiveKey('h-dup')).toBeUndefined();
    expect(await store.getAccount('acc_dup')).toBeUndefined();
  });

  it('replaces a key at once, and never replaces a revoked or foreign one', async () => {
    await store.createAccount(
      account('acc_b', 'b@example.org', 2),
      key('key_b1', 'acc_b', 'h-b1', 2),
    );
    expect(await store.replaceKey('key_b1', key('key_b2', 'acc_b', 'h-b2', 3))).toBe(true);
    expect(await store.findActiveKey('h-b1')).toBeUndefined();
    expect(await store.findActiveKey('h-b2')).toEqual({ keyId: 'key_b2', accountId: 'acc_b' });
    expect(await store.replaceKey('key_b1', key('key_b3', 'acc_b', 'h-b3', 4))).toBe(false);
    expect(await store.replaceKey('key_a1', key('key_b4', 'acc_b', 'h-b4', 4))).toBe(false);
    expect(await store.findActiveKey('h-a1')).toEqual({ keyId: 'key_a1', accountId: 'acc_a' });
  });

  it('revokes a key once', async () => {
    expect(await store.revokeKey('key_b2', at(5))).toBe(true);
    expect(await store.revokeKey('key_b2', at(6))).toBe(false);
    expect(await store.findActiveKey('h-b2')).toBeUndefined();
  });

  it('counts requests, jobs and pages per account', async () => {
    await store.recordUse('acc_a', at(10));
    await store.recordUse('acc_a', at(11));
    await store.recordJobs('acc_a', ['job-1', 'job-2', 'job-3'], at(12));
    expect((await store.uncountedJobs('acc_a', 10)).map((j) => j.jobId)).toEqual([
      'job-1',
      'job-2',
      'job-3',
    ]);
    await store.countJobs([
      { jobId: 'job-1', pages: 4 },
      { jobId: 'job-2', pages: 0 },
    ]);
    // Counted once: a later count of the same job changes nothing.
    await store.countJobs([{ jobId: 'job-1', pages: 100 }]);
    expect(await store.uncountedJobs('acc_a', 10)).toEqual([
      { jobId: 'job-3', submittedAt: at(12) },
    ]);
    expect(await store.getAccount('acc_a')).toEqual({
      id: 'acc_a',
      email: 'a@example.org',
      name: 'Name of acc_a',
      createdAt: at(1),
      requestCount: 2,
      lastUsedAt: at(11),
      jobsSubmitted: 3,
      pagesProcessed: 4,
      activeKeys: ['key_a1'],
    });
  });

  it('lists accounts oldest first, page by page', async () => {
    const first = await store.listAccounts({ limit: 1 });
    expect(first.map((a) => a.id)).toEqual(['acc_a']);
    const rest = await store.listAccounts({ limit: 10, after: 'acc_a' });
    expect(rest.map((a) => a.id)).toEqual(['acc_b']);
    expect(rest[0]?.activeKeys).toEqual([]);
  });

  it('creates service accounts once', async () => {
    await store.ensureAccount(account('admin', 'admin@service', 20));
    await store.ensureAccount(account('admin', 'admin@service', 21));
    expect((await store.getAccount('admin'))?.createdAt).toBe(at(20));
  });

  it('appends audit rows, filters them, pages them, prunes old ones, and refuses updates', async () => {
    const row = (minute: number, action: AuditEntry['action'], over: Partial<AuditEntry> = {}) => ({
      at: at(minute),
      accountId: 'acc_a',
      keyId: 'key_a1',
      action,
      jobId: null,
      requestId: `req-${minute}`,
      clientIp: '127.0.0.1',
      outcome: 'ok',
      ...over,
    });
    await store.appendAudit([
      row(30, 'submit', { jobId: 'job-1' }),
      row(30, 'submit', { jobId: 'job-2' }),
      row(31, 'status', { jobId: 'job-1' }),
      row(32, 'result', {
        jobId: 'job-1',
        accountId: 'acc_b',
        keyId: 'key_b2',
        outcome: 'JOB_NOT_FOUND',
      }),
      row(33, 'results'),
    ]);
    const all = await store.queryAudit({ limit: 100 });
    expect(all.map((r) => r.requestId)).toEqual(['req-33', 'req-32', 'req-31', 'req-30', 'req-30']);
    expect(all[1]).toEqual({
      id: expect.any(Number),
      ...row(32, 'result', {
        jobId: 'job-1',
        accountId: 'acc_b',
        keyId: 'key_b2',
        outcome: 'JOB_NOT_FOUND',
      }),
    });
    expect((await store.queryAudit({ limit: 100, jobId: 'job-1' })).map((r) => r.action)).toEqual([
      'result',
      'status',
      'submit',
    ]);
    expect((await store.queryAudit({ limit: 100, accountId: 'acc_b' })).length).toBe(1);
    expect((await store.queryAudit({ limit: 100, action: 'submit' })).length).toBe(2);
    expect(
      (await store.queryAudit({ limit: 100, from: at(31), to: at(32) })).map((r) => r.action),
    ).toEqual(['result', 'status']);
    const page1 = await store.queryAudit({ limit: 2 });
    const page2 = await store.queryAudit({ limit: 2, before: page1.at(-1)?.id });
    expect([...page1, ...page2].map((r) => r.requestId)).toEqual(
      all.slice(0, 4).map((r) => r.requestId),
    );

    await expect(backend.raw("UPDATE audit_log SET outcome = 'forged'")).rejects.toThrow(
      /append-only/,
    );
    expect(await store.pruneAudit(at(31))).toBe(2);
    expect((await store.queryAudit({ limit: 100 })).map((r) => r.requestId)).toEqual([
      'req-33',
      'req-32',
      'req-31',
    ]);
  });

  it('keeps only hashes: a key minted by Accounts is nowhere in the store', async () => {
    const accounts = new Accounts(store, 'store-test-pepper-0123456789abcdef', []);
    const issued = await accounts.register('  Mixed.Case@Example.org ', 'Someone');
    expect(issued.email).toBe('mixed.case@example.org');
    expect(await accounts.authenticate({ kind: 'key', apiKey: issued.apiKey })).toEqual({
      accountId: issued.accountId,
      keyId: issued.keyId,
      admin: false,
    });
    await expect(accounts.register('MIXED.case@example.org', 'Again')).rejects.toBeInstanceOf(
      EmailTakenError,
    );
    const hash = hashApiKey('store-test-pepper-0123456789abcdef', issued.apiKey);
    expect(await store.findActiveKey(hash)).toEqual({
      keyId: issued.keyId,
      accountId: issued.accountId,
    });
    expect(await store.findActiveKey(issued.apiKey)).toBeUndefined();
  });
});

describe('rate limits in PostgreSQL', () => {
  it('hold across two API replicas sharing the database', async () => {
    const url = await freshDatabase('limits');
    const [a, b] = [new PostgresAccessStore(url), new PostgresAccessStore(url)];
    try {
      const settings = {
        requests: 3,
        windowSeconds: 60,
        uploadBytes: 1000,
        registrations: 1,
        registrationWindowSeconds: 60,
      };
      const [onA, onB] = [
        await createLimiters(settings, a.pool),
        await createLimiters(settings, b.pool),
      ];
      expect((await consume(onA.requests, 'key_x')).remaining).toBe(2);
      expect((await consume(onB.requests, 'key_x')).remaining).toBe(1);
      expect((await consume(onA.requests, 'key_x')).allowed).toBe(true);
      const refused = await consume(onB.requests, 'key_x');
      expect(refused).toMatchObject({ allowed: false, remaining: 0 });
      expect((await consume(onB.requests, 'key_y')).allowed).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
