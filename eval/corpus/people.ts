// The cast of one document: a patient with identifiers, relatives and providers (all fictional).
import type { Faker } from '@faker-js/faker';
import { DRUGS, SPECIALTIES } from './clinical.js';
import { ageOn, birthDateForAge } from './dates.js';
import type { Facility } from './facilities.js';
import * as ids from './identifiers.js';
import type { Rng } from './random.js';

/** Grammatical sex, for pronouns and checkboxes. */
export type Sex = 'female' | 'male';

/** A postal address; street, city and ZIP are PHI, the state is not. */
export interface Address {
  street: string;
  city: string;
  state: string;
  zip: string;
}

/** A named person (fictional). */
export interface Person {
  first: string;
  middle?: string;
  last: string;
  sex: Sex;
}

/** A relative or household member; their names are PHI too. */
export interface Relative extends Person {
  relation: string;
  phone: string;
}

/** A clinician; provider names and identifiers are treated as PHI in this corpus. */
export interface Provider extends Person {
  credential: 'MD' | 'DO' | 'NP' | 'PA-C';
  specialty: string;
  npi: string;
  dea: string;
  stateLicense: string;
  email: string;
  directPhone: string;
  fax: string;
}

/** The patient and every identifier the documents may print. */
export interface Patient extends Person {
  dob: Date;
  age: number;
  address: Address;
  homePhone: string;
  cellPhone: string;
  email: string;
  ssn: string;
  mrn: string;
  account: string;
  plan: { name: string; memberId: string; medicare: boolean };
  license: { state: string; number: string };
  vehicle: { plate: string; vin: string; make: string };
  device: { kind: string; serial: string; udi: string };
  ipv4: string;
  ipv6: string;
  portalUrl: string;
  homeMeds: string[];
}

/** Everyone a document may mention. */
export interface Cast {
  patient: Patient;
  relatives: Relative[];
  /** At least four; the first is the attending or author. */
  providers: Provider[];
}

/** Strips diacritics and anything outside printable ASCII (the PDF fonts are WinAnsi). */
export function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '');
}

const STREETS = [
  'Elm Street',
  'Maple Avenue',
  'Oak Street',
  'Washington Street',
  'Pleasant Street',
  'Highland Avenue',
  'Chestnut Street',
  'Prospect Hill Road',
  'Main Street',
  'Lincoln Road',
  'Spring Lane',
  'Cedar Court',
];
const STATES = ['MA', 'NH', 'RI', 'VT', 'CT', 'ME', 'NY', 'CA', 'FL', 'PA'];
const PLANS = [
  'Blue Harbor PPO',
  'Granite Health HMO',
  'Tri-State Care Plus',
  'MassHealth Standard',
];
const MAKES = ['Honda Civic', 'Ford F-150', 'Toyota Camry', 'Subaru Outback', 'Chevrolet Malibu'];
const DEVICES = [
  'dual-chamber pacemaker',
  'implantable cardioverter-defibrillator',
  'insulin pump',
  'CPAP machine',
  'continuous glucose monitor',
];
const RELATIONS: ReadonlyArray<[string, Sex]> = [
  ['daughter', 'female'],
  ['son', 'male'],
  ['wife', 'female'],
  ['husband', 'male'],
  ['sister', 'female'],
  ['niece', 'female'],
  ['grandson', 'male'],
];

function person(faker: Faker, rng: Rng, sex: Sex, last?: string): Person {
  const middle = rng.chance(0.4) ? ascii(faker.person.firstName(sex)).charAt(0) : undefined;
  return {
    first: ascii(faker.person.firstName(sex)),
    ...(middle && { middle }),
    last: last ?? ascii(faker.person.lastName()),
    sex,
  };
}

/** A street address, city, state and ZIP. */
export function address(faker: Faker, rng: Rng): Address {
  const street = rng.chance(0.5) ? rng.pick(STREETS) : ascii(faker.location.street());
  const unit = rng.chance(0.25) ? `, Apt ${rng.int(1, 40)}${rng.pick(['', 'B', 'C'])}` : '';
  return {
    street: `${rng.int(2, 9800)} ${street}${unit}`,
    city: ascii(faker.location.city()),
    state: rng.pick(STATES),
    zip: faker.location.zipCode('#####'),
  };
}

