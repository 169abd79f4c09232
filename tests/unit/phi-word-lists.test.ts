// The word lists kept beside the rules (src/phi/data/*.txt): each names its source, reads clean.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCredentialOrSuffix, isHonorific } from '../../src/phi/titles.js';
import { readWordList } from '../../src/phi/vocabulary.js';

const DATA = new URL('../../src/phi/data/', import.meta.url);
const files = readdirSync(DATA).filter((f) => f.endsWith('.txt'));

describe('word lists in src/phi/data', () => {
  it('are there', () => {
    expect(files).toEqual(expect.arrayContaining(['common-name-words.txt', 'credentials.txt']));
  });

  it.each(files)('%s opens with a comment naming its source', (file) => {
    const header = readFileSync(new URL(file, DATA), 'utf8').split('\n')[0] ?? '';
    expect(header).toMatch(/^# \S/);
  });

  it.each(files)('%s reads as distinct lower-case terms without comments', (file) => {
    const words = readWordList(file);
    expect(words.length).toBeGreaterThan(0);
    expect(new Set(words).size).toBe(words.length);
    for (const w of words) {
      expect(w).toBe(w.toLowerCase());
      expect(w).not.toMatch(/#|\s/);
    }
  });

  it('feed the title and credential rules', () => {
    expect(isHonorific('Dr.')).toBe(true);
    expect(isHonorific('Anna')).toBe(false);
    expect(isCredentialOrSuffix('PA-C,')).toBe(true);
    expect(isCredentialOrSuffix('Jr.')).toBe(true);
    expect(isCredentialOrSuffix('Lopez')).toBe(false);
  });
});
