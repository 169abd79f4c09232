// Referral letter: letterhead, recipient address, RE line, "Dear Dr. X", prose naming relatives.
import { DIAGNOSES, DRUGS, FINDINGS, vitals } from '../clinical.js';
import type { DocContext } from '../context.js';
import { Flow } from '../flow.js';
import type { PageSpec, TextStyle } from '../page.js';
import { address, honorific, pronouns } from '../people.js';
import { t, tight, type Inline } from '../segments.js';
import { footer, letterhead, MARGIN, runningHeader } from './common.js';

/** Builds a referral letter of exactly `ctx.plan.pages` pages. */
export function referralLetter(ctx: DocContext): PageSpec[] {
  const { rng, cast, faker } = ctx;
  const p = cast.patient;
  const [author, recipient, pcp] = cast.providers;
  if (!author || !recipient || !pcp) throw new Error('cast needs providers');
  const face = ctx.face('serif', 'serif', 'sans');
  const size = rng.pick([10.5, 11, 11.5, 12]);
  const body: TextStyle = { face, size };
  const pr = pronouns(p);
  // The patient's surname after a title is PHI, a new mention each time it is written.
  const who = (): Inline => [honorific(p), ctx.phi('NAME', p.last)];
  const [rel1, rel2] = cast.relatives;
  if (!rel1 || !rel2) throw new Error('cast needs relatives');
  const [dx, dx2] = rng.sample(DIAGNOSES, 2);
  if (!dx || !dx2) throw new Error('no diagnoses');
  const recipientAddress = address(faker, rng);
  const [v1, v2] = vitals(rng);
  const [m1, m2, m3] = rng.sample(DRUGS, 3);
  if (!m1 || !m2 || !m3) throw new Error('no drugs');

  const flow = new Flow({
    width: ctx.width,
    height: ctx.height,
    margin: { top: MARGIN, bottom: MARGIN + 24, left: MARGIN + 18, right: MARGIN + 18 },
    maxPages: ctx.plan.pages,
    startPage: (page, index) =>
      index > 0
        ? runningHeader(page, ctx, face, 'Referral')
        : letterhead(page, ctx, face, [
            ['Direct:', ctx.phi('PHONE', author.directPhone), ' Fax:', ctx.phi('FAX', author.fax)],
          ]),
  });

  const lines = (...rows: Parameters<Flow['line']>[0][]) =>
    rows.forEach((row) => flow.line(row, body, 1.25));
  lines(ctx.date(ctx.refDate, rng.pick(['long', 'abbrev'] as const)));
  flow.space(size);
  lines(
    ctx.provider(recipient),
    `${recipient.specialty} Department`,
    `Regional ${recipient.specialty} Center`,
    ctx.street(recipientAddress),
    ctx.cityLine(recipientAddress),
  );
  flow.space(size);
  flow.line(
    [
      'RE:',
      tight(ctx.name(p), ','),
      'DOB',
      tight(ctx.date(p.dob), ','),
      'MRN',
      ctx.phi('MRN', p.mrn),
    ],
    { ...body, fill: ctx.accent },
  );
  flow.space(size * 0.8);
  flow.line(['Dear Dr.', ctx.phi('NAME', `${recipient.last},`)], body);
  flow.space(size * 0.4);

  const paragraphs = [
    t`I am writing to refer ${who()}, a ${ctx.age(p.age)} ${p.sex === 'female' ? 'woman' : 'man'} whom I have followed since ${ctx.year(ctx.refDate.getUTCFullYear() - rng.int(2, 12))}, for evaluation of ${dx.phrase} (${ctx.decoy('icd10', dx.code)}). ${pr.He} also has ${dx2.phrase} (${ctx.decoy('icd10', dx2.code)}). ${pr.His} symptoms worsened over the past ${rng.pick(['two weeks', 'month', 'several months'])}, and at ${pr.his} last visit on ${ctx.date(ctx.daysAgo(rng.int(3, 30)))} ${pr.he} had ${ctx.decoy('vital-sign', v1 ?? '')} and ${ctx.decoy('vital-sign', v2 ?? '')}.`,
    t`Current medications include ${ctx.medication(m1)}, ${ctx.medication(m2)} and ${ctx.decoy('drug', m3.name)} as needed. ${rng.pick(FINDINGS)} ${rng.pick(FINDINGS)}`,
    t`${pr.He} lives with ${pr.his} ${rel1.relation} ${ctx.name(rel1, false)} at ${ctx.street(p.address)}, ${ctx.cityLine(p.address)}, and ${pr.his} ${rel2.relation} ${ctx.name(rel2, false)} helps with transportation. ${pr.His} ${rel1.relation} can be reached at ${ctx.phi('PHONE', rel1.phone)}; the patient prefers calls to ${ctx.phi('PHONE', p.cellPhone)} or e-mail at ${ctx.phi('EMAIL', p.email)}.`,
    t`${pr.His} coverage is ${p.plan.name}, ID ${ctx.phi('HEALTH_PLAN_ID', p.plan.memberId)}; prior authorization ${ctx.phi('OTHER_ID', `AUTH-${rng.digits(8)}`)} was approved on ${ctx.date(ctx.daysAgo(rng.int(1, 5)))}. Recent results and imaging are available through our portal at ${ctx.phi('URL', p.portalUrl)}.`,
    t`${pr.He} carries a ${p.device.kind} (serial ${ctx.phi('DEVICE_ID', p.device.serial)}); please coordinate any imaging with the device clinic. ${rng.pick(FINDINGS)}`,
  ];
  const fillers = [
    () =>
      t`${rng.pick(FINDINGS)} ${rng.pick(FINDINGS)} ${pr.He} was previously seen by ${ctx.provider(pcp)} on ${ctx.date(ctx.daysAgo(rng.int(40, 400)))}, who noted ${rng.pick(DIAGNOSES).phrase}. ${rng.pick(FINDINGS)}`,
    () =>
      t`Of note, ${pr.he} stopped driving in ${ctx.year(ctx.refDate.getUTCFullYear() - rng.int(1, 4))} after a minor collision; ${pr.his} ${rel2.relation} now drives ${pr.his} ${p.vehicle.make} (plate ${ctx.phi('VEHICLE_ID', p.vehicle.plate)}). ${rng.pick(FINDINGS)}`,
    () =>
      t`Family history: ${pr.his} mother had ${rng.pick(DIAGNOSES).phrase} diagnosed in ${ctx.year(rng.int(1960, 2000))}. ${rng.pick(FINDINGS)} ${rng.pick(FINDINGS)}`,
  ];
  for (const para of paragraphs)
    flow.attempt(() => flow.paragraph(para, body, { after: size * 0.7 }));

  const closing = () => {
    flow.paragraph(
      t`Thank you for seeing ${pr.his === 'her' ? 'her' : 'him'}. Please send your recommendations to my office at the fax number above or call the main line, ${ctx.mainLine()}.`,
      body,
      { after: size },
    );
    flow.line('Sincerely,', body);
    flow.space(size * 2);
    flow.line(ctx.signature(author), body);
    flow.line(`${author.specialty}`, body);
    flow.line(['NPI', ctx.phi('OTHER_ID', author.npi), ' ', ctx.phi('EMAIL', author.email)], body);
    flow.space(size * 0.6);
    flow.line(['cc:', ctx.provider(pcp)], body);
  };
  let k = 0;
  flow.fill(() => {
    const para = fillers[k++ % fillers.length]?.() ?? '';
    return () => flow.paragraph(para, body, { after: size * 0.7 });
  }, closing);
  return flow.finish((page, i, n) => footer(page, ctx, face, i, n)).map((page) => page.toSpec());
}
