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
import type { PageRef } from '../shared.js';
import { runStage, withHeartbeat, type ActivityDeps } from './deps.js';

export interface PageInput {
  jobId: string;
  page: PageRef;
}

export function pageActivities({ store, ocr, phi, maskPaddingPx, ocrMinDpi }: ActivityDeps) {
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

    /** Finds PHI on a page; writes its de-identified text and returns boxes and categories. */
    detectPhi: async ({ jobId, page }: PageInput) => {
      return runStage(async () => {
        const keys = jobKeys(jobId);
        const [ocrPage, manifest] = await Promise.all([
          store.getJson(keys.ocr(page.index), ZOcrPage),
          store.getJson(keys.manifest, ZJobManifest),
        ]);
        const detection = detectPhi(ocrPage, detectorFor(phi, manifest.options));
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
