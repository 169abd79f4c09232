// People on held-out documents: names from @faker-js/faker's non-English locales and from lists
// written for this corpus (romanised Arabic, East and South Asian, African, Caribbean, Filipino),
// with particle, hyphenated and apostrophe surnames. None of it comes from the detector's lists.
import {
  base,
  cs_CZ,
  de,
  en_GH,
  en_IN,
  en_NG,
  es_MX,
  Faker,
  fi,
  fr,
  fr_SN,
  hr,
  hu,
  id_ID,
  it,
  nb_NO,
  nl,
  pl,
  pt_BR,
  ro,
  sv,
  tr,
  vi,
  yo_NG,
  zu_ZA,
  type LocaleDefinition,
} from '@faker-js/faker';
import type { Rng } from '../corpus/random.js';

export type Sex = 'F' | 'M';

/** A person's name parts; `family` may hold spaces ("de la Cruz") or a hyphen. */
export interface Person {
  given: string;
  middle?: string;
  family: string;
  sex: Sex;
}

/** Latin-script faker locales, weighted towards the communities US hospitals serve most. */
const LOCALES: ReadonlyArray<[LocaleDefinition, number]> = [
  [es_MX, 5],
  [pt_BR, 2],
  [fr, 1],
  [de, 1],
  [it, 1],
  [nl, 1],
  [pl, 2],
  [sv, 1],
  [tr, 1],
  [vi, 2],
  [yo_NG, 2],
  [en_NG, 1],
  [en_GH, 2],
  [zu_ZA, 1],
  [en_IN, 2],
  [ro, 1],
  [hu, 1],
  [cs_CZ, 1],
  [hr, 1],
  [fi, 1],
  [nb_NO, 1],
  [id_ID, 1],
  [fr_SN, 1],
];

