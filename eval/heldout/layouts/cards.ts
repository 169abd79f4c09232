// Wallet cards (ID-1, 3.375 × 2.125 in): a health-plan ID card front and back in the manner of the
// WEDI health identification card guide (issuer band, member name and ID, group, NCPDP RxBIN/
// RxPCN/RxGrp, copays; services lines and claims address on the back) and a driver's licence with
// AAMVA DL/ID card design field numbers (4d DLN, 3 DOB, 4a ISS, 4b EXP, 1 family, 2 given, 8 address,
// 5 DD...). Drawn at any scale into a sheet: photocopied on a page or photographed on a table.
import { ascii, fullName } from '../cast.js';
import { decoy, phi, SheetBuilder, type SegLike, type Sheet, type Style } from '../sheet.js';
import type { Face } from '../fonts.js';
import type { World } from '../world.js';
import { addDays, formatDay } from '../when.js';
import { cap, LETTER } from './kit.js';

export const CARD = { width: 243, height: 153 } as const;

/** Scaled drawing helpers for one card placed at (ox, oy) with factor k. */
function pen(b: SheetBuilder, ox: number, oy: number, k: number) {
  const st = (face: Face, size: number, extra: Partial<Style> = {}): Style => ({
    face,
    size: size * k,
    ...extra,
  });
  return {
    st,
    text: (x: number, y: number, style: Style, ...segs: SegLike[]) =>
      b.text(ox + x * k, oy + y * k, style, ...segs),
    right: (x: number, y: number, style: Style, ...segs: SegLike[]) =>
      b.right(ox + x * k, oy + y * k, style, ...segs),
    rect: (x: number, y: number, wd: number, h: number, fill: string, r = 0) =>
      b.rect(ox + x * k, oy + y * k, wd * k, h * k, fill, r * k),
    frame: (x: number, y: number, wd: number, h: number, t: number, fill: string) =>
      b.frame(ox + x * k, oy + y * k, wd * k, h * k, t * k, fill),
    ellipse: (cx: number, cy: number, rx: number, ry: number, fill: string) =>
      b.ellipse(ox + cx * k, oy + cy * k, rx * k, ry * k, fill),
  };
}

const BANDS = ['#1d3f8f', '#0b5e55', '#5a2a82', '#8a1c2b', '#123a5e'];

export function insuranceFront(b: SheetBuilder, w: World, ox: number, oy: number, k: number): void {
  const p = pen(b, ox, oy, k);
  const { rng, patient: pt, ids } = w;
  const band = BANDS[w.doc.id.length % BANDS.length] ?? '#1d3f8f';
  p.rect(0, 0, CARD.width, CARD.height, '#f4f6f9', 9);
  p.rect(0, 0, CARD.width, 34, band, 0);
  const white: Partial<Style> = { fill: '#ffffff', light: true };
  p.text(10, 16, p.st('plexBold', 11, white), decoy('facility-name', w.payer.name));
  p.text(10, 28, p.st('plex', 7, white), decoy('facility-name', w.payer.plan));
  p.right(233, 16, p.st('condensedBold', 8, white), cap('MEMBER ID CARD'));
  const label = p.st('condensed', 6.2, { fill: '#3a4656' });
  const value = p.st('plexBold', 8.2);
  p.text(10, 48, label, cap('Member Name'));
  p.text(10, 58, value, phi('NAME', ascii(fullName(pt.person, true)).toUpperCase()));
  p.text(10, 72, label, cap('Member ID'));
  p.text(10, 82, value, phi('HEALTH_PLAN_ID', pt.memberId));
  p.text(128, 72, label, cap('Group No.'));
  p.text(128, 82, value, phi('HEALTH_PLAN_ID', pt.groupNumber));
  p.text(10, 96, label, cap('Effective'));
  p.text(
    10,
    106,
    p.st('plex', 7.6),
    phi('DATE', formatDay(addDays(w.today, -rng.int(30, 700)), 'mdy')),
  );
  p.text(70, 96, label, cap('PCP'));
  const pcp = w.clinician().person;
  p.text(
    70,
    106,
    p.st('plex', 7.6),
    phi('NAME', `${ascii(pcp.family).toUpperCase()}, ${ascii(pcp.given).charAt(0).toUpperCase()}`),
  );
  p.text(70, 115, p.st('plex', 7), phi('PHONE', w.places.phone(pt.home, 2)));
  const rx = p.st('mono', 6.8);
  p.text(160, 96, rx, cap('RxBIN'), decoy('code', w.payer.rxBin));
  p.text(160, 105, rx, cap('RxPCN'), decoy('code', w.payer.rxPcn));
  p.text(160, 114, rx, cap('RxGrp'), phi('HEALTH_PLAN_ID', ids.groupNumber()));
  p.rect(0, 124, CARD.width, 0.8, '#9aa6b5');
  const copay = p.st('condensed', 7);
  p.text(
    10,
    136,
    copay,
    cap('PCP'),
    decoy('money', `$${rng.pick([15, 20, 25, 30])}`),
    cap('Specialist'),
    decoy('money', `$${rng.pick([40, 50, 60])}`),
    cap('ER'),
    decoy('money', `$${rng.pick([150, 250, 350])}`),
    cap('Urgent'),
    decoy('money', `$${rng.pick([35, 50, 75])}`),
  );
  p.text(
    10,
    146,
    p.st('condensed', 5.8, { fill: '#3a4656' }),
    cap('Dependents:'),
    phi('NAME', ascii(w.cast.person().given).toUpperCase()),
    '01',
    phi('NAME', ascii(w.cast.person().given).toUpperCase()),
    '02',
  );
}

