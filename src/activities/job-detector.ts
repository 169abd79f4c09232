// The detector a job's pages are read with: the job's options, and its document's names.
import { z } from 'zod';
import { ZJobManifest } from '../jobs/manifest.js';
import type { DetectorSettings } from '../phi/detect.js';
import { detectorSettingsFor } from '../phi/detector.js';
import { jobKeys } from '../storage/keys.js';
import type { ActivityDeps } from './deps.js';

/** What `collectDocumentNames` stores: name parts in lower case (PHI, an intermediate). */
const ZDocumentNames = z.object({ names: z.array(z.string()) });

/**
 * The job's detector, with the names of its document's pages when `namesKey` names them (the
 * object `collectDocumentNames` wrote).
 */
export async function jobDetector(
  { store, phi }: Pick<ActivityDeps, 'store' | 'phi'>,
  jobId: string,
  namesKey?: string,
): Promise<DetectorSettings> {
  const [manifest, stored] = await Promise.all([
    store.getJson(jobKeys(jobId).manifest, ZJobManifest),
    namesKey === undefined ? undefined : store.getJson(namesKey, ZDocumentNames),
  ]);
  const detector = detectorSettingsFor(phi, manifest.options, jobId);
  return stored ? { ...detector, documentNames: new Set(stored.names) } : detector;
}
