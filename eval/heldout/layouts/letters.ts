// Free-text layouts of this corpus's own design: a consultation letter (letterhead, recipient,
// `RE:` line that may carry only a first name, body, signature, cc) and a clinical note with an
// MVC/device/telehealth history (vehicle ids, implant serials and UDI, e-mail, IP, personal URL).
import { fullName } from '../cast.js';
import { decoy, phi, SheetBuilder, type SegLike, type Style } from '../sheet.js';
import type { Sheet } from '../sheet.js';
import type { World } from '../world.js';
import { addDays, ageOn, formatClock, formatDay } from '../when.js';
import { cap, cityLineSegs, dateSeg, LETTER, letterhead, streetSeg } from './kit.js';
import { ageSegs, dateAtTime, story } from './prose.js';

/** Lays paragraphs out over as many pages as they need. */
class Flow {
  readonly pages: SheetBuilder[] = [];
  page: SheetBuilder;
  y: number;

  constructor(
    private readonly w: World,
    private readonly margin: number,
    private readonly top: number,
    private readonly header?: (b: SheetBuilder, page: number) => void,
  ) {
    this.page = this.newPage();
    this.y = top;
  }

  private newPage(): SheetBuilder {
    const b = new SheetBuilder(this.w.doc, LETTER.width, LETTER.height);
    this.pages.push(b);
    this.header?.(b, this.pages.length);
    return b;
  }

  paragraph(
    style: Style,
    segs: readonly SegLike[],
    leading = style.size * 1.42,
    gap = style.size * 0.7,
  ) {
    const width = LETTER.width - 2 * this.margin;
    // Estimate the height by measuring: a paragraph that would cross the foot starts a new page.
    const words = segs.length;
    const estimate = Math.ceil((this.page.measure(style, ...segs) + words) / width) * leading;
    if (this.y + estimate > LETTER.height - 70) {
      this.page = this.newPage();
      this.y = this.top;
    }
    this.y = this.page.wrap(this.margin, this.y, width, style, leading, segs) + gap;
  }

  line(style: Style, ...segs: SegLike[]) {
    if (this.y > LETTER.height - 70) {
      this.page = this.newPage();
      this.y = this.top;
    }
    this.page.text(this.margin, this.y, style, ...segs);
    this.y += style.size * 1.4;
  }

  build(): Sheet[] {
    return this.pages.map((b) => b.build());
  }
}

