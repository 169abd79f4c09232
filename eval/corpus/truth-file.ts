// The `<id>.truth.json` beside a written corpus document, shared by every corpus writer and freeze.
import type { CorpusDocument } from './types.js';

/** The truth file of a document: everything but its bytes, one JSON line. */
export function truthJson(doc: CorpusDocument): string {
  const { bytes: _bytes, ...truth } = doc;
  return `${JSON.stringify(truth)}\n`;
}