export function insuranceBack(b: SheetBuilder, w: World, ox: number, oy: number, k: number): void {
  const p = pen(b, ox, oy, k);
  const payer = w.payer;
  p.rect(0, 0, CARD.width, CARD.height, '#f7f7f4', 9);
  const s = p.st('plex', 6.8);
  const bold = p.st('plexBold', 6.8);
  p.text(
    10,
    16,
    bold,
    cap('Members:'),
    cap('Customer Service'),
    decoy('payer-contact', payer.servicesLine),
  );
  p.text(
    10,
    27,
    s,
    cap('24/7 Nurse Line'),
    decoy('payer-contact', payer.servicesLine.replace(/\d$/, '8')),
    cap('TTY 711'),
  );
  p.text(
    10,
    38,
    bold,
    cap('Providers:'),
    cap('Eligibility & Claims'),
    decoy('payer-contact', payer.providerLine),
  );
  p.text(
    10,
    49,
    s,
    cap('Submit medical claims to:'),
    decoy('payer-contact', payer.claimsStreet),
    ',',
    decoy('payer-contact', payer.claimsCity),
  );
  p.text(
    10,
    60,
    s,
    cap('Payer ID'),
    decoy('code', payer.payerId),
    cap('·'),
    cap('Pharmacists: call the help desk on the front.'),
  );
  p.text(
    10,
    76,
    p.st('plex', 5.9),
    cap(
      'This card does not guarantee coverage. Present it at each visit. Misuse may be prosecuted.',
    ),
  );
  p.text(
    10,
    86,
    p.st('plex', 5.9),
    cap('In an emergency go to the nearest emergency room or call 911.'),
  );
  p.text(10, 104, p.st('plexBold', 7.5), decoy('public-url', payer.website));
  p.text(
    10,
    116,
    p.st('plex', 6),
    cap('Card issued'),
    phi('DATE', formatDay(addDays(w.today, -w.rng.int(10, 400)), 'mdy')),
  );
  p.rect(0, 126, CARD.width, 12, '#222222');
}

const STATES = [
  ['IL', 'ILLINOIS'],
  ['CA', 'CALIFORNIA'],
  ['TX', 'TEXAS'],
  ['FL', 'FLORIDA'],
  ['NY', 'NEW YORK'],
  ['MI', 'MICHIGAN'],
  ['WA', 'WASHINGTON'],
  ['AZ', 'ARIZONA'],
] as const;

