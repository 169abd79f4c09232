// The one interface every background-removal engine implements, whichever does the work.
import type { BgRemovalEngineName } from '../workflows/contract.js';

/**
 * Cuts the subject out of an image. `removeBackground` takes an image (PNG, as the pipeline's
 * page images are) and answers a PNG with an alpha channel: transparent where the background was.
 * Errors are `RedactifyError`s with `BG_REMOVAL_*` / `BG_MODEL_INVALID` codes, retryable when the
 * problem may pass.
 */
export interface BackgroundRemover {
  /** Named in each job's report and result. */
  readonly name: BgRemovalEngineName;
  removeBackground(image: Buffer): Promise<Buffer>;
  /** Loads what the engine needs, so a bad configuration fails when the worker starts. */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}
