// Pattern packs (YAML, validation, selection), validators, and OCR-tolerant tokens.
import { describe, expect, it } from 'vitest';
import { patternSpans } from '../../src/phi/detect.js';
import { compilePacks, parsePack, PatternPackError, selectPacks } from '../../src/phi/pack.js';
import { canonicalToken, editDistance, tokenMatches } from '../../src/phi/tokens.js';
import {
  isDatePair,
  isValidDate,
  isValidDea,
  isValidSsn,
  isValidVin,
  passesLuhn,
} from '../../src/phi/validators.js';

describe('validators', () => {
  it('accepts real-looking SSNs and rejects impossible ones', () => {
    expect(isValidSsn('512-48-3391')).toBe(true);
    expect(
      ['000-12-3456', '666-12-3456', '900-12-3456', '512-00-3391', '512-48-0000'].map(isValidSsn),
    ).toEqual([false, false, false, false, false]);
  });

  it('accepts dates whose month and day exist', () => {
    expect(
      ['03/14/1958', '14/03/1958', '1958-03-14', 'March 14, 1958', '3/14', 'Oct 2026'].map(
        isValidDate,
      ),
    ).toEqual([true, true, true, true, true, true]);
    expect(
      ['13/13/2020', '00/10/2020', '1958-14-03', '142/91', 'March 44'].map(isValidDate),
    ).toEqual([false, false, false, false, false]);
  });

  it('accepts from–to pairs of compact dates, with digits OCR misread', () => {
    expect(
      [
        '120623120623',
        '1206 23 12 06 23',
        '032025832025',
        '0320202503202025',
        '858925850925',
        '959925050925',
      ].map(isDatePair),
    ).toEqual([true, true, true, true, true, true]);
    expect(
      ['132025732025', '032025812125', '03202583202', '999999999999', '859926050925'].map(
        isDatePair,
      ),
    ).toEqual([false, false, false, false, false]);
  });

  it('checks VIN, DEA and Luhn check digits', () => {
    expect([
      isValidVin('1M8GDM9AXKP042788'),
      isValidVin('1M8GDM9A1KP042788'),
      isValidVin('1M8GDM9AXKP04278I'),
    ]).toEqual([true, false, false]);
    expect([isValidDea('AB1234563'), isValidDea('AB1234567')]).toEqual([true, false]);
    expect([passesLuhn('808401234567893'), passesLuhn('808401234567890')]).toEqual([true, false]);
  });
});

describe('OCR-tolerant tokens', () => {
  it('undoes common OCR confusions', () => {
    expect(
      ['Narne:', 'PAT1ENT', 'Phone', 'No.', 'Number', '#', '1.D.', 'I.D.', 'RN', 'M'].map(
        canonicalToken,
      ),
    ).toEqual(['name', 'patlent', 'phone', '#', '#', '#', 'id', 'id', 'rn', 'm']);
  });

  it('allows one slip in words of five letters or more, none in short ones', () => {
    expect([
      tokenMatches('patlent', 'patient'),
      tokenMatches('nane', 'name'),
      tokenMatches('birth', 'birth'),
    ]).toEqual([true, false, true]);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
  });
});

describe('pattern packs', () => {
  it('loads a custom pack from YAML and runs its patterns and labels', () => {
    const custom = parsePack(
      'name: site\npatterns:\n  - id: badge\n    category: OTHER_ID\n    regex: "BADGE-\\\\d{5}"\nlabels:\n  - id: bed\n    category: OTHER_ID\n    phrases: ["bed #"]\n',
      'site.yaml',
    );
    const pack = compilePacks([custom]);
    expect(patternSpans('staff BADGE-12345', pack)).toMatchObject([
      { category: 'OTHER_ID', start: 6, end: 17 },
    ]);
    expect(pack.labels[0]?.phrases).toEqual([['bed', '#']]);
  });

  it('applies optional packs only when a job names them, and refuses unknown names', () => {
    const base = parsePack('name: base\n', 'base.yaml');
    const extra = parsePack('name: extra\noptional: true\n', 'extra.yaml');
    expect(selectPacks([base, extra]).map((p) => p.name)).toEqual(['base']);
    expect(selectPacks([base, extra], ['extra']).map((p) => p.name)).toEqual(['base', 'extra']);
    expect(() => selectPacks([base, extra], ['nope'])).toThrow('unknown pattern pack: nope');
  });

  it.each([
    [
      'name: x\npatterns:\n  - id: a\n    category: NAME\n    regex: "("\n',
      /pattern a: invalid regex/,
    ],
    ['name: x\npatterns:\n  - id: a\n    category: SHOE_SIZE\n    regex: "x"\n', /category/],
    ['name: x\npatterns:\n  - id: a\n    category: NAME\n    regex: "x"\n    flags: g\n', /flags/],
    ['name: x\nlabels:\n  - id: a\n    category: NAME\n    phrases: []\n', /phrases/],
    ['name: [unclosed', /not valid YAML/],
  ])('rejects a bad pack with a clear error (%#)', (yaml, message) => {
    expect(() => parsePack(yaml, 'bad.yaml')).toThrow(PatternPackError);
    expect(() => parsePack(yaml, 'bad.yaml')).toThrow(message);
  });
});
