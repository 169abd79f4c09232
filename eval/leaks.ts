// Leak checks on an output file: PHI readable again by OCR, in a PDF text layer, or in metadata.
import sharp from 'sharp';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { OcrEngine } from '../src/ocr/engine.js';
import { bytesContain, inflatedStreams } from '../tests/fixtures/bytes.js';
import type { TruthPage } from './corpus/types.js';
import type { Raster } from './score.js';

export interface Entity {
  id: string;
  category: string;
  page: number;
  text: string;
}

/** Lower case, letters and digits only, single spaces: how texts are compared. */
export const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** The PHI mentions of a document, one per entity id, with their text. */
export function entitiesOf(pages: readonly TruthPage[]): Entity[] {
  const byId = new Map<string, Entity>();
  pages.forEach((page, index) => {
    for (const word of page.words) {
      if (!word.phi) continue;
      const entity = byId.get(word.phi.entityId);
      if (entity) entity.text += ` ${word.text}`;
      else
        byId.set(word.phi.entityId, {
          id: word.phi.entityId,
          category: word.phi.category,
          page: index,
          text: word.text,
        });
    }
  });
  return [...byId.values()];
}

/**
 * Entities whose text an OCR engine reads again in the output. An entity is only counted when its
 * text is not also printed as safe text on the same page (a city in a facility's address).
 */
export async function ocrLeaks(
  ocr: OcrEngine,
  output: readonly Raster[],
  truth: readonly TruthPage[],
  entities: readonly Entity[],
): Promise<Entity[]> {
  const leaks: Entity[] = [];
  for (const [index, raster] of output.entries()) {
    const page = truth[index];
    if (!page) continue;
    const png = await sharp(Buffer.from(raster.data), {
      raw: { width: raster.width, height: raster.height, channels: 1 },
    })
      .png()
      .toBuffer();
    const read = await ocr.recognize({
      png,
      width: raster.width,
      height: raster.height,
      dpi: page.dpi,
    });
    const text = ` ${normalise(read.lines.map((l) => l.words.map((w) => w.text).join(' ')).join(' '))} `;
    const safe = ` ${normalise(
      page.words
        .filter((w) => !w.phi)
        .map((w) => w.text)
        .join(' '),
    )} `;
    // One leak per distinct PHI text readable on the page (a repeated value is one leak).
    const seen = new Set<string>();
    for (const entity of entities.filter((e) => e.page === index)) {
      const needle = normalise(entity.text);
      if (needle.replace(/ /g, '').length < 4 || safe.includes(` ${needle} `) || seen.has(needle))
        continue;
      if (text.includes(` ${needle} `)) {
        leaks.push(entity);
        seen.add(needle);
      }
    }
  }
  return leaks;
}

/** Text items in a PDF's text layer, and the entities found in it. */
export async function pdfTextLeaks(
  pdf: Buffer,
  entities: readonly Entity[],
): Promise<{ items: number; leaks: Entity[] }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 })
    .promise;
  try {
    let items = 0;
    let text = '';
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      items += content.items.length;
      text += ` ${content.items.map((i) => ('str' in i ? i.str : '')).join(' ')}`;
    }
    const haystack = ` ${normalise(text)} `;
    return { items, leaks: entities.filter((e) => haystack.includes(` ${normalise(e.text)} `)) };
  } finally {
    await doc.destroy();
  }
}

/** Entities (five characters or more) whose text is anywhere in the file's bytes. */
export function metadataLeaks(file: Buffer, entities: readonly Entity[]): Entity[] {
  const streams = inflatedStreams(file);
  return entities.filter((e) => e.text.length >= 5 && bytesContain(file, e.text, streams));
}
