// Clinical vocabulary for the corpus: diagnoses, drugs, labs, procedures and vital signs (all safe).
import type { Rng } from './random.js';

/** A diagnosis with its ICD-10-CM code. */
export interface Diagnosis {
  code: string;
  name: string;
  /** Short phrase for prose ("hypertension"). */
  phrase: string;
}

/** Common inpatient and clinic diagnoses (codes are safe decoys). */
export const DIAGNOSES: readonly Diagnosis[] = [
  { code: 'I10', name: 'Essential (primary) hypertension', phrase: 'hypertension' },
  {
    code: 'E11.9',
    name: 'Type 2 diabetes mellitus without complications',
    phrase: 'type 2 diabetes',
  },
  { code: 'I50.9', name: 'Heart failure, unspecified', phrase: 'heart failure' },
  {
    code: 'J18.9',
    name: 'Pneumonia, unspecified organism',
    phrase: 'community-acquired pneumonia',
  },
  { code: 'N17.9', name: 'Acute kidney failure, unspecified', phrase: 'acute kidney injury' },
  { code: 'I48.91', name: 'Unspecified atrial fibrillation', phrase: 'atrial fibrillation' },
  { code: 'J44.1', name: 'COPD with (acute) exacerbation', phrase: 'a COPD exacerbation' },
  { code: 'E78.5', name: 'Hyperlipidemia, unspecified', phrase: 'hyperlipidemia' },
  {
    code: 'N39.0',
    name: 'Urinary tract infection, site not specified',
    phrase: 'a urinary tract infection',
  },
  { code: 'R07.9', name: 'Chest pain, unspecified', phrase: 'chest pain' },
  { code: 'I21.4', name: 'Non-ST elevation myocardial infarction', phrase: 'an NSTEMI' },
  { code: 'E03.9', name: 'Hypothyroidism, unspecified', phrase: 'hypothyroidism' },
  { code: 'K21.9', name: 'Gastro-esophageal reflux disease', phrase: 'reflux' },
  { code: 'F32.9', name: 'Major depressive disorder, single episode', phrase: 'depression' },
  { code: 'M54.50', name: 'Low back pain, unspecified', phrase: 'low back pain' },
  {
    code: 'S72.001A',
    name: 'Fracture of neck of right femur, initial',
    phrase: 'a right hip fracture',
  },
  { code: 'R55', name: 'Syncope and collapse', phrase: 'syncope' },
  { code: 'I63.9', name: 'Cerebral infarction, unspecified', phrase: 'an ischemic stroke' },
  { code: 'D64.9', name: 'Anemia, unspecified', phrase: 'anemia' },
  { code: 'G47.33', name: 'Obstructive sleep apnea', phrase: 'obstructive sleep apnea' },
];

/** A drug with the doses and sigs it is written with. */
export interface Drug {
  name: string;
  doses: readonly string[];
  sig: readonly string[];
  form: string;
}

/** Drugs with realistic doses (names and doses are safe decoys). */
export const DRUGS: readonly Drug[] = [
  { name: 'Lisinopril', doses: ['10 mg', '20 mg', '40 mg'], sig: ['PO daily'], form: 'tablet' },
  {
    name: 'Metoprolol succinate',
    doses: ['25 mg', '50 mg', '100 mg'],
    sig: ['PO daily'],
    form: 'tablet',
  },
  {
    name: 'Atorvastatin',
    doses: ['20 mg', '40 mg', '80 mg'],
    sig: ['PO at bedtime'],
    form: 'tablet',
  },
  {
    name: 'Metformin',
    doses: ['500 mg', '1000 mg'],
    sig: ['PO twice daily with meals'],
    form: 'tablet',
  },
  { name: 'Apixaban', doses: ['2.5 mg', '5 mg'], sig: ['PO twice daily'], form: 'tablet' },
  {
    name: 'Furosemide',
    doses: ['20 mg', '40 mg'],
    sig: ['PO daily', 'IV twice daily'],
    form: 'tablet',
  },
  { name: 'Amlodipine', doses: ['5 mg', '10 mg'], sig: ['PO daily'], form: 'tablet' },
  {
    name: 'Levothyroxine',
    doses: ['50 mcg', '75 mcg', '100 mcg'],
    sig: ['PO daily before breakfast'],
    form: 'tablet',
  },
  {
    name: 'Insulin glargine',
    doses: ['10 units', '20 units', '24 units'],
    sig: ['subcut at bedtime'],
    form: 'pen',
  },
  {
    name: 'Amoxicillin',
    doses: ['500 mg', '875 mg'],
    sig: ['PO three times daily x 7 days'],
    form: 'capsule',
  },
  {
    name: 'Enoxaparin',
    doses: ['1 mg/kg', '40 mg'],
    sig: ['subcut every 12 hours'],
    form: 'syringe',
  },
  { name: 'Vancomycin', doses: ['15 mg/kg', '1 g'], sig: ['IV every 12 hours'], form: 'vial' },
  {
    name: 'Acetaminophen',
    doses: ['650 mg', '1000 mg'],
    sig: ['PO every 6 hours as needed'],
    form: 'tablet',
  },
  {
    name: 'Ondansetron',
    doses: ['4 mg', '8 mg'],
    sig: ['PO every 8 hours as needed'],
    form: 'tablet',
  },
  { name: 'Pantoprazole', doses: ['40 mg'], sig: ['PO daily'], form: 'tablet' },
  { name: 'Sertraline', doses: ['50 mg', '100 mg'], sig: ['PO daily'], form: 'tablet' },
  {
    name: 'Albuterol HFA',
    doses: ['90 mcg', '2 puffs'],
    sig: ['inhaled every 4 hours as needed'],
    form: 'inhaler',
  },
  { name: 'Prednisone', doses: ['40 mg', '20 mg'], sig: ['PO daily x 5 days'], form: 'tablet' },
  { name: 'Ceftriaxone', doses: ['1 g', '2 g'], sig: ['IV daily'], form: 'vial' },
  {
    name: 'Heparin',
    doses: ['80 units/kg', '5000 units'],
    sig: ['subcut every 8 hours'],
    form: 'vial',
  },
  {
    name: 'Oxycodone',
    doses: ['5 mg'],
    sig: ['PO every 6 hours as needed for pain'],
    form: 'tablet',
  },
  {
    name: 'Gabapentin',
    doses: ['300 mg', '100 mg'],
    sig: ['PO three times daily'],
    form: 'capsule',
  },
];

