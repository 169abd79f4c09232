// The shape of the synthetic evaluation corpus: documents, their pages and word-level ground truth.
import type { Box } from '../../src/imaging/geometry.js';
import type { PhiCategory } from '../../src/phi/types.js';

/** The document types the corpus draws, each with its own layout. */
export const DOC_TYPES = [
  'discharge-summary',
  'lab-report',
  'claim-form',
  'referral-letter',
  'ed-intake',
  'progress-note',
  'clinic-schedule',
  'prescription',
] as const;
/** One of `DOC_TYPES`. */
export type DocType = (typeof DOC_TYPES)[number];

/** The layouts of the independent held-out generator (`eval/heldout`), kept apart from `DOC_TYPES`. */
export const HELDOUT_DOC_TYPES = [
  'cms-1500',
  'ub-04',
  'lab-requisition',
  'fax-packet',
  'insurance-card',
  'drivers-license',
  'id-packet',
  'xray-overlay',
  'handwritten-intake',
  'clinic-letter',
  'clinical-note',
  'appointment-schedule',
  'portal-printout',
] as const;
/** One of `HELDOUT_DOC_TYPES`. */
export type HeldoutDocType = (typeof HELDOUT_DOC_TYPES)[number];

/**
 * Why a word that looks like PHI is safe. Detectors are expected to leave these alone;
 * `facility-public-number` is a facility's published main line (see `FACILITY_PUBLIC_NUMBERS`).
 */
export const DECOY_KINDS = [
  'dose',
  'drug',
  'lab-value',
  'reference-range',
  'icd10',
  'cpt',
  'vital-sign',
  'page-number',
  'form-number',
  'year',
  'facility-public-number',
  'age',
  'time',
  'money',
  // Added for the held-out corpus (eval/heldout/CONVENTIONS.md).
  'caption',
  'checkbox',
  'public-url',
  'payer-contact',
  'facility-address',
  'facility-name',
  'code',
  'imaging-parameter',
  // Added for the text corpus and the name probe (their CONVENTIONS.md).
  'eponym',
  'clinical-term',
] as const;
/** One of `DECOY_KINDS`. */
export type DecoyKind = (typeof DECOY_KINDS)[number];

/** PHI carried by a word. Every word of one mention (e.g. "12 Elm Street") has the same `entityId`. */
export interface PhiTag {
  category: PhiCategory;
  /** Identifies one mention, unique within the corpus (`<document id>/e<n>`). */
  entityId: string;
}

/** One drawn word and its exact ink box, in the pixel space of its page. */
export interface TruthWord {
  text: string;
  box: Box;
  /** Present when the word is PHI; absent words are safe. */
  phi?: PhiTag;
  /** Present on safe words placed on purpose because they resemble PHI. */
  decoy?: DecoyKind;
  /**
   * `light` for light text on a dark ground (an X-ray overlay, a card's coloured band): its ink is
   * the pixels brighter than `LIGHT_INK_LEVEL`. Absent means dark ink on a light ground.
   */
  ink?: 'light';
}

/** Ground truth for one page, in pixels of the page as rendered at `dpi`. */
export interface TruthPage {
  width: number;
  height: number;
  dpi: number;
  words: TruthWord[];
  /** Ink that is not text (form rules, box outlines, checkboxes), in the same pixel space. */
  rules: Box[];
}

/** The file formats the corpus writes. */
export type CorpusFormat = 'png' | 'jpeg' | 'tiff' | 'pdf';

/** One generated document: the file to submit and its ground truth. */
export interface CorpusDocument {
  /** E.g. `d07-lab-report`. */
  id: string;
  /** A `DocType` in the own corpus; other corpora (eval/heldout, eval/text-corpus, eval/name-probe) name their own. */
  docType: string;
  format: CorpusFormat;
  /** True when scan degradations were applied. */
  scanned: boolean;
  /** True for PDFs that carry real text (not an image). */
  textLayer: boolean;
  /**
   * Ground truth in the pixel space of each page as rendered at its `dpi`. A consumer that
   * rasterises a PDF at another resolution scales boxes by `itsDpi / page.dpi`.
   */
  pages: TruthPage[];
  /** The file to submit. */
  bytes: Buffer;
}

/** Options for `generateCorpus`. */
export interface GenerateCorpusOptions {
  /** Seed of every random choice; the same seed gives the same bytes. */
  seed?: number;
  /** Number of documents (default 24, the smallest that meets the corpus targets). */
  documents?: number;
}
