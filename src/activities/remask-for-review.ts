// remaskForReview: applies a reviewer's decision to one page (added masks, or the whole page).
import { z } from 'zod';
import { countByCategory } from '../jobs/report.js';
import { ZOcrPage } from '../ocr/types.js';
import { findPhi } from '../phi/detect.js';
import { ZPhiEntity, type PhiEntity } from '../phi/types.js';
import { isNotFound } from '../storage/object-store.js';
import { jobKeys } from '../storage/keys.js';
import type { ActivityDeps } from './deps.js';
import { wholePage } from '../phi/whole-page.js';
import type { PageInput } from './inputs.js';
import { jobDetector } from './job-detector.js';
import { writeMaskedPage } from './mask-page.js';
import { timeAndMapErrors } from './time-and-map-errors.js';

const ZEntities = z.array(ZPhiEntity);

/** What `/text` holds for a page a reviewer rejected and that was masked whole. */
export const REJECTED_PAGE_TEXT = '[PAGE MASKED IN REVIEW]';

export interface RemaskInput extends PageInput {
  /** Boxes a reviewer added (approve), masked on top of what the page already has. */
  added: PhiEntity[];
  /** Mask the whole page (a rejection with REVIEW_REJECT_ACTION=mask-pages). */
  whole: boolean;
}

export function createRemaskForReview(deps: ActivityDeps) {
  const { store } = deps;
  /**
   * Masks a page again from its original image with the reviewer's boxes added (or whole), and
   * rewrites its de-identified text so words under the new masks leave the text too.
   */
  return async ({ jobId, page, added, whole }: RemaskInput) =>
    timeAndMapErrors(async () => {
      const keys = jobKeys(jobId);
      const entities = whole
        ? [wholePage(page)]
        : [...(await store.getJson(keys.entities(page.index), ZEntities)), ...added];
      const maskedKey = await writeMaskedPage(deps, jobId, page, entities);
      if (whole) {
        await store.putText(keys.pageText(page.index), REJECTED_PAGE_TEXT);
      } else {
        const firstRead = await store.getJson(keys.ocr(page.index), ZOcrPage).catch((err) => {
          // A page never read (masked whole as unreadable) has no words to redact.
          if (isNotFound(err)) return undefined;
          throw err;
        });
        if (firstRead) {
          // The words under the page's masks leave the text, whichever rule found them.
          const detector = await jobDetector(deps, jobId);
          await store.putText(
            keys.pageText(page.index),
            findPhi(firstRead, detector, entities).redactedText,
          );
        }
      }
      return { maskedKey, entities: entities.length, byCategory: countByCategory(entities) };
    });
}
