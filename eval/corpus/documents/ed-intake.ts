// Emergency department intake sheet: "label: value" lines on rules, checkboxes, triage notes.
import { COMPLAINTS, DRUGS, FINDINGS, vitals } from '../clinical.js';
import type { DocContext } from '../context.js';
import { formatDate } from '../dates.js';
import { Flow } from '../flow.js';
import { PageBuilder, type PageSpec, type TextStyle } from '../page.js';
import { tight, t, type Inline } from '../segments.js';
import { footer, MARGIN, runningHeader } from './common.js';

/** Builds an ED intake sheet: the form page, then (for two pages) triage notes. */
export function edIntake(ctx: DocContext): PageSpec[] {
  const { rng, cast } = ctx;
  const p = cast.patient;
  const [emergency] = cast.relatives;
  const nurse = cast.providers[3];
  const physician = cast.providers[0];
  if (!emergency || !nurse || !physician) throw new Error('cast incomplete');
  const face = ctx.face('sans', 'narrow');
  const size = rng.pick([10, 10.5, 11]);
  const label: TextStyle = { face, size: Math.max(9, size - 1), fill: ctx.accent };
  const value: TextStyle = { face, size };
  const page = new PageBuilder(ctx.width, ctx.height);
  const left = MARGIN;
  const right = page.width - MARGIN;
  const width = right - left;
  const arrival = rng.int(0, 1439);
  const mvc = rng.chance(0.5);

  page.put(ctx.facility.name, left, MARGIN + 12, { face, size: 14, fill: ctx.accent });
  page.put('EMERGENCY DEPARTMENT - TRIAGE AND REGISTRATION', left, MARGIN + 28, { face, size: 11 });
  page.putRight(
    ['Arrival:', ctx.date(ctx.refDate, 'us'), ctx.dateTime(arrival)],
    right,
    MARGIN + 12,
    value,
  );
  page.putRight(['Visit #', ctx.phi('ACCOUNT_NUMBER', p.account)], right, MARGIN + 28, value);
  let y = MARGIN + 44;

  const section = (title: string) => {
    page.rule(left, y, width, size * 1.5, ctx.plan.colour ? '#dfe6f2' : '#e4e4e4');
    page.put(title, left + 4, y + size * 1.1, { face, size: size - 0.5, fill: ctx.accent });
    y += size * 1.5 + 6;
  };
  // One row of fields; each field is [label, value, share of the width].
  const row = (fields: ReadonlyArray<readonly [string, Inline, number]>) => {
    const baseline = y + size + 2;
    let x = left;
    for (const [text, content, share] of fields) {
      const w = share * width;
      const end = page.put(text, x, baseline, label) + 5;
      page.put(content, end, baseline, value);
      page.rule(end - 1, baseline + 3.5, x + w - end - 8, 0.5);
      x += w;
    }
    y += size * 2.1;
  };
  const checks = (
    text: string,
    options: ReadonlyArray<readonly [string, boolean]>,
    extra?: Inline,
  ) => {
    const baseline = y + size + 2;
    let x = page.put(text, left, baseline, label) + 8;
    for (const [name, checked] of options) {
      x = page.checkbox(x, baseline, value, checked);
      x = page.put(name, x, baseline, value) + 12;
    }
    if (extra) page.put(extra, x + 6, baseline, value);
    y += size * 2.1;
  };

  section('PATIENT INFORMATION');
  row([
    ['Last name:', ctx.phi('NAME', p.last), 0.4],
    ['First name:', ctx.phi('NAME', p.first), 0.4],
    ['MI:', p.middle ? ctx.phi('NAME', p.middle) : '', 0.2],
  ]);
  const sexBaseline = y;
  row([
    ['Date of birth:', ctx.date(p.dob, rng.pick(['us', 'us-short', 'iso'] as const)), 0.4],
    ['Age:', ctx.age(p.age, 'bare'), 0.2],
    ['', '', 0.4],
  ]);
  {
    let x = left + width * 0.62;
    const baseline = sexBaseline + size + 2;
    x = page.put('Sex:', x, baseline, label) + 6;
    x = page.checkbox(x, baseline, value, p.sex === 'male');
    x = page.put('M', x, baseline, value) + 10;
    x = page.checkbox(x, baseline, value, p.sex === 'female');
    page.put('F', x, baseline, value);
  }
  row([
    ['SSN:', ctx.phi('SSN', p.ssn), 0.35],
    ["Driver's license #:", ctx.phi('LICENSE_NUMBER', p.license.number), 0.45],
    ['State:', p.license.state, 0.2],
  ]);
  row([['Address:', ctx.street(p.address), 1]]);
  row([
    ['City:', ctx.phi('ADDRESS', p.address.city), 0.5],
    ['State:', p.address.state, 0.2],
    ['ZIP:', ctx.phi('ADDRESS', p.address.zip), 0.3],
  ]);
  row([
    ['Home phone:', ctx.phi('PHONE', p.homePhone), 0.5],
    ['Cell:', ctx.phi('PHONE', p.cellPhone), 0.5],
  ]);
  row([['E-mail:', ctx.phi('EMAIL', p.email), 1]]);

  section('EMERGENCY CONTACT');
  row([
    ['Name:', ctx.name(emergency, false), 0.45],
    ['Relationship:', emergency.relation, 0.25],
    ['Phone:', ctx.phi('PHONE', emergency.phone), 0.3],
  ]);

  section('INSURANCE');
  row([
    ['Primary:', p.plan.name, 0.45],
    ['Member ID:', ctx.phi('HEALTH_PLAN_ID', p.plan.memberId), 0.55],
  ]);
  row([
    ['Subscriber:', 'Self', 0.45],
    ['Group #:', 'NONE', 0.55],
  ]);

  section('ARRIVAL AND TRIAGE');
  checks('Mode of arrival:', [
    ['Ambulance', mvc],
    ['Walk-in', !mvc],
    ['Police', false],
    ['Private vehicle', false],
  ]);
  if (mvc) {
    row([
      ['Vehicle plate:', ctx.phi('VEHICLE_ID', p.vehicle.plate), 0.35],
      ['VIN:', ctx.phi('VEHICLE_ID', p.vehicle.vin), 0.65],
    ]);
  }
  row([['Chief complaint:', rng.pick(COMPLAINTS), 1]]);
  {
    const baseline = y + size + 2;
    const x = page.put('Vital signs:', left, baseline, label) + 6;
    page.put(
      vitals(rng, rng.chance(0.3)).map((v) => ctx.decoy('vital-sign', v)),
      x,
      baseline,
      value,
    );
    y += size * 2.1;
  }
  checks('Allergies:', [
    ['NKDA', rng.chance(0.5)],
    ['Penicillin', rng.chance(0.3)],
    ['Sulfa', false],
  ]);
  const drug = rng.pick(DRUGS);
  row([
    [
      'Home medications:',
      [tight(ctx.medication(drug), ';'), ctx.decoy('drug', rng.pick(DRUGS).name)],
      1,
    ],
  ]);
  checks(
    'Implanted device:',
    [
      ['None', false],
      [p.device.kind, true],
    ],
    ['Serial #', ctx.phi('DEVICE_ID', p.device.serial)],
  );
  checks(
    'ESI level:',
    [
      ['1', false],
      ['2', true],
      ['3', false],
      ['4', false],
      ['5', false],
    ],
    ['Pain (0-10):', ctx.decoy('vital-sign', String(rng.int(2, 9)))],
  );
  row([
    ['Triage nurse:', [ctx.phi('NAME', `${nurse.first} ${nurse.last},`), 'RN'], 0.6],
    ['Time:', ctx.time(arrival + rng.int(5, 25)), 0.4],
  ]);
  y += 4;
  page.put(
    t`Online pre-registration received ${ctx.date(ctx.refDate, 'iso')} from IP ${ctx.phi('IP_ADDRESS', p.ipv4)}`,
    left,
    Math.min(y + size, page.height - MARGIN - 14),
    { face, size: 9 },
  );

  const pages = [page];
  if (ctx.plan.pages > 1) {
    const body: TextStyle = { face, size: size - 0.5 };
    const flow = new Flow({
      width: ctx.width,
      height: ctx.height,
      margin: { top: MARGIN, bottom: MARGIN + 24, left: MARGIN, right: MARGIN },
      maxPages: ctx.plan.pages - 1,
      startPage: (pg) => {
        const top = runningHeader(pg, ctx, face, 'ED Triage');
        pg.put('NURSING NOTES', MARGIN, top + 6, { face, size: 12, fill: ctx.accent });
        return top + 16;
      },
    });
    let clock = arrival + 20;
    const note = () => {
      clock += rng.int(10, 55);
      const at = ctx.time(clock % 1440);
      const variants = [
        t`${at} ${rng.pick(FINDINGS)} ${rng.pick(FINDINGS)} Seen by ${ctx.provider(physician)}.`,
        t`${at} ${ctx.medication(rng.pick(DRUGS))} given as ordered. ${ctx.decoy('vital-sign', `BP ${rng.int(110, 170)}/${rng.int(60, 100)}`)}, ${ctx.decoy('vital-sign', `HR ${rng.int(60, 120)}`)}. ${rng.pick(FINDINGS)}`,
        t`${at} ${emergency.relation.charAt(0).toUpperCase()}${emergency.relation.slice(1)} ${ctx.name(emergency, false)} at bedside, updated on plan; callback number ${ctx.phi('PHONE', emergency.phone)}.`,
        t`${at} Belongings (wallet, phone, keys) inventoried and released to ${ctx.name(rng.pick(cast.relatives), false)}. ${rng.pick(FINDINGS)}`,
        t`${at} Police report ${ctx.phi('OTHER_ID', `${rng.digits(2)}-${rng.digits(6)}`)} provided for the collision; patient's license ${ctx.phi('LICENSE_NUMBER', p.license.number)} copied to chart.`,
      ];
      return () => flow.paragraph(rng.pick(variants), body, { after: 3 });
    };
    flow.fill(note, () => {
      flow.space(size);
      flow.line(
        [
          'Consent for treatment signed by patient on',
          tight(ctx.phi('DATE', formatDate(ctx.refDate, 'us')), '.'),
        ],
        body,
      );
    });
    pages.push(...flow.pages);
  }
  pages.forEach((pg, i) => footer(pg, ctx, face, i, pages.length));
  return pages.map((pg) => pg.toSpec());
}
