// The detector on hand-built OCR pages: every category, layout, names, lists, OCR uncertainty.
import { describe, expect, it } from 'vitest';
import { documentNames, findPhi, pageNames } from '../../src/phi/detect.js';
import { detectorSettingsFor, loadPhiSettings } from '../../src/phi/detector.js';
import { lineText, spanBox } from '../../src/phi/line-text.js';
import type { TJobOptions } from '../../src/jobs/manifest.js';
import { ocrLine, ocrPage, type LineOptions } from '../support/ocr-lines.js';

const settings = loadPhiSettings({ packFiles: [] });
const detector = (options: TJobOptions = {}) => detectorSettingsFor(settings, options);

/** The page's redacted text: each entity found replaced by `[CATEGORY]`. */
function found(lines: Array<string | [string, LineOptions]>, options: TJobOptions = {}) {
  const page = ocrPage(lines);
  const result = findPhi(page, detector(options));
  return result.redactedText;
}

describe('spanBox', () => {
  it('covers whole words and the space between them', () => {
    const l = lineText(ocrLine('Name: John Smith'));
    expect(spanBox(l, 6, 16)).toEqual({ x: 60, y: 0, w: 100, h: 20 });
  });

  it('splits a glued token by character boxes ("Name:John" masks only "John")', () => {
    const l = lineText(ocrLine('Name:John'));
    expect(spanBox(l, 5, 9)).toEqual({ x: 50, y: 0, w: 39, h: 20 });
  });

  it('splits proportionally when the engine gave no character boxes', () => {
    const l = lineText(ocrLine('Name:John', { chars: false }));
    expect(spanBox(l, 5, 9)).toEqual({ x: 50, y: 0, w: 40, h: 20 });
  });
});

