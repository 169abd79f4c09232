// verifyPage: reads the masked page again and returns any PHI still readable on it.
import { PSM } from 'tesseract.js';
import { coverage, pad } from '../imaging/geometry.js';
import { ZJobManifest } from '../jobs/manifest.js';
import { readPage } from '../ocr/read-page.js';
import { rereadLine, suspectLines } from '../ocr/regions.js';
import { ZOcrPage, type OcrPage } from '../ocr/types.js';
import { detectPhi } from '../phi/detect.js';
import { detectorFor } from '../phi/detector.js';
import type { PhiEntity } from '../phi/types.js';
import { jobKeys } from '../storage/keys.js';
import { runStage, withHeartbeat, type ActivityDeps } from './deps.js';
import type { PageInput } from './page.js';

/** How the masked page is checked: not at all, by re-reading uncertain lines, or by a full second OCR. */
export type VerifyMode = 'off' | 'targeted' | 'full';

export function verifyActivities({
  store,
  ocr,
  phi,
  maskPaddingPx,
  ocrMinDpi,
  verifyMode,
}: ActivityDeps) {
  return {
    /**
     * Re-reads the masked page (`targeted`: only lines with uncertain words, cropped and upscaled;
     * `full`: the whole page, sparse-text mode) and detects again. Returns the entities not already
     * under a mask, and how many lines or pages were read.
     */
    verifyPage: async ({ jobId, page, entities }: PageInput & { entities: PhiEntity[] }) => {
      return runStage(async () => {
        if (verifyMode === 'off') return { residual: [], reread: 0 };
        const keys = jobKeys(jobId);
        const [maskedPng, firstRead, manifest] = await Promise.all([
          store.getBuffer(keys.masked(page.index)),
          store.getJson(keys.ocr(page.index), ZOcrPage),
          store.getJson(keys.manifest, ZJobManifest),
        ]);
        const masks = entities.map((e) => pad(e.bbox, maskPaddingPx));
        let second: OcrPage;
        let reread: number;
        if (verifyMode === 'full') {
          second = await withHeartbeat(
            readPage(ocr, maskedPng, page, { minDpi: ocrMinDpi, psm: PSM.SPARSE_TEXT }),
          );
          reread = 1;
        } else {
          const suspects = suspectLines(firstRead, masks);
          const lines = [...firstRead.lines];
          for (const index of suspects) {
            const line = lines[index];
            const again =
              line && (await withHeartbeat(rereadLine(ocr, maskedPng, firstRead, line)));
            if (again) lines[index] = again;
          }
          second = { ...firstRead, lines };
          reread = suspects.length;
        }
        const found = detectPhi(second, detectorFor(phi, manifest.options)).entities;
        const residual = found.filter((e) => !masks.some((m) => coverage(e.bbox, m) >= 0.9));
        return { residual, reread };
      });
    },
  };
}
