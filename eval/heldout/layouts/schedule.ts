// Two EHR printouts: a provider's daily appointment schedule (landscape table: slot time, patient
// "LAST, First", DOB, MRN, phone, visit type, arrival time) and a patient-portal message thread
// with the portal's audit footer (user, date-time, IP of the session).
import { fullName, lastFirst } from '../cast.js';
import { decoy, phi, SheetBuilder, type Sheet, type Style } from '../sheet.js';
import type { World } from '../world.js';
import { addDays, formatClock, formatDay } from '../when.js';
import { cap, dateSeg, LETTER } from './kit.js';
import { dateAtTime } from './prose.js';

const VISITS = [
  'Follow-up',
  'New Patient',
  'Annual Wellness',
  'Telehealth',
  'Post-op',
  'Lab Review',
  'Procedure',
  'Walk-in',
];

export function appointmentSchedule(w: World): Sheet[] {
  const { rng, places, ids } = w;
  const width = LETTER.height;
  const height = LETTER.width;
  const font: Style = { face: 'condensed', size: 9.5 };
  const bold: Style = { face: 'condensedBold', size: 9.5 };
  const provider = w.clinician();
  const day = w.today;
  const pages: Sheet[] = [];
  const slots = rng.int(22, 30);
  const perPage = 16;
  const cols = [36, 86, 230, 300, 380, 470, 560, 650];
  let slot = { h: 8, mi: 0, s: 0 };
  for (let page = 0; page * perPage < slots; page++) {
    const b = new SheetBuilder(w.doc, width, height);
    b.text(36, 34, { face: 'condensedBold', size: 14 }, cap('Daily Appointment Schedule'));
    b.right(width - 36, 34, font, decoy('facility-name', w.facility.name));
    b.text(
      36,
      52,
      bold,
      cap('Provider:'),
      'Dr.',
      phi('NAME', fullName(provider.person)),
      provider.credential,
    );
    b.text(300, 52, bold, cap('Date:'), dateSeg(day, 'weekday'));
    b.right(width - 36, 52, font, cap('Office hours Mon–Fri 8:00–17:00'), cap('Lunch 12:00–13:00'));
    const heads = ['Time', 'Patient', 'DOB', 'MRN', 'Phone', 'Visit type', 'Arrived', 'Notes'];
    heads.forEach((h, i) => b.text(cols[i] ?? 36, 76, bold, cap(h)));
    b.hline(36, 80, width - 72, 0.8);
    let y = 96;
    for (let i = page * perPage; i < Math.min(slots, (page + 1) * perPage); i++) {
      const person = w.cast.person();
      const dob = w.calendar.birth(1, 95);
      b.text(cols[0] ?? 36, y, font, phi('DATE', formatClock(slot, rng.chance(0.5) ? '24' : '12')));
      b.text(cols[1] ?? 86, y, font, phi('NAME', lastFirst(person)));
      b.text(cols[2] ?? 230, y, font, phi('DATE', formatDay(dob, 'mdy')));
      b.text(cols[3] ?? 300, y, font, phi('MRN', ids.mrn(2)));
      b.text(cols[4] ?? 380, y, font, phi('PHONE', places.phone(undefined, rng.int(0, 2))));
      b.text(cols[5] ?? 470, y, font, rng.pick(VISITS));
      if (rng.chance(0.6))
        b.text(
          cols[6] ?? 560,
          y,
          font,
          phi('DATE', formatClock({ ...slot, mi: Math.max(0, slot.mi - rng.int(0, 14)) }, '24')),
        );
      const note = rng.next();
      if (note < 0.15)
        b.text(
          cols[7] ?? 650,
          y,
          font,
          'interpreter',
          rng.pick(['Spanish', 'Vietnamese', 'Somali', 'Polish', 'Haitian Creole']),
        );
      else if (note < 0.25) b.text(cols[7] ?? 650, y, font, 'copay', decoy('money', '$25'));
      else if (note < 0.32) b.text(cols[7] ?? 650, y, font, 'INR', decoy('lab-value', '2.4'));
      b.hline(36, y + 5, width - 72, 0.3, '#999999');
      y += 26;
      slot = { h: slot.h + Math.floor((slot.mi + 20) / 60), mi: (slot.mi + 20) % 60, s: 0 };
    }
    b.text(
      36,
      height - 24,
      { face: 'condensed', size: 8 },
      cap('Printed'),
      dateSeg(addDays(day, -1), 'mdy', {
        clock: { h: rng.int(16, 19), mi: rng.int(0, 59), s: 0 },
        style: '24',
      }),
      cap('by'),
      phi('NAME', w.cast.person().given.toLowerCase()),
    );
    b.right(
      width - 36,
      height - 24,
      { face: 'condensed', size: 8 },
      decoy('page-number', `Page ${page + 1} of ${Math.ceil(slots / perPage)}`),
    );
    pages.push(b.build());
  }
  return pages;
}