describe('patterns in running text', () => {
  it.each([
    ['SSN 512-48-3391 on file', 'SSN [SSN] on file'],
    ['call (617) 555-0142 or 413.555.0199 ext 12', 'call [PHONE] or [PHONE]'],
    ['fax: 617-555-0100', 'fax: [FAX]'],
    ['write to m.holloway@example.org.', 'write to [EMAIL]'],
    ['portal https://mychart.example.org/visit?id=77 now', 'portal [URL] now'],
    ['blog https: //kwame-health.net/notes. SSN', 'blog [URL] SSN'],
    ['from 192.168.10.44 and 2001:db8:85a3::8a2e:370:7334', 'from [IP_ADDRESS] and [IP_ADDRESS]'],
    ['MBI 1EG4-TE5-MK73 active', 'MBI [HEALTH_PLAN_ID] active'],
    ['VIN 1M8GDM9AXKP042788', 'VIN [VEHICLE_ID]'],
    ['ref 1M8GDM9AXKP042788 on the claim', 'ref [VEHICLE_ID] on the claim'],
    ['prescriber AB1234563', 'prescriber [LICENSE_NUMBER]'],
    ['implant (01)00844588003288(17)141120(10)7654321D(21)10987654', 'implant [DEVICE_ID]'],
    ['seen 03/14/1958 and 1971-09-30 and 3.4.21', 'seen [DATE] and [DATE] and [DATE]'],
    ['on October 5, 2026 at noon', 'on [DATE] at noon'],
    // A time with its date is part of it (issue #10).
    ['November 19, 20624 10:19 - Dr. Baron', '[DATE] [DATE] - Dr. [NAME]'],
    ['on November 19, 30624 units', 'on [DATE] 30624 units'],
    [
      'Printed 04/23/2024 20:26 by Marilie Bins Page 1 of 3',
      'Printed [DATE] [DATE] by [NAME] Page 1 of 3',
    ],
    ['released to Ramiro Pagac. Lungs clear', 'released to [NAME] Lungs clear'],
    ['released to Ramiro J. Pagac today', 'released to [NAME] today'],
    ['on 5th of Oct 2026', 'on [DATE]'],
    ['since March 2019', 'since [DATE]'],
    ['seen on 3/14 for pain', 'seen on [DATE] for pain'],
    ['a 92-year-old woman', 'a [AGE] woman'],
    ['95 y/o male', '[AGE] male'],
    ['age at admission 100 years.', 'age at admission [AGE]'],
    ['lives at 12 Elm Street, Apt 4B with family', 'lives at [ADDRESS] with family'],
    ['Springfield, MA 01103', '[ADDRESS] MA [ADDRESS]'],
    ['West Johnnieland, Rl 15066', '[ADDRESS] Rl [ADDRESS]'],
    [
      'lives at 12 Cedar Court in Lowehaven with her niece',
      'lives at [ADDRESS] in [ADDRESS] with her niece',
    ],
    // the town after the street is no known word alone inside the line, so a name rule takes it
    ['15 Summit Avenue, Floor 3, Nashua', '[ADDRESS] [NAME]'],
    ['374 HIGHLAND AVENUE', '[ADDRESS]'],
    ['reached at (207) 344-651 6 today', 'reached at [PHONE] today'],
    ['Police report 98-056628 provided', 'Police report [OTHER_ID] provided'],
    ['Malibu (plate 294-RDL).', 'Malibu (plate [VEHICLE_ID]'],
    ['claim form 10 11 24 and 101124', 'claim form [DATE] and [DATE]'],
    // a claim line's from–to dates with OCR's spacing, one "03" misread "83"
    ['1206 23 12 06 23 11 99284 A', '[DATE] 11 99284 A'],
    ['1206231206 23 11 93306 AB', '[DATE] 11 93306 AB'],
    ['03 20 25 83 20 25 11 99284 A 520 00', '[DATE] 11 99284 A 520 00'],
    ['03 20 2025 03 20 2025 11', '[DATE] 11'],
    ['12 09 24 12 09 24 11 99214 25', '[DATE] 11 99214 25'],
    ['12 09 24 12 09 24 11 25 A', '[DATE] 11 25 A'],
    // a run starting one group early fails, the pair inside it is still found (and a
    // ten-digit run is a long identifier)
    ['total 1082405683 03 20 25 83 20 25 11', 'total [OTHER_ID] [DATE] 11'],
    // phones with a space OCR put after a separator or an opening parenthesis
    ['call ( 617) 555-0142 today', 'call [PHONE] today'],
    ['call 617- 555- 0142 today', 'call [PHONE] today'],
    // a long digit run with no caption, and one whose caption is on the line before
    ['Auth 526568920 valid until', 'Auth [OTHER_ID] valid until'],
    // 0 read as 8 or 9 on a low-resolution scan
    ['85 89 25 85 09 25', '[DATE]'],
    ['PO Box 4411', '[ADDRESS]'],
    // USPS addresses without a street: rural route, highway contract, military unit and post office
    ['My address is RR 7 Box 18.', 'My address is [ADDRESS]'],
    ['HC 68 Box 19', '[ADDRESS]'],
    ['PSC 1234, Box 5678', '[ADDRESS]'],
    ['UNIT 9182 BOX 40', '[ADDRESS]'],
    ['FPO AP 96601-1234', '[ADDRESS]'],
    // a print footer's login
    ['Printed 03/02/2024 11:05 by rkowalski Page 2', 'Printed [DATE] [DATE] by [NAME] Page 2'],
    ['Printed 03/02/2024 by jdoe.2', 'Printed [DATE] by [NAME]'],
  ])('%j → %j', (text, redacted) => {
    expect(found([text])).toBe(redacted);
  });

  it.each([
    'a year alone: since 2019',
    'dose 500 mg twice daily, 10 mg/kg',
    'BP 142/91 mmHg HR 78 temp 98.6 F',
    'ICD-10 I10, E11.9; CPT 99213',
    'WBC 7.2 (4.5-11.0), sodium 138 mmol/L',
    'Page 1 of 3',
    'Form CMS-1500 (02-12)',
    'an 89-year-old and a 45 y/o',
    'values 000-12-3456 and 666-12-3456 and 912-12-3456 are not SSNs',
    'ref 1M8GDM9A1KP042788 has a bad VIN check digit',
    'code AB1234567 has a bad DEA check digit',
    'version 1.2.3 of the software',
    'at 10:30 the patient was stable',
    'printed by the lab and released to home',
    'lot 12-34-5678901',
    'Lot #: 55821934 exp 2027',
    'NDC 00591540801 tablets',
    'batch no. 55821934',
    'call 617 - 555 - 0142 later',
    'the Unit was closed, Box 3 of the kit',
    'the APO gene and AP views',
    'Printed by the ward clerk',
    // twelve digits that are no from–to pair: odd groups, no real date, three digits apart
    'totals 120 623 120 624',
    'ref 13 20 25 73 20 25',
    'ref 85 99 26 65 09 25',
    'ref 0320 2581 2125',
  ])('leaves %j alone', (text) => {
    expect(found([text])).toBe(text);
  });
});

