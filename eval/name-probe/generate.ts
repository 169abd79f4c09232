// The name-recall probe: held-out names where nothing announces them (a note's opening words, a
// line of their own, after `RE:`, a sentence's subject, burned-in `LAST FIRST` overlays, `Last,
// First` lists, a name before a date of birth), among capitalised clinical words, drug names,
// eponyms and the facility's name that must stay readable. See CONVENTIONS.md.
import type { PhiCategory } from '../../src/phi/types.js';
import { Rng, hashSeed } from '../corpus/random.js';
import type { CorpusDocument, DecoyKind } from '../corpus/types.js';
import { presidioFiles } from '../text-corpus/presidio.js';
import { parsePeople, type PersonRecord } from '../text-corpus/records.js';
import { formatDate } from '../text-corpus/values.js';
import { buildDocument, type DocumentPlan } from '../typeset/document.js';
import { faceCovers, type FaceId } from '../typeset/faces.js';
import { paginate, type Block, type Token } from '../typeset/layout.js';
import { heldOutNames, type HeldOutName } from './names.js';

/** The seed of the frozen probe (eval/name-probe/frozen.json). */
export const NAME_PROBE_SEED = 20251202;

/** The facility whose name heads every page (safe). */
export const PROBE_FACILITY = 'Alderbrook Valley Medical Center';

const CONDITIONS = [
  'type 2 diabetes',
  'heart failure',
  'chronic kidney disease',
  'hypertension',
  'atrial fibrillation',
  'asthma',
  'migraine',
  'hypothyroidism',
];
const SYMPTOMS = ['pain', 'dizziness', 'fatigue', 'nausea', 'shortness of breath'];
const RELATIVES = ['daughter', 'son', 'wife', 'husband', 'sister', 'brother', 'mother'];

/** Sentences whose first word is capitalised and safe: a drug, a clinical word, an eponym. */
const DECOYS: ReadonlyArray<[DecoyKind, string]> = [
  ['drug', 'Metformin was started at 500 mg twice daily.'],
  ['drug', 'Lisinopril was held for low blood pressure.'],
  ['drug', 'Atorvastatin was continued at the same dose.'],
  ['drug', 'Apixaban was restarted after the procedure.'],
  ['drug', 'Gabapentin was increased to 300 mg at night.'],
  ['drug', 'Levothyroxine dose unchanged.'],
  ['drug', 'Furosemide 40 mg daily, weight stable.'],
  ['clinical-term', 'Patient tolerated the procedure well.'],
  ['clinical-term', 'Afebrile overnight, vitals stable.'],
  ['clinical-term', 'Ambulating independently in the hallway.'],
  ['clinical-term', 'Denies chest pain or palpitations.'],
  ['clinical-term', 'Tolerating a regular diet.'],
  ['clinical-term', 'Follow-up in two weeks.'],
  ['eponym', 'Parkinson disease is stable on levodopa.'],
  ['eponym', 'Foley catheter removed this morning.'],
  ['eponym', 'Crohn disease in remission.'],
  ['eponym', 'Hodgkin lymphoma, treated with chemotherapy.'],
  ['eponym', 'Babinski sign absent bilaterally.'],
  ['eponym', 'Murphy sign negative.'],
  ['eponym', 'Bell palsy is improving.'],
  ['eponym', 'Holter monitor returned today.'],
  ['eponym', 'Epley maneuver performed in clinic.'],
  ['eponym', 'Cushing syndrome was ruled out.'],
  ['eponym', 'Graves disease, on methimazole.'],
  ['eponym', 'Hashimoto thyroiditis, euthyroid.'],
  ['eponym', 'Alzheimer disease, moderate stage.'],
  ['eponym', 'Glasgow Coma Scale 15.'],
];

/** Words of the decoys and the page furniture: never used as a probe name. */
const RESERVED = new Set(
  [...DECOYS.map(([, s]) => s), PROBE_FACILITY, 'Progress notes Outpatient clinic Callback list']
    .join(' ')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean),
);

interface ProbePlan extends DocumentPlan {
  face: FaceId;
  size: number;
  kind: 'notes' | 'letters' | 'overlays';
  pages: number;
}

