// Allow and deny lists, matched on tokens with a small trie of our own: tokens here are letter/digit runs and single marks, case-folded, spacing ignored, which no string-matching package does without re-encoding the text and mapping offsets back.
import type { LineText } from './line-text.js';
import type { Span } from './span.js';
import { PHI_CATEGORIES, type PhiCategory } from './types.js';

export interface DenyTerm {
  text: string;
  category: PhiCategory;
}

interface Token {
  /** Lower-cased text of the token. */
  text: string;
  start: number;
  end: number;
}

/** A word (letters, digits and their combining marks) or any one other visible character. */
const TOKEN = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;

/** The tokens of a text with their offsets. Spacing separates tokens and is otherwise ignored. */
export function tokenize(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => ({
    text: m[0].toLowerCase(),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

interface TrieNode<V> {
  next: Map<string, TrieNode<V>>;
  values: V[];
}

/**
 * Terms as token sequences in a trie. Finding every occurrence costs, at each token of the text,
 * one walk as deep as the longest term that still matches, whatever the number of terms, where a
 * regex alternation of the terms tried every term at every position.
 */
export class TermTrie<V> {
  private readonly root: TrieNode<V> = { next: new Map(), values: [] };
  /** Terms added with at least one token. */
  size = 0;

  add(term: string, value: V): void {
    const parts = tokenize(term);
    if (parts.length === 0) return;
    let node = this.root;
    for (const { text } of parts) {
      let child = node.next.get(text);
      if (!child) {
        child = { next: new Map(), values: [] };
        node.next.set(text, child);
      }
      node = child;
    }
    node.values.push(value);
    this.size++;
  }

  /** Every occurrence of every term, overlapping ones included, as offsets into `text`. */
  matches(text: string): Array<{ start: number; end: number; value: V }> {
    const found: Array<{ start: number; end: number; value: V }> = [];
    if (this.size === 0) return found;
    const tokens = tokenize(text);
    for (let i = 0; i < tokens.length; i++) {
      let node: TrieNode<V> | undefined = this.root;
      for (let j = i; j < tokens.length && node; j++) {
        node = node.next.get(tokens[j]?.text ?? '');
        if (!node) break;
        for (const value of node.values) {
          found.push({ start: tokens[i]?.start ?? 0, end: tokens[j]?.end ?? 0, value });
        }
      }
    }
    return found;
  }
}

/** Allow and deny lists compiled for matching (once per job). */
export interface TermLists {
  allow: TermTrie<true>;
  deny: TermTrie<PhiCategory>;
}

/** Compiles the lists. Terms match whole tokens, case-insensitively, whatever the spacing. */
export function compileTermLists(allow: readonly string[], deny: readonly DenyTerm[]): TermLists {
  const lists: TermLists = { allow: new TermTrie(), deny: new TermTrie() };
  for (const term of allow) lists.allow.add(term, true);
  for (const { text, category } of deny) lists.deny.add(text, category);
  return lists;
}

/** Deny-listed terms in a text (a line or a block). */
export function denyMatches(text: string, deny: TermLists['deny']): Array<Omit<Span, 'line'>> {
  return deny.matches(text).map(({ start, end, value }) => ({
    start,
    end,
    category: value,
    confidence: 1,
    detector: 'deny-list' as const,
  }));
}

/**
 * Drops spans that lie wholly inside an allow-listed term. Where terms overlap, a span only the
 * shorter one would cover stays masked (the safe side).
 */
export function removeAllowed(
  lines: readonly LineText[],
  spans: readonly Span[],
  allow: TermLists['allow'],
): Span[] {
  if (allow.size === 0) return [...spans];
  const allowed = new Map<number, Array<{ start: number; end: number }>>();
  const allowedOn = (line: number) => {
    let ranges = allowed.get(line);
    if (!ranges) {
      ranges = allow.matches(lines[line]?.text ?? '');
      allowed.set(line, ranges);
    }
    return ranges;
  };
  return spans.filter(
    (span) =>
      span.detector === 'deny-list' ||
      !allowedOn(span.line).some(({ start, end }) => start <= span.start && span.end <= end),
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
