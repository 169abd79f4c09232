// ocrPage: reads a page image into words and boxes, kept in object storage, with the job's engine.
import { log } from '@temporalio/activity';
import type { OcrEngineName } from '../jobs/manifest.js';
import { OcrEngineUnavailableError, OcrTimeoutError, type OcrEngine } from '../ocr/engine.js';
import { readPage } from '../ocr/read-page.js';
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

export function createOcrPage(deps: ActivityDeps) {
  const { store, ocr, ocrFallback, ocrMinDpi } = deps;
  /** The other engines, as this worker has them (a job may ask for one a worker lacks). */
  const others: Record<Exclude<OcrEngineName, 'tesseract'>, OcrEngine | undefined> = {
    'tesseract-native': deps.nativeTesseract,
    azure: deps.azure,
  };
  /**
   * Reads a page with the job's engine. Returns `readable: false` when OCR timed out, so the
   * workflow masks the whole page; other errors are retried. An engine that is down (Azure past
   * its retries, a worker without TESSERACT_BIN) never leaves a page unread: the page is read by
   * tesseract.js or masked whole (OCR_FALLBACK), and flagged either way. Azure refusing its key
   * fails with OCR_ENGINE_AUTH.
   */
  return async ({ jobId, page, engine = 'tesseract' }: PageInput & { engine?: OcrEngineName }) => {
    return timeAndMapErrors(async (): Promise<OcrOutcome> => {
      const png = await store.getBuffer(page.key);
      const save = async (result: OcrPage, used: PageEngine, flags: PageFlag[]) => {
        await store.putJson(jobKeys(jobId).ocr(page.index), result);
        const words = result.lines.reduce((n, l) => n + l.words.length, 0);
        return { readable: true, words, engine: used, flags };
      };
      const read = (reader: OcrEngine) =>
        withHeartbeat(readPage(reader, png, page, { minDpi: ocrMinDpi }));
      try {
        if (engine === 'tesseract') return await save(await read(ocr), 'tesseract', []);
        try {
          const other = others[engine];
          if (!other)
            throw new OcrEngineUnavailableError(`${engine} is not configured on this worker`);
          // Azure reads at the page's own resolution: it needs no upscaling.
          const result =
            engine === 'azure' ? withHeartbeat(other.recognize({ png, ...page })) : read(other);
          return await save(await result, engine, []);
        } catch (err) {
          if (!(err instanceof OcrEngineUnavailableError)) throw err;
          log.warn('OCR engine down; page falls back', {
            page: page.index,
            engine,
            status: err.status,
            fallback: ocrFallback,
          });
          if (ocrFallback === 'mask') {
            return { readable: false, words: 0, engine: 'none', flags: ['engine-fallback'] };
          }
          return await save(await read(ocr), 'tesseract', ['engine-fallback']);
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
