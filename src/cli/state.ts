// The run's state file in --out: the job id of every file submitted, so a run that is stopped
// and started again polls those jobs instead of uploading the files a second time.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { UsageError } from './options.js';

export const STATE_FILE = '.redactify-state.json';

/** Where a file stands: submitted (a job id, not finished yet) or one of the end states. */
export const FILE_STATUSES = ['submitted', 'completed', 'review', 'failed'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

export const ZFileState = z.object({
  /** `null` when the API refused the upload: no job exists, and a later run may try again. */
  jobId: z.string().nullable(),
  status: z.enum(FILE_STATUSES),
  submittedAt: z.iso.datetime(),
  /** The downloaded result, relative to --out, once written. */
  output: z.string().optional(),
  pages: z.number().int().nonnegative().optional(),
  entities: z.number().int().nonnegative().optional(),
  byCategory: z.record(z.string(), z.number()).optional(),
  pagesFlagged: z.array(z.number()).optional(),
  processingMs: z.number().nonnegative().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type TFileState = z.infer<typeof ZFileState>;

export const ZRunState = z.object({
  version: z.literal(1),
  /** The API the jobs live on: their ids mean nothing to another one. */
  api: z.string(),
  /** Keyed by the input's path relative to --out's naming (see `InputFile.relative`). */
  files: z.record(z.string(), ZFileState),
});
export type TRunState = z.infer<typeof ZRunState>;

export const emptyState = (api: string): TRunState => ({ version: 1, api, files: {} });

/** Parses a state file's text; a file from another API is refused, not mixed in. */
export function parseState(text: string, api: string): TRunState {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${STATE_FILE} is not valid JSON; move it away to start over`);
  }
  const parsed = ZRunState.safeParse(value);
  if (!parsed.success) {
    throw new UsageError(`${STATE_FILE} is not a redactify state file; move it away to start over`);
  }
  if (parsed.data.api !== api) {
    throw new UsageError(
      `${STATE_FILE} belongs to jobs on ${parsed.data.api}, not ${api}: use that --api, or another --out`,
    );
  }
  return parsed.data;
}

/** The files of `inputs` that have no job yet, in order: the only ones ever uploaded. */
export function unsubmitted<T extends { relative: string }>(
  state: TRunState,
  inputs: readonly T[],
) {
  return inputs.filter((f) => !state.files[f.relative]?.jobId);
}

/** The files of `inputs` whose job is submitted and not finished. */
export function inFlight<T extends { relative: string }>(state: TRunState, inputs: readonly T[]) {
  return inputs.filter((f) => state.files[f.relative]?.status === 'submitted');
}

/** Records a submitted job (pure: returns the new state). */
export function recordSubmitted(
  state: TRunState,
  relative: string,
  jobId: string,
  at: Date,
): TRunState {
  const file: TFileState = { jobId, status: 'submitted', submittedAt: at.toISOString() };
  return { ...state, files: { ...state.files, [relative]: file } };
}

/** Records an upload the API refused for good (pure): no job, so a later run may retry it. */
export function recordRefused(
  state: TRunState,
  relative: string,
  error: { code: string; message: string },
  at: Date,
): TRunState {
  const file: TFileState = { jobId: null, status: 'failed', submittedAt: at.toISOString(), error };
  return { ...state, files: { ...state.files, [relative]: file } };
}

/** Updates one file's entry (pure). */
export function recordFile(
  state: TRunState,
  relative: string,
  update: Partial<TFileState>,
): TRunState {
  const current = state.files[relative];
  if (!current) throw new Error(`no job recorded for file ${relative}`);
  return { ...state, files: { ...state.files, [relative]: { ...current, ...update } } };
}

/** Reads `<out>/.redactify-state.json`, or an empty state when there is none. */
export async function loadState(out: string, api: string): Promise<TRunState> {
  try {
    return parseState(await readFile(join(out, STATE_FILE), 'utf8'), api);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyState(api);
    throw err;
  }
}

/** Writes the state atomically (a killed run leaves the old file or the new one, never half). */
export async function saveState(out: string, state: TRunState): Promise<void> {
  await mkdir(out, { recursive: true });
  const path = join(out, STATE_FILE);
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, path);
}
