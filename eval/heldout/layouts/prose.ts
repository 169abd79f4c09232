// Free-text clinical prose written for this corpus: names that open a sentence with no cue,
// relatives by first name, dates and times in running text, and plenty of clinical decoys.
import { fullName, type Person } from '../cast.js';
import { decoy, phi, type SegLike } from '../sheet.js';
import type { World } from '../world.js';
import { addDays, ageOn, formatClock, formatDay, type Day } from '../when.js';

/** Paragraphs of segments about the world's patient. */
export interface Story {
  opening: SegLike[];
  paragraphs: SegLike[][];
  /** A relative named in the story (first name only in places). */
  relative: Person;
}

const CONDITIONS = [
  ['type 2 diabetes', 'metformin', '1000 mg', 'BID'],
  ['heart failure with reduced ejection fraction', 'carvedilol', '12.5 mg', 'BID'],
  ['chronic kidney disease stage 3b', 'lisinopril', '10 mg', 'daily'],
  ['atrial fibrillation', 'apixaban', '5 mg', 'BID'],
  ['COPD', 'tiotropium', '18 mcg', 'daily'],
  ['rheumatoid arthritis', 'methotrexate', '15 mg', 'weekly'],
  ['hypothyroidism', 'levothyroxine', '88 mcg', 'daily'],
  ['major depressive disorder', 'sertraline', '100 mg', 'daily'],
] as const;

const LABS: ReadonlyArray<[string, string, string]> = [
  ['HbA1c', '8.1 %', '(4.0-5.6)'],
  ['creatinine', '1.64 mg/dL', '(0.57-1.00)'],
  ['eGFR', '41 mL/min/1.73m2', '(>59)'],
  ['potassium', '5.3 mmol/L', '(3.5-5.2)'],
  ['BNP', '812 pg/mL', '(<100)'],
  ['TSH', '6.42 uIU/mL', '(0.45-4.50)'],
  ['hemoglobin', '10.9 g/dL', '(11.1-15.9)'],
];

/** An age as written in a note; over 89 it is AGE, otherwise a decoy. */
export function ageSegs(age: number, form: 'year-old' | 'yo' | 'age'): SegLike[] {
  const text =
    form === 'year-old' ? `${age}-year-old` : form === 'yo' ? `${age} y/o` : `age ${age}`;
  return [age > 89 ? phi('AGE', text) : decoy('age', text)];
}

/** "<date> at <time>": one DATE entity whose words are the date and the time, not "at". */
export function dateAtTime(w: World, date: string, time: string): SegLike[] {
  const e = w.doc.entity();
  return [phi('DATE', date, e), 'at', phi('DATE', time, e)];
}

export function story(w: World, options: { visit: Day; age: number }): Story {
  const { rng, patient: pt } = w;
  const p = pt.person;
  const [condition, drug, dose, frequency] = rng.pick(CONDITIONS);
  const relative = w.cast.person(p.sex === 'F' ? 'M' : 'F');
  const child = w.cast.person();
  const pronoun = p.sex === 'F' ? 'She' : 'He';
  const possessive = p.sex === 'F' ? 'her' : 'his';
  const [lab1, lab2] = rng.sample(LABS, 2);
  const lastSeen = addDays(options.visit, -rng.int(40, 200));
  const follow = addDays(options.visit, rng.int(14, 90));
  const followClock = { h: rng.int(8, 16), mi: rng.pick([0, 15, 20, 30, 40, 45]), s: 0 };
  const mrnLabel = rng.pick(['MRN', 'MRN:', 'MR#']);
  const opening: SegLike[] = [
    phi('NAME', fullName(p, rng.chance(0.4))),
    `(${mrnLabel}`,
    phi('MRN', `${pt.mrn})`),
    'is',
    rng.pick(['followed', 'seen', 'known to us']),
    'for',
    `${condition}.`,
  ];
  const paragraphs: SegLike[][] = [
    [
      pronoun,
      'is',
      'a',
      ...ageSegs(options.age, rng.pick(['year-old', 'yo'] as const)),
      rng.pick([
        'retired bus driver',
        'home health aide',
        'graduate student',
        'line cook',
        'accountant',
        'grandmother of four',
        'machinist',
      ]),
      'who',
      'was',
      'last',
      'seen',
      'on',
      phi('DATE', formatDay(lastSeen, rng.pick(['month-d-y', 'mdy', 'd-month-y'] as const))),
      `and returns today accompanied by ${possessive}`,
      rng.pick(['husband', 'wife', 'partner', 'son', 'daughter']),
      phi('NAME', `${relative.given},`),
      'who',
      'helps',
      'with',
      'medications.',
      phi('NAME', p.given),
      'reports',
      'good',
      'adherence',
      'to',
      decoy('drug', drug),
      decoy('dose', dose),
      `${frequency}.`,
    ],
    [
      'Labs',
      'drawn',
      ...dateAtTime(
        w,
        formatDay(addDays(options.visit, -rng.int(1, 6)), 'mdy-nopad'),
        formatClock(w.calendar.clock(), '24'),
      ),
      'showed',
      lab1?.[0] ?? 'HbA1c',
      decoy('lab-value', lab1?.[1] ?? '8.1 %'),
      decoy('reference-range', lab1?.[2] ?? '(4.0-5.6)'),
      'and',
      lab2?.[0] ?? 'creatinine',
      decoy('lab-value', lab2?.[1] ?? '1.64 mg/dL'),
      decoy('reference-range', `${lab2?.[2] ?? '(0.57-1.00)'}.`),
      'BP',
      decoy('vital-sign', `${rng.int(112, 158)}/${rng.int(64, 96)}`),
      'HR',
      decoy('vital-sign', String(rng.int(58, 104))),
      'SpO2',
      decoy('vital-sign', `${rng.int(91, 99)}%`),
      'on',
      'room',
      'air.',
      'Continue',
      decoy('drug', drug),
      decoy('dose', dose),
      `${frequency};`,
      'recheck',
      'BMP',
      'in',
      '2',
      'weeks.',
    ],
    [
      'Plan',
      'discussed',
      'with',
      phi('NAME', `${p.given}`),
      'and',
      phi('NAME', `${child.given}.`),
      'Follow-up',
      'on',
      ...dateAtTime(
        w,
        formatDay(follow, rng.pick(['month-d-y', 'weekday', 'mon-d-y'] as const)),
        formatClock(followClock, '12'),
      ),
      'in',
      'clinic',
      'or',
      'sooner',
      'if',
      'weight',
      'rises',
      'by',
      decoy('vital-sign', '2 kg'),
      'in',
      '3',
      'days.',
      'Refills',
      'sent',
      'to',
      'the',
      decoy(
        'facility-name',
        rng.pick(['Walgreens', 'CVS Pharmacy', 'Osco Pharmacy', 'Farmacia La Esperanza']),
      ),
      'on',
      'file.',
    ],
  ];
  return { opening, paragraphs, relative };
}

/** Age on a day, for callers that need the patient's age at a visit. */
export const patientAge = (w: World, on: Day) => ageOn(w.patient.dob, on);
