// assembleOutput: masked pages → the output file, the JSON report and the de-identified text.
import { create as contentDisposition } from 'content-disposition';
import { z } from 'zod';
import {
  chooseOutputType,
  encodeDocument,
  OUTPUT_EXTENSION,
  OUTPUT_MIME,
} from '../imaging/encode.js';
import { downloadName } from '../jobs/download-name.js';
import { ZJobManifest } from '../jobs/manifest.js';
import { addCounts, buildReport, type PageReport } from '../jobs/report.js';
import { ZPhiEntity } from '../phi/types.js';
import { isNotFound } from '../storage/object-store.js';
import { jobKeys } from '../storage/keys.js';
import type { OutputType, ResultType } from '../imaging/output-type.js';
import type { Operation } from '../jobs/manifest.js';
import { documentText, PAGE_SEPARATOR, type WordsDocument } from '../ocr/ocr-answer.js';
import { ZOcrPage } from '../ocr/types.js';
import type { PageRef, PageSummary } from '../workflows/contract.js';
import type { SourceType } from '../imaging/sniff.js';
import type { StageName } from '../jobs/stage-timing.js';
import type { ActivityDeps } from './deps.js';
import { UNREADABLE_PAGE_TEXT } from './detect-phi.js';
import { withHeartbeat } from './heartbeat.js';
import { timeAndMapErrors } from './time-and-map-errors.js';

const ZEntities = z.array(ZPhiEntity);

/** Where a job's outputs are, and what its result file is (`json`: an `ocr` job's words). */
interface AssembledOutput {
  outputKey: string;
  reportKey: string;
  outputType: ResultType;
  processingMs: number;
}

export interface AssembleInput {
  jobId: string;
  /** `redact` when absent. */
  operation?: Operation;
  sourceType: SourceType;
  pages: PageRef[];
  summaries: PageSummary[];
  /** Milliseconds per stage outside the page loop (fetch, split). */
  timings: Partial<Record<StageName, number>>;
  /** Workflow start, epoch ms, for the end-to-end processing time. */
  startedAtMs: number;
}

/** Same format as the input where we can write it; WebP, GIF and BMP come back as PNG (TIFF if multi-page). */
const DEFAULT_OUTPUT: Record<SourceType, OutputType> = {
  png: 'png',
  jpeg: 'jpeg',
  tiff: 'tiff',
  pdf: 'pdf',
  webp: 'png',
  gif: 'png',
  bmp: 'png',
};

export function createAssembleOutput({ store }: ActivityDeps) {
  return async (input: AssembleInput) => {
    return timeAndMapErrors(async (): Promise<AssembledOutput> => {
      if (input.operation === 'ocr') return assembleWords(input);
      const { jobId, pages, summaries } = input;
      const keys = jobKeys(jobId);
      const manifest = await store.getJson(keys.manifest, ZJobManifest);
      const requested = manifest.options.outputFormat ?? DEFAULT_OUTPUT[input.sourceType];
      const outputType = chooseOutputType(requested, pages.length);

      const output = await withHeartbeat(
        encodeDocument(outputType, pages.length, async (i) => ({
          png: await store.getBuffer(summaries[i]?.maskedKey ?? keys.masked(i)),
          dpi: pages[i]?.dpi ?? 300,
          bilevel: pages[i]?.bilevel ?? false,
        })),
      );
      const outputKey = keys.output(OUTPUT_EXTENSION[outputType]);
      // The download's name goes with the output: the manifest is deleted once the job succeeds.
      await store.put(
        outputKey,
        output,
        OUTPUT_MIME[outputType],
        contentDisposition(downloadName(manifest.filename, outputType)),
      );

      const pageReports: PageReport[] = [];
      const texts: string[] = [];
      for (const page of pages) {
        const summary = summaries[page.index];
        const flags = summary?.flags ?? [];
        pageReports.push({
          index: page.index,
          width: page.width,
          height: page.height,
          dpi: page.dpi,
          flags,
          engine: summary?.engine ?? 'none',
          entities: await store.getJson(keys.entities(page.index), ZEntities),
        });
        texts.push(
          flags.includes('unreadable') || flags.includes('faces-unchecked')
            ? UNREADABLE_PAGE_TEXT
            : await readText(keys.pageText(page.index)),
        );
      }
      const { timings, processingMs } = jobTimings(input);
      const report = buildReport({
        jobId,
        sourceType: input.sourceType,
        outputType,
        timings: { ...timings, processingMs },
        pages: pageReports,
        operation: 'redact',
      });
      await Promise.all([
        store.putJson(keys.report, report),
        store.putText(keys.text, texts.join(PAGE_SEPARATOR)),
      ]);
      return { outputKey, reportKey: keys.report, outputType, processingMs };
    });
  };

  /**
   * The `ocr` operation's outputs: `words.json` (the result), the plain text, and a report with
   * geometry, engines and flags but no text. Nothing is masked: these are PHI.
   */
  async function assembleWords(input: AssembleInput): Promise<AssembledOutput> {
    const { jobId, pages, summaries } = input;
    const keys = jobKeys(jobId);
    const read = await withHeartbeat(
      Promise.all(
        pages.map(async (page) => {
          const flags = summaries[page.index]?.flags ?? [];
          if (flags.includes('unreadable')) return undefined;
          return store.getJson(keys.ocr(page.index), ZOcrPage);
        }),
      ),
    );
    const words: WordsDocument = {
      jobId,
      pages: pages.map((page) => ({
        index: page.index,
        width: page.width,
        height: page.height,
        dpi: page.dpi,
        engine: summaries[page.index]?.engine ?? 'none',
        flags: summaries[page.index]?.flags ?? [],
        lines: read[page.index]?.lines ?? [],
      })),
    };
    const { timings, processingMs } = jobTimings(input);
    const report = buildReport({
      jobId,
      operation: 'ocr',
      sourceType: input.sourceType,
      outputType: 'json',
      timings: { ...timings, processingMs },
      pages: words.pages.map(({ index, width, height, dpi, flags, engine }) => ({
        index,
        width,
        height,
        dpi,
        flags,
        engine,
        entities: [],
      })),
    });
    await Promise.all([
      store.putJson(keys.words, words),
      store.putText(keys.text, documentText(read)),
      store.putJson(keys.report, report),
    ]);
    return { outputKey: keys.words, reportKey: keys.report, outputType: 'json', processingMs };
  }

  async function readText(key: string): Promise<string> {
    try {
      return (await store.getBuffer(key)).toString('utf8');
    } catch (err) {
      if (isNotFound(err)) return '';
      throw err;
    }
  }
}

/** A job's stage timings summed over its pages, and its time so far. */
function jobTimings(input: AssembleInput): {
  timings: Partial<Record<StageName, number>>;
  processingMs: number;
} {
  const timings = input.summaries.reduce<Partial<Record<StageName, number>>>(
    (all, s) => addCounts(all, s.timings),
    { ...input.timings },
  );
  return { timings, processingMs: Date.now() - input.startedAtMs };
}
