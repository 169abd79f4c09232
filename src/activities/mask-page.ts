// maskPage: paints the found boxes opaque, hides the faces, and records what was masked.
import { hideFaces } from '../faces/hide.js';
import { paintBoxes } from '../imaging/mask.js';
import { decodeRaw, encodeRawPng } from '../imaging/raw.js';
import { ZJobManifest } from '../jobs/manifest.js';
import type { PhiEntity } from '../phi/types.js';
import { jobKeys } from '../storage/keys.js';
import type { ActivityDeps } from './deps.js';
import type { PageRef } from '../workflows/contract.js';
import type { PageInput } from './inputs.js';
import { timeAndMapErrors } from './time-and-map-errors.js';

export function createMaskPage(deps: ActivityDeps) {
  /**
   * Hides the faces as the job asks (`options.faces`: an opaque fill with padding by default),
   * paints the text entities' boxes opaque, and records what was masked.
   */
  return async ({ jobId, page, entities }: PageInput & { entities: PhiEntity[] }) => {
    return timeAndMapErrors(async () => ({
      maskedKey: await writeMaskedPage(deps, jobId, page, entities),
    }));
  };
}

/**
 * Hides the face entities as the job's `options.faces` asks, paints the others opaque over the
 * page image, and stores the masked page and its entity list (deterministic keys: a retry writes
 * the same objects). Returns the masked page's key.
 */
export async function writeMaskedPage(
  { store, maskPaddingPx }: Pick<ActivityDeps, 'store' | 'maskPaddingPx'>,
  jobId: string,
  page: PageRef,
  entities: readonly PhiEntity[],
): Promise<string> {
  const keys = jobKeys(jobId);
  const faces = entities.filter((e) => e.category === 'FACE').map((e) => e.bbox);
  const [source, manifest] = await Promise.all([
    store.getBuffer(page.key),
    faces.length ? store.getJson(keys.manifest, ZJobManifest) : undefined,
  ]);
  const image = await decodeRaw(source);
  const mode = manifest?.options.faces ?? 'mask';
  // Face boxes only exist when detection ran, so `off` cannot reach here; mask if it did.
  await hideFaces(image, faces, mode === 'off' ? 'mask' : mode, maskPaddingPx);
  paintBoxes(
    image,
    entities.filter((e) => e.category !== 'FACE').map((e) => e.bbox),
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
