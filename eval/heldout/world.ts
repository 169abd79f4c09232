// The fixed issuers (facilities, payers) of the held-out corpus and the per-document world: a
// patient, their relatives and clinicians, with identifiers, drawn from one seeded stream.
import type { Rng } from '../corpus/random.js';
import { Cast, type Person } from './cast.js';
import { Ids } from './ids.js';
import { Places, type Address } from './places.js';
import type { DocContext } from './sheet.js';
import { Calendar, type Day } from './when.js';

/** A facility that issues documents. Its letterhead lines and main line are public and allowed. */
export interface Facility {
  name: string;
  street: string;
  cityLine: string;
  state: string;
  mainLine: string;
  website: string;
}

/** Every issuing facility. Fictional names; each prints exactly these strings. */
export const FACILITIES: readonly Facility[] = [
  {
    name: 'Saguaro Family Health Center',
    street: '2450 E Speedway Blvd',
    cityLine: 'Tucson, AZ 85719',
    state: 'AZ',
    mainLine: '(520) 326-4470',
    website: 'www.saguarofhc.org',
  },
  {
    name: 'Lakeview Internal Medicine Associates',
    street: '3150 N Lincoln Ave Ste 200',
    cityLine: 'Chicago, IL 60657',
    state: 'IL',
    mainLine: '(773) 296-5800',
    website: 'www.lakeviewima.com',
  },
  {
    name: 'Bayou Regional Medical Center',
    street: '1800 Tulane Ave',
    cityLine: 'New Orleans, LA 70112',
    state: 'LA',
    mainLine: '(504) 897-2100',
    website: 'www.bayouregional.org',
  },
  {
    name: 'North Shore Diagnostic Imaging',
    street: '915 Church St',
    cityLine: 'Evanston, IL 60201',
    state: 'IL',
    mainLine: '(847) 570-3300',
    website: 'www.nsdimaging.com',
  },
  {
    name: 'Cascadia Reference Laboratories',
    street: '1200 Westlake Ave N',
    cityLine: 'Seattle, WA 98109',
    state: 'WA',
    mainLine: '(206) 624-1180',
    website: 'www.cascadialabs.com',
  },
  {
    name: 'Riverside Pediatrics & Family Care',
    street: '77 Broad St',
    cityLine: 'Paterson, NJ 07505',
    state: 'NJ',
    mainLine: '(973) 684-2250',
    website: 'www.riversidepfc.org',
  },
  {
    name: 'Twin Cities Cardiology Clinic',
    street: '2800 Chicago Ave Ste 410',
    cityLine: 'Minneapolis, MN 55407',
    state: 'MN',
    mainLine: '(612) 863-3900',
    website: 'www.tccardiology.com',
  },
  {
    name: 'Hialeah Community Clinic',
    street: '1475 W 49th St',
    cityLine: 'Hialeah, FL 33012',
    state: 'FL',
    mainLine: '(305) 558-2420',
    website: 'www.hialeahcc.org',
  },
];

/** A payer printed on cards and claims; its public numbers, site and claims address are safe. */
export interface Payer {
  name: string;
  plan: string;
  servicesLine: string;
  providerLine: string;
  website: string;
  claimsStreet: string;
  claimsCity: string;
  payerId: string;
  rxBin: string;
  rxPcn: string;
}

