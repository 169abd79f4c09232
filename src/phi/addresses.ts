// Postal addresses written the way the rest of the world writes them. The pack's ADDRESS rules
// know the US shape (house number, street suffix, city, state, ZIP). International mail puts the
// house number after the street ("Skolegyden 33, 1010 København K"), the postcode before the
// city, and ends the block with the country ("37 Birkevej / Suite 606 / Samsø / Denmark 8305").
// Safe Harbor removes every geographic unit below the state, so the street, unit, city and
// postcode are ADDRESS; a country name alone stays.
import type { LineText } from './line-text.js';
import { isUnknownWord, LOCATIVES, ORGANISATION_WORDS, type NameLexicon } from './names.js';
import type { Span } from './span.js';
import { COUNTRIES, readWordList } from './vocabulary.js';

type Match = Omit<Span, 'line'>;

const address = (start: number, end: number, confidence: number): Match => ({
  start,
  end,
  category: 'ADDRESS',
  confidence,
  detector: 'pattern',
});

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
const AFTER_LOCATIVE = new RegExp(
  String.raw`(?<![\p{L}])(?:${[...LOCATIVES].join('|')})\s+(?<value>\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?)`,
  'dgu',
);

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

/** Endings of one-word street names ("Mattenstrasse", "Koskikatu"). */
const STREET_SUFFIXES = readWordList('street-suffixes.txt');

/** Street words written before the street's name ("Rue", "Via", "Largo"), not after it. */
const STREET_PREFIXES = new Set([
  'rue',
  'via',
  'viale',
  'calle',
  'avenida',
  'rua',
  'largo',
  'praça',
  'piazza',
  'strada',
  'camino',
  'carrer',
  'ulica',
  'chemin',
  'allée',
  'quai',
  'na',
]);

/** Street words written after the street's name ("Kovářská Street", "Colombes St."). */
const STREET_TYPES =
  /^(?:street|st\.?|road|rd\.?|avenue|ave\.?|lane|ln\.?|boulevard|blvd\.?|way|crescent|court|ct\.?|place|pl\.?|square|sq\.?|terrace|close|row|str\.?)$/;

const PARTICLE_WORD = new RegExp(`^${PARTICLE}$`);
const CAPITALISED = /^\p{Lu}[\p{L}'’-]*$/u;

/**
 * Street names without a house number, in any language of Latin script: a one-word street
 * ("Mattenstrasse"), a name before its street type ("Kovářská Street", "Colombes St."), and a
 * street word before its name ("Rue de l'Etoile Polaire", "Via Belviglieri", "Strada Provinciale
 * 65"). Each name word is a capitalised word that is no known word, the safe-word test names use,
 * so "Main Street" and "the Via Appia" of a tour stay to the pack's US rules and to context.
 */
function streetNames(text: string, lexicon: NameLexicon): Match[] {
  const words = [...text.matchAll(/\S+/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].replace(/[,;:!?]+$/, '').length,
    core: m[0].replace(/[,;:!?]+$/, ''),
  }));
  const unknown = (i: number) => {
    const core = words[i]?.core.replace(/\.$/, '') ?? '';
    return CAPITALISED.test(core) && isUnknownWord(core, lexicon);
  };
  const found: Match[] = [];
  words.forEach((word, i) => {
    const lower = word.core.toLowerCase();
    if (unknown(i) && STREET_SUFFIXES.some((s) => lower.endsWith(s) && lower.length > s.length + 2))
      found.push(address(word.start, word.end, 0.7));
    const organisation = ORGANISATION_WORDS.has(
      words[i + 1]?.core.toLowerCase().replace(/\.$/, '') ?? '',
    );
    if (STREET_TYPES.test(lower) && i > 0 && unknown(i - 1) && !organisation) {
      const from = i > 1 && unknown(i - 2) ? i - 2 : i - 1;
      found.push(address(words[from]?.start ?? word.start, word.end, 0.75));
    }
    if (STREET_PREFIXES.has(lower) && /^\p{Lu}/u.test(word.core)) {
      let j = i;
      while (
        j + 1 < words.length &&
        j - i < 4 &&
        (unknown(j + 1) ||
          PARTICLE_WORD.test(words[j + 1]?.core ?? '') ||
          /^[dl]['’]\p{Lu}/u.test(words[j + 1]?.core ?? ''))
      )
        j++;
      while (j > i && PARTICLE_WORD.test(words[j]?.core ?? '')) j--;
      if (j === i) return;
      if (/^\d{1,4}$/.test(words[j + 1]?.core ?? '')) j++;
      found.push(address(word.start, words[j]?.end ?? word.end, 0.85));
    }
  });
  return found;
}

/**
 * Address matches in one line's text: units, postcodes, continental street lines, places after a
 * locative. Run per line, not per block: a block joins its lines with spaces, so a place word
 * would run on into the first word of the next line.
 */
export function addressMatches(text: string, lexicon: NameLexicon): Match[] {
  const found: Match[] = [...placesAfterLocatives(text, lexicon), ...streetNames(text, lexicon)];
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

/**
 * "27 Müürivahe, Katowice", "52 Essex": a word a name rule took, not in capitals, after a house
 * number and before a comma or the line's end, is a street's name. Undefined for any other name.
 */
function numberedStreet(text: string, span: Span): Match | undefined {
  const number = /(?<![\p{L}\p{N}.,/-])\d{1,5}[A-Za-z]?\s+$/u.exec(text.slice(0, span.start));
  const name = text.slice(span.start, span.end).trim();
  // In capitals after a number it is a card's numbered field ("1 DIACK"), not a street.
  const single = !/\s/.test(name) && /\p{Ll}/u.test(name);
  const after = text.slice(span.end);
  if (!number || !single || !/^(?:,|\s*$)/.test(after)) return undefined;
  return address(number.index, span.end, 0.7);
}

/** How far an address grows over its neighbours on each side. */
const NEIGHBOURS = 3;

/**
 * Grows addresses over the words beside them on the same line: a street word, a house number
 * or a postcode ("[Colombes] St.", "59 [Ööbiku]"), and a place with its postcode after a
 * street's comma ("[96 Belfast Crescent], Tamarau 4010"); and a name after a house number
 * (`numberedStreet`). Returns the grown addresses.
 */
export function addressNeighbours(
  lines: readonly LineText[],
  spans: readonly Span[],
  lexicon: NameLexicon,
): Span[] {
  const grown: Span[] = [];
  for (const span of spans) {
    const line = lines[span.line];
    if (line && span.category === 'NAME') {
      const street = numberedStreet(line.text, span);
      if (street) grown.push({ line: span.line, ...street });
    }
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
