// Finds PHI on an OCR'd page by combining pattern rules, label/value layout, names and term lists.
import { coverage } from '../imaging/geometry.js';
import type { OcrPage } from '../ocr/types.js';
import { addressBlocks, addressMatches, addressNeighbours } from './addresses.js';
import { idCardFields } from './id-card.js';
import { COLUMN_GAP, LOW_CONFIDENCE, findLabels, labelSpans, type LabelHit } from './labels.js';
import { spanBox, wordAt, type LineText, type PlacedWord } from './line-text.js';
import { denyMatches, removeAllowed, type TermLists } from './lists.js';
import {
  confidentNameParts,
  coordinatedNames,
  isNamePartWord,
  isUnknownWord,
  leadingParticles,
  nameMatches,
  nlpPeople,
  propagateNames,
  type NameLexicon,
} from './names.js';
import { longIdentifiers, numberMatches, spacedPhones } from './numbers.js';
import { runValidator, type CompiledPack } from './pack.js';
import { pageText, toLineSpans, type PageText } from './page-text.js';
import { mergeSpans, type Span } from './span.js';
import { attachedTimes, attachedWeekdays } from './times.js';
import type { PhiCategory, PhiEntity } from './types.js';

/** Everything the detector needs; built once per worker (packs, lexicon) and per job (lists). */
export interface DetectorSettings {
  pack: CompiledPack;
  lexicon: NameLexicon;
  lists: TermLists;
  /** Only these categories are masked; all when absent. */
  categories?: readonly PhiCategory[];
  /** Also take people found by the `compromise` NLP library (off by default: see README). */
  nlp?: boolean;
  /**
   * The name parts the document's pages hold (`documentNames`): a name found with confidence on
   * one page is masked where another page writes it without a cue.
   */
  documentNames?: ReadonlySet<string>;
}

export interface Detection {
  entities: PhiEntity[];
  /** The page's text with each PHI span replaced by `[CATEGORY]`. */
  redactedText: string;
}

/**
 * Matches of the pack's regex rules in a text. One rule's matches never overlap: the leftmost
 * valid one wins (a rule written as a lookahead tries every start, for when an earlier start
 * fails its validator).
 */
export function patternMatches(text: string, pack: CompiledPack): Array<Omit<Span, 'line'>> {
  const found: Array<Omit<Span, 'line'>> = [];
  for (const rule of pack.patterns) {
    let taken = 0;
    for (const match of text.matchAll(rule.regex)) {
      const [start, end] = match.indices?.groups?.value ?? match.indices?.[0] ?? [0, 0];
      if (end <= start || start < taken) continue;
      if (rule.validate && !runValidator(rule.validate, text.slice(start, end))) continue;
      taken = end;
      found.push({
        start,
        end,
        category: rule.category,
        confidence: rule.confidence,
        detector: 'pattern',
      });
    }
  }
  return found;
}

/** Spans matched by the pack's regex rules on one line (tests and single lines). */
export function patternSpans(text: string, pack: CompiledPack, line = 0): Span[] {
  return patternMatches(text, pack).map((m) => ({ ...m, line }));
}

/**
 * The OCR-uncertainty rule: a word the engine was unsure of, right next to PHI on the same line
 * (no column gap between), is masked with it, unless the word is part of a label: a caption
 * (`NPI`, `DOB`, `Fax:`) is read as one even when the engine was unsure of its letters, and
 * its value is found by the label rule.
 */
