// The UB-04 (CMS-1450) institutional claim: numbered form locators (FL) on a dense grid, printed
// in drop-out red, data in capitals. Dates are MMDDYY, the birth date MMDDCCYY, hours two digits.
import { ascii, lastFirstCaps } from '../cast.js';
import { decoy, phi, SheetBuilder, type SegLike, type Style } from '../sheet.js';
import type { Sheet } from '../sheet.js';
import type { World } from '../world.js';
import { addDays, formatDay } from '../when.js';
import { cap, LETTER } from './kit.js';

const RED = '#b8453a';
const CAPTION: Style = { face: 'condensed', size: 5.2, fill: RED };
const DATA: Style = { face: 'typewriter', size: 8.4 };

const REVENUE: ReadonlyArray<[string, string, string, string]> = [
  ['0250', 'PHARMACY', '', '184.20'],
  ['0300', 'LABORATORY', '80053', '212.00'],
  ['0320', 'DX X-RAY', '71046', '310.00'],
  ['0450', 'EMERGENCY ROOM', '99284', '1265.00'],
  ['0730', 'EKG/ECG', '93005', '145.00'],
  ['0636', 'DRUGS REQUIRE DETAIL', 'J1100', '22.50'],
  ['0272', 'STERILE SUPPLY', '', '64.00'],
];

