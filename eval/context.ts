// Context for reading evaluation misses (synthetic data only).
import type { TruthWord } from './corpus/types.js';

/** The words on the same baseline as `word`, PHI in brackets and `word` marked. */
export function lineOf(words: readonly TruthWord[], word: TruthWord): string {
  const mid = word.box.y + word.box.h / 2;
  return words
    .filter((w) => Math.abs(w.box.y + w.box.h / 2 - mid) < word.box.h / 2)
    .sort((a, b) => a.box.x - b.box.x)
    .map((w) => (w === word ? `>>${w.text}<<` : w.phi ? `[${w.text}]` : w.text))
    .join(' ');
}
