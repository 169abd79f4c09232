// Builds the held-out corpus: plan → world → sheets → pixels (+ scan) → file, with exact truth.
import { hashSeed, Rng } from '../corpus/random.js';
import type { CorpusDocument, CorpusFormat } from '../corpus/types.js';
import { encodeImagePdf, encodeJpeg, encodePng, encodeTiff } from './encode.js';
import { PLAN, type DocumentPlan, type Output } from './manifest.js';
import { encodeTextPdf, TEXT_PDF_DPI } from './pdf-text.js';
import { renderSheet, type RenderedPage } from './render.js';
import { degrade } from './scan.js';
import { DocContext } from './sheet.js';
import { World } from './world.js';

/** The two frozen corpus instances: `dev` may be studied, `sealed` is only ever scored. */
export const HELDOUT_SEEDS = ['dev', 'sealed'] as const;
export type HeldoutSeed = (typeof HELDOUT_SEEDS)[number];

/** A generated document with what verification needs beyond the truth. */
export interface HeldoutDocument {
  doc: CorpusDocument;
  /** Rendered pages before encoding (absent for text PDFs, whose pixels pdfjs makes). */
  rendered: RenderedPage[];
}

/** Single-image formats fall back to a multi-page one when a layout runs over a page. */
function outputFor(plan: DocumentPlan, pages: number): Output {
  if (pages === 1) return plan.output;
  if (plan.output.kind === 'png') return { kind: 'tiff', bilevel: false };
  if (plan.output.kind === 'jpeg') return { kind: 'scanned-pdf', quality: plan.output.quality };
  return plan.output;
}

const FORMAT: Record<Output['kind'], CorpusFormat> = {
  png: 'png',
  jpeg: 'jpeg',
  tiff: 'tiff',
  'scanned-pdf': 'pdf',
  'text-pdf': 'pdf',
};

/** Draws one planned document for a seed. */
export async function generateDocument(
  plan: DocumentPlan,
  seed: HeldoutSeed,
): Promise<HeldoutDocument> {
  const rng = new Rng(hashSeed('redactify-heldout', seed, plan.id));
  const world = new World(new DocContext(plan.id, rng.fork('content')), plan.world);
  const sheets = plan.draw(world);
  const output = outputFor(plan, sheets.length);
  const head = { id: plan.id, docType: plan.docType, format: FORMAT[output.kind] };
  if (output.kind === 'text-pdf') {
    const { bytes, pages } = await encodeTextPdf(sheets);
    return {
      doc: {
        ...head,
        scanned: false,
        textLayer: true,
        pages: pages.map((p) => ({ ...p, dpi: TEXT_PDF_DPI })),
        bytes,
      },
      rendered: [],
    };
  }
  const scanRng = rng.fork('scan');
  const rendered: RenderedPage[] = [];
  let scanned = false;
  for (const sheet of sheets) {
    const { degradation, placement } = plan.scan(scanRng);
    scanned ||= degradation.kind !== 'none';
    const page = await renderSheet(sheet, plan.dpi, { placement, colour: plan.colour });
    rendered.push({
      ...page,
      image: await degrade(page.image, scanRng.fork(rendered.length), degradation),
    });
  }
  const images = rendered.map((p) => p.image);
  const first = images[0];
  if (!first) throw new Error(`${plan.id}: no pages`);
  let bytes: Buffer;
  switch (output.kind) {
    case 'png':
      bytes = await encodePng(first, plan.dpi);
      break;
    case 'jpeg':
      bytes = await encodeJpeg(first, plan.dpi, output.quality);
      break;
    case 'tiff':
      bytes = await encodeTiff(images, plan.dpi, output.bilevel);
      break;
    case 'scanned-pdf':
      bytes = await encodeImagePdf(images, plan.dpi, output.quality);
      break;
  }
  return {
    doc: { ...head, scanned, textLayer: false, pages: rendered.map((p) => p.truth), bytes },
    rendered,
  };
}

/** Every planned document for a seed, in plan order; `only` restricts to ids with that prefix. */
export async function generateHeldout(
  seed: HeldoutSeed,
  only?: string,
): Promise<HeldoutDocument[]> {
  const out: HeldoutDocument[] = [];
  for (const plan of PLAN)
    if (!only || plan.id.startsWith(only)) out.push(await generateDocument(plan, seed));
  return out;
}
