// Identifier values in the shapes real systems print them, with real check digits where the
// scheme has one (NPI Luhn, DEA, VIN, Medicare MBI alphabet). Written for this corpus.
import type { Rng } from '../corpus/random.js';
import type { Person } from './cast.js';
import { ascii } from './cast.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
/** VIN transliteration of letters (I, O and Q are never used). */
const VIN_VALUES: Record<string, number> = Object.fromEntries(
  [...'ABCDEFGHJKLMNPRSTUVWXYZ'].map((c, i) => [
    c,
    [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9][i] ?? 0,
  ]),
);
/** MBI letters exclude S, L, O, I, B and Z. */
const MBI_LETTERS = 'ACDEFGHJKMNPQRTUVWXY';

export class Ids {
  constructor(private readonly rng: Rng) {}

  /** A valid-area SSN in one of the printed forms (`masked` keeps only the last four). */
  ssn(form: 'dashed' | 'spaced' | 'plain' | 'masked' = 'dashed'): string {
    const rng = this.rng;
    let area = rng.int(1, 899);
    if (area === 666) area = 667;
    const a = String(area).padStart(3, '0');
    const g = String(rng.int(1, 99)).padStart(2, '0');
    const s = String(rng.int(1, 9999)).padStart(4, '0');
    switch (form) {
      case 'spaced':
        return `${a} ${g} ${s}`;
      case 'plain':
        return `${a}${g}${s}`;
      case 'masked':
        return `XXX-XX-${s}`;
      default:
        return `${a}-${g}-${s}`;
    }
  }

  /** A medical record number in one of several hospitals' shapes. */
  mrn(shape = this.rng.int(0, 5)): string {
    const rng = this.rng;
    return (
      [
        () => `E${rng.digits(7)}`,
        () => `00${rng.digits(6)}`,
        () => `${rng.digits(4)}-${rng.digits(3)}-${rng.digits(2)}`,
        () => `M${rng.digits(10)}`,
        () => `${rng.int(1, 9)}${rng.digits(7)}`,
        () => `HN${rng.digits(6)}`,
      ][shape % 6]?.() ?? rng.digits(8)
    );
  }

  /** A Medicare Beneficiary Identifier (CMS's alphabet and positions), printed with or without dashes. */
  mbi(dashed = this.rng.chance(0.5)): string {
    const rng = this.rng;
    const an = () => (rng.chance(0.5) ? rng.chars(1, MBI_LETTERS) : rng.chars(1, DIGITS));
    const c = [
      String(rng.int(1, 9)),
      rng.chars(1, MBI_LETTERS),
      an(),
      rng.chars(1, DIGITS),
      rng.chars(1, MBI_LETTERS),
      an(),
      rng.chars(1, DIGITS),
      rng.chars(1, MBI_LETTERS),
      rng.chars(1, MBI_LETTERS),
      rng.chars(1, DIGITS),
      rng.chars(1, DIGITS),
    ].join('');
    return dashed ? `${c.slice(0, 4)}-${c.slice(4, 7)}-${c.slice(7)}` : c;
  }

  /** A commercial member ID: alpha prefix and digits, sometimes with a dependant suffix. */
  memberId(): string {
    const rng = this.rng;
    return rng.pick([
      () => `${rng.chars(3, LETTERS)}${rng.digits(9)}`,
      () => `W${rng.digits(9)}${rng.chance(0.5) ? ` ${rng.digits(2)}` : ''}`,
      () => `${rng.digits(11)}`,
      () => `${rng.chars(1, LETTERS)}${rng.digits(8)}-${rng.digits(2)}`,
      () => `U${rng.digits(7)}${rng.chars(2, LETTERS)}`,
    ])();
  }

  groupNumber(): string {
    const rng = this.rng;
    return rng.pick([
      () => rng.digits(7),
      () => `${rng.digits(6)}-${rng.digits(3)}-${rng.digits(5)}`,
      () => `${rng.chars(2, LETTERS)}${rng.digits(5)}`,
      () => `0${rng.digits(5)}${rng.chars(1, LETTERS)}`,
    ])();
  }

  accountNumber(): string {
    const rng = this.rng;
    return rng.pick([
      () => `${rng.digits(9)}`,
      () => `PT${rng.digits(8)}`,
      () => `A${rng.digits(7)}-${rng.digits(2)}`,
      () => `${rng.digits(4)}${rng.chars(1, LETTERS)}${rng.digits(5)}`,
    ])();
  }

