// Context for reading evaluation misses (synthetic data only).
import type { TruthWord } from './corpus/types.js';
import type { WordOutcome } from './metrics.js';
import { MASKED, OVER_REDACTED } from './score.js';

/** The words on the same baseline as `word`, PHI in brackets and `word` marked. */
export function lineOf(words: readonly TruthWord[], word: TruthWord): string {
  const mid = word.box.y + word.box.h / 2;
  return words
    .filter((w) => Math.abs(w.box.y + w.box.h / 2 - mid) < word.box.h / 2)
    .sort((a, b) => a.box.x - b.box.x)
    .map((w) => (w === word ? `>>${w.text}<<` : w.phi ? `[${w.text}]` : w.text))
    .join(' ');
}

/** One line per missed PHI word and per over-redacted safe word; `scored[i]` is `words[i]`'s outcome. */
export function pageMisses(words: readonly TruthWord[], scored: readonly WordOutcome[]): string[] {
  return words.flatMap((word, w) => {
    const outcome = scored[w];
    if (!outcome) return [];
    const where = `${outcome.doc} p${outcome.page + 1}`;
    const line = lineOf(words, word);
    if (word.phi && outcome.coverage < MASKED)
      return [
        `${where} ${word.phi.category} "${word.text}" (${outcome.coverage.toFixed(2)}) | ${line}`,
      ];
    if (!word.phi && outcome.coverage >= OVER_REDACTED)
      return [`${where} over-redacted "${word.text}" | ${line}`];
    return [];
  });
}
