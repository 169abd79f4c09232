// Per-page activities: OCR, PHI detection and masking. Text stays in object storage.
import { log } from '@temporalio/activity';
import { ZJobManifest } from '../jobs/manifest.js';
import { hideFaces } from '../faces/hide.js';
import { paintBoxes } from '../imaging/mask.js';
import { decodeRaw, encodeRawPng } from '../imaging/raw.js';
import { readPage } from '../ocr/read-page.js';
import { OcrTimeoutError } from '../ocr/tesseract-pool.js';
import { ZOcrPage } from '../ocr/types.js';
import { detectPhi } from '../phi/detect.js';
import { detectorFor } from '../phi/detector.js';
import type { PhiEntity } from '../phi/types.js';
import { wholePage } from '../phi/whole-page.js';
import { jobKeys } from '../storage/keys.js';
import type { PageFlag, PageRef } from '../shared.js';
import { BudgetExceededError, withinBudget } from '../util/time-budget.js';
import { runStage, withHeartbeat, type ActivityDeps } from './deps.js';

export interface PageInput {
  jobId: string;
  page: PageRef;
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

    /**
     * Paints the text entities' boxes opaque, hides the faces as the job asks (`options.faces`,
     * an opaque fill with padding by default) and records what was masked.
     */
    maskPage: async ({ jobId, page, entities }: PageInput & { entities: PhiEntity[] }) => {
      return runStage(async () => {
        const keys = jobKeys(jobId);
        const faces = entities.filter((e) => e.category === 'FACE').map((e) => e.bbox);
        const [png, manifest] = await Promise.all([
          store.getBuffer(page.key),
          faces.length ? store.getJson(keys.manifest, ZJobManifest) : undefined,
        ]);
        const image = await decodeRaw(png);
        const faceMode = manifest?.options.faces ?? 'mask';
        // A face box only exists when detection ran, so `off` cannot reach here; mask if it did.
        await hideFaces(image, faces, faceMode === 'off' ? 'mask' : faceMode, maskPaddingPx);
        paintBoxes(
          image,
          entities.filter((e) => e.category !== 'FACE').map((e) => e.bbox),
          maskPaddingPx,
        );
        const out = await encodeRawPng(image);
        const maskedKey = keys.masked(page.index);
        await Promise.all([
          store.put(maskedKey, out, 'image/png'),
          store.putJson(keys.entities(page.index), entities),
        ]);
        return { maskedKey };
      });
    },
  };
}
