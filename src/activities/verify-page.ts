// verifyPage: reads the masked page again and returns any PHI still readable on it.
import { log } from '@temporalio/activity';
import { ZOcrPage } from '../ocr/types.js';
import { findPhi } from '../phi/detect.js';
import type { PhiEntity } from '../phi/types.js';
import { findResidualPhi } from '../phi/verify.js';
import { jobKeys } from '../storage/keys.js';
import type { ActivityDeps } from './deps.js';
import { withHeartbeat } from './heartbeat.js';
import type { DetectInput } from './inputs.js';
import { jobDetector } from './job-detector.js';
import { timeAndMapErrors } from './time-and-map-errors.js';

export function createVerifyPage(deps: ActivityDeps) {
  const { store, ocr, maskPaddingPx, ocrMinDpi, verifyMode } = deps;
  /** Checks a masked page; see `findResidualPhi`. */
  return async ({ jobId, page, entities, namesKey }: DetectInput & { entities: PhiEntity[] }) =>
    timeAndMapErrors(async () => {
      if (verifyMode === 'off') return { residual: [], reread: 0 };
      const keys = jobKeys(jobId);
      const [maskedPng, firstRead, detector] = await Promise.all([
        store.getBuffer(keys.masked(page.index)),
        store.getJson(keys.ocr(page.index), ZOcrPage),
        jobDetector(deps, jobId, namesKey),
      ]);
      const check = await withHeartbeat(
        findResidualPhi(ocr, maskedPng, firstRead, entities, detector, {
          mode: verifyMode,
          minDpi: ocrMinDpi,
          paddingPx: maskPaddingPx,
        }),
      );
      // The page's text must not keep what the image now hides.
      if (check.residual.length > 0) {
        log.info('PHI still readable after masking; masking it too', {
          page: page.index,
          residual: check.residual.length,
        });
        const masked = [...entities, ...check.residual];
        const text = findPhi(firstRead, detector, masked).redactedText;
        await store.putText(keys.pageText(page.index), text);
      }
      return check;
    });
}
