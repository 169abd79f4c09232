// The access store in PostgreSQL (`DATABASE_URL=postgres://…`), shared by several API replicas.
import pg from 'pg';
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

/** Any fixed number: replicas starting together take this lock, so one of them migrates. */
const MIGRATION_LOCK = 7_214_803;

const ACCOUNT_SELECT = `
  SELECT a.id, a.email, a.name, a.created_at, a.request_count, a.last_used_at,
    (SELECT COUNT(*) FROM jobs j WHERE j.account_id = a.id) AS jobs_submitted,
    (SELECT COALESCE(SUM(j.pages), 0) FROM jobs j WHERE j.account_id = a.id) AS pages_processed,
    ARRAY(SELECT k.key_id FROM api_keys k
      WHERE k.account_id = a.id AND k.revoked_at IS NULL ORDER BY k.key_id) AS active_keys
  FROM accounts a`;

interface AccountRow {
  id: string;
  email: string;
  name: string;
  created_at: Date;
  request_count: string;
  last_used_at: Date | null;
  jobs_submitted: string;
  pages_processed: string;
  active_keys: string[];
}

function toSummary(row: AccountRow): AccountSummary {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    requestCount: Number(row.request_count),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    jobsSubmitted: Number(row.jobs_submitted),
    pagesProcessed: Number(row.pages_processed),
    activeKeys: row.active_keys,
  };
}

/** PostgreSQL's error code for a unique-constraint violation. */
const UNIQUE_VIOLATION = '23505';

/** PostgreSQL back end over a connection pool. */
export class PostgresAccessStore implements AccessStore {
  readonly pool: pg.Pool;

  constructor(connectionString: string, options: { max?: number } = {}) {
    this.pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  }