export function ub04(w: World): Sheet[] {
  const b = new SheetBuilder(w.doc, LETTER.width, LETTER.height);
  const { rng, patient: pt, ids } = w;
  const L = 20;
  const W = LETTER.width - 40;
  const cell = (x: number, y: number, wd: number, h: number, ...caption: SegLike[]) => {
    b.frame(x, y, wd, h, 0.5, RED);
    if (caption.length > 0)
      b.text(
        x + 1.5,
        y + 5.6,
        CAPTION,
        ...caption.map((c) => (typeof c === 'string' ? cap(c) : c)),
      );
  };
  const data = (x: number, y: number, ...segs: SegLike[]) => b.text(x, y, DATA, ...segs);
  const f = w.facility;

  // FL1 provider (the issuer: safe), FL2 pay-to, FL3a/b, FL4.
  let y = 24;
  cell(L, y, 190, 48, '1');
  data(L + 8, y + 13, decoy('facility-name', ascii(f.name).toUpperCase()));
  data(L + 8, y + 24, decoy('facility-address', f.street.toUpperCase()));
  data(L + 8, y + 35, decoy('facility-address', f.cityLine.toUpperCase()));
  data(L + 8, y + 46, decoy('facility-public-number', f.mainLine));
  cell(L + 190, y, 170, 48, '2');
  cell(L + 360, y, W - 360, 16, '3a PAT.', 'CNTL #');
  data(L + 400, y + 13, phi('ACCOUNT_NUMBER', pt.account));
  cell(L + 360, y + 16, W - 360, 16, 'b. MED.', 'REC. #');
  data(L + 400, y + 29, phi('MRN', pt.mrn));
  cell(L + 360, y + 32, 60, 16, '4 TYPE', 'OF BILL');
  data(L + 380, y + 46, decoy('code', '0131'));
  cell(L + 420, y + 32, 70, 16, '5 FED. TAX NO.');
  data(L + 424, y + 46, phi('OTHER_ID', ids.ein()));
  const admit = addDays(w.today, -rng.int(1, 6));
  const discharge = addDays(admit, rng.int(0, 3));
  cell(L + 490, y + 32, W - 490, 16, '6 STATEMENT COVERS PERIOD', 'FROM', 'THROUGH');
  data(
    L + 494,
    y + 46,
    phi('DATE', formatDay(admit, 'mmddyy')),
    phi('DATE', formatDay(discharge, 'mmddyy')),
  );

  // FL8–FL17.
  y += 48;
  cell(L, y, 250, 30, '8 PATIENT NAME', 'a');
  data(L + 10, y + 24, phi('NAME', lastFirstCaps(pt.person)));
  cell(L + 250, y, W - 250, 30, '9 PATIENT ADDRESS', 'a');
  data(L + 262, y + 14, phi('ADDRESS', ascii(pt.home.street).toUpperCase()));
  const ce = w.doc.entity();
  data(
    L + 262,
    y + 26,
    phi('ADDRESS', ascii(pt.home.city).toUpperCase(), ce),
    pt.home.state ?? pt.home.country?.toUpperCase() ?? '',
    phi('ADDRESS', pt.home.zip, ce),
  );
  y += 30;
  const hour = (h: number) => String(h).padStart(2, '0');
  const admitHour = rng.int(0, 23);
  const captions = [
    '10 BIRTHDATE',
    '11 SEX',
    '12 DATE',
    '13 HR',
    '14 TYPE',
    '15 SRC',
    '16 DHR',
    '17 STAT',
  ];
  const widths = [70, 30, 60, 30, 30, 30, 30, 30];
  let x = L;
  captions.forEach((c, i) => {
    cell(x, y, widths[i] ?? 30, 22, c);
    x += widths[i] ?? 30;
  });
  b.text(L + 100, y - 1, CAPTION, cap('ADMISSION'));
  const admitEntity = w.doc.entity();
  data(L + 4, y + 18, phi('DATE', formatDay(pt.dob, 'mmddyyyy')));
  data(L + 80, y + 18, pt.person.sex);
  data(L + 104, y + 18, phi('DATE', formatDay(admit, 'mmddyy'), admitEntity));
  data(L + 164, y + 18, phi('DATE', hour(admitHour), admitEntity));
  data(L + 194, y + 18, decoy('code', String(rng.int(1, 3))));
  data(L + 224, y + 18, decoy('code', String(rng.int(1, 9))));
  data(L + 254, y + 18, phi('DATE', hour(rng.int(0, 23))));
  data(L + 284, y + 18, decoy('code', '01'));
  cell(x, y, L + W - x, 22, '18', '19', '20', '21', 'CONDITION CODES', '22', '23', '24');
  data(x + 6, y + 18, decoy('code', rng.pick(['02', '09', '39', 'A1'])));

  // FL31–34 occurrence codes and dates.
  y += 22;
  const occWidth = W / 4;
  for (let i = 0; i < 4; i++) {
    cell(L + i * occWidth, y, occWidth, 22, `${31 + i} OCCURRENCE`, 'CODE', 'DATE');
    if (i < 2) {
      data(L + i * occWidth + 4, y + 18, decoy('code', i === 0 ? '11' : '01'));
      data(
        L + i * occWidth + 30,
        y + 18,
        phi('DATE', formatDay(addDays(admit, -rng.int(0, 10)), 'mmddyy')),
      );
    }
  }

  // FL38 responsible party, FL39–41 value codes.
  y += 22;
  cell(L, y, 280, 50, '38');
  const insured = rng.chance(0.5) ? pt.person : w.cast.person();
  data(L + 8, y + 14, phi('NAME', lastFirstCaps(insured, false)));
  data(L + 8, y + 26, phi('ADDRESS', ascii(pt.home.street).toUpperCase()));
  const re = w.doc.entity();
  data(
    L + 8,
    y + 38,
    phi('ADDRESS', ascii(pt.home.city).toUpperCase(), re),
    pt.home.state ?? '',
    phi('ADDRESS', pt.home.zip, re),
  );
  cell(L + 280, y, W - 280, 50, '39 VALUE CODES', 'CODE', 'AMOUNT', '40', '41');
  data(L + 286, y + 20, decoy('code', '80'), decoy('money', `${rng.int(1, 4)} 00`));

  // FL42–47 revenue lines.
  y += 50;
  cell(
    L,
    y,
    W,
    14,
    '42 REV. CD.',
    '43 DESCRIPTION',
    '44 HCPCS / RATE / HIPPS CODE',
    '45 SERV. DATE',
    '46 SERV. UNITS',
    '47 TOTAL CHARGES',
  );
  y += 14;
  const lines = rng.sample(REVENUE, rng.int(3, 5));
  let total = 0;
  for (let i = 0; i < 9; i++) {
    cell(L, y, W, 15);
    const line = lines[i];
    if (line) {
      const [rev, desc, hcpcs, charge] = line;
      total += Number(charge);
      data(L + 4, y + 11, decoy('code', rev));
      data(L + 44, y + 11, desc);
      if (hcpcs) data(L + 220, y + 11, decoy(/^\d/.test(hcpcs) ? 'cpt' : 'code', hcpcs));
      data(L + 330, y + 11, phi('DATE', formatDay(admit, 'mmddyy')));
      data(L + 400, y + 11, String(rng.int(1, 3)));
      data(L + 470, y + 11, decoy('money', charge.replace('.', ' ')));
    }
    y += 15;
  }
  cell(L, y, W, 15, '0001', 'PAGE', '1', 'OF', '1', 'CREATION DATE');
  data(L + 200, y + 11, phi('DATE', formatDay(w.today, 'mmddyy')));
  b.text(L + 330, y + 11, CAPTION, cap('TOTALS'));
  data(L + 470, y + 11, decoy('money', total.toFixed(2).replace('.', ' ')));

  // FL50–57 payers.
  y += 15;
  const payer = w.payer;
  cell(L, y, 170, 40, '50 PAYER NAME');
  data(L + 4, y + 18, decoy('facility-name', ascii(payer.name).toUpperCase()));
  cell(L + 170, y, 100, 40, '51 HEALTH PLAN ID');
  data(L + 174, y + 18, decoy('code', payer.payerId));
  cell(L + 270, y, 50, 40, '52 REL', 'INFO');
  data(L + 284, y + 18, 'Y');
  cell(L + 320, y, 100, 40, '55 EST. AMOUNT DUE');
  cell(L + 420, y, W - 420, 40, '56 NPI');
  data(L + 440, y + 18, phi('OTHER_ID', ids.npi()));
  // FL58–65 insured.
  y += 40;
  cell(L, y, 190, 36, "58 INSURED'S NAME");
  data(L + 4, y + 18, phi('NAME', lastFirstCaps(insured, false)));
  cell(L + 190, y, 40, 36, '59 P. REL');
  data(L + 200, y + 18, decoy('code', insured === pt.person ? '18' : '01'));
  cell(L + 230, y, 130, 36, "60 INSURED'S UNIQUE ID");
  data(L + 234, y + 18, phi('HEALTH_PLAN_ID', pt.memberId));
  cell(L + 360, y, 100, 36, '61 GROUP NAME');
  const employer = w.cast.person();
  const employerName = `${ascii(employer.family).toUpperCase()} ${rng.pick(['LOGISTICS', 'FOODS', 'CONSTRUCTION', 'AUTO BODY'])}`;
  data(L + 364, y + 18, phi('NAME', employerName));
  cell(L + 460, y, W - 460, 36, '62 INSURANCE GROUP NO.');
  data(L + 464, y + 18, phi('HEALTH_PLAN_ID', pt.groupNumber));
  y += 36;
  cell(L, y, 230, 30, '63 TREATMENT AUTHORIZATION CODES');
  data(L + 4, y + 22, phi('OTHER_ID', ids.priorAuth()));
  cell(L + 230, y, 170, 30, '64 DOCUMENT CONTROL NUMBER');
  data(L + 234, y + 22, phi('OTHER_ID', ids.claimNumber()));
  cell(L + 400, y, W - 400, 30, '65 EMPLOYER NAME');
  data(L + 404, y + 22, phi('NAME', employerName));
  // FL66–81.
  y += 30;
  const dx = rng.sample(['R07.9', 'I20.9', 'J18.9', 'N17.9', 'E86.0', 'S52.501A', 'K35.80'], 4);
  cell(L, y, W, 28, '66 DX', '67');
  data(L + 8, y + 22, decoy('code', '0'));
  dx.forEach((code, i) => data(L + 40 + i * 90, y + 22, decoy('icd10', code.replace('.', ''))));
  y += 28;
  cell(L, y, 160, 28, '69 ADMIT DX', '70 PATIENT REASON DX');
  data(L + 8, y + 22, decoy('icd10', (dx[0] ?? 'R079').replace('.', '')));
  cell(L + 160, y, 180, 28, '74 PRINCIPAL PROCEDURE', 'CODE', 'DATE');
  cell(L + 340, y, W - 340, 28, '76 ATTENDING', 'NPI', 'LAST', 'FIRST');
  const attending = w.clinician().person;
  data(L + 360, y + 14, phi('OTHER_ID', ids.npi()));
  const ae = w.doc.entity();
  data(L + 344, y + 25, phi('NAME', ascii(attending.family).toUpperCase(), ae));
  data(L + 450, y + 25, phi('NAME', ascii(attending.given).toUpperCase(), ae));
  y += 28;
  cell(L, y, 340, 40, '80 REMARKS');
  if (rng.chance(0.6))
    data(
      L + 8,
      y + 18,
      'PT',
      'TRANSFERRED',
      'FROM',
      decoy('facility-name', 'ST. ANSELM'),
      'ON',
      phi('DATE', formatDay(admit, 'mdy-short')),
    );
  cell(L + 340, y, W - 340, 40, '81CC', 'a');
  data(L + 350, y + 18, decoy('code', 'B3'), decoy('code', '207P00000X'));
  y += 52;
  b.text(
    L,
    y,
    CAPTION,
    cap('UB-04 CMS-1450'),
    cap('APPROVED OMB NO. 0938-0997'),
    cap('NUBC'),
    cap('National Uniform Billing Committee'),
  );
  b.right(
    L + W,
    y,
    CAPTION,
    cap('THE CERTIFICATIONS ON THE REVERSE APPLY TO THIS BILL AND ARE MADE A PART HEREOF.'),
  );
  return [b.build()];
}
