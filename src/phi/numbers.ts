// Numbers that identify by their own structure, wherever they stand in running text: payment
// card numbers (Luhn), IBANs (ISO 13616 mod-97, checked by ibantools), international phone
// numbers (a leading + and a country calling code, judged by libphonenumber-js), national ones
// in spaced groups, and long identifier runs (Philter's rule that a long digit run is an
// identifier unless it has a known safe shape).
import { electronicFormatIBAN, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { findNumbers } from 'libphonenumber-js';
import type { Span } from './span.js';
import { isValidDate, passesLuhn } from './validators.js';

type Match = Omit<Span, 'line'>;

const numberMatch = (
  start: number,
  end: number,
  category: Match['category'],
  confidence: number,
): Match => ({ start, end, category, confidence, detector: 'pattern' });

/**
 * Card number shapes: 4-4-4-4 (up to 19 digits in the last group), Amex 4-6-5, Diners 4-6-4,
 * or 13–19 digits unbroken. The separator is one space or hyphen, the same throughout.
 */
const CARD =
  /(?<![\w.,/-])(?:\d{4}(?<s1>[ -])\d{4}\k<s1>\d{4}\k<s1>\d{1,7}|\d{4}(?<s2>[ -])\d{6}\k<s2>\d{4,5}|\d{13,19})(?![\w/-]|[.,]\d)/g;

/** Payment card numbers: one of the card shapes whose digits pass the Luhn check. */
export function paymentCards(text: string): Match[] {
  return [...text.matchAll(CARD)].flatMap((m) => {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 13 || digits.length > 19 || !passesLuhn(digits)) return [];
    return [numberMatch(m.index, m.index + m[0].length, 'ACCOUNT_NUMBER', 0.9)];
  });
}

/** An IBAN candidate: country code, check digits, then letters and digits, grouped by spaces or not. */
const IBAN = /(?<![\w-])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){3,9}(?![\w-])/g;

/**
 * True when ibantools finds the IBAN's length, format and mod-97 check right. A national
 * account checksum that fails still counts: a mistyped or closed account identifies its holder
 * as well.
 */
function isIban(electronic: string): boolean {
  const { errorCodes } = validateIBAN(electronic);
  return errorCodes.every((code) => code === ValidationErrorsIBAN.WrongAccountBankBranchChecksum);
}

/**
 * IBANs. The candidate may run into a following capital word ("… 0071 TO"), so the longest
 * prefix ending at a group boundary that passes {@link isIban} is taken.
 */
export function ibans(text: string): Match[] {
  return [...text.matchAll(IBAN)].flatMap((m) => {
    const groups = m[0].split(' ');
    for (let n = groups.length; n >= 1; n--) {
      const candidate = groups.slice(0, n).join(' ');
      const electronic = electronicFormatIBAN(candidate) ?? '';
      if (electronic.length >= 15 && isIban(electronic))
        return [numberMatch(m.index, m.index + candidate.length, 'ACCOUNT_NUMBER', 0.95)];
    }
    return [];
  });
}

/** findNumbers takes a leniency (its README documents it) that its type declarations leave out. */
const POSSIBLE = { leniency: 'POSSIBLE', v2: true } as { v2: true };

/**
 * Phone numbers written with a + and a country calling code ("+55 (85) 9334-4656", "+216 73
 * 360 910"), at libphonenumber-js's "possible" leniency (the length fits the country's plan),
 * since a number need not be in service to identify someone. National numbers without a + are
 * left to the US pattern and the phone labels.
 */
export function internationalPhones(text: string): Match[] {
  if (!text.includes('+')) return [];
  return findNumbers(text, POSSIBLE).flatMap((found) =>
    text.charAt(found.startsAt) === '+'
      ? [numberMatch(found.startsAt, found.endsAt, 'PHONE', 0.85)]
      : [],
  );
}

/**
 * A national phone number written in spaced groups ("0688 872 49 99", "21 211 773 0971"): three
 * to five groups of two to four digits, one space apart, not all of one length, nine to twelve
 * digits in all. Fewer digits are a date or a reading, and years side by side ("2019 2020 2021")
 * a table's header; a card or an IBAN has rules of its own.
 */
const SPACED_PHONE = /(?<![\w.,/+-]|\d )\d{2,4}(?: \d{2,4}){2,4}(?![\w/-]|[.,]\d| \d)/g;

