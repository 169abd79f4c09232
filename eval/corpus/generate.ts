// Generates the corpus: plans documents, draws them, renders or encodes them, and keeps the truth.
import type { Box } from '../../src/imaging/geometry.js';
import { DocContext } from './context.js';
import { chooseScanProfile, cleanProfile, degradePage, type ScanProfile } from './degrade.js';
import { claimForm } from './documents/claim-form.js';
import { clinicSchedule } from './documents/clinic-schedule.js';
import { dischargeSummary } from './documents/discharge-summary.js';
import { edIntake } from './documents/ed-intake.js';
import { labReport } from './documents/lab-report.js';
import { prescription } from './documents/prescription.js';
import { progressNote } from './documents/progress-note.js';
import { referralLetter } from './documents/referral-letter.js';
import { encodeImagePdf, encodeJpeg, encodePng, encodeTiff } from './encode.js';
import type { PageSpec } from './page.js';
import { planCorpus, type DocumentPlan } from './plan.js';
import { hashSeed } from './random.js';
import { rasterise, type RasterPage } from './raster.js';
import { encodeTextPdf } from './text-pdf.js';
import type { CorpusDocument, DocType, GenerateCorpusOptions, TruthPage } from './types.js';

/** Seed of the default corpus. */
export const DEFAULT_SEED = 20_240_601;
/** Documents in the default corpus. */
export const DEFAULT_DOCUMENTS = 24;
/** Seed of the regression subset (distinct from the main corpus). */
export const REGRESSION_SEED = 7_770_001;

const BUILDERS: Record<DocType, (ctx: DocContext) => PageSpec[]> = {
  'discharge-summary': dischargeSummary,
  'lab-report': labReport,
  'claim-form': claimForm,
  'referral-letter': referralLetter,
  'ed-intake': edIntake,
  'progress-note': progressNote,
  'clinic-schedule': clinicSchedule,
  prescription,
};

/** JPEG quality for clean JPEG files and for scanned PDF pages that skipped the JPEG degradation. */
const CLEAN_JPEG_QUALITY = 90;
const SCANNED_PDF_QUALITY = 75;

/**
 * Generates the labelled evaluation corpus. Deterministic: the same seed gives the same bytes.
 * @example const docs = await generateCorpus({ seed: 7 }); // 24 documents, 40+ pages
 */
export async function generateCorpus(
  options: GenerateCorpusOptions = {},
): Promise<CorpusDocument[]> {
  const plans = planCorpus(options.seed ?? DEFAULT_SEED, options.documents ?? DEFAULT_DOCUMENTS);
  return mapBounded(plans, 2, renderDocument);
}

/** The fixed plans of the regression subset: three one-page documents in three formats. */
export function regressionPlans(): DocumentPlan[] {
  const base = { pages: 1, landscape: false, columns: 1 as const, colour: false };
  return [
    {
      ...base,
      id: 'r1-referral-letter',
      docType: 'referral-letter',
      rendition: 'png',
      scanned: true,
      facility: 1,
      seed: hashSeed('regression', REGRESSION_SEED, 1),
    },
    {
      ...base,
      id: 'r2-lab-report',
      docType: 'lab-report',
      rendition: 'pdf-text',
      scanned: false,
      facility: 3,
      seed: hashSeed('regression', REGRESSION_SEED, 2),
    },
    {
      ...base,
      id: 'r3-claim-form',
      docType: 'claim-form',
      rendition: 'jpeg',
      scanned: true,
      facility: 4,
      seed: hashSeed('regression', REGRESSION_SEED, 3),
    },
  ];
}

/** Three small fixed documents (a scanned PNG letter, a text-PDF lab report, a scanned JPEG claim form). */
export function regressionSubset(): Promise<CorpusDocument[]> {
  return mapBounded(regressionPlans(), 2, renderDocument);
}

/** Draws one planned document as pages in points, with its context (for the scan choices). */
export function drawDocument(plan: DocumentPlan): { ctx: DocContext; specs: PageSpec[] } {
  const ctx = new DocContext(plan);
  const specs = BUILDERS[plan.docType](ctx);
  if (specs.length !== plan.pages) {
    throw new Error(`${plan.id}: drew ${specs.length} pages, planned ${plan.pages}`);
  }
  return { ctx, specs };
}

/** Draws one planned document and encodes it. */
export async function renderDocument(plan: DocumentPlan): Promise<CorpusDocument> {
  const { ctx, specs } = drawDocument(plan);
  const head = { id: plan.id, docType: plan.docType };
  if (plan.rendition === 'pdf-text') {
    const { bytes, pages } = await encodeTextPdf(specs);
    return {
      ...head,
      format: 'pdf',
      scanned: false,
      textLayer: true,
      pages: pages.map(tidy),
      bytes,
    };
  }

  const rng = ctx.rng.fork('scan');
  const profile = plan.scanned ? chooseScanProfile(rng, plan.colour) : cleanProfile(!plan.colour);
  // Renditions that end as JPEG get their JPEG artefacts from the final encoding, not twice.
  const endsAsJpeg = plan.rendition === 'jpeg' || plan.rendition === 'pdf-image';
  const pageProfile: ScanProfile = endsAsJpeg ? { ...profile, jpegQuality: 0 } : profile;
  const quality =
    profile.jpegQuality || (plan.rendition === 'jpeg' ? CLEAN_JPEG_QUALITY : SCANNED_PDF_QUALITY);

  const rendered: RasterPage[] = [];
  for (const [i, spec] of specs.entries()) {
    const page = await rasterise(spec, profile.dpi, profile.grey);
    rendered.push(plan.scanned ? await degradePage(page, pageProfile, rng.fork(i)) : page);
  }
  const images = rendered.map((p) => p.image);
  const first = images[0];
  if (!first) throw new Error(`${plan.id}: no pages`);
  const bytes =
    plan.rendition === 'png'
      ? await encodePng(first, profile.dpi)
      : plan.rendition === 'jpeg'
        ? await encodeJpeg(first, profile.dpi, quality)
        : plan.rendition === 'tiff'
          ? await encodeTiff(images, profile.dpi)
          : await encodeImagePdf(images, profile.dpi, quality);
  const format = plan.rendition === 'pdf-image' ? 'pdf' : plan.rendition;
  const pages = rendered.map((p): TruthPage =>
    tidy({
      width: p.image.width,
      height: p.image.height,
      dpi: p.dpi,
      words: p.words,
      rules: p.rules,
    }),
  );
  return { ...head, format, scanned: plan.scanned, textLayer: false, pages, bytes };
}

/** Rounds boxes to 1/100 px so truth files stay readable. */
function tidy(page: TruthPage): TruthPage {
  const round = (b: Box): Box => ({ x: r(b.x), y: r(b.y), w: r(b.w), h: r(b.h) });
  return {
    ...page,
    words: page.words.map((w) => ({ ...w, box: round(w.box) })),
    rules: page.rules.map(round),
  };
}

function r(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Maps with at most `limit` calls in flight, keeping input order. */
async function mapBounded<T, U>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<U>,
): Promise<U[]> {
  const out: U[] = new Array<U>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      const item = items[i] as T;
      out[i] = await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
