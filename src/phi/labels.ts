// Label/value layout: a value to the right of its label, or directly below it in the same form box.
import { sameRow } from '../imaging/geometry.js';
import type { LineText } from './line-text.js';
import { isAllCaps } from './names.js';
import { wordAt } from './line-text.js';
import type { CompiledLabel, CompiledPack } from './pack.js';
import type { Span } from './span.js';
import { canonicalToken, splitHash, tokenMatches } from './tokens.js';
import { isCredentialOrSuffix, isHonorific } from './titles.js';

/** A label found on a line; `end` is after its colon, if any. */
export interface LabelHit {
  rule: CompiledLabel;
  line: number;
  start: number;
  end: number;
  colon: boolean;
  /** Set apart by column gaps: a form-box or table-column label, whose value is below it. */
  alone: boolean;
}

/** OCR confidence below which a word near a label is taken as value even if it fails the value regex. */
export const LOW_CONFIDENCE = 60;

/** A gap wider than this many line heights separates columns. */
export const COLUMN_GAP = 2.5;

interface LabelToken {
  text: string;
  canonical: string;
  start: number;
  end: number;
}

/** A line's words for label matching: split at spaces and colons, a trailing `#` split off (`splitHash`). */
function tokenizeForLabels(text: string): LabelToken[] {
  return [...text.matchAll(/[^\s:]+/g)].flatMap((m) => {
    let start = m.index;
    return splitHash(m[0]).map((part) => {
      const token = {
        text: part,
        canonical: canonicalToken(part),
        start,
        end: start + part.length,
      };
      start = token.end;
      return token;
    });
  });
}

/** True when the rule's value pattern starts right after the label ("DOB 03/14/1958"). */
function valueFollows(rule: CompiledLabel, text: string, from: number): boolean {
  if (!rule.value) return false;
  rule.value.lastIndex = valueStart(text, from, text.length);
  return rule.value.test(text);
}

/**
 * True when an open bracket stands before character `at`: a form caption's hint ("NAME (Last
 * Name, First Name, …)", its parenthesis often read as `{`) holds captions, not values.
 */
function inBrackets(text: string, at: number): boolean {
  const before = text.slice(0, at);
  return (before.match(/[({[]/g)?.length ?? 0) > (before.match(/[)}\]]/g)?.length ?? 0);
}

/** True when the word after a label ending at `from` may be part of a name. */
function nameFollows(text: string, from: number, isNameWord: (word: string) => boolean): boolean {
  const word = /^\S+/.exec(text.slice(valueStart(text, from, text.length)))?.[0];
  return word !== undefined && isNameWord(word.replace(/[,.;]$/, ''));
}

/**
 * Where a value starts after a label ending at `from`: past separators ("#: ", " - ") and a
 * number word ("serial number: X" read as the label "serial").
 */
