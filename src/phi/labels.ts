// Label/value layout: a value to the right of its label, or directly below it in the same form box.
import type { LineText } from './line-text.js';
import { wordAt } from './line-text.js';
import type { CompiledLabel, CompiledPack } from './pack.js';
import type { Span } from './span.js';
import { canonicalToken, tokenMatches } from './tokens.js';

/** A label found on a line; `end` is after its colon, if any. */
export interface LabelHit {
  rule: CompiledLabel;
  line: number;
  start: number;
  end: number;
  colon: boolean;
}

/** OCR confidence below which a word near a label is taken as value even if it fails the value regex. */
export const LOW_CONFIDENCE = 60;

/** A gap wider than this many line heights separates columns. */
const COLUMN_GAP = 2.5;

interface Token {
  text: string;
  canonical: string;
  start: number;
  end: number;
}

function tokens(text: string): Token[] {
  return [...text.matchAll(/[^\s:]+/g)].flatMap((m) => {
    const raw = m[0];
    // "Acct#" reads as "Acct" "#", like the phrase "acct #"
    if (raw.length > 1 && raw.endsWith('#')) {
      return [
        {
          text: raw.slice(0, -1),
          canonical: canonicalToken(raw.slice(0, -1)),
          start: m.index,
          end: m.index + raw.length - 1,
        },
        { text: '#', canonical: '#', start: m.index + raw.length - 1, end: m.index + raw.length },
      ];
    }
    return [
      { text: raw, canonical: canonicalToken(raw), start: m.index, end: m.index + raw.length },
    ];
  });
}

/** True when the rule's value pattern starts right after the label ("DOB 03/14/1958"). */
function valueFollows(rule: CompiledLabel, text: string, from: number): boolean {
  if (!rule.value) return false;
  rule.value.lastIndex = from + (/^\s*/.exec(text.slice(from))?.[0].length ?? 0);
  return rule.value.test(text);
}

/** True when characters `[start, end)` are set apart: a column gap (or the line's edge) on both sides. */
function standsAlone(line: LineText, start: number, end: number): boolean {
  const gap = COLUMN_GAP * Math.max(1, line.box.h);
  const first = line.words.findIndex((w) => w.end > start);
  const next = line.words.findIndex((w) => w.start >= end);
  const before = first <= 0 || (line.words[first]?.gapBefore ?? 0) > gap;
  const after = next < 0 || (line.words[next]?.gapBefore ?? 0) > gap;
  return before && after;
}

/** Finds every label on every line. At one place the longest phrase wins. */
export function findLabels(lines: readonly LineText[], pack: CompiledPack): LabelHit[] {
  const hits: LabelHit[] = [];
  lines.forEach((line, lineIndex) => {
    const toks = tokens(line.text);
    for (let i = 0; i < toks.length; i++) {
      const hit = matchAt(toks, i, line, pack);
      if (!hit) continue;
      hits.push({ ...hit, line: lineIndex });
      i += hit.length - 1;
    }
  });
  return hits;
}

function matchAt(toks: Token[], i: number, line: LineText, pack: CompiledPack) {
  const text = line.text;
  for (const rule of pack.labels) {
    for (const phrase of rule.phrases) {
      if (i + phrase.length > toks.length) continue;
      if (!phrase.every((expected, k) => tokenMatches(toks[i + k]?.canonical ?? '', expected)))
        continue;
      const last = toks[i + phrase.length - 1];
      const first = toks[i];
      if (!last || !first) continue;
      // A parenthesised hint may follow a form label: "PATIENT'S NAME (Last, First, MI)".
      const after = /^\s*(?:\([^)]*\)\s*)?[:#]?/.exec(text.slice(last.end))?.[0] ?? '';
      const colon = after.includes(':') || after.includes('#');
      // A label needs a colon, or must stand alone (a form box with the value below); cues need neither.
      if (
        !rule.cue &&
        !colon &&
        !standsAlone(line, first.start, last.end + after.length) &&
        !valueFollows(rule, text, last.end)
      )
        continue;
      return {
        rule,
        start: first.start,
        end: last.end + after.length,
        colon,
        length: phrase.length,
      };
    }
  }
  return undefined;
}

