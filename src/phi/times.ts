// Times of day that belong to a patient's date. Safe Harbor removes every element of a date but
// the year, so a time printed with a date is part of it: a time on a line that holds a DATE
// ("Collected: 05/12/2024 07:42", "a schedule row: 08:20 Lopez, Ana 07/19/1973 …"), or right after
// a date that ends the line before it in the same paragraph ("on March 3, 2024 at" / "10:30 AM").
// A time on a line of its own stays ("q8h", "Hours 8:00–17:00", a nursing note's "09:42").
// The weekday written before a date ("Sunday, October 19, 2025") is an element of it too.
import { sameRow } from '../imaging/geometry.js';
import type { LineText } from './line-text.js';
import type { Span } from './span.js';

/**
 * "07:42", "7:42:10", "8:45 AM", "3:00 p.m.", "0742 hrs", and "07: 42" as OCR spaces a two-digit
 * hour (not "1: 23", a numbered item).
 */
const TIME =
  /(?<![\w:.])(?:(?:(?:[01]?\d|2[0-3]):|(?:[01]\d|2[0-3]): )[0-5]\d(?::[0-5]\d)?(?:\s?[AaPp]\.?\s?[Mm]\b\.?)?|(?:[01]\d|2[0-3])[0-5]\d\s?(?:hrs?|h)\b)(?![\d:])/g;
/** A time that ends its line without its last digit or two, with a two-digit hour ("14:1"). */
const CLIPPED_TIME = /(?<![\w:.])(?:[01]\d|2[0-3]):[0-5]?$/;
/** A meridiem written on the next line after a time that ends its line. */
const MERIDIEM = /^[AaPp]\.?\s?[Mm]\b\.?/;

function dateSpan(line: number, start: number, end: number, confidence: number): Span {
  return { line, start, end, category: 'DATE', confidence, detector: 'pattern' };
}

/** DATE spans for the times attached to the page's DATE spans. */
export function attachedTimes(lines: readonly LineText[], spans: readonly Span[]): Span[] {
  const dated = new Set(spans.filter((s) => s.category === 'DATE').map((s) => s.line));
  // OCR reads a table's or a form's row as several lines: a time cell is on the date's row.
  const rows = new Set(dated);
  lines.forEach((line, index) => {
    for (const d of dated) {
      const other = lines[d];
      if (other && index !== d && sameRow(line.box, other.box)) rows.add(index);
    }
  });
  const named = new Set(spans.filter((s) => s.category === 'NAME').map((s) => s.line));
  const found: Span[] = [];
  // "at 3:00" / "PM in clinic": the meridiem opens the next line of the paragraph.
  const meridiemAfter = (index: number, end: number) => {
    const line = lines[index];
    const next = lines[index + 1];
    if (!line || !next || next.block !== line.block || line.text.slice(end).trim() !== '') return;
    const meridiem = MERIDIEM.exec(next.text);
    if (meridiem) found.push(dateSpan(index + 1, 0, meridiem[0].length, 0.8));
  };
  const timesOn = (index: number) => {
    const line = lines[index];
    if (!line) return;
    // A schedule row's first cell, its colon lost by OCR ("0820 Bauch, Jermey 08/31/1953 …")
    // (only on a row that names a person: a claim's service line starts with a revenue code)
    const compact = /^(?:[01]\d|2[0-3])[0-5]\d(?=\s)/.exec(line.text);
    if (compact && named.has(index)) found.push(dateSpan(index, 0, compact[0].length, 0.7));
    // A time at the row's end that OCR clipped at the page's edge ("Post-op 15:1")
    const clipped = CLIPPED_TIME.exec(line.text.trimEnd());
    if (clipped) found.push(dateSpan(index, clipped.index, clipped.index + clipped[0].length, 0.7));
    for (const m of line.text.matchAll(TIME)) {
      const end = m.index + m[0].length;
      found.push(dateSpan(index, m.index, end, 0.8));
      meridiemAfter(index, end);
    }
  };
  for (const index of rows) timesOn(index);
  for (const index of dated) {
    // A date that ends its line, then the time at the start of the next line of the paragraph.
    const line = lines[index];
    const next = lines[index + 1];
    // "on 03/07/2024 at" / "10:30 AM"
    const last = spans.some(
      (s) =>
        s.line === index &&
        s.category === 'DATE' &&
        /^\s*(?:at|@)?\s*$/i.test(line?.text.slice(s.end) ?? ''),
    );
    if (line && next && next.block === line.block && last && !rows.has(index + 1)) {
      const lead = /^(?:at|@|approx\.?|,|\s)*/i.exec(next.text)?.[0].length ?? 0;
      const m = new RegExp(TIME.source).exec(next.text.slice(lead));
      if (m && m.index === 0) {
        const end = lead + m[0].length;
        found.push(dateSpan(index + 1, lead, end, 0.8));
        meridiemAfter(index + 1, end);
      }
    }
  }
  return found;
}

/** A weekday's name, whole or short, and the comma or space before the date it opens. */
const WEEKDAY_BEFORE =
  /(?<![\p{L}])(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s*$/iu;

/** The page's DATE spans grown over a weekday written right before them on the same line. */
export function attachedWeekdays(lines: readonly LineText[], spans: readonly Span[]): Span[] {
  return spans.flatMap((span) => {
    const before = lines[span.line]?.text.slice(0, span.start) ?? '';
    const m = span.category === 'DATE' ? WEEKDAY_BEFORE.exec(before) : null;
    return m ? [dateSpan(span.line, m.index, span.end, span.confidence)] : [];
  });
}
