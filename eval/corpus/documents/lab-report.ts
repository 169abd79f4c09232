// Lab report: patient and specimen block, then result tables (test, value, units, range, flag).
import { LAB_PANELS, labResult } from '../clinical.js';
import type { DocContext } from '../context.js';
import { formatDate } from '../dates.js';
import { Flow } from '../flow.js';
import { accession, specimenId } from '../identifiers.js';
import type { PageBuilder, PageSpec, TextStyle } from '../page.js';
import { lastFirst } from '../people.js';
import { t } from '../segments.js';
import { fieldGrid, footer, letterhead, MARGIN, runningHeader } from './common.js';

/** Builds a lab report of exactly `ctx.plan.pages` pages. */
export function labReport(ctx: DocContext): PageSpec[] {
  const { rng, cast } = ctx;
  const p = cast.patient;
  const [orderedBy, , , , verifier] = cast.providers;
  if (!orderedBy || !verifier) throw new Error('cast needs providers');
  const face = ctx.face('mono', 'sans', 'narrow');
  const size = face === 'mono' ? rng.pick([9, 9.5]) : rng.pick([9.5, 10, 10.5]);
  const body: TextStyle = { face, size };
  const label: TextStyle = { face, size: 9, fill: ctx.accent };
  const head: TextStyle = { face, size: 11, fill: ctx.accent };
  const collected = ctx.daysAgo(rng.int(0, 2));
  const collectedAt = rng.int(360, 1080);
  const year = collected.getUTCFullYear();
  const accessionNo = accession(rng, year);
  const showSsn = rng.chance(0.6);

  // Column x offsets as shares of the content width: test, value, units, range, flag.
  const shares = [0, 0.4, 0.53, 0.66, 0.91];
  const columns = (x: number, width: number) => shares.map((s) => x + s * width);
  const headerRow = (page: PageBuilder, x: number, top: number, width: number) => {
    const [c0, c1, c2, c3, c4] = columns(x, width);
    const base = top + size;
    const hs: TextStyle = { ...body, fill: ctx.accent };
    page.put('TEST', c0 ?? x, base, hs);
    page.put('RESULT', c1 ?? x, base, hs);
    page.put('UNITS', c2 ?? x, base, hs);
    page.put('REFERENCE RANGE', c3 ?? x, base, hs);
    page.put('FLAG', c4 ?? x, base, hs);
    page.rule(x, base + 4, width, 0.7, ctx.accent);
  };

  const flow = new Flow({
    width: ctx.width,
    height: ctx.height,
    margin: { top: MARGIN, bottom: MARGIN + 24, left: MARGIN, right: MARGIN },
    maxPages: ctx.plan.pages,
    startPage: (page, index) => {
      if (index > 0) return runningHeader(page, ctx, face, 'Laboratory Report');
      let y = letterhead(page, ctx, face, [
        ['CLIA', ctx.decoy('form-number', `22D${rng.digits(7)}`)],
      ]);
      page.put('LABORATORY REPORT', MARGIN, y + 4, { face, size: 14 });
      page.putRight(
        ['Accession:', ctx.phi('OTHER_ID', accessionNo)],
        page.width - MARGIN,
        y + 4,
        body,
      );
      y += 16;
      const col = (page.width - 2 * MARGIN) / 3;
      y = fieldGrid(
        page,
        [
          [
            ['Patient:', ctx.phi('NAME', lastFirst(p))],
            ['DOB:', ctx.date(p.dob)],
            ['Sex:', p.sex === 'female' ? 'F' : 'M'],
          ],
          [
            ['MRN:', ctx.phi('MRN', p.mrn)],
            ['Age:', ctx.age(p.age, 'bare')],
            ['Acct:', ctx.phi('ACCOUNT_NUMBER', p.account)],
          ],
          [
            [
              'Collected:',
              [ctx.phi('DATE', formatDate(collected, 'us')), ctx.dateTime(collectedAt)],
            ],
            [
              'Received:',
              [
                ctx.phi('DATE', formatDate(collected, 'us')),
                ctx.dateTime(collectedAt + rng.int(20, 180)),
              ],
            ],
            ['Specimen:', ctx.phi('OTHER_ID', specimenId(rng))],
          ],
          [
            ['Ordering:', ctx.provider(orderedBy)],
            ['Phone:', ctx.phi('PHONE', p.homePhone)],
            showSsn ? ['SSN:', ctx.phi('SSN', p.ssn)] : undefined,
          ],
        ],
        MARGIN,
        y,
        [col * 1.15, col * 0.95, col * 0.9],
        label,
        body,
      );
      page.rule(MARGIN, y + 2, page.width - 2 * MARGIN, 0.5);
      return y + 14;
    },
  });

  const panel = (name: string): void => {
    const tests = LAB_PANELS.find((x) => x.name === name)?.tests ?? [];
    flow.heading(name, head, size * 1.6 * 3);
    flow.block(size * 1.7, headerRow);
    flow.setContinuation(() => flow.block(size * 1.7, headerRow));
    for (const test of tests) {
      const r = labResult(rng, test);
      flow.block(size * 1.55, (page, x, top, width) => {
        const [c0, c1, c2, c3, c4] = columns(x, width);
        const base = top + size;
        page.put(test.name, c0 ?? x, base, body);
        page.put(ctx.decoy('lab-value', r.value), c1 ?? x, base, body);
        page.put(ctx.decoy('lab-value', test.units), c2 ?? x, base, body);
        page.put(ctx.decoy('reference-range', r.range), c3 ?? x, base, body);
        if (r.flag) page.put(r.flag, c4 ?? x, base, body);
      });
    }
    flow.setContinuation(undefined);
    flow.space(size);
  };

  const comment = (): void => {
    const nurse = rng.pick(cast.providers.slice(2));
    const variants = [
      t`Critical value called to and read back by ${ctx.name(nurse, false)}, RN at ${ctx.dateTime(rng.int(420, 1320))} on ${ctx.date(collected)}.`,
      t`Specimen ${ctx.phi('OTHER_ID', specimenId(rng))} received hemolyzed; potassium may be falsely elevated. Recollection requested from ${ctx.provider(orderedBy)}.`,
      t`Results also available to the patient at ${ctx.phi('URL', p.portalUrl)}. Questions: ${ctx.mainLine()}.`,
      t`Verified by ${ctx.signature(verifier)} on ${ctx.date(collected)} ${ctx.dateTime(rng.int(600, 1380))}. Reference ranges apply to adults; interpret with clinical findings.`,
    ];
    flow.heading('Comments', head, size * 3);
    flow.paragraph(rng.pick(variants), body);
  };

  const order = rng.shuffle(LAB_PANELS.map((x) => x.name));
  let next = 0;
  flow.fill(() => {
    const n = next++;
    const name = order[n % order.length] ?? '';
    return () => (n % 3 === 2 ? comment() : panel(name));
  });
  return flow
    .finish((page, i, n) =>
      footer(page, ctx, face, i, n, ['Accession', ctx.phi('OTHER_ID', accessionNo)]),
    )
    .map((page) => page.toSpec());
}
