// A new-patient registration and health-history form filled in by hand: printed captions and
// lines, answers in a handwriting face with a wobbling baseline, tick boxes, a signature.
import { fullName } from '../cast.js';
import { decoy, phi, SheetBuilder, type SegLike, type Sheet, type Style } from '../sheet.js';
import type { World } from '../world.js';
import { ageOn, formatDay } from '../when.js';
import { cap, LETTER, letterhead } from './kit.js';

export function handwrittenIntake(w: World): Sheet[] {
  const { rng, patient: pt, places, ids } = w;
  const print: Style = { face: 'plex', size: 8.5 };
  const printBold: Style = { face: 'plexBold', size: 9.5 };
  const ink = rng.pick(['#16246b', '#111111', '#2a2a55']);
  const hand: Style = { face: rng.chance(0.5) ? 'hand' : 'script', size: 14, fill: ink, wobble: 2 };
  const L = 44;
  const W = LETTER.width - 88;
  const pages: Sheet[] = [];

  // Page 1: registration.
  let b = new SheetBuilder(w.doc, LETTER.width, LETTER.height);
  letterhead(b, w.facility, L, 30, { face: 'plexBold', size: 13 }, { face: 'plex', size: 7.5 });
  b.right(L + W, 46, { face: 'plexBold', size: 14 }, cap('NEW PATIENT REGISTRATION'));
  let y = 112;
  const field = (x: number, wd: number, caption: string, ...answer: SegLike[]) => {
    b.text(x, y, print, cap(caption));
    const cx = x + b.measure(print, caption) + 4;
    b.hline(cx, y + 2, x + wd - cx - 6, 0.5, '#444444');
    if (answer.length > 0) b.text(cx + 4, y - 1, hand, ...answer);
  };
  const row = (gap = 30) => {
    y += gap;
  };
  b.text(L, y - 20, printBold, cap('PATIENT INFORMATION'));
  field(L, W * 0.42, 'Last name', phi('NAME', pt.person.family));
  field(L + W * 0.42, W * 0.33, 'First', phi('NAME', pt.person.given));
  field(
    L + W * 0.75,
    W * 0.25,
    'MI',
    ...(pt.person.middle ? [phi('NAME', pt.person.middle.charAt(0))] : []),
  );
  row();
  const age = ageOn(pt.dob, w.today);
  field(
    L,
    W * 0.35,
    'Date of birth',
    phi('DATE', formatDay(pt.dob, rng.pick(['mdy-nopad', 'mdy-short', 'mdy'] as const))),
  );
  field(
    L + W * 0.35,
    W * 0.15,
    'Age',
    age > 89 ? phi('AGE', String(age)) : decoy('age', String(age)),
  );
  b.text(L + W * 0.52, y, print, cap('Sex'));
  ['M', 'F', 'X'].forEach((s, i) => {
    b.checkbox(L + W * 0.52 + 22 + i * 26, y - 8, 9, s === pt.person.sex, hand);
    b.text(L + W * 0.52 + 34 + i * 26, y, print, decoy('checkbox', s));
  });
  field(
    L + W * 0.75,
    W * 0.25,
    'SSN',
    ...(rng.chance(0.7) ? [phi('SSN', rng.chance(0.5) ? pt.ssn : pt.ssn.replace(/-/g, ' '))] : []),
  );
  row();
  b.text(L, y, print, cap('Marital status'));
  ['Single', 'Married', 'Divorced', 'Widowed', 'Partner'].forEach((s, i) => {
    b.checkbox(L + 70 + i * 66, y - 8, 9, i === rng.int(0, 4), hand);
    b.text(L + 82 + i * 66, y, print, decoy('checkbox', s));
  });
  row();
  field(L, W, 'Street address', phi('ADDRESS', pt.home.street));
  row();
  field(L, W * 0.45, 'City', phi('ADDRESS', pt.home.city));
  field(L + W * 0.45, W * 0.2, 'State', pt.home.state ?? pt.home.country ?? '');
  field(L + W * 0.65, W * 0.35, 'ZIP', phi('ADDRESS', pt.home.zip));
  row();
  field(L, W * 0.5, 'Home phone', phi('PHONE', pt.phone));
  field(L + W * 0.5, W * 0.5, 'Cell', phi('PHONE', pt.mobile));
  row();
  field(L, W, 'E-mail', phi('EMAIL', pt.email));
  row();
  const employer = w.cast.person();
  field(
    L,
    W * 0.55,
    'Employer',
    phi(
      'NAME',
      `${employer.family} ${rng.pick(['Construction', 'Foods', 'Cleaning', 'Trucking', 'Tax Service'])}`,
    ),
  );
  field(L + W * 0.55, W * 0.45, 'Work phone', phi('PHONE', places.phone(pt.home)));
  row(40);
  b.text(L, y - 20, printBold, cap('EMERGENCY CONTACT'));
  const contact = w.cast.person();
  field(L, W * 0.45, 'Name', phi('NAME', fullName(contact)));
  field(
    L + W * 0.45,
    W * 0.25,
    'Relationship',
    rng.pick(['sister', 'son', 'wife', 'husband', 'friend', 'mother']),
  );
  field(
    L + W * 0.7,
    W * 0.3,
    'Phone',
    phi('PHONE', rng.chance(0.3) ? places.foreignPhone() : places.phone(pt.home)),
  );
  row(40);
  b.text(L, y - 20, printBold, cap('INSURANCE'));
  field(L, W * 0.5, 'Primary insurance', decoy('facility-name', w.payer.name));
  field(L + W * 0.5, W * 0.5, 'Member ID', phi('HEALTH_PLAN_ID', pt.memberId));
  row();
  const holderIsSelf = rng.chance(0.6);
  field(L, W * 0.5, 'Group #', phi('HEALTH_PLAN_ID', pt.groupNumber));
  field(
    L + W * 0.5,
    W * 0.5,
    'Policy holder',
    holderIsSelf ? decoy('checkbox', 'Self') : phi('NAME', fullName(w.cast.person())),
  );
  row();
  field(
    L,
    W * 0.5,
    "Holder's DOB",
    holderIsSelf ? 'same' : phi('DATE', formatDay(w.calendar.birth(25, 80), 'mdy-nopad')),
  );
  field(
    L + W * 0.5,
    W * 0.5,
    'Medicare #',
    ...(age >= 65 ? [phi('HEALTH_PLAN_ID', ids.mbi())] : ['N/A']),
  );
  row(40);
  b.text(L, y - 20, printBold, cap('PHARMACY AND PHYSICIANS'));
  field(
    L,
    W * 0.5,
    'Pharmacy',
    decoy(
      'facility-name',
      rng.pick(['Walgreens on Main', 'CVS', 'Costco Pharmacy', 'Farmacia San Jose']),
    ),
  );
  field(L + W * 0.5, W * 0.5, 'Pharmacy phone', phi('PHONE', places.phone(pt.home)));
  row();
  const pcp = w.clinician().person;
  field(L, W * 0.5, 'Primary care doctor', 'Dr.', phi('NAME', pcp.family));
  field(L + W * 0.5, W * 0.5, 'Referred by', phi('NAME', fullName(w.cast.person())));
  row(40);
  b.wrap(
    L,
    y,
    W,
    { face: 'plex', size: 7.5 },
    10,
    'I authorize release of information to my insurer and assign benefits to the practice. I have received the Notice of Privacy Practices.'
      .split(' ')
      .map(cap),
  );
  y += 40;
  b.text(L, y, print, cap('Signature'));
  b.text(
    L + 60,
    y - 2,
    { face: 'script', size: 18, fill: ink, wobble: 3 },
    phi('NAME', `${pt.person.given.charAt(0)}. ${pt.person.family}`),
  );
  b.hline(L + 55, y + 2, 220, 0.5, '#444444');
  b.text(L + 300, y, print, cap('Date'));
  b.text(L + 330, y - 1, hand, phi('DATE', formatDay(w.today, 'mdy-short')));
  b.hline(L + 325, y + 2, 120, 0.5, '#444444');
  b.text(
    L,
    LETTER.height - 30,
    { face: 'plex', size: 6.5 },
    decoy('form-number', 'REG-01 (rev. 2022)'),
    cap('Page'),
    decoy('page-number', '1 of 2'),
  );
  pages.push(b.build());

  // Page 2: health history.
  b = new SheetBuilder(w.doc, LETTER.width, LETTER.height);
  b.text(L, 44, printBold, cap('HEALTH HISTORY'), '-', cap('Patient name'));
  b.text(L + 170, 43, hand, phi('NAME', fullName(pt.person)));
  b.hline(L + 165, 46, 200, 0.5, '#444444');
  y = 80;
  field(
    L,
    W,
    'Reason for visit',
    rng.pick([
      'knee pain since fall',
      'check up + refills',
      'dizzy spells, BP high',
      'cough 3 weeks',
    ]),
  );
  row();
  b.text(L, y, print, cap('Do you have or have you had:'));
  row(18);
  const conditions = [
    'Diabetes',
    'High blood pressure',
    'Asthma',
    'Heart disease',
    'Stroke',
    'Cancer',
    'Kidney disease',
    'Thyroid',
    'Depression',
    'Hepatitis',
  ];
  conditions.forEach((c, i) => {
    const x = L + (i % 2) * (W / 2);
    if (i % 2 === 0 && i > 0) y += 18;
    b.checkbox(x, y - 8, 9, rng.chance(0.3), hand);
    b.text(x + 13, y, print, decoy('checkbox', c));
  });
  row(32);
  b.text(L, y, print, cap('Current medications (name, dose, how often)'));
  row(22);
  for (const [drug, dose, freq] of rng.sample(
    [
      ['lisinopril', '20 mg', 'daily'],
      ['metformin', '500 mg', '2x day'],
      ['aspirin', '81 mg', 'daily'],
      ['albuterol', '2 puffs', 'PRN'],
      ['omeprazole', '20 mg', 'AM'],
      ['gabapentin', '300 mg', 'at night'],
    ] as const,
    3,
  )) {
    b.text(L + 10, y, hand, decoy('drug', drug), decoy('dose', dose), freq);
    b.hline(L, y + 3, W, 0.4, '#777777');
    y += 24;
  }
  row(8);
  field(
    L,
    W,
    'Allergies',
    decoy('drug', rng.pick(['penicillin', 'sulfa', 'codeine'])),
    '-',
    rng.pick(['rash', 'hives', 'swelling']),
  );
  row();
  field(
    L,
    W,
    'Surgeries (year)',
    rng.pick(['appendix', 'gallbladder', 'C-section', 'knee']),
    decoy('year', String(w.today.y - rng.int(2, 30))),
  );
  row();
  const lmp = w.calendar.near(-40, -5);
  field(
    L,
    W * 0.5,
    'Last physical',
    phi('DATE', formatDay(lmp, rng.pick(['mdy-short', 'month-d'] as const))),
  );
  field(L + W * 0.5, W * 0.5, 'Tobacco', rng.pick(['never', 'quit', '1/2 ppd']));
  row(40);
  b.text(L, y, printBold, cap('OFFICE USE ONLY'));
  b.frame(L, y + 6, W, 60, 0.6, '#444444');
  b.text(L + 6, y + 22, print, cap('Chart #'));
  b.text(
    L + 50,
    y + 21,
    { face: 'hand', size: 13, fill: '#111111', wobble: 1 },
    phi('MRN', pt.mrn),
  );
  b.text(L + 200, y + 22, print, cap('Verified by'));
  b.text(
    L + 260,
    y + 21,
    { face: 'script', size: 13, fill: '#111111', wobble: 1 },
    phi('NAME', w.cast.person().given),
  );
  b.text(
    L + 6,
    y + 46,
    print,
    cap('Copay collected'),
    decoy('money', `$${rng.pick([20, 25, 40])}`),
    cap('Appt'),
  );
  b.text(
    L + 160,
    y + 45,
    { face: 'hand', size: 13, fill: '#111111', wobble: 1 },
    phi(
      'DATE',
      `${formatDay(w.today, 'mdy-short')} ${rng.int(8, 11)}:${rng.pick(['00', '15', '30', '45'])}`,
    ),
  );
  b.text(
    L,
    LETTER.height - 30,
    { face: 'plex', size: 6.5 },
    decoy('form-number', 'REG-01 (rev. 2022)'),
    cap('Page'),
    decoy('page-number', '2 of 2'),
  );
  pages.push(b.build());
  return pages;
}
