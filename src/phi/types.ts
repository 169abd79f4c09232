// The PHI vocabulary: categories (HIPAA Safe Harbor identifiers that appear as text) and entities.
import { z } from 'zod';
import { FACE_DETECTORS } from '../faces/models.js';
import { ZBox } from '../imaging/geometry.js';

export const PHI_CATEGORIES = [
  'NAME',
  'ADDRESS',
  'DATE',
  'AGE',
  'PHONE',
  'FAX',
  'EMAIL',
  'SSN',
  'MRN',
  'HEALTH_PLAN_ID',
  'ACCOUNT_NUMBER',
  'LICENSE_NUMBER',
  'VEHICLE_ID',
  'DEVICE_ID',
  'URL',
  'IP_ADDRESS',
  'OTHER_ID',
  /** A full face (Safe Harbor identifier Q), found on the pixels, not in the text. */
  'FACE',
  /** A whole page masked because it could not be read. */
  'UNREADABLE',
] as const;
export type PhiCategory = (typeof PHI_CATEGORIES)[number];

/** Which technique found an entity. */
/** Text techniques (`reviewer`: a box a person added in review). */
export const TEXT_DETECTORS = [
  'pattern',
  'label',
  'name',
  'deny-list',
  'fail-safe',
  'reviewer',
] as const;
/** Text techniques, and the face networks (`src/faces/models.ts`) for `FACE` entities. */
export const DETECTORS = [...TEXT_DETECTORS, ...FACE_DETECTORS] as const;
export type Detector = (typeof DETECTORS)[number];

/** A masked region: geometry and provenance only, never the text it covered. */
export const ZPhiEntity = z.object({
  category: z.enum(PHI_CATEGORIES),
  bbox: ZBox,
  /** How sure the detector is that this is PHI, in [0, 1]. */
  confidence: z.number().min(0).max(1),
  detector: z.enum(DETECTORS),
});
export type PhiEntity = z.infer<typeof ZPhiEntity>;
