// The extra evaluation corpora's fast parts: template filling and truth mapping, word tags,
// layout, glyph-exact rendering (also rotated), and freeze comparison. No wheel download.
import { Faker, base, en, en_US } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { checkPage } from '../../eval/corpus/verify-truth.js';
import { Rng } from '../../eval/corpus/random.js';
import type { CorpusDocument } from '../../eval/corpus/types.js';
import { freeze, frozenDifferences } from '../../eval/frozen.js';
import type { PersonRecord, PresidioData } from '../../eval/text-corpus/records.js';
import {
  fillTemplate,
  normaliseTemplate,
  parseTemplate,
  tokenize,
  type Filled,
} from '../../eval/text-corpus/templates.js';
import { placeholderValues } from '../../eval/text-corpus/values.js';
import { paginate, type Block } from '../../eval/typeset/layout.js';
import { renderPage } from '../../eval/typeset/render.js';

const person = (over: Partial<PersonRecord>): PersonRecord => ({
  gender: 'female',
  nameSet: 'Czech',
  title: 'Mrs.',
  givenName: 'Marie',
  middleInitial: 'J',
  surname: 'Hamanová',
  streetAddress: '1481 Maud Street',
  city: 'Wilmington',
  state: 'DE',
  zipCode: '19801',
  country: 'US',
  countryFull: 'United States',
  email: 'MarieHamanova@example.com',
  phone: '302-652-5610',
  phoneCountryCode: '1',
  birthday: '3/29/1982',
  age: 37,
  nationalId: '221-34-7544',
  occupation: 'Desk clerk',
  domain: 'MarathonDancing.com',
  ...over,
});

const DATA: PresidioData = {
  templates: [],
  people: [
    person({}),
    person({
      gender: 'male',
      givenName: 'Domenico',
      surname: 'Pisano',
      streetAddress: 'Via Pisanelli 104',
      city: 'Traversara',
      zipCode: '48020',
      country: 'IT',
      countryFull: 'Italy',
      phone: '0312 0828589',
      phoneCountryCode: '39',
      nationalId: 'WK48391724',
    }),
  ],
  companies: ['Aalberts NV'],
  licences: ['S530-460-99-424-0'],
  nationalities: [{ nationality: 'czech', woman: 'czech', plural: 'czechs' }],
};

const fill = (template: string, values: Record<string, string>) =>
  fillTemplate(parseTemplate(normaliseTemplate(template)), (p) => values[p] ?? `<${p}>`);

/** Every span's characters are exactly the value put there. */
const spanTexts = (f: Filled) => f.spans.map((s) => f.text.slice(s.start, s.end));

describe('presidio templates', () => {
  it('normalises line breaks, escaped commas and single-brace placeholders', () => {
    expect(normaliseTemplate('{{person}}\\n {{city}}\\,x {street_name}')).toBe(
      '{{person}}\n{{city}},x {{street_name}}',
    );
    expect(parseTemplate('I met {{first_name}} and {{first_name}}.')).toEqual([
      { literal: 'I met ' },
      { placeholder: 'first_name', occurrence: 0 },
      { literal: ' and ' },
      { placeholder: 'first_name', occurrence: 1 },
      { literal: '.' },
    ]);
    expect(() => parseTemplate('{{favourite_colour}}')).toThrow(/no rule/);
  });

  it('maps placeholders to our categories, with spans on the exact characters', () => {
    const f = fill('Call {{person}} at {{phone_number}} or email {{email}}; SSN {{ssn}}.', {
      person: 'Marie Hamanová',
      phone_number: '302-652-5610',
      email: 'm@example.com',
      ssn: '221-34-7544',
    });
    expect(spanTexts(f)).toEqual([
      'Marie Hamanová',
      '302-652-5610',
      'm@example.com',
      '221-34-7544',
    ]);
    expect(f.spans.map((s) => s.category)).toEqual(['NAME', 'PHONE', 'EMAIL', 'SSN']);
  });

  it('keeps organisations, titles, countries and states safe, and ages up to 89', () => {
    const f = fill('{{prefix}} {{last_name}} ({{age}}) of {{organization}}, {{country}}', {
      prefix: 'Dr.',
      last_name: 'Pisano',
      age: '89',
      organization: 'Aalberts NV',
      country: 'Italy',
    });
    expect(f.spans.map((s) => s.category ?? s.decoy ?? 'safe')).toEqual([
      'safe',
      'NAME',
      'age',
      'safe',
      'safe',
    ]);
    expect(fill('She is {{age}}', { age: '90' }).spans[0]?.category).toBe('AGE');
  });

  it('calls a phone on a fax line FAX', () => {
    const f = fill('{{phone_number}} office\\n{{phone_number}} fax\\nFax: {{phone_number}}', {
      phone_number: '555-0100',
    });
    expect(f.spans.map((s) => s.category)).toEqual(['PHONE', 'FAX', 'FAX']);
  });

  it('joins a run of address parts into one mention, the state staying safe inside it', () => {
    const f = fill(
      '{{person}}\\n{{building_number}} {{street_name}} street\\n{{city}} {{state_abbr}} {{zipcode}}\\nand {{city}}',
      {
        person: 'Ann Lee',
        building_number: '12',
        street_name: 'Elm',
        city: 'Dover',
        state_abbr: 'DE',
        zipcode: '19901',
      },
    );
    const [name, number, street, city, state, zip, other] = f.spans;
    expect(spanTexts(f)[2]).toBe('Elm street');
    expect(new Set([number, street, city, state, zip].map((s) => s?.mention)).size).toBe(1);
    expect(state?.category).toBeUndefined();
    expect(name?.mention).not.toBe(number?.mention);
    expect(other?.mention).not.toBe(number?.mention);
  });

  it('tags words: a word touching PHI is PHI, one mention shares one entity id', () => {
    const f = fill("It's {{first_name}}'s. {{first_name}} lives at {{address}}.", {
      first_name: 'Kwame',
      address: '12 Elm St, Dover',
    });
    const lines = tokenize(f, (m) => `d/e${m}`);
    const words = lines.flat();
    expect(words.map((w) => w.phi?.entityId ?? '-')).toEqual([
      '-',
      'd/e0',
      'd/e1',
      '-',
      '-',
      'd/e2',
      'd/e2',
      'd/e2',
      'd/e2',
    ]);
    expect(words[1]?.text).toBe("Kwame's.");
    expect(words.at(-1)?.text).toBe('Dover.');
  });

  it('fills the same values for the same seed, and others for another seed', () => {
    const template = parseTemplate(
      normaliseTemplate(
        '{{person}} ({{email}}) lives at {{address}}; born {{date_of_birth}}; card {{credit_card_number}}; IP {{ip_address}}',
      ),
    );
    const run = (seed: number) =>
      fillTemplate(
        template,
        placeholderValues(DATA, new Rng(seed), new Faker({ locale: [en_US, en, base], seed })),
      );
    expect(run(7)).toEqual(run(7));
    expect(run(7).text).not.toBe(run(8).text);
    // One person per template: the name and the email come from the same record.
    const f = run(7);
    const [nameText, emailText] = spanTexts(f);
    const record = DATA.people.find((p) => nameText?.includes(p.surname));
    expect(record?.email).toBe(emailText);
  });
});

