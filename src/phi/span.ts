// A stretch of one line's text judged to be PHI, before it becomes boxes.
import type { Detector, PhiCategory } from './types.js';

export interface Span {
  /** Index of the line in the page. */
  line: number;
  start: number;
  end: number;
  category: PhiCategory;
  confidence: number;
  detector: Detector;
}

/** On equal confidence, the more specific technique names the category. */
const PRIORITY: Record<Detector, number> = {
  reviewer: 5,
  'deny-list': 4,
  label: 3,
  pattern: 2,
  name: 1,
  'fail-safe': 0,
  // Text under a face box is masked with it; no text technique names it.
  'face-api/tiny_face_detector': 0,
  'face-api/ssd_mobilenetv1': 0,
};

const stronger = (a: Span, b: Span) =>
  a.confidence > b.confidence ||
  (a.confidence === b.confidence && PRIORITY[a.detector] > PRIORITY[b.detector]);

/** Merges overlapping spans of one line; the merged span keeps the strongest span's category. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.line - b.line || a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && last.line === span.line && span.start < last.end) {
      const winner = stronger(span, last) ? span : last;
      merged[merged.length - 1] = {
        ...winner,
        start: last.start,
        end: Math.max(last.end, span.end),
      };
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}
