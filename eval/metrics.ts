// Aggregates word and entity outcomes into recall, over-redaction and leak figures.
import type { CorpusDocument } from './corpus/types.js';

export interface WordOutcome {
  doc: string;
  page: number;
  category?: string;
  entityId?: string;
  scanned: boolean;
  coverage: number;
}

export interface DocumentOutcome {
  id: string;
  docType: string;
  format: string;
  scanned: boolean;
  pages: number;
  words: WordOutcome[];
  leaks: { ocr: number; pdfText: number; metadata: number };
  review: string;
}

/** One document's outcome; `review` is the service's verdict when it ran, `-` for in-process runs. */
export function documentOutcome(
  doc: CorpusDocument,
  words: WordOutcome[],
  review = '-',
  leaks: DocumentOutcome['leaks'] = { ocr: 0, pdfText: 0, metadata: 0 },
): DocumentOutcome {
  const { id, docType, format, scanned } = doc;
  return { id, docType, format, scanned, pages: doc.pages.length, words, leaks, review };
}

export interface Rate {
  hit: number;
  total: number;
  rate: number;
}

const rate = (hit: number, total: number): Rate => ({
  hit,
  total,
  rate: total === 0 ? 1 : hit / total,
});

/** Entity outcomes: an entity is masked when every one of its words is. */
function entities(words: readonly WordOutcome[], masked: number) {
  const byId = new Map<string, { category: string; scanned: boolean; masked: boolean }>();
  for (const w of words) {
    if (!w.entityId || !w.category) continue;
    const e = byId.get(w.entityId) ?? { category: w.category, scanned: w.scanned, masked: true };
    e.masked &&= w.coverage >= masked;
    byId.set(w.entityId, e);
  }
  return [...byId.values()];
}

export interface Metrics {
  wordRecall: Rate;
  entityRecall: Rate;
  entityRecallClean: Rate;
  entityRecallScans: Rate;
  overRedaction: Rate;
  byCategory: Record<string, { words: Rate; entities: Rate }>;
  leaks: { ocr: number; pdfText: number; metadata: number; total: number };
}

/** All figures for a set of documents. */
export function computeMetrics(
  docs: readonly DocumentOutcome[],
  thresholds: { masked: number; overRedacted: number },
): Metrics {
  const words = docs.flatMap((d) => d.words);
  const phi = words.filter((w) => w.category);
  const safe = words.filter((w) => !w.category);
  const ents = entities(words, thresholds.masked);
  const count = (list: readonly { masked: boolean }[]) =>
    rate(list.filter((e) => e.masked).length, list.length);
  const byCategory: Metrics['byCategory'] = {};
  for (const category of [...new Set(phi.map((w) => w.category ?? ''))].sort()) {
    const ws = phi.filter((w) => w.category === category);
    byCategory[category] = {
      words: rate(ws.filter((w) => w.coverage >= thresholds.masked).length, ws.length),
      entities: count(ents.filter((e) => e.category === category)),
    };
  }
  const leaks = docs.reduce(
    (sum, d) => ({
      ocr: sum.ocr + d.leaks.ocr,
      pdfText: sum.pdfText + d.leaks.pdfText,
      metadata: sum.metadata + d.leaks.metadata,
    }),
    { ocr: 0, pdfText: 0, metadata: 0 },
  );
  return {
    wordRecall: rate(phi.filter((w) => w.coverage >= thresholds.masked).length, phi.length),
    entityRecall: count(ents),
    entityRecallClean: count(ents.filter((e) => !e.scanned)),
    entityRecallScans: count(ents.filter((e) => e.scanned)),
    overRedaction: rate(
      safe.filter((w) => w.coverage >= thresholds.overRedacted).length,
      safe.length,
    ),
    byCategory,
    leaks: { ...leaks, total: leaks.ocr + leaks.pdfText + leaks.metadata },
  };
}

/** Corpus shape, for the report header. */
export function corpusShape(corpus: readonly CorpusDocument[]) {
  const pages = corpus.reduce((n, d) => n + d.pages.length, 0);
  const scanned = corpus.filter((d) => d.scanned).reduce((n, d) => n + d.pages.length, 0);
  const categories = new Set(
    corpus.flatMap((d) =>
      d.pages.flatMap((p) => p.words.flatMap((w) => (w.phi ? [w.phi.category] : []))),
    ),
  );
  return { documents: corpus.length, pages, scannedPages: scanned, phiCategories: categories.size };
}