describe('typesetting', () => {
  const frame = {
    width: 300,
    height: 200,
    margin: 20,
    face: 'roboto',
    size: 10,
    leading: 1.35,
  } as const;
  const block = (text: string): Block => ({
    lines: [
      text.split(' ').map((w, i) => ({
        text: w,
        ...(i === 1 && { phi: { category: 'NAME', entityId: 'x/e1' } }),
      })),
    ],
  });

  it('wraps inside the margins and starts a page when a block does not fit', () => {
    const long = 'Patient Castellanos was seen today and tolerated the procedure well with no pain';
    const perBlock = long.split(' ').length;
    const pages = paginate(
      Array.from({ length: 8 }, () => block(long)),
      frame,
    );
    expect(pages.length).toBeGreaterThan(1);
    // Whole blocks only on each page.
    for (const page of pages) expect(page.words.length % perBlock).toBe(0);
    expect(pages.reduce((n, p) => n + p.words.length, 0)).toBe(8 * perBlock);
    for (const page of pages)
      for (const w of page.words) {
        expect(w.x).toBeGreaterThanOrEqual(frame.margin);
        expect(w.x).toBeLessThan(frame.width - frame.margin);
        expect(w.baseline).toBeLessThanOrEqual(frame.height - frame.margin);
      }
    expect(() =>
      paginate([{ lines: Array.from({ length: 40 }, () => [{ text: 'x' }]) }], frame),
    ).toThrow(/taller/);
  });

  it.each([0, 1.1])('draws every word inside its truth box (rotation %s°)', async (rotation) => {
    const [page] = paginate([block('Řehoř Nguyễn Thị 07/22/1971 (MRN 48213) Ærøskøbing')], {
      ...frame,
      face: 'noto-serif',
    });
    if (!page) throw new Error('no page');
    const { image, truth } = await renderPage(page, { dpi: 150, rotation });
    const check = checkPage(image.data, image.width, image.height, truth, 2, 3);
    expect(check.darkPixels).toBeGreaterThan(500);
    expect(check.strayPixels).toBe(0);
    expect(check.emptyWords).toEqual([]);
    expect(Math.max(...check.edgeErrors.map((e) => e.error))).toBeLessThan(2);
    expect(truth.words[1]?.phi).toEqual({ category: 'NAME', entityId: 'x/e1' });
  });
});

describe('freezing', () => {
  const doc = (bytes: string): CorpusDocument => ({
    id: 'a',
    docType: 'free-text',
    format: 'png',
    scanned: false,
    textLayer: false,
    pages: [],
    bytes: Buffer.from(bytes),
  });

  it('finds changed bytes, a changed source and a missing document', () => {
    const frozen = freeze('text', '1', { wheel: 'abc' }, [doc('x')]);
    expect(frozenDifferences(frozen, freeze('text', '1', { wheel: 'abc' }, [doc('x')]))).toEqual(
      [],
    );
    expect(frozenDifferences(frozen, freeze('text', '1', { wheel: 'abc' }, [doc('y')]))).toEqual([
      'a: bytes differ',
    ]);
    expect(frozenDifferences(frozen, freeze('text', '1', { wheel: 'abd' }, []))).toEqual([
      'source wheel differs',
      'a: missing',
    ]);
  });
});
