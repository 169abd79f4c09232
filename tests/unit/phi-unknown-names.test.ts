// Names with no cue: capitalised words that are no English word nor drug, in a name's place
// (the safe-word approach), international letters, overlays, "RE:" lines; and their near misses.
import { describe, expect, it } from 'vitest';
import { isNameish, isUnknownWord, loadNameLexicon } from '../../src/phi/names.js';
import { looksLikeDrug, loadVocabulary } from '../../src/phi/vocabulary.js';
import { redactLines } from '../support/ocr-lines.js';

const redact = redactLines;

describe('unknown and international names without a cue', () => {
  it.each([
    ['Isioma Oyebola is followed for asthma.', '[NAME] is followed for asthma.'],
    ['Koen Klein was seen with her husband.', '[NAME] was seen with her husband.'],
    ['Alex Tóth', '[NAME]'],
    ['Tiina Väisänen', '[NAME]'],
    ['Silvestar K. Novaković listed his songs', '[NAME] listed his songs'],
    ['Nadège Jean-Baptiste is seen for COPD.', '[NAME] is seen for COPD.'],
    ['Hrvatin Babi¢ was seen today', '[NAME] was seen today'],
  ])('%j → %j', (text, redacted) => {
    expect(redact(text)).toBe(redacted);
  });

  it('takes a surname and an unknown given name after its comma', () => {
    expect(redact('Weress, Nusa – lab results')).toBe('[NAME] – lab results');
    expect(redact('Martinez, Angélina – lab results')).toBe('[NAME] – lab results');
  });

  it('takes a name that wraps onto the next line when both halves are no known word', () => {
    expect(redact('The song was written by Wojciech', 'Zielinski – go figure')).toBe(
      'The song was written by [NAME]\n[NAME] – go figure',
    );
    expect(redact('Plan per Okafor', 'Metoprolol continued')).toBe(
      'Plan per Okafor\nMetoprolol continued',
    );
  });

  it('takes a first name after RE:', () => {
    expect(redact('RE: Csaba')).toBe('RE: [NAME]');
    expect(redact('RE: Rémy')).toBe('RE: [NAME]');
  });

  it("takes an unknown word as a person's subject", () => {
    expect(redact('Maj reports less pain since the last visit.')).toBe(
      '[NAME] reports less pain since the last visit.',
    );
    expect(redact('Aslak was seen in clinic.')).toBe('[NAME] was seen in clinic.');
    expect(redact('Ayomide shouted at the nurse.')).toBe('[NAME] shouted at the nurse.');
  });

  it('takes an overlay name in capitals before a sex marker or a date', () => {
    expect(redact('NOGUEIRA ÍGOR [F] 11/04/1936')).toBe('[NAME] [F] [DATE]');
    expect(redact('MEHROTRA SANJAY 08/19/1954')).toBe('[NAME] [DATE]');
    // whatever the words, when a bracketed sex marker and a date follow them at the line's start
    expect(redact('ABDI-HA HIWOT [F] 12/23/1988 Bayou Clinic')).toBe(
      '[NAME] [F] [DATE] Bayou Clinic',
    );
    expect(redact('CR CHEST PA', 'NG LI [M] 1961-02-03')).toBe('CR CHEST PA\n[NAME] [M] [DATE]');
  });

  it('takes a DICOM person name, its carets read as carets or tildes', () => {
    expect(redact('Ref: EL-SAYED^MOHAMMED^B')).toBe('Ref: [NAME]');
    expect(redact('OKAFOR~ADAEZE')).toBe('[NAME]');
  });

  it('keeps a label on the next line out of a name ("Date" of "Date of birth:")', () => {
    expect(redact('Patient: Mary Lopez', 'Date of birth: 07/22/1971')).toBe(
      'Patient: [NAME]\nDate of birth: [DATE]',
    );
    expect(redact('Patient: Mary Lopez', 'Visit date: 03/02/2024')).toBe(
      'Patient: [NAME]\nVisit date: [DATE]',
    );
  });

  it('keeps a label after a name in capitals out of it', () => {
    expect(redact('Pt: KOIVISTO, JAAKKO MRN: 18216369')).toBe('Pt: [NAME] MRN: [MRN]');
  });
});

