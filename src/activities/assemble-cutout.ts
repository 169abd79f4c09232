// assembleCutout: a remove-background job's cut-out becomes its PNG output, with its report.
import { create as contentDisposition } from 'content-disposition';
import type { SourceType } from '../imaging/sniff.js';
import { downloadName } from '../jobs/download-name.js';
import { ZJobManifest } from '../jobs/manifest.js';
import type { CutoutReport } from '../jobs/report.js';
import type { StageName } from '../jobs/stage-timing.js';
import { jobKeys } from '../storage/keys.js';
import type { PageRef } from '../workflows/contract.js';
import type { ActivityDeps } from './deps.js';
import type { CutoutRef } from './remove-background.js';
import { timeAndMapErrors } from './time-and-map-errors.js';

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

export function createAssembleCutout({ store }: ActivityDeps) {
  /** Stores the cut-out as `output.png` (downloaded as `cutout_<name>.png`) and writes the report. */
  return async (input: AssembleCutoutInput) => {
    return timeAndMapErrors(async () => {
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
  };
}
