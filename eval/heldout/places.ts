// Addresses and phone numbers: US cities with their real ZIP prefixes and area codes (written for
// this corpus), street names of several traditions, PO/rural/military forms, and foreign addresses
// from faker's locales as US records carry them for relatives and visitors.
import {
  base,
  cs_CZ,
  de,
  en_GH,
  es_MX,
  Faker,
  fr,
  it,
  nl,
  pl,
  sv,
  tr,
  type LocaleDefinition,
} from '@faker-js/faker';
import type { Rng } from '../corpus/random.js';

/** [city, state, ZIP prefix, area codes]. */
const US_CITIES: ReadonlyArray<[string, string, string, string[]]> = [
  ['Chicago', 'IL', '606', ['312', '773', '872']],
  ['Evanston', 'IL', '602', ['847', '224']],
  ['Cicero', 'IL', '608', ['708']],
  ['Houston', 'TX', '770', ['713', '832', '281']],
  ['San Antonio', 'TX', '782', ['210', '726']],
  ['El Paso', 'TX', '799', ['915']],
  ['McAllen', 'TX', '785', ['956']],
  ['Phoenix', 'AZ', '850', ['602', '480', '623']],
  ['Tucson', 'AZ', '857', ['520']],
  ['Los Angeles', 'CA', '900', ['213', '323', '310']],
  ['Fresno', 'CA', '937', ['559']],
  ['San Jose', 'CA', '951', ['408', '669']],
  ['Oakland', 'CA', '946', ['510', '341']],
  ['Seattle', 'WA', '981', ['206']],
  ['Yakima', 'WA', '989', ['509']],
  ['Portland', 'OR', '972', ['503', '971']],
  ['Denver', 'CO', '802', ['303', '720']],
  ['Albuquerque', 'NM', '871', ['505']],
  ['Minneapolis', 'MN', '554', ['612']],
  ['Saint Paul', 'MN', '551', ['651']],
  ['Dearborn', 'MI', '481', ['313']],
  ['Detroit', 'MI', '482', ['313']],
  ['Cleveland', 'OH', '441', ['216']],
  ['Columbus', 'OH', '432', ['614', '380']],
  ['Pittsburgh', 'PA', '152', ['412']],
  ['Philadelphia', 'PA', '191', ['215', '267']],
  ['Paterson', 'NJ', '075', ['973', '862']],
  ['Newark', 'NJ', '071', ['973']],
  ['Bronx', 'NY', '104', ['718', '347']],
  ['Brooklyn', 'NY', '112', ['718', '929']],
  ['Jackson Heights', 'NY', '113', ['718']],
  ['Lowell', 'MA', '018', ['978']],
  ['Dorchester', 'MA', '021', ['617', '857']],
  ['Providence', 'RI', '029', ['401']],
  ['Hartford', 'CT', '061', ['860']],
  ['Baltimore', 'MD', '212', ['410', '443']],
  ['Silver Spring', 'MD', '209', ['301', '240']],
  ['Richmond', 'VA', '232', ['804']],
  ['Charlotte', 'NC', '282', ['704', '980']],
  ['Atlanta', 'GA', '303', ['404', '678', '470']],
  ['Hialeah', 'FL', '330', ['305', '786']],
  ['Orlando', 'FL', '328', ['407', '321']],
  ['Tampa', 'FL', '336', ['813']],
  ['New Orleans', 'LA', '701', ['504']],
  ['Memphis', 'TN', '381', ['901']],
  ['Nashville', 'TN', '372', ['615', '629']],
  ['Louisville', 'KY', '402', ['502']],
  ['Milwaukee', 'WI', '532', ['414']],
  ['Omaha', 'NE', '681', ['402', '531']],
  ['Kansas City', 'MO', '641', ['816']],
  ['Saint Louis', 'MO', '631', ['314']],
  ['Salt Lake City', 'UT', '841', ['801', '385']],
  ['Las Vegas', 'NV', '891', ['702', '725']],
  ['Honolulu', 'HI', '968', ['808']],
  ['Anchorage', 'AK', '995', ['907']],
  ['Lewiston', 'ME', '042', ['207']],
  ['Burlington', 'VT', '054', ['802']],
  ['Sioux Falls', 'SD', '571', ['605']],
  ['Fargo', 'ND', '581', ['701']],
  ['Boise', 'ID', '837', ['208', '986']],
  ['Garden City', 'KS', '678', ['620']],
];

