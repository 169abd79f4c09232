// The access store: accounts, API keys, the jobs each account submitted, and the audit log. One
// interface, two back ends (embedded SQLite, PostgreSQL), one test suite for both.

/** Every action the audit log records. */
export const AUDIT_ACTIONS = [
  'submit',
  'status',
  'result',
  'report',
  'text',
  'words',
  'results',
  'batch',
  'batch.result',
  'delete',
  /** Listing pending reviews; viewing a page under review; a review decision (or a refused one). */
  'reviews',
  'review.page',
  'review',
  'review.approve',
  'review.reject',
  'register',
  'regenerate',
  'revoke',
  'stats',
  'admin.accounts',
  'admin.revoke',
  'admin.audit',
  'admin.scope',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One audit row. No file names, URLs or document text: ids, codes and addresses only. */
export interface AuditEntry {
  /** ISO 8601, UTC. */
  at: string;
  accountId: string | null;
  keyId: string | null;
  action: AuditAction;
  jobId: string | null;
  requestId: string;
  clientIp: string;
  /** `ok`, or the error code the request was answered with. */
  outcome: string;
}

export interface AuditRow extends AuditEntry {
  /** Increasing with time of writing; the cursor for paging (`before`). */
  id: number;
}

export interface AuditFilter {
  accountId?: string | undefined;
  jobId?: string | undefined;
  action?: AuditAction | undefined;
  /** Inclusive ISO time bounds. */
  from?: string | undefined;
  to?: string | undefined;
  /** Only rows with a smaller id (the previous page's last id). */
  before?: number | undefined;
  limit: number;
}

export interface NewAccount {
  id: string;
  email: string;
  name: string;
  createdAt: string;
}

export interface NewKey {
  keyId: string;
  accountId: string;
  hash: string;
  createdAt: string;
}

export interface ActiveKey {
  keyId: string;
  accountId: string;
}

export interface AccountSummary {
  id: string;
  email: string;
  name: string;
  createdAt: string;
  requestCount: number;
  lastUsedAt: string | null;
  jobsSubmitted: number;
  pagesProcessed: number;
  /** Keys not revoked. */
  activeKeys: string[];
}

/** A job's page count, once its outcome is known (0 for a job that failed or is gone). */
export interface CountedJob {
  jobId: string;
  pages: number;
}

/** The email is already registered (emails are unique, compared in lower case). */
export class EmailTakenError extends Error {
  override readonly name = 'EmailTakenError';
}

/** Accounts, keys, jobs and audit rows. Every method is one transaction. */
export interface AccessStore {
  /** Brings the schema to the latest version (idempotent; safe with several replicas). */
  migrate(): Promise<void>;
  /** The schema versions applied, in order. */
  appliedMigrations(): Promise<number[]>;
  /** Creates an account without keys unless one with its id exists (service accounts). */
  ensureAccount(account: NewAccount): Promise<void>;
  /** Creates the account with its first key; throws `EmailTakenError`. */
  createAccount(account: NewAccount, key: NewKey): Promise<void>;
  /** The key with this hash, unless revoked. */
  findActiveKey(hash: string): Promise<ActiveKey | undefined>;
  /** Counts one authenticated request of the account. */
  recordUse(accountId: string, at: string): Promise<void>;
  /** Revokes `oldKeyId` (which must be the account's and active) and adds `key`; false if not. */
  replaceKey(oldKeyId: string, key: NewKey): Promise<boolean>;
  /** Revokes a key; false when there is no such active key. */
  revokeKey(keyId: string, at: string): Promise<boolean>;
  getAccount(accountId: string): Promise<AccountSummary | undefined>;
  /** The scopes an admin granted the account, sorted. */
  accountScopes(accountId: string): Promise<string[]>;
  /** Grants a scope (idempotent); false when the account does not exist. */
  grantScope(accountId: string, scope: string, at: string): Promise<boolean>;
  /** Withdraws a scope; false when the account did not have it. */
  revokeScope(accountId: string, scope: string): Promise<boolean>;
  /** Accounts ordered by creation (then id), after the account id `after`. */
  listAccounts(options: { limit: number; after?: string | undefined }): Promise<AccountSummary[]>;
  /** Records jobs the account submitted. */
  recordJobs(accountId: string, jobIds: readonly string[], at: string): Promise<void>;
  /** The account's jobs whose page count is not known yet, oldest first. */
  uncountedJobs(
    accountId: string,
    limit: number,
  ): Promise<Array<{ jobId: string; submittedAt: string }>>;
  /** Sets the page count of jobs not counted yet. */
  countJobs(jobs: readonly CountedJob[]): Promise<void>;
  appendAudit(entries: readonly AuditEntry[]): Promise<void>;
  /** Rows matching every given filter, newest first. */
  queryAudit(filter: AuditFilter): Promise<AuditRow[]>;
  /** Deletes rows older than `before`; returns how many. */
  pruneAudit(before: string): Promise<number>;
  close(): Promise<void>;
}

/** Emails are compared and stored trimmed and in lower case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