/** A consultation letter from a specialist back to the referring physician. */
export function clinicLetter(w: World, options: { pdf: boolean }): Sheet[] {
  const { rng, patient: pt, places, ids } = w;
  const body: Style = options.pdf ? { face: 'helvetica', size: 10.5 } : { face: 'serif', size: 11 };
  const bold: Style = options.pdf
    ? { face: 'helveticaBold', size: 10.5 }
    : { face: 'serifBold', size: 11 };
  const small: Style = options.pdf ? { face: 'helvetica', size: 8 } : { face: 'plex', size: 8 };
  const f = w.facility;
  const flow = new Flow(w, 64, 150, (b, page) => {
    letterhead(
      b,
      f,
      64,
      40,
      options.pdf ? { face: 'helveticaBold', size: 15 } : { face: 'serifBold', size: 16 },
      small,
    );
    b.hline(64, 108, LETTER.width - 128, 0.8, '#333333');
    if (page > 1)
      b.text(
        64,
        126,
        small,
        phi('NAME', fullName(pt.person)),
        cap('DOB'),
        phi('DATE', formatDay(pt.dob, 'mdy')),
        cap('Page'),
        decoy('page-number', String(page)),
      );
  });
  const visit = addDays(w.today, -rng.int(1, 10));
  const age = ageOn(pt.dob, visit);
  flow.line(body, dateSeg(w.today, rng.pick(['month-d-y', 'd-month-y'] as const)));
  flow.y += 8;
  const referring = w.clinician();
  const practice = places.us();
  flow.line(body, 'Dr.', phi('NAME', fullName(referring.person)), referring.credential);
  flow.line(
    body,
    decoy(
      'facility-name',
      rng.pick([
        'Westside Primary Care',
        'Comunidad Health Partners',
        'Lakeshore Family Medicine',
        'Unity Point Internal Medicine',
      ]),
    ),
  );
  flow.line(body, streetSeg(practice));
  flow.line(body, ...cityLineSegs(practice, w.doc.entity()));
  flow.y += 10;
  const firstOnly = rng.chance(0.5);
  flow.line(
    bold,
    'RE:',
    firstOnly ? phi('NAME', pt.person.given) : phi('NAME', fullName(pt.person)),
    ...(firstOnly
      ? []
      : ['DOB:', phi('DATE', formatDay(pt.dob, rng.pick(['mdy', 'mdy-nopad', 'iso'] as const)))]),
  );
  flow.y += 8;
  flow.line(body, 'Dear', 'Dr.', phi('NAME', `${referring.person.family},`));
  flow.y += 4;
  const s = story(w, { visit, age });
  flow.paragraph(body, [
    ...s.opening,
    'Thank',
    'you',
    'for',
    'asking',
    'me',
    'to',
    'see',
    'this',
    'patient',
    'again.',
  ]);
  for (const p of s.paragraphs) flow.paragraph(body, p);
  flow.paragraph(body, [
    'Please',
    'do',
    'not',
    'hesitate',
    'to',
    'call',
    'my',
    'direct',
    'line',
    phi('PHONE', places.phone(undefined, rng.int(0, 3))),
    'or',
    'the',
    'clinic',
    'at',
    decoy('facility-public-number', f.mainLine),
    'with',
    'questions.',
  ]);
  flow.y += 6;
  flow.line(body, 'Sincerely,');
  flow.y += 10;
  const author = w.clinician();
  flow.line(
    options.pdf ? body : { face: 'script', size: 16 },
    phi('NAME', `${author.person.given} ${author.person.family}`),
  );
  flow.line(body, phi('NAME', fullName(author.person, true)), author.credential);
  flow.line(
    small,
    cap('NPI'),
    phi('OTHER_ID', ids.npi()),
    cap('DEA'),
    phi('LICENSE_NUMBER', ids.dea(author.person)),
  );
  flow.y += 6;
  flow.line(
    small,
    'cc:',
    phi('NAME', fullName(w.cast.person())),
    ',',
    decoy('facility-name', 'Care Coordination'),
  );
  flow.line(
    small,
    cap('Dictated'),
    ...dateAtTime(w, formatDay(visit, 'mdy'), formatClock(w.calendar.clock(), '24')),
  );
  return flow.build();
}

