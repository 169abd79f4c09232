import { describe, expect, it } from 'vitest';
import { mayBeUnlisted } from '../../src/api/job-lookup.js';
import { JOB_ID } from '../../src/api/job-view.js';
import { JobIds } from '../../src/jobs/job-id.js';

const MINUTE = 60_000;
const ids = new JobIds('unit-test-secret-0123456789');

describe('JobIds.mint', () => {
  it('mints a version-7 UUID with a tag, carrying its minting time, URL-safe and within the id rule', () => {
    const at = Date.UTC(2026, 10, 30, 12, 34, 56, 789);
    const id = ids.mint(at);
    expect(id).toMatch(
      /^job-[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}-[0-9a-f]{16}$/,
    );
    expect(encodeURIComponent(id)).toBe(id);
    expect(JOB_ID.test(id)).toBe(true);
    expect(ids.mintedAt(id)).toBe(at);
  });

  it('mints different ids in the same millisecond, ordered by time across milliseconds', () => {
    const minted = new Set(Array.from({ length: 1000 }, () => ids.mint(1_000)));
    expect(minted.size).toBe(1000);
    expect(ids.mint(1_000) < ids.mint(1_001)).toBe(true);
  });
});

describe('JobIds.mintedAt', () => {
  const real = ids.mint(Date.UTC(2026, 10, 30));
  const uuid = real.slice(4, 40);
  it.each([
    ['a forged tag', `job-${uuid}-0123456789abcdef`],
    ['another secret', new JobIds('another-secret-0123456789').mint()],
    ['no tag (the old id shape)', `job-${uuid}`],
    ['a fresh UUIDv7 with a made-up tag', `job-${ids.mint().slice(4, 40)}-ffffffffffffffff`],
    ['a page-range child', `${real}-pages-1`],
    ['upper case', real.toUpperCase()],
    ['version 4', 'job-3b241101-e2bb-4255-8caf-4136c566a962-0123456789abcdef'],
  ])('is undefined for %s', (_, id) => {
    expect(ids.mintedAt(id)).toBeUndefined();
  });

  it('refuses a short secret', () => {
    expect(() => new JobIds('short')).toThrow('at least 16');
  });
});

describe('mayBeUnlisted', () => {
  const now = Date.UTC(2026, 10, 30);
  it('asks Temporal only about ids minted here within the grace', () => {
    expect(mayBeUnlisted(ids.mint(now - 1_000), now, 5 * MINUTE, ids)).toBe(true);
    expect(mayBeUnlisted(ids.mint(now + 2_000), now, 5 * MINUTE, ids)).toBe(true); // clock skew
    expect(mayBeUnlisted(ids.mint(now - 6 * MINUTE), now, 5 * MINUTE, ids)).toBe(false);
    expect(mayBeUnlisted('job-unknown', now, 5 * MINUTE, ids)).toBe(false);
    expect(mayBeUnlisted(`${ids.mint(now)}-pages-1`, now, 5 * MINUTE, ids)).toBe(false);
    const forged = `${ids.mint(now).slice(0, 40)}-0000000000000000`;
    expect(mayBeUnlisted(forged, now, 5 * MINUTE, ids)).toBe(false);
  });
});
