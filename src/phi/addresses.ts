// Postal addresses written the way the rest of the world writes them. The pack's ADDRESS rules
// know the US shape (house number, street suffix, city, state, ZIP). International mail puts the
// house number after the street ("Skolegyden 33, 1010 København K"), the postcode before the
// city, and ends the block with the country ("37 Birkevej / Suite 606 / Samsø / Denmark 8305").
// Safe Harbor removes every geographic unit below the state, so the street, unit, city and
// postcode are ADDRESS; a country name alone stays.
import type { LineText } from './line-text.js';
import { isUnknownWord, type NameLexicon } from './names.js';
import type { Span } from './span.js';
import { readWordList } from './vocabulary.js';

type Match = Omit<Span, 'line'>;

const address = (start: number, end: number, confidence: number): Match => ({
  start,
  end,
  category: 'ADDRESS',
  confidence,
  detector: 'pattern',
});

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

const COUNTRIES = countryNames();
/** Longest first, so "South Africa" wins over "Africa" were both present. */
const COUNTRY = [...COUNTRIES]
  .sort((a, b) => b.length - a.length)
  .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');

/** Postcode shapes: 4–6 digits, "312 18", "6100-679", "04721-050", Canadian "S4P 3Y2", UK "SW1A 1AA". */
const POSTCODE = String.raw`(?:\d{3,6}(?:[ -]\d{2,4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})`;

/** A postcode written after a country name ("Finland 41900", "Canada S4P 3Y2"): the postcode. */
const COUNTRY_POSTCODE = new RegExp(
  String.raw`(?<![\p{L}])(?:${COUNTRY}),?\s+(?<value>${POSTCODE})(?![\p{L}\p{N}])`,
  'gud',
);

/** A unit of a building: "Suite 606", "Apt. 317", "Apartment 4B". */
const UNIT = /\b(?:Suite|Ste\.|Apt\.?|Apartment)\s*#?\s?\d{1,5}[A-Z]?\b/g;

/** A capitalised place word, in any script's capitals, or a lower-case particle between them. */
const PLACE_WORD = String.raw`[\p{Lu}][\p{L}'’.-]*`;
const PARTICLE = String.raw`(?:de|da|do|dos|das|del|la|le|van|von|der|den|di|du)`;

/**
 * A street line in the continental order: street words, a house number, a comma, a postcode and
 * a place ("Östbygatan 25, 312 18 LAHOLM", "Rua Madre Rita Amada de Jesus 906, 04721-050 São
 * Paulo").
 */
