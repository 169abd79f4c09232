// detectPhi: finds PHI on a read page; its de-identified text stays in object storage.
import { UNREADABLE_PAGE_TEXT } from '../ocr/ocr-answer.js';
import { ZOcrPage } from '../ocr/types.js';
import { findPhi } from '../phi/detect.js';
import type { PhiEntity } from '../phi/types.js';
import { wholePage } from '../phi/whole-page.js';
import { jobKeys } from '../storage/keys.js';
import { BudgetExceededError, withinBudget } from '../util/time-budget.js';
import type { PageFlag } from '../workflows/contract.js';
import type { ActivityDeps } from './deps.js';
import type { DetectInput } from './inputs.js';
import { jobDetector } from './job-detector.js';
import { timeAndMapErrors } from './time-and-map-errors.js';

/** What `/text` holds for a page masked whole. */
export { UNREADABLE_PAGE_TEXT };

export function createDetectPhi(deps: ActivityDeps) {
  const { store, detectBudgetMs } = deps;
  /**
   * Finds PHI on a page (and the names of its document's other pages, with `namesKey`); writes
   * its de-identified text and returns boxes and categories. A page
   * whose detection runs past `detectBudgetMs` is answered with the whole page as one entity and
   * a flag: masked whole, never released unchecked.
   */
  return async ({ jobId, page, namesKey }: DetectInput) => {
    return timeAndMapErrors(async (): Promise<{ entities: PhiEntity[]; flags?: PageFlag[] }> => {
      const keys = jobKeys(jobId);
      const [ocrPage, detector] = await Promise.all([
        store.getJson(keys.ocr(page.index), ZOcrPage),
        jobDetector(deps, jobId, namesKey),
      ]);
      let detection;
      try {
        detection = withinBudget(() => findPhi(ocrPage, detector), detectBudgetMs);
      } catch (err) {
        if (!(err instanceof BudgetExceededError)) throw err;
        await store.putText(keys.pageText(page.index), UNREADABLE_PAGE_TEXT);
        return { entities: [wholePage(page)], flags: ['detection-timeout'] };
      }
      await store.putText(keys.pageText(page.index), detection.redactedText);
      return { entities: detection.entities };
    });
  };
}
