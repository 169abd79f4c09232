// What the corpus contains, decided before anything is drawn: types, page counts, formats, scans.
import { hashSeed, Rng } from './random.js';
import { DOC_TYPES, type DocType } from './types.js';

/** How a document becomes a file. `pdf-image` pages are scanned images; `pdf-text` has text. */
export type Rendition = 'png' | 'jpeg' | 'tiff' | 'pdf-image' | 'pdf-text';

/** Everything needed to draw and encode one document. */
export interface DocumentPlan {
  id: string;
  docType: DocType;
  pages: number;
  rendition: Rendition;
  scanned: boolean;
  landscape: boolean;
  columns: 1 | 2;
  /** Letterheads and form ink in colour (clean renders only; scans may turn grey). */
  colour: boolean;
  /** Index into FACILITIES. */
  facility: number;
  seed: number;
}

const PAGE_RANGE: Record<DocType, readonly [number, number]> = {
  'discharge-summary': [2, 4],
  'lab-report': [1, 3],
  'claim-form': [1, 1],
  'referral-letter': [1, 2],
  'ed-intake': [1, 2],
  'progress-note': [2, 4],
  'clinic-schedule': [1, 2],
  prescription: [1, 1],
};

// Facilities that plausibly issue each type (indexes into FACILITIES).
const ISSUERS: Record<DocType, readonly number[]> = {
  'discharge-summary': [0, 2],
  'lab-report': [3, 0],
  'claim-form': [1, 4, 0],
  'referral-letter': [1, 4],
  'ed-intake': [2, 0],
  'progress-note': [0, 1, 4],
  'clinic-schedule': [1, 4],
  prescription: [1, 4, 2],
};

const SINGLE_PAGE: readonly Rendition[] = [
  'png',
  'jpeg',
  'pdf-text',
  'png',
  'tiff',
  'jpeg',
  'pdf-image',
];
const MULTI_PAGE: readonly Rendition[] = [
  'tiff',
  'pdf-image',
  'pdf-text',
  'pdf-image',
  'tiff',
  'pdf-text',
];

/** Smallest average page count per document; with 24 documents this guarantees 41 pages. */
const MIN_PAGES_PER_DOCUMENT = 1.7;

/**
 * Plans a corpus. Every type appears in turn, every format appears, at least half the pages are
 * scanned and there are at least 1.7 pages per document on average.
 */
export function planCorpus(seed: number, count: number): DocumentPlan[] {
  const rng = new Rng(hashSeed('plan', seed));
  const types: DocType[] = [];
  while (types.length < count) types.push(...rng.shuffle(DOC_TYPES));
  types.length = count;

  const pages = types.map((type) => rng.int(...PAGE_RANGE[type]));
  const minPages = Math.ceil(count * MIN_PAGES_PER_DOCUMENT);
  for (let i = 0; sum(pages) < minPages && i < count * 4; i++) {
    const k = i % count;
    const type = types[k];
    const current = pages[k];
    if (type && current !== undefined && current < PAGE_RANGE[type][1]) pages[k] = current + 1;
  }

  let single = rng.int(0, SINGLE_PAGE.length - 1);
  let multi = rng.int(0, MULTI_PAGE.length - 1);
  const plans = types.map((docType, index): DocumentPlan => {
    const n = pages[index] ?? 1;
    const rendition =
      n === 1
        ? (SINGLE_PAGE[single++ % SINGLE_PAGE.length] ?? 'png')
        : (MULTI_PAGE[multi++ % MULTI_PAGE.length] ?? 'tiff');
    const landscape =
      docType === 'clinic-schedule' || (docType === 'lab-report' && rng.chance(0.3));
    const twoColumn =
      !landscape &&
      ((docType === 'progress-note' && rng.chance(0.5)) ||
        (docType === 'discharge-summary' && rng.chance(0.4)));
    return {
      id: `d${String(index + 1).padStart(2, '0')}-${docType}`,
      docType,
      pages: n,
      rendition,
      scanned: rendition === 'pdf-image' || (rendition !== 'pdf-text' && rng.chance(0.6)),
      landscape,
      columns: twoColumn ? 2 : 1,
      colour: rendition !== 'tiff' && rng.chance(0.5),
      facility: rng.pick(ISSUERS[docType]),
      seed: hashSeed('document', seed, index),
    };
  });
  return ensureTwoColumns(ensureHalfScanned(plans));
}

/** Makes sure at least two prose documents (raster ones first) are set in two columns. */
function ensureTwoColumns(plans: DocumentPlan[]): DocumentPlan[] {
  const prose = (p: DocumentPlan) =>
    !p.landscape && (p.docType === 'progress-note' || p.docType === 'discharge-summary');
  let missing = 2 - plans.filter((p) => p.columns === 2).length;
  const order = [
    ...plans.filter((p) => prose(p) && p.rendition !== 'pdf-text'),
    ...plans.filter((p) => prose(p) && p.rendition === 'pdf-text'),
  ];
  const chosen = new Set<string>();
  for (const plan of order) {
    if (missing <= 0) break;
    if (plan.columns === 2) continue;
    chosen.add(plan.id);
    missing--;
  }
  return plans.map((p) => (chosen.has(p.id) ? { ...p, columns: 2 } : p));
}

/** Turns clean raster documents into scans, in order, until at least half the pages are scanned. */
function ensureHalfScanned(plans: DocumentPlan[]): DocumentPlan[] {
  const total = sum(plans.map((p) => p.pages));
  let scanned = sum(plans.filter((p) => p.scanned).map((p) => p.pages));
  return plans.map((plan) => {
    if (scanned * 2 >= total || plan.scanned || plan.rendition === 'pdf-text') return plan;
    scanned += plan.pages;
    return { ...plan, scanned: true };
  });
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
