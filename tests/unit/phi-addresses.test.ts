// Postal addresses in the international shapes: units, continental street lines, postcodes after
// a country, and mailing blocks that end with a country line. The country itself stays.
import { describe, expect, it } from 'vitest';
import { redactLines } from '../support/ocr-lines.js';

describe('international address parts on one line', () => {
  it.each([
    ['Send it to Lindenallee 14, 50968 Köln please', 'Send it to [ADDRESS] please'],
    ['Kvarngatan 7, 414 63 GÖTEBORG', '[ADDRESS]'],
    ['Avenida da Liberdade 120, 1250-146 Lisboa', '[ADDRESS]'],
    ['Mailing: Norway 0152', 'Mailing: Norway [ADDRESS]'],
    ['Canada K1A 0B1', 'Canada [ADDRESS]'],
    ['Her flat is Apt. 12B on the left', 'Her flat is [ADDRESS] on the left'],
    ['Suite 410', '[ADDRESS]'],
  ])('%j → %j', (text, redacted) => {
    expect(redactLines(text)).toBe(redacted);
  });

  it.each([
    'Flown in from Norway for the conference.',
    'Took 2 tablets, 500 mg each',
    'Room 14, Ward B',
    'Troponin 0.04, 12 hours later Stable',
    'Our suite of tests covers 12 panels',
  ])('leaves %j', (text) => {
    expect(redactLines(text)).toBe(text);
  });
});

describe('mailing blocks ending with a country', () => {
  it('masks the lines above the country line, and keeps the country', () => {
    expect(redactLines('12 Rosenhof', 'Suite 3', 'Aarhus', 'Denmark 8000')).toBe(
      '[ADDRESS]\n[ADDRESS]\n[ADDRESS]\nDenmark [ADDRESS]',
    );
  });

  it('stops at a sentence and at another block', () => {
    expect(redactLines('Please forward the records to:', '3 Kirkeveien', 'Norway')).toBe(
      'Please forward the records to:\n[ADDRESS]\nNorway',
    );
    expect(redactLines(['Knee pain, left', { block: 0 }], ['Norway', { y: 80, block: 1 }])).toBe(
      'Knee pain, left\n\nNorway',
    );
  });
});

describe('places after a locative word', () => {
  it.each([
    ['She moved here from Tarnowskie last year', 'She moved here from [ADDRESS] last year'],
    ['Staying in Wetzikon until Friday.', 'Staying in [ADDRESS] until Friday.'],
    ['The family drove to KRYNICA, then home', 'The family drove to [ADDRESS] then home'],
  ])('%j → %j', (text, redacted) => {
    expect(redactLines(text)).toBe(redacted);
  });

  it.each([
    'Transferred from Texas in March',
    'Referred to Cardiology for follow-up',
    'Flew back to Portugal after the visit',
    'Seen at Clinic today',
  ])('leaves %j', (text) => {
    expect(redactLines(text)).toBe(text);
  });
});

describe('an address grown over the words beside it', () => {
  it.each([
    // The unit is found; the house number and the street's name after it come with it.
    ['Ms. Wacława Sobczak Suite 998 30 Dobrovského', 'Ms. [NAME]'],
    // A US street line, then the place and postcode after its comma.
    ['The office is at 96 Belfast Crescent, Tamarau 4010', 'The office is at [ADDRESS]'],
  ])('%j → %j', (text, redacted) => {
    expect(redactLines(text)).toBe(redacted);
  });

  it.each(['Dr. Nunzia Nucci is here', 'Called Pharmacy at 10 about 2 refills'])(
    'leaves %j',
    (text) => {
      expect(redactLines(text)).not.toMatch(/\[ADDRESS\]/);
    },
  );
});

describe('street names without a house number', () => {
  it.each([
    ['The pharmacy is on Brunnenstrasse now', 'The pharmacy is on [ADDRESS] now'],
    ['She walks along Hämeenkatu daily', 'She walks along [ADDRESS] daily'],
    ['The clinic moved to Dorotheenweg in May', 'The clinic moved to [ADDRESS] in May'],
    ['Meet me on Wrzosowa Street tomorrow', 'Meet me on [ADDRESS] tomorrow'],
    ['at the corner of Halvorsen Rd. and Elm', 'at the corner of [ADDRESS] and Elm'],
    ['Her office is on Rue de la Tourelle', 'Her office is on [ADDRESS]'],
    ['They live at 14 Via Castellani', 'They live at [ADDRESS]'],
    ['Strada Comunale 12 is closed', '[ADDRESS] is closed'],
  ])('%j → %j', (text, redacted) => {
    expect(redactLines(text)).toBe(redacted);
  });

  it.each([
    'We walked down Main Street after lunch',
    'The weather on Market Street was fine',
    'A strategy to untie the knot',
    'KOBAYASHI ROAD CO. LTD. was founded in 1950',
    'Serum Na 138 mmol/L',
    'We flew from Sweden to Chile',
  ])('leaves %j', (text) => {
    expect(redactLines(text)).toBe(text);
  });
});

describe('a house number before a word a name rule took', () => {
  it.each([
    ['Send post to 27 Quennellvahe, please', 'Send post to [ADDRESS] please'],
    ['Her new flat: 52 Ottavine', 'Her new flat: [ADDRESS]'],
  ])('%j → %j', (text, redacted) => {
    expect(redactLines(text)).toBe(redacted);
  });

  it.each([
    // a licence's numbered field, in capitals
    ['1 DIACK', '1 DIACK'],
    // a count before the name, not at a comma or the line's end
    ['Took 2 Kornelia tablets', 'Took 2 [NAME] tablets'],
  ])('keeps the number in %j', (text, redacted) => {
    expect(redactLines(text)).toBe(redacted);
  });
});
