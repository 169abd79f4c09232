// Calendar dates (UTC, no clock) and the ways documents print them.
import type { Rng } from './random.js';

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

/** How a date is printed; each style is a plausible chart or form convention. */
export type DateStyle = 'us' | 'us-short' | 'iso' | 'long' | 'abbrev' | 'day-first' | 'dashes';
/** Every date style, for random choice. */
export const DATE_STYLES: readonly DateStyle[] = [
  'us',
  'us-short',
  'iso',
  'long',
  'abbrev',
  'day-first',
  'dashes',
];

/** A UTC calendar date. */
export function day(year: number, month: number, date: number): Date {
  return new Date(Date.UTC(year, month - 1, date));
}

/** `date` moved by whole days. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** Whole years between a birth date and a later date. */
export function ageOn(birth: Date, on: Date): number {
  let age = on.getUTCFullYear() - birth.getUTCFullYear();
  const before =
    on.getUTCMonth() < birth.getUTCMonth() ||
    (on.getUTCMonth() === birth.getUTCMonth() && on.getUTCDate() < birth.getUTCDate());
  if (before) age--;
  return age;
}

/** A birth date that makes someone `age` years old on `on`. */
export function birthDateForAge(rng: Rng, age: number, on: Date): Date {
  const latest = day(on.getUTCFullYear() - age, on.getUTCMonth() + 1, on.getUTCDate());
  return addDays(latest, -rng.int(0, 364));
}

/** Prints a date in a style. */
export function formatDate(date: Date, style: DateStyle): string {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  const month = MONTHS[m - 1] ?? '';
  const p2 = (n: number) => String(n).padStart(2, '0');
  switch (style) {
    case 'us':
      return `${p2(m)}/${p2(d)}/${y}`;
    case 'us-short':
      return `${m}/${d}/${p2(y % 100)}`;
    case 'iso':
      return `${y}-${p2(m)}-${p2(d)}`;
    case 'long':
      return `${month} ${d}, ${y}`;
    case 'abbrev':
      return `${month.slice(0, 3)} ${d}, ${y}`;
    case 'day-first':
      return `${d} ${month.slice(0, 3)} ${y}`;
    case 'dashes':
      return `${p2(m)}-${p2(d)}-${y}`;
  }
}

/** A form's date boxes: `MM DD YYYY` (or `MM DD YY`). */
export function formatFormDate(date: Date, shortYear = false): string {
  const p2 = (n: number) => String(n).padStart(2, '0');
  const y = date.getUTCFullYear();
  return `${p2(date.getUTCMonth() + 1)} ${p2(date.getUTCDate())} ${shortYear ? p2(y % 100) : y}`;
}

/** The weekday name of a date. */
export function weekday(date: Date): string {
  return (
    ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][
      date.getUTCDay()
    ] ?? ''
  );
}

/** A clock time `HH:MM` (24-hour) or `h:MM AM`. */
export function formatTime(minutes: number, twelveHour = false): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = String(minutes % 60).padStart(2, '0');
  if (!twelveHour) return `${String(h).padStart(2, '0')}:${m}`;
  return `${h % 12 === 0 ? 12 : h % 12}:${m} ${h < 12 ? 'AM' : 'PM'}`;
}