/** A lab test with its units, reference range and decimals. */
export interface LabTest {
  name: string;
  units: string;
  low: number;
  high: number;
  decimals: number;
  /** How the range is printed when it is one-sided ("<200"). */
  range?: string;
}

/** Lab panels as printed on a report. */
export const LAB_PANELS: ReadonlyArray<{ name: string; tests: readonly LabTest[] }> = [
  {
    name: 'COMPLETE BLOOD COUNT (CBC)',
    tests: [
      { name: 'WBC', units: 'x10^3/uL', low: 4.5, high: 11.0, decimals: 1 },
      { name: 'RBC', units: 'x10^6/uL', low: 4.2, high: 5.9, decimals: 2 },
      { name: 'Hemoglobin', units: 'g/dL', low: 12.0, high: 16.0, decimals: 1 },
      { name: 'Hematocrit', units: '%', low: 36, high: 46, decimals: 1 },
      { name: 'MCV', units: 'fL', low: 80, high: 100, decimals: 0 },
      { name: 'Platelets', units: 'x10^3/uL', low: 150, high: 400, decimals: 0 },
    ],
  },
  {
    name: 'BASIC METABOLIC PANEL',
    tests: [
      { name: 'Sodium', units: 'mmol/L', low: 135, high: 145, decimals: 0 },
      { name: 'Potassium', units: 'mmol/L', low: 3.5, high: 5.1, decimals: 1 },
      { name: 'Chloride', units: 'mmol/L', low: 98, high: 107, decimals: 0 },
      { name: 'CO2', units: 'mmol/L', low: 22, high: 29, decimals: 0 },
      { name: 'BUN', units: 'mg/dL', low: 7, high: 20, decimals: 0 },
      { name: 'Creatinine', units: 'mg/dL', low: 0.6, high: 1.2, decimals: 2 },
      { name: 'Glucose', units: 'mg/dL', low: 70, high: 99, decimals: 0 },
      { name: 'Calcium', units: 'mg/dL', low: 8.5, high: 10.5, decimals: 1 },
    ],
  },
  {
    name: 'LIPID PANEL',
    tests: [
      {
        name: 'Cholesterol, total',
        units: 'mg/dL',
        low: 100,
        high: 199,
        decimals: 0,
        range: '<200',
      },
      { name: 'LDL cholesterol', units: 'mg/dL', low: 40, high: 99, decimals: 0, range: '<100' },
      { name: 'HDL cholesterol', units: 'mg/dL', low: 40, high: 90, decimals: 0, range: '>40' },
      { name: 'Triglycerides', units: 'mg/dL', low: 50, high: 149, decimals: 0, range: '<150' },
    ],
  },
  {
    name: 'HEPATIC FUNCTION PANEL',
    tests: [
      { name: 'AST', units: 'U/L', low: 10, high: 40, decimals: 0 },
      { name: 'ALT', units: 'U/L', low: 7, high: 56, decimals: 0 },
      { name: 'Alkaline phosphatase', units: 'U/L', low: 44, high: 147, decimals: 0 },
      { name: 'Bilirubin, total', units: 'mg/dL', low: 0.1, high: 1.2, decimals: 1 },
      { name: 'Albumin', units: 'g/dL', low: 3.5, high: 5.0, decimals: 1 },
    ],
  },
  {
    name: 'ENDOCRINE / CARDIAC',
    tests: [
      { name: 'Hemoglobin A1c', units: '%', low: 4.0, high: 5.6, decimals: 1 },
      { name: 'TSH', units: 'mIU/L', low: 0.4, high: 4.0, decimals: 2 },
      { name: 'Troponin I', units: 'ng/mL', low: 0, high: 0.04, decimals: 2, range: '<0.04' },
      { name: 'BNP', units: 'pg/mL', low: 0, high: 99, decimals: 0, range: '<100' },
      { name: 'INR', units: 'ratio', low: 0.8, high: 1.1, decimals: 1 },
    ],
  },
];

