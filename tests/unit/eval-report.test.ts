// The evaluation's tables: the README's short one is columns picked from the summary table.
import { describe, expect, it } from 'vitest';
import { markdownTable, pickColumns, type Table } from '../../eval/report.js';

const table: Table = {
  head: ['corpus', 'docs', 'entity recall', 'leaks'],
  rows: [
    ['own', '24', '0.9980 (2042/2046)', '0 (0 / 0 / 0)'],
    ['names (frozen)', '4', '0.9716 (137/141)', '3 (3 / 0 / 0)'],
  ],
};

describe('pickColumns', () => {
  it('keeps the named columns in the order asked, row by row', () => {
    expect(pickColumns(table, ['corpus', 'leaks', 'entity recall'])).toEqual({
      head: ['corpus', 'leaks', 'entity recall'],
      rows: [
        ['own', '0 (0 / 0 / 0)', '0.9980 (2042/2046)'],
        ['names (frozen)', '3 (3 / 0 / 0)', '0.9716 (137/141)'],
      ],
    });
  });

  it('refuses a column the table does not have, rather than printing an empty one', () => {
    expect(() => pickColumns(table, ['corpus', 'word recall'])).toThrow('no column "word recall"');
  });

  it('renders as a Markdown table with numbers right-aligned', () => {
    expect(markdownTable(pickColumns(table, ['corpus', 'docs'])).split('\n')).toEqual([
      '| corpus | docs |',
      '| --- | ---: |',
      '| own | 24 |',
      '| names (frozen) | 4 |',
    ]);
  });
});
