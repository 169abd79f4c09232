// Counts what a corpus contains, for the CLI and for checking the corpus targets.
import { PHI_CATEGORIES, type PhiCategory } from '../../src/phi/types.js';
import type { CorpusDocument, CorpusFormat, DecoyKind } from './types.js';

/** What a corpus holds. */
export interface CorpusSummary {
  documents: number;
  pages: number;
  scannedPages: number;
  textLayerPages: number;
  formats: Partial<Record<CorpusFormat, number>>;
  docTypes: Record<string, number>;
  /** Distinct PHI mentions (entity ids) per category. */
  entities: Partial<Record<PhiCategory, number>>;
  phiWords: number;
  safeWords: number;
  decoyWords: Partial<Record<DecoyKind, number>>;
}

/** Summarises documents without looking at their bytes. */
export function summariseCorpus(documents: readonly CorpusDocument[]): CorpusSummary {
  const summary: CorpusSummary = {
    documents: documents.length,
    pages: 0,
    scannedPages: 0,
    textLayerPages: 0,
    formats: {},
    docTypes: {},
    entities: {},
    phiWords: 0,
    safeWords: 0,
    decoyWords: {},
  };
  const seen = new Set<string>();
  for (const doc of documents) {
    summary.pages += doc.pages.length;
    if (doc.scanned) summary.scannedPages += doc.pages.length;
    if (doc.textLayer) summary.textLayerPages += doc.pages.length;
    summary.formats[doc.format] = (summary.formats[doc.format] ?? 0) + 1;
    summary.docTypes[doc.docType] = (summary.docTypes[doc.docType] ?? 0) + 1;
    for (const word of doc.pages.flatMap((p) => p.words)) {
      if (word.phi) {
        summary.phiWords++;
        if (!seen.has(word.phi.entityId)) {
          seen.add(word.phi.entityId);
          summary.entities[word.phi.category] = (summary.entities[word.phi.category] ?? 0) + 1;
        }
      } else {
        summary.safeWords++;
        if (word.decoy) summary.decoyWords[word.decoy] = (summary.decoyWords[word.decoy] ?? 0) + 1;
      }
    }
  }
  return summary;
}

/** The summary as a few lines of text. */
export function formatSummary(s: CorpusSummary): string {
  const list = (record: Partial<Record<string, number>>) =>
    Object.entries(record)
      .map(([k, v]) => `${k} ${v ?? 0}`)
      .join(', ');
  const categories = PHI_CATEGORIES.filter((c) => (s.entities[c] ?? 0) > 0);
  const entityLines = categories.map((c) => `  ${c.padEnd(15)} ${s.entities[c] ?? 0}`);
  return [
    `documents: ${s.documents}   pages: ${s.pages}   scanned pages: ${s.scannedPages}   text-layer pages: ${s.textLayerPages}`,
    `formats: ${list(s.formats)}`,
    `types: ${list(s.docTypes)}`,
    `words: ${s.phiWords} PHI, ${s.safeWords} safe (decoys: ${list(s.decoyWords)})`,
    `PHI entities by category (${categories.length} categories):`,
    ...entityLines,
  ].join('\n');
}
