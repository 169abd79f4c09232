// Finds PHI on an OCR'd page: pattern rules and label/value rules over each line's text.
import type { OcrPage } from '../ocr/types.js';
import { lineText, spanBox, type LineText } from './line-text.js';
import { runValidator, type CompiledPack } from './pack.js';
import type { Detector, PhiCategory, PhiEntity } from './types.js';

/** A stretch of one line's text judged to be PHI. */
export interface Span {
  start: number;
  end: number;
  category: PhiCategory;
  confidence: number;
  detector: Detector;
}

export interface DetectOptions {
  /** Only these categories are masked; all when absent. */
  categories?: readonly PhiCategory[];
}

export interface Detection {
  entities: PhiEntity[];
  /** The page's text with each PHI span replaced by `[CATEGORY]`. */
  redactedText: string;
}

/** Spans matched by the pack's regex rules. */
export function patternSpans(text: string, pack: CompiledPack): Span[] {
  const spans: Span[] = [];
  for (const rule of pack.patterns) {
    for (const match of text.matchAll(rule.regex)) {
      const [start, end] = match.indices?.groups?.value ?? match.indices?.[0] ?? [0, 0];
      if (end <= start) continue;
      if (rule.validate && !runValidator(rule.validate, text.slice(start, end))) continue;
      spans.push({
        start,
        end,
        category: rule.category,
        confidence: rule.confidence,
        detector: 'pattern',
      });
    }
  }
  return spans;
}

/** Spans for values written after a label on the same line ("DOB: 04/12/1961"). */
export function labelSpans(text: string, pack: CompiledPack): Span[] {
  const found = pack.labels.flatMap((rule) =>
    [...text.matchAll(rule.label)].map((m) => ({
      rule,
      start: m.index,
      end: m.index + m[0].length,
    })),
  );
  found.sort((a, b) => a.start - b.start);
  const spans: Span[] = [];
  found.forEach(({ rule, end }, i) => {
    const nextLabel = found.slice(i + 1).find((f) => f.start >= end)?.start ?? text.length;
    let start = end;
    while (start < nextLabel && /[\s:#.-]/.test(text.charAt(start))) start++;
    let valueEnd = takeWords(text, start, nextLabel, rule.maxWords);
    if (rule.value) {
      rule.value.lastIndex = start;
      const m = rule.value.exec(text.slice(0, nextLabel));
      valueEnd = m ? start + m[0].length : start;
    }
    if (valueEnd > start) {
      spans.push({
        start,
        end: valueEnd,
        category: rule.category,
        confidence: rule.confidence,
        detector: 'label',
      });
    }
  });
  return spans;
}

/** End offset after at most `maxWords` words from `start`, not past `limit`. */
function takeWords(text: string, start: number, limit: number, maxWords: number): number {
  const re = /\S+/g;
  re.lastIndex = start;
  let end = start;
  for (let n = 0; n < maxWords; n++) {
    const m = re.exec(text);
    if (!m || m.index >= limit) break;
    end = Math.min(limit, m.index + m[0].length);
  }
  return text.slice(start, end).trimEnd().length + start;
}

/** Merges overlapping spans; the merged span keeps the most confident category. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start < last.end) {
      const winner = span.confidence > last.confidence ? span : last;
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

function redactLine(line: LineText, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += line.text.slice(at, span.start) + `[${span.category}]`;
    at = span.end;
  }
  return out + line.text.slice(at);
}

/**
 * Detects PHI on one page. Entities carry boxes and categories only; the redacted text keeps the
 * non-PHI words so the page stays useful.
 */
export function detectPhi(
  page: OcrPage,
  pack: CompiledPack,
  options: DetectOptions = {},
): Detection {
  const wanted = options.categories ? new Set(options.categories) : undefined;
  const entities: PhiEntity[] = [];
  const lines: string[] = [];
  let previousBlock: number | undefined;
  for (const ocrLine of page.lines) {
    const line = lineText(ocrLine);
    const spans = mergeSpans([
      ...patternSpans(line.text, pack),
      ...labelSpans(line.text, pack),
    ]).filter((s) => !wanted || wanted.has(s.category));
    for (const span of spans) {
      const bbox = spanBox(line, span.start, span.end);
      if (bbox) {
        entities.push({
          category: span.category,
          bbox,
          confidence: span.confidence,
          detector: span.detector,
        });
      }
    }
    if (previousBlock !== undefined && previousBlock !== ocrLine.block) lines.push('');
    previousBlock = ocrLine.block;
    lines.push(redactLine(line, spans));
  }
  return { entities, redactedText: lines.join('\n') };
}
