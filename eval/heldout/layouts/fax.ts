// A fax packet as a receiving office stores it: a cover sheet (the common word-processor template:
// To/From/Fax/Phone/Re/Pages, urgency boxes, confidentiality notice) in front of records, and the
// sending machine's header line (date, time, sender's fax number, page x/y) across every page.
import { ascii, fullName } from '../cast.js';
import { decoy, phi, SheetBuilder, type SegLike, type Sheet, type Style } from '../sheet.js';
import type { World } from '../world.js';
import { formatClock, formatDay } from '../when.js';
import { cap, LETTER, letterhead } from './kit.js';
import { clinicLetter } from './letters.js';

const NOTICE =
  'CONFIDENTIALITY NOTICE: This facsimile contains protected health information that is privileged and confidential under federal and state law. It is intended only for the use of the recipient named above. If you are not the intended recipient, you are hereby notified that any review, disclosure, copying or distribution of this communication is strictly prohibited. If you have received this fax in error, please notify the sender immediately by telephone and destroy all copies.';

function coverSheet(
  w: World,
  total: number,
  form: { body: Style; bold: Style; hand: Style },
): Sheet {
  const { rng, patient: pt, places } = w;
  const b = new SheetBuilder(w.doc, LETTER.width, LETTER.height);
  const f = w.facility;
  letterhead(
    b,
    f,
    60,
    40,
    { face: 'plexBold', size: 15 },
    { face: 'plex', size: 8.5 },
    { phoneLabel: 'Main' },
  );
  b.right(LETTER.width - 60, 90, { face: 'display', size: 44 }, cap('FAX'));
  b.hline(60, 112, LETTER.width - 120, 2);
  const to = w.clinician();
  const from = w.clinician();
  const toFacility = places.us();
  const rows: Array<[string, SegLike[]]> = [
    ['Date:', [phi('DATE', formatDay(w.today, rng.pick(['mdy', 'month-d-y'] as const)))]],
    [
      'To:',
      ['Dr.', phi('NAME', fullName(to.person)), '/', decoy('facility-name', 'Referrals Intake')],
    ],
    ['Fax:', [phi('FAX', places.phone(toFacility))]],
    ['Phone:', [phi('PHONE', places.phone(toFacility))]],
    ['From:', [phi('NAME', fullName(from.person)), from.credential]],
    ['Fax:', [phi('FAX', places.phone(undefined, 0))]],
    [
      'Phone:',
      [
        decoy('facility-public-number', f.mainLine),
        'ext',
        phi('PHONE', String(rng.int(200, 4999))),
      ],
    ],
    [
      'Re:',
      [
        cap('Referral'),
        '-',
        phi('NAME', fullName(pt.person)),
        cap('DOB'),
        phi('DATE', formatDay(pt.dob, 'mdy-nopad')),
      ],
    ],
    ['Pages:', [String(total), cap('(including cover)')]],
  ];
  let y = 150;
  for (const [label, segs] of rows) {
    b.text(60, y, form.bold, cap(label));
    b.text(140, y, form.body, ...segs);
    b.hline(138, y + 4, 300, 0.4, '#777777');
    y += 26;
  }
  y += 8;
  ['Urgent', 'For Review', 'Please Comment', 'Please Reply', 'Please Recycle'].forEach((opt, i) => {
    b.checkbox(60 + i * 98, y - 9, 10, i === 1 || (i === 0 && rng.chance(0.4)), {
      face: 'hand',
      size: 12,
    });
    b.text(74 + i * 98, y, form.body, decoy('checkbox', opt));
  });
  y += 34;
  b.text(60, y, form.bold, cap('Comments:'));
  y += 22;
  b.wrap(60, y, LETTER.width - 120, form.hand, 20, [
    'Please',
    'schedule',
    phi('NAME', pt.person.given),
    'for',
    'echo',
    'and',
    'cardiology',
    'consult.',
    'Pt',
    'cell',
    phi('PHONE', pt.mobile),
    '-',
    'prefers',
    'afternoons.',
    'Auth',
    phi('OTHER_ID', w.ids.priorAuth()),
    'valid',
    'until',
    phi('DATE', formatDay(w.calendar.near(20, 60), 'mdy-short')),
  ]);
  b.wrap(
    60,
    LETTER.height - 120,
    LETTER.width - 120,
    { face: 'plex', size: 7.5 },
    10,
    NOTICE.split(' ').map(cap),
  );
  return b.build();
}

/** Adds the sending machine's header line to every page, as a receiving fax prints it. */
function stampHeader(w: World, sheets: Sheet[], senderFax: string): void {
  const style: Style = { face: 'mono', size: 7.5 };
  const stamp = w.calendar.clock();
  const date = formatDay(w.today, 'd-MON-y').toUpperCase();
  sheets.forEach((sheet, i) => {
    const b = new SheetBuilder(w.doc, sheet.width, sheet.height);
    const e = w.doc.entity();
    b.text(
      18,
      16,
      style,
      phi('DATE', date, e),
      phi('DATE', formatClock({ ...stamp, mi: Math.min(59, stamp.mi + i) }, '24'), e),
      cap('FROM:'),
      decoy('facility-name', ascii(w.facility.name).toUpperCase().slice(0, 20)),
      phi('FAX', senderFax),
      cap('TO:'),
      phi('FAX', `1${w.places.phone(undefined, 0).replace(/\D/g, '')}`),
      decoy(
        'page-number',
        `P.${String(i + 1).padStart(3, '0')}/${String(sheets.length).padStart(3, '0')}`,
      ),
    );
    sheet.words.push(...b.build().words);
  });
}

export function faxPacket(w: World): Sheet[] {
  const records = clinicLetter(w, { pdf: false });
  const cover = coverSheet(w, records.length + 1, {
    body: { face: 'plex', size: 11 },
    bold: { face: 'plexBold', size: 11 },
    hand: { face: 'script', size: 15, fill: '#101030', wobble: 1.5 },
  });
  const sheets = [cover, ...records];
  stampHeader(w, sheets, w.places.phone(undefined, 6).replace(/\D/g, ''));
  return sheets;
}
