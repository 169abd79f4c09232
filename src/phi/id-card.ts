// The numbered fields of a US driver's licence or state ID card (the AAMVA card design standard).
import type { LineText } from './line-text.js';
import type { Span } from './span.js';

/** A page that holds an identity card: its title, or the field its number stands on. */
const CARD_TITLE =
  /\b(?:DRIVER'?S?\s+LICEN[CS]E|DRIVER\s+LICEN[CS]E|IDENTIFICATION\s+CARD|LEARNER'?S?\s+PERMIT|COMMERCIAL\s+DRIVER)\b/i;

/**
 * The standard numbers the card prints before its fields, as OCR reads a field at the start of a
 * line: 1 the family name, 2 the given names, 8 the address ("1 DIACK", "2 YORO ALABA",
 * "8 28 SE 2ND PL"). The rest of the line is the field's value.
 */
const FIELD = /^(?<field>[128])\s+(?<value>(?=[\p{Lu}\d])\S.*)$/u;
const CATEGORY = { '1': 'NAME', '2': 'NAME', '8': 'ADDRESS' } as const;

/**
 * A card's family name, given names and address written after their field numbers. Only on a
 * page with a card's title: elsewhere "1 TABLET" is a list item. A name field takes letters only
 * (capitalised words, an initial, a hyphen or an apostrophe inside), so a numbered line such
 * as "2 tablets daily" on the page beside the card is no name.
 */
export function idCardFields(lines: readonly LineText[]): Span[] {
  if (!lines.some((line) => CARD_TITLE.test(line.text))) return [];
  return lines.flatMap((line, index) => {
    const match = FIELD.exec(line.text.trim());
    const field = match?.groups?.field as keyof typeof CATEGORY | undefined;
    const value = match?.groups?.value;
    if (!field || !value) return [];
    const category = CATEGORY[field];
    if (category === 'NAME' && !/^\p{Lu}[\p{L}'’.,-]*(?:\s+\p{Lu}[\p{L}'’.,-]*)*$/u.test(value))
      return [];
    const start = line.text.indexOf(value);
    return [
      {
        line: index,
        start,
        end: start + value.length,
        category,
        confidence: 0.85,
        detector: 'label',
      },
    ];
  });
}
