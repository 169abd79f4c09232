import { describe, expect, it } from 'vitest';
import { mayBeUnlisted } from '../../src/api/job-lookup.js';
import { JOB_ID } from '../../src/api/job-view.js';
import { jobIdMintedAt, newJobId } from '../../src/jobs/job-id.js';

const MINUTE = 60_000;

describe('newJobId', () => {
  it('mints a version-7 UUID that carries its minting time and passes the id rule', () => {
    const at = Date.UTC(2026, 10, 30, 12, 34, 56, 789);
    const id = newJobId(at);
    expect(id).toMatch(/^job-[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(JOB_ID.test(id)).toBe(true);
    expect(jobIdMintedAt(id)).toBe(at);
  });

  it('mints different ids in the same millisecond, ordered by time across milliseconds', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newJobId(1_000)));
    expect(ids.size).toBe(1000);
    expect(newJobId(1_000) < newJobId(1_001)).toBe(true);
  });
});

describe('jobIdMintedAt', () => {
  it.each([
    'job-3b241101-e2bb-4255-8caf-4136c566a962', // version 4
    'job-0192f0a1-8c3e-7b7a-cafe-0123456789ab', // variant bits wrong
    '0192f0a1-8c3e-7b7a-8afe-0123456789ab', // no prefix
    'job-0192f0a1-8c3e-7b7a-8afe-0123456789ab-pages-1', // a page-range child
    'job-0192F0A1-8C3E-7B7A-8AFE-0123456789AB', // not as minted
  ])('is undefined for %s, which this service does not mint', (id) => {
    expect(jobIdMintedAt(id)).toBeUndefined();
  });
});

describe('mayBeUnlisted', () => {
  const now = Date.UTC(2026, 10, 30);
  it('asks Temporal only about ids minted here within the grace', () => {
    expect(mayBeUnlisted(newJobId(now - 1_000), now, 5 * MINUTE)).toBe(true);
    expect(mayBeUnlisted(newJobId(now + 2_000), now, 5 * MINUTE)).toBe(true); // clock skew
    expect(mayBeUnlisted(newJobId(now - 6 * MINUTE), now, 5 * MINUTE)).toBe(false);
    expect(mayBeUnlisted('job-unknown', now, 5 * MINUTE)).toBe(false);
    expect(mayBeUnlisted(`${newJobId(now)}-pages-1`, now, 5 * MINUTE)).toBe(false);
  });
});
