// What the workflow passes to the activities that work on a whole job or on one page.
import type { PageRef } from '../workflows/contract.js';

export interface JobRef {
  jobId: string;
}

export interface PageInput {
  jobId: string;
  page: PageRef;
}
