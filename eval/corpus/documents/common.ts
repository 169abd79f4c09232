// Page chrome shared by the document builders: letterheads, running headers, footers, fields.
import type { DocContext } from '../context.js';
import type { PageBuilder, TextStyle } from '../page.js';
import { tight, type Inline } from '../segments.js';

/** Margins in points. */
export const MARGIN = 45;

/** A label and its value. */
export type Field = readonly [label: string, value: Inline];

/**
 * Facility letterhead: name, department, address (PHI), the published main line (safe) and,
 * when given, a fax line. Returns the y below the rule that closes it.
 */
export function letterhead(
  page: PageBuilder,
  ctx: DocContext,
  face: TextStyle['face'],
  extra: Inline[] = [],
): number {
  const f = ctx.facility;
  const left = MARGIN;
  const right = page.width - MARGIN;
  const title: TextStyle = { face, size: 14, fill: ctx.accent };
  const small: TextStyle = { face, size: 9, fill: ctx.accent };
  let y = MARGIN + 14;
  page.put(f.name, left, y, title);
  page.putRight(f.department, right, y, small);
  y += 14;
  page.put([ctx.phi('ADDRESS', `${f.street},`), ctx.cityLine(f)], left, y, small);
  page.putRight(['Main:', ctx.mainLine()], right, y, small);
  for (const line of extra) {
    y += 12;
    page.putRight(line, right, y, small);
  }
  y += 7;
  page.rule(left, y, right - left, 1.2, ctx.accent);
  return y + 16;
}

/** Running header for continuation pages: patient, MRN and DOB. Returns where content starts. */
export function runningHeader(
  page: PageBuilder,
  ctx: DocContext,
  face: TextStyle['face'],
  title: string,
): number {
  const p = ctx.cast.patient;
  const style: TextStyle = { face, size: 9 };
  const y = MARGIN + 9;
  page.put([title, '-', 'continued'], MARGIN, y, { ...style, fill: ctx.accent });
  page.putRight(
    [
      'Patient:',
      ctx.phi('NAME', `${p.last}, ${p.first}`),
      ' MRN:',
      ctx.phi('MRN', p.mrn),
      ' DOB:',
      ctx.date(p.dob),
    ],
    page.width - MARGIN,
    y,
    style,
  );
  page.rule(MARGIN, y + 5, page.width - 2 * MARGIN, 0.6);
  return y + 20;
}

/** Footer: "Page n of N" on the right, a note on the left. */
export function footer(
  page: PageBuilder,
  ctx: DocContext,
  face: TextStyle['face'],
  index: number,
  total: number,
  note: Inline = 'CONFIDENTIAL - contains protected health information',
): void {
  const style: TextStyle = { face, size: 9 };
  const y = page.height - MARGIN + 16;
  page.rule(MARGIN, y - 12, page.width - 2 * MARGIN, 0.5);
  page.put(note, MARGIN, y, style);
  page.putRight(ctx.pageOf(index, total), page.width - MARGIN, y, style);
}

/**
 * Label-value fields in a grid of columns; returns the y below the last row.
 * Each row holds one field per column (a missing field leaves the cell empty).
 */
export function fieldGrid(
  page: PageBuilder,
  rows: ReadonlyArray<ReadonlyArray<Field | undefined>>,
  x: number,
  top: number,
  columnWidths: readonly number[],
  label: TextStyle,
  value: TextStyle,
  rowHeight = value.size * 1.6,
): number {
  let y = top;
  for (const row of rows) {
    let cx = x;
    row.forEach((field, i) => {
      if (field) {
        const end = page.put(field[0], cx, y + value.size, label);
        page.put(field[1], end + 4, y + value.size, value);
      }
      cx += columnWidths[i] ?? 0;
    });
    y += rowHeight;
  }
  return y;
}

/** Comma-separated inline list. */
export function commaList(parts: readonly Inline[]): Inline[] {
  return parts.map((p, i) => (i < parts.length - 1 ? tight(p, ',') : p));
}
