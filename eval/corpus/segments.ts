// Labelled text before layout: segments carry PHI or decoy tags, words inherit them.
import type { DecoyKind, PhiTag } from './types.js';

/** A piece of text with one label (PHI, decoy, or none for plain safe text). */
export interface Seg {
  text: string;
  phi?: PhiTag;
  decoy?: DecoyKind;
}

/** Text joined without spaces (what the `t` tag and `tight` build). */
export interface Phrase {
  phrase: readonly Seg[];
}

/**
 * Anything that reads as text: plain strings are safe; array items are joined by one space
 * (empty items are skipped); a `Phrase` is joined tight.
 */
export type Inline = string | Seg | Phrase | readonly Inline[];

/** One word (no spaces) with the label of the segment it came from. */
export interface Word {
  text: string;
  phi?: PhiTag;
  decoy?: DecoyKind;
}

/** Flattens inline content into segments in reading order. */
export function segments(inline: Inline): Seg[] {
  if (typeof inline === 'string') return inline ? [{ text: inline }] : [];
  if (isArray(inline)) {
    const out: Seg[] = [];
    for (const part of inline) {
      const segs = segments(part);
      if (segs.length === 0) continue;
      if (out.length > 0) out.push({ text: ' ' });
      out.push(...segs);
    }
    return out;
  }
  if ('phrase' in inline) return [...inline.phrase];
  return [inline];
}

function isArray(inline: Inline): inline is readonly Inline[] {
  return Array.isArray(inline);
}

/** Joins parts with nothing between them, e.g. `tight('(', code, ')')`. */
export function tight(...parts: Inline[]): Phrase {
  return { phrase: parts.flatMap((part) => segments(part)) };
}

/**
 * Template tag: literal text and numbers are safe, interpolated values keep their labels; spacing
 * is exactly as written.
 * @example t`Seen on ${ctx.date(visit)} by ${ctx.provider(dr)}.`
 */
export function t(strings: TemplateStringsArray, ...values: Array<Inline | number>): Phrase {
  const out: Seg[] = [];
  strings.forEach((literal, i) => {
    if (literal) out.push({ text: literal });
    const value = values[i];
    if (value !== undefined)
      out.push(...segments(typeof value === 'number' ? String(value) : value));
  });
  return { phrase: out };
}

/**
 * Splits inline content into words on whitespace. A word takes the PHI tag of any PHI character
 * in it (so "2024." after a date is PHI), else the decoy tag of any decoy character.
 */
export function toWords(inline: Inline): Word[] {
  const words: Word[] = [];
  let text = '';
  let phi: PhiTag | undefined;
  let decoy: DecoyKind | undefined;
  const flush = () => {
    if (text) words.push({ text, ...(phi && { phi }), ...(!phi && decoy && { decoy }) });
    text = '';
    phi = undefined;
    decoy = undefined;
  };
  for (const seg of segments(inline)) {
    for (const char of seg.text) {
      if (/\s/.test(char)) {
        flush();
        continue;
      }
      text += char;
      phi ??= seg.phi;
      decoy ??= seg.decoy;
    }
  }
  flush();
  return words;
}