/** Written for this corpus: [given female, given male, family] per community. */
const COMMUNITIES: ReadonlyArray<[string[], string[], string[]]> = [
  // Arabic, romanised as US registration desks write it
  [
    ['Fatimah', 'Noor', 'Khadija', 'Layla', 'Maryam', 'Rania', 'Huda', 'Amal', 'Zaynab', 'Salma'],
    [
      'Mohammed',
      'Abdulrahman',
      'Yousef',
      'Omar',
      'Hamza',
      'Tariq',
      'Khaled',
      'Bilal',
      'Anas',
      'Samir',
    ],
    [
      'Al-Masri',
      'El-Sayed',
      'Haddad',
      'Abdelrahman',
      'Al-Qahtani',
      'Mansour',
      'Nasser',
      'Abu-Ghazaleh',
      'Khoury',
      'Bakr',
      'Al Harbi',
      'Saleh',
    ],
  ],
  // Chinese (pinyin), Korean and Japanese (Hepburn)
  [
    ['Xiaoling', 'Mei', 'Jing', 'Seo-yeon', 'Ji-woo', 'Haeun', 'Yui', 'Sakura', 'Aoi', 'Qian'],
    [
      'Wei',
      'Jian',
      'Hao',
      'Min-jun',
      'Dong-hyun',
      'Seung-woo',
      'Haruto',
      'Sota',
      'Kenji',
      'Zhiwei',
    ],
    [
      'Zhang',
      'Wang',
      'Liu',
      'Chen',
      'Huang',
      'Zhao',
      'Xu',
      'Kim',
      'Park',
      'Choi',
      'Jung',
      'Tanaka',
      'Suzuki',
      'Watanabe',
      'Yamamoto',
    ],
  ],
  // South Asian
  [
    [
      'Priyanka',
      'Lakshmi',
      'Ananya',
      'Deepika',
      'Sunita',
      'Farzana',
      'Nusrat',
      'Kavitha',
      'Harpreet',
      'Meenakshi',
    ],
    [
      'Arjun',
      'Sandeep',
      'Venkatesh',
      'Rahul',
      'Imran',
      'Gurpreet',
      'Siddharth',
      'Rajesh',
      'Tanvir',
      'Karthik',
    ],
    [
      'Patel',
      'Reddy',
      'Chatterjee',
      'Iyer',
      'Krishnamurthy',
      'Venkataraman',
      'Chowdhury',
      'Siddiqui',
      'Gill',
      'Banerjee',
      "D'Souza",
      'Rahman',
      'Bhattacharya',
    ],
  ],
  // East African (Ethiopian, Eritrean, Somali)
  [
    [
      'Selam',
      'Meron',
      'Hiwot',
      'Tigist',
      'Hodan',
      'Ayaan',
      'Fardowsa',
      'Saba',
      'Bethlehem',
      'Ruth',
    ],
    [
      'Dawit',
      'Tesfaye',
      'Yohannes',
      'Abdirahman',
      'Mahad',
      'Bereket',
      'Samuel',
      'Abdiwali',
      'Henok',
      'Nahom',
    ],
    [
      'Tesfaye',
      'Abebe',
      'Haile',
      'Gebremedhin',
      'Woldemariam',
      'Abdi',
      'Warsame',
      'Mohamud',
      'Hussein',
      'Girma',
      'Tekle',
    ],
  ],
  // West African (Akan, Igbo, Wolof) beyond faker's lists
  [
    ['Ama', 'Akosua', 'Efua', 'Adaeze', 'Chiamaka', 'Ngozi', 'Awa', 'Fatou', 'Abena', 'Nneka'],
    [
      'Kwame',
      'Kofi',
      'Yaw',
      'Chukwuemeka',
      'Obinna',
      'Ikenna',
      'Mamadou',
      'Cheikh',
      'Kwabena',
      'Emeka',
    ],
    [
      'Mensah',
      'Owusu',
      'Boateng',
      'Okonkwo',
      'Nwosu',
      'Eze',
      'Okafor',
      'Diallo',
      'Ndiaye',
      'Asante',
      'Okonkwo-Bello',
      'Adjei-Mensah',
    ],
  ],
  // Haitian and Caribbean
  [
    [
      'Widline',
      'Nadège',
      'Fabienne',
      'Guerline',
      'Shanice',
      'Marjorie',
      'Yolette',
      'Kettly',
      'Roseline',
      'Tamika',
    ],
    [
      'Jean-Robert',
      'Wilner',
      'Frantz',
      'Jean-Claude',
      'Ricardo',
      'Dieudonné',
      'Marckenson',
      'Delroy',
      'Junior',
      'Fritznel',
    ],
    [
      'Jean-Baptiste',
      'Pierre-Louis',
      'Joseph',
      'Saint-Fleur',
      'Desrosiers',
      'Charles',
      'Etienne',
      'Noël',
      'Thermidor',
      'Campbell',
    ],
  ],
  // Filipino and Pacific
  [
    [
      'Maricel',
      'Rowena',
      'Jocelyn',
      'Analyn',
      'Lorna',
      'Leilani',
      'Malia',
      'Kalena',
      'Divina',
      'Rosalinda',
    ],
    [
      'Rodrigo',
      'Jericho',
      'Ronaldo',
      'Efren',
      'Mark Anthony',
      'Keoni',
      'Kaimana',
      'Noa',
      'Danilo',
      'Reynaldo',
    ],
    [
      'dela Cruz',
      'Santos',
      'Bautista',
      'Reyes',
      'Macaraeg',
      'Villanueva',
      'Kealoha',
      'Kahananui',
      'Magbanua',
      'de los Reyes',
    ],
  ],
  // Irish, Scots, Dutch and other particle surnames
  [
    [
      'Siobhán',
      'Aoife',
      'Niamh',
      'Saoirse',
      'Maeve',
      'Ingrid',
      'Femke',
      'Griet',
      'Colleen',
      'Deirdre',
    ],
    [
      'Ciarán',
      'Padraig',
      'Eoin',
      'Declan',
      'Ruairí',
      'Joost',
      'Pieter',
      'Hendrik',
      'Lachlan',
      'Fergus',
    ],
    [
      "O'Neil",
      "O'Sullivan",
      "O'Donoghue",
      'McAllister',
      'MacLeod',
      'van der Berg',
      'van den Heuvel',
      'ter Horst',
      'Ní Bhriain',
      'de Vries',
      'Van Buren-Ochoa',
    ],
  ],
];