  /** Lab, radiology and pathology accession numbers. */
  accession(kind: 'lab' | 'rad' | 'path' = 'lab'): string {
    const rng = this.rng;
    const yy = String(rng.int(23, 25));
    if (kind === 'rad') return `${rng.pick(['RAD', 'CR', 'XR', 'ACC'])}${yy}${rng.digits(7)}`;
    if (kind === 'path') return `${rng.pick(['S', 'SP', 'C'])}${yy}-${rng.int(100, 39999)}`;
    return `${rng.chars(1, LETTERS)}${yy}${rng.digits(6)}`;
  }

  claimNumber(): string {
    const rng = this.rng;
    return rng.chance(0.5)
      ? `${rng.digits(4)}${rng.int(100, 366)}${rng.digits(7)}`
      : `CLM-${rng.digits(10)}`;
  }

  priorAuth(): string {
    const rng = this.rng;
    return rng.chance(0.5)
      ? `${rng.digits(9)}`
      : `${rng.chars(2, LETTERS)}${rng.digits(6)}${rng.chars(1, LETTERS)}`;
  }

  /** A 10-digit NPI with its Luhn check digit (over the 80840 prefix). */
  npi(): string {
    const rng = this.rng;
    const body = `${rng.int(1, 2)}${rng.digits(8)}`;
    const digits = `80840${body}`;
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let d = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 0) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    return `${body}${(10 - (sum % 10)) % 10}`;
  }

  /** A DEA registration number: type letter, the registrant's initial, six digits and the check. */
  dea(registrant: Person): string {
    const rng = this.rng;
    const first = rng.pick(['A', 'B', 'F', 'G', 'M']);
    const second =
      ascii(registrant.family)
        .replace(/[^A-Za-z]/g, '')
        .charAt(0)
        .toUpperCase() || 'X';
    const d = [...rng.digits(6)].map(Number);
    const check =
      ((d[0] ?? 0) + (d[2] ?? 0) + (d[4] ?? 0) + 2 * ((d[1] ?? 0) + (d[3] ?? 0) + (d[5] ?? 0))) %
      10;
    return `${first}${second}${d.join('')}${check}`;
  }

  /** A state medical licence number. */
  medicalLicense(state: string): string {
    const rng = this.rng;
    switch (state) {
      case 'IL':
        return `036.${rng.digits(6)}`;
      case 'CA':
        return `${rng.pick(['A', 'G', 'C'])}${rng.int(10000, 189999)}`;
      case 'TX':
        return `${rng.chars(1, 'NPQRS')}${rng.digits(4)}`;
      case 'NY':
        return String(rng.int(200000, 320000));
      default:
        return `${state}${rng.digits(6)}`;
    }
  }

  /** A driver's licence number in the shape of the issuing state. */
  driversLicense(state: string, person: Person): string {
    const rng = this.rng;
    const s =
      ascii(person.family)
        .replace(/[^A-Za-z]/g, '')
        .toUpperCase()
        .charAt(0) || 'X';
    switch (state) {
      case 'IL':
        return `${s}${rng.digits(3)}-${rng.digits(4)}-${rng.digits(4)}`;
      case 'CA':
        return `${rng.chars(1, LETTERS)}${rng.digits(7)}`;
      case 'TX':
        return rng.digits(8);
      case 'FL':
        return `${s}${rng.digits(3)}-${rng.digits(3)}-${rng.digits(2)}-${rng.digits(3)}-${rng.digits(1)}`;
      case 'NY':
        return `${rng.digits(3)} ${rng.digits(3)} ${rng.digits(3)}`;
      case 'MI':
        return `${s} ${rng.digits(3)} ${rng.digits(3)} ${rng.digits(3)} ${rng.digits(3)}`;
      case 'WA':
        return `WDL${rng.chars(6, `${LETTERS}${DIGITS}`)}${rng.digits(3)}`;
      default:
        return `${s}${rng.digits(8)}`;
    }
  }

  /** An AAMVA document discriminator (issuance audit number). */
  documentDiscriminator(): string {
    const rng = this.rng;
    return rng.chance(0.5)
      ? `${rng.digits(10)}${rng.chars(2, LETTERS)}${rng.digits(4)}`
      : rng.digits(12);
  }

  /** A 17-character VIN with its check digit (position 9). */
  vin(): string {
    const rng = this.rng;
    const alphabet = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
    const chars = [
      ...`${rng.pick(['1HG', '2T1', '3FA', '5YJ', 'JTD', 'KMH', 'WVW', '1FT'])}${rng.chars(14, alphabet)}`,
    ];
    const value = (c: string) => (/\d/.test(c) ? Number(c) : (VIN_VALUES[c] ?? 0));
    const weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    const sum = chars.reduce((acc, c, i) => acc + value(c) * (weights[i] ?? 0), 0);
    const check = sum % 11;
    chars[8] = check === 10 ? 'X' : String(check);
    return chars.join('');
  }

  /** A licence plate in one of several states' shapes. */
  plate(): string {
    const rng = this.rng;
    return rng.pick([
      () => `${rng.int(1, 9)}${rng.chars(3, LETTERS)}${rng.digits(3)}`,
      () => `${rng.chars(2, LETTERS)} ${rng.digits(5)}`,
      () => `${rng.chars(3, LETTERS)}-${rng.digits(4)}`,
      () => `${rng.digits(3)} ${rng.chars(3, LETTERS)}`,
    ])();
  }

  /** An implant serial number. */
  serial(): string {
    const rng = this.rng;
    return rng.pick([
      () => `${rng.chars(3, LETTERS)}${rng.digits(6)}${rng.chars(1, LETTERS)}`,
      () => `${rng.digits(2)}${rng.chars(1, LETTERS)}${rng.digits(5)}`,
      () => `SN${rng.digits(8)}`,
      () => `${rng.chars(2, LETTERS)}${rng.digits(7)}`,
    ])();
  }

  /** A GS1 UDI in human-readable form: GTIN, expiry, lot and serial application identifiers. */
  udi(serial: string): string {
    const rng = this.rng;
    return `(01)${rng.digits(14)}(17)${rng.int(25, 29)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}(10)${rng.chars(1, LETTERS)}${rng.digits(5)}(21)${serial}`;
  }

  /** A public-looking IPv4 address (never a private, loopback or reserved block). */
  ipv4(): string {
    const rng = this.rng;
    const first = rng.pick([
      24, 38, 47, 50, 66, 68, 71, 73, 76, 98, 99, 107, 108, 136, 162, 173, 174, 184,
    ]);
    return `${first}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  }

  ipv6(): string {
    const rng = this.rng;
    const group = () => rng.chars(rng.int(1, 4), '0123456789abcdef').replace(/^0+(?=.)/, '');
    return `2601:${group()}:${group()}:${group()}:${group()}:${group()}:${group()}:${group()}`;
  }

  /** A personal e-mail address for a person. */
  email(p: Person): string {
    const rng = this.rng;
    const clean = (s: string) =>
      ascii(s)
        .toLowerCase()
        .replace(/[^a-z]/g, '');
    const g = clean(p.given);
    const f = clean(p.family);
    const local = rng.pick([
      `${g}.${f}`,
      `${g.charAt(0)}${f}${rng.int(1, 99)}`,
      `${f}${g.charAt(0)}`,
      `${g}_${f}${rng.int(60, 99)}`,
      `${g}${rng.int(1950, 2010)}`,
    ]);
    const domain = rng.pick([
      'gmail.com',
      'yahoo.com',
      'outlook.com',
      'hotmail.com',
      'icloud.com',
      'proton.me',
      'comcast.net',
      'aol.com',
      'yahoo.com.mx',
      'web.de',
      'uol.com.br',
      'orange.fr',
    ]);
    return `${local}@${domain}`;
  }

  /** A web address that belongs to a person (profile, fundraiser, own site). */
  personalUrl(p: Person): string {
    const rng = this.rng;
    const clean = (s: string) =>
      ascii(s)
        .toLowerCase()
        .replace(/[^a-z]/g, '');
    const g = clean(p.given);
    const f = clean(p.family);
    return rng.pick([
      `https://www.facebook.com/${g}.${f}.${rng.int(1, 9)}`,
      `instagram.com/${g}_${f.slice(0, 3)}`,
      `https://www.gofundme.com/f/help-${g}-${f}`,
      `www.${f}family.net`,
      `https://${g}${f}.com/blog`,
    ]);
  }

  ein(): string {
    return `${this.rng.digits(2)}-${this.rng.digits(7)}`;
  }

  clia(): string {
    return `${this.rng.digits(2)}D${this.rng.digits(7)}`;
  }
}
