// Test videos made with the project's own ffmpeg from a real portrait still, with the face's box
// known on every frame; and every frame of a video read back as raw RGB.
import { join } from 'node:path';
import type { Box } from '../../src/imaging/geometry.js';
import { decodeFrames, type DecodeOptions, type FrameFormat } from '../../src/video/frames.js';
import type { Container } from '../../src/video/probe.js';
import { runTool, type VideoTools } from '../../src/video/tools.js';

/** The portrait (scikit-image's astronaut, 512 × 512) and its hand-labelled face. */
export const PORTRAIT = new URL('../fixtures/faces/astronaut.jpg', import.meta.url).pathname;
export const PORTRAIT_FACE: Box = { x: 180, y: 85, w: 85, h: 100 };

/** A pan over the portrait scaled to `scaled` px: a `width`×`height` window moving right. */
export interface PanClip {
  seconds: number;
  fps: number;
  width: number;
  height: number;
  scaled: number;
  /** Pixels the window moves right per second (until the still's edge). */
  speed: number;
  top: number;
}

export const SMALL_PAN: PanClip = {
  seconds: 3,
  fps: 10,
  width: 320,
  height: 240,
  scaled: 400,
  speed: 25,
  top: 40,
};

/** The window's left edge on frame `n`, as ffmpeg's crop evaluates it. */
const left = (clip: PanClip, n: number) =>
  Math.floor(Math.min(clip.scaled - clip.width, clip.speed * (n / clip.fps)));

/** Where the face is on frame `n` of the clip. */
export function faceOnFrame(clip: PanClip, n: number): Box {
  const k = clip.scaled / 512;
  return {
    x: PORTRAIT_FACE.x * k - left(clip, n),
    y: PORTRAIT_FACE.y * k - clip.top,
    w: PORTRAIT_FACE.w * k,
    h: PORTRAIT_FACE.h * k,
  };
}

/** Encoders for each container's test file. */
const CODECS: Record<'mp4' | 'mov' | 'webm' | 'avi', string[]> = {
  mp4: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
  mov: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
  webm: ['-c:v', 'libvpx', '-deadline', 'realtime', '-b:v', '400k', '-c:a', 'libvorbis'],
  avi: ['-c:v', 'mpeg4', '-q:v', '4', '-c:a', 'libmp3lame'],
};

/**
 * Writes the pan as `name` in `dir` with a 440 Hz tone, a keyframe every second. `turned`: the
 * pixels are stored a quarter turn clockwise with a display matrix turning them back (ffprobe:
 * `rotation: 90`; ffmpeg's own autorotate shows them upright), as phones record.
 */
export async function makePanVideo(
  tools: VideoTools,
  dir: string,
  name: string,
  clip: PanClip,
  container: keyof typeof CODECS,
  { turned = false }: { turned?: boolean } = {},
): Promise<string> {
  const out = join(dir, name);
  const encoded = turned ? join(dir, `stored-${name}`) : out;
  const crop = `crop=${clip.width}:${clip.height}:'min(${clip.scaled - clip.width},${clip.speed}*t)':${clip.top}`;
  const filter = `[0:v]scale=${clip.scaled}:${clip.scaled},format=rgb24,${crop}${turned ? ',transpose=clock' : ''},format=yuv420p[v]`;
  await runTool(
    tools.ffmpeg,
    [
      '-nostdin',
      '-v',
      'error',
      '-loop',
      '1',
      '-framerate',
      String(clip.fps),
      '-i',
      PORTRAIT,
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=440:duration=${clip.seconds}`,
      '-filter_complex',
      filter,
      '-map',
      '[v]',
      '-map',
      '1:a',
      '-t',
      String(clip.seconds),
      '-r',
      String(clip.fps),
      '-g',
      String(clip.fps),
      ...CODECS[container],
      '-y',
      encoded,
    ],
    { timeoutMs: 60_000 },
  );
  if (turned) {
    // ffmpeg 4.1 writes the display matrix only when copying, not when encoding.
    await runTool(
      tools.ffmpeg,
      [
        '-nostdin',
        '-v',
        'error',
        '-i',
        encoded,
        '-map',
        '0',
        '-c',
        'copy',
        '-metadata:s:v:0',
        'rotate=90',
        '-y',
        out,
      ],
      { timeoutMs: 60_000 },
    );
  }
  return out;
}

/** A plain clip of `seconds` at `width`×`height` (for the limits), no audio. */
export async function makePlainVideo(
  tools: VideoTools,
  out: string,
  seconds: number,
  width: number,
  height: number,
): Promise<string> {
  await runTool(
    tools.ffmpeg,
    [
      '-nostdin',
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=${width}x${height}:rate=2:duration=${seconds}`,
      ...CODECS.mp4.slice(0, 6),
      '-y',
      out,
    ],
    { timeoutMs: 60_000 },
  );
  return out;
}

/** Every frame of a video, as the pipeline decodes them. */
export async function readAllFrames(
  tools: VideoTools,
  path: string,
  container: Container,
  format: FrameFormat,
  options: DecodeOptions = {},
): Promise<Buffer[]> {
  const frames: Buffer[] = [];
  for await (const frame of decodeFrames(tools, path, container, format, 60_000, options)) {
    frames.push(Buffer.from(frame));
  }
  return frames;
}

/** Mean absolute difference of two rgb24 frames over `box`. */
export function meanDiff(a: Buffer, b: Buffer, width: number, box: Box): number {
  let sum = 0;
  let n = 0;
  for (let y = Math.max(0, Math.floor(box.y)); y < Math.floor(box.y + box.h); y++)
    for (let x = Math.max(0, Math.floor(box.x)); x < Math.floor(box.x + box.w); x++)
      for (let c = 0; c < 3; c++) {
        const i = (y * width + x) * 3 + c;
        sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
        n++;
      }
  return n === 0 ? 0 : sum / n;
}
