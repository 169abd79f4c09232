// Checks that turn a character pattern into a plausible identifier (fewer false positives, same recall).
import { isIPv6 } from 'node:net';

/** SSA rules: area not 000, 666 or 9xx; group not 00; serial not 0000. */
export function isValidSsn(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  if (digits.length !== 9) return false;
  const area = digits.slice(0, 3);
  return (
    area !== '000' &&
    area !== '666' &&
    area[0] !== '9' &&
    digits.slice(3, 5) !== '00' &&
    digits.slice(5) !== '0000'
  );
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Accepts numeric dates (m/d/y, y-m-d, d.m.y, m/d) and written ones whose month and day exist. */
export function isValidDate(value: string): boolean {
  const month = MONTHS.findIndex((m) => new RegExp(`\\b${m}`, 'i').test(value));
  if (month >= 0) {
    const day = /\b(\d{1,2})(?:st|nd|rd|th)?\b(?!\d)/i.exec(value.replace(/\b\d{4}\b/, ''));
    return !day || (Number(day[1]) >= 1 && Number(day[1]) <= 31);
  }
  const parts = value.replace(/\s+/g, '').split(/[/.-]/).map(Number);
  if (parts.length < 2 || parts.length > 3 || parts.some(Number.isNaN)) return false;
  const [a = 0, b = 0, c = 0] = parts;
  if (parts.length === 2) return a >= 1 && a <= 12 && b >= 1 && b <= 31; // m/d
  const [m, d] = a > 31 ? [b, c] : a > 12 ? [b, a] : [a, b]; // y-m-d, d/m/y, m/d/y
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/**
 * True when `digits` is MMDDYY or MMDDYYYY (19xx, 20xx) with a month and day that exist;
 * `misread` also reads a tens digit of month or day that cannot be (6, 8, 9) as the 0 OCR
 * mistook for it.
 */
function isCompactDate(digits: string, misread = false): boolean {
  const zero = (tens: string) => (misread && /[689]/.test(tens) ? '0' : tens);
  const month = Number(zero(digits.charAt(0)) + digits.charAt(1));
  const day = Number(zero(digits.charAt(2)) + digits.charAt(3));
  const century = digits.length === 6 || /^(?:19|20)/.test(digits.slice(4));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && century;
}

/**
 * A from–to pair of compact dates whose spaces OCR lost or moved ("1206231206 23", "03 20 25 83
 * 20 25" on a claim's service line): 12 or 16 digits, two halves that are both real dates, or
 * one date read two ways (one or two digits apart), one of which is a date once a 0 misread as
 * 6, 8 or 9 is undone ("85 89 25 85 09 25" for 05/09/25 twice on a low-resolution scan).
 */
export function isDatePair(value: string): boolean {
  const digits = value.replace(/\s+/g, '');
  if (!/^(?:\d{12}|\d{16})$/.test(digits)) return false;
  const from = digits.slice(0, digits.length / 2);
  const to = digits.slice(digits.length / 2);
  if (isCompactDate(from) && isCompactDate(to)) return true;
  const differing = [...from].filter((c, i) => c !== to[i]).length;
  return differing >= 1 && differing <= 2 && (isCompactDate(from, true) || isCompactDate(to, true));
}

// Position in this string, modulo 10, is a character's VIN value (A=1…H=8, J=1…N=5, P=7, R=9, S=2…Z=9).
const VIN_TRANSLITERATION = '0123456789.ABCDEFGH..JKLMN.P.R..STUVWXYZ';
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** ISO 3779 VIN: 17 characters without I, O, Q, and a correct check digit in position 9. */
export function isValidVin(value: string): boolean {
  const vin = value.toUpperCase();
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return false;
  const sum = [...vin].reduce(
    (s, c, i) => s + (VIN_TRANSLITERATION.indexOf(c) % 10) * (VIN_WEIGHTS[i] ?? 0),
    0,
  );
  const check = sum % 11;
  return vin[8] === (check === 10 ? 'X' : String(check));
}

/** The Luhn checksum (NPI with its 80840 prefix, card-like account numbers). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((c, i) => {
    let d = Number(c);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  });
  return digits.length > 1 && sum % 10 === 0;
}

/** DEA registration number: two letters, seven digits, check digit. */
export function isValidDea(value: string): boolean {
  const m = /^[A-Z][A-Z9](\d{7})$/i.exec(value);
  if (!m?.[1]) return false;
  const d = [...m[1]].map(Number);
  const sum =
    (d[0] ?? 0) + (d[2] ?? 0) + (d[4] ?? 0) + 2 * ((d[1] ?? 0) + (d[3] ?? 0) + (d[5] ?? 0));
  return sum % 10 === d[6];
}

/** Validators a pattern pack may name in its `validate` field. */
export const VALIDATORS = {
  ssn: isValidSsn,
  date: isValidDate,
  'date-pair': isDatePair,
  vin: isValidVin,
  dea: isValidDea,
  ipv6: (value: string) => isIPv6(value),
  luhn: (value: string) => passesLuhn(value.replace(/\D/g, '')),
} as const satisfies Record<string, (value: string) => boolean>;

export type ValidatorName = keyof typeof VALIDATORS;
export const VALIDATOR_NAMES = Object.keys(VALIDATORS) as [ValidatorName, ...ValidatorName[]];
