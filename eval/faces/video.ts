// The video part of `npm run eval:faces`: each clip of clips.ts is encoded to an MP4 as a camera
// would, then cut and blurred by the blur-faces operation's own code (`splitIntoSegments`, then
// `blurSegment` per segment, with the configured defaults), and every frame's hidden boxes are
// scored against that frame's truth.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/env.js';
import type { Box } from '../../src/imaging/geometry.js';
import { withTempDir } from '../../src/util/temp-dir.js';
import { blurSegment } from '../../src/video/blur-segment.js';
import type { FaceFinder } from '../../src/video/face-finder.js';
import { FrameEncoder } from '../../src/video/frames.js';
import { splitIntoSegments } from '../../src/video/segments.js';
import { runTool, type VideoTools } from '../../src/video/tools.js';
import { facesOnFrame, renderFrame, scoreFrame, type Clip, type FrameScore } from './clips.js';

export interface ClipResult {
  name: string;
  set: Clip['set'];
  frames: number;
  /** Frames with at least one counted face. */
  framesWithFaces: number;
  leaked: number;
  leakedStrictly: number;
  changed: number;
  /** Frame indices that leaked, for the misses line. */
  leakedFrames: number[];
  /** The blur-faces work (split, decode, detect, blur, encode), ms per second of video. */
  msPerVideoSecond: number;
}

const TIMEOUT_MS = 600_000;
const { video } = parseConfig({});

/** Writes the clip as an H.264 MP4 (a keyframe every second), as a camera's file. */
async function encodeClip(tools: VideoTools, clip: Clip, dir: string): Promise<string> {
  const format = { width: clip.width, height: clip.height, rate: `${clip.fps}/1` };
  const mkv = join(dir, 'camera.mkv');
  const encoder = FrameEncoder.start(tools, mkv, format, {
    crf: 23,
    preset: 'veryfast',
    timeoutMs: TIMEOUT_MS,
  });
  for (let n = 0; n < clip.fps * clip.seconds; n++) await encoder.write(await renderFrame(clip, n));
  await encoder.finish();
  const mp4 = join(dir, 'camera.mp4');
  await runTool(tools.ffmpeg, ['-nostdin', '-v', 'error', '-i', mkv, '-c', 'copy', '-y', mp4], {
    timeoutMs: TIMEOUT_MS,
  });
  return mp4;
}

/** Runs one clip through the blur-faces code and scores every frame. */
export async function runClip(
  tools: VideoTools,
  clip: Clip,
  findFaces: FaceFinder,
): Promise<ClipResult> {
  return withTempDir('eval-faces-clip', async (dir) => {
    await mkdir(join(dir, 'segments'));
    const input = await encodeClip(tools, clip, dir);
    const hidden = new Map<number, readonly Box[]>();
    const started = performance.now();
    const segments = await splitIntoSegments(
      tools,
      input,
      'mp4',
      join(dir, 'segments'),
      video.segmentSeconds,
      TIMEOUT_MS,
    );
    let offset = 0;
    for (const [i, segment] of segments.entries()) {
      const stats = await blurSegment({
        tools,
        input: segment,
        output: join(dir, `blurred-${i}.mkv`),
        format: { width: clip.width, height: clip.height, rate: `${clip.fps}/1` },
        findFaces,
        hiding: video.hiding,
        encoder: { ...video.encoder, timeoutMs: TIMEOUT_MS },
        onFrameHidden: (index, boxes) => hidden.set(offset + index, boxes),
      });
      offset += stats.frames;
    }
    const ms = performance.now() - started;
    const scores: FrameScore[] = [];
    const frames = clip.fps * clip.seconds;
    for (let n = 0; n < frames; n++)
      scores.push(scoreFrame(facesOnFrame(clip, n), hidden.get(n) ?? []));
    // A frame the decoder dropped or added would be scored against another frame's truth.
    if (offset !== frames)
      throw new Error(`${clip.name}: ${offset} frames blurred, ${frames} made`);
    return {
      name: clip.name,
      set: clip.set,
      frames,
      framesWithFaces: scores.filter((s) => s.faces > 0).length,
      leaked: scores.filter((s) => s.leaked).length,
      leakedStrictly: scores.filter((s) => s.leakedStrictly).length,
      changed: scores.filter((s) => s.changed).length,
      leakedFrames: scores.flatMap((s, n) => (s.leaked ? [n] : [])),
      msPerVideoSecond: ms / clip.seconds,
    };
  });
}
