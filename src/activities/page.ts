// Per-page activities: OCR, PHI detection and masking. Text stays in object storage.
import { log } from '@temporalio/activity';
import { ZJobManifest } from '../jobs/manifest.js';
import { paintBoxes } from '../imaging/mask.js';
import { decodeRaw, encodeRawPng } from '../imaging/raw.js';
import { readPage } from '../ocr/read-page.js';
import { OcrTimeoutError } from '../ocr/tesseract-pool.js';
import { ZOcrPage } from '../ocr/types.js';
import { detectPhi } from '../phi/detect.js';
import { detectorFor } from '../phi/detector.js';
import type { PhiEntity } from '../phi/types.js';
import { jobKeys } from '../storage/keys.js';
import type { PageFlag, PageRef } from '../shared.js';
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
export const UNREADABLE_PAGE_TEXT = '[UNREADABLE PAGE]';

export function pageActivities({
  store,
  ocr,
  phi,
  maskPaddingPx,
  ocrMinDpi,
  detectBudgetMs,
}: ActivityDeps) {
  return {
    /**
     * Reads a page. Returns `readable: false` when OCR timed out, so the workflow masks the whole
     * page; other errors are retried.
     */
    ocrPage: async ({ jobId, page }: PageInput) => {
      return runStage(async () => {
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
      return runStage(async () => ({
        maskedKey: await writeMaskedPage({ store, maskPaddingPx }, jobId, page, entities),
      }));
    },
  };
}

/**
 * Paints `entities` opaque over the page image and stores the masked page and its entity list
 * (deterministic keys: a retry writes the same objects). Returns the masked page's key.
 */
export async function writeMaskedPage(
  { store, maskPaddingPx }: Pick<ActivityDeps, 'store' | 'maskPaddingPx'>,
  jobId: string,
  page: PageRef,
  entities: readonly PhiEntity[],
): Promise<string> {
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
  return maskedKey;
}