export function portalPrintout(w: World): Sheet[] {
  const { rng, patient: pt, ids } = w;
  const b = new SheetBuilder(w.doc, LETTER.width, LETTER.height);
  const body: Style = { face: 'helvetica', size: 10 };
  const bold: Style = { face: 'helveticaBold', size: 10 };
  const small: Style = { face: 'helvetica', size: 8 };
  const L = 54;
  const W = LETTER.width - 108;
  b.rect(0, 0, LETTER.width, 50, '#e4eaf2');
  b.text(
    L,
    30,
    { face: 'helveticaBold', size: 15 },
    decoy('facility-name', 'MyHealth'),
    cap('Portal'),
    '-',
    decoy('facility-name', w.facility.name),
  );
  b.text(L, 72, bold, cap('Message thread'), '-', cap('printed for the medical record'));
  b.text(
    L,
    88,
    small,
    cap('Patient:'),
    phi('NAME', fullName(pt.person)),
    cap('MRN'),
    phi('MRN', pt.mrn),
    cap('DOB'),
    phi('DATE', formatDay(pt.dob, 'mdy')),
  );
  let y = 116;
  const nurse = w.clinician().person;
  const sent = addDays(w.today, -rng.int(1, 5));
  const messages: Array<[string, Parameters<SheetBuilder['wrap']>[5]]> = [
    [
      'From patient',
      [
        'Hi,',
        'this',
        'is',
        phi('NAME', `${pt.person.given}.`),
        'My',
        'sugar',
        'was',
        decoy('lab-value', '286'),
        'this',
        'morning',
        'and',
        'I',
        'ran',
        'out',
        'of',
        decoy('drug', 'glipizide'),
        decoy('dose', '5 mg.'),
        'You',
        'can',
        'call',
        'me',
        'at',
        phi('PHONE', pt.mobile),
        'or',
        'write',
        'to',
        phi('EMAIL', pt.email),
        '.',
        'My',
        'new',
        'address',
        'is',
        phi('ADDRESS', `${pt.home.street},`),
        ...(pt.home.country
          ? [phi('ADDRESS', `${pt.home.zip} ${pt.home.city},`), pt.home.country]
          : [phi('ADDRESS', `${pt.home.city},`), pt.home.state ?? '', phi('ADDRESS', pt.home.zip)]),
        '-',
        phi('NAME', pt.person.given),
      ],
    ],
    [
      'From care team',
      [
        'Hello',
        phi('NAME', `${pt.person.given},`),
        'thank',
        'you',
        'for',
        'letting',
        'us',
        'know.',
        'A',
        '30-day',
        'refill',
        'was',
        'sent.',
        'Please',
        'keep',
        'your',
        'appointment',
        'on',
        ...dateAtTime(
          w,
          formatDay(addDays(sent, rng.int(3, 20)), 'month-d'),
          formatClock({ h: rng.int(8, 16), mi: rng.pick([0, 20, 40]), s: 0 }, '12'),
        ),
        'and',
        'bring',
        'your',
        'meter.',
        'If',
        'sugars',
        'stay',
        'above',
        decoy('lab-value', '300'),
        'call',
        decoy('facility-public-number', w.facility.mainLine),
        '(option',
        '2).',
        '-',
        phi('NAME', `${nurse.given} ${nurse.family},`),
        'RN',
      ],
    ],
  ];
  for (const [who, segs] of messages) {
    b.text(L, y, bold, cap(who));
    b.right(
      L + W,
      y,
      small,
      ...dateAtTime(w, formatDay(sent, 'mdy'), formatClock(w.calendar.clock(true), '12')),
    );
    b.hline(L, y + 5, W, 0.5, '#8899aa');
    y = b.wrap(L, y + 22, W, body, 14, segs) + 14;
  }
  b.text(L, y, small, cap('Attachment:'), `photo_${rng.digits(4)}.jpg`, cap('(image not printed)'));
  y += 30;
  b.text(
    L,
    y,
    small,
    cap('Audit: session opened by'),
    phi('EMAIL', pt.email),
    cap('from'),
    phi('IP_ADDRESS', rng.chance(0.6) ? ids.ipv4() : ids.ipv6()),
  );
  b.text(
    L,
    y + 12,
    small,
    cap('Patient link:'),
    phi(
      'URL',
      `https://myhealth.${w.facility.website.replace(/^www\./, '')}/messages/${rng.chars(10, 'abcdefghjkmnpqrstuvwxyz23456789')}`,
    ),
  );
  b.text(
    L,
    LETTER.height - 30,
    small,
    cap('Printed'),
    dateSeg(w.today, 'mdy', { clock: w.calendar.clock(), style: '12' }),
    cap('Page 1 of 1'),
  );
  b.right(L + W, LETTER.height - 30, small, decoy('public-url', w.facility.website));
  return [b.build()];
}