const NAME_PART =
  /^(?:[A-Z][A-Za-z'’.-]*|[A-Z]{2,}[,.]?|[A-Z]\.?|(?:de|van|von|der|da|di|la|le|del|bin|al)),?$/;
const PLACE_PART = /^(?:[A-Z][A-Za-z'’.-]*|\d[\w-]*|#?\d+\w*|[A-Z]{2}|of|de|la|du)[,.]?$/;
/** Titles and credentials around a name, which are not the name. */
const HONORIFIC = /^(?:mr|mrs|ms|miss|mx|dr|prof)\.?$/i;
const CREDENTIAL =
  /^(?:md|do|rn|np|pa|pa-c|phd|dds|dmd|facp|facs|mbbs|pharmd|lpn|cna|dpm|msw|lcsw|aprn|fnp|crna|jr|sr|ii|iii|iv)[.,]?$/i;

function partOf(kind: CompiledLabel['kind'], word: string): boolean {
  if (kind === 'name') return NAME_PART.test(word) && !CREDENTIAL.test(word);
  if (kind === 'place') return PLACE_PART.test(word);
  return true;
}

/**
 * The value after a label on `line` starting at character `from`, bounded by `limit`: at most
 * `maxWords` words, no column break, a name's capitalised words only, or the rule's value regex.
 */
function valueIn(
  line: LineText,
  from: number,
  limit: number,
  rule: CompiledLabel,
  firstGapFree: boolean,
): [number, number] | undefined {
  const height = Math.max(1, line.box.h);
  let index = wordAt(line, from);
  const words = [];
  for (; index < line.words.length && words.length < rule.maxWords; index++) {
    const placed = line.words[index];
    if (!placed || placed.start >= limit) break;
    const gapLimit = words.length === 0 && !firstGapFree ? 12 * height : COLUMN_GAP * height;
    if (placed.gapBefore > gapLimit && (words.length > 0 || placed.start > from)) break;
    if (rule.kind === 'name' && words.length === 0 && HONORIFIC.test(placed.word.text)) continue;
    if (!partOf(rule.kind, placed.word.text) && placed.word.confidence >= LOW_CONFIDENCE) break;
    words.push(placed);
  }
  const first = words[0];
  const last = words.at(-1);
  if (!first || !last) return undefined;
  const start = Math.max(from, first.start);
  let end = Math.min(limit, last.end);
  // A value the engine was unsure of is taken whole: its misreadings would fail the regex.
  if (rule.value && !words.some((w) => w.word.confidence < LOW_CONFIDENCE)) {
    rule.value.lastIndex = start;
    const match = rule.value.exec(line.text.slice(0, end));
    if (!match) return undefined;
    end = start + match[0].length;
  }
  end = start + line.text.slice(start, end).replace(/[\s,;.]+$/, '').length;
  return end > start ? [start, end] : undefined;
}

/** The first line below `line` that starts under the label's column, within three line heights. */
function lineBelow(
  lines: readonly LineText[],
  lineIndex: number,
  x0: number,
  x1: number,
): number | undefined {
  const line = lines[lineIndex];
  if (!line) return undefined;
  const h = Math.max(1, line.box.h);
  let best: number | undefined;
  lines.forEach((candidate, j) => {
    if (j === lineIndex) return;
    const top = candidate.box.y;
    if (top < line.box.y + 0.5 * h || top > line.box.y + line.box.h + 3 * h) return;
    const inColumn = candidate.words.some(
      (w) => w.word.box.x + w.word.box.w > x0 - h && w.word.box.x < x1,
    );
    if (inColumn && (best === undefined || top < (lines[best]?.box.y ?? Infinity))) best = j;
  });
  return best;
}

/** Character range of `line` whose words lie in the column `[x0, x1)`. */
function columnRange(line: LineText, x0: number, x1: number): [number, number] | undefined {
  const inside = line.words.filter((w) => w.word.box.x + w.word.box.w > x0 && w.word.box.x < x1);
  const first = inside[0];
  const last = inside.at(-1);
  return first && last ? [first.start, last.end] : undefined;
}

/** Spans for every label's value, on its line or below it. */
export function labelSpans(
  lines: readonly LineText[],
  pack: CompiledPack,
  pageWidth: number,
): Span[] {
  const hits = findLabels(lines, pack);
  const spans: Span[] = [];
  const span = (line: number, [start, end]: [number, number], rule: CompiledLabel): Span => ({
    line,
    start,
    end,
    category: rule.category,
    confidence: rule.confidence,
    detector: 'label',
  });
  for (const hit of hits) {
    const line = lines[hit.line];
    if (!line) continue;
    const sameLine = hits.filter((h) => h.line === hit.line && h.start >= hit.end);
    const limit = sameLine[0]?.start ?? line.text.length;
    let found = valueIn(line, hit.end, limit, hit.rule, false);
    let at = { line: hit.line, range: found };
    if (!found && !hit.rule.cue) {
      // Label above value: the next line down, inside this label's column.
      const labelWord = line.words[wordAt(line, hit.start)]?.word.box;
      const x0 = labelWord?.x ?? 0;
      const nextLabelX = sameLine[0]
        ? (line.words[wordAt(line, sameLine[0].start)]?.word.box.x ?? pageWidth)
        : pageWidth;
      const below = lineBelow(lines, hit.line, x0, nextLabelX);
      const belowLine = below === undefined ? undefined : lines[below];
      const column = belowLine && columnRange(belowLine, x0 - line.box.h, nextLabelX);
      const labelsThere = hits.filter(
        (h) => h.line === below && column && h.start >= column[0] && h.start < column[1],
      );
      if (belowLine && column && below !== undefined && labelsThere.length === 0) {
        found = valueIn(belowLine, column[0], column[1], hit.rule, true);
        at = { line: below, range: found };
      }
    }
    let range = at.range;
    if (!range) continue;
    let lineIndex = at.line;
    spans.push(span(lineIndex, range, hit.rule));
    // Multi-line values (an address): following lines that start under the value.
    for (let more = 1; more < hit.rule.lines; more++) {
      const current = lines[lineIndex];
      if (!current) break;
      const startX = current.words[wordAt(current, range[0])]?.word.box.x ?? 0;
      const next = lineBelow(lines, lineIndex, startX, startX + current.box.h * 2);
      const nextLine = next === undefined ? undefined : lines[next];
      if (next === undefined || !nextLine || hits.some((h) => h.line === next)) break;
      const nextRange = columnRange(nextLine, startX - current.box.h, pageWidth);
      if (!nextRange) break;
      spans.push(span(next, nextRange, hit.rule));
      lineIndex = next;
      range = nextRange;
    }
  }
  return spans;
}
