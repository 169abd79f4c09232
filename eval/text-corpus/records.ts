// Parses presidio-evaluator's data files into typed records. Pure.
import { parse } from 'csv-parse/sync';
import type { PresidioFiles } from './presidio.js';

/** One fake person of FakeNameGenerator.com_3000.csv (the columns this corpus uses). */
export interface PersonRecord {
  gender: 'male' | 'female';
  /** The name set FakeNameGenerator drew the name from (`Czech`, `Italian`, `American`…). */
  nameSet: string;
  title: string;
  givenName: string;
  middleInitial: string;
  surname: string;
  streetAddress: string;
  city: string;
  state: string;
  zipCode: string;
  /** ISO country code (`US`, `IT`…). */
  country: string;
  countryFull: string;
  email: string;
  phone: string;
  phoneCountryCode: string;
  /** `M/D/YYYY`. */
  birthday: string;
  age: number;
  nationalId: string;
  occupation: string;
  domain: string;
}

/** A nationality row of nationalities.csv. */
export interface Nationality {
  nationality: string;
  woman: string;
  plural: string;
}

/** Everything the filler draws from. */
export interface PresidioData {
  templates: string[];
  people: PersonRecord[];
  companies: string[];
  licences: string[];
  nationalities: Nationality[];
}

// Latin letters, digits, spaces and the punctuation of names and addresses: a record with Greek
// addresses (Cypriot rows) or stray symbols is left out, as the pages set Latin script only.
const LATIN_TEXT = /^[\p{Script=Latin}0-9 .,'’()/#&-]*$/u;

function rows(csv: string): Array<Record<string, string>> {
  return parse<Record<string, string>>(csv, { bom: true, columns: true, skip_empty_lines: true });
}

const field = (row: Record<string, string>, name: string) => (row[name] ?? '').trim();

/** The people whose name and address fields are Latin script. */
export function parsePeople(csv: string): PersonRecord[] {
  return rows(csv).flatMap((row): PersonRecord[] => {
    const gender = field(row, 'Gender');
    if (gender !== 'male' && gender !== 'female') return [];
    const record: PersonRecord = {
      gender,
      nameSet: field(row, 'NameSet'),
      title: field(row, 'Title'),
      givenName: field(row, 'GivenName'),
      middleInitial: field(row, 'MiddleInitial'),
      surname: field(row, 'Surname'),
      streetAddress: field(row, 'StreetAddress'),
      city: field(row, 'City'),
      state: field(row, 'State'),
      zipCode: field(row, 'ZipCode'),
      country: field(row, 'Country'),
      countryFull: field(row, 'CountryFull'),
      email: field(row, 'EmailAddress'),
      phone: field(row, 'TelephoneNumber'),
      phoneCountryCode: field(row, 'TelephoneCountryCode'),
      birthday: field(row, 'Birthday'),
      age: Number(field(row, 'Age')),
      nationalId: field(row, 'NationalID'),
      occupation: field(row, 'Occupation'),
      domain: field(row, 'Domain'),
    };
    const checked = [
      record.givenName,
      record.surname,
      record.streetAddress,
      record.city,
      record.zipCode,
      record.occupation,
    ];
    const ok =
      checked.every((t) => t.length > 0 && LATIN_TEXT.test(t)) &&
      /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(record.birthday);
    return ok ? [record] : [];
  });
}

/** All data files, parsed. Templates are the non-empty lines of templates.txt. */
export function parsePresidio(files: PresidioFiles): PresidioData {
  return {
    templates: files.templates
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l.length > 0),
    people: parsePeople(files.people),
    // One name a line under an `organization` header; later lines hold unquoted commas, so it
    // is read as lines, not as CSV.
    companies: files.companies
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.trim().replace(/^"(.*)"$/, '$1'))
      .filter((c) => c.length > 0 && LATIN_TEXT.test(c)),
    licences: rows(files.licences)
      .map((r) => field(r, 'us_driver_license'))
      .filter((l) => l.length > 0),
    nationalities: rows(files.nationalities).map((r) => ({
      nationality: field(r, 'nationality'),
      woman: field(r, 'woman'),
      plural: field(r, 'plural'),
    })),
  };
}
