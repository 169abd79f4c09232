// The JSON report stored next to the masked file: geometry, categories, counts, timings; no text.
import type { Size } from '../imaging/geometry.js';
import type { PhiCategory, PhiEntity } from '../phi/types.js';
import type { ResultType } from '../imaging/output-type.js';
import type { PageEngine, PageFlag } from '../workflows/contract.js';
import type { SourceType } from '../imaging/sniff.js';
import type { Operation } from './manifest.js';
import type { StageName } from './stage-timing.js';

export interface PageReport extends Size {
  index: number;
  dpi: number;
  flags: PageFlag[];
  /** Which engine read the page (`none`: masked whole unread). */
  engine: PageEngine;
  entities: PhiEntity[];
}

export interface JobReport {
  jobId: string;
  /** What the job did: `redact` masks PHI, `ocr` returned the text unmasked. */
  operation: Operation;
  sourceType: SourceType;
  outputType: ResultType;
  review: 'none' | 'required';
  pagesFlagged: number[];
  totals: { pages: number; entities: number; byCategory: Partial<Record<PhiCategory, number>> };
  /** Milliseconds spent inside each stage's activities, summed over pages. */
  timings: Partial<Record<StageName, number>> & { processingMs: number };
  pages: PageReport[];
}

/** Counts entities per category. */
export function countByCategory(entities: readonly { category: PhiCategory }[]) {
  const counts: Partial<Record<PhiCategory, number>> = {};
  for (const e of entities) counts[e.category] = (counts[e.category] ?? 0) + 1;
  return counts;
}

/** Adds keyed counts (entities per category, milliseconds per stage) into `into`. */
export function addCounts<K extends string>(
  into: Partial<Record<K, number>>,
  more: Partial<Record<K, number>>,
): Partial<Record<K, number>> {
  for (const [key, n] of Object.entries(more) as [K, number][]) {
    into[key] = (into[key] ?? 0) + n;
  }
  return into;
}

/** Builds the report from per-page results. */
export function buildReport(
  input: Omit<JobReport, 'totals' | 'review' | 'pagesFlagged'>,
): JobReport {
  const all = input.pages.flatMap((p) => p.entities);
  const pagesFlagged = input.pages.filter((p) => p.flags.length > 0).map((p) => p.index);
  return {
    ...input,
    review: pagesFlagged.length > 0 ? 'required' : 'none',
    pagesFlagged,
    totals: { pages: input.pages.length, entities: all.length, byCategory: countByCategory(all) },
  };
}