function provider(faker: Faker, rng: Rng): Provider {
  const sex: Sex = rng.chance(0.5) ? 'female' : 'male';
  const base = person(faker, rng, sex);
  const credential = rng.pick(['MD', 'MD', 'MD', 'DO', 'NP', 'PA-C'] as const);
  return {
    ...base,
    credential,
    specialty: rng.pick(SPECIALTIES),
    npi: ids.npi(rng),
    dea: ids.deaNumber(rng, base.last),
    stateLicense: ids.medicalLicense(rng),
    email: ascii(
      faker.internet.exampleEmail({ firstName: base.first, lastName: base.last }),
    ).toLowerCase(),
    directPhone: ids.phoneNumber(rng, rng.pick(['parens', 'dashes'] as const)),
    fax: ids.phoneNumber(rng, rng.pick(['parens', 'dashes', 'dots'] as const)),
  };
}

/** Builds the cast for one document; 40% of patients are over 89 (their age is PHI). */
export function makeCast(faker: Faker, rng: Rng, refDate: Date, facility: Facility): Cast {
  const sex: Sex = rng.chance(0.55) ? 'female' : 'male';
  const age = rng.chance(0.4) ? rng.int(90, 104) : rng.int(24, 89);
  const dob = birthDateForAge(rng, age, refDate);
  const base = person(faker, rng, sex);
  const home = address(faker, rng);
  const medicare = age >= 65 && rng.chance(0.8);
  const serial = ids.deviceSerial(rng);
  const licenseState = rng.chance(0.6) ? home.state : rng.pick(['CA', 'MA', 'NY', 'FL']);
  const patient: Patient = {
    ...base,
    dob,
    age: ageOn(dob, refDate),
    address: home,
    homePhone: ids.phoneNumber(rng, rng.pick(['parens', 'dashes', 'dots', 'plus'] as const)),
    cellPhone: ids.phoneNumber(rng, rng.pick(['parens', 'dashes'] as const)),
    email: ascii(faker.internet.exampleEmail({ firstName: base.first, lastName: base.last })),
    ssn: ids.ssn(rng),
    mrn: ids.mrn(rng, rng.pick([0, 1, 2, 3] as const)),
    account: ids.accountNumber(rng),
    plan: medicare
      ? { name: 'Medicare Part B', memberId: ids.mbi(rng), medicare: true }
      : { name: rng.pick(PLANS), memberId: ids.memberId(rng), medicare: false },
    license: { state: licenseState, number: ids.driversLicense(rng, licenseState) },
    vehicle: { plate: ids.licensePlate(rng), vin: ids.vin(rng), make: rng.pick(MAKES) },
    device: { kind: rng.pick(DEVICES), serial, udi: ids.udi(rng, serial) },
    ipv4: ids.ipv4(rng),
    ipv6: ids.ipv6(rng),
    portalUrl: `https://${facility.portalHost}/p/${rng.chars(8, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789')}`,
    homeMeds: rng.sample(DRUGS, 4).map((d) => d.name),
  };
  const relatives = Array.from({ length: 2 }, (): Relative => {
    const [relation, relSex] = rng.pick(RELATIONS);
    const shared = rng.chance(0.6) ? base.last : undefined;
    return {
      ...person(faker, rng, relSex, shared),
      relation,
      phone: ids.phoneNumber(rng, rng.pick(['parens', 'dashes'] as const)),
    };
  });
  const providers = Array.from({ length: 5 }, () => provider(faker, rng));
  return { patient, relatives, providers };
}

/** "Maria E. Lopez" / "Maria Lopez". */
export function fullName(p: Person, withMiddle = true): string {
  return withMiddle && p.middle ? `${p.first} ${p.middle}. ${p.last}` : `${p.first} ${p.last}`;
}

/** "LOPEZ, MARIA, E" as typed on claim forms. */
export function formName(p: Person): string {
  return `${p.last}, ${p.first}${p.middle ? `, ${p.middle}` : ''}`.toUpperCase();
}

/** "Lopez, Maria" as in schedules and headers. */
export function lastFirst(p: Person): string {
  return `${p.last}, ${p.first}`;
}

/** "Ms." / "Mr." */
export function honorific(p: Person): string {
  return p.sex === 'female' ? 'Ms.' : 'Mr.';
}

/** Subject / possessive pronouns. */
export function pronouns(p: Person): { he: string; his: string; He: string; His: string } {
  return p.sex === 'female'
    ? { he: 'she', his: 'her', He: 'She', His: 'Her' }
    : { he: 'he', his: 'his', He: 'He', His: 'His' };
}