const STREET_NAMES = [
  'Cesar Chavez',
  'Martin Luther King Jr',
  'Kedzie',
  'Pulaski',
  'Ashland',
  'Halsted',
  'Fullerton',
  'Calumet',
  'Lakeshore',
  'Old Farm',
  'Quarry Hill',
  'Magnolia',
  'Bluebonnet',
  'Mesquite',
  'Saguaro',
  'Juniper Ridge',
  'Alder Creek',
  'Kamehameha',
  'Waialae',
  'Ridgeview',
  'Greenbrier',
  'Cherokee',
  'Chippewa',
  'Wabash',
  'Tremont',
  'Fordham',
  'Grand Concourse',
  'Jamaica',
  'Roosevelt',
  'Lincoln',
  'Dorchester',
  'Blue Hill',
  'Hyde Park',
  'Bayou',
  'Tchoupitoulas',
  'Pontchartrain',
  'Peachtree',
  'Ponce de Leon',
  'Flagler',
  'Coral Way',
  'Las Palmas',
  'Del Prado',
  'Santa Rosa',
  'San Pedro',
  'Vista del Sol',
  'Paseo Real',
  'Loma Linda',
  'Hmong',
  'Little Saigon',
  'Devon',
  'Warda',
  'Pioneer',
  'Homestead',
  'Prairie Rose',
  'Cottonwood',
  'Sycamore',
  'Linden',
];
const SUFFIXES = [
  'St',
  'Street',
  'Ave',
  'Avenue',
  'Blvd',
  'Rd',
  'Road',
  'Dr',
  'Ln',
  'Ct',
  'Pl',
  'Ter',
  'Way',
  'Pkwy',
  'Hwy',
  'Cir',
  'Trl',
  'Loop',
];
const DIRECTIONS = ['N', 'S', 'E', 'W', 'NE', 'NW', 'SE', 'SW'];
const UNITS = ['Apt', 'Apt.', '#', 'Unit', 'Ste', 'Fl', 'Lot', 'Rm', 'Bldg'];

/** An address as forms split it. `state` and `country` are safe; the rest narrows where one lives. */
export interface Address {
  street: string;
  city: string;
  state?: string;
  zip: string;
  country?: string;
  areaCodes: string[];
}

