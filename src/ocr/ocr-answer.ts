// The `ocr` operation's answer: a document's text and its words with boxes, unmasked (PHI).
import type { PageEngine, PageFlag } from '../workflows/contract.js';
import type { OcrLine, OcrPage } from './types.js';

/** One page of `words.json`. */
export interface WordsPage extends Omit<OcrPage, 'lines'> {
  index: number;
  engine: PageEngine;
  flags: PageFlag[];
  lines: OcrLine[];
}

/** `words.json`: every page's lines and words, in page order. */
export interface WordsDocument {
  jobId: string;
  pages: WordsPage[];
}

/** Between two pages of a job's text, as in the redacted text: a form feed on its own line. */
export const PAGE_SEPARATOR = '\n\n\f\n\n';

/** What a page nobody could read contributes to the text. */
export const UNREADABLE_PAGE_TEXT = '[UNREADABLE PAGE]';

/** A page's text: its lines in reading order, one per line, a blank line between blocks. */
export function pageText(page: Pick<OcrPage, 'lines'>): string {
  const out: string[] = [];
  let block: number | undefined;
  for (const line of page.lines) {
    if (block !== undefined && line.block !== block) out.push('');
    out.push(line.words.map((w) => w.text).join(' '));
    block = line.block;
  }
  return out.join('\n');
}

/** The document's text from its pages (an unreadable page, `undefined`, is said to be so). */
export function documentText(pages: readonly (Pick<OcrPage, 'lines'> | undefined)[]): string {
  return pages.map((p) => (p ? pageText(p) : UNREADABLE_PAGE_TEXT)).join(PAGE_SEPARATOR);
}
