// A reference-laboratory test requisition, in the manner of the big US labs' paper forms: client
// block, patient and insurance blocks, a collection line (date and time), test menu with
// checkboxes and codes, ICD-10 codes, a barcode with the requisition number.
import { fullName, lastFirst } from '../cast.js';
import { decoy, phi, SheetBuilder, type SegLike, type Style } from '../sheet.js';
import type { Sheet } from '../sheet.js';
import type { World } from '../world.js';
import { addDays, formatClock, formatDay } from '../when.js';
import { cap, cityLineSegs, LETTER, letterhead, streetSeg } from './kit.js';

const TESTS: ReadonlyArray<[string, string]> = [
  ['CBC With Differential/Platelet', '005009'],
  ['Comprehensive Metabolic Panel (14)', '322000'],
  ['Lipid Panel', '303756'],
  ['Hemoglobin A1c', '001453'],
  ['TSH', '004259'],
  ['Vitamin D, 25-Hydroxy', '081950'],
  ['Urinalysis, Complete', '003772'],
  ['PSA, Total', '010322'],
  ['Hepatitis C Antibody', '140659'],
  ['Ferritin', '004598'],
  ['Magnesium, Serum', '001537'],
  ['Prothrombin Time (PT/INR)', '005199'],
  ['Basic Metabolic Panel (8)', '322758'],
  ['Iron and TIBC', '001321'],
];

