// The access store in an embedded SQLite file (better-sqlite3 12.x: 13.x needs Node 22). One
// process owns the file; several API replicas need the PostgreSQL store.
/* eslint-disable @typescript-eslint/require-await -- better-sqlite3 is synchronous; the methods are async only to share AccessStore with PostgreSQL. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';
import {
  EmailTakenError,
  type AccessStore,
  type AccountSummary,
  type AuditEntry,
  type AuditFilter,
  type AuditRow,
  type CountedJob,
  type NewAccount,
  type NewKey,
} from './store.js';

interface AccountRow {
  id: string;
  email: string;
  name: string;
  created_at: string;
  request_count: number;
  last_used_at: string | null;
  jobs_submitted: number;
  pages_processed: number;
  active_keys: string | null;
}

const ACCOUNT_SELECT = `
  SELECT a.id, a.email, a.name, a.created_at, a.request_count, a.last_used_at,
    (SELECT COUNT(*) FROM jobs j WHERE j.account_id = a.id) AS jobs_submitted,
    (SELECT COALESCE(SUM(j.pages), 0) FROM jobs j WHERE j.account_id = a.id) AS pages_processed,
    (SELECT GROUP_CONCAT(k.key_id) FROM api_keys k
      WHERE k.account_id = a.id AND k.revoked_at IS NULL) AS active_keys
  FROM accounts a`;

function toSummary(row: AccountRow): AccountSummary {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    createdAt: row.created_at,
    requestCount: row.request_count,
    lastUsedAt: row.last_used_at,
    jobsSubmitted: row.jobs_submitted,
    pagesProcessed: row.pages_processed,
    activeKeys: row.active_keys ? row.active_keys.split(',').sort() : [],
  };
}

interface AuditDbRow {
  id: number;
  at: string;
  account_id: string | null;
  key_id: string | null;
  action: AuditEntry['action'];
  job_id: string | null;
  request_id: string;
  client_ip: string;
  outcome: string;
}

/** SQLite back end. Calls are synchronous underneath; the interface is async for PostgreSQL. */
export class SqliteAccessStore implements AccessStore {
  private readonly db: Database.Database;

