// Fictional identifiers in realistic formats, with the check digits real validators test.
import type { Rng } from './random.js';

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A valid-looking SSN: area not 000, 666 or 9xx; group and serial not zero. */
export function ssn(rng: Rng): string {
  let area = rng.int(1, 899);
  if (area === 666) area = 667;
  const group = rng.int(1, 99);
  const serial = rng.int(1, 9999);
  return `${pad(area, 3)}-${pad(group, 2)}-${pad(serial, 4)}`;
}

// CMS excludes S, L, O, I, B and Z from MBIs.
const MBI_ALPHA = 'ACDEFGHJKMNPQRTUVWXY';
const MBI_ALNUM = `${DIGITS}${MBI_ALPHA}`;

/** A Medicare Beneficiary Identifier in the printed 4-3-4 form, e.g. `1EG4-TE5-MK73`. */
export function mbi(rng: Rng): string {
  const c = (alphabet: string) => rng.chars(1, alphabet);
  const raw =
    rng.chars(1, '123456789') +
    c(MBI_ALPHA) +
    c(MBI_ALNUM) +
    c(DIGITS) +
    c(MBI_ALPHA) +
    c(MBI_ALNUM) +
    c(DIGITS) +
    c(MBI_ALPHA) +
    c(MBI_ALPHA) +
    c(DIGITS) +
    c(DIGITS);
  return `${raw.slice(0, 4)}-${raw.slice(4, 7)}-${raw.slice(7)}`;
}

/** A commercial or Medicaid member id, in one of a few payer styles. */
export function memberId(rng: Rng): string {
  switch (rng.int(0, 3)) {
    case 0:
      return rng.chars(3, LETTERS) + rng.digits(9);
    case 1:
      return `W${rng.digits(9)}`;
    case 2:
      return `${rng.chars(2, LETTERS)}${rng.digits(7)}-${rng.digits(2)}`;
    default:
      return `${rng.digits(3)}${rng.chars(1, LETTERS)}${rng.digits(6)}`;
  }
}

const VIN_ALPHABET = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ'; // no I, O, Q
const VIN_VALUES: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** The North American check digit (position 9) of a 17-character VIN. */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  [...vin].forEach((char, i) => {
    const value = /\d/.test(char) ? Number(char) : (VIN_VALUES[char] ?? 0);
    sum += value * (VIN_WEIGHTS[i] ?? 0);
  });
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

const WMIS = ['1HG', '1FT', '2T1', '5YJ', 'JHM', 'WBA', '1G1', '3FA', 'KMH', '4T1'];
const MODEL_YEARS = 'ABCDEFGHJKLMNPRS'; // 2010-2025

/** A 17-character VIN with a correct check digit. */
export function vin(rng: Rng): string {
  const draft =
    rng.pick(WMIS) +
    rng.chars(5, VIN_ALPHABET) +
    '0' +
    rng.chars(1, MODEL_YEARS) +
    rng.chars(1, VIN_ALPHABET) +
    rng.digits(6);
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
}

/** A US licence plate in one of a few state styles. */
export function licensePlate(rng: Rng): string {
  switch (rng.int(0, 3)) {
    case 0:
      return `${rng.int(1, 9)}${rng.chars(3, LETTERS)}${rng.digits(3)}`;
    case 1:
      return `${rng.chars(3, LETTERS)}-${rng.digits(4)}`;
    case 2:
      return `${rng.digits(3)}-${rng.chars(3, LETTERS)}`;
    default:
      return `${rng.chars(2, LETTERS)}${rng.digits(2)}${rng.chars(1, LETTERS)}${rng.digits(2)}`;
  }
}

/** The check digit of a DEA number's six leading digits. */
export function deaCheckDigit(sixDigits: string): string {
  const d = [...sixDigits].map(Number);
  const odd = (d[0] ?? 0) + (d[2] ?? 0) + (d[4] ?? 0);
  const even = (d[1] ?? 0) + (d[3] ?? 0) + (d[5] ?? 0);
  return String((odd + 2 * even) % 10);
}

/** A DEA registration number for a prescriber: type letter, surname initial, 7 digits. */
export function deaNumber(rng: Rng, lastName: string): string {
  const initial = /[A-Z]/i.test(lastName.charAt(0)) ? lastName.charAt(0).toUpperCase() : 'X';
  const six = rng.digits(6);
  return `${rng.pick(['A', 'B', 'F', 'G', 'M'])}${initial}${six}${deaCheckDigit(six)}`;
}

/** The Luhn check digit of a digit string. */
export function luhnCheckDigit(payload: string): string {
  let sum = 0;
  [...payload].reverse().forEach((char, i) => {
    let v = Number(char);
    if (i % 2 === 0) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  });
  return String((10 - (sum % 10)) % 10);
}

/** A 10-digit NPI whose check digit is valid (Luhn over `80840` + the first nine digits). */
export function npi(rng: Rng): string {
  const nine = `${rng.int(1, 2)}${rng.digits(8)}`;
  return nine + luhnCheckDigit(`80840${nine}`);
}

