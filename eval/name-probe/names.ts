// Held-out given names and surnames for the name-recall probe: presidio-evaluator's fake people
// (non-US name sets) and @faker-js/faker's non-English Latin-script locales. Not the detector's
// own name sources (it uses other packages); nothing here is tuned against it.
import {
  Faker,
  base,
  cs_CZ,
  de,
  en_GH,
  en_IN,
  en_NG,
  es_MX,
  fi,
  fr,
  hr,
  hu,
  it,
  nl,
  pl,
  pt_BR,
  ro,
  sv,
  tr,
  vi,
  zu_ZA,
  type LocaleDefinition,
} from '@faker-js/faker';
import type { Rng } from '../corpus/random.js';
import type { PersonRecord } from '../text-corpus/records.js';

/** A person's given name and surname, and where the pair came from. */
export interface HeldOutName {
  given: string;
  surname: string;
  source: string;
}

/** faker locales whose names are Latin script and not US English. */
const LOCALES: ReadonlyArray<[string, LocaleDefinition]> = [
  ['es_MX', es_MX],
  ['fr', fr],
  ['de', de],
  ['it', it],
  ['pt_BR', pt_BR],
  ['pl', pl],
  ['tr', tr],
  ['vi', vi],
  ['nl', nl],
  ['sv', sv],
  ['cs_CZ', cs_CZ],
  ['hu', hu],
  ['fi', fi],
  ['hr', hr],
  ['ro', ro],
  ['en_GH', en_GH],
  ['en_NG', en_NG],
  ['en_IN', en_IN],
  ['zu_ZA', zu_ZA],
];

// One word each (no spaces or hyphens), Latin letters: the probe tests a name's position, not
// how a compound name is split.
const ONE_WORD = /^\p{Script=Latin}[\p{Script=Latin}']+$/u;

/**
 * `count` distinct names, half from presidio's non-US name sets, half from faker locales, none of
 * them a word in `exclude` (the probe's clinical decoys, so a decoy never doubles as a name).
 */
export function heldOutNames(
  people: readonly PersonRecord[],
  rng: Rng,
  count: number,
  exclude: ReadonlySet<string>,
  covered: (text: string) => boolean,
): HeldOutName[] {
  const ok = (n: HeldOutName) =>
    ONE_WORD.test(n.given) &&
    ONE_WORD.test(n.surname) &&
    !exclude.has(n.given.toLowerCase()) &&
    !exclude.has(n.surname.toLowerCase()) &&
    covered(`${n.given} ${n.surname}`);
  const fromPresidio = rng
    .shuffle(people.filter((p) => p.country !== 'US' && !/American|English/.test(p.nameSet)))
    .map((p) => ({ given: p.givenName, surname: p.surname, source: `presidio:${p.nameSet}` }))
    .filter(ok);
  const fromFaker: HeldOutName[] = [];
  for (let i = 0; fromFaker.length < count && i < count * 20; i++) {
    const [locale, definition] = rng.pick(LOCALES);
    const faker = new Faker({ locale: [definition, base], seed: rng.int(1, 0x7fffffff) });
    const name = {
      given: faker.person.firstName(),
      surname: faker.person.lastName(),
      source: locale,
    };
    if (ok(name)) fromFaker.push(name);
  }
  const names: HeldOutName[] = [];
  const seen = new Set<string>();
  for (
    let i = 0;
    names.length < count && i < Math.max(fromPresidio.length, fromFaker.length);
    i++
  ) {
    for (const n of [fromPresidio[i], fromFaker[i]]) {
      const key = `${n?.given} ${n?.surname}`.toLowerCase();
      if (n && names.length < count && !seen.has(key)) {
        names.push(n);
        seen.add(key);
      }
    }
  }
  if (names.length < count) throw new Error(`only ${names.length} held-out names`);
  return names;
}
