// findFaces: the face detector over one page image, on its own task queue (not the OCR slots).
import { detectFaces, type FaceDetectSettings } from '../faces/detect.js';
import { faceSearchSize } from '../faces/search-size.js';
import { decodeRaw } from '../imaging/raw.js';
import { ZJobManifest } from '../jobs/manifest.js';
import type { PhiEntity } from '../phi/types.js';
import { jobKeys } from '../storage/keys.js';
import { runStage, withHeartbeat, type ActivityDeps } from './deps.js';
import type { PageInput } from './page.js';

export function faceActivities({ store, faces }: ActivityDeps) {
  return {
    /**
     * Finds the faces on a page and returns them as `FACE` entities: boxes, confidences and the
     * network's name only. A job with `options.faces: "off"` gets none without running the model.
     */
    findFaces: async ({ jobId, page }: PageInput) =>
      runStage(async (): Promise<{ entities: PhiEntity[] }> => {
        const manifest = await store.getJson(jobKeys(jobId).manifest, ZJobManifest);
        if (manifest.options.faces === 'off') return { entities: [] };
        const image = await decodeRaw(await store.getBuffer(page.key));
        const settings: Partial<FaceDetectSettings> = {
          ...faces,
          minFacePx: faceSearchSize(page),
        };
        const found = await withHeartbeat(detectFaces(image, settings));
        return {
          entities: found.map((f) => ({
            category: 'FACE',
            bbox: f.bbox,
            confidence: f.confidence,
            detector: f.detector,
          })),
        };
      }),
  };
}
