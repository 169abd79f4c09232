// remove-background jobs: removeBackground cuts a page image out with the configured engine;
// assembleCutout stores it as the job's PNG output, with its report.
import { create as contentDisposition } from 'content-disposition';
import { RedactifyError } from '../errors.js';
import { checkCutout } from '../imaging/cutout.js';
import { downloadName } from '../jobs/download-name.js';
import { ZJobManifest } from '../jobs/manifest.js';
import type { CutoutReport } from '../jobs/report.js';
import { jobKeys } from '../storage/keys.js';
import type { BgRemovalEngineName, PageRef, SourceType, StageName } from '../shared.js';
import { runStage, withHeartbeat, type ActivityDeps } from './deps.js';

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

export interface AssembleCutoutInput {
  jobId: string;
  sourceType: SourceType;
  page: PageRef;
  cutout: CutoutRef;
  /** Milliseconds per stage (fetch, split, cutout). */
  timings: Partial<Record<StageName, number>>;
  /** Workflow start, epoch ms, for the end-to-end processing time. */
  startedAtMs: number;
}

export function cutoutActivities({ store, backgroundRemover }: ActivityDeps) {
  return {
    /** Runs the engine on one page image; heartbeats while it (or a 429's wait) lasts. */
    removeBackground: async ({ jobId, page }: CutoutInput) => {
      return runStage(async (): Promise<CutoutRef> => {
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
    },

    /** The cut-out becomes `output.png` (downloaded as `cutout_<name>.png`), with its report. */
    assembleCutout: async (input: AssembleCutoutInput) => {
      return runStage(async () => {
        const { jobId, page, cutout } = input;
        const keys = jobKeys(jobId);
        const manifest = await store.getJson(keys.manifest, ZJobManifest);
        const outputKey = keys.output('png');
        await store.put(
          outputKey,
          await store.getBuffer(cutout.cutoutKey),
          'image/png',
          contentDisposition(downloadName(manifest.filename, 'png', 'cutout')),
        );
        const processingMs = Date.now() - input.startedAtMs;
        const report: CutoutReport = {
          jobId,
          operation: 'remove-background',
          engine: cutout.engine,
          sourceType: input.sourceType,
          outputType: 'png',
          timings: { ...input.timings, processingMs },
          pages: [
            {
              index: page.index,
              width: page.width,
              height: page.height,
              foreground: cutout.foreground,
            },
          ],
        };
        await store.putJson(keys.report, report);
        return { outputKey, reportKey: keys.report, outputType: 'png' as const, processingMs };
      });
    },
  };
}
