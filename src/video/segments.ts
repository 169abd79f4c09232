// Cutting a video into segments of about N seconds without re-encoding, and joining the blurred
// segments with the original audio into one H.264/AAC MP4.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VideoType } from '../imaging/sniff.js';
import { DEMUXER } from './probe.js';
import { LOCAL_PROTOCOLS, runTool, SAFE_INPUT_ARGS, type VideoTools } from './tools.js';

/** Segment files are named by index, so a directory listing sorts them in order. */
const SEGMENT_PATTERN = '%05d.mkv';

/**
 * Copies the first video stream into Matroska segments of about `seconds` each (a cut falls on
 * the first keyframe after each boundary, so every segment decodes on its own), without audio,
 * subtitles or metadata. Returns the segment files in order.
 */
export async function splitIntoSegments(
  tools: VideoTools,
  input: string,
  type: VideoType,
  outDir: string,
  seconds: number,
  timeoutMs: number,
): Promise<string[]> {
  await runTool(
    tools.ffmpeg,
    [
      ...SAFE_INPUT_ARGS,
      ...LOCAL_PROTOCOLS,
      '-f',
      DEMUXER[type],
      '-i',
      input,
      '-map',
      '0:v:0',
      '-c',
      'copy',
      '-map_metadata',
      '-1',
      '-f',
      'segment',
      '-segment_time',
      String(seconds),
      '-segment_format',
      'matroska',
      '-reset_timestamps',
      '1',
      join(outDir, SEGMENT_PATTERN),
    ],
    { timeoutMs },
  );
  const files = (await readdir(outDir)).filter((f) => /^\d{5}\.mkv$/.test(f)).sort();
  return files.map((f) => join(outDir, f));
}

/** A concat-demuxer list naming `files` (absolute paths, quotes escaped). */
export function concatList(files: readonly string[]): string {
  return ['ffconcat version 1.0', ...files.map((f) => `file '${f.replaceAll("'", "'\\''")}'`)].join(
    '\n',
  );
}

/**
 * Joins the video segments (copied, not re-encoded) with the first audio stream of `original`
 * (re-encoded to AAC) into `out`, an MP4 with its index at the front and no metadata or chapters.
 */
export async function joinSegments(
  tools: VideoTools,
  segments: readonly string[],
  original: { path: string; type: VideoType; hasAudio: boolean },
  out: string,
  workDir: string,
  timeoutMs: number,
): Promise<void> {
  const list = join(workDir, 'segments.ffconcat');
  await writeFile(list, concatList(segments));
  const audio = original.hasAudio
    ? [...LOCAL_PROTOCOLS, '-f', DEMUXER[original.type], '-i', original.path]
    : [];
  await runTool(
    tools.ffmpeg,
    [
      ...SAFE_INPUT_ARGS,
      ...LOCAL_PROTOCOLS,
      '-f',
      'concat',
      '-safe',
      '0',
      '-i',
      list,
      ...audio,
      '-map',
      '0:v:0',
      ...(original.hasAudio ? ['-map', '1:a:0', '-c:a', 'aac', '-b:a', '160k'] : []),
      '-c:v',
      'copy',
      '-map_metadata',
      '-1',
      '-map_chapters',
      '-1',
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      '-y',
      out,
    ],
    { timeoutMs },
  );
}
