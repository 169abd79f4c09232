// ocrPage: reads a page image into words and boxes, kept in object storage.
import { log } from '@temporalio/activity';
import { readPage } from '../ocr/read-page.js';
import { OcrTimeoutError } from '../ocr/tesseract-pool.js';
import { jobKeys } from '../storage/keys.js';
import type { ActivityDeps } from './deps.js';
import { withHeartbeat } from './heartbeat.js';
import type { PageInput } from './inputs.js';
import { timeAndMapErrors } from './time-and-map-errors.js';

export function createOcrPage({ store, ocr, ocrMinDpi }: ActivityDeps) {
  /**
   * Reads a page. Returns `readable: false` when OCR timed out, so the workflow masks the whole
   * page; other errors are retried.
   */
  return async ({ jobId, page }: PageInput) => {
    return timeAndMapErrors(async () => {
      const png = await store.getBuffer(page.key);
      try {
        const result = await withHeartbeat(readPage(ocr, png, page, { minDpi: ocrMinDpi }));
        await store.putJson(jobKeys(jobId).ocr(page.index), result);
        const words = result.lines.reduce((n, l) => n + l.words.length, 0);
        return { readable: true, words };
      } catch (err) {
        if (err instanceof OcrTimeoutError) {
          log.warn('OCR timed out; the page will be masked whole', { page: page.index });
          return { readable: false, words: 0 };
        }
        throw err;
      }
    });
  };
}