export function extendOverUncertainWords(
  lines: readonly LineText[],
  spans: readonly Span[],
  labels: readonly LabelHit[] = [],
): Span[] {
  const isLabel = (line: number, start: number, end: number) =>
    labels.some((l) => l.line === line && l.start < end && l.end > start);
  return spans.map((span) => {
    const line = lines[span.line];
    if (!line) return span;
    const height = Math.max(1, line.box.h);
    let { start, end } = span;
    // A number grows only over words that could be part of it ("(617) 555-0l42 x9g"); letters
    // beside it are a misread caption ("NPI" read "wo" beside a provider number).
    const numeric =
      span.category !== 'DATE' && /^[\d\s()+./#-]+$/.test(line.text.slice(start, end));
    const digitless = (w: PlacedWord) => numeric && !/\d/.test(line.text.slice(w.start, w.end));
    /** Whether an unsure neighbour `gap` pixels from the span joins it. */
    const joins = (w: PlacedWord, gap: number) =>
      w.word.confidence < LOW_CONFIDENCE &&
      gap <= COLUMN_GAP * height &&
      !isLabel(span.line, w.start, w.end) &&
      !digitless(w);
    let i = wordAt(line, start);
    for (let before = line.words[i - 1]; before; before = line.words[i - 1]) {
      const current = line.words[i];
      if (!current || !joins(before, current.gapBefore)) break;
      start = before.start;
      i--;
    }
    let j = wordAt(line, end - 1);
    for (let after = line.words[j + 1]; j >= 0 && after; after = line.words[j + 1]) {
      if (!joins(after, after.gapBefore)) break;
      end = after.end;
      j++;
    }
    return { ...span, start, end };
  });
}

/**
 * Grows spans to whole words when only punctuation of the word is left out ("(617) 555-0142)."
 * is masked to its last parenthesis), so no stray mark is left beside a mask.
 */
export function extendToWholeWords(lines: readonly LineText[], spans: readonly Span[]): Span[] {
  return spans.map((span) => {
    const line = lines[span.line];
    if (!line) return span;
    let { start, end } = span;
    for (const w of line.words) {
      if (
        w.start < start &&
        w.end > start &&
        !/[\p{L}\p{N}]/u.test(line.text.slice(w.start, start))
      )
        start = w.start;
      if (w.start < end && w.end > end && !/[\p{L}\p{N}]/u.test(line.text.slice(end, w.end)))
        end = w.end;
    }
    return { ...span, start, end };
  });
}

/**
 * A URL that ends its line on a separator ("…/visit/") goes on at the start of the next line of
 * its paragraph: that first word ("z5u483g7d6.") is the rest of it.
 */
export function continueWrappedUrls(lines: readonly LineText[], spans: readonly Span[]): Span[] {
  return spans.flatMap((span) => {
    const line = lines[span.line];
    const next = lines[span.line + 1];
    const first = next?.words[0];
    if (
      span.category !== 'URL' ||
      !line ||
      !next ||
      !first ||
      next.block !== line.block ||
      span.end < line.text.trimEnd().length ||
      !/[/=?&_-]$/.test(line.text.slice(span.start, span.end))
    )
      return [];
    return [{ ...span, line: span.line + 1, start: first.start, end: first.end }];
  });
}

/** All spans on a page, merged and filtered, before they become boxes. */
export function findSpans(page: PageText, detector: DetectorSettings): Span[] {
  const { pack, lexicon, lists } = detector;
  const { lines } = page;
  // After a caption without a colon, only a capitalised word that is no known word at all counts
  // as a name ("Tuesday" and "First" are dictionary names, and English words).
  const labels = findLabels(
    lines,
    pack,
    (word) => /^\p{Lu}/u.test(word) && isUnknownWord(word, lexicon),
  );
  let spans: Span[] = [
    ...page.blocks.flatMap((block) =>
      [
        ...patternMatches(block.text, pack),
        ...numberMatches(block.text),
        ...nameMatches(
          block.text,
          lexicon,
          new Set(block.parts.slice(1).map((part) => part.offset)),
        ).map((m) => ({
          ...m,
          category: 'NAME' as const,
          detector: 'name' as const,
        })),
        ...denyMatches(block.text, lists.deny),
        ...(detector.nlp ? nlpPeople(block.text) : []),
      ].flatMap((match) => toLineSpans(block, match)),
    ),
    ...labelSpans(lines, labels, page.width, lexicon.stopwords),
    ...lines.flatMap((line, index) =>
      [
        ...addressMatches(line.text, lexicon),
        ...spacedPhones(line.text),
        ...longIdentifiers(line.text),
      ].map((m) => ({
        ...m,
        line: index,
      })),
    ),
    ...addressBlocks(lines),
    ...idCardFields(lines),
  ];
  spans = removeAllowed(lines, spans, lists.allow);
  spans = [
    ...spans,
    ...propagateNames(lines, spans, lexicon, detector.documentNames),
    ...coordinatedNames(lines, spans, lexicon),
    ...continueWrappedUrls(lines, spans),
    ...attachedTimes(lines, spans),
    ...attachedWeekdays(lines, spans),
  ];
  spans = [
    ...spans,
    ...addressNeighbours(lines, spans, lexicon),
    ...leadingParticles(lines, spans),
  ];
  spans = extendToWholeWords(lines, extendOverUncertainWords(lines, spans, labels));
  spans = removeAllowed(lines, spans, lists.allow);
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

/** Spans over the words of each line that lie mostly under one of `masked` (they print as its category). */
function maskedWordSpans(text: PageText, masked: readonly PhiEntity[]): Span[] {
  return text.lines.flatMap((line, index) =>
    line.words.flatMap(({ word, start, end }) => {
      const under = masked.find((e) => coverage(word.box, e.bbox) > 0.5);
      return under
        ? [
            {
              line: index,
              start,
              end,
              category: under.category,
              confidence: 1,
              detector: under.detector,
            },
          ]
        : [];
    }),
  );
}

/**
 * The parts of the names found with confidence on a page (lower case) that are names or no known
 * word: a document's pages share them through `DetectorSettings.documentNames`. An English word
 * that a rule took for a name on one page ("Room" under a table's name column) is not carried
 * to the others.
 */
export function pageNames(page: OcrPage, detector: DetectorSettings): string[] {
  const text = pageText(page);
  const spans = findSpans(text, { ...detector, documentNames: undefined });
  const parts = confidentNameParts(text.lines, spans, detector.lexicon);
  return [...parts].filter((part) => isNamePartWord(part, detector.lexicon));
}

/** A document's name parts: those of all its pages (`pageNames` of each). */
export function documentNames(pages: ReadonlyArray<readonly string[]>): ReadonlySet<string> {
  return new Set(pages.flat());
}

/**
 * Detects PHI on one page. Entities carry boxes and categories only (one per line a span
 * touches); the redacted text keeps the non-PHI words so the page stays useful. Words under
 * `alsoMasked` (what verification found after detection) are redacted in the text too.
 */
export function findPhi(
  page: OcrPage,
  detector: DetectorSettings,
  alsoMasked: readonly PhiEntity[] = [],
): Detection {
  const text = pageText(page);
  const spans = findSpans(text, detector);
  const textSpans = mergeSpans([...spans, ...maskedWordSpans(text, alsoMasked)]);
  const entities: PhiEntity[] = [];
  const out: string[] = [];
  text.lines.forEach((line, index) => {
    for (const span of spans.filter((s) => s.line === index)) {
      const bbox = spanBox(line, span.start, span.end);
      if (bbox)
        entities.push({
          category: span.category,
          bbox,
          confidence: span.confidence,
          detector: span.detector,
        });
    }
    if (index > 0 && text.lines[index - 1]?.block !== line.block) out.push('');
    out.push(
      redactLine(
        line,
        textSpans.filter((s) => s.line === index),
      ),
    );
  });
  return { entities, redactedText: out.join('\n') };
}
