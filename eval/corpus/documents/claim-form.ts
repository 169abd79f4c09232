// Insurance claim form in the style of a CMS-1500: labels printed above values inside ruled boxes.
import { DIAGNOSES, PROCEDURES } from '../clinical.js';
import type { DocContext } from '../context.js';
import { formatFormDate } from '../dates.js';
import { claimId, ein, memberId, priorAuth } from '../identifiers.js';
import { fitStyle, PageBuilder, type PageSpec, type TextStyle } from '../page.js';
import { formName } from '../people.js';
import type { Inline } from '../segments.js';

const LEFT = 30;
const TOP = 78;

/** One box: its width share of the row, its printed label and what is typed in it. */
interface Cell {
  share: number;
  label: string;
  value?: Inline;
  /** Draws extra content (checkboxes) given the value baseline and left edge. */
  draw?: (page: PageBuilder, x: number, baseline: number, width: number) => void;
}

/** Builds a one-page claim form. */
export function claimForm(ctx: DocContext): PageSpec[] {
  const { rng, cast } = ctx;
  const p = cast.patient;
  const [billing, referring] = cast.providers;
  if (!billing || !referring) throw new Error('cast needs providers');
  const page = new PageBuilder(ctx.width, ctx.height);
  const ink = ctx.formInk;
  const labelFace = ctx.face('narrow');
  const valueFace = ctx.face('mono', 'mono', 'sans');
  const label: TextStyle = { face: labelFace, size: 9, fill: ink };
  const value: TextStyle = { face: valueFace, size: valueFace === 'mono' ? 10 : 10.5 };
  const width = page.width - 2 * LEFT;
  const year = ctx.refDate.getUTCFullYear();
  const dos = ctx.daysAgo(rng.int(3, 40));
  const onset = ctx.daysAgo(rng.int(41, 120));
  const auto = rng.chance(0.5);
  const spouse = cast.relatives.find((r) => r.relation === 'wife' || r.relation === 'husband');
  const insuredIsPatient = p.plan.medicare || !spouse;

  const checks =
    (options: ReadonlyArray<readonly [string, boolean]>) =>
    (pg: PageBuilder, x: number, baseline: number) => {
      let cx = x;
      for (const [text, checked] of options) {
        cx = pg.checkbox(cx, baseline, { ...label, fill: ink }, checked);
        cx = pg.put(text, cx, baseline, label) + 8;
      }
    };

  // Header band.
  page.put('HEALTH INSURANCE CLAIM FORM', LEFT, 50, { face: labelFace, size: 14, fill: ink });
  page.put(
    ['APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE (NUCC)', ctx.decoy('form-number', '02/12')],
    LEFT,
    64,
    label,
  );
  page.putRight(p.plan.name.toUpperCase(), page.width - LEFT, 40, value);
  page.putRight(['CLAIM', ctx.phi('OTHER_ID', claimId(rng))], page.width - LEFT, 54, value);
  page.putRight('PLEASE PRINT OR TYPE', page.width - LEFT, 68, label);

  const dob = ctx.phi('DATE', formatFormDate(p.dob));
  const sex = checks([
    ['M', p.sex === 'male'],
    ['F', p.sex === 'female'],
  ]);
  const rows: Array<{ height: number; cells: Cell[] }> = [
    {
      height: 30,
      cells: [
        {
          share: 0.62,
          label: '1. MEDICARE   MEDICAID   TRICARE   CHAMPVA   GROUP HEALTH PLAN   OTHER',
          draw: checks([
            ['Medicare', p.plan.medicare],
            ['Medicaid', p.plan.name.includes('Mass')],
            ['Group', !p.plan.medicare && !p.plan.name.includes('Mass')],
            ['Other', false],
          ]),
        },
        {
          share: 0.38,
          label: "1a. INSURED'S I.D. NUMBER",
          value: ctx.phi('HEALTH_PLAN_ID', p.plan.memberId),
        },
      ],
    },
    {
      height: 30,
      cells: [
        {
          share: 0.36,
          label: "2. PATIENT'S NAME (Last, First, Middle Initial)",
          value: ctx.phi('NAME', formName(p)),
        },
        {
          share: 0.26,
          label: "3. PATIENT'S BIRTH DATE   SEX",
          value: dob,
          draw: (pg, x, baseline, w) => sex(pg, x + w * 0.62, baseline),
        },
        {
          share: 0.38,
          label: "4. INSURED'S NAME (Last, First, MI)",
          value: insuredIsPatient ? 'SAME' : ctx.phi('NAME', formName(spouse)),
        },
      ],
    },
    {
      height: 30,
      cells: [
        {
          share: 0.36,
          label: "5. PATIENT'S ADDRESS (No., Street)",
          value: ctx.phi('ADDRESS', p.address.street.toUpperCase()),
        },
        {
          share: 0.26,
          label: '6. PATIENT RELATIONSHIP TO INSURED',
          draw: checks([
            ['Self', insuredIsPatient],
            ['Spouse', !insuredIsPatient],
            ['Other', false],
          ]),
        },
        {
          share: 0.38,
          label: "7. INSURED'S ADDRESS (No., Street)",
          value: insuredIsPatient ? 'SAME' : ctx.phi('ADDRESS', p.address.street.toUpperCase()),
        },
      ],
    },
    {
      height: 30,
      cells: [
        { share: 0.28, label: 'CITY', value: ctx.phi('ADDRESS', p.address.city.toUpperCase()) },
        { share: 0.08, label: 'STATE', value: p.address.state },
        { share: 0.26, label: '8. RESERVED FOR NUCC USE' },
        { share: 0.3, label: 'CITY' },
        { share: 0.08, label: 'STATE' },
      ],
    },
    {
      height: 30,
      cells: [
        { share: 0.14, label: 'ZIP CODE', value: ctx.phi('ADDRESS', p.address.zip) },
        {
          share: 0.22,
          label: 'TELEPHONE (Include Area Code)',
          value: ctx.phi('PHONE', p.homePhone),
        },
        { share: 0.26, label: '' },
        { share: 0.14, label: 'ZIP CODE' },
        { share: 0.24, label: 'TELEPHONE (Include Area Code)' },
      ],
    },
    {
      height: 30,
      cells: [
        {
          share: 0.36,
          label: "9. OTHER INSURED'S NAME",
          value: spouse && insuredIsPatient ? ctx.phi('NAME', formName(spouse)) : '',
        },
        {
          share: 0.26,
          label: '10a. EMPLOYMENT? (Current or Previous)',
          draw: checks([
            ['YES', false],
            ['NO', true],
          ]),
        },
        { share: 0.38, label: "11. INSURED'S POLICY GROUP OR FECA NUMBER", value: 'NONE' },
      ],
    },
    {
      height: 30,
      cells: [
        {
          share: 0.36,
          label: "a. OTHER INSURED'S POLICY OR GROUP NUMBER",
          value: spouse && insuredIsPatient ? ctx.phi('HEALTH_PLAN_ID', memberId(rng)) : '',
        },
        {
          share: 0.26,
          label: 'b. AUTO ACCIDENT?   PLACE (State)',
          draw: (pg, x, baseline) => {
            checks([
              ['YES', auto],
              ['NO', !auto],
            ])(pg, x, baseline);
            if (auto) pg.put(p.address.state, x + 105, baseline, value);
          },
        },
        {
          share: 0.38,
          label: "a. INSURED'S DATE OF BIRTH   SEX",
          value: ctx.phi('DATE', formatFormDate(p.dob)),
          draw: (pg, x, baseline, w) => sex(pg, x + w * 0.6, baseline),
        },
      ],
    },
    {
      height: 30,
      cells: [
        {
          share: 0.36,
          label: 'd. INSURANCE PLAN NAME OR PROGRAM NAME',
          value: spouse && insuredIsPatient ? 'BLUE HARBOR PPO' : '',
        },
        {
          share: 0.26,
          label: 'c. OTHER ACCIDENT?',
          draw: checks([
            ['YES', false],
            ['NO', true],
          ]),
        },
        {
          share: 0.38,
          label: 'c. INSURANCE PLAN NAME OR PROGRAM NAME',
          value: p.plan.name.toUpperCase(),
        },
      ],
    },
    {
      height: 30,
      cells: [
        {
          share: 0.62,
          label: "12. PATIENT'S OR AUTHORIZED PERSON'S SIGNATURE",
          value: [
            'SIGNED SIGNATURE ON FILE',
            '   DATE',
            ctx.phi('DATE', formatFormDate(dos, true)),
          ],
        },
        {
          share: 0.38,
          label: "13. INSURED'S OR AUTHORIZED PERSON'S SIGNATURE",
          value: 'SIGNED SIGNATURE ON FILE',
        },
      ],
    },
    {
      height: 30,
      cells: [
        {
          share: 0.36,
          label: '14. DATE OF CURRENT ILLNESS, INJURY (QUAL 431)',
          value: ctx.phi('DATE', formatFormDate(onset)),
        },
        { share: 0.26, label: '15. OTHER DATE', value: '' },
        { share: 0.38, label: '16. DATES PATIENT UNABLE TO WORK', value: '' },
      ],
    },
    {
      height: 30,
      cells: [
        {
          share: 0.36,
          label: '17. NAME OF REFERRING PROVIDER',
          value: ['DN', ctx.phi('NAME', `${referring.first} ${referring.last}`.toUpperCase())],
        },
        { share: 0.26, label: '17b. NPI', value: ctx.phi('OTHER_ID', referring.npi) },
        { share: 0.38, label: '18. HOSPITALIZATION DATES', value: '' },
      ],
    },
    {
      height: 30,
      cells: [
        {
          share: 0.62,
          label: '19. ADDITIONAL CLAIM INFORMATION (Designated by NUCC)',
          value: auto
            ? [
                'MVA VEH PLATE',
                ctx.phi('VEHICLE_ID', p.vehicle.plate),
                'VIN',
                ctx.phi('VEHICLE_ID', p.vehicle.vin),
              ]
            : [
                'DEVICE SN',
                ctx.phi('DEVICE_ID', p.device.serial),
                'DL',
                ctx.phi('LICENSE_NUMBER', p.license.number),
              ],
        },
        {
          share: 0.38,
          label: '20. OUTSIDE LAB?    $ CHARGES',
          draw: checks([
            ['YES', false],
            ['NO', true],
          ]),
        },
      ],
    },
  ];

  let y = TOP;
  for (const row of rows) {
    let x = LEFT;
    for (const cell of row.cells) {
      const w = cell.share * width;
      drawCell(page, cell, x, y, w, row.height, label, value, ink);
      x += w;
    }
    y += row.height;
  }

  // Box 21 (diagnoses) and 22/23.
  const dx = rng.sample(DIAGNOSES, rng.int(2, 4));
  const w21 = 0.62 * width;
  const h21 = 56;
  page.frame(LEFT, y, w21, h21, 0.6, ink);
  page.put(
    ['21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY', '  ICD Ind.', '0'],
    LEFT + 3,
    y + 10,
    fitStyle('21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY ICD Ind. 0', label, w21 - 6, 7),
  );
  ['A.', 'B.', 'C.', 'D.'].forEach((letter, i) => {
    const cx = LEFT + 6 + (i % 4) * (w21 / 4);
    const d = dx[i];
    page.put([letter, d ? ctx.decoy('icd10', d.code) : ''], cx, y + 30, value);
  });
  ['E.', 'F.', 'G.', 'H.'].forEach((letter, i) =>
    page.put(letter, LEFT + 6 + i * (w21 / 4), y + 48, value),
  );
  const right = LEFT + w21;
  const w22 = width - w21;
  drawCell(
    page,
    { share: 0, label: '22. RESUBMISSION CODE   ORIGINAL REF. NO.' },
    right,
    y,
    w22,
    h21 / 2,
    label,
    value,
    ink,
  );
  drawCell(
    page,
    {
      share: 0,
      label: '23. PRIOR AUTHORIZATION NUMBER',
      value: ctx.phi('OTHER_ID', priorAuth(rng, year)),
    },
    right,
    y + h21 / 2,
    w22,
    h21 / 2,
    label,
    value,
    ink,
  );
  y += h21;

  // Box 24: service lines.
  const cols: ReadonlyArray<readonly [number, string]> = [
    [0.27, '24. A. DATES OF SERVICE From - To'],
    [0.07, 'B. POS'],
    [0.2, 'D. CPT/HCPCS   MOD'],
    [0.09, 'E. DX PTR'],
    [0.13, 'F. $ CHARGES'],
    [0.08, 'G. UNITS'],
    [0.06, 'I. QUAL'],
    [0.1, 'J. NPI'],
  ];
  let x = LEFT;
  for (const [share, text] of cols) {
    drawCell(page, { share, label: text }, x, y, share * width, 18, label, value, ink);
    x += share * width;
  }
  y += 18;
  const procedures = rng.sample(PROCEDURES, rng.int(2, 5));
  let total = 0;
  for (let line = 0; line < 6; line++) {
    page.frame(LEFT, y, width, 20, 0.5, ink);
    const proc = procedures[line];
    if (proc) {
      total += proc.charge;
      const cells: Inline[] = [
        [ctx.phi('DATE', formatFormDate(dos, true)), ctx.phi('DATE', formatFormDate(dos, true))],
        '11',
        [ctx.decoy('cpt', proc.code), line === 0 && rng.chance(0.5) ? '25' : ''],
        dx.length > 1 && line % 2 === 1 ? 'AB' : 'A',
        ctx.decoy('money', `${proc.charge.toFixed(0)} 00`),
        '1',
        'NPI',
        ctx.phi('OTHER_ID', billing.npi),
      ];
      let cx = LEFT;
      cells.forEach((content, i) => {
        const share = cols[i]?.[0] ?? 0;
        page.put(content, cx + 4, y + 14, fitStyle(content, value, share * width - 6, 7));
        cx += share * width;
      });
    }
    y += 20;
  }

  const bottomRows: Cell[][] = [
    [
      {
        share: 0.17,
        label: '25. FED. TAX I.D. NO.',
        value: ctx.phi('OTHER_ID', ein(rng)),
      },
      {
        share: 0.2,
        label: "26. PATIENT'S ACCOUNT NO.",
        value: ctx.phi('ACCOUNT_NUMBER', p.account),
      },
      {
        share: 0.15,
        label: '27. ACCEPT ASSIGN.?',
        draw: checks([
          ['YES', true],
          ['NO', false],
        ]),
      },
      {
        share: 0.16,
        label: '28. TOTAL CHARGE',
        value: ctx.decoy('money', `$ ${total.toFixed(2)}`),
      },
      { share: 0.16, label: '29. AMOUNT PAID', value: ctx.decoy('money', '$ 0.00') },
      { share: 0.16, label: '30. Rsvd for NUCC' },
    ],
  ];
  for (const row of bottomRows) {
    let cx = LEFT;
    for (const cell of row) {
      drawCell(page, cell, cx, y, cell.share * width, 30, label, value, ink);
      cx += cell.share * width;
    }
    y += 30;
  }

  // Boxes 31-33: multi-line.
  const f = ctx.facility;
  const tall = 62;
  const blocks: ReadonlyArray<readonly [number, string, Inline[]]> = [
    [
      0.3,
      '31. SIGNATURE OF PHYSICIAN OR SUPPLIER',
      [
        // the credential is safe, as everywhere else in the corpus
        [
          ctx.phi('NAME', `${billing.first} ${billing.last}`.toUpperCase()),
          billing.credential.toUpperCase(),
        ],
        ['DATE', ctx.phi('DATE', formatFormDate(ctx.refDate, true))],
      ],
    ],
    [
      0.34,
      '32. SERVICE FACILITY LOCATION INFORMATION',
      [f.name.toUpperCase(), ctx.phi('ADDRESS', f.street.toUpperCase()), upperCity(ctx, f)],
    ],
    [
      0.36,
      '33. BILLING PROVIDER INFO & PH #',
      [
        ctx.mainLine(),
        f.name.toUpperCase(),
        ctx.phi('ADDRESS', f.street.toUpperCase()),
        upperCity(ctx, f),
      ],
    ],
  ];
  x = LEFT;
  for (const [share, text, lines] of blocks) {
    const w = share * width;
    page.frame(x, y, w, tall, 0.6, ink);
    page.put(text, x + 3, y + 10, fitStyle(text, label, w - 6, 7));
    lines.forEach((line, i) => {
      page.put(line, x + 4, y + 23 + i * 12, fitStyle(line, { ...value, size: 9.5 }, w - 8, 7));
    });
    x += w;
  }
  y += tall;

  page.put(
    ['NUCC Instruction Manual available at:', ctx.decoy('form-number', 'www.nucc.org')],
    LEFT,
    y + 14,
    label,
  );
  page.putRight(
    [
      'APPROVED',
      ctx.decoy('form-number', 'OMB-0938-1197'),
      ctx.decoy('form-number', 'FORM CMS-1500 (02-12)'),
    ],
    page.width - LEFT,
    y + 14,
    label,
  );
  return [page.toSpec()];
}

function upperCity(ctx: DocContext, a: { city: string; state: string; zip: string }): Inline {
  return [ctx.phi('ADDRESS', `${a.city.toUpperCase()}`), a.state, ctx.phi('ADDRESS', a.zip)];
}

function drawCell(
  page: PageBuilder,
  cell: Cell,
  x: number,
  y: number,
  w: number,
  h: number,
  label: TextStyle,
  value: TextStyle,
  ink: string,
): void {
  page.frame(x, y, w, h, 0.6, ink);
  if (cell.label) page.put(cell.label, x + 3, y + 10, fitStyle(cell.label, label, w - 6, 7));
  const baseline = y + h - 6;
  if (cell.value) page.put(cell.value, x + 5, baseline, fitStyle(cell.value, value, w - 10, 7));
  cell.draw?.(page, x + 5, baseline, w);
}
