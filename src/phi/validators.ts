// Checks that turn a digit pattern into a plausible identifier (fewer false positives, same recall).

/** SSA rules: area not 000, 666 or 9xx; group not 00; serial not 0000. */
export function isValidSsn(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  if (digits.length !== 9) return false;
  const area = digits.slice(0, 3);
  return (
    area !== '000' &&
    area !== '666' &&
    area[0] !== '9' &&
    digits.slice(3, 5) !== '00' &&
    digits.slice(5) !== '0000'
  );
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Accepts numeric dates (m/d/y, y-m-d, d.m.y) and written ones whose month and day exist. */
export function isValidDate(value: string): boolean {
  const written = /([a-z]{3})[a-z]*\.?\s+(\d{1,2})|(\d{1,2})\s+([a-z]{3})/i.exec(value);
  if (written) {
    const month = MONTHS.indexOf((written[1] ?? written[4] ?? '').toLowerCase());
    const day = Number(written[2] ?? written[3]);
    return month >= 0 && day >= 1 && day <= 31;
  }
  const parts = value.split(/[/.-]/).map(Number);
  if (parts.length !== 3 || parts.some(Number.isNaN)) return false;
  const [a = 0, b = 0, c = 0] = parts;
  const [month, day] = a > 31 ? [b, c] : a > 12 ? [b, a] : [a, b]; // y-m-d, d/m/y, m/d/y
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** Validators a pattern pack may name in its `validate` field. */
export const VALIDATORS = {
  ssn: isValidSsn,
  date: isValidDate,
} as const satisfies Record<string, (value: string) => boolean>;

export type ValidatorName = keyof typeof VALIDATORS;
export const VALIDATOR_NAMES = Object.keys(VALIDATORS) as [ValidatorName, ...ValidatorName[]];