export function licenceFront(b: SheetBuilder, w: World, ox: number, oy: number, k: number): void {
  const p = pen(b, ox, oy, k);
  const { rng, patient: pt, ids } = w;
  const [abbr, stateName] = STATES.find(([s]) => s === pt.home.state) ?? rng.pick(STATES);
  p.rect(0, 0, CARD.width, CARD.height, '#eef1ea', 9);
  p.rect(0, 0, CARD.width, 26, '#d8e2cc', 0);
  p.text(10, 19, p.st('display', 15, { fill: '#20331b' }), cap(stateName));
  p.right(233, 12, p.st('condensedBold', 7.5), cap("DRIVER'S LICENSE"));
  p.right(233, 21, p.st('condensed', 6.5), cap('USA'));
  // Portrait (a photograph: non-text ink) and its ghost copy.
  p.rect(8, 32, 66, 84, '#8d949a', 2);
  p.ellipse(41, 64, 17, 21, '#4b5157');
  p.rect(18, 88, 46, 28, '#4b5157', 10);
  p.rect(196, 96, 34, 42, '#c9cdc4', 2);
  const num = p.st('condensedBold', 6);
  const val = p.st('condensedBold', 8.8);
  const label = (x: number, y: number, n: string, name: string) =>
    p.text(x, y, num, decoy('caption', n), cap(name));
  label(82, 36, '4d', 'DLN');
  p.text(104, 36, val, phi('LICENSE_NUMBER', ids.driversLicense(abbr, pt.person)));
  label(82, 47, '3', 'DOB');
  p.text(
    104,
    47,
    p.st('condensedBold', 9, { fill: '#8a1c1c' }),
    phi('DATE', formatDay(pt.dob, 'mdy')),
  );
  const issued = addDays(w.today, -rng.int(100, 1500));
  label(160, 47, '4b', 'EXP');
  p.text(
    180,
    47,
    val,
    phi('DATE', formatDay({ y: issued.y + rng.pick([4, 5, 8]), m: pt.dob.m, d: pt.dob.d }, 'mdy')),
  );
  label(82, 58, '1', '');
  p.text(90, 58, p.st('condensedBold', 9.5), phi('NAME', ascii(pt.person.family).toUpperCase()));
  label(82, 69, '2', '');
  p.text(
    90,
    69,
    p.st('condensedBold', 9.5),
    phi(
      'NAME',
      ascii(`${pt.person.given}${pt.person.middle ? ` ${pt.person.middle}` : ''}`).toUpperCase(),
    ),
  );
  label(82, 80, '8', '');
  p.text(90, 80, p.st('condensed', 8), phi('ADDRESS', ascii(pt.home.street).toUpperCase()));
  const e = w.doc.entity();
  p.text(
    90,
    89,
    p.st('condensed', 8),
    phi('ADDRESS', `${ascii(pt.home.city).toUpperCase()},`, e),
    abbr,
    phi('ADDRESS', pt.home.zip, e),
  );
  label(82, 101, '15', 'SEX');
  p.text(104, 101, val, pt.person.sex);
  label(118, 101, '16', 'HGT');
  p.text(140, 101, val, `${rng.int(4, 6)}'-${String(rng.int(0, 11)).padStart(2, '0')}"`);
  label(160, 101, '18', 'EYES');
  p.text(182, 101, val, rng.pick(['BRO', 'BLU', 'HAZ', 'GRN', 'BLK']));
  label(82, 112, '9', 'CLASS');
  p.text(106, 112, val, 'D');
  label(118, 112, '9a', 'END');
  p.text(138, 112, val, 'NONE');
  label(160, 112, '12', 'RESTR');
  p.text(184, 112, val, rng.pick(['NONE', 'B', 'A']));
  label(82, 123, '4a', 'ISS');
  p.text(102, 123, val, phi('DATE', formatDay(issued, 'mdy')));
  label(82, 134, '5', 'DD');
  p.text(96, 134, p.st('condensed', 6.8), phi('OTHER_ID', ids.documentDiscriminator()));
  p.text(12, 138, p.st('script', 12), phi('NAME', `${pt.person.given} ${pt.person.family}`));
  if (rng.chance(0.5))
    p.text(200, 146, p.st('condensedBold', 6, { fill: '#8a1c1c' }), cap('DONOR'));
}

export function licenceBack(b: SheetBuilder, w: World, ox: number, oy: number, k: number): void {
  const p = pen(b, ox, oy, k);
  const rng = w.rng;
  p.rect(0, 0, CARD.width, CARD.height, '#f1f2ee', 9);
  // PDF417-like barcode: the data it encodes are not text here (see CONVENTIONS.md).
  for (let row = 0; row < 14; row++)
    for (let col = 0; col < 52; col++)
      if (rng.chance(0.5)) p.rect(12 + col * 4.2, 14 + row * 4.2, 3.6, 3.6, '#111111');
  const s = p.st('condensed', 6.2);
  p.text(12, 88, s, cap('CLASS D:'), cap('Any single vehicle less than 26,001 lbs GVWR.'));
  p.text(12, 97, s, cap('RESTRICTIONS: B = corrective lenses'));
  p.text(12, 106, s, cap('ENDORSEMENTS: NONE'));
  p.text(
    12,
    120,
    s,
    cap('Audit'),
    phi('OTHER_ID', `${rng.digits(2)}${rng.chars(2, 'ABCDEFGHJKLMNPRSTUVWXYZ')}${rng.digits(6)}`),
  );
  p.text(12, 132, s, cap('If found, drop in any mailbox. Return postage guaranteed.'));
}

/** A photocopied page carrying a licence and a health-plan card, front and back. */
export function idPacket(w: World): Sheet[] {
  const b = new SheetBuilder(w.doc, LETTER.width, LETTER.height);
  const k = 1.05;
  const x1 = 48;
  const x2 = LETTER.width - 48 - CARD.width * k;
  b.text(
    48,
    40,
    { face: 'hand', size: 12, fill: '#111133' },
    cap('copy'),
    cap('of'),
    cap('ID'),
    '+',
    cap('ins'),
    cap('card'),
    '-',
    phi('NAME', w.patient.person.family),
    phi('DATE', formatDay(w.today, 'mdy-short')),
  );
  licenceFront(b, w, x1, 70, k);
  licenceBack(b, w, x2, 70, k);
  insuranceFront(b, w, x1, 300, k);
  insuranceBack(b, w, x2, 300, k);
  return [b.build()];
}

/** A phone photo of a card on a table: one page per side, the card filling most of the frame. */
export function cardPhotos(w: World, kind: 'insurance' | 'licence'): Sheet[] {
  const width = 432;
  const height = 288;
  const k = 1.55;
  const sides =
    kind === 'insurance' ? [insuranceFront, insuranceBack] : [licenceFront, licenceBack];
  return sides.map((draw) => {
    const b = new SheetBuilder(w.doc, width, height, '#c2b29a');
    draw(b, w, (width - CARD.width * k) / 2, (height - CARD.height * k) / 2, k);
    return b.build();
  });
}
