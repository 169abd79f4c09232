// Prescription page: two or three prescription blanks for one patient, each with prescriber ids.
import { DIAGNOSES, DRUGS } from '../clinical.js';
import type { DocContext } from '../context.js';
import { PageBuilder, type PageSpec, type TextStyle } from '../page.js';
import { ascii } from '../people.js';
import { t } from '../segments.js';
import { footer, MARGIN } from './common.js';

const NUMBERS = ['ten', 'fourteen', 'twenty', 'thirty', 'sixty', 'ninety'];
const COUNTS = [10, 14, 20, 30, 60, 90];

/** Builds a one-page sheet of prescriptions. */
export function prescription(ctx: DocContext): PageSpec[] {
  const { rng, cast } = ctx;
  const p = cast.patient;
  const doc =
    cast.providers.find((x) => x.credential === 'MD' || x.credential === 'DO') ?? cast.providers[0];
  if (!doc) throw new Error('cast needs providers');
  const face = ctx.face('serif', 'sans');
  const small: TextStyle = { face, size: 9 };
  const body: TextStyle = { face, size: rng.pick([10.5, 11]) };
  const big: TextStyle = { face, size: 14, fill: ctx.accent };
  const page = new PageBuilder(ctx.width, ctx.height);
  const blanks = rng.int(2, 3);
  const left = MARGIN;
  const right = page.width - MARGIN;
  const height = (page.height - 2 * MARGIN - 20) / blanks;
  const drugs = rng.sample(DRUGS, blanks);
  const f = ctx.facility;
  const written = ctx.daysAgo(rng.int(0, 3));
  const pharmacy =
    rng.pick(['CareWay Pharmacy #', 'Main Street Drug #', 'HealthMart #']) +
    String(rng.int(100, 9999));

  drugs.forEach((drug, i) => {
    const top = MARGIN + i * height;
    let y = top + 16;
    page.put(ctx.signature(doc), left, y, big);
    page.putRight(['DEA', ctx.phi('LICENSE_NUMBER', doc.dea)], right, y, body);
    y += 13;
    page.put([f.name, '-', doc.specialty], left, y, small);
    page.putRight(
      [
        'NPI',
        ctx.phi('OTHER_ID', doc.npi),
        '  State Lic.',
        ctx.phi('LICENSE_NUMBER', doc.stateLicense),
      ],
      right,
      y,
      small,
    );
    y += 12;
    page.put(
      [ctx.phi('ADDRESS', `${f.street},`), ctx.cityLine(f), '  Tel', ctx.mainLine()],
      left,
      y,
      small,
    );
    y += 6;
    page.rule(left, y, right - left, 0.8, ctx.accent);
    y += 20;
    const lineAfter = (x0: number, x1: number, baseline: number) =>
      page.rule(x0, baseline + 3.5, x1 - x0, 0.5);
    let x = page.put('Patient:', left, y, small) + 4;
    page.put(ctx.name(p), x, y, body);
    lineAfter(x - 2, left + (right - left) * 0.55, y);
    x = page.put('DOB:', left + (right - left) * 0.58, y, small) + 4;
    page.put(ctx.date(p.dob, 'us'), x, y, body);
    lineAfter(x - 2, left + (right - left) * 0.78, y);
    x = page.put('Date:', left + (right - left) * 0.8, y, small) + 4;
    page.put(ctx.date(written, 'us'), x, y, body);
    lineAfter(x - 2, right, y);
    y += 20;
    x = page.put('Address:', left, y, small) + 4;
    page.put([ctx.phi('ADDRESS', `${p.address.street},`), ctx.cityLine(p.address)], x, y, body);
    lineAfter(x - 2, right, y);
    y += 26;
    page.put('Rx', left, y + 4, { ...big, size: 14 });
    const dose = rng.pick(drug.doses);
    page.put(
      [ctx.decoy('drug', drug.name), ctx.decoy('dose', dose), drug.form],
      left + 30,
      y,
      body,
    );
    y += 17;
    page.put(['Sig:', rng.pick(drug.sig)], left + 30, y, body);
    y += 17;
    const k = rng.int(0, COUNTS.length - 1);
    page.put(
      t`Disp: #${String(COUNTS[k] ?? 30)} (${NUMBERS[k] ?? 'thirty'})     Refills: ${String(rng.int(0, 5))}`,
      left + 30,
      y,
      body,
    );
    y += 17;
    const dx = rng.pick(DIAGNOSES);
    page.put(t`Dx: ${dx.name} (${ctx.decoy('icd10', dx.code)})`, left + 30, y, body);
    y += 17;
    page.put(['Pharmacy:', pharmacy, '- e-prescribed copy'], left + 30, y, small);
    y += 20;
    let cx = page.checkbox(left + 30, y, small, false);
    cx = page.put('Dispense as written', cx, y, small) + 16;
    cx = page.checkbox(cx, y, small, true);
    page.put('Substitution permitted', cx, y, small);
    page.rule(right - 190, y + 2, 190, 0.6);
    page.put(
      ['Signature:', ctx.phi('NAME', ascii(`${doc.first[0] ?? ''}. ${doc.last}`))],
      right - 188,
      y - 4,
      { ...body, face: ctx.face('serif', 'narrow') },
    );
    if (i < blanks - 1) {
      for (let dx = left; dx < right; dx += 8) page.rule(dx, top + height - 6, 4, 0.5, '#555');
    }
  });
  footer(page, ctx, face, 0, 1, 'Void after 90 days - printed on tamper-resistant paper');
  return [page.toSpec()];
}