describe('labels', () => {
  it('takes the value after each label, stopping at the next label', () => {
    expect(found(['DOB: 03/14/1958 MRN: 48213907'])).toBe('DOB: [DATE] MRN: [MRN]');
  });

  it.each([
    ['Patient Name: Margaret Anne Holloway was seen', 'Patient Name: [NAME] was seen'],
    ['Patient Narne: Margaret Holloway', 'Patient Narne: [NAME]'],
    ['Pt Name:  HOLLOWAY, MARGARET', 'Pt Name: [NAME]'],
    ['Member ID: XKJ449201773', 'Member ID: [HEALTH_PLAN_ID]'],
    ['Dependents: JOOST 01', 'Dependents: [NAME] 01'],
    ['Dependents: JOOST 01 GABRIELA 02', 'Dependents: [NAME] 02'],
    ['Dependent: Ana Lopez 12 Main', 'Dependent: [NAME] 12 Main'],
    ['Subscriber: AL-QAHTANI, K RxPCN', 'Subscriber: [NAME] RxPCN'],
    ['Dependent: Ana Lopez', 'Dependent: [NAME]'],
    ['GRP: 884120 RXBIN: 610014', 'GRP: [HEALTH_PLAN_ID] RXBIN: 610014'],
    ['RxGrp: ABC4471', 'RxGrp: [HEALTH_PLAN_ID]'],
    ['Group Number: 0082214', 'Group Number: [HEALTH_PLAN_ID]'],
    ['DLN: D123-4567-8901', 'DLN: [LICENSE_NUMBER]'],
    ['Email: jdoe©mailhost.com', 'Email: [EMAIL]'],
    ['Email: jdoe.mailhost.com', 'Email: [EMAIL]'],
    ['Acct #: 0099-22813', 'Acct #: [ACCOUNT_NUMBER]'],
    ["Driver's License: S530-4411-8722", "Driver's License: [LICENSE_NUMBER]"],
    ["Driver's license #: 632 196 026 State: NY", "Driver's license #: [LICENSE_NUMBER] State: NY"],
    ['License Plate: 7XKD 218', 'License Plate: [VEHICLE_ID]'],
    ['Elantra, plate IL 32694, VIN', 'Elantra, plate [VEHICLE_ID] VIN'],
    ['Serial #: PM4471-99812', 'Serial #: [DEVICE_ID]'],
    ['nightly (serial PTN@389601I).', 'nightly (serial [DEVICE_ID]'],
    ['Accession #: S26-118842', 'Accession #: [OTHER_ID]'],
    ['Prior Auth #: PA77120458', 'Prior Auth #: [OTHER_ID]'],
    // OCR split the number after a hyphen; a count after a whole number stays
    ['(MRN: 8133-314- 99) is known', '(MRN: [MRN] is known'],
    ['MRN: 8133-314 99 tablets', 'MRN: [MRN] 99 tablets'],
    ['Auth KB063799N valid until', 'Auth [OTHER_ID] valid until'],
    ['per police report #87-151535.', 'per police report [OTHER_ID]'],
    ['Claim ID: 26118800472', 'Claim ID: [OTHER_ID]'],
    ['SSN: 512483391', 'SSN: [SSN]'],
    ['DOB 03/14/1958', 'DOB [DATE]'],
    ['City: Springfield', 'City: [ADDRESS]'],
    ['Zip: 01103', 'Zip: [ADDRESS]'],
    ['Last name: Orn First name: Hassie MI: M', 'Last name: [NAME] First name: [NAME] MI: [NAME]'],
  ])('%j → %j', (text, redacted) => {
    expect(found([text])).toBe(redacted);
  });

  it.each([
    ['Last name Omobolaji', 'Last name [NAME]'],
    ['Emergency contact Ngozi Okafor (sister)', 'Emergency contact [NAME] (sister)'],
    ['Referring physician Adewale', 'Referring physician [NAME]'],
  ])('takes a name after a name caption of two words without a colon: %j', (text, redacted) => {
    expect(found([text])).toBe(redacted);
  });

  it.each([
    'Last name First name MI',
    'Patient Name Change Form',
    'Patient name Information',
    'Emergency contact Pharmacy',
    'Last name Pending',
    'Auth required before scheduling',
    'plate is bent',
    // a hint in brackets, as OCR read it, holds captions
    "4. INSURED'S NAME {Last Name. Hirst Name, Middle Initial)",
  ])('leaves %j: no unknown capitalised word follows the caption, or it is a hint', (text) => {
    expect(found([text])).toBe(text);
  });

  it('does not take words that merely contain a label, or labels without a value', () => {
    expect(found(['Rename: the file'])).toBe('Rename: the file');
    expect(found(['Account: overdue balance'])).toBe('Account: overdue balance');
    expect(found(['Name:'])).toBe('Name:');
    expect(found(['She was referred to'])).toBe('She was referred to');
    expect(found(['License: 632 196'])).toBe('License: 632 196');
    expect(found(['s/p MI x 2, MI: s/p stent'])).toBe('s/p MI x 2, MI: s/p stent');
    expect(found(['Email: declined'])).toBe('Email: declined');
    expect(found(['GRP: none on file'])).toBe('GRP: none on file');
    expect(found(['DLN: pending'])).toBe('DLN: pending');
    expect(found(['Dependents: 2'])).toBe('Dependents: 2');
    expect(found(['dependent edema'])).toBe('dependent edema');
  });

  it('reads a value below a label that stands alone in its form box, within its column', () => {
    const page = [
      ['NAME (Last, First)   DATE OF BIRTH', { y: 0 }],
      ['HOLLOWAY, MARGARET   03 14 1958', { y: 30 }],
    ] as Array<[string, LineOptions]>;
    expect(found(page)).toBe('NAME (Last, First) DATE OF BIRTH\n[NAME] [DATE]');
  });

  it('reads a caption whose label ends in a hint, and a middle initial after "Last, First,"', () => {
    const page = [
      ["2. PATIENT'S NAME (Last, First, Middle Initial)   3. BIRTH DATE", { y: 0 }],
      ['KRIS, JILLIAN, A   04 23 1998', { y: 30 }],
    ] as Array<[string, LineOptions]>;
    expect(found(page)).toBe(
      "2. PATIENT'S NAME (Last, First, Middle Initial) 3. BIRTH DATE\n[NAME] [DATE]",
    );
  });

  it("ends a caption's column at the next numbered box, even on a line of its own", () => {
    // OCR read each caption of the row as its own line; the checkbox row to the right sits a
    // little higher than the values and must not be taken for the row below "26."
    const page = [
      ['25. FED. TAX I.D. NO.', { y: 0, block: 0 }],
      ["26. PATIENT'S ACCOUNT NO.", { y: 2, x: 400, block: 1 }],
      ['27. ACCEPT ASSIGN.?', { y: 2, x: 900, block: 2 }],
      ['X YES NO', { y: 28, x: 900, block: 2 }],
      ['87-5433976', { y: 30, block: 0 }],
      ['7353333316', { y: 30, x: 400, block: 1 }],
    ] as Array<[string, LineOptions]>;
    expect(
      found(page)
        .split('\n')
        .filter((l) => l.startsWith('[')),
    ).toEqual(['[OTHER_ID]', '[ACCOUNT_NUMBER]']);
  });

  it('takes a checked value from the left edge of its numbered box, not only under the label', () => {
    // "99" is a misread "09" the engine was unsure of: only the label can find this date
    const page = (caption: string) =>
      found([
        [caption, { y: 0, x: 1000 }],
        ['99 10 1955', { y: 30, x: 1000, block: 1, confidence: { 0: 37 } }],
      ]).split('\n')[2];
    expect(page("a. INSURED'S DATE OF BIRTH")).toBe('[DATE]');
    expect(page("INSURED'S DATE OF BIRTH")).toBe('99 10 1955');
  });

  it('joins the end of a line that OCR read as a block of its own, so a value meets its label', () => {
    const page = [
      ['SIGNED ON FILE DATE 03', { y: 0, block: 0 }],
      ['20 25', { y: 2, x: 230, block: 1 }],
    ] as Array<[string, LineOptions]>;
    expect(found(page)).toBe('SIGNED ON FILE DATE [DATE]');
  });

  it('does not join lines across a column gap', () => {
    const page = [
      ['Visit DATE', { y: 0, block: 0 }],
      ['20 25', { y: 0, x: 600, block: 1 }],
    ] as Array<[string, LineOptions]>;
    expect(found(page)).toBe('Visit DATE\n\n20 25');
  });

  it('reads © as the 0 OCR misread in a labelled date', () => {
    expect(found(['DOB: ©3/14/1958'])).toBe('DOB: [DATE]');
  });

  it('continues a URL that ends its line on a separator onto the next line', () => {
    const url = 'https://portal.example.com/visit/';
    expect(found(['Video visit via', url, 'z5u483g7d6. Mr. joined'])).toBe(
      'Video visit via\n[URL]\n[URL] Mr. joined',
    );
    expect(found(['portal https://portal.example.com/visit', 'Return to clinic'])).toBe(
      'portal [URL]\nReturn to clinic',
    );
  });

  it('continues an address value on the next line', () => {
    const page = [
      ['Address: 12 Elm Street', { y: 0 }],
      ['Springfield, MA 01103', { y: 30, x: 90 }],
    ] as Array<[string, LineOptions]>;
    expect(found(page)).toBe('Address: [ADDRESS]\n[ADDRESS]');
  });

  it('masks a misread value after a label when the engine was unsure of it', () => {
    expect(found([['DOB: O3/l4/l9S8', { confidence: { 1: 41 } }]])).toBe('DOB: [DATE]');
    expect(found([['DOB: unknown', { confidence: { 1: 93 } }]])).toBe('DOB: unknown');
  });
});

