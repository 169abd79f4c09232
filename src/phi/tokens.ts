// OCR-tolerant word comparison, for labels that scanners misread ("Patient Narne:").

/** Number suffixes written many ways ("No.", "Number", "#") compare as one token. */
const NUMBER_WORDS = new Set(['no', 'nbr', 'num', 'number', '#']);

/**
 * A comparable form of a word: lower case, common OCR confusions undone (rn→m, vv→w, digits read
 * for letters inside words), punctuation dropped except `#` and apostrophes.
 */
export function canonicalToken(word: string): string {
  // Full stops go first, so an abbreviation's misread letters meet ("1.D." is "id").
  let t = word.toLowerCase().replace(/[’`]/g, "'").replace(/\./g, '');
  // "rn" alone is the credential RN, not a misread "m" (which made any "M" a nurse's label).
  t = (t === 'rn' ? t : t.replace(/rn/g, 'm')).replace(/vv/g, 'w').replace(/cl(?=[aeiou])/g, 'd');
  t = t
    .replace(/(?<=[a-z])[0o](?=[a-z])/g, 'o')
    .replace(/(?<=[a-z])[1|!](?=[a-z])/g, 'l')
    .replace(/^[1|](?=[a-z])/, 'i');
  t = t.replace(/(?<=[a-z])5(?=[a-z])/g, 's').replace(/[^a-z0-9#']/g, '');
  return NUMBER_WORDS.has(t) ? '#' : t;
}

/** A trailing `#` is a word of its own: "acct#" reads like "acct #". */
export const splitHash = (word: string): string[] =>
  word.length > 1 && word.endsWith('#') ? [word.slice(0, -1), '#'] : [word];

/** Splits a phrase into canonical tokens. */
export function canonicalTokens(phrase: string): string[] {
  return phrase.split(/\s+/).flatMap(splitHash).map(canonicalToken).filter(Boolean);
}

/** Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}

/** True when an OCR'd token is the expected canonical token, allowing one slip in longer words. */
export function tokenMatches(ocr: string, expected: string): boolean {
  if (ocr === expected) return true;
  return expected.length >= 5 && editDistance(ocr, expected, 1) <= 1;
}