/** Family names with particles, for an occasional compound. */
const PARTICLE_FAMILIES = [
  'de la Cruz',
  'da Silva',
  'dos Santos',
  'De Luca',
  'di Stefano',
  'del Toro',
  'Le Goff',
  'St. Clair',
  'bin Abdullah',
  'Abu Bakr',
];

/** Makes people with seeded faker instances, one per locale. */
export class Cast {
  private readonly fakers: Faker[];
  private readonly weights: number[];

  constructor(private readonly rng: Rng) {
    this.fakers = LOCALES.map(([locale], i) => {
      const faker = new Faker({ locale: [locale, base] });
      faker.seed(rng.fork(`locale-${i}`).int(1, 2 ** 31));
      return faker;
    });
    this.weights = LOCALES.map(([, w]) => w);
  }

  private weighted(): Faker {
    const total = this.weights.reduce((a, b) => a + b, 0);
    let r = this.rng.float(0, total);
    for (const [i, w] of this.weights.entries()) {
      r -= w;
      if (r < 0) return this.fakers[i] ?? this.rng.pick(this.fakers);
    }
    return this.rng.pick(this.fakers);
  }

  /** A person; `sex` is drawn when not given. */
  person(sex: Sex = this.rng.chance(0.5) ? 'F' : 'M'): Person {
    const rng = this.rng;
    let given: string;
    let family: string;
    if (rng.chance(0.45)) {
      const [female, male, families] = rng.pick(COMMUNITIES);
      given = rng.pick(sex === 'F' ? female : male);
      family = rng.pick(families);
    } else {
      const faker = this.weighted();
      const gender = sex === 'F' ? 'female' : 'male';
      given = faker.person.firstName(gender);
      family = faker.person.lastName(gender);
    }
    // Two independent draws: a particle surname, else perhaps a hyphenated double surname.
    const particle = rng.chance(0.06);
    if (particle) family = rng.pick(PARTICLE_FAMILIES);
    else if (rng.chance(0.06) && !family.includes('-') && !family.includes(' ')) {
      const second = this.weighted().person.lastName();
      if (!second.includes(' ')) family = `${family}-${second}`;
    }
    const middle = rng.chance(0.45)
      ? this.weighted().person.firstName(sex === 'F' ? 'female' : 'male')
      : undefined;
    return { given, family, sex, ...(middle && { middle }) };
  }
}

/** Letters without accents, for systems that print plain ASCII (claim forms, overlays). */
export const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '');

export const initial = (name: string) => name.charAt(0).toUpperCase();

/** "Given Family", optionally with the middle initial. */
export function fullName(p: Person, withMiddle = false): string {
  return withMiddle && p.middle
    ? `${p.given} ${initial(p.middle)}. ${p.family}`
    : `${p.given} ${p.family}`;
}

/** "FAMILY, GIVEN M" in capitals and plain ASCII, as claim forms and schedules print it. */
export function lastFirstCaps(p: Person, withMiddle = true): string {
  const mi = withMiddle && p.middle ? ` ${initial(ascii(p.middle))}` : '';
  return ascii(`${p.family}, ${p.given}${mi}`).toUpperCase();
}

/** "Family, Given" as EHR lists print it. */
export function lastFirst(p: Person): string {
  return `${p.family}, ${p.given}`;
}

/** DICOM Person Name (PN): components separated by `^`, capitals, no spaces inside. */
export function dicomName(p: Person): string {
  const parts = [p.family, p.given, p.middle ? initial(p.middle) : ''].map((s) =>
    ascii(s).toUpperCase().replace(/ /g, ''),
  );
  return parts.join('^').replace(/\^+$/, '');
}
