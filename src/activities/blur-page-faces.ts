// blurPageFaces: the blur-faces operation on one photo page — faces found and blurred, no OCR.
import { faceRegion } from '../faces/hide.js';
import { blurBoxes } from '../imaging/blur.js';
import { decodeRaw, encodeRawPng } from '../imaging/raw.js';
import type { PhiEntity } from '../phi/types.js';
import { jobKeys } from '../storage/keys.js';
import type { ActivityDeps } from './deps.js';
import type { PageInput } from './inputs.js';
import { timeAndMapErrors } from './time-and-map-errors.js';

export function createBlurPageFaces({ store, faceFinders }: ActivityDeps) {
  /**
   * Finds the faces of a page, blurs each (grown as a `redact` job grows a face: `faceRegion`),
   * and records them as FACE entities. The page's text is empty: this operation reads none.
   */
  return async ({ jobId, page }: PageInput) =>
    timeAndMapErrors(async () => {
      const keys = jobKeys(jobId);
      const image = await decodeRaw(await store.getBuffer(page.key));
      const faces = await faceFinders.photo(image);
      const entities: PhiEntity[] = faces.map((face) => ({
        category: 'FACE',
        bbox: face.bbox,
        confidence: face.confidence,
        detector: face.detector,
      }));
      await blurBoxes(
        image,
        faces.map((face) => faceRegion(face.bbox, 0, image)),
        0,
      );
      const maskedKey = keys.masked(page.index);
      await Promise.all([
        store.put(maskedKey, await encodeRawPng(image), 'image/png'),
        store.putJson(keys.entities(page.index), entities),
        store.putText(keys.pageText(page.index), ''),
      ]);
      return { maskedKey, entities: entities.length };
    });
}