/** One measured lab result, printed. */
export interface LabResult {
  test: LabTest;
  value: string;
  range: string;
  flag: '' | 'H' | 'L';
}

/** A result near or outside the reference range. */
export function labResult(rng: Rng, test: LabTest): LabResult {
  const span = test.high - test.low;
  const roll = rng.next();
  const raw =
    roll < 0.15
      ? test.low - span * rng.float(0.05, 0.4)
      : roll < 0.3
        ? test.high + span * rng.float(0.05, 0.8)
        : test.low + span * rng.float(0.05, 0.95);
  const value = Math.max(raw, 0);
  const printed = value.toFixed(test.decimals);
  const n = Number(printed);
  const flag =
    n < test.low && !test.range?.startsWith('<')
      ? 'L'
      : n > test.high && !test.range?.startsWith('>')
        ? 'H'
        : '';
  const range =
    test.range ?? `${test.low.toFixed(test.decimals)}-${test.high.toFixed(test.decimals)}`;
  return { test, value: printed, range, flag };
}

/** A CPT procedure code and its description. */
export interface Procedure {
  code: string;
  name: string;
  charge: number;
}

/** CPT codes billed on claims and mentioned in notes (safe decoys). */
export const PROCEDURES: readonly Procedure[] = [
  { code: '99213', name: 'Office visit, established, low', charge: 125 },
  { code: '99214', name: 'Office visit, established, moderate', charge: 185 },
  { code: '99204', name: 'Office visit, new, moderate', charge: 245 },
  { code: '93000', name: 'Electrocardiogram, complete', charge: 65 },
  { code: '71046', name: 'Chest x-ray, 2 views', charge: 110 },
  { code: '80048', name: 'Basic metabolic panel', charge: 42 },
  { code: '85025', name: 'Complete blood count', charge: 35 },
  { code: '36415', name: 'Venipuncture', charge: 15 },
  { code: '93306', name: 'Echocardiogram, complete', charge: 640 },
  { code: '99284', name: 'ED visit, high severity', charge: 520 },
  { code: '33208', name: 'Dual-chamber pacemaker insertion', charge: 9800 },
  { code: '97110', name: 'Therapeutic exercise, 15 min', charge: 60 },
];

/** Vital signs as printed in a note: each entry is one decoy phrase (e.g. "BP 142/91"). */
export function vitals(rng: Rng, celsius = false): string[] {
  const temp = celsius
    ? `T ${rng.float(36.4, 38.4).toFixed(1)} C`
    : `Temp ${rng.float(97.5, 101.2).toFixed(1)} F`;
  return [
    `BP ${rng.int(104, 168)}/${rng.int(58, 98)}`,
    `HR ${rng.int(56, 118)}`,
    `RR ${rng.int(12, 24)}`,
    temp,
    `SpO2 ${rng.int(88, 100)}%`,
    `Wt ${rng.int(48, 121)} kg`,
  ];
}

/** Chief complaints for triage sheets and notes. */
export const COMPLAINTS: readonly string[] = [
  'chest pain radiating to the left arm',
  'shortness of breath for three days',
  'fall at home with right hip pain',
  'fever, cough and chills',
  'dizziness and near-syncope',
  'abdominal pain and vomiting',
  'left-sided weakness since this morning',
  'laceration to the forearm after a car collision',
  'palpitations and fatigue',
  'worsening leg swelling',
];

/** Short clinical sentences with no PHI, used to make notes dense. */
export const FINDINGS: readonly string[] = [
  'Lungs with bibasilar crackles, no wheeze.',
  'Heart regular rate and rhythm, no murmur, rub or gallop.',
  'Abdomen soft, non-tender, non-distended, bowel sounds present.',
  'Trace bilateral ankle edema, improved from prior.',
  'Alert and oriented to person, place and time.',
  'No focal neurological deficit; gait steady with a walker.',
  'Skin warm and dry; surgical site clean without erythema.',
  'Mucous membranes moist; no jugular venous distension.',
  'Tolerating a regular diet; ambulating in the hallway with physical therapy.',
  'Pain controlled on the current regimen; sleeping through the night.',
  'Chest x-ray without acute infiltrate; ECG with sinus rhythm and no acute ST changes.',
  'Telemetry without arrhythmia over the past 24 hours.',
  'Renal function back to baseline after holding diuretics for one day.',
  'Reviewed fall precautions and home safety with the care team.',
  'Diet counselling given; encouraged sodium restriction under 2 g per day.',
  'Discussed goals of care; remains full code.',
];

/** Medical specialties, for providers and clinics. */
export const SPECIALTIES: readonly string[] = [
  'Cardiology',
  'Internal Medicine',
  'Geriatrics',
  'Endocrinology',
  'Pulmonology',
  'Nephrology',
  'Orthopedics',
  'Neurology',
  'Family Medicine',
];
