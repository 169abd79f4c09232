// The activity set, built from injected dependencies (`createActivities(deps)`).
import type { ActivityDeps } from './deps.js';
import { lifecycleActivities } from './lifecycle.js';
import { outputActivities } from './output.js';
import { pageActivities } from './page.js';
import { reviewActivities } from './review.js';
import { sourceActivities } from './source.js';
import { verifyActivities } from './verify.js';

/** All activities, as registered on the worker; workflows import the type only. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...sourceActivities(deps),
    ...pageActivities(deps),
    ...verifyActivities(deps),
    ...reviewActivities(deps),
    ...outputActivities(deps),
    ...lifecycleActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
