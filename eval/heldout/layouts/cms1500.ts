// The CMS-1500 (02/12) professional claim: the NUCC grid printed in drop-out red, data typed in
// capitals by a practice system in a Courier-like face. Item numbers and captions follow the form.
import { ascii, lastFirstCaps } from '../cast.js';
import { decoy, phi, SheetBuilder, type SegLike, type Style } from '../sheet.js';
import type { Sheet } from '../sheet.js';
import type { World } from '../world.js';
import { addDays, formatDay, type Day } from '../when.js';
import { cap, LETTER } from './kit.js';

const RED = '#c43a3a';
const CAPTION: Style = { face: 'condensed', size: 5.6, fill: RED };
const CAPTION_BIG: Style = { face: 'condensedBold', size: 7, fill: RED };
const DATA: Style = { face: 'typewriter', size: 9.2 };

const CPT: ReadonlyArray<[string, string]> = [
  ['99213', '115.00'],
  ['99214', '165.00'],
  ['93000', '48.00'],
  ['36415', '12.00'],
  ['80053', '38.50'],
  ['71046', '92.00'],
  ['90471', '25.00'],
  ['G0439', '175.00'],
];
const ICD = [
  'E11.9',
  'I10',
  'J45.909',
  'M54.50',
  'Z00.00',
  'E78.5',
  'R07.89',
  'N39.0',
  'F41.1',
  'K21.9',
];