const ordinal = (n: number) =>
  n % 100 >= 11 && n % 100 <= 13 ? `${n}th` : `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;

/** Foreign locales with street data, and the country as a US clerk would write it. */
const ABROAD: ReadonlyArray<[LocaleDefinition, string]> = [
  [es_MX, 'Mexico'],
  [fr, 'France'],
  [de, 'Germany'],
  [it, 'Italy'],
  [nl, 'Netherlands'],
  [pl, 'Poland'],
  [sv, 'Sweden'],
  [tr, 'Turkey'],
  [cs_CZ, 'Czech Republic'],
  [en_GH, 'Ghana'],
];

export class Places {
  private readonly abroad: Array<[Faker, string]>;

  constructor(private readonly rng: Rng) {
    this.abroad = ABROAD.map(([locale, country], i) => {
      const faker = new Faker({ locale: [locale, base] });
      faker.seed(rng.fork(`abroad-${i}`).int(1, 2 ** 31));
      return [faker, country];
    });
  }

  private streetLine(): string {
    const rng = this.rng;
    const kind = rng.next();
    if (kind < 0.06) return `PO Box ${rng.int(10, 99999)}`;
    if (kind < 0.09) return `${rng.pick(['RR', 'HC'])} ${rng.int(1, 9)} Box ${rng.int(10, 999)}`;
    const number = String(rng.chance(0.2) ? rng.int(1, 99) : rng.int(100, 19999));
    let name: string;
    if (rng.chance(0.18))
      name = `${ordinal(rng.int(1, 160))} ${rng.pick(['St', 'Ave', 'Street', 'Pl'])}`;
    else if (rng.chance(0.06)) name = `County Road ${rng.int(1, 400)}`;
    else if (rng.chance(0.05))
      name = `Calle ${rng.pick(['Ocho', 'Sol', 'Luna', 'Esperanza', 'Los Pinos'])}`;
    else name = `${rng.pick(STREET_NAMES)} ${rng.pick(SUFFIXES)}`;
    const direction = rng.chance(0.3) ? `${rng.pick(DIRECTIONS)} ` : '';
    const unit = rng.chance(0.35)
      ? ` ${rng.pick(UNITS)} ${rng.chance(0.5) ? rng.int(1, 40) : `${rng.int(1, 30)}${rng.pick(['A', 'B', 'C', 'F', 'R'])}`}`
      : '';
    return `${number} ${direction}${name}${unit}`.replace('# ', '#');
  }

  /** A US home address. */
  us(): Address {
    const rng = this.rng;
    const [city, state, zip3, areaCodes] = rng.pick(US_CITIES);
    const zip = `${zip3}${rng.digits(2)}${rng.chance(0.2) ? `-${rng.digits(4)}` : ''}`;
    return { street: this.streetLine(), city, state, zip, areaCodes };
  }

  /** An APO/FPO address of a service member's household. */
  military(): Address {
    const rng = this.rng;
    const [zone, zip] = rng.pick([
      ['AE', '09'],
      ['AP', '96'],
      ['AA', '340'],
    ] as const);
    return {
      street: `${rng.pick(['PSC', 'Unit', 'CMR'])} ${rng.int(100, 9999)} Box ${rng.int(1, 9999)}`,
      city: rng.pick(['APO', 'FPO', 'DPO']),
      state: zone,
      zip: `${zip}${rng.digits(5 - zip.length)}`,
      areaCodes: ['315', '719'],
    };
  }

  /** A foreign address (city, postcode and country as printed). */
  foreign(): Address {
    const [faker, country] = this.rng.pick(this.abroad);
    return {
      street: faker.location.streetAddress(),
      city: faker.location.city(),
      zip: faker.location.zipCode(),
      country,
      areaCodes: [],
    };
  }

  /** A patient's home: mostly US, a few military or abroad. */
  home(): Address {
    const r = this.rng.next();
    if (r < 0.04) return this.military();
    if (r < 0.1) return this.foreign();
    return this.us();
  }

  /** A US phone number near an address, in one of the formats people write. */
  phone(near?: Address, style?: number): string {
    const rng = this.rng;
    const area = near?.areaCodes.length
      ? rng.pick(near.areaCodes)
      : rng.pick(rng.pick(US_CITIES)[3]);
    const exchange = `${rng.int(2, 9)}${rng.digits(2)}`.replace(/^(\d)11$/, '$112');
    const line = rng.digits(4);
    const formats = [
      `(${area}) ${exchange}-${line}`,
      `${area}-${exchange}-${line}`,
      `${area}.${exchange}.${line}`,
      `(${area})${exchange}-${line}`,
      `+1 ${area} ${exchange} ${line}`,
      `1-${area}-${exchange}-${line}`,
      `${area} ${exchange} ${line}`,
    ];
    return formats[style ?? rng.int(0, formats.length - 1)] ?? formats[0] ?? '';
  }

  /** A foreign number in international form. */
  foreignPhone(): string {
    const rng = this.rng;
    return rng.pick([
      `+52 33 ${rng.digits(4)} ${rng.digits(4)}`,
      `+44 20 ${rng.digits(4)} ${rng.digits(4)}`,
      `+233 24 ${rng.digits(3)} ${rng.digits(4)}`,
      `+234 803 ${rng.digits(3)} ${rng.digits(4)}`,
      `+91 98${rng.digits(3)} ${rng.digits(5)}`,
      `+48 ${rng.digits(3)} ${rng.digits(3)} ${rng.digits(3)}`,
      `+84 90 ${rng.digits(3)} ${rng.digits(4)}`,
    ]);
  }
}
