// Discharge summary: letterhead, patient block, then dense prose sections over several pages.
import { DIAGNOSES, DRUGS, FINDINGS, LAB_PANELS, labResult, PROCEDURES } from '../clinical.js';
import type { DocContext } from '../context.js';
import { addDays, ageOn } from '../dates.js';
import { Flow } from '../flow.js';
import type { PageSpec, TextStyle } from '../page.js';
import { honorific, pronouns } from '../people.js';
import { t, tight, type Inline } from '../segments.js';
import { fieldGrid, footer, letterhead, MARGIN, runningHeader } from './common.js';

/** Builds a discharge summary of exactly `ctx.plan.pages` pages. */
export function dischargeSummary(ctx: DocContext): PageSpec[] {
  const { rng, cast } = ctx;
  const p = cast.patient;
  const [attending, pcp, consultant] = cast.providers;
  if (!attending || !pcp || !consultant) throw new Error('cast needs providers');
  const face = ctx.face('serif', 'sans');
  const size = rng.pick([9.5, 10, 10.5, 11]);
  const body: TextStyle = { face, size };
  const head: TextStyle = { face, size: 12, fill: ctx.accent };
  const label: TextStyle = { face, size: 9.5, fill: ctx.accent };
  const los = rng.int(2, 12);
  const discharged = ctx.daysAgo(rng.int(0, 3));
  const admitted = addDays(discharged, -los);
  const duringStay = () => addDays(admitted, rng.int(0, los));
  const [dx, ...others] = rng.sample(DIAGNOSES, 5);
  if (!dx) throw new Error('no diagnoses');
  const pr = pronouns(p);
  // The patient's surname after a title is PHI, a new mention each time it is written.
  const who = (): Inline => [honorific(p), ctx.phi('NAME', p.last)];
  const relative = cast.relatives[0];
  const showSsn = rng.chance(0.6);

  const flow = new Flow({
    width: ctx.width,
    height: ctx.height,
    margin: { top: MARGIN, bottom: MARGIN + 24, left: MARGIN, right: MARGIN },
    columns: ctx.plan.columns,
    maxPages: ctx.plan.pages,
    startPage: (page, index) => {
      if (index > 0) return runningHeader(page, ctx, face, 'Discharge Summary');
      let y = letterhead(page, ctx, face);
      page.putCentred('DISCHARGE SUMMARY', page.width / 2, y + 6, { face, size: 14 });
      y += 20;
      const col = (page.width - 2 * MARGIN) / 2;
      y = fieldGrid(
        page,
        [
          [
            ['Patient:', ctx.name(p)],
            ['MRN:', ctx.phi('MRN', p.mrn)],
          ],
          [
            ['DOB:', ctx.date(p.dob)],
            ['Account:', ctx.phi('ACCOUNT_NUMBER', p.account)],
          ],
          [
            ['Admitted:', ctx.date(admitted)],
            ['Discharged:', ctx.date(discharged)],
          ],
          [
            ['Attending:', ctx.provider(attending)],
            ['PCP:', ctx.provider(pcp)],
          ],
          ...(showSsn
            ? [
                [
                  ['SSN:', ctx.phi('SSN', p.ssn)] as const,
                  ['Plan ID:', ctx.phi('HEALTH_PLAN_ID', p.plan.memberId)] as const,
                ],
              ]
            : []),
        ],
        MARGIN,
        y,
        [col, col],
        label,
        body,
      );
      page.rule(MARGIN, y + 2, page.width - 2 * MARGIN, 0.5);
      return y + 12;
    },
  });

  const sections: Array<() => void> = [
    () => {
      flow.heading('Discharge Diagnoses', head, size * 2.6);
      [dx, ...others.slice(0, rng.int(2, 4))].forEach((d, i) => {
        flow.paragraph([`${i + 1}.`, d.name, tight('(', ctx.decoy('icd10', d.code), ')')], body, {
          after: 1,
        });
      });
    },
    () => {
      flow.heading('History of Present Illness', head, size * 2.6);
      const since = p.dob.getUTCFullYear() + rng.int(40, 70);
      flow.paragraph(
        t`${who()} is a ${ctx.age(p.age)} ${p.sex === 'female' ? 'woman' : 'man'} with a history of ${dx.phrase} since ${ctx.year(Math.min(since, ctx.refDate.getUTCFullYear() - 1))} and ${others[0]?.phrase ?? 'hypertension'}, who presented to the emergency department on ${ctx.date(admitted)} with ${rng.pick(['two days of', 'worsening', 'acute onset of'])} ${rng.pick(['dyspnea', 'chest pressure', 'confusion', 'fever and weakness'])}. ${pr.He} lives at ${ctx.street(p.address)} in ${ctx.phi('ADDRESS', p.address.city)} with ${pr.his} ${relative?.relation ?? 'daughter'} ${relative ? ctx.name(relative, false) : 'at home'}, who noticed the change and called EMS. On arrival ${ctx.decoy('vital-sign', `BP ${rng.int(130, 178)}/${rng.int(70, 99)}`)}, ${ctx.decoy('vital-sign', `HR ${rng.int(88, 124)}`)}, ${ctx.decoy('vital-sign', `SpO2 ${rng.int(86, 94)}%`)} on room air. ${rng.pick(FINDINGS)}`,
        body,
      );
    },
    () => {
      flow.heading('Hospital Course', head, size * 2.6);
      const drug = rng.pick(DRUGS);
      const dose = rng.pick(drug.doses);
      flow.paragraph(
        t`${pr.He} was admitted to ${rng.pick(['the medicine service', 'telemetry', 'the step-down unit'])} under ${ctx.provider(attending)}. ${rng.pick(FINDINGS)} ${ctx.dose(drug, dose)} was started ${rng.pick(drug.sig)} on hospital day ${rng.int(1, 3)}. ${ctx.provider(consultant)} of ${consultant.specialty} was consulted on ${ctx.date(duringStay())} and recommended ${rng.pick(['continued medical management', 'an echocardiogram', 'outpatient follow-up', 'a repeat chest x-ray'])}. ${rng.pick(FINDINGS)} ${rng.pick(FINDINGS)}`,
        body,
      );
    },
    () => {
      flow.heading('Pertinent Results', head, size * 2.6);
      const panel = rng.pick(LAB_PANELS);
      const parts: Inline[] = rng.sample(panel.tests, 4).map((test) => {
        const r = labResult(rng, test);
        return t`${test.name} ${ctx.decoy('lab-value', `${r.value} ${test.units}`)} (ref ${ctx.decoy('reference-range', r.range)})${r.flag ? ` [${r.flag}]` : ''};`;
      });
      flow.paragraph([t`Labs on ${ctx.date(duringStay())}:`, ...parts], body);
    },
    () => {
      flow.heading('Procedures', head, size * 2.6);
      const proc = rng.pick(
        PROCEDURES.filter((x) => x.code === '33208' || x.code === '93306' || x.code === '71046'),
      );
      flow.paragraph(
        proc.code === '33208'
          ? t`${proc.name} (CPT ${ctx.decoy('cpt', proc.code)}) on ${ctx.date(duringStay())} by ${ctx.provider(consultant)}. Device: ${p.device.kind}, serial number ${ctx.phi('DEVICE_ID', p.device.serial)}, UDI ${ctx.phi('DEVICE_ID', p.device.udi)}. Device check prior to discharge showed normal sensing and capture.`
          : t`${proc.name} (CPT ${ctx.decoy('cpt', proc.code)}) on ${ctx.date(duringStay())}: ${rng.pick(FINDINGS)} Home ${p.device.kind} (serial ${ctx.phi('DEVICE_ID', p.device.serial)}) was continued during the stay.`,
        body,
      );
    },
    () => {
      flow.heading('Discharge Medications', head, size * 2.6);
      rng.sample(DRUGS, rng.int(4, 6)).forEach((drug) => {
        flow.paragraph(['-', ctx.dose(drug, rng.pick(drug.doses)), rng.pick(drug.sig)], body, {
          after: 1,
        });
      });
    },
    () => {
      flow.heading('Follow-up and Instructions', head, size * 2.6);
      const followUp = ctx.daysAgo(-rng.int(5, 21));
      flow.paragraph(
        t`Follow up with ${ctx.provider(pcp)} on ${ctx.date(followUp)} at ${ctx.dateTime(rng.pick([540, 570, 600, 630, 810, 870]), rng.chance(0.5))}. Call the clinic at ${ctx.phi('PHONE', pcp.directPhone)} or fax records to ${ctx.phi('FAX', pcp.fax)}. The patient can be reached at ${ctx.phi('PHONE', p.homePhone)} or ${ctx.phi('EMAIL', p.email)}; results will be posted to ${ctx.phi('URL', p.portalUrl)}. Return to the emergency department for chest pain, shortness of breath or fever above ${ctx.decoy('vital-sign', '100.4 F')}.`,
        body,
      );
    },
  ];

  // Filler sections keep the note dense until the planned page count is reached.
  const filler = (): void => {
    const choice = rng.int(0, 3);
    if (choice === 0) {
      flow.heading(
        rng.pick(['Nursing Summary', 'Social History', 'Functional Status']),
        head,
        size * 2.6,
      );
      const rel = rng.pick(cast.relatives);
      flow.paragraph(
        t`${rng.pick(FINDINGS)} ${pronouns(p).He} was seen with ${pronouns(p).his} ${rel.relation} ${ctx.name(rel, false)} (${ctx.phi('PHONE', rel.phone)}), the health care proxy. ${rng.pick(FINDINGS)} Former smoker, quit in ${ctx.year(rng.int(1985, 2015))}. ${rng.pick(FINDINGS)}`,
        body,
      );
    } else if (choice === 1) {
      flow.heading('Interval Progress', head, size * 2.6);
      const on = duringStay();
      flow.paragraph(
        t`${ctx.date(on)}: ${rng.pick(FINDINGS)} ${rng.pick(FINDINGS)} ${ctx.decoy('vital-sign', `Temp ${(97 + rng.next() * 3).toFixed(1)} F`)}, ${ctx.decoy('vital-sign', `BP ${rng.int(110, 150)}/${rng.int(60, 90)}`)}. Age at admission ${ctx.age(ageOn(p.dob, admitted), 'years')}. ${rng.pick(FINDINGS)}`,
        body,
      );
    } else if (choice === 2) {
      flow.heading('Insurance and Disposition', head, size * 2.6);
      flow.paragraph(
        t`Discharged ${rng.pick(['home with services', 'to a skilled nursing facility', 'home with family'])}. Coverage: ${p.plan.name}, member ID ${ctx.phi('HEALTH_PLAN_ID', p.plan.memberId)}. Prior authorization ${ctx.phi('OTHER_ID', `PA${ctx.refDate.getUTCFullYear()}${rng.digits(6)}`)} obtained for home health. ${rng.pick(FINDINGS)}`,
        body,
      );
    } else {
      flow.paragraph(
        t`${rng.pick(FINDINGS)} ${rng.pick(FINDINGS)} ${rng.pick(FINDINGS)} ${rng.pick(FINDINGS)}`,
        body,
      );
    }
  };

  for (const section of sections) flow.attempt(section);
  flow.fill(() => filler, undefined, 4);
  return flow
    .finish((page, i, n) => {
      if (i === n - 1) {
        page.put(
          [
            'Electronically signed by',
            ctx.signature(attending),
            'on',
            ctx.date(discharged),
            ctx.dateTime(rng.int(480, 1200)),
          ],
          MARGIN,
          page.height - MARGIN - 8,
          { face, size: 9 },
        );
      }
      footer(page, ctx, face, i, n);
    })
    .map((page) => page.toSpec());
}
