// Finds PHI on an OCR'd page by combining pattern rules, label/value layout, names and term lists.
import type { OcrPage } from '../ocr/types.js';
import { LOW_CONFIDENCE, labelSpans } from './labels.js';
import { lineText, spanBox, type LineText } from './line-text.js';
import { denySpans, removeAllowed, type TermLists } from './lists.js';
import { nameSpans, propagateNames, type NameLexicon } from './names.js';
import { runValidator, type CompiledPack } from './pack.js';
import { mergeSpans, type Span } from './span.js';
import type { PhiCategory, PhiEntity } from './types.js';

export type { Span } from './span.js';
export { mergeSpans } from './span.js';

/** Everything the detector needs; built once per worker (packs, lexicon) and per job (lists). */
export interface Detector {
  pack: CompiledPack;
  lexicon: NameLexicon;
  lists: TermLists;
  /** Only these categories are masked; all when absent. */
  categories?: readonly PhiCategory[];
}

export interface Detection {
  entities: PhiEntity[];
  /** The page's text with each PHI span replaced by `[CATEGORY]`. */
  redactedText: string;
}

/** Spans matched by the pack's regex rules on one line. */
export function patternSpans(text: string, pack: CompiledPack, line = 0): Span[] {
  const spans: Span[] = [];
  for (const rule of pack.patterns) {
    for (const match of text.matchAll(rule.regex)) {
      const [start, end] = match.indices?.groups?.value ?? match.indices?.[0] ?? [0, 0];
      if (end <= start) continue;
      if (rule.validate && !runValidator(rule.validate, text.slice(start, end))) continue;
      spans.push({
        line,
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

/**
 * The OCR-uncertainty rule: a word the engine was unsure of, right next to PHI on the same line
 * (no column gap between), is masked with it.
 */
export function extendOverUncertainWords(
  lines: readonly LineText[],
  spans: readonly Span[],
): Span[] {
  return spans.map((span) => {
    const line = lines[span.line];
    if (!line) return span;
    const height = Math.max(1, line.box.h);
    let { start, end } = span;
    let i = line.words.findIndex((w) => w.end > start);
    while (i > 0) {
      const before = line.words[i - 1];
      const current = line.words[i];
      if (
        !before ||
        !current ||
        before.word.confidence >= LOW_CONFIDENCE ||
        current.gapBefore > 2.5 * height
      )
        break;
      start = before.start;
      i--;
    }
    let j = line.words.findIndex((w) => w.end >= end);
    while (j >= 0 && j + 1 < line.words.length) {
      const after = line.words[j + 1];
      if (!after || after.word.confidence >= LOW_CONFIDENCE || after.gapBefore > 2.5 * height)
        break;
      end = after.end;
      j++;
    }
    return { ...span, start, end };
  });
}

/** All spans on a page, merged and filtered, before they become boxes. */
export function findSpans(
  lines: readonly LineText[],
  pageWidth: number,
  detector: Detector,
): Span[] {
  const { pack, lexicon, lists } = detector;
  let spans: Span[] = [
    ...lines.flatMap((line, i) => [
      ...patternSpans(line.text, pack, i),
      ...nameSpans(line, i, lexicon),
      ...denySpans(line, i, lists.deny),
    ]),
    ...labelSpans(lines, pack, pageWidth),
  ];
  spans = removeAllowed(lines, spans, lists.allow);
  spans = [...spans, ...propagateNames(lines, spans, lexicon)];
  spans = removeAllowed(lines, extendOverUncertainWords(lines, spans), lists.allow);
  const wanted = detector.categories && new Set(detector.categories);
  return mergeSpans(spans.filter((s) => !wanted || wanted.has(s.category)));
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
 * Detects PHI on one page. Entities carry boxes and categories only (one per line a span
 * touches); the redacted text keeps the non-PHI words so the page stays useful.
 */
export function detectPhi(page: OcrPage, detector: Detector): Detection {
  const lines = page.lines.map(lineText);
  const spans = findSpans(lines, page.width, detector);
  const entities: PhiEntity[] = [];
  const text: string[] = [];
  lines.forEach((line, index) => {
    const own = spans.filter((s) => s.line === index);
    for (const span of own) {
      const bbox = spanBox(line, span.start, span.end);
      if (bbox)
        entities.push({
          category: span.category,
          bbox,
          confidence: span.confidence,
          detector: span.detector,
        });
    }
    if (index > 0 && lines[index - 1]?.block !== line.block) text.push('');
    text.push(redactLine(line, own));
  });
  return { entities, redactedText: text.join('\n') };
}
