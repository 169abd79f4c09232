// splitPages: from the checked input to page images in object storage.
import { Context } from '@temporalio/activity';
import { openDocument } from '../imaging/document.js';
import type { SourceType } from '../imaging/sniff.js';
import { jobKeys } from '../storage/keys.js';
import type { PageRef } from '../workflows/contract.js';
import type { ActivityDeps } from './deps.js';
import type { JobRef } from './inputs.js';
import { timeAndMapErrors } from './time-and-map-errors.js';

export function createSplitPages({ store, documents }: ActivityDeps) {
  /** Renders every page to PNG in object storage; resumes after the last page heartbeated. */
  return async ({ jobId, sourceType }: JobRef & { sourceType: SourceType }) => {
    return timeAndMapErrors(async () => {
      const keys = jobKeys(jobId);
      const context = Context.current();
      const document = await openDocument(await store.getBuffer(keys.input), sourceType, documents);
      try {
        const resumeFrom = Number(context.info.heartbeatDetails ?? 0);
        const pages: PageRef[] = [];
        for (const [index, info] of document.pages.entries()) {
          const key = keys.page(index);
          if (index >= resumeFrom) {
            await store.put(key, await document.renderPage(index), 'image/png');
            context.heartbeat(index + 1);
          }
          pages.push({ index, key, ...info });
        }
        return { pages };
      } finally {
        await document.close();
      }
    });
  };
}