  private async transaction<T>(body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await body(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)',
      );
      const { rows } = await client.query<{ version: number }>(
        'SELECT version FROM schema_migrations',
      );
      const applied = new Set(rows.map((r) => r.version));
      for (const migration of MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await client.query(migration.postgres);
        await client.query(
          'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())',
          [migration.version, migration.name],
        );
      }
    });
  }

  async appliedMigrations(): Promise<number[]> {
    const { rows } = await this.pool.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    return rows.map((r) => r.version);
  }

  async ensureAccount(account: NewAccount): Promise<void> {
    await this.pool.query(
      'INSERT INTO accounts (id, email, name, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [account.id, account.email, account.name, account.createdAt],
    );
  }

  async createAccount(account: NewAccount, key: NewKey): Promise<void> {
    try {
      await this.transaction(async (client) => {
        await client.query(
          'INSERT INTO accounts (id, email, name, created_at) VALUES ($1, $2, $3, $4)',
          [account.id, account.email, account.name, account.createdAt],
        );
        await insertKey(client, key);
      });
    } catch (err) {
      const { code, constraint } = err as { code?: string; constraint?: string };
      if (code === UNIQUE_VIOLATION && constraint?.includes('email')) {
        throw new EmailTakenError('This email is already registered');
      }
      throw err;
    }
  }

  async findActiveKey(hash: string) {
    const { rows } = await this.pool.query<{ key_id: string; account_id: string }>(
      'SELECT key_id, account_id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [hash],
    );
    const row = rows[0];
    return row && { keyId: row.key_id, accountId: row.account_id };
  }

  async recordUse(accountId: string, at: string): Promise<void> {
    await this.pool.query(
      'UPDATE accounts SET request_count = request_count + 1, last_used_at = GREATEST(last_used_at, $1::timestamptz) WHERE id = $2',
      [at, accountId],
    );
  }

  async replaceKey(oldKeyId: string, key: NewKey): Promise<boolean> {
    return this.transaction(async (client) => {
      const revoked = await client.query(
        'UPDATE api_keys SET revoked_at = $1 WHERE key_id = $2 AND account_id = $3 AND revoked_at IS NULL',
        [key.createdAt, oldKeyId, key.accountId],
      );
      if (revoked.rowCount !== 1) return false;
      await insertKey(client, key);
      return true;
    });
  }

  async revokeKey(keyId: string, at: string): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE api_keys SET revoked_at = $1 WHERE key_id = $2 AND revoked_at IS NULL',
      [at, keyId],
    );
    return result.rowCount === 1;
  }

  async accountScopes(accountId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ scope: string }>(
      'SELECT scope FROM account_scopes WHERE account_id = $1 ORDER BY scope',
      [accountId],
    );
    return rows.map((r) => r.scope);
  }

  async grantScope(accountId: string, scope: string, at: string): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO account_scopes (account_id, scope, granted_at)
         SELECT id, $2, $3 FROM accounts WHERE id = $1
         ON CONFLICT DO NOTHING`,
      [accountId, scope, at],
    );
    if (result.rowCount === 1) return true;
    const { rowCount } = await this.pool.query('SELECT 1 FROM accounts WHERE id = $1', [accountId]);
    return rowCount === 1;
  }

  async revokeScope(accountId: string, scope: string): Promise<boolean> {
    const result = await this.pool.query(
      'DELETE FROM account_scopes WHERE account_id = $1 AND scope = $2',
      [accountId, scope],
    );
    return result.rowCount === 1;
  }

  async getAccount(accountId: string) {
    const { rows } = await this.pool.query<AccountRow>(`${ACCOUNT_SELECT} WHERE a.id = $1`, [
      accountId,
    ]);
    return rows[0] && toSummary(rows[0]);
  }

  async listAccounts({ limit, after }: { limit: number; after?: string | undefined }) {
    const { rows } = after
      ? await this.pool.query<AccountRow>(
          `${ACCOUNT_SELECT} WHERE (a.created_at, a.id) > (SELECT created_at, id FROM accounts WHERE id = $1) ORDER BY a.created_at, a.id LIMIT $2`,
          [after, limit],
        )
      : await this.pool.query<AccountRow>(
          `${ACCOUNT_SELECT} ORDER BY a.created_at, a.id LIMIT $1`,
          [limit],
        );
    return rows.map(toSummary);
  }

  async recordJobs(accountId: string, jobIds: readonly string[], at: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO jobs (job_id, account_id, submitted_at) SELECT id, $2, $3 FROM unnest($1::text[]) AS id',
      [jobIds, accountId, at],
    );
  }

  async uncountedJobs(accountId: string, limit: number) {
    const { rows } = await this.pool.query<{ job_id: string; submitted_at: Date }>(
      'SELECT job_id, submitted_at FROM jobs WHERE account_id = $1 AND pages IS NULL ORDER BY submitted_at LIMIT $2',
      [accountId, limit],
    );
    return rows.map((r) => ({ jobId: r.job_id, submittedAt: r.submitted_at.toISOString() }));
  }

  async countJobs(jobs: readonly CountedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.pool.query(
      `UPDATE jobs SET pages = c.pages FROM unnest($1::text[], $2::int[]) AS c(job_id, pages)
       WHERE jobs.job_id = c.job_id AND jobs.pages IS NULL`,
      [jobs.map((j) => j.jobId), jobs.map((j) => j.pages)],
    );
  }

  async appendAudit(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const column = <K extends keyof AuditEntry>(k: K) => entries.map((e) => e[k]);
    await this.pool.query(
      `INSERT INTO audit_log (at, account_id, key_id, action, job_id, request_id, client_ip, outcome)
       SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
      [
        column('at'),
        column('accountId'),
        column('keyId'),
        column('action'),
        column('jobId'),
        column('requestId'),
        column('clientIp'),
        column('outcome'),
      ],
    );
  }

  async queryAudit(filter: AuditFilter): Promise<AuditRow[]> {
    const where: string[] = [];
    const params: Array<string | number> = [];
    const add = (clause: string, value: string | number | undefined) => {
      if (value === undefined) return;
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    add('account_id = ?', filter.accountId);
    add('job_id = ?', filter.jobId);
    add('action = ?', filter.action);
    add('at >= ?', filter.from);
    add('at <= ?', filter.to);
    add('id < ?', filter.before);
    params.push(filter.limit);
    const { rows } = await this.pool.query<{
      id: string;
      at: Date;
      account_id: string | null;
      key_id: string | null;
      action: AuditEntry['action'];
      job_id: string | null;
      request_id: string;
      client_ip: string;
      outcome: string;
    }>(
      `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      at: r.at.toISOString(),
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
    const result = await this.pool.query('DELETE FROM audit_log WHERE at < $1', [before]);
    return result.rowCount ?? 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

async function insertKey(client: pg.PoolClient, key: NewKey): Promise<void> {
  await client.query(
    'INSERT INTO api_keys (key_id, account_id, key_hash, created_at) VALUES ($1, $2, $3, $4)',
    [key.keyId, key.accountId, key.hash, key.createdAt],
  );
}
