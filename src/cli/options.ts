// Pure parsing of the CLI's option values into job options and run settings; bad values are
// usage errors (exit code 2).
import type { TJobOptions } from '../jobs/manifest.js';
import { PHI_CATEGORIES, type PhiCategory } from '../phi/types.js';
import { OUTPUT_TYPES, type OutputType } from '../imaging/output-type.js';

/** A mistake in how the command was called: exit code 2, with a message saying what to change. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Names people type for the output formats the API writes. */
const FORMAT_ALIASES: Readonly<Record<string, OutputType>> = { jpg: 'jpeg', tif: 'tiff' };

/** `--format`: an output format, or the input's format when absent. */
export function parseFormat(raw: string): OutputType {
  const name = raw.trim().toLowerCase();
  const format = FORMAT_ALIASES[name] ?? OUTPUT_TYPES.find((t) => t === name);
  if (!format) {
    throw new UsageError(`--format must be one of ${OUTPUT_TYPES.join(', ')} (got "${raw}")`);
  }
  return format;
}

/**
 * `--categories`: a comma-separated list of PHI categories, case-insensitive.
 *
 * @example parseCategories('name,ssn') // ['NAME', 'SSN']
 */
export function parseCategories(raw: string): PhiCategory[] {
  const names = raw
    .split(',')
    .map((s) => s.trim().toUpperCase().replace(/-/g, '_'))
    .filter(Boolean);
  if (names.length === 0) throw new UsageError('--categories needs at least one category');
  const unknown = names.filter((n) => !(PHI_CATEGORIES as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new UsageError(
      `Unknown categories: ${unknown.join(', ')}. Known: ${PHI_CATEGORIES.join(', ')}`,
    );
  }
  return [...new Set(names)] as PhiCategory[];
}

/** What the service does to what it finds. It masks pixels; it has no other operation yet. */
export const OPERATIONS = ['mask'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** `--operation`: only `mask` exists; anything else is refused rather than silently ignored. */
export function parseOperation(raw: string): Operation {
  const name = raw.trim().toLowerCase();
  const operation = OPERATIONS.find((o) => o === name);
  if (!operation) {
    throw new UsageError(`--operation must be one of ${OPERATIONS.join(', ')} (got "${raw}")`);
  }
  return operation;
}

/** A whole number in `[min, max]`, for `--concurrency` and friends. */
export function parseCount(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

/** The API base URL without a trailing slash; only http and https. */
export function parseApiUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--api must be a URL such as http://127.0.0.1:8000 (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError('--api must be an http:// or https:// URL');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new UsageError('--api takes no credentials, query or fragment; pass the key with --key');
  }
  return url.href.replace(/\/+$/, '');
}

/** The job options sent with every batch. */
export function jobOptions(settings: {
  format?: OutputType | undefined;
  categories?: PhiCategory[] | undefined;
}): TJobOptions {
  return {
    ...(settings.format ? { outputFormat: settings.format } : {}),
    ...(settings.categories ? { categories: settings.categories } : {}),
  };
}
