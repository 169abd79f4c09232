// The workflow contract: what the API, the worker and the workflow agree on (workflow type, task
// queues, query, memo keys, search attributes) and the shapes that cross the workflow boundary.
// Nothing here may hold document text.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, type Sinks } from '@temporalio/workflow';
import type { ErrorCode } from '../errors.js';
import type { Box } from '../imaging/geometry.js';
import type { PageInfo } from '../imaging/document.js';
import type { ResultType } from '../imaging/output-type.js';
import type { OcrEngineName, Operation } from '../jobs/manifest.js';
import type { StageName } from '../jobs/stage-timing.js';
import type { PhiCategory } from '../phi/types.js';

export const WORKFLOW_TYPE = 'redactDocument';

/** Background-removal engines (`BG_REMOVAL_ENGINE`): a remove.bg-style HTTP API, or an ONNX model. */
export const BG_REMOVAL_ENGINES = ['remote', 'local'] as const;
export type BgRemovalEngineName = (typeof BG_REMOVAL_ENGINES)[number];

/** OCR activities run on a queue of their own, derived from the main one. */
export const ocrTaskQueue = (taskQueue: string) => `${taskQueue}-ocr`;

/** Video segments (decode, detect faces, blur, encode) run on a queue of their own too. */
export const videoTaskQueue = (taskQueue: string) => `${taskQueue}-video`;
/** Face detection has its own queue too, so it never holds an OCR slot and scales apart. */
export const facesTaskQueue = (taskQueue: string) => `${taskQueue}-faces`;

export const SEARCH_ATTRIBUTES = {
  batchId: defineSearchAttributeKey('BatchId', SearchAttributeType.KEYWORD),
  sourceType: defineSearchAttributeKey('SourceType', SearchAttributeType.KEYWORD),
  pageCount: defineSearchAttributeKey('PageCount', SearchAttributeType.INT),
  phiCount: defineSearchAttributeKey('PhiCount', SearchAttributeType.INT),
  /** The account that submitted the job (its id, never an email): every API read filters on it. */
  ownerId: defineSearchAttributeKey('OwnerId', SearchAttributeType.KEYWORD),
  /** `pending` while a held job waits for its reviewer, `done` once decided (REVIEW_MODE=hold). */
  reviewStatus: defineSearchAttributeKey('ReviewStatus', SearchAttributeType.KEYWORD),
};

export const JOB_STAGES = [
  'queued',
  'fetching',
  'splitting',
  'redacting',
  /** `remove-background` jobs, in place of `redacting`. */
  'removing-background',
  'review',
  'assembling',
  'done',
] as const;
export type JobStage = (typeof JOB_STAGES)[number];

export interface JobProgress {
  stage: JobStage;
  pagesDone: number;
  pagesTotal: number;
}

/** Also kept in the workflow memo under this key, so the API can read it without a worker. */
export const PROGRESS_MEMO_KEY = 'progress';
/** The workflow result, also kept in the memo, so a finished job is read in one call. */
export const RESULT_MEMO_KEY = 'result';
export const progressQuery = defineQuery<JobProgress>('progress');

/** Workflow input. The file name, URL and options stay in the job manifest in object storage. */
export interface RedactDocumentInput {
  jobId: string;
  /** Pages redacted at once by this workflow. */
  pageConcurrency: number;
  /** Longer documents are redacted by child workflows of this many pages each. */
  pagesPerChild: number;
  /** Whether flagged pages wait for a person (absent: `flag`, released as they are). */
  review?: ReviewSettings;
  /** What the job does (absent in runs started before operations existed: `redact`). */
  operation?: Operation;
  /** Who reads the pages (absent before engines existed: `tesseract`). */
  ocrEngine?: OcrEngineName;
}

/** REVIEW_*: whether, and how, a job with flagged pages waits for a reviewer before release. */
export interface ReviewSettings {
  /** `flag`: flagged pages are released, flagged; `hold`: they wait on the review signal. */
  mode: 'flag' | 'hold';
  /** In `hold` mode, a page with an entity below this confidence is flagged `low-confidence`. */
  confidenceBelow: number;
  timeoutMs: number;
  /** What a review not done within `timeoutMs` decides. */
  timeoutAction: ReviewDecisionName;
  /** What a rejection does: mask the flagged pages whole, or fail the job (`REVIEW_REJECTED`). */
  rejectAction: 'mask-pages' | 'fail';
}

export type ReviewDecisionName = 'approve' | 'reject';

/** A mask a reviewer adds: a page, a box in its pixels, a category. Never text. */
export interface ReviewBox {
  page: number;
  bbox: Box;
  category: PhiCategory;
}

