// Progress notes: dense SOAP entries for several visits, one or two columns, over several pages.
import {
  DIAGNOSES,
  DRUGS,
  FINDINGS,
  LAB_PANELS,
  labResult,
  PROCEDURES,
  vitals,
} from '../clinical.js';
import type { DocContext } from '../context.js';
import { Flow } from '../flow.js';
import type { PageSpec, TextStyle } from '../page.js';
import { honorific, pronouns } from '../people.js';
import { t, type Inline } from '../segments.js';
import { footer, MARGIN } from './common.js';

/** Builds progress notes of exactly `ctx.plan.pages` pages. */
export function progressNote(ctx: DocContext): PageSpec[] {
  const { rng, cast } = ctx;
  const p = cast.patient;
  const face = ctx.face('sans', 'serif', 'mono', 'narrow');
  const size = face === 'mono' ? 9 : rng.pick([9, 9.5, 10]);
  const body: TextStyle = { face, size };
  const head: TextStyle = { face, size: size + 1.5, fill: ctx.accent };
  const pr = pronouns(p);
  // The patient's surname after a title is PHI, a new mention each time it is written.
  const who = (): Inline => [honorific(p), ctx.phi('NAME', p.last)];
  const problems = rng.sample(DIAGNOSES, 3);
  let visit = ctx.daysAgo(rng.int(200, 400));

  const flow = new Flow({
    width: ctx.width,
    height: ctx.height,
    margin: { top: MARGIN, bottom: MARGIN + 24, left: MARGIN, right: MARGIN },
    columns: ctx.plan.columns,
    gutter: 20,
    maxPages: ctx.plan.pages,
    startPage: (page) => {
      const y = MARGIN + 12;
      page.put('PROGRESS NOTES', MARGIN, y, { face, size: 13, fill: ctx.accent });
      page.putRight(ctx.facility.name, page.width - MARGIN, y, { face, size: 9 });
      const line: Inline = [
        'Patient:',
        ctx.phi('NAME', `${p.last}, ${p.first}`),
        '  MRN:',
        ctx.phi('MRN', p.mrn),
        '  DOB:',
        ctx.date(p.dob),
        '  Age:',
        ctx.age(p.age, 'bare'),
      ];
      page.put(line, MARGIN, y + 15, { face, size: 9.5 });
      page.rule(MARGIN, y + 21, page.width - 2 * MARGIN, 0.8, ctx.accent);
      return y + 32;
    },
  });

  const entry = () => {
    visit = new Date(visit.getTime() + rng.int(7, 30) * 86_400_000);
    const provider = rng.pick(cast.providers.slice(0, 3));
    const tele = rng.chance(0.35);
    const [v1, v2, v3, v4] = vitals(rng).map((v) => ctx.decoy('vital-sign', v));
    const dx = rng.pick(problems);
    const drug = rng.pick(DRUGS);
    const test = rng.pick(rng.pick(LAB_PANELS).tests);
    const lab = labResult(rng, test);
    const proc = rng.pick(PROCEDURES.slice(0, 3));
    const subjective = tele
      ? t`Video visit via ${ctx.phi('URL', `https://${ctx.facility.portalHost}/visit/${rng.chars(10, 'abcdefghjkmnpqrstuvwxyz23456789')}`)}. ${who()} joined from IP ${ctx.phi('IP_ADDRESS', rng.chance(0.5) ? p.ipv4 : p.ipv6)} with ${pr.his} ${cast.relatives[0]?.relation ?? 'daughter'} ${cast.relatives[0] ? ctx.name(cast.relatives[0], false) : ''} present. Reports ${rng.pick(['improved energy', 'ongoing fatigue', 'less dyspnea', 'poor sleep'])}. ${rng.pick(FINDINGS)}`
      : t`${who()} returns for follow-up of ${dx.phrase}. ${rng.pick(FINDINGS)} ${pr.He} e-mailed a home log from ${ctx.phi('EMAIL', p.email)} before the visit. ${rng.pick(['Uses', 'Started'])} ${p.device.kind} nightly (serial ${ctx.phi('DEVICE_ID', p.device.serial)}).`;
    const objective = tele
      ? t`Home readings ${v1 ?? ''}, ${v2 ?? ''}. ${rng.pick(FINDINGS)}`
      : t`${v1 ?? ''}, ${v2 ?? ''}, ${v3 ?? ''}, ${v4 ?? ''}. ${rng.pick(FINDINGS)} ${test.name} ${ctx.decoy('lab-value', `${lab.value} ${test.units}`)} (${ctx.decoy('reference-range', lab.range)}).`;
    const assessment = t`${dx.name} (${ctx.decoy('icd10', dx.code)}), ${rng.pick(['stable', 'improving', 'not at goal', 'worsening'])}. ${rng.pick(FINDINGS)}`;
    const plan = t`Continue ${ctx.medication(drug)}. Return in ${rng.int(2, 12)} weeks; next visit ${ctx.date(new Date(visit.getTime() + rng.int(14, 84) * 86_400_000))} at ${ctx.dateTime(rng.pick([510, 555, 600, 660, 780, 900]))}. Billed ${ctx.decoy('cpt', proc.code)}.`;
    return () => {
      flow.heading(
        [
          ctx.date(visit),
          ctx.dateTime(rng.int(480, 1080)),
          '-',
          ctx.provider(provider),
          tele ? '(telehealth)' : '',
        ],
        head,
        size * 2.6 * 2,
      );
      flow.paragraph(['S:', subjective], body, { after: 2 });
      flow.paragraph(['O:', objective], body, { after: 2 });
      flow.paragraph(['A:', assessment], body, { after: 2 });
      flow.paragraph(['P:', plan], body, { after: size * 0.6 });
      if (rng.chance(0.25)) {
        const rel = rng.pick(cast.relatives);
        flow.paragraph(
          t`Addendum: spoke with ${pr.his} ${rel.relation} ${ctx.name(rel, false)} at ${ctx.phi('PHONE', rel.phone)}; forms faxed to ${ctx.phi('FAX', provider.fax)}. ${p.plan.medicare ? 'Medicare' : 'Member'} ID ${ctx.phi('HEALTH_PLAN_ID', p.plan.memberId)} verified.`,
          body,
          { after: size * 0.6 },
        );
      }
    };
  };

  flow.fill(entry, undefined, 3);
  return flow
    .finish((page, i, n) =>
      footer(page, ctx, face, i, n, [
        'Printed',
        ctx.date(ctx.refDate, 'us'),
        ctx.dateTime(rng.int(420, 1320)),
        'by',
        ctx.phi(
          'NAME',
          `${cast.providers[4]?.first ?? 'Ana'} ${cast.providers[4]?.last ?? 'Ruiz'}`,
        ),
      ]),
    )
    .map((page) => page.toSpec());
}
