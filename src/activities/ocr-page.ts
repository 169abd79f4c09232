// ocrPage: reads a page image into words and boxes, kept in object storage, with the job's engine.
import { log } from '@temporalio/activity';
import type { OcrEngineName } from '../jobs/manifest.js';
import { OcrEngineUnavailableError } from '../ocr/azure-engine.js';
import { readPage } from '../ocr/read-page.js';
import { OcrTimeoutError } from '../ocr/tesseract-pool.js';
import type { OcrPage } from '../ocr/types.js';
import { jobKeys } from '../storage/keys.js';
import type { PageEngine, PageFlag } from '../workflows/contract.js';
import type { ActivityDeps } from './deps.js';
import { withHeartbeat } from './heartbeat.js';
import type { PageInput } from './inputs.js';
import { timeAndMapErrors } from './time-and-map-errors.js';

/** What reading a page tells the workflow: counts, the engine that read it, and flags. */
export interface OcrOutcome {
  readable: boolean;
  words: number;
  engine: PageEngine;
  flags: PageFlag[];
}

export function createOcrPage({ store, ocr, azure, ocrFallback, ocrMinDpi }: ActivityDeps) {
  /**
   * Reads a page with the job's engine. Returns `readable: false` when OCR timed out, so the
   * workflow masks the whole page; other errors are retried. An engine that is down (Azure past
   * its retries) never leaves a page unread: the page is read by tesseract or masked whole
   * (OCR_FALLBACK), and flagged either way. Azure refusing its key fails with OCR_ENGINE_AUTH.
   */
  return async ({ jobId, page, engine = 'tesseract' }: PageInput & { engine?: OcrEngineName }) => {
    return timeAndMapErrors(async (): Promise<OcrOutcome> => {
      const png = await store.getBuffer(page.key);
      const save = async (result: OcrPage, used: PageEngine, flags: PageFlag[]) => {
        await store.putJson(jobKeys(jobId).ocr(page.index), result);
        const words = result.lines.reduce((n, l) => n + l.words.length, 0);
        return { readable: true, words, engine: used, flags };
      };
      const tesseract = () => withHeartbeat(readPage(ocr, png, page, { minDpi: ocrMinDpi }));
      try {
        if (engine === 'tesseract') return await save(await tesseract(), 'tesseract', []);
        try {
          if (!azure) throw new OcrEngineUnavailableError('Azure is not configured on this worker');
          return await save(await withHeartbeat(azure.recognize({ png, ...page })), 'azure', []);
        } catch (err) {
          if (!(err instanceof OcrEngineUnavailableError)) throw err;
          log.warn('OCR engine down; page falls back', {
            page: page.index,
            status: err.status,
            fallback: ocrFallback,
          });
          if (ocrFallback === 'mask') {
            return { readable: false, words: 0, engine: 'none', flags: ['engine-fallback'] };
          }
          return await save(await tesseract(), 'tesseract', ['engine-fallback']);
        }
      } catch (err) {
        if (err instanceof OcrTimeoutError) {
          log.warn('OCR timed out; the page will be masked whole', { page: page.index });
          return { readable: false, words: 0, engine: 'none', flags: [] };
        }
        throw err;
      }
    });
  };
}