/**
 * National phone numbers without a +, by their spaced groups ({@link SPACED_PHONE}). Run per line:
 * a block joins its lines with spaces, and the amounts of one claim line would run on into the
 * code that opens the next.
 */
export function spacedPhones(text: string): Match[] {
  return [...text.matchAll(SPACED_PHONE)].flatMap((m) => {
    const digits = m[0].replace(/\D/g, '').length;
    if (digits < 9 || digits > 12 || /^(?:(?:19|20)\d\d ?)+$/.test(m[0])) return [];
    // A form's date boxes and what follows them ("09 20 23 431").
    const groups = m[0].split(' ');
    // Groups all of one length are a table's columns or a reference ("0320 2581 2125").
    if (new Set(groups.map((g) => g.length)).size === 1) return [];
    const [a = '', b = '', c = ''] = groups;
    if (a.length === 2 && b.length === 2 && isValidDate(`${a}/${b}/${c}`)) return [];
    return [numberMatch(m.index, m.index + m[0].length, 'PHONE', 0.6)];
  });
}

/** One word of letters, digits and hyphens, with an optional leading `#`. */
const IDENTIFIER_WORD =
  /(?<![\w.,/:$-])#?(?<value>[A-Z0-9][A-Z0-9-]*[A-Z0-9])(?![\w/$-]|[.,:]\w)/gi;

/** NDC product codes (4-4-2, 5-3-2, 5-4-1): a drug, not a person. */
const NDC = /^(?:\d{4}-\d{4}-\d{2}|\d{5}-\d{3}-\d{2}|\d{5}-\d{4}-\d{1,2})$/;
/** NUCC provider taxonomy codes ("207Q00000X"): a specialty, not a person. */
const TAXONOMY = /^\d{3}[A-Z0-9]\d{5}X$/i;

/** CLIA laboratory certificate numbers ("22D9500730"): the lab's, printed on every report. */
const CLIA = /^\d{2}D\d{7}$/i;

/** Digits a long identifier needs at least. */
export const LONG_IDENTIFIER_DIGITS = 8;

/**
 * True when a word is a long identifier: at least {@link LONG_IDENTIFIER_DIGITS} digits, at most
 * four letters, a group of five digits or more, not a date and not one of the public code
 * shapes above.
 */
export function isLongIdentifier(word: string): boolean {
  const digits = word.replace(/\D/g, '').length;
  const letters = word.replace(/[^A-Z]/gi, '').length;
  if (digits < LONG_IDENTIFIER_DIGITS || letters > 4 || word.length > 24) return false;
  if (NDC.test(word) || TAXONOMY.test(word) || CLIA.test(word)) return false;
  // Short groups only ("0938-0997", "OMB-0938-1197") are form and code numbers; identifiers
  // with groups (cards, SSNs) have their own rules.
  if (Math.max(...word.split(/\D+/).map((g) => g.length)) < 5) return false;
  if (/^[\d-]+$/.test(word) && word.includes('-') && isValidDate(word)) return false;
  return true;
}

/** A product's own number follows its caption: a lot, a batch or an NDC ("lot 12-34-5678901"). */
const PRODUCT_CUE = /\b(?:lot|batch|ndc)\s*(?:no\.?|number|#)?\s*[:#]?\s*$/i;

/**
 * Long identifier runs in running text or a value cell, whatever their caption (a claim
 * number, an authorisation, a licence's document discriminator, an NPI beside a service line):
 * in a document about a patient, an unformatted run of eight or more digits identifies someone,
 * unless a product's caption stands right before it ({@link PRODUCT_CUE}). Run per line, like
 * {@link spacedPhones}, so that a caption on the line before does not count.
 */
export function longIdentifiers(text: string): Match[] {
  return [...text.matchAll(IDENTIFIER_WORD)].flatMap((m) => {
    const value = m.groups?.value ?? '';
    if (!isLongIdentifier(value)) return [];
    const start = m.index + m[0].indexOf(value);
    if (PRODUCT_CUE.test(text.slice(0, m.index))) return [];
    return [numberMatch(start, start + value.length, 'OTHER_ID', 0.6)];
  });
}

/** The structural number matches of a text that may span lines (per-line ones are above). */
export function numberMatches(text: string): Match[] {
  return [...paymentCards(text), ...ibans(text), ...internationalPhones(text)];
}
