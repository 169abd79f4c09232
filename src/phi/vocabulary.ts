// Which capitalised words are ordinary words: an English word list from a maintained package
// (an-array-of-english-words, MIT, ~275,000 words), clinical words it lacks
// (data/clinical-words.txt) and the endings of drug names (data/drug-stems.txt). A capitalised
// word that is neither, in a place where a name fits, is a candidate name: the safe-word approach
// of the Philter de-identifier, turned round (a word not known to be safe is suspect). Also reads
// the other word lists kept beside the rules (readWordList).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseTermFile } from './lists.js';

const require = createRequire(import.meta.url);

/**
 * A word list kept beside the rules (`data/<file>`, one term a line, `#` comments, each file
 * naming its source in its header), lower case. Modules call it once, at load.
 */
export function readWordList(file: string): string[] {
  const content = readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8');
  return parseTermFile(content).map((w) => w.toLowerCase());
}

/** Ordinary vocabulary, lower case. */
export interface Vocabulary {
  /** English words and the clinical words the English list lacks. */
  english: ReadonlySet<string>;
  /** Endings of drug names ("statin", "xaban"). */
  drugStems: readonly string[];
}

let cached: Vocabulary | undefined;

/** The built-in vocabulary, loaded once. */
export function loadVocabulary(): Vocabulary {
  if (cached) return cached;
  const words = require('an-array-of-english-words') as string[];
  cached = {
    english: new Set([...words.map((w) => w.toLowerCase()), ...readWordList('clinical-words.txt')]),
    drugStems: readWordList('drug-stems.txt'),
  };
  return cached;
}

/** True when a lower-case word ends in a drug stem and is longer than the stem by 3 letters. */
export function looksLikeDrug(word: string, stems: readonly string[]): boolean {
  return stems.some((s) => word.length >= s.length + 3 && word.endsWith(s));
}
