// removeBackground: one page image through the configured background-removal engine, to a PNG
// with alpha in object storage (remove-background jobs, on the CPU queue).
import { RedactifyError } from '../errors.js';
import { checkCutout } from '../imaging/cutout.js';
import { jobKeys } from '../storage/keys.js';
import type { BgRemovalEngineName, PageRef } from '../workflows/contract.js';
import type { ActivityDeps } from './deps.js';
import { withHeartbeat } from './heartbeat.js';
import { timeAndMapErrors } from './time-and-map-errors.js';

export interface CutoutInput {
  jobId: string;
  page: PageRef;
}

/** What `removeBackground` returns: where the cut-out is, who made it, how much it kept. */
export interface CutoutRef {
  cutoutKey: string;
  engine: BgRemovalEngineName;
  foreground: number;
}

export function createRemoveBackground({ store, backgroundRemover }: ActivityDeps) {
  /** Runs the engine on one page image; heartbeats while it (or a 429's wait) lasts. */
  return async ({ jobId, page }: CutoutInput) => {
    return timeAndMapErrors(async (): Promise<CutoutRef> => {
      if (!backgroundRemover) {
        throw new RedactifyError(
          'OPERATION_NOT_CONFIGURED',
          'This worker has no background-removal engine (BG_REMOVAL_ENGINE)',
        );
      }
      const image = await store.getBuffer(page.key);
      const answer = await withHeartbeat(backgroundRemover.removeBackground(image));
      const cutout = await checkCutout(answer, page);
      const cutoutKey = jobKeys(jobId).cutout(page.index);
      await store.put(cutoutKey, cutout.png, 'image/png');
      return { cutoutKey, engine: backgroundRemover.name, foreground: cutout.foreground };
    });
  };
}