describe("a document's names", () => {
  const names = (...pages: string[][]) =>
    documentNames(pages.map((lines) => pageNames(ocrPage(lines), detector())));

  it('masks a name another page captions where this page writes it alone', () => {
    const known = names(['Please schedule Okonkwo for an echo.'], ['Patient: Chidi Okonkwo']);
    expect([...known].sort()).toEqual(['chidi', 'okonkwo']);
    // in capitals, alone, the page's own rules leave it
    const page = ocrPage(['Please schedule OKONKWO for an echo.']);
    expect(findPhi(page, detector()).redactedText).toBe('Please schedule OKONKWO for an echo.');
    expect(findPhi(page, { ...detector(), documentNames: known }).redactedText).toBe(
      'Please schedule [NAME] for an echo.',
    );
  });

  it('carries no English word a rule took for a name, nor a lone first name', () => {
    // "Room" is taken inside the caption's value on that page, but is no name to look for elsewhere
    expect([...names(['Patient: Chidi Room'], ['Seen by Dr. Alvarez today'])].sort()).toEqual([
      'alvarez',
      'chidi',
    ]);
    // a first name alone, with no cue, is too weak a finding to look for on other pages
    expect([...names(['Call Maria about the refill'])]).toEqual([]);
  });
});

describe("an ID card's numbered fields", () => {
  it('takes the family name, the given names and the address after their numbers', () => {
    const card = ['DRIVER LICENSE', '1 MORALES-ITO', '2 ANA SOFIA', '8 410 N ASH DR', '9 CLASS D'];
    expect(found(card)).toBe('DRIVER LICENSE\n1 [NAME]\n2 [NAME]\n8 [ADDRESS]\n9 CLASS D');
  });

  it('leaves numbered lines alone on a page that holds no card', () => {
    const list = ['Discharge instructions', '1 WALK DAILY', '2 Rest', '8 KEEP DRESSING DRY'];
    expect(found(list)).toBe(list.join('\n'));
  });

  it('takes no name from a numbered line that is not written as one', () => {
    expect(found(['IDENTIFICATION CARD', '2 tablets daily'])).toBe(
      'IDENTIFICATION CARD\n2 tablets daily',
    );
  });
});

