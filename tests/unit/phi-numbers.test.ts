// Structural numbers in running text: payment cards, IBANs, international phones, long identifiers.
import { describe, expect, it } from 'vitest';
import {
  ibans,
  internationalPhones,
  isLongIdentifier,
  longIdentifiers,
  paymentCards,
  spacedPhones,
} from '../../src/phi/numbers.js';

/** The matched texts, in order. */
const texts = (text: string, find: (t: string) => Array<{ start: number; end: number }>) =>
  find(text).map((m) => text.slice(m.start, m.end));

describe('payment card numbers', () => {
  it('finds card shapes whose digits pass Luhn', () => {
    expect(texts('block card no 4111-1111-1111-1111 today', paymentCards)).toEqual([
      '4111-1111-1111-1111',
    ]);
    expect(texts('card 4111 1111 1111 1111 is lost', paymentCards)).toEqual([
      '4111 1111 1111 1111',
    ]);
    expect(texts('Amex 3782 822463 10005?', paymentCards)).toEqual(['3782 822463 10005']);
    expect(texts('my card 4222222222222 at the ATM', paymentCards)).toEqual(['4222222222222']);
  });

  it('leaves digit runs that fail Luhn, mix separators or are too short', () => {
    expect(texts('card 4111-1111-1111-1112', paymentCards)).toEqual([]);
    expect(texts('card 4111 1111-1111 1111', paymentCards)).toEqual([]);
    expect(texts('NPI 1234567893', paymentCards)).toEqual([]);
    expect(texts('total 4111111111111111.00', paymentCards)).toEqual([]);
  });
});

describe('IBANs', () => {
  it('finds IBANs, grouped or not, that pass mod-97', () => {
    expect(texts('from GB82 WEST 1234 5698 7654 32 TO', ibans)).toEqual([
      'GB82 WEST 1234 5698 7654 32',
    ]);
    expect(texts('IBAN GB82WEST12345698765432', ibans)).toEqual(['GB82WEST12345698765432']);
  });

  it('finds an IBAN whose mod-97 holds but whose national account check fails', () => {
    expect(texts('pay into CZ68 8864 0057 3428 3004 0071 today', ibans)).toEqual([
      'CZ68 8864 0057 3428 3004 0071',
    ]);
  });

  it('leaves a wrong check and capitalised codes of the same letters', () => {
    expect(texts('IBAN GB83 WEST 1234 5698 7654 32', ibans)).toEqual([]);
    expect(texts('CR24 ROOM 1234 and ICD M54 5', ibans)).toEqual([]);
  });
});

describe('international phone numbers', () => {
  it('finds numbers written with + and a country code', () => {
    expect(texts('You can call +55 (85) 9334-4656 now', internationalPhones)).toEqual([
      '+55 (85) 9334-4656',
    ]);
    expect(texts('call me at +44 20 7946 0958 please', internationalPhones)).toEqual([
      '+44 20 7946 0958',
    ]);
  });

  it('leaves numbers without + and a + before a too-short number', () => {
    expect(texts('call 020 7946 0958', internationalPhones)).toEqual([]);
    expect(texts('Glucose +12 mg/dL since 2024', internationalPhones)).toEqual([]);
  });
});

describe('national phone numbers in spaced groups', () => {
  it('finds three to five groups with nine to twelve digits', () => {
    expect(texts('my registered 0688 872 49 99. Could you', spacedPhones)).toEqual([
      '0688 872 49 99',
    ]);
    expect(texts('not answering at 21 211 773 0971', spacedPhones)).toEqual(['21 211 773 0971']);
  });

  it('leaves dates, readings, longer runs, years and decimals', () => {
    expect(texts('seen 12 05 2024 in clinic', spacedPhones)).toEqual([]);
    expect(texts('FROM 09 20 23 431', spacedPhones)).toEqual([]);
    expect(texts('BP 120 80 pulse 72', spacedPhones)).toEqual([]);
    expect(texts('card 3585 7582 9265 4365 lost', spacedPhones)).toEqual([]);
    expect(texts('12 34 56 78 90 12 34', spacedPhones)).toEqual([]);
    expect(texts('totals for 2019 2020 2021', spacedPhones)).toEqual([]);
    expect(texts('owed 1 234 567.89 in all', spacedPhones)).toEqual([]);
  });
});

describe('long identifiers', () => {
  it('takes a run of eight or more digits with few letters', () => {
    expect(
      ['CLM-6980021100', 'XR239065747', '0745A33540', '64262878948093', '62-1049895'].map(
        isLongIdentifier,
      ),
    ).toEqual([true, true, true, true, true]);
    expect(texts('police report #87-151535 filed', longIdentifiers)).toEqual(['87-151535']);
    expect(texts('Auth 526568920 valid until', longIdentifiers)).toEqual(['526568920']);
    expect(texts('FROM: CLINIC 8132232837 TO: 17013143064 P.001/002', longIdentifiers)).toEqual([
      '8132232837',
      '17013143064',
    ]);
  });

  it('leaves public code shapes, dates, short groups, money and words', () => {
    expect(
      [
        '0002-1433-80', // NDC
        '207Q00000X', // provider taxonomy
        '22D9500730', // CLIA
        '2024-03-14', // a date
        'OMB-0938-1197', // a form number
        '1234567', // seven digits
        'ABCDEFG12345678', // too many letters
      ].map(isLongIdentifier),
    ).toEqual([false, false, false, false, false, false, false]);
    expect(texts('charge $12345678 or 1,234,567.89', longIdentifiers)).toEqual([]);
    expect(texts('Lot: 55821934 and batch # 20240518', longIdentifiers)).toEqual([]);
    expect(texts('NDC 00591540801 tablets', longIdentifiers)).toEqual([]);
  });

  it('takes a run after a product caption that does not stand right before it', () => {
    expect(texts('lot 5521 for member 88214307', longIdentifiers)).toEqual(['88214307']);
    expect(texts('Pilot 88214307', longIdentifiers)).toEqual(['88214307']);
  });
});