  /** Opens (creating) the file; `:memory:` for a throwaway store. */
  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
  }

  async migrate(): Promise<void> {
    // One IMMEDIATE transaction takes the write lock before reading what is applied, so two
    // processes starting on the same file never both apply a version.
    this.db
      .transaction(() => {
        this.db.exec(
          'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
        );
        const rows = this.db.prepare('SELECT version FROM schema_migrations').all() as Array<{
          version: number;
        }>;
        const applied = new Set(rows.map((r) => r.version));
        for (const migration of MIGRATIONS) {
          if (applied.has(migration.version)) continue;
          this.db.exec(migration.sqlite);
          this.db
            .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
            .run(migration.version, migration.name, new Date().toISOString());
        }
      })
      .immediate();
  }

  async appliedMigrations(): Promise<number[]> {
    const rows = this.db
      .prepare('SELECT version FROM schema_migrations ORDER BY version')
      .all() as Array<{ version: number }>;
    return rows.map((r) => r.version);
  }

  async ensureAccount(account: NewAccount): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO accounts (id, email, name, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(account.id, account.email, account.name, account.createdAt);
  }

  async createAccount(account: NewAccount, key: NewKey): Promise<void> {
    try {
      this.db.transaction(() => {
        this.db
          .prepare('INSERT INTO accounts (id, email, name, created_at) VALUES (?, ?, ?, ?)')
          .run(account.id, account.email, account.name, account.createdAt);
        this.insertKey(key);
      })();
    } catch (err) {
      if (
        (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
        /email/.test(String(err))
      ) {
        throw new EmailTakenError('This email is already registered');
      }
      throw err;
    }
  }

  private insertKey(key: NewKey) {
    this.db
      .prepare(
        'INSERT INTO api_keys (key_id, account_id, key_hash, created_at) VALUES (?, ?, ?, ?)',
      )
      .run(key.keyId, key.accountId, key.hash, key.createdAt);
  }

  async findActiveKey(hash: string) {
    const row = this.db
      .prepare('SELECT key_id, account_id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL')
      .get(hash) as { key_id: string; account_id: string } | undefined;
    return row && { keyId: row.key_id, accountId: row.account_id };
  }

  async recordUse(accountId: string, at: string): Promise<void> {
    this.db
      .prepare(
        'UPDATE accounts SET request_count = request_count + 1, last_used_at = ? WHERE id = ?',
      )
      .run(at, accountId);
  }

  async replaceKey(oldKeyId: string, key: NewKey): Promise<boolean> {
    return this.db.transaction(() => {
      const revoked = this.db
        .prepare(
          'UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND account_id = ? AND revoked_at IS NULL',
        )
        .run(key.createdAt, oldKeyId, key.accountId);
      if (revoked.changes !== 1) return false;
      this.insertKey(key);
      return true;
    })();
  }

  async revokeKey(keyId: string, at: string): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL')
      .run(at, keyId);
    return result.changes === 1;
  }

  async accountScopes(accountId: string): Promise<string[]> {
    const rows = this.db
      .prepare('SELECT scope FROM account_scopes WHERE account_id = ? ORDER BY scope')
      .all(accountId) as Array<{ scope: string }>;
    return rows.map((r) => r.scope);
  }

  async grantScope(accountId: string, scope: string, at: string): Promise<boolean> {
    if (!this.db.prepare('SELECT 1 FROM accounts WHERE id = ?').get(accountId)) return false;
    this.db
      .prepare(
        'INSERT INTO account_scopes (account_id, scope, granted_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(accountId, scope, at);
    return true;
  }

  async revokeScope(accountId: string, scope: string): Promise<boolean> {
    const result = this.db
      .prepare('DELETE FROM account_scopes WHERE account_id = ? AND scope = ?')
      .run(accountId, scope);
    return result.changes === 1;
  }

  async getAccount(accountId: string) {
    const row = this.db.prepare(`${ACCOUNT_SELECT} WHERE a.id = ?`).get(accountId) as
      AccountRow | undefined;
    return row && toSummary(row);
  }

  async listAccounts({ limit, after }: { limit: number; after?: string | undefined }) {
    const rows = (
      after
        ? this.db
            .prepare(
              `${ACCOUNT_SELECT} WHERE (a.created_at, a.id) > (SELECT created_at, id FROM accounts WHERE id = ?) ORDER BY a.created_at, a.id LIMIT ?`,
            )
            .all(after, limit)
        : this.db.prepare(`${ACCOUNT_SELECT} ORDER BY a.created_at, a.id LIMIT ?`).all(limit)
    ) as AccountRow[];
    return rows.map(toSummary);
  }

  async recordJobs(accountId: string, jobIds: readonly string[], at: string): Promise<void> {
    const insert = this.db.prepare(
      'INSERT INTO jobs (job_id, account_id, submitted_at) VALUES (?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const id of jobIds) insert.run(id, accountId, at);
    })();
  }

  async uncountedJobs(accountId: string, limit: number) {
    const rows = this.db
      .prepare(
        'SELECT job_id, submitted_at FROM jobs WHERE account_id = ? AND pages IS NULL ORDER BY submitted_at LIMIT ?',
      )
      .all(accountId, limit) as Array<{ job_id: string; submitted_at: string }>;
    return rows.map((r) => ({ jobId: r.job_id, submittedAt: r.submitted_at }));
  }

  async countJobs(jobs: readonly CountedJob[]): Promise<void> {
    const update = this.db.prepare('UPDATE jobs SET pages = ? WHERE job_id = ? AND pages IS NULL');
    this.db.transaction(() => {
      for (const job of jobs) update.run(job.pages, job.jobId);
    })();
  }

  async appendAudit(entries: readonly AuditEntry[]): Promise<void> {
    const insert = this.db.prepare(
      'INSERT INTO audit_log (at, account_id, key_id, action, job_id, request_id, client_ip, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const e of entries) {
        insert.run(
          e.at,
          e.accountId,
          e.keyId,
          e.action,
          e.jobId,
          e.requestId,
          e.clientIp,
          e.outcome,
        );
      }
    })();
  }

  async queryAudit(filter: AuditFilter): Promise<AuditRow[]> {
    const where: string[] = [];
    const params: Array<string | number> = [];
    const add = (clause: string, value: string | number | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      params.push(value);
    };
    add('account_id = ?', filter.accountId);
    add('job_id = ?', filter.jobId);
    add('action = ?', filter.action);
    add('at >= ?', filter.from);
    add('at <= ?', filter.to);
    add('id < ?', filter.before);
    const rows = this.db
      .prepare(
        `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
      )
      .all(...params, filter.limit) as AuditDbRow[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      accountId: r.account_id,
      keyId: r.key_id,
      action: r.action,
      jobId: r.job_id,
      requestId: r.request_id,
      clientIp: r.client_ip,
      outcome: r.outcome,
    }));
  }

  async pruneAudit(before: string): Promise<number> {
    return this.db.prepare('DELETE FROM audit_log WHERE at < ?').run(before).changes;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
