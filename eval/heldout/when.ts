// Calendar dates and times of day in the many ways records print them. Pure (UTC arithmetic only).
import type { Rng } from '../corpus/random.js';

export interface Day {
  y: number;
  m: number;
  d: number;
}

export interface Clock {
  h: number;
  mi: number;
  s: number;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const serial = (day: Day) => Date.UTC(day.y, day.m - 1, day.d) / 86_400_000;
const fromSerial = (n: number): Day => {
  const date = new Date(n * 86_400_000);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
};

export const addDays = (day: Day, days: number): Day => fromSerial(serial(day) + days);
export const weekday = (day: Day) => WEEKDAYS[new Date(serial(day) * 86_400_000).getUTCDay()] ?? '';
/** Whole years from `birth` to `on`. */
export const ageOn = (birth: Day, on: Day) =>
  on.y - birth.y - (on.m < birth.m || (on.m === birth.m && on.d < birth.d) ? 1 : 0);

/** Date styles seen on US records, forms, devices and in letters. */
export const DATE_STYLES = [
  'mdy',
  'mdy-nopad',
  'mdy-short',
  'dmy-dot',
  'iso',
  'mon-d-y',
  'month-d-y',
  'd-mon-y',
  'd-MON-y',
  'd-month-y',
  'mdy-dash',
] as const;
export type DateStyle =
  (typeof DATE_STYLES)[number] | 'dicom' | 'mmddyy' | 'mmddyyyy' | 'weekday' | 'month-d';

/** One date as text in `style`. */
export function formatDay(day: Day, style: DateStyle): string {
  const mon = MONTHS[day.m - 1] ?? '';
  switch (style) {
    case 'mdy':
      return `${pad(day.m)}/${pad(day.d)}/${day.y}`;
    case 'mdy-nopad':
      return `${day.m}/${day.d}/${day.y}`;
    case 'mdy-short':
      return `${day.m}/${day.d}/${pad(day.y % 100)}`;
    case 'mdy-dash':
      return `${pad(day.m)}-${pad(day.d)}-${day.y}`;
    case 'dmy-dot':
      return `${pad(day.d)}.${pad(day.m)}.${day.y}`;
    case 'iso':
      return `${day.y}-${pad(day.m)}-${pad(day.d)}`;
    case 'mon-d-y':
      return `${mon.slice(0, 3)} ${day.d}, ${day.y}`;
    case 'month-d-y':
      return `${mon} ${day.d}, ${day.y}`;
    case 'month-d':
      return `${mon} ${day.d}`;
    case 'd-mon-y':
      return `${pad(day.d)}-${mon.slice(0, 3)}-${day.y}`;
    case 'd-MON-y':
      return `${pad(day.d)}-${mon.slice(0, 3).toUpperCase()}-${day.y}`;
    case 'd-month-y':
      return `${day.d} ${mon} ${day.y}`;
    case 'dicom':
      return `${day.y}${pad(day.m)}${pad(day.d)}`;
    case 'mmddyy':
      return `${pad(day.m)}${pad(day.d)}${pad(day.y % 100)}`;
    case 'mmddyyyy':
      return `${pad(day.m)}${pad(day.d)}${day.y}`;
    case 'weekday':
      return `${weekday(day)}, ${mon} ${day.d}, ${day.y}`;
  }
}

export type ClockStyle = '24' | '24s' | '12' | 'compact' | 'dicom';

/** A time of day as text. */
export function formatClock(t: Clock, style: ClockStyle): string {
  switch (style) {
    case '24':
      return `${pad(t.h)}:${pad(t.mi)}`;
    case '24s':
      return `${pad(t.h)}:${pad(t.mi)}:${pad(t.s)}`;
    case '12':
      return `${((t.h + 11) % 12) + 1}:${pad(t.mi)} ${t.h < 12 ? 'AM' : 'PM'}`;
    case 'compact':
      return `${pad(t.h)}${pad(t.mi)}`;
    case 'dicom':
      return `${pad(t.h)}${pad(t.mi)}${pad(t.s)}`;
  }
}

/** Seeded dates around a document's own date. */
export class Calendar {
  constructor(
    private readonly rng: Rng,
    /** The document's date of service. */
    readonly today: Day,
  ) {}

  /** A birth date for an age in [minAge, maxAge] on `today`. */
  birth(minAge: number, maxAge: number): Day {
    const age = this.rng.int(minAge, maxAge);
    return addDays(
      { y: this.today.y - age, m: this.today.m, d: this.today.d },
      -this.rng.int(1, 364),
    );
  }

  /** A day `min`–`max` days from today (negative: before). */
  near(min: number, max: number): Day {
    return addDays(this.today, this.rng.int(min, max));
  }

  /** A time of day in clinic hours, or any hour when `anyHour`. */
  clock(anyHour = false): Clock {
    return {
      h: anyHour ? this.rng.int(0, 23) : this.rng.int(7, 17),
      mi: this.rng.int(0, 59),
      s: this.rng.int(0, 59),
    };
  }

  /** A date style other than the fixed-form ones. */
  style(): DateStyle {
    return this.rng.pick(DATE_STYLES);
  }
}
