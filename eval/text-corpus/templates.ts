// presidio-evaluator's sentence templates: parsing, our truth for each placeholder, filling with
// character spans, and cutting the filled text into tagged words. Pure. See CONVENTIONS.md.
import type { PhiCategory } from '../../src/phi/types.js';
import type { DecoyKind } from '../corpus/types.js';
import type { Token } from '../typeset/layout.js';

/** What a placeholder's value is in our truth. */
export type PlaceholderRule =
  | { kind: 'phi'; category: PhiCategory }
  | { kind: 'safe'; decoy?: DecoyKind }
  /** AGE when over 89, else a safe `age` decoy. */
  | { kind: 'age' };

const phi = (category: PhiCategory): PlaceholderRule => ({ kind: 'phi', category });
const SAFE: PlaceholderRule = { kind: 'safe' };

/** Every placeholder the templates use, and what it becomes (CONVENTIONS.md, first table). */
export const PLACEHOLDER_RULES: Readonly<Record<string, PlaceholderRule>> = {
  person: phi('NAME'),
  name: phi('NAME'),
  name_male: phi('NAME'),
  name_female: phi('NAME'),
  first_name: phi('NAME'),
  first_name_male: phi('NAME'),
  first_name_female: phi('NAME'),
  first_name_nonbinary: phi('NAME'),
  last_name: phi('NAME'),
  last_name_male: phi('NAME'),
  last_name_female: phi('NAME'),
  prefix: SAFE,
  prefix_male: SAFE,
  prefix_female: SAFE,
  address: phi('ADDRESS'),
  building_number: phi('ADDRESS'),
  street_name: phi('ADDRESS'),
  secondary_address: phi('ADDRESS'),
  city: phi('ADDRESS'),
  postcode: phi('ADDRESS'),
  zipcode: phi('ADDRESS'),
  state_abbr: SAFE,
  country: SAFE,
  phone_number: phi('PHONE'),
  email: phi('EMAIL'),
  url: phi('URL'),
  ip_address: phi('IP_ADDRESS'),
  ssn: phi('SSN'),
  credit_card_number: phi('ACCOUNT_NUMBER'),
  iban: phi('ACCOUNT_NUMBER'),
  us_driver_license: phi('LICENSE_NUMBER'),
  date_of_birth: phi('DATE'),
  date_time: phi('DATE'),
  year: { kind: 'safe', decoy: 'year' },
  day_of_week: SAFE,
  age: { kind: 'age' },
  organization: SAFE,
  job: SAFE,
  nationality: SAFE,
  nation_woman: SAFE,
  nation_plural: SAFE,
};

/** Placeholders that are parts of one address, and the safe places that may sit inside one. */
const ADDRESS_PARTS = new Set([
  'address',
  'building_number',
  'street_name',
  'secondary_address',
  'city',
  'postcode',
  'zipcode',
]);
const SAFE_PLACES = new Set(['state_abbr', 'country']);

/** A literal run of text, or the n-th use of a placeholder in its template. */
export type Segment = { literal: string } | { placeholder: string; occurrence: number };

/** The small repairs of CONVENTIONS.md ("Normalisations"): line breaks, `\,`, `�`, `{x}`. */
export function normaliseTemplate(template: string): string {
  return template
    .replace(/\\n[ \t]*/g, '\n')
    .replace(/\\,/g, ',')
    .replace(/\uFFFD/g, '–')
    .replace(/(?<!\{)\{(\w+)\}(?!\})/g, '{{$1}}')
    .trim();
}

/** Splits a normalised template; throws on a placeholder without a rule. */
export function parseTemplate(template: string): Segment[] {
  const segments: Segment[] = [];
  const seen = new Map<string, number>();
  let last = 0;
  for (const match of template.matchAll(/\{\{(\w+)\}\}/g)) {
    const name = match[1] ?? '';
    if (!PLACEHOLDER_RULES[name]) throw new Error(`no rule for the placeholder {{${name}}}`);
    if (match.index > last) segments.push({ literal: template.slice(last, match.index) });
    const occurrence = seen.get(name) ?? 0;
    seen.set(name, occurrence + 1);
    segments.push({ placeholder: name, occurrence });
    last = match.index + match[0].length;
  }
  if (last < template.length) segments.push({ literal: template.slice(last) });
  return segments;
}

