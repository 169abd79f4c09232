// What the workflow passes to the activities that work on a whole job or on one page.
import type { PageRef } from '../workflows/contract.js';

export interface JobRef {
  jobId: string;
}

export interface PageInput {
  jobId: string;
  page: PageRef;
}

/** A page to search for PHI, with the names its document's pages hold, when it has several. */
export interface DetectInput extends PageInput {
  /** The object `collectDocumentNames` wrote; absent for a one-page document. */
  namesKey?: string;
}
