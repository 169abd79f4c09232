// Human review of flagged pages (REVIEW_MODE=hold): which pages wait, and what a decision masks.
// Pure: used by the workflow (deterministic) and by the API (to check a decision before it is sent).
import type { Box } from '../imaging/geometry.js';
import type { PhiEntity } from '../phi/types.js';
import type {
  PageRef,
  PageSummary,
  PendingReview,
  ReviewDecision,
  ReviewSettings,
} from '../workflows/contract.js';

/** Today's behaviour: flagged pages are released, flagged, without waiting for anyone. */
export const FLAG_ONLY: ReviewSettings = {
  mode: 'flag',
  confidenceBelow: 0.7,
  timeoutMs: 24 * 3_600_000,
  timeoutAction: 'reject',
  rejectAction: 'mask-pages',
};

/** Adds `low-confidence` to each page with an entity below `threshold` (and no such flag yet). */
export function withConfidenceFlags(summaries: readonly PageSummary[], threshold: number) {
  return summaries.map((s): PageSummary =>
    (s.minConfidence ?? 1) < threshold && !s.flags.includes('low-confidence')
      ? { ...s, flags: [...s.flags, 'low-confidence'] }
      : s,
  );
}

/** The flagged pages, as a reviewer is shown them, due `timeoutMs` after `nowMs`. */
export function pendingReview(
  pages: readonly PageRef[],
  summaries: readonly PageSummary[],
  nowMs: number,
  timeoutMs: number,
): PendingReview {
  const flagged = summaries.filter((s) => s.flags.length > 0);
  return {
    pages: flagged.map((s) => {
      const page = pages[s.index];
      return {
        index: s.index,
        width: page?.width ?? 0,
        height: page?.height ?? 0,
        flags: s.flags,
      };
    }),
    dueAtMs: nowMs + timeoutMs,
  };
}

/** Why a reviewer's box cannot be applied; `undefined` when it can. */
export function reviewBoxProblem(
  box: { page: number; bbox: Box },
  pending: PendingReview,
): string | undefined {
  const page = pending.pages.find((p) => p.index === box.page);
  if (!page) return `page ${box.page} is not under review`;
  const { x, y, w, h } = box.bbox;
  if (![x, y, w, h].every(Number.isFinite) || w <= 0 || h <= 0) {
    return 'a box needs a positive width and height';
  }
  if (x < 0 || y < 0 || x + w > page.width || y + h > page.height) {
    return `a box on page ${box.page} lies outside its ${page.width}×${page.height} pixels`;
  }
  return undefined;
}

/**
 * The masks a decision adds, per page: the reviewer's boxes on pages under review, rounded out to
 * whole pixels and kept inside the page. Boxes the API would refuse are dropped here too, so a
 * signal sent some other way cannot mask outside a page or touch a page nobody reviewed.
 */
export function reviewMasks(
  decision: ReviewDecision,
  pending: PendingReview,
): Map<number, PhiEntity[]> {
  const byPage = new Map<number, PhiEntity[]>();
  if (decision.decision !== 'approve') return byPage;
  for (const box of decision.addBoxes) {
    const page = pending.pages.find((p) => p.index === box.page);
    if (!page) continue;
    const x = Math.max(0, Math.floor(box.bbox.x));
    const y = Math.max(0, Math.floor(box.bbox.y));
    const right = Math.min(page.width, Math.ceil(box.bbox.x + box.bbox.w));
    const bottom = Math.min(page.height, Math.ceil(box.bbox.y + box.bbox.h));
    if (!(right > x && bottom > y)) continue;
    const entity: PhiEntity = {
      category: box.category,
      bbox: { x, y, w: right - x, h: bottom - y },
      confidence: 1,
      detector: 'reviewer',
    };
    byPage.set(box.page, [...(byPage.get(box.page) ?? []), entity]);
  }
  return byPage;
}