describe('names', () => {
  it.each([
    ['Seen with her daughter Anna Lopez today', 'Seen with her daughter [NAME] today'],
    ['Dr. Alvarez reviewed the films', 'Dr. [NAME] reviewed the films'],
    ['Dear Dr. Okafor,', 'Dear Dr. [NAME]'],
    ['Margaret Holloway presented with chest pain', '[NAME] presented with chest pain'],
    ['Holloway, Margaret', '[NAME]'],
    ['Sincerely, Priya Raman MD', 'Sincerely, [NAME] MD'],
    ['He was seen with his sister Nakia D’Amore', 'He was seen with his sister [NAME]'],
    ["Seen with her son Liam D'Angelo today", 'Seen with her son [NAME] today'],
    ['Ordering: Dr. Rahsaan Ward Phone:', 'Ordering: Dr. [NAME] Phone:'],
    ['Recollection requested from Dr. Maria Hall.', 'Recollection requested from Dr. [NAME]'],
  ])('%j → %j', (text, redacted) => {
    expect(found([text])).toBe(redacted);
  });

  it('finds the other mentions of a name already found on the page', () => {
    expect(found(['Patient: Margaret Holloway', 'Holloway reports less pain.'])).toBe(
      'Patient: [NAME]\n[NAME] reports less pain.',
    );
  });

  it('finds a mention in capitals, of a name of four letters or more', () => {
    expect(found(['Member: Niamh Okonkwo-Reyes', 'INSURED OKONKWO-REYES NIAMH'])).toBe(
      'Member: [NAME]\nINSURED [NAME] [NAME]',
    );
    expect(found(['Member: Ana Lopez', 'CLAIM FOR ANA'])).toBe('Member: [NAME]\nCLAIM FOR ANA');
  });

  it('takes an initial right before another mention of a name, even without its stop', () => {
    const mention = (line: string) =>
      found(['Provider: Carl Sauer', [line, { block: 1 }]])
        .split('\n')
        .at(-1);
    expect(mention('13:40 C Sauer New patient')).toBe('13:40 [NAME] New patient');
    expect(mention('Lab B; Sauer to call')).toBe('Lab B; [NAME] to call');
  });

  it('leaves ordinary capitalised words that are also names', () => {
    expect(found(['Will follow up in May. Grace period applies. Page 2'])).toBe(
      'Will follow up in May. Grace period applies. Page 2',
    );
    expect(found(['Trace edema, walker at home'])).toBe('Trace edema, walker at home');
    // "Hi" is a first name too, but not as a greeting
    expect(found(['Hi, this is the front desk.'])).toBe('Hi, this is the front desk.');
    // A title's name ends at its comma, even before a word that could be a surname.
    expect(found(["Patient's Rights and Dr. Grace, the Ward"])).toBe(
      "Patient's Rights and Dr. [NAME] the Ward",
    );
  });
});