/** What the review signal carries: the decision and boxes only. */
export interface ReviewDecision {
  decision: ReviewDecisionName;
  addBoxes: ReviewBox[];
}

export const reviewSignal = defineSignal<[ReviewDecision]>('review');

/** A held job's pages to review, kept in the memo under `REVIEW_MEMO_KEY` while it waits. */
export interface PendingReview {
  pages: Array<{ index: number; width: number; height: number; flags: PageFlag[] }>;
  /** When the review times out (epoch ms, workflow time). */
  dueAtMs: number;
}
export const REVIEW_MEMO_KEY = 'review';

/** How a held job's review ended. */
export interface ReviewOutcome {
  decision: ReviewDecisionName;
  by: 'reviewer' | 'timeout';
  boxesAdded: number;
  /** Pages masked whole by a rejection. */
  pagesMasked: number[];
}

/** Which engine read a page: `none` when it was masked whole unread. */
export type PageEngine = OcrEngineName | 'none';

/** A page image in object storage and its geometry. */
export interface PageRef extends PageInfo {
  index: number;
  key: string;
  /**
   * False when splitting found no region of the page a face photo could be in (a text page):
   * face detection is skipped. Absent (runs split before, pages rendered before a retry): search.
   */
  mayHoldFace?: boolean;
}

/** Why a page was flagged for a person to look at. */
export type PageFlag =
  | 'unreadable'
  | 'residual-phi'
  | 'unverified'
  | 'detection-timeout'
  /** An entity below REVIEW_CONFIDENCE_BELOW (set in `hold` review mode only). */
  | 'low-confidence'
  /** The job's engine was down: the page was read by the fallback, or masked whole (OCR_FALLBACK). */
  | 'engine-fallback'
  /** Face detection failed on the page: it was masked whole rather than released unchecked. */
  | 'faces-unchecked';

/** What one page contributed: counts and flags, entities themselves are in object storage. */
export interface PageSummary {
  index: number;
  maskedKey: string;
  entities: number;
  byCategory: Partial<Record<PhiCategory, number>>;
  flags: PageFlag[];
  /** The lowest confidence of the page's entities (1 when it has none). */
  minConfidence?: number;
  timings: Partial<Record<StageName, number>>;
  /** Which engine read the page (absent in runs before engines existed). */
  engine?: PageEngine;
}

/** What a video job did, for its result and report: counts only. */
export interface VideoSummary {
  /** Frames written (at the input's average frame rate). */
  frames: number;
  /** Frames that ran face detection. */
  framesDetected: number;
  /** Frames whose boxes were interpolated from the detections on each side. */
  framesInterpolated: number;
  /** Faces found, summed over detected frames. */
  faces: number;
  segments: number;
  /** The output's duration, as ffprobe reads it. */
  durationS: number;
  hasAudio: boolean;
}

/** The workflow result: the `result` of `GET /v1/jobs/:id`, plus where the files are. */
export interface RedactionResult {
  /** Absent in results written before operations existed: `redact`. */
  operation?: Operation;
  /** The engine the job asked for. */
  ocrEngine?: OcrEngineName;
  /** Which engine read each page, by page index (a fallback shows here and in `pagesFlagged`). */
  pageEngines?: PageEngine[];
  pages: number;
  entitiesMasked: number;
  byCategory: Partial<Record<PhiCategory, number>>;
  processingMs: number;
  outputType: ResultType;
  /** Videos only: frames, detections, interpolations (`pages` counts the video's segments). */
  video?: VideoSummary;
  /** `required` when a page was masked whole because it could not be read, or PHI was still
   * readable after a second masking round (it is masked too, but a person should look). */
  review: 'none' | 'required';
  pagesFlagged: number[];
  /** How a held job's review ended (REVIEW_MODE=hold); absent when nobody was asked. */
  reviewed?: ReviewOutcome;
  outputKey: string;
  reportKey: string;
  /** The background-removal engine that cut the image out (`remove-background` only). */
  engine?: BgRemovalEngineName;
}

/** How a job ended, as its workflow reports it: counts and codes only. */
export type JobOutcome =
  { status: 'completed'; pages: number; entities: number } | { status: 'failed'; code: ErrorCode };

/** What one redacted page reports for the metrics. */
export type PageOutcome = Pick<PageSummary, 'byCategory' | 'flags'>;

/**
 * What workflows report to their worker process, for its metrics and job log lines. Sinks run
 * outside the workflow sandbox, after the workflow task, and not again when history is replayed,
 * so each event is counted once however often activities are retried.
 */
export interface JobSinks extends Sinks {
  jobEvents: {
    pageRedacted(page: PageOutcome): void;
    jobFinished(outcome: JobOutcome): void;
  };
}
