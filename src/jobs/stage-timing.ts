// Job timing: the stages timed for the report and the benchmark, and how activity times add up.
// Pure, so workflow code can use it.

/**
 * Stages timed for the report and the benchmark: milliseconds inside activities, with the time in
 * object storage taken out of each stage and counted as `storage`.
 */
export type StageName =
  | 'fetch'
  | 'split'
  | 'ocr'
  | 'faces'
  | 'detect'
  | 'mask'
  | 'verify'
  | 'blur'
  | 'cutout'
  | 'assemble'
  | 'storage';

/** How long an activity took, and how much of that was object storage. */
export interface StageTiming {
  ms: number;
  storageMs: number;
}

/**
 * Adds one activity's time to `timings` (compute to its stage, storage to `storage`); returns it.
 * A stage's time is never negative, even from a result whose storage time exceeds its own.
 */
export function addTiming(
  timings: Partial<Record<StageName, number>>,
  stage: Exclude<StageName, 'storage'>,
  { ms, storageMs }: StageTiming,
): Partial<Record<StageName, number>> {
  timings[stage] = (timings[stage] ?? 0) + Math.max(0, ms - storageMs);
  timings.storage = (timings.storage ?? 0) + storageMs;
  return timings;
}