describe('a name after a naming or quoting word', () => {
  it.each([
    [
      'Hello, my name is Oisín and I called earlier',
      'Hello, my name is [NAME] and I called earlier',
    ],
    ['Her maiden name is Wójcik', 'Her maiden name is [NAME]'],
    ['a cousin called Tadhg Brennock', 'a cousin called [NAME]'],
    // "primo" and "schiavone" are in the English word list: the run is a name all the same.
    [
      'his grandfather was called Primo Schiavone in the village',
      'his grandfather was called [NAME] in the village',
    ],
    ['My name is Ilta', 'My name is [NAME]'],
    ['"Not today," said Ingrid to the nurse', '"Not today," said [NAME] to the nurse'],
    // a greeting or "this is" before a name; "Tú" is too short to be taken as an unknown word
    ['Hi, this is Sefa Tú. Please call me back', 'Hi, this is [NAME] Please call me back'],
    ['Hello Anh Vũ, thank you for writing.', 'Hello [NAME] thank you for writing.'],
    // after "name is", a word in no word list, its capital read as "l" by OCR
    ['My name is llse', 'My name is [NAME]'],
  ])('%j → %j', (text, redacted) => {
    expect(redact(text)).toBe(redacted);
  });

  it.each([
    'The clinic called Pharmacy about the refill',
    'The nurse said Pharmacy would call back',
    'The test is called Schirmer test',
    'This is Tuesday',
    'Hello Team, the meeting moved',
    'this is Lisinopril 10 mg daily',
    'Hi, this is the front desk',
    'This is Medicare Part B',
    'Her name is unknown',
  ])('leaves %j', (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe('a name opening a note: before a bracketed identifier, behind a stray quote', () => {
  it('takes dictionary names that open a note before "(MRN"', () => {
    expect(redact('Kwame Castellanos (MRN 2231874) is followed for diabetes.')).toBe(
      '[NAME] (MRN [MRN] is followed for diabetes.',
    );
  });

  it('takes a name behind a typographic quote OCR read before the line', () => {
    expect(redact('RE: Nadége Jean-Baptiste', '‘Nadége is seen for COPD')).toBe(
      'RE: [NAME]\n[NAME] is seen for COPD',
    );
  });

  it.each(['Blood Pressure (MRN 2231874) was taken', 'Follow Up (MRN 2231874)'])(
    'leaves the ordinary words of %j',
    (text) => {
      expect(redact(text)).toBe(text.replace('2231874)', '[MRN]'));
    },
  );
});

describe('a name as the subject of an auxiliary, or with a possessive', () => {
  it.each([
    ['Keiran is very reliable.', '[NAME] is very reliable.'],
    ['Seppo had given the keys back.', '[NAME] had given the keys back.'],
    ['Ottoline has been referred to us.', '[NAME] has been referred to us.'],
    ["We still hold Lauchlan's address.", 'We still hold [NAME] address.'],
  ])('%j → %j', (text, redacted) => {
    expect(redact(text)).toBe(redacted);
  });

  it.each([
    'Eliquis was held before surgery.',
    'Zoloft was increased to 100 mg.',
    'Xarelto has been stopped.',
    'The Qelbra is under warranty.',
    "History of Crohn's, in remission.",
    "Early Parkinson's with tremor.",
    "Bell's palsy on the left.",
  ])('leaves %j', (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe('an unknown capitalised word alone inside a sentence', () => {
  it.each([
    ['We left the forms with Ottavine at the desk.', 'We left the forms with [NAME] at the desk.'],
    ['Her brother drove Wiremu home afterwards.', 'Her brother drove [NAME] home afterwards.'],
    ['The letter was signed by Quennell and sent', 'The letter was signed by [NAME] and sent'],
  ])('%j → %j', (text, redacted) => {
    expect(redact(text)).toBe(redacted);
  });

  it.each([
    'Continue Sertraline 50 mg daily.',
    'Started Ceftriaxone 1 g IV.',
    'Notes on Gastroenterology follow.',
    'Known Hashimoto thyroiditis, stable.',
    'She now drives a Toyota Camry.',
    'The clinic is closed Monday, open Tuesday.',
    'Patient is Chilean and speaks Spanish.',
    'She moved back from Sweden last year.',
    'Refills per Disp: 30',
    'Hemoglobin Alc 5.4 %',
  ])('leaves %j', (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe("a transcript's speaker", () => {
  it.each([
    ['Daniel: "Who are you?"', '[NAME] "Who are you?"'],
    ['Ottavine: \u201cI called yesterday.\u201d', '[NAME] \u201cI called yesterday.\u201d'],
  ])('%j → %j', (text, redacted) => {
    expect(redact(text)).toBe(redacted);
  });

  it.each(['Comment: "no change"', 'Note: "patient declined"', 'Daniel: see above'])(
    'leaves %j',
    (text) => {
      expect(redact(text)).toBe(text);
    },
  );
});

describe('near misses that stay readable', () => {
  it.each([
    'Apixaban was restarted after the procedure.',
    'Atorvastatin was continued at the same dose.',
    'Levothyroxine dose unchanged.',
    'Glasgow Coma Scale 15.',
    'Bell palsy is improving. Babinski sign absent bilaterally.',
    'Alderbrook Valley Medical Center',
    'Sunbelt Aetna Clinic',
    'Drives a 2016 Toyota Camry to work.',
    'ZIP CODE TELEPHONE (Include Area Code)',
    'CHEST PA ERECT',
    'HCPCS NPI 1',
    'Re: Referral for consultation',
    'HEALTH HISTORY - Patientname',
    "I'm contacting you about a problem",
    'Dl thedicaior oowmonay',
  ])('%j', (text) => {
    expect(redact(text)).toBe(text);
  });

  it('takes capitals only as an overlay: not before an ordinary word', () => {
    expect(redact('NOGUEIRA IGOR DIAGNOSTIC')).toBe('NOGUEIRA IGOR DIAGNOSTIC');
    expect(redact('PORTABLE CHEST [M] view')).toBe('PORTABLE CHEST [M] view');
    expect(redact('Scan of LUNG [F] 12/23/1988')).toBe('Scan of LUNG [F] [DATE]');
  });
});

describe('the vocabulary behind it', () => {
  const lexicon = loadNameLexicon();
  it('knows English words and drug stems', () => {
    expect(isUnknownWord('Oyebola', lexicon)).toBe(true);
    expect(isUnknownWord('Patient', lexicon)).toBe(false);
    expect(isUnknownWord('Apixaban', lexicon)).toBe(false);
    expect(isUnknownWord('Le', lexicon)).toBe(false);
    expect(looksLikeDrug('rosuvastatin', loadVocabulary().drugStems)).toBe(true);
    expect(looksLikeDrug('statin', loadVocabulary().drugStems)).toBe(false);
  });

  it('takes dictionary names and unknown words as name-like, not English words', () => {
    expect(isNameish('Margaret', lexicon)).toBe(true);
    expect(isNameish('Jean-Baptiste', lexicon)).toBe(true);
    expect(isNameish('Referral', lexicon)).toBe(false);
    expect(isNameish('the', lexicon)).toBe(false);
  });
});

describe('words before and inside a run that make it no name', () => {
  it.each([
    'Her wife now drives her Toyota Camry to work.',
    'Refills sent to the Farmacia Esperanza on file.',
    'Sauer Med check',
  ])('%j', (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe('surname particles and names joined by "and"', () => {
  it.each([
    ['Päivi de la Cruz', '[NAME]'],
    ['Aron van Leeuwen is seen today', '[NAME] is seen today'],
    // particles before a name found without them
    ['9:40 AM van Dijk, Maarten 05/11/1962', '[DATE] [NAME] [DATE]'],
    [
      'Plan discussed with Lachlan and Ludovic. Follow-up soon.',
      'Plan discussed with [NAME] and [NAME] Follow-up soon.',
    ],
    [
      'Plan discussed with Dr. Okafor and Vân Khánh today',
      'Plan discussed with Dr. [NAME] and [NAME] today',
    ],
  ])('%j → %j', (text, redacted) => {
    expect(redact(text)).toBe(redacted);
  });

  it.each([
    'the de la Cruz ward',
    'Plan discussed with Dr. Okafor and Cardiology today',
    'Metformin and Apixaban were continued',
  ])('%j stays', (text) => {
    expect(redact(text).replace('Dr. [NAME]', 'Dr. Okafor')).toBe(text);
  });
});