/** A driver's licence number in the style of the issuing state. */
export function driversLicense(rng: Rng, state: string): string {
  switch (state) {
    case 'CA':
      return `${rng.chars(1, LETTERS)}${rng.digits(7)}`;
    case 'MA':
      return `S${rng.digits(8)}`;
    case 'NY':
      return `${rng.digits(3)} ${rng.digits(3)} ${rng.digits(3)}`;
    case 'FL':
      return `${rng.chars(1, LETTERS)}${rng.digits(3)}-${rng.digits(3)}-${rng.digits(2)}-${rng.digits(3)}-0`;
    default:
      return `${rng.chars(1, LETTERS)}${rng.digits(rng.int(7, 9))}`;
  }
}

/** A state medical licence number. */
export function medicalLicense(rng: Rng): string {
  return rng.pick([
    `MD${rng.digits(6)}`,
    `${rng.digits(6)}`,
    `G${rng.digits(5)}`,
    `DO-${rng.digits(5)}`,
  ]);
}

/** A medical record number in a facility's style. */
export function mrn(rng: Rng, style: 0 | 1 | 2 | 3): string {
  switch (style) {
    case 0:
      return rng.digits(8);
    case 1:
      return `${rng.int(1, 9)}${rng.digits(6)}`;
    case 2:
      return `RH${rng.digits(7)}`;
    default:
      return `${rng.digits(3)}-${rng.digits(2)}-${rng.digits(2)}`;
  }
}

/** A hospital account or billing number. */
export function accountNumber(rng: Rng): string {
  return rng.pick([
    `${rng.int(1, 9)}${rng.digits(9)}`,
    `V${rng.digits(10)}`,
    `${rng.digits(4)}-${rng.digits(6)}`,
    `HAR${rng.digits(8)}`,
  ]);
}

/** A GS1 check digit (mod 10, weights 3 and 1 from the right). */
export function gs1CheckDigit(payload: string): string {
  let sum = 0;
  [...payload].reverse().forEach((char, i) => {
    sum += Number(char) * (i % 2 === 0 ? 3 : 1);
  });
  return String((10 - (sum % 10)) % 10);
}

/** A device serial number, e.g. of a pacemaker or insulin pump. */
export function deviceSerial(rng: Rng): string {
  return rng.pick([
    `${rng.chars(3, LETTERS)}${rng.digits(6)}${rng.chars(1, LETTERS)}`,
    `SN${rng.digits(9)}`,
    `${rng.digits(2)}${rng.chars(2, LETTERS)}${rng.digits(5)}`,
  ]);
}

/** A GS1 unique device identifier: GTIN with check digit, expiry, lot and serial. */
export function udi(rng: Rng, serial: string): string {
  const gtin13 = `00${rng.digits(11)}`;
  const gtin = gtin13 + gs1CheckDigit(gtin13);
  const expiry = `${rng.int(26, 30)}${pad(rng.int(1, 12), 2)}${pad(rng.int(1, 28), 2)}`;
  return `(01)${gtin}(17)${expiry}(10)${rng.chars(1, LETTERS)}${rng.digits(4)}(21)${serial}`;
}

/** A public-looking IPv4 address (no private, loopback or multicast first octet). */
export function ipv4(rng: Rng): string {
  const first = rng.pick([24, 50, 66, 68, 71, 73, 96, 98, 107, 108, 174, 184, 207, 216]);
  return `${first}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

/** A global unicast IPv6 address, sometimes in compressed form. */
export function ipv6(rng: Rng): string {
  const group = () => rng.int(0, 0xffff).toString(16);
  const prefix = rng.pick(['2601', '2600', '2603', '2a02', '2607']);
  const head = [prefix, group(), group(), group()];
  return rng.chance(0.5)
    ? `${head.join(':')}::${group()}:${group()}`
    : [...head, group(), group(), group(), group()].join(':');
}

/** Laboratory accession number. */
export function accession(rng: Rng, year: number): string {
  return rng.pick([
    `${rng.chars(1, 'CHMS')}${year % 100}-${rng.digits(6)}`,
    `ACC${year % 100}${rng.digits(7)}`,
  ]);
}

/** Specimen / container id. */
export function specimenId(rng: Rng): string {
  return `SP-${rng.digits(4)}-${rng.chars(2, LETTERS)}${rng.digits(3)}`;
}

/** Payer prior-authorisation number. */
export function priorAuth(rng: Rng, year: number): string {
  return rng.pick([`PA${year}${rng.digits(6)}`, `AUTH-${rng.digits(8)}`]);
}

/** Payer claim id. */
export function claimId(rng: Rng): string {
  return `CLM${rng.digits(11)}`;
}

/** Employer identification number, as printed in box 25 of a claim. */
export function ein(rng: Rng): string {
  return `${rng.int(10, 99)}-${rng.digits(7)}`;
}

/** The ways a US phone number is printed. */
export type PhoneStyle = 'parens' | 'dashes' | 'dots' | 'plus';

/** A 10-digit US number (fictional exchange range) in a printed style. */
export function phoneNumber(rng: Rng, style: PhoneStyle, areaCode?: string): string {
  const area =
    areaCode ?? String(rng.pick([207, 212, 312, 401, 413, 508, 603, 617, 774, 781, 802, 857, 978]));
  const exchange = String(rng.int(2, 9)) + rng.digits(2);
  const line = rng.digits(4);
  switch (style) {
    case 'parens':
      return `(${area}) ${exchange}-${line}`;
    case 'dashes':
      return `${area}-${exchange}-${line}`;
    case 'dots':
      return `${area}.${exchange}.${line}`;
    default:
      return `+1 ${area} ${exchange} ${line}`;
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
