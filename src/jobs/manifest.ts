// The job manifest: what a client submitted, kept in object storage because it may hold PHI
// (file names, URLs, deny lists) and so must stay out of workflow history.
import { z } from 'zod';
import { FACE_MODES } from '../faces/hide.js';
import { PHI_CATEGORIES } from '../phi/types.js';
import { OUTPUT_TYPES } from '../imaging/output-type.js';

/**
 * Characters of allow and deny terms together that one job may bring. 1,000 terms of each took
 * detection from 106 ms to 19.8 s a page when they were one regex alternation; matching is now a
 * token trie, and this cap bounds what it is built from.
 */
export const MAX_TERM_CHARS = 20_000;

/**
 * What a job does with its document: `redact` masks PHI, text and faces (the default); `ocr`
 * returns the text and words with boxes, unmasked (PHI: needs the `ocr` scope);
 * `remove-background` cuts the subject out of an image into a PNG with an alpha channel, no OCR
 * (needs a BG_REMOVAL_ENGINE); `blur-faces` blurs faces only, no OCR, for photos and video (a
 * video is accepted by this operation only). Further operations are added here.
 */
export const OPERATIONS = ['redact', 'ocr', 'remove-background', 'blur-faces'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** The operation of a job's options (`redact` when absent). */
export const operationOf = (options: { operation?: Operation | undefined }): Operation =>
  options.operation ?? 'redact';

/** Who reads the pages: tesseract.js, native Tesseract (TESSERACT_BIN), or Azure AI Document Intelligence. */
export const OCR_ENGINES = ['tesseract', 'tesseract-native', 'azure'] as const;
export type OcrEngineName = (typeof OCR_ENGINES)[number];

/** Per-job options a client may pass with a submission. */
export const ZJobOptions = z
  .object({
    /** What the job does; `redact` when absent. */
    operation: z.enum(OPERATIONS).optional(),
    /** The OCR engine for this job; OCR_ENGINE when absent. */
    ocrEngine: z.enum(OCR_ENGINES).optional(),
    /** Output format; the input's format when absent. */
    outputFormat: z.enum(OUTPUT_TYPES).optional(),
    /**
     * How faces are hidden: an opaque fill with padding (default), a strong blur, large blocks,
     * or not at all. `categories` concerns text; only `off` turns face detection off.
     */
    faces: z.enum(FACE_MODES).optional(),
    /** Categories to mask; all when absent. */
    categories: z.array(z.enum(PHI_CATEGORIES)).min(1).optional(),
    /** Optional pattern packs (by name) to apply on top of the default ones. */
    packs: z.array(z.string().min(1)).max(20).optional(),
    /** Terms never masked for this job (e.g. the facility's name), on top of the configured list. */
    allow: z.array(z.string().min(1).max(200)).max(1000).optional(),
    /** Terms always masked for this job, `CATEGORY: text` or plain text, on top of the configured list. */
    deny: z.array(z.string().min(1).max(200)).max(1000).optional(),
  })
  .strict()
  .refine(
    (o) =>
      [...(o.allow ?? []), ...(o.deny ?? [])].reduce((n, t) => n + t.length, 0) <= MAX_TERM_CHARS,
    {
      message: `allow and deny terms may hold at most ${MAX_TERM_CHARS} characters together`,
      path: ['allow'],
    },
  );
export type TJobOptions = z.infer<typeof ZJobOptions>;

export const ZJobManifest = z.object({
  jobId: z.string(),
  batchId: z.string(),
  /** The submitting account (absent in manifests written before accounts existed). */
  ownerId: z.string().optional(),
  filename: z.string(),
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('upload'), size: z.number().int().nonnegative() }),
    z.object({ kind: z.literal('url'), url: z.url() }),
  ]),
  options: ZJobOptions,
  submittedAt: z.iso.datetime(),
});
export type TJobManifest = z.infer<typeof ZJobManifest>;