export const PAYERS: readonly Payer[] = [
  {
    name: 'Meridian Mutual Health',
    plan: 'Choice PPO',
    servicesLine: '1-800-457-2231',
    providerLine: '1-877-842-3109',
    website: 'www.meridianmutual.com',
    claimsStreet: 'PO Box 30520',
    claimsCity: 'Salt Lake City, UT 84130',
    payerId: '87726',
    rxBin: '610014',
    rxPcn: 'MEDDPRIME',
  },
  {
    name: 'CopperState Health Plan',
    plan: 'Access HMO',
    servicesLine: '1-866-210-4478',
    providerLine: '1-866-210-4479',
    website: 'www.copperstatehp.com',
    claimsStreet: 'PO Box 52033',
    claimsCity: 'Phoenix, AZ 85072',
    payerId: '62308',
    rxBin: '004336',
    rxPcn: 'ADV',
  },
  {
    name: 'Keystone Unity Health',
    plan: 'Silver EPO',
    servicesLine: '1-888-301-7755',
    providerLine: '1-888-301-7756',
    website: 'www.keystoneunity.org',
    claimsStreet: 'PO Box 890112',
    claimsCity: 'Camp Hill, PA 17089',
    payerId: '23045',
    rxBin: '003858',
    rxPcn: 'A4',
  },
  {
    name: 'Sunbelt Medicaid Choice',
    plan: 'Medicaid Managed Care',
    servicesLine: '1-855-663-0140',
    providerLine: '1-855-663-0141',
    website: 'www.sunbeltchoice.com',
    claimsStreet: 'PO Box 31372',
    claimsCity: 'Tampa, FL 33631',
    payerId: '59354',
    rxBin: '015581',
    rxPcn: 'RXSMC',
  },
  {
    name: 'Prairie Lakes BlueCare',
    plan: 'Medicare Advantage',
    servicesLine: '1-800-823-6604',
    providerLine: '1-800-823-6611',
    website: 'www.prairielakesbluecare.com',
    claimsStreet: 'PO Box 805107',
    claimsCity: 'Chicago, IL 60680',
    payerId: '00621',
    rxBin: '017010',
    rxPcn: '05440000',
  },
];

/**
 * What `options.allow` should hold for this corpus: each facility's main line and letterhead
 * (street line, city line, website), exactly as printed.
 */
export const HELDOUT_ALLOW: string[] = FACILITIES.flatMap((f) => [
  f.mainLine,
  f.street,
  f.cityLine,
  f.website,
  // Claim forms print the billing provider's letterhead in capitals.
  f.street.toUpperCase(),
  f.cityLine.toUpperCase(),
]);

/** A patient with what their records carry. */
export interface Patient {
  person: Person;
  dob: Day;
  home: Address;
  phone: string;
  mobile: string;
  email: string;
  mrn: string;
  ssn: string;
  memberId: string;
  groupNumber: string;
  account: string;
}

/** One document's cast and context, all from one seeded stream. */
export class World {
  readonly cast: Cast;
  readonly places: Places;
  readonly ids: Ids;
  readonly calendar: Calendar;
  readonly facility: Facility;
  readonly payer: Payer;
  readonly patient: Patient;

  constructor(
    readonly doc: DocContext,
    options: { facility?: number; minAge?: number; maxAge?: number } = {},
  ) {
    const rng = doc.rng;
    this.cast = new Cast(rng.fork('cast'));
    this.places = new Places(rng.fork('places'));
    this.ids = new Ids(rng.fork('ids'));
    const today: Day = { y: rng.int(2023, 2025), m: rng.int(1, 12), d: rng.int(1, 28) };
    this.calendar = new Calendar(rng.fork('calendar'), today);
    this.facility =
      FACILITIES[options.facility ?? rng.int(0, FACILITIES.length - 1)] ?? rng.pick(FACILITIES);
    this.payer = rng.pick(PAYERS);
    const person = this.cast.person();
    const home = this.places.home();
    this.patient = {
      person,
      dob: this.calendar.birth(options.minAge ?? 1, options.maxAge ?? 88),
      home,
      phone: this.places.phone(home),
      mobile: this.places.phone(home),
      email: this.ids.email(person),
      mrn: this.ids.mrn(),
      ssn: this.ids.ssn(),
      memberId: this.ids.memberId(),
      groupNumber: this.ids.groupNumber(),
      account: this.ids.accountNumber(),
    };
  }

  get rng(): Rng {
    return this.doc.rng;
  }

  get today(): Day {
    return this.calendar.today;
  }

  /** A clinician (a person with credentials). */
  clinician(): { person: Person; credential: string } {
    return {
      person: this.cast.person(),
      credential: this.rng.pick(['MD', 'MD', 'DO', 'NP', 'PA-C', 'MD, FACP', 'MD, PhD']),
    };
  }
}
