// splitPages: from the checked input to page images in object storage.
import { Context } from '@temporalio/activity';
import { mayHoldFace } from '../faces/page-prefilter.js';
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
          // Pages rendered before a retry are not looked at again: their faces are searched.
          let faceCheck: Pick<PageRef, 'mayHoldFace'> = {};
          if (index >= resumeFrom) {
            const png = await document.renderPage(index);
            await store.put(key, png, 'image/png');
            faceCheck = { mayHoldFace: await mayHoldFace(png, info) };
            context.heartbeat(index + 1);
          }
          pages.push({ index, key, ...info, ...faceCheck });
        }
        return { pages };
      } finally {
        await document.close();
      }
    });
  };
}
