// findFaces: the face detector over one page image, on its own task queue (not the OCR slots).
import { detectFaces } from '../faces/detect.js';
import { faceSearchSize } from '../faces/search-size.js';
import { confidentTextBoxes } from '../faces/text-boxes.js';
import { decodeRaw } from '../imaging/raw.js';
import { ZJobManifest } from '../jobs/manifest.js';
import { ZOcrPage } from '../ocr/types.js';
import type { PhiEntity } from '../phi/types.js';
import { jobKeys } from '../storage/keys.js';
import type { ActivityDeps } from './deps.js';
import { withHeartbeat } from './heartbeat.js';
import type { PageInput } from './inputs.js';
import { timeAndMapErrors } from './time-and-map-errors.js';

export interface FindFacesInput extends PageInput {
  /** The page was read first: what OCR read confidently is not searched for faces. */
  afterOcr?: boolean;
}

export function createFindFaces({ store, faces }: ActivityDeps) {
  /**
   * Finds the faces on a page and returns them as `FACE` entities: boxes, confidences and the
   * network's name only. A job with `options.faces: "off"` gets none without running the model.
   */
  return async ({ jobId, page, afterOcr = false }: FindFacesInput) =>
    timeAndMapErrors(async (): Promise<{ entities: PhiEntity[] }> => {
      const keys = jobKeys(jobId);
      const manifest = await store.getJson(keys.manifest, ZJobManifest);
      if (manifest.options.faces === 'off') return { entities: [] };
      const minFacePx = faceSearchSize(page);
      const text = afterOcr
        ? confidentTextBoxes(await store.getJson(keys.ocr(page.index), ZOcrPage), minFacePx)
        : [];
      const image = await decodeRaw(await store.getBuffer(page.key));
      const found = await withHeartbeat(detectFaces(image, { ...faces, minFacePx }, text));
      return {
        entities: found.map((f) => ({
          category: 'FACE',
          bbox: f.bbox,
          confidence: f.confidence,
          detector: f.detector,
        })),
      };
    });
}
