// Per-document state for the builders: seeded randomness, the cast, styles and labelled segments.
import { base, en, en_US, Faker } from '@faker-js/faker';
import type { PhiCategory } from '../../src/phi/types.js';
import type { FontName } from '../../tests/fixtures/draw.js';
import type { Drug } from './clinical.js';
import { addDays, DATE_STYLES, day, formatDate, formatTime, type DateStyle } from './dates.js';
import { FACILITIES, type Facility } from './facilities.js';
import type { FaceName } from './fonts.js';
import { LETTER } from './page.js';
import {
  fullName,
  makeCast,
  type Address,
  type Cast,
  type Person,
  type Provider,
} from './people.js';
import type { DocumentPlan } from './plan.js';
import { Rng } from './random.js';
import type { Inline, Seg } from './segments.js';
import type { DecoyKind } from './types.js';

/** The state one document builder works with. */
export class DocContext {
  readonly rng: Rng;
  readonly faker: Faker;
  /** The document's "today": 2024-01-08 to mid 2025. */
  readonly refDate: Date;
  readonly facility: Facility;
  readonly cast: Cast;
  /** The document's usual date style; some fields override it. */
  readonly dateStyle: DateStyle;
  readonly width: number;
  readonly height: number;
  private entities = 0;

  constructor(readonly plan: DocumentPlan) {
    this.rng = new Rng(plan.seed);
    this.faker = new Faker({ locale: [en_US, en, base] });
    this.faker.seed(plan.seed);
    this.refDate = addDays(day(2024, 1, 8), this.rng.int(0, 520));
    this.facility = FACILITIES[plan.facility] ?? FACILITIES[0] ?? fail('no facilities');
    this.cast = makeCast(this.faker, this.rng.fork('cast'), this.refDate, this.facility);
    this.dateStyle = this.rng.pick(DATE_STYLES);
    this.width = plan.landscape ? LETTER.height : LETTER.width;
    this.height = plan.landscape ? LETTER.width : LETTER.height;
  }

  /** True when the document becomes a PDF with a Helvetica text layer. */
  get textPdf(): boolean {
    return this.plan.rendition === 'pdf-text';
  }

  /** One of the given faces, or Helvetica for text PDFs. */
  face(...choices: readonly FontName[]): FaceName {
    return this.textPdf ? 'helvetica' : this.rng.pick(choices);
  }

  /** Accent colour for letterheads and headings. */
  get accent(): string {
    return this.plan.colour ? '#1b3a6b' : '#000';
  }

  /** Form ink colour (claim forms print in drop-out red). */
  get formInk(): string {
    return this.plan.colour ? '#c8312b' : '#000';
  }

  /** A PHI mention; all its words share one new entity id. */
  phi(category: PhiCategory, text: string): Seg {
    this.entities++;
    return { text, phi: { category, entityId: `${this.plan.id}/e${this.entities}` } };
  }

  /** Safe text placed because it resembles PHI. */
  decoy(kind: DecoyKind, text: string): Seg {
    return { text, decoy: kind };
  }

  date(date: Date, style: DateStyle = this.dateStyle): Seg {
    return this.phi('DATE', formatDate(date, style));
  }

  /** A date `days` before the document date. */
  daysAgo(days: number): Date {
    return addDays(this.refDate, -days);
  }

  name(person: Person, withMiddle = true): Seg {
    return this.phi('NAME', fullName(person, withMiddle));
  }

  /** "Dr. Ann Lee" for physicians, "Ann Lee, NP" otherwise; the title and credential are safe. */
  provider(p: Provider): Inline {
    if (p.credential === 'MD' || p.credential === 'DO')
      return ['Dr.', this.phi('NAME', `${p.first} ${p.last}`)];
    return [this.phi('NAME', `${p.first} ${p.last},`), p.credential];
  }

  /** "Ann B. Lee, MD" as under a signature. */
  signature(p: Provider): Inline {
    return [this.phi('NAME', `${fullName(p)},`), p.credential];
  }

  /** An age: PHI above 89 ("92-year-old"), a decoy otherwise. */
  age(age: number, form: 'adjective' | 'bare' | 'years' = 'adjective'): Seg {
    const text =
      form === 'adjective' ? `${age}-year-old` : form === 'years' ? `${age} years` : String(age);
    return age > 89 ? this.phi('AGE', text) : this.decoy('age', text);
  }

  /** The facility's published main line (safe). */
  mainLine(): Seg {
    return this.decoy('facility-public-number', this.facility.mainLine);
  }

  /** "12 Elm Street" (one ADDRESS entity). */
  street(address: Pick<Address, 'street'>): Seg {
    return this.phi('ADDRESS', address.street);
  }

  /** "Danvers, MA 01923": city and ZIP are ADDRESS entities, the state is safe. */
  cityLine(address: Pick<Address, 'city' | 'state' | 'zip'>): Inline {
    return [
      this.phi('ADDRESS', `${address.city},`),
      address.state,
      this.phi('ADDRESS', address.zip),
    ];
  }

  /** "Metoprolol succinate 50 mg": drug and dose are decoys. */
  dose(drug: Drug, dose: string): Inline {
    return [this.decoy('drug', drug.name), this.decoy('dose', dose)];
  }

  /** "Apixaban 5 mg PO twice daily" with a dose and sig the drug is written with. */
  medication(drug: Drug): Inline {
    return [this.dose(drug, this.rng.pick(drug.doses)), this.rng.pick(drug.sig)];
  }

  /** A time of day that stands alone (a nursing note's clock, "Time:" of a triage row): safe. */
  time(minutes: number, twelveHour = false): Seg {
    return this.decoy('time', formatTime(minutes, twelveHour));
  }

  /**
   * A time of day that belongs to a patient date: in the same value, cell or line as the date, or
   * an appointment time on a schedule. Safe Harbor removes every element of a date but the year,
   * so it is DATE (a mention of its own).
   */
  dateTime(minutes: number, twelveHour = false): Seg {
    return this.phi('DATE', formatTime(minutes, twelveHour));
  }

  year(year: number): Seg {
    return this.decoy('year', String(year));
  }

  /** "Page 2 of 3" (safe). */
  pageOf(index: number, total: number): Seg {
    return this.decoy('page-number', `Page ${index + 1} of ${total}`);
  }
}

function fail(message: string): never {
  throw new Error(message);
}
