// Times of day attached to a patient date are DATE; times that stand alone stay readable.
import { describe, expect, it } from 'vitest';
import { redactLines } from '../support/ocr-lines.js';

const redact = redactLines;

describe('times attached to a date', () => {
  it.each([
    ['Collected: 05/12/2024 07:42', 'Collected: [DATE] [DATE]'],
    ['Arrival: 03/07/2024 23:15', 'Arrival: [DATE] [DATE]'],
    ['Follow-up on June 12, 2024 at 10:30 AM in clinic', 'Follow-up on [DATE] at [DATE] in clinic'],
    ['16-AUG-2025 12:05 P.001/002', '[DATE] [DATE] P.001/002'],
    ['at 3:00 p.m. on 03/19/2025', 'at [DATE] on [DATE]'],
    // OCR put a space after the colon
    ['Collected: 05/12/2024 07: 42', 'Collected: [DATE] [DATE]'],
    // a row's last time, its last digit clipped at the page's edge
    ['Lopez, Ana 07/19/1973 Post-op 14:1', '[NAME] [DATE] Post-op [DATE]'],
  ])('%j → %j', (text, redacted) => {
    expect(redact(text)).toBe(redacted);
  });

  it('takes the time on the next line of the paragraph after a date that ends its line', () => {
    expect(redact('Follow-up on March 19, 2025 at', '3:00', 'PM in clinic.')).toBe(
      'Follow-up on [DATE] at\n[DATE]\n[DATE] in clinic.',
    );
  });

  it("takes a schedule row's time cell that OCR read as a line of its own", () => {
    expect(redact(['08:20', { y: 0 }], ['Lopez, Ana 07/19/1973', { y: 0, x: 300, block: 1 }])).toBe(
      '[DATE]\n\n[NAME] [DATE]',
    );
  });
});

describe('a weekday written before a date', () => {
  it.each([
    ['Follow-up on Tuesday, May 5, 2026 at noon', 'Follow-up on [DATE] at noon'],
    ['Seen Fri 02/13/2026 in clinic', 'Seen [DATE] in clinic'],
    ['Date: Wednesday 4 March 2026', 'Date: [DATE]'],
  ])('%j → %j', (text, redacted) => {
    expect(redact(text)).toBe(redacted);
  });

  it.each(['Clinic closed Monday and Tuesday.', 'Hours Mon–Fri 8:00–17:00', 'Sunday, 2026'])(
    'leaves %j',
    (text) => {
      expect(redact(text)).toBe(text);
    },
  );
});

describe('times that stand alone', () => {
  it.each([
    'Time: 08:45',
    '09:42 Patient resting, vitals stable.',
    'Office hours Mon-Fri 8:00-17:00',
    'Ibuprofen 400 mg q8h PRN',
    '0730 EKG/ECG 03/14/2025',
    'Item 1: 25 tablets 03/14/2025',
    'ratio 1:2 on 03/14/2025',
  ])('%j', (text) => {
    expect(redact(text).replace(/\[DATE\]$/, '03/14/2025')).toBe(text);
  });
});

describe('dates and times of an image overlay (DICOM)', () => {
  it.each([
    ['DOB: 19311223 Study Date: 20240415', 'DOB: [DATE] Study Date: [DATE]'],
    ['M 092Y Study Time: 143814', 'M [AGE] Study Time: [DATE]'],
  ])('%j → %j', (text, redacted) => {
    expect(redact(text)).toBe(redacted);
  });

  it.each(['Study Time: pending', 'kVp 115 mAs 2.2 W 3247'])('%j', (text) => {
    expect(redact(text)).toBe(text);
  });

  it('masks a long series number as an identifier, not a time', () => {
    expect(redact('Series 20241399')).toBe('Series [OTHER_ID]');
  });
});

describe('an overlay age', () => {
  it('masks a DICOM age over 89 only', () => {
    expect(redact('M 092Y')).toBe('M [AGE]');
    expect(redact('F 034Y')).toBe('F 034Y');
  });
});
