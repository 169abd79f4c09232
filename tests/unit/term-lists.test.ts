// Allow/deny term matching on tokens, its cost with many terms, and the detection time budget.
import { describe, expect, it } from 'vitest';
import { compileTermLists, denyMatches, TermTrie, tokenize } from '../../src/phi/lists.js';
import { BudgetExceededError, withinBudget } from '../../src/util/time-budget.js';

describe('tokenize', () => {
  it('splits words and single marks, lower-cased, with offsets', () => {
    expect(tokenize('Call (617)555-0100, Dr.Ávila').map((t) => t.text)).toEqual([
      'call',
      '(',
      '617',
      ')',
      '555',
      '-',
      '0100',
      ',',
      'dr',
      '.',
      'ávila',
    ]);
    const [, second] = tokenize('ab  CD');
    expect(second).toEqual({ text: 'cd', start: 4, end: 6 });
  });
});

describe('TermTrie', () => {
  it('finds whole-token occurrences, case and spacing aside, overlapping ones included', () => {
    const trie = new TermTrie<string>();
    trie.add('St Mary', 'a');
    trie.add('Mary Clinic', 'b');
    trie.add('(617) 555-0100', 'c');
    const text = 'ST  MARY clinic, call (617)555-0100; Maryland stays';
    const found = trie.matches(text).map((m) => [text.slice(m.start, m.end), m.value]);
    expect(found).toEqual([
      ['ST  MARY', 'a'],
      ['MARY clinic', 'b'],
      ['(617)555-0100', 'c'],
    ]);
  });

  it('never matches inside a word', () => {
    const trie = new TermTrie<true>();
    trie.add('ACME', true);
    expect(trie.matches('ACMEX and XACME')).toEqual([]);
    expect(trie.matches('(ACME)-1')).toHaveLength(1);
  });

  it('matches 1,000 allow and 1,000 deny terms on a page, each term once per occurrence', () => {
    const allow = Array.from({ length: 1000 }, (_, i) => `Allowed Facility ${i} Main Line`);
    const deny = Array.from({ length: 1000 }, (_, i) => ({
      text: `Secret Ward ${i}`,
      category: 'OTHER_ID' as const,
    }));
    const lists = compileTermLists(allow, deny);
    const page = Array.from({ length: 200 }, (_, i) => `line ${i} Secret Ward ${i} and text`).join(
      '\n',
    );
    const found = denyMatches(page, lists.deny);
    expect(found).toHaveLength(200);
    expect(found.map((m) => page.slice(m.start, m.end))[199]).toBe('Secret Ward 199');
    expect(lists.allow.size).toBe(1000);
  });
});

describe('withinBudget', () => {
  it('returns the value of work that finishes in time', () => {
    expect(withinBudget(() => 6 * 7, 1_000)).toBe(42);
  });

  it('interrupts synchronous work past its budget, a catastrophic regex included', () => {
    const started = Date.now();
    expect(() => withinBudget(() => /^(a+)+$/.test(`${'a'.repeat(40)}b`), 100)).toThrow(
      BudgetExceededError,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    // The helper is reusable after an interruption.
    expect(withinBudget(() => 'again', 1_000)).toBe('again');
  });

  it('passes other errors through', () => {
    expect(() =>
      withinBudget(() => {
        throw new RangeError('bad');
      }, 1_000),
    ).toThrow(RangeError);
  });
});
