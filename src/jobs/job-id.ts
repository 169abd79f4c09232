// Job ids: "job-", a UUIDv7 (RFC 9562) and an HMAC tag, so an id tells when it was minted and
// proves that this service minted it: a forged id is refused without asking Temporal.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

const JOB_ID_SHAPE =
  'job-(([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})-([0-9a-f]{16})';
const MINTED = new RegExp(`^${JOB_ID_SHAPE}$`);
/** A job's workflow id, or one of its page-range children's (`<job id>-pages-<n>`). */
const JOB_WORKFLOW_ID = new RegExp(`^(${JOB_ID_SHAPE})(?:-pages-\\d+)?$`);

/**
 * The job id in a workflow id (the job's own or a page-range child's), judged by shape only: for
 * labelling log lines, not for trusting a client.
 */
export function jobIdOfWorkflow(workflowId: string): string | undefined {
  return JOB_WORKFLOW_ID.exec(workflowId)?.[1];
}

/**
 * Mints and checks job ids under one server secret (`JOB_ID_SECRET`, the same on every API
 * replica). The tag is the first 64 bits of HMAC-SHA256 over the UUID: not a secret to hide, a
 * proof of origin, and 2^64 guesses are far beyond what any client can send. Checking a tag costs
 * a microsecond, where the alternative (a table of every id the API minted) costs a database
 * read per id and grows without bound.
 */
export class JobIds {
  private readonly secret: Buffer;

  constructor(secret: string) {
    if (secret.length < 16) throw new Error('The job id secret needs at least 16 characters');
    this.secret = Buffer.from(secret, 'utf8');
  }

  private tag(uuid: string): string {
    return createHmac('sha256', this.secret).update(uuid).digest('hex').slice(0, 16);
  }

  /** A new job id: 48 bits of `now` (epoch ms), version 7, 74 random bits, then the tag. */
  mint(now = Date.now()): string {
    const uuid = uuidv7({ msecs: now });
    return `job-${uuid}-${this.tag(uuid)}`;
  }

  /**
   * When `id` was minted (epoch ms), or `undefined` when this service did not mint it: another
   * shape, a page-range child's id, or a tag that does not match (forged, or another secret).
   */
  mintedAt(id: string): number | undefined {
    const match = MINTED.exec(id);
    if (!match?.[1] || !match[4]) return undefined;
    const expected = Buffer.from(this.tag(match[1]), 'hex');
    const given = Buffer.from(match[4], 'hex');
    if (!timingSafeEqual(expected, given)) return undefined;
    return parseInt(`${match[2]}${match[3]}`, 16);
  }

  /** Whether this service minted `id`. */
  isMinted(id: string): boolean {
    return this.mintedAt(id) !== undefined;
  }
}
