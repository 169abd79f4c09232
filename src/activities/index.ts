// The activity set, built from injected dependencies (`createActivities(deps)`).
import type { ActivityDeps } from './deps.js';
import { faceActivities } from './faces.js';
import { lifecycleActivities } from './lifecycle.js';
import { outputActivities } from './output.js';
import { pageActivities } from './page.js';
import { sourceActivities } from './source.js';
import { verifyActivities } from './verify.js';

/** All activities, as registered on the worker; workflows import the type only. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...sourceActivities(deps),
    ...pageActivities(deps),
    ...faceActivities(deps),
    ...verifyActivities(deps),
    ...outputActivities(deps),
    ...lifecycleActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
