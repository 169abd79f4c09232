// collectDocumentNames: the names a document's pages hold, so each page is searched for all.
import { ZOcrPage } from '../ocr/types.js';
import { documentNames, pageNames } from '../phi/detect.js';
import { jobKeys } from '../storage/keys.js';
import type { PageRef } from '../workflows/contract.js';
import type { ActivityDeps } from './deps.js';
import { jobDetector } from './job-detector.js';
import { timeAndMapErrors } from './time-and-map-errors.js';

export interface CollectNamesInput {
  jobId: string;
  /** The pages OCR read (a page masked whole as unreadable has no words). */
  pages: PageRef[];
}

export function createCollectDocumentNames(deps: ActivityDeps) {
  const { store } = deps;
  /**
   * Reads every page's words, finds the names each page holds with confidence (a caption, a
   * title, two name words together: `pageNames`), and stores them for `detectPhi` and
   * `verifyPage` of every page: a name captioned on page 2 is masked where page 1 writes it alone. Returns the object's key and how many name parts it holds, never
   * the names (workflow history holds no PHI).
   */
  return async ({ jobId, pages }: CollectNamesInput) =>
    timeAndMapErrors(async () => {
      const keys = jobKeys(jobId);
      const detector = await jobDetector(deps, jobId);
      const read = await Promise.all(
        pages.map((page) => store.getJson(keys.ocr(page.index), ZOcrPage)),
      );
      const names = [...documentNames(read.map((page) => pageNames(page, detector)))];
      const namesKey = keys.documentNames(pages[0]?.index ?? 0);
      await store.putJson(namesKey, { names });
      return { namesKey, count: names.length };
    });
}
