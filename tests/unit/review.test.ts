// Review logic without servers: which pages wait, which boxes a decision may add, and the routes' checks.
import { describe, expect, it } from 'vitest';
import { auditTarget } from '../../src/api/middleware/audit.js';
import { pendingReviewsQuery } from '../../src/api/job-lookup.js';
import {
  pendingReview,
  reviewBoxProblem,
  reviewMasks,
  withConfidenceFlags,
} from '../../src/jobs/review.js';
import type { PageRef, PageSummary } from '../../src/workflows/contract.js';

const page = (index: number): PageRef => ({
  index,
  key: `jobs/j/pages/${index}.png`,
  width: 800,
  height: 600,
  dpi: 300,
});
const summary = (index: number, flags: PageSummary['flags'], minConfidence = 1): PageSummary => ({
  index,
  maskedKey: `jobs/j/masked/${index}.png`,
  entities: 1,
  byCategory: { NAME: 1 },
  flags,
  minConfidence,
  timings: {},
});

describe('review', () => {
  it('flags pages with an entity below the threshold, once', () => {
    const flagged = withConfidenceFlags([summary(0, [], 0.6), summary(1, [], 0.7)], 0.7);
    expect(flagged.map((s) => s.flags)).toEqual([['low-confidence'], []]);
    expect(withConfidenceFlags(flagged, 0.7)[0]?.flags).toEqual(['low-confidence']);
  });

  it('holds the flagged pages only, due after the timeout', () => {
    const pending = pendingReview(
      [page(0), page(1)],
      [summary(0, []), summary(1, ['residual-phi'])],
      1_000,
      60_000,
    );
    expect(pending).toEqual({
      pages: [{ index: 1, width: 800, height: 600, flags: ['residual-phi'] }],
      dueAtMs: 61_000,
    });
  });

  it('refuses boxes off the pages under review or outside their pixels', () => {
    const pending = pendingReview(
      [page(0), page(1)],
      [summary(0, []), summary(1, ['unverified'])],
      0,
      1,
    );
    const box = (p: number, x: number, y: number, w: number, h: number) => ({
      page: p,
      bbox: { x, y, w, h },
    });
    expect(reviewBoxProblem(box(1, 10, 10, 100, 50), pending)).toBeUndefined();
    expect(reviewBoxProblem(box(0, 10, 10, 100, 50), pending)).toMatch(/not under review/);
    expect(reviewBoxProblem(box(1, 750, 10, 100, 50), pending)).toMatch(/outside/);
    expect(reviewBoxProblem(box(1, 10, 10, 0, 50), pending)).toMatch(/positive/);
  });

  it('turns approved boxes into reviewer entities inside the page; a rejection adds none', () => {
    const pending = pendingReview([page(0)], [summary(0, ['residual-phi'])], 0, 1);
    const addBoxes = [
      { page: 0, bbox: { x: 10.4, y: 20.6, w: 5, h: 5 }, category: 'NAME' as const },
      { page: 0, bbox: { x: 790, y: 590, w: 50, h: 50 }, category: 'MRN' as const },
      { page: 3, bbox: { x: 0, y: 0, w: 5, h: 5 }, category: 'NAME' as const },
    ];
    const masks = reviewMasks({ decision: 'approve', addBoxes }, pending);
    expect([...masks.keys()]).toEqual([0]);
    expect(masks.get(0)).toEqual([
      { category: 'NAME', bbox: { x: 10, y: 20, w: 6, h: 6 }, confidence: 1, detector: 'reviewer' },
      {
        category: 'MRN',
        bbox: { x: 790, y: 590, w: 10, h: 10 },
        confidence: 1,
        detector: 'reviewer',
      },
    ]);
    expect(reviewMasks({ decision: 'reject', addBoxes }, pending).size).toBe(0);
  });

  it('lists only the caller’s pending runs, and refuses owner ids that would need quoting', () => {
    expect(pendingReviewsQuery('acc_1')).toBe(
      "OwnerId = 'acc_1' AND ReviewStatus = 'pending' AND ExecutionStatus = 'Running'",
    );
    expect(() => pendingReviewsQuery("x' OR 1=1")).toThrow();
  });

  it('audits listing, page views and decisions with the job id', () => {
    expect(auditTarget('GET', '/v1/reviews')).toEqual({ action: 'reviews', jobId: null });
    expect(auditTarget('GET', '/v1/jobs/job-1/review/pages/0')).toEqual({
      action: 'review.page',
      jobId: 'job-1',
    });
    expect(auditTarget('POST', '/v1/jobs/job-1/review')).toEqual({
      action: 'review',
      jobId: 'job-1',
    });
  });
});
