import { describe, expect, it } from 'vitest';
import {
  closedBeforeQuery,
  durationFlag,
  expiryDays,
  isPastTtl,
  jobObjectKind,
  keysToClean,
} from '../../src/jobs/lifecycle.js';
import { jobKeys } from '../../src/storage/keys.js';

const id = 'job-abc';
const k = jobKeys(id);
const all = [
  k.manifest,
  k.input,
  k.page(0),
  k.ocr(0),
  k.entities(0),
  k.pageText(0),
  k.masked(0),
  k.output('tiff'),
  k.report,
  k.text,
  `${k.root}/unexpected.bin`,
];
const outputs = [k.output('tiff'), k.report, k.text];

describe('jobObjectKind', () => {
  it('tells outputs, input and manifest from intermediates, and counts unknown keys as intermediates', () => {
    expect(all.map((key) => jobObjectKind(id, key))).toEqual([
      'manifest',
      'input',
      'intermediate',
      'intermediate',
      'intermediate',
      'intermediate',
      'intermediate',
      'output',
      'output',
      'output',
      'intermediate',
    ]);
    // The per-page texts are intermediates, the joined text an output.
    expect(jobObjectKind(id, k.pageText(3))).toBe('intermediate');
  });

  it("keeps a video's MP4 as an output and its segments, blurred segments and stats as intermediates", () => {
    expect(jobObjectKind(id, k.output('mp4'))).toBe('output');
    for (const key of [k.videoSegment(0), k.videoBlurred(1), k.videoStats(2)]) {
      expect(jobObjectKind(id, key)).toBe('intermediate');
    }
  });
});

describe('keysToClean', () => {
  const keepNothing = { keepIntermediates: false, keepInput: false };

  it('leaves a completed job its output, report and text only', () => {
    const doomed = keysToClean(id, all, 'completed', keepNothing);
    expect(all.filter((key) => !doomed.includes(key))).toEqual(outputs);
  });

  it('keeps input and manifest of failed and cancelled jobs', () => {
    for (const end of ['failed', 'cancelled'] as const) {
      const kept = all.filter((key) => !keysToClean(id, all, end, keepNothing).includes(key));
      expect(kept).toEqual([k.manifest, k.input, ...outputs]);
    }
  });

  it('honours KEEP_INTERMEDIATES and KEEP_INPUT', () => {
    expect(
      keysToClean(id, all, 'completed', { keepIntermediates: true, keepInput: false }),
    ).toEqual([k.manifest, k.input]);
    expect(keysToClean(id, all, 'completed', { keepIntermediates: true, keepInput: true })).toEqual(
      [],
    );
  });

  it("never deletes another job's keys", () => {
    const other = jobKeys('job-abcd');
    expect(keysToClean(id, [other.page(0), other.input], 'completed', keepNothing)).toEqual([]);
  });
});

describe('expiry', () => {
  it('rounds a TTL up to whole days, at least one, for the S3 rule', () => {
    expect([30_000, 86_400_000, 86_400_001, 3 * 86_400_000].map(expiryDays)).toEqual([1, 1, 2, 3]);
  });

  it('is past the TTL only once closed for that long', () => {
    const closed = new Date('2026-01-01T00:00:00Z');
    const ttl = 30_000;
    expect(isPastTtl(undefined, ttl, Date.now())).toBe(false);
    expect(isPastTtl(closed, ttl, closed.getTime() + ttl - 1)).toBe(false);
    expect(isPastTtl(closed, ttl, closed.getTime() + ttl)).toBe(true);
  });

  it('queries closed jobs of one type before the cutoff', () => {
    expect(closedBeforeQuery('redactDocument', new Date('2026-01-01T00:00:00Z'))).toBe(
      "WorkflowType = 'redactDocument' AND ExecutionStatus != 'Running' AND CloseTime < '2026-01-01T00:00:00.000Z'",
    );
  });

  it('writes a retention in whole seconds', () => {
    expect(durationFlag(48 * 3_600_000)).toBe('172800s');
    expect(durationFlag(1_500)).toBe('2s');
  });
});
