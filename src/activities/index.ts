// The activity set, built from injected dependencies (`createActivities(deps)`).
import { createAssembleOutput } from './assemble-output.js';
import { createCleanUpJob } from './clean-up-job.js';
import { createCollectDocumentNames } from './collect-document-names.js';
import { createAssembleCutout } from './assemble-cutout.js';
import { createRemoveBackground } from './remove-background.js';
import type { ActivityDeps } from './deps.js';
import { createAssembleVideo } from './assemble-video.js';
import { createBlurPageFaces } from './blur-page-faces.js';
import { createBlurVideoSegment } from './blur-video-segment.js';
import { createDetectPhi } from './detect-phi.js';
import { createFetchSource } from './fetch-source.js';
import { createFindFaces } from './find-faces.js';
import { createMaskPage } from './mask-page.js';
import { createOcrPage } from './ocr-page.js';
import { createPurgeExpiredJobs } from './purge-expired-jobs.js';
import { createRemaskForReview } from './remask-for-review.js';
import { createSplitPages } from './split-pages.js';
import { createSplitVideo } from './split-video.js';
import { createVerifyPage } from './verify-page.js';

/** All activities, as registered on the worker; workflows import the type only. */
export function createActivities(deps: ActivityDeps) {
  return {
    fetchSource: createFetchSource(deps),
    splitPages: createSplitPages(deps),
    ocrPage: createOcrPage(deps),
    findFaces: createFindFaces(deps),
    collectDocumentNames: createCollectDocumentNames(deps),
    detectPhi: createDetectPhi(deps),
    maskPage: createMaskPage(deps),
    verifyPage: createVerifyPage(deps),
    remaskForReview: createRemaskForReview(deps),
    assembleOutput: createAssembleOutput(deps),
    removeBackground: createRemoveBackground(deps),
    assembleCutout: createAssembleCutout(deps),
    cleanUpJob: createCleanUpJob(deps),
    purgeExpiredJobs: createPurgeExpiredJobs(deps),
    blurPageFaces: createBlurPageFaces(deps),
    splitVideo: createSplitVideo(deps),
    blurVideoSegment: createBlurVideoSegment(deps),
    assembleVideo: createAssembleVideo(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
