// Page-level redaction: OCR → detect → mask for a range of pages, inline or as a child workflow.
import {
  ActivityFailure,
  isCancellation,
  patched,
  proxyActivities,
  proxySinks,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { OcrOutcome } from '../activities/ocr-page.js';
import type { OcrEngineName, Operation } from '../jobs/manifest.js';
import { countByCategory } from '../jobs/report.js';
import type { PhiEntity } from '../phi/types.js';
import { wholePage } from '../phi/whole-page.js';
import { addTiming, type StageTiming } from '../jobs/stage-timing.js';
import {
  facesTaskQueue,
  ocrTaskQueue,
  type JobSinks,
  type PageEngine,
  type PageFlag,
  type PageRef,
  type PageSummary,
} from './contract.js';
import { mapBounded } from '../util/concurrency.js';
import { failureCode } from '../util/failure.js';
import { ACTIVITY_OPTIONS } from './activity-options.js';

const { collectDocumentNames, detectPhi, maskPage } = proxyActivities<Activities>(ACTIVITY_OPTIONS);
const { jobEvents } = proxySinks<JobSinks>();

/** Face detection runs on its own task queue (`<queue>-faces`): it never holds an OCR slot. */
const faceActivities = () =>
  proxyActivities<Activities>({
    ...ACTIVITY_OPTIONS,
    taskQueue: facesTaskQueue(workflowInfo().taskQueue),
  });

/** OCR runs on its own task queue (`<queue>-ocr`) so OCR capacity scales apart from the rest. */
const ocrActivities = () =>
  proxyActivities<Activities>({
    ...ACTIVITY_OPTIONS,
    taskQueue: ocrTaskQueue(workflowInfo().taskQueue),
  });

export interface RedactPagesInput {
  jobId: string;
  pages: PageRef[];
  pageConcurrency: number;
  /** `redact` when absent (runs started before operations existed). */
  operation?: Operation;
  /** `tesseract` when absent. */
  ocrEngine?: OcrEngineName;
}

/** What a page job needs to know besides its page. */
interface PagePlan {
  jobId: string;
  operation: Operation;
  ocrEngine: OcrEngineName;
}

/**
 * Child workflow for one range of a long document, so no single history grows with page count.
 */
export async function redactPages(input: RedactPagesInput): Promise<PageSummary[]> {
  return redactPageRange(input, () => undefined);
}

/** Redacts pages `pageConcurrency` at a time, calling `onPageDone` after each. */
export async function redactPageRange(
  {
    jobId,
    pages,
    pageConcurrency,
    operation = 'redact',
    ocrEngine = 'tesseract',
  }: RedactPagesInput,
  onPageDone: () => void,
): Promise<PageSummary[]> {
  const plan: PagePlan = { jobId, operation, ocrEngine };
  const finished = (summary: PageSummary) => {
    jobEvents.pageRedacted({ byCategory: summary.byCategory, flags: summary.flags });
    onPageDone();
    return summary;
  };
  if (operation === 'ocr')
    return mapBounded(pages, pageConcurrency, async (page) => finished(await ocrOnly(plan, page)));
  // One page, or a run started before document names: each page read and redacted in one go.
  if (pages.length < 2 || !patched(DOCUMENT_NAMES))
    return mapBounded(pages, pageConcurrency, async (page) =>
      finished(await redactRead(plan, page, await readWithFaces(plan, page))),
    );
  // Every page is read first, then each is searched for the names all of them hold.
  const reads = await mapBounded(pages, pageConcurrency, async (page) => ({
    page,
    ...(await readWithFaces(plan, page)),
  }));
  const readable = reads.filter((r) => r.read.readable).map((r) => r.page);
  const names =
    readable.length > 1 ? await collectDocumentNames({ jobId, pages: readable }) : undefined;
  return mapBounded(reads, pageConcurrency, async ({ page, ...read }) =>
    finished(await redactRead(plan, page, read, names?.namesKey)),
  );
}

/**
 * The patch that searches every page of a document for the names found on any of them
 * (2026-12-04): its pages are all read before the first is searched.
 */
const DOCUMENT_NAMES = 'document-names';

/** Verifications per page: after the first mask, and after masking what the first one still read. */
const VERIFY_ROUNDS = 2;

/** A page as OCR read it, and the faces found on it. */
interface PageRead {
  read: Awaited<ReturnType<typeof ocrWithFailSafe>>;
  faces: FaceOutcome;
}

/** OCR, then face detection where OCR read no text. */
async function readWithFaces(plan: PagePlan, page: PageRef): Promise<PageRead> {
  const [read, faces] = patched(FACES_AFTER_OCR)
    ? await ocrThenFaces(plan, page)
    : // Runs started before: side by side. Awaited together: if one rejects (OCR_ENGINE_AUTH,
      // cancellation), the other's promise is still observed, so none is left unhandled.
      await Promise.all([ocrWithFailSafe(plan, page), facesWithFailSafe(plan.jobId, page, false)]);
  return { read, faces };
}

/**
 * One read page: detect → mask → verify, and mask again what verification still reads. A page
 * that could not be read, or whose faces could not be checked, is masked whole and flagged,
 * never released as is. `namesKey` holds the names the document's pages hold.
 */
async function redactRead(
  plan: PagePlan,
  page: PageRef,
  { read, faces }: PageRead,
  namesKey?: string,
): Promise<PageSummary> {
  const { jobId } = plan;
  const done = (key: string, entities: readonly PhiEntity[], flags: PageFlag[], timings: Timings) =>
    pageSummary(page, key, entities, [...read.flags, ...flags], timings, read.engine);
  const timings = addTiming(addTiming({}, 'ocr', read), 'faces', faces);
  if (!read.readable || !faces.checked) {
    const whole = wholePage(page);
    const masked = await maskPage({ jobId, page, entities: [whole] });
    addTiming(timings, 'mask', masked);
    const flags: PageFlag[] = [
      ...(read.readable ? [] : ['unreadable' as const]),
      ...(faces.checked ? [] : ['faces-unchecked' as const]),
    ];
    return done(masked.maskedKey, [whole], flags, timings);
  }
  const detected = await detectPhi({ jobId, page, ...(namesKey && { namesKey }) });
  addTiming(timings, 'detect', detected);
  let entities = [...detected.entities, ...faces.entities];
  let masked = await maskPage({ jobId, page, entities });
  addTiming(timings, 'mask', masked);
  // Detection ran out of time: the page is already masked whole; nothing is left to verify.
  if (detected.flags?.length) return done(masked.maskedKey, entities, detected.flags, timings);
  for (let round = 1; ; round++) {
    const check = await verify(jobId, page, entities, namesKey);
    if (!check) return done(masked.maskedKey, entities, ['unverified'], timings);
    addTiming(timings, 'verify', check);
    if (check.residual.length === 0) return done(masked.maskedKey, entities, [], timings);
    entities = [...entities, ...check.residual];
    masked = await maskPage({ jobId, page, entities });
    addTiming(timings, 'mask', masked);
    // Still readable after the last round: masked too, and a person should look at the page.
    if (round >= VERIFY_ROUNDS) return done(masked.maskedKey, entities, ['residual-phi'], timings);
  }
}

/**
 * The patch that moved face detection after OCR (2026-12-03), so that the detector skips what
 * OCR read confidently (src/faces/text-boxes.ts); histories from before replay side by side.
 */
const FACES_AFTER_OCR = 'faces-after-ocr';

type FaceOutcome = { checked: boolean; entities: PhiEntity[] } & StageTiming;
const NO_FACES: FaceOutcome = { checked: true, entities: [], ms: 0, storageMs: 0 };

/** OCR, then faces with its text left out. A page OCR could not read is masked whole: no search. */
async function ocrThenFaces(plan: PagePlan, page: PageRef) {
  const read = await ocrWithFailSafe(plan, page);
  const faces = read.readable ? await facesWithFailSafe(plan.jobId, page, true) : NO_FACES;
  return [read, faces] as const;
}

/**
 * Face detection with fail-safe: out of retries, the page counts as unchecked (masked whole). A page
 * that splitting found to hold no photo region is not sent to the detector (no activity at all).
 */
async function facesWithFailSafe(
  jobId: string,
  page: PageRef,
  afterOcr: boolean,
): Promise<FaceOutcome> {
  if (page.mayHoldFace === false) return NO_FACES;
  try {
    return { checked: true, ...(await faceActivities().findFaces({ jobId, page, afterOcr })) };
  } catch (err) {
    if (err instanceof ActivityFailure && !isCancellation(err))
      return { checked: false, entities: [], ms: 0, storageMs: 0 };
    throw err;
  }
}

/**
 * `ocr` operation: the page is read and nothing else; its words stay in object storage for the
 * assembly. A page that could not be read is flagged (its text says so), never guessed.
 */
async function ocrOnly(plan: PagePlan, page: PageRef): Promise<PageSummary> {
  const read = await ocrWithFailSafe(plan, page);
  const flags: PageFlag[] = read.readable ? read.flags : [...read.flags, 'unreadable'];
  return pageSummary(page, '', [], flags, addTiming({}, 'ocr', read), read.engine);
}

/** Verification; `undefined` when it could not run (the page is then flagged, not failed). */
async function verify(jobId: string, page: PageRef, entities: PhiEntity[], namesKey?: string) {
  try {
    return await ocrActivities().verifyPage({
      jobId,
      page,
      entities,
      ...(namesKey && { namesKey }),
    });
  } catch (err) {
    if (err instanceof ActivityFailure && !isCancellation(err)) return undefined;
    throw err;
  }
}

/**
 * OCR with fail-safe: an OCR activity that exhausts its retries makes the page unreadable. An
 * engine refusing its credentials fails the job instead (OCR_ENGINE_AUTH): every page would.
 */
async function ocrWithFailSafe(
  { jobId, ocrEngine }: PagePlan,
  page: PageRef,
): Promise<Omit<OcrOutcome, 'words'> & StageTiming> {
  try {
    return await ocrActivities().ocrPage({ jobId, page, engine: ocrEngine });
  } catch (err) {
    if (err instanceof ActivityFailure && !isCancellation(err)) {
      if (failureCode(err) === 'OCR_ENGINE_AUTH') throw err;
      return { readable: false, engine: 'none', flags: [], ms: 0, storageMs: 0 };
    }
    throw err;
  }
}

type Timings = PageSummary['timings'];

function pageSummary(
  page: PageRef,
  maskedKey: string,
  entities: readonly PhiEntity[],
  flags: PageSummary['flags'],
  timings: Timings,
  engine: PageEngine,
): PageSummary {
  return {
    index: page.index,
    maskedKey,
    entities: entities.length,
    byCategory: countByCategory(entities),
    flags,
    minConfidence: entities.reduce((min, e) => Math.min(min, e.confidence), 1),
    timings,
    engine,
  };
}
