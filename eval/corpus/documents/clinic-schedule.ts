// Clinic schedule (landscape): a table of times, patient names, DOBs, MRNs, phones and providers.
import type { DocContext } from '../context.js';
import { addDays, birthDateForAge, formatDate, weekday } from '../dates.js';
import { Flow } from '../flow.js';
import { memberId, mbi, mrn, phoneNumber } from '../identifiers.js';
import type { PageBuilder, PageSpec, TextStyle } from '../page.js';
import { ascii } from '../people.js';
import type { Inline } from '../segments.js';
import { footer, MARGIN } from './common.js';

const VISIT_TYPES = [
  'Follow-up',
  'New patient',
  'Post-op',
  'Annual exam',
  'Telehealth',
  'Med check',
  'Lab review',
];

/** Builds a clinic day schedule of exactly `ctx.plan.pages` pages. */
export function clinicSchedule(ctx: DocContext): PageSpec[] {
  const { rng, faker, cast } = ctx;
  const face = ctx.face('narrow', 'sans');
  const size = rng.pick([10, 10.5, 11]);
  const body: TextStyle = { face, size };
  const head: TextStyle = { face, size, fill: ctx.accent };
  const providers = cast.providers.slice(0, 3);
  const mrnStyle = rng.pick([0, 1, 2, 3] as const);
  const specialty = providers[0]?.specialty ?? 'Internal Medicine';
  // Column shares: time, patient, DOB, MRN, phone, provider, type, notes.
  const shares = [0, 0.07, 0.24, 0.34, 0.45, 0.58, 0.72, 0.83];
  const titles = ['Time', 'Patient', 'DOB', 'MRN', 'Phone', 'Provider', 'Type', 'Notes'];
  const cols = (x: number, width: number) => shares.map((s) => x + s * width);
  // Clinics run on weekdays: move a weekend date to the next Monday.
  const dow = ctx.refDate.getUTCDay();
  const day =
    dow === 0 ? addDays(ctx.refDate, 1) : dow === 6 ? addDays(ctx.refDate, 2) : ctx.refDate;

  const headerRow = (page: PageBuilder, x: number, top: number, width: number) => {
    const xs = cols(x, width);
    titles.forEach((title, i) => page.put(title, xs[i] ?? x, top + size, head));
    page.rule(x, top + size + 4, width, 0.8, ctx.accent);
  };

  const flow = new Flow({
    width: ctx.width,
    height: ctx.height,
    margin: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    maxPages: ctx.plan.pages,
    startPage: (page) => {
      const y = MARGIN + 12;
      page.put(ctx.facility.name, MARGIN, y, { face, size: 14, fill: ctx.accent });
      page.putRight(['Main:', ctx.mainLine()], page.width - MARGIN, y, { face, size: 9 });
      page.put(
        [
          'Clinic schedule -',
          specialty,
          '-',
          `${weekday(day)},`,
          ctx.date(day, rng.pick(['long', 'us'] as const)),
        ],
        MARGIN,
        y + 17,
        { face, size: 12 },
      );
      headerRow(page, MARGIN, y + 26, page.width - 2 * MARGIN);
      return y + 26 + size * 2;
    },
  });

  // Several providers see patients in parallel, so a day of 40-50 rows ends by late afternoon.
  let minute = rng.pick([465, 480, 490]);
  const slot = rng.pick([15, 20, 30]);
  const twelveHour = rng.chance(0.4);
  const row = () => {
    if (rng.chance(0.6)) minute += slot;
    const sex = rng.chance(0.5) ? 'female' : 'male';
    const first = ascii(faker.person.firstName(sex));
    const last = ascii(faker.person.lastName());
    const age = rng.chance(0.15) ? rng.int(90, 99) : rng.int(19, 89);
    const dob = birthDateForAge(rng, age, ctx.refDate);
    const provider = rng.pick(providers);
    const type = rng.pick(VISIT_TYPES);
    const noteRoll = rng.int(0, 6);
    const note: Inline =
      noteRoll === 0
        ? ['MBI', ctx.phi('HEALTH_PLAN_ID', mbi(rng))]
        : noteRoll === 1
          ? ['ID', ctx.phi('HEALTH_PLAN_ID', memberId(rng))]
          : noteRoll === 2
            ? ['Interpreter']
            : noteRoll === 3
              ? ['Age', ctx.age(age, 'bare')]
              : noteRoll === 4
                ? ['Room', String(rng.int(1, 12))]
                : '';
    const cells: Inline[] = [
      ctx.dateTime(minute % 1440, twelveHour),
      ctx.phi('NAME', `${last}, ${first}`),
      ctx.phi('DATE', formatDate(dob, rng.pick(['us', 'us-short'] as const))),
      ctx.phi('MRN', mrn(rng, mrnStyle)),
      ctx.phi('PHONE', phoneNumber(rng, 'dashes')),
      ctx.phi('NAME', `${provider.first[0] ?? ''}. ${provider.last}`),
      type,
      note,
    ];
    return () =>
      flow.block(size * 1.75, (page, x, top, width) => {
        const xs = cols(x, width);
        cells.forEach((cell, i) => page.put(cell, xs[i] ?? x, top + size, body));
        page.rule(x, top + size * 1.75 - 2, width, 0.3, '#888');
      });
  };
  flow.fill(row);
  return flow
    .finish((page, i, n) => footer(page, ctx, face, i, n, 'Internal use only - do not post'))
    .map((page) => page.toSpec());
}
