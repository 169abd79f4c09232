// fetchSource and splitPages: from the submitted object to page images in object storage.
import { Context } from '@temporalio/activity';
import { RedactifyError } from '../errors.js';
import { openDocument } from '../imaging/document.js';
import { SNIFF_BYTES, sniffType, type SourceType } from '../imaging/sniff.js';
import { ZJobManifest } from '../jobs/manifest.js';
import { jobKeys } from '../storage/keys.js';
import type { PageRef } from '../shared.js';
import { runStage, type ActivityDeps } from './deps.js';

export interface JobRef {
  jobId: string;
}

export function sourceActivities({ store, documents }: ActivityDeps) {
  return {
    /** Makes sure the input is in object storage and identifies its format by magic bytes. */
    fetchSource: async ({ jobId }: JobRef) => {
      return runStage(async () => {
        const keys = jobKeys(jobId);
        const manifest = await store.getJson(keys.manifest, ZJobManifest);
        if (manifest.source.kind === 'url') {
          // The seam for URL inputs: downloading needs SSRF protection before it is enabled.
          throw new RedactifyError(
            'URL_INPUT_NOT_ENABLED',
            'URL inputs are not enabled on this server',
          );
        }
        const stored = await store.stat(keys.input);
        if (!stored) throw new Error(`input object for job ${jobId} is missing`); // retried: upload may lag
        if (stored.size === 0) throw new RedactifyError('EMPTY_FILE', 'The file is empty');
        const sniffed = sniffType(await store.getHead(keys.input, SNIFF_BYTES));
        if (!sniffed.supported) {
          throw new RedactifyError(
            'UNSUPPORTED_TYPE',
            `The file is ${sniffed.description}, which is not supported`,
          );
        }
        return { sourceType: sniffed.type, bytes: stored.size };
      });
    },

    /** Renders every page to PNG in object storage; resumes after the last page heartbeated. */
    splitPages: async ({ jobId, sourceType }: JobRef & { sourceType: SourceType }) => {
      return runStage(async () => {
        const keys = jobKeys(jobId);
        const context = Context.current();
        const document = await openDocument(
          await store.getBuffer(keys.input),
          sourceType,
          documents,
        );
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
    },
  };
}
