// Values for the template placeholders, drawn from presidio-evaluator's fake people (one record
// per person mentioned, so a name, its email and its address agree) and from faker where the
// records lack a field. Deterministic for an Rng and a seeded Faker.
import type { Faker } from '@faker-js/faker';
import type { Rng } from '../corpus/random.js';
import type { FilledValue } from './templates.js';
import type { PersonRecord, PresidioData } from './records.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const pad2 = (n: number) => String(n).padStart(2, '0');
const month = (m: number) => MONTHS[m - 1] ?? 'January';

/** A calendar date in one of the formats people write (US, European, ISO, spelled out). */
export function formatDate(rng: Rng, y: number, m: number, d: number): string {
  const formats = [
    () => `${m}/${d}/${y}`,
    () => `${pad2(m)}/${pad2(d)}/${y}`,
    () => `${month(m)} ${d}, ${y}`,
    () => `${d} ${month(m)} ${y}`,
    () => `${d} ${month(m).slice(0, 3)} ${y}`,
    () => `${y}-${pad2(m)}-${pad2(d)}`,
    () => `${pad2(d)}.${pad2(m)}.${y}`,
  ];
  return rng.pick(formats)();
}

/** A time of day, 24-hour or 12-hour. */
function formatTime(rng: Rng, h: number, min: number): string {
  return rng.chance(0.5)
    ? `${pad2(h)}:${pad2(min)}`
    : `${((h + 11) % 12) + 1}:${pad2(min)} ${h < 12 ? 'AM' : 'PM'}`;
}

// Countries whose addresses put the postcode before the city.
const POSTCODE_FIRST = new Set(
  'AT BE BR CH CZ DE DK EE ES FI FR GL HU IS IT NL NO PL PT SE SI TN UY'.split(' '),
);
// Countries whose state or province is written in an address (and is safe, like a US state).
const STATE_WRITTEN = new Set(['US', 'CA', 'AU']);

/** The record's address as one `{{address}}` value; its state, when written, is safe. */
export function addressParts(r: PersonRecord): FilledValue {
  if (STATE_WRITTEN.has(r.country) && r.state)
    return [
      { text: r.streetAddress, placeholder: 'address' },
      { text: ', ' },
      { text: `${r.city},`, placeholder: 'address' },
      { text: ' ' },
      { text: r.state, placeholder: 'state_abbr' },
      { text: ' ' },
      { text: r.zipCode, placeholder: 'address' },
    ];
  const text = POSTCODE_FIRST.has(r.country)
    ? `${r.streetAddress}, ${r.zipCode} ${r.city}`
    : `${r.streetAddress}, ${r.city} ${r.zipCode}`;
  return text;
}

/** House number and street of a record, when its street address has a number at either end. */
function streetParts(r: PersonRecord): { number: string; street: string } | undefined {
  const first = /^(\d+[A-Za-z]?)\s+(.+)$/.exec(r.streetAddress);
  if (first?.[1] && first[2]) return { number: first[1], street: first[2] };
  const last = /^(.+?)\s+(\d+[A-Za-z]?)$/.exec(r.streetAddress);
  if (last?.[1] && last[2]) return { number: last[2], street: last[1] };
  return undefined;
}

const STREET_SUFFIX = /\s+(Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Lane|Drive|Boulevard|Way)$/i;