/** A filled placeholder's characters `[start, end)` and its truth. */
export interface Span {
  start: number;
  end: number;
  placeholder: string;
  category?: PhiCategory;
  decoy?: DecoyKind;
  /** Mention number within the text; spans of one mention share it (an address run). */
  mention: number;
}

/** A filled template. */
export interface Filled {
  text: string;
  spans: Span[];
}

function truthOf(rule: PlaceholderRule, value: string): Pick<Span, 'category' | 'decoy'> {
  if (rule.kind === 'phi') return { category: rule.category };
  if (rule.kind === 'age') return Number(value) > 89 ? { category: 'AGE' } : { decoy: 'age' };
  return rule.decoy ? { decoy: rule.decoy } : {};
}

const lineAround = (text: string, start: number, end: number) => ({
  before: text.slice(text.lastIndexOf('\n', start - 1) + 1, start),
  after: text.slice(end, text.indexOf('\n', end) === -1 ? undefined : text.indexOf('\n', end)),
});

/**
 * A placeholder's value: plain text, or parts, each a literal or the value of a (sub)placeholder
 * with its own rule (an `{{address}}` whose state is safe inside it).
 */
export type FilledValue = string | ReadonlyArray<{ text: string; placeholder?: string }>;

/**
 * Fills a template. `value(placeholder, occurrence)` gives the text; the rules give the truth.
 * Then: a phone on a fax line is FAX; a street word written after `{{street_name}}` joins it;
 * runs of address parts become one mention.
 */
export function fillTemplate(
  segments: readonly Segment[],
  value: (placeholder: string, occurrence: number) => FilledValue,
): Filled {
  let text = '';
  const spans: Span[] = [];
  const add = (placeholder: string, filled: string) => {
    const rule = PLACEHOLDER_RULES[placeholder];
    if (!rule) throw new Error(`no rule for {{${placeholder}}}`);
    spans.push({
      start: text.length,
      end: text.length + filled.length,
      placeholder,
      ...truthOf(rule, filled),
      mention: spans.length,
    });
    text += filled;
  };
  for (const segment of segments) {
    if ('literal' in segment) {
      text += segment.literal;
      continue;
    }
    const filled = value(segment.placeholder, segment.occurrence);
    if (typeof filled === 'string') add(segment.placeholder, filled);
    else
      for (const part of filled) {
        if (part.placeholder) add(part.placeholder, part.text);
        else text += part.text;
      }
  }
  for (const span of spans) {
    const { before, after } = lineAround(text, span.start, span.end);
    if (span.category === 'PHONE' && (/^\s*-?\s*fax\b/i.test(after) || /fax:?\s*$/i.test(before)))
      span.category = 'FAX';
    if (span.placeholder === 'street_name') {
      const street = /^ (street|st\.)(?=[\s,]|$)/i.exec(after);
      if (street) span.end += street[0].length;
    }
  }
  let previous: Span | undefined;
  let group: number | undefined;
  for (const span of spans) {
    const place = ADDRESS_PARTS.has(span.placeholder) || SAFE_PLACES.has(span.placeholder);
    const joined =
      place &&
      previous !== undefined &&
      (ADDRESS_PARTS.has(previous.placeholder) || SAFE_PLACES.has(previous.placeholder)) &&
      /^[\s,.;:>?-]*$/.test(text.slice(previous.end, span.start));
    if (!joined) group = place ? span.mention : undefined;
    if (place && group !== undefined) span.mention = group;
    previous = span;
  }
  return { text, spans };
}

/**
 * The filled text as lines of words (split on white space; an empty line stays, as space). A word overlapping a PHI span is PHI
 * as a whole, with `entityId(mention)`; a word inside a decoy span carries the decoy.
 */
export function tokenize(filled: Filled, entityId: (mention: number) => string): Token[][] {
  const lines: Token[][] = [];
  let offset = 0;
  for (const line of filled.text.split('\n')) {
    const tokens: Token[] = [];
    for (const match of line.matchAll(/\S+/g)) {
      const start = offset + match.index;
      const end = start + match[0].length;
      const over = filled.spans.filter((s) => s.start < end && s.end > start);
      const phiSpan = over.find((s) => s.category);
      const decoySpan = over.find((s) => s.decoy);
      tokens.push({
        text: match[0],
        ...(phiSpan?.category
          ? { phi: { category: phiSpan.category, entityId: entityId(phiSpan.mention) } }
          : decoySpan?.decoy && { decoy: decoySpan.decoy }),
      });
    }
    lines.push(tokens);
    offset += line.length + 1;
  }
  return lines;
}