/** An ED/trauma or device-clinic progress note in a monospace EHR print. */
export function clinicalNote(w: World): Sheet[] {
  const { rng, patient: pt, ids, places } = w;
  const mono: Style = { face: 'mono', size: 9 };
  const monoBold: Style = { face: 'monoBold', size: 9 };
  const visit = w.today;
  const age = rng.chance(0.35) ? rng.int(90, 101) : ageOn(pt.dob, visit);
  const flow = new Flow(w, 54, 112, (b, page) => {
    b.text(54, 40, monoBold, decoy('facility-name', w.facility.name.toUpperCase()));
    b.text(54, 54, mono, cap('PROGRESS NOTE'), '-', cap('Emergency Department'));
    b.text(
      54,
      68,
      mono,
      cap('Pt:'),
      phi('NAME', `${pt.person.family.toUpperCase()}, ${pt.person.given.toUpperCase()}`),
      cap('MRN:'),
      phi('MRN', pt.mrn),
      cap('Acct:'),
      phi('ACCOUNT_NUMBER', pt.account),
    );
    b.text(
      54,
      82,
      mono,
      cap('DOB:'),
      phi('DATE', formatDay(pt.dob, 'mdy')),
      cap('Age:'),
      ...(age > 89 ? [phi('AGE', `${age}Y`)] : [decoy('age', `${age}Y`)]),
      cap('Sex:'),
      pt.person.sex,
    );
    b.text(
      54,
      96,
      mono,
      cap('Arrival:'),
      dateSeg(visit, 'mdy', { clock: w.calendar.clock(true), style: '24' }),
      cap('Page'),
      decoy('page-number', `${page}`),
    );
    b.hline(54, 102, LETTER.width - 108, 0.6);
  });
  flow.line(monoBold, cap('HPI:'));
  const driver = rng.chance(0.5);
  flow.paragraph(mono, [
    phi('NAME', fullName(pt.person)),
    'is',
    'a',
    ...ageSegs(age, rng.pick(['year-old', 'yo'] as const)),
    driver ? 'restrained driver in a low-speed MVC on' : 'passenger struck from behind on',
    phi('DATE', formatDay(visit, rng.pick(['month-d', 'mdy-nopad'] as const))),
    'at',
    'approx',
    phi('DATE', formatClock(w.calendar.clock(true), '24')),
    '.',
    'Vehicle',
    rng.pick(['2016 Toyota Camry', '2019 Honda CR-V', '2012 Ford F-150', '2021 Hyundai Elantra']),
    ',',
    'plate',
    phi('VEHICLE_ID', ids.plate()),
    ',',
    'VIN',
    phi('VEHICLE_ID', ids.vin()),
    'per',
    'police',
    'report',
    phi('OTHER_ID', `#${rng.digits(2)}-${rng.digits(6)}`),
    '.',
    'Denies',
    'LOC.',
    'C/o',
    'chest',
    'wall',
    'pain',
    decoy('vital-sign', '6/10'),
    '.',
  ]);
  flow.line(monoBold, cap('DEVICE:'));
  const serial = ids.serial();
  flow.paragraph(mono, [
    'Dual-chamber',
    'pacemaker',
    '(implanted',
    decoy('year', `${visit.y - rng.int(1, 8)}),`),
    'SN',
    phi('DEVICE_ID', serial),
    ',',
    'UDI',
    phi('DEVICE_ID', ids.udi(serial)),
    '.',
    'Interrogation',
    'normal;',
    'battery',
    decoy('lab-value', '8.5 yr'),
    '.',
  ]);
  flow.line(monoBold, cap('MEDS:'));
  for (const [drug, dose, freq] of rng.sample(
    [
      ['metoprolol succinate', '25 mg', 'daily'],
      ['furosemide', '40 mg', 'q AM'],
      ['acetaminophen', '650 mg', 'q6h PRN'],
      ['atorvastatin', '40 mg', 'qHS'],
      ['insulin glargine', '22 units', 'qHS'],
      ['ondansetron', '4 mg', 'q8h PRN'],
    ] as const,
    3,
  ))
    flow.line(mono, '-', decoy('drug', drug), decoy('dose', dose), decoy('time', freq));
  flow.line(monoBold, cap('SOCIAL / CONTACT:'));
  const contact = w.cast.person();
  const contactPhone = rng.chance(0.3) ? places.foreignPhone() : places.phone(pt.home);
  flow.paragraph(mono, [
    'Lives',
    'at',
    phi('ADDRESS', pt.home.street),
    ...(pt.home.country
      ? [phi('ADDRESS', `${pt.home.zip} ${pt.home.city}`), pt.home.country]
      : [phi('ADDRESS', `${pt.home.city},`), pt.home.state ?? '', phi('ADDRESS', pt.home.zip)]),
    'with',
    rng.pick(['sister', 'brother', 'husband', 'wife', 'mother']),
    phi('NAME', fullName(contact)),
    ',',
    'reachable',
    'at',
    phi('PHONE', contactPhone),
    '.',
    'Pt',
    'prefers',
    'e-mail',
    phi('EMAIL', pt.email),
    ';',
    'shared',
    'photos',
    'of',
    'the',
    'scene',
    'at',
    phi('URL', ids.personalUrl(pt.person)),
    '.',
  ]);
  flow.paragraph(mono, [
    'Telehealth',
    'follow-up',
    'video',
    'link',
    'opened',
    'from',
    phi('IP_ADDRESS', rng.chance(0.7) ? ids.ipv4() : ids.ipv6()),
    'on',
    ...dateAtTime(w, formatDay(addDays(visit, 2), 'mdy'), formatClock(w.calendar.clock(), '24')),
    '.',
    'SSN',
    'on',
    'file',
    phi('SSN', pt.ssn),
    '.',
    decoy('icd10', 'S20.211A'),
    decoy('icd10', 'V43.52XA'),
    decoy('cpt', '99284'),
  ]);
  flow.line(monoBold, cap('ASSESSMENT/PLAN:'));
  const s = story(w, { visit, age });
  for (const p of s.paragraphs.slice(1)) flow.paragraph(mono, p);
  const author = w.clinician();
  flow.line(
    mono,
    cap('Electronically signed by'),
    phi('NAME', `${fullName(author.person)},`),
    author.credential,
  );
  flow.line(
    mono,
    cap('on'),
    dateSeg(visit, 'mdy', { clock: w.calendar.clock(true), style: '24' }),
    cap('Lic.'),
    phi('LICENSE_NUMBER', ids.medicalLicense(w.facility.state)),
  );
  return flow.build();
}
