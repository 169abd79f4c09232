// Small pieces every held-out layout uses: captions, letterheads, tagged names, addresses and dates.
import type { PhiCategory } from '../../../src/phi/types.js';
import type { Address } from '../places.js';
import { decoy, phi, type Seg, type SegLike, type SheetBuilder, type Style } from '../sheet.js';
import type { Facility } from '../world.js';
import {
  formatClock,
  formatDay,
  type Clock,
  type ClockStyle,
  type Day,
  type DateStyle,
} from '../when.js';

export const LETTER = { width: 612, height: 792 } as const;

/** A printed caption (field label, column head): safe, and a decoy because forms are full of them. */
export const cap = (text: string): Seg => decoy('caption', text);

/** A date, optionally followed by its time of day: one DATE entity (the time rule). */
export function dateSeg(
  day: Day,
  style: DateStyle,
  time?: { clock: Clock; style: ClockStyle },
): Seg {
  const text = formatDay(day, style);
  return phi('DATE', time ? `${text} ${formatClock(time.clock, time.style)}` : text);
}

/** The street line of an address. */
export const streetSeg = (a: Address): Seg => phi('ADDRESS', a.street);

/**
 * City, state and ZIP on one line as one ADDRESS entity; the state and country are safe words
 * inside it. `entity` comes from the document context.
 */
export function cityLineSegs(a: Address, entity: string): SegLike[] {
  if (a.country) return [phi('ADDRESS', `${a.zip} ${a.city},`, entity), a.country];
  return [phi('ADDRESS', `${a.city},`, entity), a.state ?? '', phi('ADDRESS', a.zip, entity)];
}

/** A value of one category. */
export const v = (category: PhiCategory, text: string): Seg => phi(category, text);

/** The facility's letterhead: name, street, city line, main line and website, all safe. */
export function letterhead(
  b: SheetBuilder,
  f: Facility,
  x: number,
  top: number,
  name: Style,
  small: Style,
  options: { align?: 'left' | 'right' | 'centre'; phoneLabel?: string } = {},
): number {
  const put = (baseline: number, style: Style, ...segs: SegLike[]) => {
    if (options.align === 'right') b.right(x, baseline, style, ...segs);
    else if (options.align === 'centre') b.centre(x, baseline, style, ...segs);
    else b.text(x, baseline, style, ...segs);
  };
  let y = top + name.size;
  put(y, name, decoy('facility-name', f.name));
  y += small.size * 1.35;
  put(y, small, decoy('facility-address', f.street));
  y += small.size * 1.3;
  put(y, small, decoy('facility-address', f.cityLine));
  y += small.size * 1.3;
  put(
    y,
    small,
    options.phoneLabel ?? 'Tel',
    decoy('facility-public-number', f.mainLine),
    '·',
    decoy('public-url', f.website),
  );
  return y + small.size * 0.6;
}

/** Years alone are safe (Safe Harbor keeps the year). */
export const year = (y: number): Seg => decoy('year', String(y));