const STREET_NUMBER_POSTCODE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])${PLACE_WORD}(?:\s+(?:${PLACE_WORD}|${PARTICLE})){0,5}\s+\d{1,5}[a-zA-Z]?,\s*(?:[A-Z]{1,2}-)?${POSTCODE}\s+${PLACE_WORD}(?:\s+${PLACE_WORD}){0,2}`,
  'gu',
);

/** Names Safe Harbor keeps: the states and the countries (lower case). */
const KEPT_PLACES = new Set([
  ...readWordList('us-states.txt'),
  ...[...COUNTRIES].map((n) => n.toLowerCase()),
]);

/**
 * A place after a locative word ("moved here from Tarnowskie", "I am in Maarssen for a
 * conference", "returned to Preserje"): one or two capitalised words that are no known word, the
 * safe-word test names use. Cities, towns and villages are ADDRESS; a state or a country stays.
 */
const AFTER_LOCATIVE =
  /(?<![\p{L}])(?:in|from|to|at|near|outside|visiting)\s+(?<value>\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?)/dgu;

function placesAfterLocatives(text: string, lexicon: NameLexicon): Match[] {
  return [...text.matchAll(AFTER_LOCATIVE)].flatMap((m) => {
    const [start, end] = m.indices?.groups?.value ?? [0, 0];
    const value = text.slice(start, end).replace(/[.,;:!?]+$/, '');
    const words = value.split(/\s+/);
    if (KEPT_PLACES.has(value.toLowerCase()) || !words.every((w) => isUnknownWord(w, lexicon)))
      return [];
    return [address(start, start + value.length, 0.6)];
  });
}

/**
 * Address matches in one line's text: units, postcodes, continental street lines, places after a
 * locative. Run per line, not per block: a block joins its lines with spaces, so a place word
 * would run on into the first word of the next line.
 */
export function addressMatches(text: string, lexicon: NameLexicon): Match[] {
  const found: Match[] = placesAfterLocatives(text, lexicon);
  for (const m of text.matchAll(UNIT)) found.push(address(m.index, m.index + m[0].length, 0.85));
  for (const m of text.matchAll(STREET_NUMBER_POSTCODE))
    found.push(address(m.index, m.index + m[0].length, 0.85));
  for (const m of text.matchAll(COUNTRY_POSTCODE)) {
    const [start, end] = m.indices?.groups?.value ?? [0, 0];
    if (end > start) found.push(address(start, end, 0.85));
  }
  return found;
}

/** A line that holds a country name alone, or a country and a postcode ("Denmark 8305"). */
const COUNTRY_LINE = new RegExp(String.raw`^(?:${COUNTRY})(?:,?\s+${POSTCODE})?\.?$`, 'u');

/** Lines above the country line that can still belong to its address. */
const ADDRESS_LINES_ABOVE = 4;

/** A line short enough to be an address line, and not a sentence. */
function addressShaped(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return words.length <= 6 && !/[.?!:]$/.test(text.trim()) && /[\p{Lu}\p{N}]/u.test(text);
}

/**
 * Mailing address blocks that end with a country line: the short lines above it in the same
 * block (street, unit, city, region; up to four) are ADDRESS. The country stays.
 */
export function addressBlocks(lines: readonly LineText[]): Span[] {
  const spans: Span[] = [];
  lines.forEach((line, index) => {
    if (!COUNTRY_LINE.test(line.text.trim())) return;
    for (let above = index - 1; above >= Math.max(0, index - ADDRESS_LINES_ABOVE); above--) {
      const candidate = lines[above];
      if (!candidate || candidate.block !== line.block || !addressShaped(candidate.text)) break;
      spans.push({ line: above, ...address(0, candidate.text.length, 0.7) });
    }
  });
  return spans;
}

/** Words beside a street's name ("St.", "Str.", "Rue", "Via", "Largo", "P.O. Box"). */
const STREET_WORDS = new Set(readWordList('street-words.txt'));

/** A house number ("59", "12B", "170,") or a postcode of digits ("4010", "3607"). */
const ADDRESS_NUMBER = /^\d{1,6}[A-Za-z]?,?$/;

/**
 * A place of one or two capitalised words and a postcode of digits, after a street's comma; three
 * letters at least, so a state's code ("PA 17089") is not taken for a place.
 */
const PLACE_POSTCODE_TAIL =
  /^(,?)\s*(?<place>\p{Lu}[\p{L}'’-]{2,}(?:\s+\p{Lu}[\p{L}'’-]{2,})?)\s+\d{4,6}(?![\p{L}\p{N}])/u;

/** A street's name after its house number: a capitalised word that is no known word. */
const isStreetName = (word: string, lexicon: NameLexicon) =>
  /^\p{Lu}/u.test(word) && isUnknownWord(word.replace(/[,.]$/, ''), lexicon);

/** How far an address grows over its neighbours on each side. */
const NEIGHBOURS = 3;

/**
 * Grows addresses over the words beside them on the same line: a street word, a house number
 * or a postcode ("[Colombes] St.", "59 [Ööbiku]"), and a place with its postcode after a
 * street's comma ("[96 Belfast Crescent], Tamarau 4010"). Returns the grown addresses.
 */
export function addressNeighbours(
  lines: readonly LineText[],
  spans: readonly Span[],
  lexicon: NameLexicon,
): Span[] {
  const grown: Span[] = [];
  for (const span of spans) {
    const line = lines[span.line];
    if (!line || span.category !== 'ADDRESS') continue;
    const words = [...line.text.matchAll(/\S+/g)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      word: m[0].toLowerCase().replace(/[,;:]$/, ''),
    }));
    const first = words.findIndex((w) => w.end > span.start);
    const last = words.findLastIndex((w) => w.start < span.end);
    if (first < 0 || last < first) continue;
    // Left: street words, and a house number before a street's name ("59 [Ööbiku]"). Right:
    // street words, and a postcode that ends the line ("[Tamarau] 4010").
    const startsWithName = /^\p{Lu}/u.test(line.text.slice(span.start, span.end));
    const takesLeft = (i: number) => {
      const word = words[i]?.word ?? '';
      return STREET_WORDS.has(word) || (startsWithName && ADDRESS_NUMBER.test(word));
    };
    const takesRight = (i: number) => {
      const word = words[i]?.word ?? '';
      const postcode = i === words.length - 1 && /^\d{4,6}$/.test(word);
      return STREET_WORDS.has(word) || postcode;
    };
    let from = first;
    let to = last;
    while (from > 0 && first - from < NEIGHBOURS && takesLeft(from - 1)) from--;
    while (to + 1 < words.length && to - last < NEIGHBOURS && takesRight(to + 1)) to++;
    // A house number after a unit is followed by its street's name ("[Suite 998] 30 Dobrovského").
    if (
      to === last &&
      ADDRESS_NUMBER.test(words[to + 1]?.word ?? '') &&
      /\d$/.test(line.text.slice(span.start, span.end))
    )
      to++;
    while (
      to > last &&
      ADDRESS_NUMBER.test(words[to]?.word ?? '') &&
      isStreetName(line.text.slice(words[to + 1]?.start ?? 0, words[to + 1]?.end ?? 0), lexicon)
    )
      to++;
    const start = words[from]?.start ?? span.start;
    let end = words[to]?.end ?? span.end;
    // A place and a postcode after a street, in the English order ("…, Tamarau 4010").
    const tail = PLACE_POSTCODE_TAIL.exec(line.text.slice(end));
    const afterComma =
      tail !== null &&
      (tail[1] === ',' || line.text.charAt(end - 1) === ',') &&
      !KEPT_PLACES.has(tail.groups?.place?.toLowerCase() ?? '');
    if (tail && afterComma) end += tail[0].length;
    if (from < first || to > last || afterComma)
      grown.push({ line: span.line, ...address(start, end, 0.7) });
  }
  return grown;
}