/** Draws the claim. */
export function cms1500(w: World): Sheet[] {
  const b = new SheetBuilder(w.doc, LETTER.width, LETTER.height);
  const { rng, patient: pt, ids, places } = w;
  const left = 24;
  const width = LETTER.width - 48;
  const mid = left + width * 0.58;
  const cell = (x: number, y: number, wd: number, h: number, ...caption: SegLike[]) => {
    b.frame(x, y, wd, h, 0.55, RED);
    if (caption.length > 0)
      b.text(x + 2, y + 6.4, CAPTION, ...caption.map((c) => (typeof c === 'string' ? cap(c) : c)));
  };
  const data = (x: number, y: number, ...segs: SegLike[]) => b.text(x, y, DATA, ...segs);
  const boxDate = (x: number, y: number, day: Day, fourDigitYear: boolean) => {
    const e = w.doc.entity();
    const mm = String(day.m).padStart(2, '0');
    const dd = String(day.d).padStart(2, '0');
    const yy = fourDigitYear ? String(day.y) : String(day.y % 100).padStart(2, '0');
    data(x, y, phi('DATE', mm, e));
    data(x + 22, y, phi('DATE', dd, e));
    data(x + 44, y, phi('DATE', yy, e));
  };

  // Carrier block: the payer's public claims address (safe).
  const payer = w.payer;
  data(mid + 10, 40, decoy('facility-name', ascii(payer.name).toUpperCase()));
  data(mid + 10, 51, decoy('payer-contact', payer.claimsStreet.toUpperCase()));
  data(mid + 10, 62, decoy('payer-contact', payer.claimsCity.toUpperCase()));
  b.text(
    left,
    34,
    { face: 'condensedBold', size: 13, fill: RED },
    cap('HEALTH INSURANCE CLAIM FORM'),
  );
  b.text(
    left,
    44,
    CAPTION,
    cap('APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE (NUCC)'),
    decoy('form-number', '02/12'),
  );
  b.hline(left, 70, width, 1, RED);

  // Row 1: programme and 1a.
  let y = 74;
  cell(
    left,
    y,
    mid - left,
    22,
    '1.',
    'MEDICARE',
    'MEDICAID',
    'TRICARE',
    'CHAMPVA',
    'GROUP HEALTH PLAN',
    'FECA BLK LUNG',
    'OTHER',
  );
  const programmes = [
    '(Medicare#)',
    '(Medicaid#)',
    '(ID#/DoD#)',
    '(Member',
    'ID#)',
    '(ID#)',
    '(ID#)',
  ];
  programmes.forEach((p, i) => {
    b.checkbox(left + 4 + i * 46, y + 10, 7, i === 4, DATA);
    b.text(left + 13 + i * 46, y + 16, CAPTION, cap(p));
  });
  cell(mid, y, left + width - mid, 22, "1a. INSURED'S I.D. NUMBER", '(For Program in Item 1)');
  data(mid + 6, y + 18, phi('HEALTH_PLAN_ID', pt.memberId));

  // Row 2: 2, 3, 4.
  y += 22;
  const name = lastFirstCaps(pt.person);
  cell(left, y, 220, 24, "2. PATIENT'S NAME (Last Name, First Name, Middle Initial)");
  data(left + 4, y + 19, phi('NAME', name));
  cell(left + 220, y, mid - left - 220, 24, "3. PATIENT'S BIRTH DATE", 'SEX');
  b.text(left + 226, y + 12, CAPTION, cap('MM'), cap('DD'), cap('YY'));
  boxDate(left + 226, y + 21, pt.dob, true);
  b.checkbox(left + 300, y + 13, 7, pt.person.sex === 'M', DATA);
  b.text(left + 309, y + 19, CAPTION, decoy('checkbox', 'M'));
  b.checkbox(left + 318, y + 13, 7, pt.person.sex === 'F', DATA);
  b.text(left + 327, y + 19, CAPTION, decoy('checkbox', 'F'));
  const insuredIsSelf = rng.chance(0.6);
  const insured = insuredIsSelf ? pt.person : w.cast.person();
  cell(mid, y, left + width - mid, 24, "4. INSURED'S NAME (Last Name, First Name, Middle Initial)");
  data(mid + 6, y + 19, phi('NAME', lastFirstCaps(insured)));

  // Row 3: addresses and relationship.
  y += 24;
  cell(left, y, 220, 22, "5. PATIENT'S ADDRESS (No., Street)");
  data(left + 4, y + 18, phi('ADDRESS', ascii(pt.home.street).toUpperCase()));
  cell(left + 220, y, mid - left - 220, 22, '6. PATIENT RELATIONSHIP TO INSURED');
  ['Self', 'Spouse', 'Child', 'Other'].forEach((r, i) => {
    b.text(left + 224 + i * 30, y + 14, CAPTION, decoy('checkbox', r));
    b.checkbox(left + 224 + i * 30 + 14, y + 9, 7, insuredIsSelf ? i === 0 : i === 1, DATA);
  });
  cell(mid, y, left + width - mid, 22, "7. INSURED'S ADDRESS (No., Street)");
  data(mid + 6, y + 18, phi('ADDRESS', ascii(pt.home.street).toUpperCase()));
  y += 22;
  const cityRow = (x: number) => {
    cell(x, y, 170, 22, 'CITY');
    data(x + 4, y + 18, phi('ADDRESS', ascii(pt.home.city).toUpperCase()));
    cell(x + 170, y, 50, 22, 'STATE');
    data(x + 176, y + 18, pt.home.state ?? '');
  };
  cityRow(left);
  cell(left + 220, y, mid - left - 220, 44, '8. RESERVED FOR NUCC USE');
  cityRow(mid);
  y += 22;
  const zipRow = (x: number) => {
    cell(x, y, 90, 22, 'ZIP CODE');
    data(x + 4, y + 18, phi('ADDRESS', pt.home.zip));
    cell(x + 90, y, 130, 22, 'TELEPHONE (Include Area Code)');
    const digits = pt.phone.replace(/\D/g, '').slice(-10);
    const e = w.doc.entity();
    data(
      x + 94,
      y + 18,
      '(',
      phi('PHONE', digits.slice(0, 3), e),
      ')',
      phi('PHONE', `${digits.slice(3, 6)} ${digits.slice(6)}`, e),
    );
  };
  zipRow(left);
  zipRow(mid);

  // Row 4: 9, 10, 11.
  y += 22;
  const other = rng.chance(0.5) ? w.cast.person() : undefined;
  cell(left, y, 220, 22, "9. OTHER INSURED'S NAME (Last name, First Name, Middle Initial)");
  if (other) data(left + 4, y + 18, phi('NAME', lastFirstCaps(other)));
  cell(left + 220, y, mid - left - 220, 88, "10. IS PATIENT'S CONDITION RELATED TO:");
  cell(mid, y, left + width - mid, 22, "11. INSURED'S POLICY GROUP OR FECA NUMBER");
  data(mid + 6, y + 18, phi('HEALTH_PLAN_ID', pt.groupNumber));
  y += 22;
  cell(left, y, 220, 22, "a. OTHER INSURED'S POLICY OR GROUP NUMBER");
  if (other) data(left + 4, y + 18, phi('HEALTH_PLAN_ID', ids.groupNumber()));
  ['a. EMPLOYMENT? (Current or Previous)', 'b. AUTO ACCIDENT?', 'c. OTHER ACCIDENT?'].forEach(
    (q, i) => {
      b.text(left + 224, y + 6 + i * 20, CAPTION, cap(q));
      b.checkbox(left + 240, y + 9 + i * 20, 7, false, DATA);
      b.text(left + 250, y + 15 + i * 20, CAPTION, decoy('checkbox', 'YES'));
      b.checkbox(left + 270, y + 9 + i * 20, 7, true, DATA);
      b.text(left + 280, y + 15 + i * 20, CAPTION, decoy('checkbox', 'NO'));
    },
  );
  b.text(left + 300, y + 26, CAPTION, cap('PLACE (State)'));
  cell(mid, y, left + width - mid, 22, "a. INSURED'S DATE OF BIRTH", 'SEX');
  boxDate(mid + 8, y + 18, insuredIsSelf ? pt.dob : w.calendar.birth(25, 80), true);
  y += 22;
  cell(left, y, 220, 22, 'b. RESERVED FOR NUCC USE');
  cell(mid, y, left + width - mid, 22, 'b. OTHER CLAIM ID (Designated by NUCC)');
  if (rng.chance(0.5)) data(mid + 6, y + 18, phi('OTHER_ID', ids.claimNumber()));
  y += 22;
  cell(left, y, 220, 22, 'c. RESERVED FOR NUCC USE');
  cell(mid, y, left + width - mid, 22, 'c. INSURANCE PLAN NAME OR PROGRAM NAME');
  data(mid + 6, y + 18, decoy('facility-name', ascii(`${payer.name} ${payer.plan}`).toUpperCase()));
  y += 22;
  cell(left, y, 220, 22, 'd. INSURANCE PLAN NAME OR PROGRAM NAME');
  cell(left + 220, y, mid - left - 220, 22, '10d. CLAIM CODES (Designated by NUCC)');
  cell(mid, y, left + width - mid, 22, 'd. IS THERE ANOTHER HEALTH BENEFIT PLAN?');
  b.checkbox(mid + 8, y + 10, 7, Boolean(other), DATA);
  b.text(mid + 18, y + 16, CAPTION, decoy('checkbox', 'YES'));
  b.checkbox(mid + 40, y + 10, 7, !other, DATA);
  b.text(mid + 50, y + 16, CAPTION, decoy('checkbox', 'NO'));

  // 12 / 13 signatures on file.
  y += 22;
  const signed = addDays(w.today, -rng.int(0, 20));
  cell(
    left,
    y,
    mid - left,
    26,
    "12. PATIENT'S OR AUTHORIZED PERSON'S SIGNATURE I authorize the release of any medical or other information necessary",
  );
  b.text(left + 4, y + 21, CAPTION, cap('SIGNED'));
  data(left + 30, y + 21, 'SIGNATURE', 'ON', 'FILE');
  b.text(left + 200, y + 21, CAPTION, cap('DATE'));
  data(left + 222, y + 21, phi('DATE', formatDay(signed, 'mdy-short')));
  cell(mid, y, left + width - mid, 26, "13. INSURED'S OR AUTHORIZED PERSON'S SIGNATURE");
  b.text(mid + 4, y + 21, CAPTION, cap('SIGNED'));
  data(mid + 30, y + 21, 'SOF');

  // 14–18.
  y += 26;
  const onset = addDays(w.today, -rng.int(3, 90));
  cell(left, y, 180, 22, '14. DATE OF CURRENT ILLNESS, INJURY, or PREGNANCY (LMP)', 'QUAL.');
  boxDate(left + 6, y + 18, onset, false);
  data(left + 76, y + 18, decoy('code', '431'));
  cell(left + 180, y, mid - left - 180, 22, '15. OTHER DATE', 'QUAL.');
  cell(mid, y, left + width - mid, 22, '16. DATES PATIENT UNABLE TO WORK IN CURRENT OCCUPATION');
  y += 22;
  const referring = w.clinician().person;
  cell(left, y, 180, 22, '17. NAME OF REFERRING PROVIDER OR OTHER SOURCE');
  data(
    left + 4,
    y + 18,
    decoy('code', 'DN'),
    phi('NAME', ascii(`${referring.given} ${referring.family}`).toUpperCase()),
  );
  cell(left + 180, y, mid - left - 180, 22, '17b.', 'NPI');
  data(left + 200, y + 18, phi('OTHER_ID', ids.npi()));
  cell(mid, y, left + width - mid, 22, '18. HOSPITALIZATION DATES RELATED TO CURRENT SERVICES');
  y += 22;
  cell(left, y, mid - left, 22, '19. ADDITIONAL CLAIM INFORMATION (Designated by NUCC)');
  if (rng.chance(0.5)) data(left + 4, y + 18, 'PA', phi('OTHER_ID', ids.priorAuth()));
  cell(mid, y, left + width - mid, 22, '20. OUTSIDE LAB?', '$ CHARGES');

  // 21 diagnoses, 22, 23.
  y += 22;
  const dx = rng.sample(ICD, rng.int(2, 4));
  cell(
    left,
    y,
    mid - left,
    40,
    '21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY Relate A-L to service line below (24E)',
    'ICD Ind.',
  );
  data(left + 250, y + 14, decoy('code', '0'));
  dx.forEach((code, i) => {
    b.text(left + 6 + (i % 4) * 80, y + 26, CAPTION, cap(`${'ABCD'[i] ?? 'A'}.`));
    data(left + 14 + (i % 4) * 80, y + 28, decoy('icd10', code.replace('.', '')));
  });
  cell(mid, y, left + width - mid, 20, '22. RESUBMISSION CODE', 'ORIGINAL REF. NO.');
  cell(mid, y + 20, left + width - mid, 20, '23. PRIOR AUTHORIZATION NUMBER');
  data(mid + 6, y + 37, phi('OTHER_ID', ids.priorAuth()));

  // 24: service lines.
  y += 40;
  cell(
    left,
    y,
    width,
    16,
    '24. A.',
    'DATE(S) OF SERVICE',
    'B.',
    'PLACE OF SERVICE',
    'C.',
    'EMG',
    'D. PROCEDURES, SERVICES, OR SUPPLIES',
    'E. DIAGNOSIS POINTER',
    'F. $ CHARGES',
    'G. DAYS OR UNITS',
    'J. RENDERING PROVIDER ID. #',
  );
  b.text(
    left + 4,
    y + 14,
    CAPTION,
    cap('From'),
    cap('MM'),
    cap('DD'),
    cap('YY'),
    cap('To'),
    cap('MM'),
    cap('DD'),
    cap('YY'),
  );
  y += 16;
  const rendering = w.clinician().person;
  const renderingNpi = ids.npi();
  const lines = rng.int(2, 5);
  const visit = addDays(w.today, -rng.int(1, 25));
  let total = 0;
  for (let i = 0; i < 6; i++) {
    cell(left, y, width, 20);
    if (i < lines) {
      const [cpt, fee] = rng.pick(CPT);
      total += Number(fee);
      const d = formatDay(visit, 'mmddyy');
      const e = w.doc.entity();
      data(
        left + 4,
        y + 15,
        phi('DATE', `${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)}`, e),
        phi('DATE', `${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)}`, e),
      );
      data(left + 150, y + 15, decoy('code', '11'));
      data(left + 205, y + 15, decoy('cpt', cpt));
      data(left + 300, y + 15, decoy('code', 'AB'.slice(0, rng.int(1, 2))));
      data(left + 340, y + 15, decoy('money', fee.replace('.', ' ')));
      data(left + 400, y + 15, '1');
      b.text(left + 430, y + 15, CAPTION, cap('NPI'));
      data(left + 450, y + 15, phi('OTHER_ID', renderingNpi));
    }
    y += 20;
  }

  // 25–33.
  cell(left, y, 150, 22, '25. FEDERAL TAX I.D. NUMBER', 'SSN', 'EIN');
  data(left + 4, y + 18, phi('OTHER_ID', ids.ein()));
  cell(left + 150, y, 110, 22, "26. PATIENT'S ACCOUNT NO.");
  data(left + 154, y + 18, phi('ACCOUNT_NUMBER', pt.account));
  cell(left + 260, y, mid - left - 260, 22, '27. ACCEPT ASSIGNMENT?');
  b.checkbox(left + 266, y + 10, 7, true, DATA);
  b.text(left + 276, y + 16, CAPTION, decoy('checkbox', 'YES'));
  cell(mid, y, 80, 22, '28. TOTAL CHARGE');
  data(mid + 6, y + 18, decoy('money', total.toFixed(2).replace('.', ' ')));
  cell(mid + 80, y, 80, 22, '29. AMOUNT PAID');
  cell(mid + 160, y, left + width - mid - 160, 22, '30. Rsvd for NUCC Use');
  y += 22;
  const f = w.facility;
  cell(left, y, 170, 46, '31. SIGNATURE OF PHYSICIAN OR SUPPLIER INCLUDING DEGREES OR CREDENTIALS');
  data(
    left + 4,
    y + 30,
    phi('NAME', ascii(`${rendering.given} ${rendering.family}`).toUpperCase()),
    'MD',
  );
  b.text(left + 4, y + 42, CAPTION, cap('SIGNED'));
  b.text(left + 90, y + 42, CAPTION, cap('DATE'));
  data(left + 110, y + 42, phi('DATE', formatDay(w.today, 'mdy-short')));
  const hospital = places.us();
  cell(left + 170, y, mid - left - 170, 46, '32. SERVICE FACILITY LOCATION INFORMATION');
  data(left + 174, y + 18, decoy('facility-name', 'OUTPATIENT PAVILION'));
  data(left + 174, y + 28, phi('ADDRESS', ascii(hospital.street).toUpperCase()));
  const hc = w.doc.entity();
  data(
    left + 174,
    y + 38,
    phi('ADDRESS', `${hospital.city.toUpperCase()}`, hc),
    hospital.state ?? '',
    phi('ADDRESS', hospital.zip, hc),
  );
  cell(mid, y, left + width - mid, 46, '33. BILLING PROVIDER INFO & PH #');
  data(mid + 120, y + 8, decoy('facility-public-number', f.mainLine));
  data(mid + 4, y + 18, decoy('facility-name', ascii(f.name).toUpperCase()));
  data(mid + 4, y + 28, decoy('facility-address', f.street.toUpperCase()));
  data(mid + 4, y + 38, decoy('facility-address', f.cityLine.toUpperCase()));
  y += 46;
  cell(left, y, mid - left, 14, '32a.', 'NPI');
  data(left + 190, y + 12, phi('OTHER_ID', ids.npi()));
  cell(mid, y, left + width - mid, 14, '33a.', 'NPI');
  data(mid + 30, y + 12, phi('OTHER_ID', ids.npi()));
  y += 26;
  b.text(
    left,
    y,
    CAPTION,
    cap('NUCC Instruction Manual available at:'),
    decoy('public-url', 'www.nucc.org'),
  );
  b.centre(LETTER.width / 2, y, CAPTION_BIG, cap('PLEASE PRINT OR TYPE'));
  b.right(
    left + width,
    y,
    CAPTION,
    cap('APPROVED OMB-0938-1197 FORM 1500'),
    decoy('form-number', '(02-12)'),
  );
  return [b.build()];
}
