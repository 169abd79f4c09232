// maskPage: paints the found boxes opaque on a page image and records what was masked.
import { paintBoxes } from '../imaging/mask.js';
import { decodeRaw, encodeRawPng } from '../imaging/raw.js';
import type { PhiEntity } from '../phi/types.js';
import { jobKeys } from '../storage/keys.js';
import type { ActivityDeps } from './deps.js';
import type { PageRef } from '../workflows/contract.js';
import type { PageInput } from './inputs.js';
import { timeAndMapErrors } from './time-and-map-errors.js';

export function createMaskPage(deps: ActivityDeps) {
  /** Paints the entities' boxes opaque and records what was masked. */
  return async ({ jobId, page, entities }: PageInput & { entities: PhiEntity[] }) => {
    return timeAndMapErrors(async () => ({
      maskedKey: await writeMaskedPage(deps, jobId, page, entities),
    }));
  };
}

/**
 * Paints `entities` opaque over the page image and stores the masked page and its entity list
 * (deterministic keys: a retry writes the same objects). Returns the masked page's key.
 */
export async function writeMaskedPage(
  { store, maskPaddingPx }: Pick<ActivityDeps, 'store' | 'maskPaddingPx'>,
  jobId: string,
  page: PageRef,
  entities: readonly PhiEntity[],
): Promise<string> {
  const keys = jobKeys(jobId);
  const image = await decodeRaw(await store.getBuffer(page.key));
  paintBoxes(
    image,
    entities.map((e) => e.bbox),
    maskPaddingPx,
  );
  const png = await encodeRawPng(image);
  const maskedKey = keys.masked(page.index);
  await Promise.all([
    store.put(maskedKey, png, 'image/png'),
    store.putJson(keys.entities(page.index), entities),
  ]);
  return maskedKey;
}
