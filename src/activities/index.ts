// The activity set, built from injected dependencies (`createActivities(deps)`).
import type { ActivityDeps } from './deps.js';
import { faceActivities } from './faces.js';
import { lifecycleActivities } from './lifecycle.js';
import { outputActivities } from './output.js';
import { pageActivities } from './page.js';
import { sourceActivities } from './source.js';
import { verifyActivities } from './verify.js';
import { videoActivities } from './video.js';

/** All activities, as registered on the worker; workflows import the type only. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...sourceActivities(deps),
    ...pageActivities(deps),
    ...verifyActivities(deps),
    ...outputActivities(deps),
    ...lifecycleActivities(deps),
    ...faceActivities(deps),
    ...videoActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