const probe = (
  n: number,
  format: DocumentPlan['format'],
  scanned: boolean,
  face: FaceId,
  size: number,
  kind: ProbePlan['kind'],
  pages = 1,
): ProbePlan => ({
  id: `n${String(n).padStart(2, '0')}-name-probe`,
  docType: 'name-probe',
  format,
  scanned,
  dpi: 300,
  face,
  size,
  kind,
  pages,
});

/** Five pages: notes and letters in three faces, and overlays in a monospace face. */
const PLANS: readonly ProbePlan[] = [
  probe(1, 'tiff', false, 'roboto', 11, 'notes', 2),
  probe(2, 'png', false, 'noto-serif', 11, 'letters'),
  probe(3, 'pdf', true, 'open-sans', 10.5, 'notes'),
  probe(4, 'jpeg', true, 'roboto-mono', 11, 'overlays'),
];

const LETTER = { width: 612, height: 792, margin: 60, leading: 1.35 } as const;

/** Builds the tagged words of one document; every call to `phi` opens a new mention. */
class Writer {
  private entities = 0;
  constructor(
    private readonly docId: string,
    private readonly rng: Rng,
    private readonly names: HeldOutName[],
  ) {}

  safe(text: string, decoy?: DecoyKind): Token[] {
    return text.split(' ').map((w) => ({ text: w, ...(decoy && { decoy }) }));
  }

  phi(text: string, category: PhiCategory): Token[] {
    const entityId = `${this.docId}/e${++this.entities}`;
    return text.split(' ').map((w) => ({ text: w, phi: { category, entityId } }));
  }

  name(): HeldOutName {
    const name = this.names.pop();
    if (!name) throw new Error('the probe ran out of names');
    return name;
  }

  pick<T>(items: readonly T[]): T {
    return this.rng.pick(items);
  }

  digits(n: number): string {
    return this.rng.digits(n);
  }

  dob(): string {
    return formatDate(this.rng, this.rng.int(1930, 2012), this.rng.int(1, 12), this.rng.int(1, 28));
  }

  /** A date of birth as overlays print it (`MM/DD/YYYY`). */
  overlayDate(): string {
    const two = (n: number) => String(n).padStart(2, '0');
    return `${two(this.rng.int(1, 12))}/${two(this.rng.int(1, 28))}/${this.rng.int(1930, 2012)}`;
  }

  /** A decoy sentence: its first word carries the kind, the rest is plain safe text. */
  decoy(): Token[] {
    const [kind, sentence] = this.pick(DECOYS);
    const [first = '', ...rest] = sentence.split(' ');
    return [...this.safe(first, kind), ...rest.flatMap((w) => this.safe(w))];
  }
}

type Entry = (w: Writer) => Block;

const line = (...parts: Token[][]) => parts.flat();

/** The no-cue positions (CONVENTIONS.md, "Positions"). */
const ENTRIES: Record<'opener' | 'alone' | 're' | 'subject' | 'relative' | 'list' | 'dob', Entry> =
  {
    opener: (w) => {
      const n = w.name();
      return {
        lines: [
          line(
            w.phi(`${n.given} ${n.surname}`, 'NAME'),
            w.safe('(MRN'),
            w.phi(`${w.digits(7)})`, 'MRN'),
            w.safe(`is followed for ${w.pick(CONDITIONS)}.`),
            w.decoy(),
          ),
        ],
      };
    },
    alone: (w) => {
      const n = w.name();
      return {
        lines: [
          w.phi(`${n.given} ${n.surname}`, 'NAME'),
          line(w.safe(`Seen today for follow-up of ${w.pick(CONDITIONS)}.`), w.decoy()),
        ],
      };
    },
    re: (w) => {
      const n = w.name();
      return {
        lines: [
          line(w.safe('RE:'), w.phi(n.given, 'NAME')),
          w.safe(`Thank you for seeing this patient regarding ${w.pick(CONDITIONS)}.`),
        ],
      };
    },
    subject: (w) => {
      const n = w.name();
      return {
        lines: [
          line(
            w.phi(n.given, 'NAME'),
            w.safe(`reports less ${w.pick(SYMPTOMS)} since the last visit.`),
            w.decoy(),
          ),
        ],
      };
    },
    relative: (w) => {
      const n = w.name();
      const r = w.name();
      return {
        lines: [
          line(
            w.phi(`${n.given} ${n.surname}`, 'NAME'),
            w.safe(`was seen with her ${w.pick(RELATIVES)}`),
            w.phi(`${r.given}.`, 'NAME'),
            w.decoy(),
          ),
        ],
      };
    },
    list: (w) => ({
      lines: [
        w.safe('Callback list:'),
        ...[0, 1, 2].map(() => {
          const n = w.name();
          return line(w.phi(`${n.surname}, ${n.given}`, 'NAME'), w.safe('– lab results'));
        }),
      ],
    }),
    dob: (w) => {
      const n = w.name();
      return {
        lines: [line(w.phi(`${n.given} ${n.surname}`, 'NAME'), w.phi(w.dob(), 'DATE')), w.decoy()],
      };
    },
  };

