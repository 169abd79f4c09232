// Versioned schema of the access store, one entry per version for each back end. Applied in
// order, each in its own transaction, and recorded in `schema_migrations`; never edit an applied
// version, add the next one.

export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, keys, jobs, audit log',
    sqlite: `
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        request_count INTEGER NOT NULL DEFAULT 0,
        last_used_at TEXT
      );
      CREATE TABLE api_keys (
        key_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        key_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE INDEX api_keys_account ON api_keys(account_id);
      CREATE TABLE jobs (
        job_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        submitted_at TEXT NOT NULL,
        pages INTEGER
      );
      CREATE INDEX jobs_account ON jobs(account_id, pages);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        account_id TEXT,
        key_id TEXT,
        action TEXT NOT NULL,
        job_id TEXT,
        request_id TEXT NOT NULL,
        client_ip TEXT NOT NULL,
        outcome TEXT NOT NULL
      );
      CREATE INDEX audit_at ON audit_log(at);
      CREATE INDEX audit_account ON audit_log(account_id, id);
      CREATE INDEX audit_job ON audit_log(job_id, id);
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `,
    postgres: `
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        request_count BIGINT NOT NULL DEFAULT 0,
        last_used_at TIMESTAMPTZ
      );
      CREATE TABLE api_keys (
        key_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        key_hash TEXT NOT NULL UNIQUE,
        created_at TIMESTAMPTZ NOT NULL,
        revoked_at TIMESTAMPTZ
      );
      CREATE INDEX api_keys_account ON api_keys(account_id);
      CREATE TABLE jobs (
        job_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        submitted_at TIMESTAMPTZ NOT NULL,
        pages INTEGER
      );
      CREATE INDEX jobs_account ON jobs(account_id, pages);
      CREATE TABLE audit_log (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at TIMESTAMPTZ NOT NULL,
        account_id TEXT,
        key_id TEXT,
        action TEXT NOT NULL,
        job_id TEXT,
        request_id TEXT NOT NULL,
        client_ip TEXT NOT NULL,
        outcome TEXT NOT NULL
      );
      CREATE INDEX audit_at ON audit_log(at);
      CREATE INDEX audit_account ON audit_log(account_id, id);
      CREATE INDEX audit_job ON audit_log(job_id, id);
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
    `,
  },
  {
    version: 2,
    name: 'account scopes (operations an admin allows, e.g. ocr)',
    sqlite: `
      CREATE TABLE account_scopes (
        account_id TEXT NOT NULL REFERENCES accounts(id),
        scope TEXT NOT NULL,
        granted_at TEXT NOT NULL,
        PRIMARY KEY (account_id, scope)
      );
    `,
    postgres: `
      CREATE TABLE account_scopes (
        account_id TEXT NOT NULL REFERENCES accounts(id),
        scope TEXT NOT NULL,
        granted_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (account_id, scope)
      );
    `,
  },
];
