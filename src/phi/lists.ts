// Allow and deny lists: terms never masked, and terms always masked (from config or per request).
import type { LineText } from './line-text.js';
import type { Span } from './span.js';
import { PHI_CATEGORIES, type PhiCategory } from './types.js';

export interface DenyTerm {
  text: string;
  category: PhiCategory;
}

export interface TermLists {
  allow: readonly string[];
  deny: readonly DenyTerm[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word, case-insensitive occurrences of `term` in `text`, tolerant of spacing. */
function occurrences(text: string, term: string): Array<[number, number]> {
  const words = term.trim().split(/\s+/).filter(Boolean).map(escape);
  if (words.length === 0) return [];
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('\\s*')}(?![\\p{L}\\p{N}])`, 'giu');
  return [...text.matchAll(re)].map((m) => [m.index, m.index + m[0].length]);
}

/** Deny-listed terms in a text (a line or a block). */
export function denyMatches(text: string, deny: readonly DenyTerm[]): Array<Omit<Span, 'line'>> {
  return deny.flatMap((term) =>
    occurrences(text, term.text).map(([start, end]) => ({
      start,
      end,
      category: term.category,
      confidence: 1,
      detector: 'deny-list' as const,
    })),
  );
}

/** Drops spans that lie wholly inside an allow-listed term. */
export function removeAllowed(
  lines: readonly LineText[],
  spans: readonly Span[],
  allow: readonly string[],
): Span[] {
  if (allow.length === 0) return [...spans];
  return spans.filter((span) => {
    if (span.detector === 'deny-list') return true;
    const text = lines[span.line]?.text ?? '';
    return !allow.some((term) =>
      occurrences(text, term).some(([a, b]) => a <= span.start && span.end <= b),
    );
  });
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
