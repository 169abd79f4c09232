// Which capitalised words are ordinary words: an English word list from a maintained package
// (an-array-of-english-words, MIT, ~275,000 words), clinical words it lacks
// (data/clinical-words.txt) and the endings of drug names (data/drug-stems.txt). A capitalised
// word that is neither, in a place where a name fits, is a candidate name: the safe-word approach
// of the Philter de-identifier, turned round (a word not known to be safe is suspect). Also reads
// the other word lists kept beside the rules (readWordList). Country names (ICU's, through
// `Intl.DisplayNames`) and nationalities (world-countries, ODbL) are vocabulary too: "Sweden" and
// "Chilean" are not names. So are the months and weekdays (ICU's), which the English list lacks.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseTermFile } from './lists.js';

const require = createRequire(import.meta.url);

/**
 * Country names in English, from the ICU data Node ships (`Intl.DisplayNames` over every
 * two-letter region code), plus the common forms ICU does not give.
 */
function countryNames(): Set<string> {
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const found = new Set(['USA', 'U.S.A.', 'UK', 'Czech Republic', 'Turkey', 'Hong Kong']);
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (name && name !== code && !/^Unknown/.test(name)) found.add(name.replace(/&/g, 'and'));
    }
  return found;
}

export const COUNTRIES: ReadonlySet<string> = countryNames();

/** The months' and weekdays' names in English, from ICU ("January", "Monday"). */
function calendarWords(): string[] {
  const month = new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' });
  const weekday = new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' });
  const days = (n: number) =>
    Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)));
  return [
    ...Array.from({ length: 12 }, (_, m) => month.format(new Date(Date.UTC(2024, m, 1)))),
    ...days(7).map((d) => weekday.format(d)),
  ];
}

/** Nationalities in English ("Chilean", "Swedish"), from world-countries' demonyms. */
function nationalities(): string[] {
  const countries = require('world-countries') as Array<{
    demonyms?: { eng?: { f: string; m: string } };
  }>;
  return countries.flatMap((c) => (c.demonyms?.eng ? [c.demonyms.eng.m, c.demonyms.eng.f] : []));
}

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
    english: new Set(
      [
        ...words,
        ...readWordList('clinical-words.txt'),
        ...[...COUNTRIES].filter((c) => !/\s/.test(c)),
        ...nationalities(),
        ...calendarWords(),
      ].map((w) => w.toLowerCase()),
    ),
    drugStems: readWordList('drug-stems.txt'),
  };
  return cached;
}

/** True when a lower-case word ends in a drug stem and is longer than the stem by 3 letters. */
export function looksLikeDrug(word: string, stems: readonly string[]): boolean {
  return stems.some((s) => word.length >= s.length + 3 && word.endsWith(s));
}