export function labRequisition(w: World): Sheet[] {
  const b = new SheetBuilder(w.doc, LETTER.width, LETTER.height);
  const { rng, patient: pt, ids, places } = w;
  const sans: Style = { face: 'plex', size: 8 };
  const bold: Style = { face: 'plexBold', size: 8 };
  const label: Style = { face: 'condensed', size: 6.6, fill: '#333333' };
  const hand = rng.chance(0.5);
  const value: Style = hand
    ? { face: 'hand', size: 11, fill: '#1d2b6b', wobble: 1.2 }
    : { face: 'mono', size: 8.6 };
  const L = 30;
  const W = LETTER.width - 60;
  const field = (x: number, y: number, wd: number, caption: string, ...segs: SegLike[]) => {
    b.frame(x, y, wd, 24, 0.5, '#555555');
    b.text(x + 2, y + 7, label, cap(caption));
    if (segs.length > 0) b.text(x + 4, y + 20, value, ...segs);
  };

  const lab = w.facility;
  letterhead(b, lab, L, 24, { face: 'plexBold', size: 14 }, { face: 'plex', size: 7.5 });
  b.right(L + W, 40, { face: 'plexBold', size: 12 }, cap('TEST REQUISITION'));
  // Barcode of the requisition number (bars are non-text ink; the printed number is OTHER_ID).
  const req = ids.accession('lab');
  let bx = L + W - 160;
  for (let i = 0; i < 44; i++) {
    const t = rng.pick([0.8, 1.2, 1.8, 2.4]);
    if (i % 2 === 0) b.rect(bx, 48, t, 22);
    bx += t + 0.6;
  }
  b.text(L + W - 160, 80, sans, cap('Req #'), phi('OTHER_ID', req));

  // Client (ordering practice) block: its account at the lab is an account number.
  let y = 92;
  const doctor = w.clinician();
  const practice = places.us();
  b.frame(L, y, W * 0.5, 70, 0.6, '#555555');
  b.text(L + 4, y + 10, bold, cap('CLIENT / ORDERING PHYSICIAN'));
  b.text(L + 4, y + 22, sans, cap('Client #'), phi('ACCOUNT_NUMBER', ids.accountNumber()));
  b.text(L + 4, y + 33, sans, 'Dr.', phi('NAME', fullName(doctor.person)), doctor.credential);
  b.text(L + 4, y + 44, sans, streetSeg(practice));
  b.text(L + 4, y + 55, sans, ...cityLineSegs(practice, w.doc.entity()));
  b.text(
    L + 4,
    y + 66,
    sans,
    cap('NPI'),
    phi('OTHER_ID', ids.npi()),
    cap('Ph'),
    phi('PHONE', places.phone(practice)),
  );
  b.frame(L + W * 0.5, y, W * 0.5, 70, 0.6, '#555555');
  b.text(L + W * 0.5 + 4, y + 10, bold, cap('COLLECTION'));
  const collected = addDays(w.today, -rng.int(0, 2));
  const clock = w.calendar.clock();
  const withTime = formatClock(clock, rng.pick(['24', '12'] as const));
  b.text(L + W * 0.5 + 4, y + 24, label, cap('Date/Time Collected'));
  b.text(
    L + W * 0.5 + 80,
    y + 24,
    value,
    phi('DATE', `${formatDay(collected, 'mdy')} ${withTime}`),
  );
  b.text(L + W * 0.5 + 4, y + 40, label, cap('Fasting'));
  b.checkbox(L + W * 0.5 + 34, y + 33, 7, true, sans);
  b.text(L + W * 0.5 + 44, y + 40, label, decoy('checkbox', 'Yes'));
  b.checkbox(L + W * 0.5 + 64, y + 33, 7, false, sans);
  b.text(L + W * 0.5 + 74, y + 40, label, decoy('checkbox', 'No'));
  b.text(L + W * 0.5 + 100, y + 40, label, cap('Collected by'), cap('(initials)'));
  b.text(
    L + W * 0.5 + 4,
    y + 56,
    label,
    cap('Specimen'),
    decoy('code', 'SST'),
    decoy('code', 'LAV'),
    cap('Urine'),
    cap('Total volume'),
    decoy('lab-value', '24 h'),
  );

  // Patient block.
  y += 78;
  b.text(L, y, bold, cap('PATIENT INFORMATION'), cap('(print clearly)'));
  y += 4;
  field(L, y, W * 0.45, 'Patient Last Name, First Name, MI', phi('NAME', lastFirst(pt.person)));
  field(
    L + W * 0.45,
    y,
    W * 0.2,
    'Date of Birth',
    phi('DATE', formatDay(pt.dob, rng.pick(['mdy', 'mdy-nopad'] as const))),
  );
  field(L + W * 0.65, y, W * 0.1, 'Sex', pt.person.sex);
  field(L + W * 0.75, y, W * 0.25, 'Patient ID / MRN', phi('MRN', pt.mrn));
  y += 24;
  field(L, y, W * 0.45, 'Address', streetSeg(pt.home));
  field(L + W * 0.45, y, W * 0.55, 'City, State, ZIP', ...cityLineSegs(pt.home, w.doc.entity()));
  y += 24;
  field(L, y, W * 0.3, 'Phone', phi('PHONE', pt.phone));
  field(
    L + W * 0.3,
    y,
    W * 0.3,
    'SSN (optional)',
    ...(rng.chance(0.6) ? [phi('SSN', pt.ssn)] : []),
  );
  field(L + W * 0.6, y, W * 0.4, 'Email', phi('EMAIL', pt.email));

  // Billing.
  y += 32;
  b.text(L, y, bold, cap('BILL TO'));
  ['Client', 'Patient', 'Insurance', 'Medicare', 'Medicaid'].forEach((opt, i) => {
    b.checkbox(L + 50 + i * 62, y - 7, 7, i === 2, sans);
    b.text(L + 60 + i * 62, y, label, decoy('checkbox', opt));
  });
  y += 4;
  const subscriber = rng.chance(0.6) ? pt.person : w.cast.person();
  field(L, y, W * 0.35, 'Insurance Company', decoy('facility-name', w.payer.name));
  field(L + W * 0.35, y, W * 0.3, 'Member / Policy #', phi('HEALTH_PLAN_ID', pt.memberId));
  field(L + W * 0.65, y, W * 0.35, 'Group #', phi('HEALTH_PLAN_ID', pt.groupNumber));
  y += 24;
  field(L, y, W * 0.45, 'Subscriber Name', phi('NAME', fullName(subscriber)));
  field(
    L + W * 0.45,
    y,
    W * 0.25,
    'Relationship',
    decoy('checkbox', subscriber === pt.person ? 'Self' : 'Spouse'),
  );
  field(L + W * 0.7, y, W * 0.3, 'Payer address', decoy('payer-contact', w.payer.claimsStreet));

  // Diagnosis and tests.
  y += 34;
  b.text(L, y, bold, cap('ICD-10 DIAGNOSIS CODES (required)'));
  const codes = rng.sample(
    ['E11.65', 'E78.2', 'I10', 'D64.9', 'R53.83', 'Z79.01', 'N18.30', 'E03.9', 'Z13.220'],
    4,
  );
  b.text(L + 160, y, value, ...codes.map((c) => decoy('icd10', c)));
  y += 14;
  b.text(L, y, bold, cap('TESTS'), cap('(check all that apply)'));
  const chosen = new Set(
    rng.sample(
      TESTS.map(([n]) => n),
      4,
    ),
  );
  TESTS.forEach(([name, code], i) => {
    const col = i % 2;
    const row = Math.floor(i / 2);
    const x = L + col * (W / 2);
    const yy = y + 14 + row * 14;
    b.checkbox(x, yy - 7, 7, chosen.has(name), sans);
    b.text(x + 12, yy, sans, decoy('code', code), name);
  });
  y += 14 + Math.ceil(TESTS.length / 2) * 14 + 10;
  b.text(L, y, label, cap('Additional tests / clinical notes'));
  b.hline(L, y + 16, W, 0.5, '#555555');
  b.text(
    L + 4,
    y + 13,
    value,
    'on',
    decoy('drug', 'warfarin'),
    decoy('dose', '5 mg'),
    'daily',
    '-',
    'INR',
    'goal',
    decoy('reference-range', '2.0-3.0'),
  );
  y += 34;
  b.text(L, y, label, cap("Physician's signature"));
  b.text(
    L + 80,
    y,
    { face: 'script', size: 13 },
    phi('NAME', `${doctor.person.given.charAt(0)}. ${doctor.person.family}`),
  );
  b.text(L + 300, y, label, cap('Date'));
  b.text(L + 322, y, value, phi('DATE', formatDay(w.today, 'mdy-short')));
  b.text(
    L,
    LETTER.height - 30,
    label,
    cap('Specimens must be labeled with two identifiers.'),
    cap('Client services'),
    decoy('facility-public-number', lab.mainLine),
    cap('Mon–Fri 7:00–19:00'),
  );
  b.right(L + W, LETTER.height - 30, label, decoy('form-number', 'Form TR-114 Rev. 03/2021'));
  return [b.build()];
}
