// Which capitalised words are ordinary words: an English word list from a maintained package
// (an-array-of-english-words, MIT, ~275,000 words), clinical words it lacks
// (data/clinical-words.txt) and the endings of drug names (data/drug-stems.txt). A capitalised word that is neither, in a place where a name fits, is a
// candidate name: the safe-word approach of the Philter de-identifier, turned round (a word not
// known to be safe is suspect).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseTermFile } from './lists.js';

const require = createRequire(import.meta.url);
const DRUG_STEMS_PATH = new URL('./data/drug-stems.txt', import.meta.url);
const CLINICAL_WORDS_PATH = new URL('./data/clinical-words.txt', import.meta.url);

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
    english: new Set([
      ...words.map((w) => w.toLowerCase()),
      ...parseTermFile(readFileSync(CLINICAL_WORDS_PATH, 'utf8')).map((w) => w.toLowerCase()),
    ]),
    drugStems: parseTermFile(readFileSync(DRUG_STEMS_PATH, 'utf8')).map((s) => s.toLowerCase()),
  };
  return cached;
}

/** True when a lower-case word ends in a drug stem and is longer than the stem by 3 letters. */
export function looksLikeDrug(word: string, stems: readonly string[]): boolean {
  return stems.some((s) => word.length >= s.length + 3 && word.endsWith(s));
}