/** A burned-in overlay as on a radiograph: `LAST FIRST  M  date`, `DOB:`, an id, in a frame. */
function overlay(w: Writer): Block {
  const n = w.name();
  const sex = w.pick(['M', 'F']);
  const dob = w.overlayDate();
  return {
    framePadding: 8,
    gapBefore: 1.2,
    lines: [
      line(
        w.phi(`${n.surname.toUpperCase()} ${n.given.toUpperCase()}`, 'NAME'),
        w.safe(`[${sex}]`),
        w.phi(dob, 'DATE'),
      ),
      line(w.safe('DOB:'), w.phi(dob, 'DATE')),
      line(w.safe('ID'), w.phi(w.digits(8), 'MRN')),
      w.safe(w.pick(['CHEST PA ERECT', 'L KNEE AP', 'ABD SUPINE', 'C-SPINE LAT'])),
      w.safe(`KV ${w.pick(['80', '110', '120'])} MAS ${w.pick(['2.5', '4', '8'])}`),
    ],
  };
}

function header(w: Writer, title: string): Block {
  return { lines: [w.safe(PROBE_FACILITY, 'facility-name'), w.safe(title)] };
}

const NOTE_ORDER: Record<'notes' | 'letters', ReadonlyArray<keyof typeof ENTRIES>> = {
  notes: ['opener', 'subject', 'alone', 'dob', 'relative', 'list', 'opener', 'dob', 're'],
  letters: ['re', 'subject', 'relative', 'list', 'alone', 'dob', 're', 'opener'],
};

const frame = (plan: ProbePlan) => ({ ...LETTER, face: plan.face, size: plan.size });

/** The document's blocks: a header, then entries in turn for as long as they fit its pages. */
function documentBlocks(plan: ProbePlan, w: Writer): Block[] {
  const title = {
    notes: 'Progress notes',
    letters: 'Outpatient clinic',
    overlays: 'Radiology overlays',
  };
  const blocks: Block[] = [header(w, title[plan.kind])];
  const next =
    plan.kind === 'overlays'
      ? (i: number) => (i % 4 === 3 ? ENTRIES.list(w) : overlay(w))
      : (i: number) => {
          const order = NOTE_ORDER[plan.kind === 'notes' ? 'notes' : 'letters'];
          return ENTRIES[order[i % order.length] ?? 'opener'](w);
        };
  for (let i = 0; ; i++) {
    const block = next(i);
    if (paginate([...blocks, block], frame(plan)).length > plan.pages) return blocks;
    blocks.push(block);
  }
}

/** Generates the probe for a seed (same seed and wheel, same bytes). */
export async function generateNameProbe(
  options: { seed?: number; people?: PersonRecord[] } = {},
): Promise<CorpusDocument[]> {
  const seed = options.seed ?? NAME_PROBE_SEED;
  const people = options.people ?? parsePeople((await presidioFiles()).people);
  const faces = [...new Set(PLANS.map((p) => p.face))];
  const names = heldOutNames(
    people,
    new Rng(hashSeed('name-probe', seed, 'names')),
    160,
    RESERVED,
    (t) => faces.every((f) => faceCovers(f, t) && faceCovers(f, t.toUpperCase())),
  );
  const docs: CorpusDocument[] = [];
  for (const plan of PLANS) {
    const rng = new Rng(hashSeed('name-probe', seed, plan.id));
    const w = new Writer(plan.id, rng.fork('text'), names);
    const pages = paginate(documentBlocks(plan, w), frame(plan));
    docs.push(await buildDocument(plan, pages, rng.fork('scan')));
  }
  return docs;
}
