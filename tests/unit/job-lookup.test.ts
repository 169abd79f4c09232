import { describe, expect, it } from 'vitest';
import { chunk, currentRuns, listQuery, quoteId } from '../../src/api/job-lookup.js';

describe('chunk', () => {
  it('splits in order into runs of at most the size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([1, 2], 2)).toEqual([[1, 2]]);
    expect(chunk([], 3)).toEqual([]);
  });
});

describe('listQuery', () => {
  it('lists every run of the given workflow ids, quoted, that the owner owns', () => {
    expect(listQuery(['job-1', 'job-a.b_c'], 'acc_0123')).toBe(
      "WorkflowId IN ('job-1', 'job-a.b_c') AND OwnerId = 'acc_0123'",
    );
  });

  it.each(["acc' OR 'a' = 'a", 'ACC', 'a b', ''])('refuses the owner id %j', (owner) => {
    expect(() => listQuery(['job-1'], owner)).toThrow('Only valid owner ids');
  });

  it.each(["job-'x", 'job-\\x', "a') OR WorkflowType = ('b", 'job x', ''])(
    'refuses %j instead of escaping it',
    (id) => {
      expect(() => quoteId(id)).toThrow('Only valid job ids');
      expect(() => listQuery(['job-ok', id], 'acc_1')).toThrow('Only valid job ids');
    },
  );
});

describe('currentRuns', () => {
  it('keeps the latest run of each id, as describe would read it', () => {
    const run = (workflowId: string, start: number, label: string) => ({
      workflowId,
      startTime: new Date(start),
      label,
    });
    const runs = currentRuns([
      run('job-a', 2_000, 'reset run'),
      run('job-a', 1_000, 'original run'),
      run('job-b', 1_500, 'only run'),
      run('job-c', 1_000, 'original run'),
      run('job-c', 3_000, 'reset run'),
    ]);
    expect([...runs].map(([id, r]) => [id, r.label])).toEqual([
      ['job-a', 'reset run'],
      ['job-b', 'only run'],
      ['job-c', 'reset run'],
    ]);
  });
});
