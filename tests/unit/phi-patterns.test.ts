import { describe, expect, it } from 'vitest';
import { labelSpans, patternSpans } from '../../src/phi/detect.js';
import { compilePacks, loadBuiltinPack, parsePack, PatternPackError } from '../../src/phi/pack.js';
import { isValidDate, isValidSsn } from '../../src/phi/validators.js';

const pack = compilePacks([loadBuiltinPack()]);
const found = (text: string) =>
  patternSpans(text, pack).map((s) => [s.category, text.slice(s.start, s.end)]);

describe('built-in patterns', () => {
  it.each([
    ['SSN 512-48-3391 on file', ['SSN', '512-48-3391']],
    ['call (617) 555-0142 today', ['PHONE', '(617) 555-0142']],
    ['call 413.555.0199', ['PHONE', '413.555.0199']],
    ['+1 617-555-0142', ['PHONE', '+1 617-555-0142']],
    ['write to m.holloway@example.org.', ['EMAIL', 'm.holloway@example.org']],
    ['seen 03/14/1958', ['DATE', '03/14/1958']],
    ['seen 1971-09-30', ['DATE', '1971-09-30']],
    ['seen 3.4.21', ['DATE', '3.4.21']],
    ['on October 5, 2026 at noon', ['DATE', 'October 5, 2026']],
    ['on 5 Oct 2026', ['DATE', '5 Oct 2026']],
  ])('finds %j', (text, expected) => {
    expect(found(text)).toContainEqual(expected);
  });

  it.each([
    ['a year alone: 1958', 'a year'],
    ['dose 500 mg twice daily', 'a dose'],
    ['BP 142/91 mmHg', 'a blood pressure'],
    ['ICD-10 I10, CPT 99213', 'billing codes'],
    ['invalid SSN 000-12-3456 and 666-12-3456 and 912-12-3456', 'impossible SSNs'],
    ['ratio 13/45/2020x', 'a date glued to letters'],
    ['Page 1 of 3', 'page numbers'],
    ['lot 12-34-5678901', 'a longer serial'],
  ])('ignores %j (%s)', (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('label values', () => {
  const values = (text: string) =>
    labelSpans(text, pack).map((s) => [s.category, text.slice(s.start, s.end)]);

  it('takes the value after each label, stopping at the next label', () => {
    expect(values('DOB: 03/14/1958 MRN: 48213907')).toEqual([
      ['DATE', '03/14/1958'],
      ['MRN', '48213907'],
    ]);
  });

  it('limits a name to its word budget', () => {
    expect(values('Patient Name: Margaret Anne Holloway Smith Jones was seen')).toEqual([
      ['NAME', 'Margaret Anne Holloway Smith'],
    ]);
  });

  it('ignores a label with no value and words that merely contain a label', () => {
    expect(values('Name:')).toEqual([]);
    expect(values('Rename: the file')).toEqual([]);
  });
});

describe('validators', () => {
  it('accepts real-looking SSNs and rejects impossible ones', () => {
    expect(isValidSsn('512-48-3391')).toBe(true);
    expect(
      ['000-12-3456', '666-12-3456', '900-12-3456', '512-00-3391', '512-48-0000'].map(isValidSsn),
    ).toEqual([false, false, false, false, false]);
  });

  it('accepts dates whose month and day exist', () => {
    expect(['03/14/1958', '14/03/1958', '1958-03-14', 'March 14, 1958'].map(isValidDate)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['13/13/2020', '00/10/2020', '1958-14-03'].map(isValidDate)).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe('pattern packs', () => {
  it('loads a custom pack from YAML', () => {
    const custom = parsePack(
      'name: site\npatterns:\n  - id: badge\n    category: OTHER_ID\n    regex: "BADGE-\\\\d{5}"\n',
      'site.yaml',
    );
    const spans = patternSpans('staff BADGE-12345', compilePacks([custom]));
    expect(spans).toMatchObject([{ category: 'OTHER_ID', start: 6, end: 17 }]);
  });

  it.each([
    [
      'name: x\npatterns:\n  - id: a\n    category: NAME\n    regex: "("\n',
      /pattern a: invalid regex/,
    ],
    ['name: x\npatterns:\n  - id: a\n    category: SHOE_SIZE\n    regex: "x"\n', /category/],
    ['name: x\npatterns:\n  - id: a\n    category: NAME\n    regex: "x"\n    flags: g\n', /flags/],
    ['name: [unclosed', /not valid YAML/],
  ])('rejects a bad pack with a clear error (%#)', (yaml, message) => {
    expect(() => parsePack(yaml, 'bad.yaml')).toThrow(PatternPackError);
    expect(() => parsePack(yaml, 'bad.yaml')).toThrow(message);
  });
});