describe('lists and options', () => {
  it('never masks allow-listed terms, always masks deny-listed ones', () => {
    const text = ['Riverside Clinic main line (617) 555-0100, case of Zed Quux'];
    expect(found(text, { allow: ['(617) 555-0100'], deny: ['NAME: Zed Quux'] })).toBe(
      'Riverside Clinic main line (617) 555-0100, case of [NAME]',
    );
  });

  it('matches several allow terms at once, whatever their spacing and case', () => {
    const text = ['main line (617) 555-0100 or fax 617-555-0199, patient cell 413-555-0142'];
    const allow = ['(617)   555-0100', 'FAX 617-555-0199', 'Riverside'];
    expect(found(text, { allow })).toBe(
      'main line (617) 555-0100 or fax 617-555-0199, patient cell [PHONE]',
    );
  });

  it('masks only the selected categories', () => {
    expect(found(['SSN: 512-48-3391 seen 03/14/2020'], { categories: ['DATE'] })).toBe(
      'SSN: 512-48-3391 seen [DATE]',
    );
  });

  it('masks a low-confidence word right next to PHI', () => {
    expect(found([['call 617-555-0142 x9g', { confidence: { 2: 30 } }]])).toBe('call [PHONE]');
  });

  it('leaves a label the engine was unsure of readable beside PHI', () => {
    expect(found([['Fax: 207-841-4065', { confidence: { 0: 41 } }]])).toBe('Fax: [FAX]');
    expect(found([['Ana Lopez DOB 03/14/1958', { confidence: { 2: 35 } }]])).toBe(
      '[NAME] DOB [DATE]',
    );
    // the same unsure word that is no label is masked with the PHI beside it
    expect(found([['seen DQX 03/14/1958', { confidence: { 1: 35 } }]])).toBe('seen [DATE]');
  });

  it('grows a number only over unsure words that hold a digit (a date grows as before)', () => {
    // a provider number's small "NPI" caption misread "wo"
    expect(found([['1 wo 1099275434', { confidence: { 1: 15 } }]])).toBe('1 wo [OTHER_ID]');
    // an unsure word with a digit may be the number's own tail
    expect(found([['1 wo 1099275434 7x', { confidence: { 3: 30 } }]])).toBe('1 wo [OTHER_ID]');
  });

  it('returns entity boxes with category, confidence and detector', () => {
    const result = findPhi(ocrPage(['Patient Name: John Smith']), detector());
    expect(result.entities).toEqual([
      {
        category: 'NAME',
        bbox: { x: 140, y: 0, w: 100, h: 20 },
        confidence: 0.9,
        detector: 'label',
      },
    ]);
  });
});

describe('words masked after detection (what verification found)', () => {
  it('are redacted in the text under their category, and add no entity', () => {
    const page = ocrPage(['seen by Hol1oway today']);
    const first = findPhi(page, detector());
    expect(first.redactedText).toBe('seen by Hol1oway today');
    const residual = {
      category: 'NAME' as const,
      bbox: { x: 80, y: 0, w: 80, h: 20 },
      confidence: 0.6,
      detector: 'name' as const,
    };
    const after = findPhi(page, detector(), [residual]);
    expect(after.redactedText).toBe('seen by [NAME] today');
    expect(after.entities).toEqual(first.entities);
  });
});