function valueStart(text: string, from: number, limit: number): number {
  let at = from;
  for (;;) {
    while (at < limit && /[\s:#.,;–-]/.test(text.charAt(at))) at++;
    const numberWord = /^(?:number|num|nbr|no)\b\.?/i.exec(text.slice(at, limit));
    if (!numberWord) return at;
    at += numberWord[0].length;
  }
}

/** True when characters `[start, end)` are set apart: a column gap (or the line's edge) on both sides. */
function standsAlone(line: LineText, start: number, end: number): boolean {
  const gap = COLUMN_GAP * Math.max(1, line.box.h);
  const first = line.words.findIndex((w) => w.end > start);
  const next = line.words.findIndex((w) => w.start >= end);
  const before = first <= 0 || (line.words[first]?.gapBefore ?? 0) > gap;
  const after = next < 0 || (line.words[next]?.gapBefore ?? 0) > gap;
  return (before && after) || isFormCaption(line, first, next);
}

/** A form box's number ("3.", "17b.", "a."), which starts its caption. */
const BOX_NUMBER = /^(?:\d{1,2}[a-z]?|[a-z])\.$/;

/** A box number ("3.", "17b.", "a."), an all-capitals word, a "(hint)" or a rule: caption text. */
const CAPTION_WORD = /^(?:(?:\d{1,2}[a-z]?|[a-z])\.|[A-Z][A-Z'’.?/&-]*|\(.*|.*\)|[|])$/;

/** A line of form captions: numbered boxes and capitals only ("24. A. DATES OF SERVICE"). */
function isCaptionRow(line: LineText): boolean {
  const words = line.words.map((w) => w.word.text);
  // A numbered box caption starts somewhere on the row: "19." then a word in capitals.
  return words.some((w, i) => BOX_NUMBER.test(w) && /^[A-Z]{2,}/.test(words[i + 1] ?? ''));
}

/**
 * A printed form's box caption in capitals ("3. PATIENT'S BIRTH DATE SEX"): the label's own words
 * are capitals and every other word on the line is caption text, so the value is in the box below.
 */
function isFormCaption(line: LineText, first: number, next: number): boolean {
  const words = line.words.map((w) => w.word.text);
  // A "(hint in parentheses)" is part of the caption whatever its case, and may end the label
  // ("PATIENT'S NAME (Last, First, Middle Initial)").
  const hints = inParentheses(words);
  const captionWord = (i: number, pattern: RegExp) =>
    (hints[i] ?? false) || pattern.test(words[i] ?? '');
  const last = next < 0 ? words.length : next;
  // The label itself starts outside any hint: "(plate 1YIB548)" in a sentence is no caption.
  if (last <= first || hints[first]) return false;
  for (let i = first; i < last; i++) if (!captionWord(i, /^[A-Z][A-Z'’.#/:-]*$/)) return false;
  // The label's box on the line: from the box number before it to the next box number or rule.
  const boundary = (w: string) => BOX_NUMBER.test(w) || w === '|';
  let start = first;
  while (start > 0 && !boundary(words[start - 1] ?? '')) start--;
  let end = last;
  while (end < words.length && !boundary(words[end] ?? '')) end++;
  for (let i = start; i < end; i++) if (!captionWord(i, CAPTION_WORD)) return false;
  return true;
}

/** For each word, whether it lies inside a parenthesis ("(Last," "First)"). */
function inParentheses(words: readonly string[]): boolean[] {
  let open = false;
  return words.map((w) => {
    const inside = open || w.startsWith('(');
    open = inside && !w.endsWith(')');
    return inside;
  });
}

/** A line made mostly of labels (at least three) is a table header: each heads a column. */
const HEADER_MIN_LABELS = 3;
const HEADER_MIN_SHARE = 0.6;

/**
 * Finds every label on every line. At one place the longest phrase wins. `isNameWord` tells a
 * word that may be part of a name: a name caption of two words or more needs no colon when one
 * follows it ("Last name Omobolaji First Adegoke", a form whose colons OCR lost or never had).
 */
export function findLabels(
  lines: readonly LineText[],
  pack: CompiledPack,
  isNameWord: (word: string) => boolean,
): LabelHit[] {
  const hits: LabelHit[] = [];
  lines.forEach((line, lineIndex) => {
    const toks = tokenizeForLabels(line.text);
    const candidates: Array<Candidate & { accepted: boolean }> = [];
    for (let i = 0; i < toks.length; i++) {
      const candidate = matchAt(toks, i, line, pack, isNameWord);
      if (!candidate) continue;
      candidates.push(candidate);
      i += candidate.length - 1;
    }
    const labelTokens = candidates.reduce((n, c) => n + c.length, 0);
    // A header row holds no values: no identifier-like token (three digits or more) on it.
    const values = toks.some((t) => /\d{3}/.test(t.text));
    const header =
      !values &&
      candidates.length >= HEADER_MIN_LABELS &&
      labelTokens >= HEADER_MIN_SHARE * toks.length;
    for (const { accepted, length: _length, ...hit } of candidates) {
      if (header && !hit.colon) hits.push({ ...hit, alone: true, line: lineIndex });
      else if (accepted) hits.push({ ...hit, line: lineIndex });
    }
  });
  return hits;
}

interface Candidate {
  rule: CompiledLabel;
  start: number;
  end: number;
  colon: boolean;
  alone: boolean;
  length: number;
}

/**
 * The label starting at token `i`, if any, and whether it counts as a label on its own. When
 * several rules match there, the first one that counts wins (a cue over a colon-only label).
 */
function matchAt(
  toks: LabelToken[],
  i: number,
  line: LineText,
  pack: CompiledPack,
  isNameWord: (word: string) => boolean,
): (Candidate & { accepted: boolean }) | undefined {
  const text = line.text;
  let fallback: (Candidate & { accepted: boolean }) | undefined;
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
      const alone = !colon && standsAlone(line, first.start, last.end + after.length);
      const wraps = text.slice(last.end + after.length).trim() === '';
      // A label needs a colon, must stand alone (a form box or table header, value below), or be
      // followed by its value (or a line break) in running text; cues need neither.
      const accepted =
        rule.cue ||
        colon ||
        alone ||
        valueFollows(rule, text, last.end) ||
        (wraps && rule.value !== undefined) ||
        (rule.kind === 'name' &&
          phrase.length > 1 &&
          !inBrackets(text, last.end) &&
          nameFollows(text, last.end, isNameWord));
      const candidate = {
        rule,
        start: first.start,
        end: last.end + after.length,
        colon,
        alone,
        length: phrase.length,
        accepted,
      };
      if (accepted) return candidate;
      fallback ??= candidate;
    }
  }
  return fallback;
}

/** A word of a name: capitalised or in capitals, an initial with its stop, or a particle. */
const NAME_PART = /^(?:[A-Z][A-Za-z'’.-]+|[A-Z]\.|(?:de|van|von|der|da|di|la|le|del|bin|al)),?$/;
const NOT_NAME = /^(?:AM|PM)$/;
/** A line that continues an address: a ZIP code, or "City, ST". */
const ADDRESS_LINE = /\b\d{5}(?:-\d{4})?\b|\b[A-Z][a-z]+,\s*[A-Z]{2}\b/;
const PLACE_PART = /^(?:[A-Z][A-Za-z'’.-]*|\d[\w-]*|#?\d+\w*|[A-Z]{2}|of|de|la|du)[,.]?$/;
function partOf(kind: CompiledLabel['kind'], word: string, common: ReadonlySet<string>): boolean {
  if (kind === 'name') {
    const bare = word.toLowerCase().replace(/[^a-z'’-]/g, '');
    return (
      NAME_PART.test(word) &&
      !isCredentialOrSuffix(word) &&
      !NOT_NAME.test(word) &&
      !(bare.length > 2 && common.has(bare))
    );
  }
  if (kind === 'place') return PLACE_PART.test(word);
  return true;
}

/**
 * The value after a label on `line` starting at character `from`, bounded by `limit`: at most
 * `maxWords` words, no column break, a name's capitalised words only, or the rule's value regex.
 */
function valueIn(
  line: LineText,
  start0: number,
  limit: number,
  rule: CompiledLabel,
  firstGapFree: boolean,
  common: ReadonlySet<string>,
): [number, number] | undefined {
  const height = Math.max(1, line.box.h);
  const from = valueStart(line.text, start0, limit);
  let index = wordAt(line, from);
  const words = [];
  for (; index < line.words.length && words.length < rule.maxWords; index++) {
    const placed = line.words[index];
    if (!placed || placed.start >= limit) break;
    const gapLimit = words.length === 0 && !firstGapFree ? 12 * height : COLUMN_GAP * height;
    if (placed.gapBefore > gapLimit && (words.length > 0 || placed.start > from)) break;
    if (rule.kind === 'name' && words.length === 0 && isHonorific(placed.word.text)) continue;
    // After "Surname," the next word is a given name even if it is also a word ("Rice, Patience"),
    // and a lone capital is an initial without its stop ("AL-QAHTANI, K", "Lopez, Ana, M").
    const afterComma = words.at(-1)?.word.text.endsWith(',') ?? false;
    const initial = rule.kind === 'name' && afterComma && /^[A-Z]$/.test(placed.word.text);
    // A card lists its dependents with their member suffixes ("JOOST 01 GABRIELA 02").
    const next = line.words[index + 1];
    const suffix =
      rule.kind === 'name' &&
      words.length > 0 &&
      /^\d{2}$/.test(placed.word.text) &&
      next !== undefined &&
      next.start < limit &&
      isAllCaps(next.word.text.replace(/,$/, ''));
    if (
      !initial &&
      !suffix &&
      !partOf(rule.kind, placed.word.text, afterComma ? new Set() : common) &&
      placed.word.confidence >= LOW_CONFIDENCE
    )
      break;
    words.push(placed);
    if (initial) break;
    // A full stop after a name ends the sentence ("released to Ramiro Pagac. Lungs clear"); an
    // initial keeps its stop ("J.").
    if (rule.kind === 'name' && /[^A-Z]\.$|^[A-Z]{2,}\.$/.test(placed.word.text)) break;
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
    // OCR split an identifier after a hyphen ("8133-314- 99"): the digits after it belong to it.
    const tail = /^ \d{1,4}(?![\w-])/.exec(line.text.slice(end));
    if (tail && line.text.charAt(end - 1) === '-') end += tail[0].length;
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

/**
 * Left edge of the first numbered box ("26.") right of `x` on the row of `line`. OCR often reads
 * a row of form captions as separate lines, so the next box's caption may be on a line of its own.
 */
function nextBoxX(lines: readonly LineText[], line: LineText, x: number): number {
  let best = Infinity;
  for (const other of lines) {
    if (!sameRow(line.box, other.box)) continue;
    for (const { word } of other.words)
      if (word.box.x > x && BOX_NUMBER.test(word.text)) best = Math.min(best, word.box.x);
  }
  return best;
}

/**
 * The x-range of a label's column: from its first word to the next label on its line, or to the
 * next numbered box on its row when that comes first.
 */
function columnOf(
  lines: readonly LineText[],
  hits: readonly LabelHit[],
  hit: LabelHit,
  pageWidth: number,
): [number, number] {
  const line = lines[hit.line];
  if (!line) return [0, pageWidth];
  const first = wordAt(line, hit.start);
  const x0 = line.words[first]?.word.box.x ?? 0;
  const next = labelAfter(hits, hit.line, hit.end);
  const x1 = next ? (line.words[wordAt(line, next.start)]?.word.box.x ?? pageWidth) : pageWidth;
  // A value with a shape to check (a date, an identifier) is typed from the box's left edge,
  // which may be well left of the label ("a. INSURED'S DATE OF BIRTH"). Free text is taken only
  // under the label: from the box's edge it would take fill-ins such as "SAME" or "SIGNATURE ON
  // FILE" as a name.
  const left = hit.rule.value ? captionLeft(line, first) : x0;
  return [left - 0.5 * line.box.h, Math.min(x1, nextBoxX(lines, line, x0))];
}

/**
 * Left edge of the box a label heads: the box number its caption starts with ("a." in "a.
 * INSURED'S DATE OF BIRTH"), or the label's own first word when no box number comes before it.
 */
function captionLeft(line: LineText, first: number): number {
  const gap = COLUMN_GAP * Math.max(1, line.box.h);
  for (let i = first; i >= 0; i--) {
    const placed = line.words[i];
    if (!placed) break;
    if (i < first && BOX_NUMBER.test(placed.word.text)) return placed.word.box.x;
    if (placed.word.text === '|' || placed.gapBefore > gap) break;
  }
  return line.words[first]?.word.box.x ?? 0;
}

/**
 * Rows of a form box or table under a label that stands alone: the line just below, and, when
 * the label heads a table (two or more such labels on its line), each following row until a gap
 * or another header.
 */
function rowsBelow(
  lines: readonly LineText[],
  hits: readonly LabelHit[],
  hit: LabelHit,
  [x0, x1]: [number, number],
): number[] {
  const headers = hits.filter((h) => h.line === hit.line && h.alone).length;
  const rows: number[] = [];
  let current = hit.line;
  for (;;) {
    const below = lineBelow(lines, current, x0, x1);
    const row = below === undefined ? undefined : lines[below];
    // Another box's caption ("24. A. DATES OF SERVICE") ends the box; it is never a value.
    if (
      below === undefined ||
      !row ||
      hits.some((h) => h.line === below && h.alone) ||
      isCaptionRow(row)
    )
      break;
    rows.push(below);
    if (headers < 2) break;
    current = below;
  }
  return rows;
}

/** A value found for a label: a character range on one line. */
interface ValueAt {
  line: number;
  range: [number, number];
}

/** The first label on line `line` that starts at or after character `from`. */
const labelAfter = (hits: readonly LabelHit[], line: number, from: number) =>
  hits.find((h) => h.line === line && h.start >= from);

/**
 * Spans for the value of every label found ({@link findLabels}): beside it, wrapped onto the
 * next line, or below it.
 */
export function labelSpans(
  lines: readonly LineText[],
  hits: readonly LabelHit[],
  pageWidth: number,
  /** Ordinary words, which end a name value ("Self", "Other" after a caption). */
  common: ReadonlySet<string> = new Set(),
): Span[] {
  return hits.flatMap((hit) =>
    valuesOf(lines, hits, hit, pageWidth, common).map(({ line, range }) => ({
      line,
      start: range[0],
      end: range[1],
      category: hit.rule.category,
      confidence: hit.rule.confidence,
      detector: 'label' as const,
    })),
  );
}

/**
 * Where one label's value is, in reading order: a label standing alone heads a box or column, so
 * its value is below it, never beside it; a cue's value is only beside it; any other label's is
 * beside it or wrapped onto the next line. The first value found may go on over more lines.
 */
function valuesOf(
  lines: readonly LineText[],
  hits: readonly LabelHit[],
  hit: LabelHit,
  pageWidth: number,
  common: ReadonlySet<string>,
): ValueAt[] {
  const line = lines[hit.line];
  if (!line) return [];
  let values: ValueAt[];
  if (hit.alone) values = hit.rule.cue ? [] : valuesBelow(lines, hits, hit, pageWidth, common);
  else {
    const value = valueBeside(lines, hits, hit, line, common);
    values = value ? [value] : [];
  }
  const first = values[0];
  return first ? [...values, ...continuationLines(lines, hits, hit.rule, first, pageWidth)] : [];
}

/**
 * The value right of a label, up to the next label on its line; or, when nothing follows the
 * label on its line, the value wrapped onto the next line of the paragraph (not for a cue).
 */
function valueBeside(
  lines: readonly LineText[],
  hits: readonly LabelHit[],
  hit: LabelHit,
  line: LineText,
  common: ReadonlySet<string>,
): ValueAt | undefined {
  const limit = labelAfter(hits, hit.line, hit.end)?.start ?? line.text.length;
  const beside = valueIn(line, hit.end, limit, hit.rule, false, common);
  if (beside) return { line: hit.line, range: beside };
  if (hit.rule.cue || line.text.slice(hit.end).trim() !== '') return undefined;
  const next = lines[hit.line + 1];
  if (!next || next.block !== line.block) return undefined;
  const nextLimit = labelAfter(hits, hit.line + 1, 0)?.start ?? next.text.length;
  const wrapped = valueIn(next, 0, nextLimit, hit.rule, true, common);
  return wrapped && { line: hit.line + 1, range: wrapped };
}

/** A form box or table column: the value in the label's column of each row below it. */
function valuesBelow(
  lines: readonly LineText[],
  hits: readonly LabelHit[],
  hit: LabelHit,
  pageWidth: number,
  common: ReadonlySet<string>,
): ValueAt[] {
  const [x0, x1] = columnOf(lines, hits, hit, pageWidth);
  return rowsBelow(lines, hits, hit, [x0, x1]).flatMap((row) => {
    const rowLine = lines[row];
    const cell = rowLine && columnRange(rowLine, x0, x1);
    const range = rowLine && cell && valueIn(rowLine, cell[0], cell[1], hit.rule, true, common);
    return range ? [{ line: row, range }] : [];
  });
}

/** Multi-line values (an address): up to `rule.lines - 1` following lines that go on with it. */
function continuationLines(
  lines: readonly LineText[],
  hits: readonly LabelHit[],
  rule: CompiledLabel,
  first: ValueAt,
  pageWidth: number,
): ValueAt[] {
  const more: ValueAt[] = [];
  let value = first;
  while (more.length + 1 < rule.lines) {
    const next = continuationOf(lines, hits, value, pageWidth);
    if (!next) break;
    more.push(next);
    value = next;
  }
  return more;
}

/**
 * The line below a value that goes on with it: it starts under the value, holds no label, and
 * the value ends in a comma or the line looks like the rest of an address (a ZIP, "City, ST").
 */
function continuationOf(
  lines: readonly LineText[],
  hits: readonly LabelHit[],
  { line: at, range }: ValueAt,
  pageWidth: number,
): ValueAt | undefined {
  const current = lines[at];
  if (!current) return undefined;
  const startX = current.words[wordAt(current, range[0])]?.word.box.x ?? 0;
  const next = lineBelow(lines, at, startX, startX + current.box.h * 2);
  const nextLine = next === undefined ? undefined : lines[next];
  if (next === undefined || !nextLine || hits.some((h) => h.line === next)) return undefined;
  const nextRange = columnRange(nextLine, startX - current.box.h, pageWidth);
  const continues =
    current.text.slice(range[0], range[1]).trimEnd().endsWith(',') ||
    ADDRESS_LINE.test(nextLine.text);
  return continues && nextRange ? { line: next, range: nextRange } : undefined;
}