/** Everything a template can ask for, for one template's cast of people. */
export function placeholderValues(
  data: PresidioData,
  rng: Rng,
  faker: Faker,
): (placeholder: string, occurrence: number) => FilledValue {
  type Group = 'any' | 'male' | 'female' | 'street' | 'us';
  const fits: Record<Group, (r: PersonRecord) => boolean> = {
    any: () => true,
    male: (r) => r.gender === 'male',
    female: (r) => r.gender === 'female',
    street: (r) => streetParts(r) !== undefined,
    us: (r) => r.country === 'US' && /^\d{3}-\d{2}-\d{4}$/.test(r.nationalId),
  };
  const pools = new Map<Group, PersonRecord[]>();
  const cast = new Map<string, PersonRecord>();
  // The n-th person of a template is one record for {{person}}, {{email}}, {{city}} … of that n;
  // a placeholder that needs more (a US SSN, a gender) takes that record when it fits.
  const person = (group: Group, n: number): PersonRecord => {
    const key = `${group}/${n}`;
    const cached = cast.get(key);
    if (cached) return cached;
    const shared = cast.get(`any/${n}`);
    let pool = pools.get(group);
    if (!pool) {
      pool = data.people.filter(fits[group]);
      pools.set(group, pool);
    }
    const record = shared && fits[group](shared) ? shared : rng.pick(pool);
    cast.set(key, record);
    return record;
  };
  const fullName = (r: PersonRecord) =>
    rng.chance(0.2) && r.middleInitial
      ? `${r.givenName} ${r.middleInitial}. ${r.surname}`
      : `${r.givenName} ${r.surname}`;
  const age = (r: PersonRecord) => String(rng.chance(0.4) ? rng.int(90, 104) : r.age);
  const dateTime = () => {
    const y = rng.int(2016, 2024);
    const m = rng.int(1, 12);
    const d = rng.int(1, 28);
    const time = formatTime(rng, rng.int(0, 23), rng.int(0, 59));
    return `${formatDate(rng, y, m, d)}${rng.chance(0.5) ? ',' : ''} ${time}`;
  };
  const birthday = (r: PersonRecord) => {
    const [m = 1, d = 1, y = 1970] = r.birthday.split('/').map(Number);
    return formatDate(rng, y, m, d);
  };
  const phone = (r: PersonRecord) =>
    r.country !== 'US' && rng.chance(0.5) ? `+${r.phoneCountryCode} ${r.phone}` : r.phone;
  const url = (r: PersonRecord) => {
    const domain = r.domain.toLowerCase();
    return rng.pick([
      () => `https://www.${domain}`,
      () => `http://${domain}/photos/${rng.digits(5)}`,
      () => `https://${domain}/shared/${rng.chars(8, 'abcdefghijkmnpqrstuvwxyz23456789')}`,
      () => `www.${domain}/about`,
    ])();
  };
  const card = () => {
    const number = faker.finance.creditCardNumber();
    const digits = number.replace(/\D/g, '');
    return digits.length === 16 && rng.chance(0.5)
      ? (digits.match(/.{4}/g) ?? [digits]).join(' ')
      : number;
  };
  const nationality = (pick: (n: PresidioData['nationalities'][number]) => string) => {
    const text = pick(rng.pick(data.nationalities));
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  return (placeholder, n) => {
    switch (placeholder) {
      case 'person':
      case 'name':
        return fullName(person('any', n));
      case 'name_male':
        return fullName(person('male', n));
      case 'name_female':
        return fullName(person('female', n));
      case 'first_name':
      case 'first_name_nonbinary':
        return person('any', n).givenName;
      case 'first_name_male':
        return person('male', n).givenName;
      case 'first_name_female':
        return person('female', n).givenName;
      case 'last_name':
        return person('any', n).surname;
      case 'last_name_male':
        return person('male', n).surname;
      case 'last_name_female':
        return person('female', n).surname;
      case 'prefix':
        return person('any', n).title || 'Mr.';
      case 'prefix_male':
        return rng.pick(['Mr.', 'Dr.']);
      case 'prefix_female':
        return rng.pick(['Mrs.', 'Ms.', 'Dr.']);
      case 'address':
        return addressParts(person('any', n));
      case 'building_number':
        return streetParts(person('street', n))?.number ?? faker.location.buildingNumber();
      case 'street_name':
        return (streetParts(person('street', n))?.street ?? faker.location.street()).replace(
          STREET_SUFFIX,
          '',
        );
      case 'secondary_address':
        return faker.location.secondaryAddress();
      case 'city':
        return person('any', n).city;
      case 'postcode':
        return person('any', n).zipCode;
      case 'zipcode':
        return person('us', n).zipCode;
      case 'state_abbr':
        return person('us', n).state;
      case 'country':
        return person('any', n).countryFull;
      case 'phone_number':
        return phone(person('any', n));
      case 'email':
        return person('any', n).email;
      case 'url':
        return url(person('any', n));
      case 'ip_address':
        return rng.chance(0.8) ? faker.internet.ipv4() : faker.internet.ipv6();
      case 'ssn':
        return person('us', n).nationalId;
      case 'credit_card_number':
        return card();
      case 'iban':
        return faker.finance.iban({ formatted: rng.chance(0.5) });
      case 'us_driver_license':
        return rng.pick(data.licences);
      case 'date_of_birth':
        return birthday(person('any', n));
      case 'date_time':
        return dateTime();
      case 'year':
        return String(rng.int(1955, 2021));
      case 'day_of_week':
        return rng.pick(DAYS);
      case 'age':
        return age(person('any', n));
      case 'organization':
        return rng.pick(data.companies);
      case 'job':
        return person('any', n).occupation;
      case 'nationality':
        return nationality((x) => x.nationality);
      case 'nation_woman':
        return nationality((x) => x.woman);
      case 'nation_plural':
        return nationality((x) => x.plural);
      default:
        throw new Error(`no value for {{${placeholder}}}`);
    }
  };
}
