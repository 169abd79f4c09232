// Per-page activities: OCR, PHI detection and masking. Text stays in object storage.
import { log } from '@temporalio/activity';
import { ZJobManifest } from '../jobs/manifest.js';
import { paintBoxes } from '../imaging/mask.js';
import { decodeRaw, encodeRawPng } from '../imaging/raw.js';
import { readPage } from '../ocr/read-page.js';
import { OcrTimeoutError } from '../ocr/tesseract-pool.js';
import { OcrEngineUnavailableError } from '../ocr/azure-engine.js';
import { UNREADABLE_PAGE_TEXT } from '../ocr/ocr-answer.js';
import { ZOcrPage, type OcrPage } from '../ocr/types.js';
import type { OcrEngineName } from '../jobs/manifest.js';
import { detectPhi } from '../phi/detect.js';
import { detectorFor } from '../phi/detector.js';
import type { PhiEntity } from '../phi/types.js';
import { jobKeys } from '../storage/keys.js';
import type { PageEngine, PageFlag, PageRef } from '../shared.js';
import { BudgetExceededError, withinBudget } from '../util/time-budget.js';
import { runStage, withHeartbeat, type ActivityDeps } from './deps.js';

export interface PageInput {
  jobId: string;
  page: PageRef;
}

/** The whole page as one entity: what a page nobody could read or check is masked with. */
export function wholePage(page: PageRef): PhiEntity {
  return {
    category: 'UNREADABLE',
    bbox: { x: 0, y: 0, w: page.width, h: page.height },
    confidence: 1,
    detector: 'fail-safe',
  };
}

/** What `/text` holds for a page masked whole. */
export { UNREADABLE_PAGE_TEXT };

/** What reading a page tells the workflow: counts, the engine that read it, and flags. */
export interface OcrOutcome {
  readable: boolean;
  words: number;
  engine: PageEngine;
  flags: PageFlag[];
}

export function pageActivities({
  store,
  ocr,
  azure,
  ocrFallback,
  phi,
  maskPaddingPx,
  ocrMinDpi,
  detectBudgetMs,
}: ActivityDeps) {
  return {
    /**
     * Reads a page with the job's engine. Returns `readable: false` when OCR timed out, so the
     * workflow masks the whole page; other errors are retried. An engine that is down (Azure past
     * its retries) never leaves a page unread: the page is read by tesseract or masked whole
     * (OCR_FALLBACK), and flagged either way. Azure refusing its key fails with OCR_ENGINE_AUTH.
     */
    ocrPage: async ({
      jobId,
      page,
      engine = 'tesseract',
    }: PageInput & { engine?: OcrEngineName }) => {
      return runStage(async (): Promise<OcrOutcome> => {
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
            if (!azure)
              throw new OcrEngineUnavailableError('Azure is not configured on this worker');
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
    },

    /**
     * Finds PHI on a page; writes its de-identified text and returns boxes and categories. A page
     * whose detection runs past `detectBudgetMs` is answered with the whole page as one entity and
     * a flag: masked whole, never released unchecked.
     */
    detectPhi: async ({ jobId, page }: PageInput) => {
      return runStage(async (): Promise<{ entities: PhiEntity[]; flags?: PageFlag[] }> => {
        const keys = jobKeys(jobId);
        const [ocrPage, manifest] = await Promise.all([
          store.getJson(keys.ocr(page.index), ZOcrPage),
          store.getJson(keys.manifest, ZJobManifest),
        ]);
        const detector = detectorFor(phi, manifest.options, jobId);
        let detection;
        try {
          detection = withinBudget(() => detectPhi(ocrPage, detector), detectBudgetMs);
        } catch (err) {
          if (!(err instanceof BudgetExceededError)) throw err;
          await store.putText(keys.pageText(page.index), UNREADABLE_PAGE_TEXT);
          return { entities: [wholePage(page)], flags: ['detection-timeout'] };
        }
        await store.putText(keys.pageText(page.index), detection.redactedText);
        return { entities: detection.entities };
      });
    },

    /** Paints the entities' boxes opaque and records what was masked. */
    maskPage: async ({ jobId, page, entities }: PageInput & { entities: PhiEntity[] }) => {
      return runStage(async () => {
        const keys = jobKeys(jobId);
        const image = await decodeRaw(await store.getBuffer(page.key));
        paintBoxes(
          image,
          entities.map((e) => e.bbox),
          maskPaddingPx,
        );
        const png = await encodeRawPng(image);
        const maskedKey = keys.masked(page.index);
        await Promise.all([
          store.put(maskedKey, png, 'image/png'),
          store.putJson(keys.entities(page.index), entities),
        ]);
        return { maskedKey };
      });
    },
  };
}
