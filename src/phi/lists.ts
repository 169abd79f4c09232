// Allow and deny lists: terms never masked, and terms always masked (from config or per request).
import type { LineText } from './line-text.js';
import type { Span } from './span.js';
import { PHI_CATEGORIES, type PhiCategory } from './types.js';

export interface DenyTerm {
  text: string;
  category: PhiCategory;
}

/** Allow and deny lists compiled for matching (once per detector). */
export interface TermLists {
  /** Every allow-listed term in one pattern; undefined when there are none. */
  allow: RegExp | undefined;
  deny: ReadonlyArray<{ pattern: RegExp; category: PhiCategory }>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whole-word, case-insensitive, spacing-tolerant occurrences of any of `terms`; longer terms are
 * tried first. Undefined when no term has a word.
 */
function termsPattern(terms: readonly string[]): RegExp | undefined {
  const alternatives = terms
    .map((term) => term.trim().split(/\s+/).filter(Boolean).map(escape).join('\\s*'))
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  if (alternatives.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

const occurrences = (text: string, pattern: RegExp): Array<[number, number]> =>
  [...text.matchAll(pattern)].map((m) => [m.index, m.index + m[0].length]);

export function compileTermLists(allow: readonly string[], deny: readonly DenyTerm[]): TermLists {
  return {
    allow: termsPattern(allow),
    deny: deny.flatMap(({ text, category }) => {
      const pattern = termsPattern([text]);
      return pattern ? [{ pattern, category }] : [];
    }),
  };
}

/** Deny-listed terms in a text (a line or a block). */
export function denyMatches(text: string, deny: TermLists['deny']): Array<Omit<Span, 'line'>> {
  return deny.flatMap(({ pattern, category }) =>
    occurrences(text, pattern).map(([start, end]) => ({
      start,
      end,
      category,
      confidence: 1,
      detector: 'deny-list' as const,
    })),
  );
}

/**
 * Drops spans that lie wholly inside an allow-listed term. Where terms overlap, a span only the
 * shorter one would cover stays masked (the safe side).
 */
export function removeAllowed(
  lines: readonly LineText[],
  spans: readonly Span[],
  allow: RegExp | undefined,
): Span[] {
  if (!allow) return [...spans];
  const allowed = new Map<number, Array<[number, number]>>();
  const allowedOn = (line: number) => {
    let ranges = allowed.get(line);
    if (!ranges) {
      ranges = occurrences(lines[line]?.text ?? '', allow);
      allowed.set(line, ranges);
    }
    return ranges;
  };
  return spans.filter(
    (span) =>
      span.detector === 'deny-list' ||
      !allowedOn(span.line).some(([a, b]) => a <= span.start && span.end <= b),
  );
}

/** Parses a list file: one term per line; `#` starts a comment. */
export function parseTermFile(content: string): string[] {
  return content
    .split('\n')
    .map((l) => l.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean);
}

/** A deny term, written `CATEGORY: text` or just `text` (then `OTHER_ID`). */
export function parseDenyTerm(entry: string): DenyTerm {
  const m = /^([A-Z_]+):\s*(.+)$/.exec(entry.trim());
  const category = m?.[1] as PhiCategory | undefined;
  if (m?.[2] && category && (PHI_CATEGORIES as readonly string[]).includes(category)) {
    return { text: m[2], category };
  }
  return { text: entry.trim(), category: 'OTHER_ID' };
}
