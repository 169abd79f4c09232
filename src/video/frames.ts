// Frames in and out of ffmpeg as raw RGB: a decoder yields one frame buffer at a time, an encoder
// takes them back (H.264), with backpressure both ways so memory holds a few frames only.
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { RawImage } from '../imaging/mask.js';
import { demuxerOf, type Container } from './probe.js';
import { LOCAL_PROTOCOLS, SAFE_INPUT_ARGS, startTool, type VideoTools } from './tools.js';

/** Frame size and rate of a stream of raw frames. */
export interface FrameFormat {
  width: number;
  height: number;
  /** Frames per second, as ffmpeg takes it (`30000/1001` or `25`). */
  rate: string;
}

/** How a decoder turns stored frames before they come out (see `rotationFilter`). */
export interface DecodeOptions {
  /** An ffmpeg filter chain applied to every frame, e.g. `transpose=clock`. */
  filter?: string | undefined;
}

const CHANNELS = 3;

/** Bytes of one rgb24 frame. */
export const frameBytes = ({ width, height }: Pick<FrameFormat, 'width' | 'height'>) =>
  width * height * CHANNELS;

/** A decoded frame as the imaging code sees it. */
export function asImage(data: Buffer, { width, height }: FrameFormat): RawImage {
  return { data, width, height, channels: CHANNELS };
}

/** Cuts a byte stream into whole frames of `size` bytes; a trailing partial frame is an error. */
export async function* framesOf(
  stream: AsyncIterable<Buffer>,
  size: number,
): AsyncGenerator<Buffer> {
  let frame = Buffer.allocUnsafe(size);
  let filled = 0;
  for await (const chunk of stream) {
    let offset = 0;
    while (offset < chunk.length) {
      const n = Math.min(size - filled, chunk.length - offset);
      chunk.copy(frame, filled, offset, offset + n);
      filled += n;
      offset += n;
      if (filled === size) {
        yield frame;
        frame = Buffer.allocUnsafe(size);
        filled = 0;
      }
    }
  }
  if (filled !== 0) throw new Error(`stream ended inside a frame (${filled} of ${size} bytes)`);
}

/**
 * Decodes the first video stream of a local file to rgb24 frames at a constant `format.rate`
 * (frames are repeated or dropped as a variable-rate source needs, so duration is kept), of
 * `format`'s size once `filter` has run.
 */
export async function* decodeFrames(
  tools: VideoTools,
  path: string,
  container: Container,
  format: FrameFormat,
  timeoutMs: number,
  { filter }: DecodeOptions = {},
): AsyncGenerator<Buffer> {
  const tool = startTool(
    tools.ffmpeg,
    [
      ...SAFE_INPUT_ARGS,
      ...LOCAL_PROTOCOLS,
      // Turning is `filter`'s job alone, whatever side data the stream carries.
      '-noautorotate',
      '-f',
      demuxerOf(container),
      '-i',
      path,
      '-map',
      '0:v:0',
      ...(filter ? ['-vf', filter] : []),
      '-r',
      format.rate,
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      'pipe:1',
    ],
    timeoutMs,
  );
  let finished = false;
  try {
    yield* framesOf(tool.child.stdout as Readable, frameBytes(format));
    await tool.done;
    finished = true;
  } finally {
    // The caller stopped early (or failed): the decoder has nothing left to do.
    if (!finished) {
      tool.child.kill('SIGKILL');
      await tool.done.catch(() => undefined);
    }
  }
}

export interface EncoderSettings {
  /** x264 constant rate factor (lower: better and bigger). */
  crf: number;
  /** x264 preset. */
  preset: string;
  timeoutMs: number;
}

/** Writes raw frames into an H.264 stream in a Matroska file (video only). */
export class FrameEncoder {
  private readonly stdin: Writable;
  frames = 0;

  private constructor(private readonly tool: ReturnType<typeof startTool>) {
    this.stdin = tool.child.stdin as Writable;
  }

  static start(tools: VideoTools, out: string, format: FrameFormat, settings: EncoderSettings) {
    const tool = startTool(
      tools.ffmpeg,
      [
        ...SAFE_INPUT_ARGS,
        '-f',
        'rawvideo',
        '-pix_fmt',
        'rgb24',
        '-s',
        `${format.width}x${format.height}`,
        '-framerate',
        format.rate,
        '-i',
        'pipe:0',
        // yuv420p needs even sides: an odd one gets a one-pixel border, never a crop.
        '-vf',
        'pad=ceil(iw/2)*2:ceil(ih/2)*2',
        '-c:v',
        'libx264',
        '-preset',
        settings.preset,
        '-crf',
        String(settings.crf),
        '-pix_fmt',
        'yuv420p',
        '-map_metadata',
        '-1',
        '-f',
        'matroska',
        '-y',
        out,
      ],
      settings.timeoutMs,
    );
    return new FrameEncoder(tool);
  }

  /** Queues one frame; waits while the encoder's pipe is full (or rejects if it died). */
  async write(frame: Buffer): Promise<void> {
    this.frames++;
    if (!this.stdin.write(frame)) {
      await Promise.race([once(this.stdin, 'drain'), this.tool.done]);
    }
  }

  /** Ends the stream and waits for the encoder to finish the file. */
  async finish(): Promise<void> {
    this.stdin.end();
    await this.tool.done;
  }

  /** Stops the encoder without a file (after a failure elsewhere). */
  async abort(): Promise<void> {
    this.tool.child.kill('SIGKILL');
    await this.tool.done.catch(() => undefined);
  }
}
